"""Tasks for writing, checking, previewing and publishing the site: run `invoke --list`."""

import functools
import http.server
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
HOST = "localhost"
PORT = 8000

sys.path.insert(0, str(ROOT))
from plugins.content_checks import report  # noqa: E402
from plugins.runner import BuildFailed  # noqa: E402
from plugins.runner import build as run_build  # noqa: E402


def _overrides(content=None, output=None, drafts=False):
    """Settings that differ from pelicanconf.py for this run."""
    overrides = {"SHOW_DRAFTS": drafts}
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    if output:
        output = Path(output).resolve()
        overrides["OUTPUT_PATH"] = str(output)
        overrides["CACHE_PATH"] = str(output.parent / f"{output.name}.cache")
    return overrides


def _build(settings=SETTINGS, check_only=False, **overrides):
    """Build (or check) and print the outcome; stop with the plain-language report on errors."""
    try:
        warnings = run_build(settings, _overrides(**overrides), check_only=check_only)
    except BuildFailed as failure:
        raise Exit(f"\n{failure}\n", code=1) from None
    if warnings:
        print(f"\n{report(warnings)}\n")
    return warnings


@task(
    default=True,
    help={
        "content": "Build from another content folder (used by tests and the benchmark).",
        "output": "Write the site to another folder instead of output/.",
    },
)
def build(c, content=None, output=None):
    """Check the content and build the site into output/, stopping on any mistake."""
    _build(content=content, output=output)


@task(help={"content": "Check another content folder instead of content/."})
def check(c, content=None):
    """Check every article and page and list every problem, without building."""
    warnings = _build(check_only=True, content=content, output=OUTPUT)
    if not warnings:
        print("No problems found.")


@task
def clean(c):
    """Delete the built site and the build cache."""
    for folder in (OUTPUT, CACHE):
        shutil.rmtree(folder, ignore_errors=True)


@task(pre=[clean])
def rebuild(c):
    """Build the site from scratch, without the cache."""
    _build()


class _SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves output/ the way a static host does, with the site's own 404 page."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


@task(help={"port": f"The port to serve on (default {PORT})."})
def serve(c, port=PORT):
    """Serve the built site at http://localhost:8000 until you press Ctrl+C."""
    if not (OUTPUT / "index.html").is_file():
        raise Exit("There is no built site yet. Run `invoke build` first.")
    handler = functools.partial(_SiteRequestHandler, directory=str(OUTPUT))
    with http.server.ThreadingHTTPServer((HOST, int(port)), handler) as server:
        print(f"Serving the site at http://{HOST}:{port}/ (press Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def _instant_watcher(folders):
    """A livereload watcher the system tells of changes at once, instead of looking every 0.8 s."""
    import threading

    import watchfiles
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado import ioloop

    # livereload ignores a second save within 3 s of the last refresh; writers save often.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0.5

    class InstantWatcher(Watcher):
        def start(self, callback):
            loop = ioloop.IOLoop.current()
            paths = [str(folder) for folder in folders]
            # Note every file's time now, so the first change rebuilds once, not "all new".
            for path, watched in self._tasks.items():
                self._task_mtimes = watched["mtimes"]
                self.is_changed(path, watched["ignore"])
            loop.add_callback(callback)  # sends livereload's own "server restarted" reload

            def notify():
                for _ in watchfiles.watch(*paths, recursive=True, step=20, rust_timeout=0):
                    loop.add_callback(callback)

            threading.Thread(target=notify, daemon=True).start()
            return True  # livereload then does not poll as well

    return InstantWatcher()


@task(
    help={
        "port": f"The port to serve on (default {PORT}).",
        "content": "Preview another content folder (used by the benchmark).",
        "output": "Write the preview to another folder instead of output/.",
    }
)
def livereload(c, port=PORT, content=None, output=None):
    """Preview the site, drafts included, and refresh the browser whenever you save a change."""
    from livereload import Server

    content = Path(content).resolve() if content else ROOT / "content"
    output = Path(output).resolve() if output else OUTPUT

    def rebuild_preview():
        try:
            _build(drafts=True, content=content, output=output)
        except Exit as failure:
            # Keep serving the last good build; the next save tries again.
            print(failure.message)

    rebuild_preview()
    watched = (content, ROOT / "theme", ROOT / "plugins", SETTINGS, PUBLISH_SETTINGS)
    server = Server(watcher=_instant_watcher(watched))
    for pattern in (
        f"{content}/**/*",
        "theme/**/*",
        "plugins/*.py",
        "pelicanconf.py",
        "publishconf.py",
    ):
        server.watch(str(ROOT / pattern), rebuild_preview)
    print(f"Previewing at http://{HOST}:{port}/ — save a file and the page refreshes.")
    server.serve(host=HOST, port=int(port), root=str(output))


@task(help={"siteurl": "The public address to build for (default http://localhost:8000)."})
def preview(c, siteurl=f"http://{HOST}:{PORT}"):
    """Build with the publishing settings and serve the result at http://localhost:8000."""
    import os

    os.environ["SITEURL"] = siteurl
    _build(settings=PUBLISH_SETTINGS)
    serve(c)


@task(
    help={
        "articles": "Corpus sizes, comma-separated (default 100,1000,4000).",
        "repeats": "How many times each build runs (default 3).",
        "saves": "How many saves to time under livereload per size (default 3; 0 skips).",
    }
)
def bench(c, articles="100,1000,4000", repeats=3, saves=3):
    """Time the build against plain Pelican and write benchmarks/README.md."""
    from benchmarks.run import bench as run_bench

    print(run_bench([int(n) for n in articles.split(",")], int(repeats), int(saves)))
