"""`invoke livereload`: a preview that rebuilds on every save and refreshes the browser.

The builds run in a separate process, which stays ready between saves (its caches and
helpers are warm). This process serves the site and watches the files; it never loads
Pelican or the plugins. When the site's code or settings change (plugins/**/*.py,
pelicanconf.py, publishconf.py), the build process is started again, so the preview never
shows, or caches, what old code made.

    python -m tools.preview --worker SETTINGS OVERRIDES   (the build process itself)
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_files():
    """The files whose change means the build process must start again."""
    return [
        *sorted((ROOT / "plugins").rglob("*.py")),
        ROOT / "pelicanconf.py",
        ROOT / "publishconf.py",
    ]


def code_version():
    """What the code files are now: their paths, sizes and modification times."""
    version = []
    for path in code_files():
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        version.append((str(path), stat.st_size, stat.st_mtime_ns))
    return version


class BuildProcess:
    """A process that builds the site each time it is asked, with the code it started with."""

    def __init__(self, settings_file, overrides):
        self.command = [
            sys.executable,
            "-m",
            "tools.preview",
            "--worker",
            str(settings_file),
            json.dumps(overrides),
        ]
        self.process = None
        self.version = None

    def build(self):
        """Build once; return (report of warnings, failure message or None)."""
        version = code_version()
        if self.process is None or self.process.poll() is not None or version != self.version:
            if self.process is not None and self.process.poll() is None:
                print("The site's code or settings changed: starting the build again.", flush=True)
            self.stop()
            self.version = version
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        try:
            self.process.stdin.write("build\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            answer = ""
        if not answer:
            self.stop()
            return "", (
                "The preview's build stopped unexpectedly. Save again to retry; if it keeps "
                "happening, run `invoke check` for details."
            )
        outcome = json.loads(answer)
        return outcome["report"], outcome["failure"]

    def stop(self):
        """Let the process finish what it is doing and go; it stops its own helpers."""
        if self.process is None:
            return
        process, self.process = self.process, None
        try:
            process.stdin.close()
            process.wait(timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()


def work(settings_file, overrides):
    """In the build process: build at each request, answer on stdout with one JSON line."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # what builds print goes to the terminal
    sys.path.insert(0, str(ROOT))
    from plugins import runner

    for _ in sys.stdin:
        failure, warnings_report = None, ""
        try:
            warnings = runner.build(settings_file, overrides)
            warnings_report = runner.report(warnings, overrides)
        except runner.BuildFailed as failed:
            failure = str(failed)
        except Exception as error:  # whatever goes wrong, the preview keeps serving
            failure = (
                f"The preview could not be rebuilt: {type(error).__name__}: {error}\n"
                "Run `invoke check` for details."
            )
        sys.stdout.flush()
        answers.write(json.dumps({"report": warnings_report, "failure": failure}) + "\n")
        answers.flush()


def instant_watcher(folders):
    """A livereload watcher the system tells of changes at once, instead of looking every 0.8 s."""
    import watchfiles
    from livereload.watcher import Watcher
    from tornado import ioloop

    from plugins import compat

    class InstantWatcher(Watcher):
        def start(self, callback):
            loop = ioloop.IOLoop.current()
            paths = [str(folder) for folder in folders]
            compat.note_every_file_now(self)  # so the first change rebuilds once, not "all new"
            loop.add_callback(callback)  # sends livereload's own "server restarted" reload

            def notify():
                for _ in watchfiles.watch(*paths, recursive=True, step=20, rust_timeout=0):
                    loop.add_callback(callback)

            threading.Thread(target=notify, daemon=True).start()
            return True  # livereload then does not poll as well

    return InstantWatcher()


def answer_only(hosts, port):
    """Make every handler of the preview refuse a request under any name but `hosts`.

    A website can point a name of its own at 127.0.0.1 (DNS rebinding) and read what the
    preview serves, drafts included, through the reader's browser; and any page may open
    the reload socket, which names each file saved.
    """
    from urllib.parse import urlsplit

    from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler

    from tools.serving import misdirected

    def prepare(handler):
        if handler.request.host.lower() not in hosts:
            handler.set_status(421, "Misdirected Request")
            handler.set_header("Content-Type", "text/plain; charset=utf-8")
            handler.finish(misdirected(port))

    # livereload's handlers prepare nothing of their own, and accept a socket from any page.
    for handler in (ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler):
        handler.prepare = prepare
    LiveReloadHandler.check_origin = lambda handler, origin: (
        urlsplit(origin).netloc.lower() in hosts
    )
    return prepare


def site_file_handler(prepare=None):
    """The file handler of the preview, answering a missing address with the site's own 404 page."""
    from livereload.handlers import StaticFileHandler

    class SiteFileHandler(StaticFileHandler):
        def prepare(self):
            if prepare is not None:
                prepare(self)

        def write_error(self, status_code, **kwargs):
            # As the public host does (tools/serving.py), so a draft's old address or a
            # mistyped link shows the page readers would see, not Tornado's bare "404".
            page = Path(self.root) / "404.html"
            if status_code != 404 or not page.is_file():
                return super().write_error(status_code, **kwargs)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            return self.finish(page.read_bytes())

    return SiteFileHandler


def preview(settings_file, overrides, content, output, host, port):
    """Build, serve `output` at http://host:port/, and rebuild whenever a watched file changes."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado.netutil import bind_sockets

    from tools.serving import PortTaken, is_port_taken, own_hosts

    # Claim the port as the server will, before a build the writer would wait for in vain.
    try:
        for probe in bind_sockets(port, address=host):
            probe.close()
    except OSError as error:
        if is_port_taken(error):
            raise PortTaken(host, port, "livereload") from None
        raise

    # livereload skips a browser refresh within 3 s of the last one, so a quick fix after a
    # mistake would not show; the rebuild itself already runs once per batch of saves.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    builds = BuildProcess(settings_file, overrides)

    def rebuild():
        started = time.monotonic()
        warnings_report, failure = builds.build()
        if failure:
            # Keep serving the last good build; the next save tries again.
            print(f"\n{failure}\n", flush=True)
            print(
                "The preview still shows the last version without mistakes. Fix the problems "
                "above and save: the browser refreshes by itself.",
                flush=True,
            )
            return
        if warnings_report:
            print(f"\n{warnings_report}\n", flush=True)
        print(f"Updated the preview in {time.monotonic() - started:.1f} s.", flush=True)

    rebuild()
    theme = ROOT / "theme"
    folders = (content, theme, ROOT / "plugins", ROOT / "pelicanconf.py", ROOT / "publishconf.py")
    server = Server(watcher=instant_watcher(folders))
    server.SFH = site_file_handler(answer_only(own_hosts(host, port), port))
    for pattern in (
        content / "**" / "*",
        theme / "**" / "*",
        ROOT / "plugins" / "**" / "*.py",
        ROOT / "pelicanconf.py",
        ROOT / "publishconf.py",
    ):
        server.watch(str(pattern), rebuild)
    print(f"Previewing at http://{host}:{port}/ — save a file and the page refreshes.", flush=True)
    try:
        server.serve(host=host, port=port, root=str(output))
    except OSError as error:
        if is_port_taken(error):  # taken in the moment since the check above
            raise PortTaken(host, port, "livereload") from None
        raise
    finally:
        builds.stop()


if __name__ == "__main__" and sys.argv[1:2] == ["--worker"]:
    work(sys.argv[2], json.loads(sys.argv[3]))
