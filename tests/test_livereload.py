"""`invoke livereload` rebuilds on every save, shows drafts, and survives mistakes."""

import asyncio
import concurrent.futures
import functools
import http.client
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT, build
from tools.serving import SiteRequestHandler

WAIT = 120  # seconds; generous, because a busy CI machine is slow, and no timing is asserted


def free_port():
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


class Preview:
    """A running `invoke livereload`, with everything it printed."""

    def __init__(self, content, output, root=ROOT):
        self.content = content
        self.port = free_port()
        self.lines = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(self.port)]
            + ["--content", str(content), "--output", str(output)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda: self.get("/") is not None, "the preview to start")

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def printed(self):
        return "".join(self.lines)

    def get(self, path):
        try:
            url = f"http://localhost:{self.port}{path}"
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, condition, what):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"The preview stopped while waiting for {what}:\n{self.printed}")
            if condition():
                return
            time.sleep(0.3)
        pytest.fail(f"Timed out waiting for {what}. The preview printed:\n{self.printed}")

    def edit(self, relative, old, new):
        path = self.content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


@pytest.fixture
def preview(minimal_content, tmp_path):
    running = Preview(minimal_content, tmp_path / "output")
    yield running
    running.stop()


def page_has(preview, path, text):
    return lambda: text in (preview.get(path) or "")


def test_a_second_preview_on_a_taken_port_says_the_first_is_probably_running(
    minimal_content, tmp_path
):
    with socket.socket() as taken:
        taken.bind(("localhost", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port)]
            + ["--content", str(minimal_content), "--output", str(tmp_path / "output")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "Errno" not in output
    assert "already running in another Terminal window" in output
    assert f"http://localhost:{port}/" in output and "Ctrl+C" in output
    assert f"invoke livereload --port {port + 1}" in output
    assert not (tmp_path / "output").exists(), "it stops before building, not after"


def test_saving_an_article_updates_the_preview(preview):
    assert "so that a fixture site" in preview.get("/articles/first-steps/")
    preview.edit("articles/first-steps.md", "so that a fixture site", "so that a previewed site")
    preview.wait_for(page_has(preview, "/articles/first-steps/", "previewed site"), "the change")


def test_a_mistake_is_explained_and_the_last_good_page_stays_until_it_is_fixed(preview):
    preview.edit("articles/first-steps.md", "Date: 2026-01-15", "Date: 15th January")
    preview.wait_for(lambda: "is not a date the site can read" in preview.printed, "the message")
    assert "content/articles/first-steps.md, line 2 (Date)" in preview.printed
    assert "Traceback" not in preview.printed
    assert "so that a fixture site" in preview.get("/articles/first-steps/")

    preview.edit("articles/first-steps.md", "Date: 15th January", "Date: 2026-01-15")
    preview.edit("articles/first-steps.md", "so that a fixture site", "so that a fixed site")
    preview.wait_for(page_has(preview, "/articles/first-steps/", "fixed site"), "the fix")


def test_the_preview_home_page_lists_drafts(preview):
    (preview.content / "articles" / "work-in-progress.md").write_text(
        "Title: Work in progress\nDate: 2026-02-01\nSummary: Not ready yet.\nStatus: draft\n\n"
        "Still writing this.\n",
        encoding="utf-8",
    )
    preview.wait_for(page_has(preview, "/", "/drafts/work-in-progress/"), "the draft on home")
    home = preview.get("/")
    drafts = home.split('class="ps-drafts"')[1].split("</section>")[0]
    assert "Work in&nbsp;progress" in drafts and ">Draft<" in drafts
    assert "Still writing" in preview.get("/drafts/work-in-progress/")


@pytest.mark.browser
def test_the_browser_refreshes_by_itself_even_when_a_mistake_is_fixed_quickly(preview, browser):
    page = browser.new_page()
    page.goto(f"http://localhost:{preview.port}/articles/first-steps/")
    page.wait_for_function("document.body.innerText.includes('fixture site')")
    preview.wait_for(lambda: "Browser Connected" in preview.printed, "livereload.js")

    path = preview.content / "articles" / "first-steps.md"
    text = path.read_text(encoding="utf-8")
    # One save with a new sentence and a mistake: the preview keeps the last good page.
    path.write_text(
        text.replace("fixture site", "corrected site").replace("2026-01-15", "someday"),
        encoding="utf-8",
    )
    preview.wait_for(lambda: "not a date the site can read" in preview.printed, "message")
    assert "fixture site" in page.inner_text("body")
    # Fixed straight away: the browser refreshes by itself and shows the new sentence.
    preview.edit("articles/first-steps.md", "someday", "2026-01-15")
    page.wait_for_function(
        "document.body && document.body.innerText.includes('corrected site')",
        timeout=WAIT * 1000,
    )
    page.close()


def test_a_long_preview_session_does_not_pile_up_old_builds(minimal_content, tmp_path):
    # livereload rebuilds in one process; every build kept alive would slow the next ones.
    import gc

    sys.path.insert(0, str(ROOT))
    from pelican.contents import Article

    from plugins.runner import build
    from tasks import SETTINGS, _overrides

    overrides = _overrides(content=minimal_content, output=tmp_path / "output", drafts=True)
    for _ in range(3):
        build(SETTINGS, overrides)
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, Article)] == []


def test_a_change_to_the_sites_code_shows_in_the_preview_and_in_later_builds(
    minimal_content, tmp_path
):
    # A copy of the project, so that its code can be changed as a developer would.
    project = tmp_path / "project"
    for name in ("plugins", "tools", "theme", "publishing"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    words = " ".join(["Calm breathing helps."] * 100)  # 300 words: 2 minutes at 200 a minute
    (minimal_content / "articles" / "long-read.md").write_text(
        f"Title: A Long Read\nDate: 2026-02-01\nSummary: Three hundred words.\n\n{words}\n",
        encoding="utf-8",
    )
    preview = Preview(minimal_content, tmp_path / "output", root=project)
    try:
        assert "2 min read" in preview.get("/articles/a-long-read/")
        reader = project / "plugins" / "markdown_reader.py"
        code = reader.read_text(encoding="utf-8")
        reader.write_text(code.replace("WORDS_PER_MINUTE = 200", "WORDS_PER_MINUTE = 20"), "utf-8")
        preview.wait_for(page_has(preview, "/articles/a-long-read/", "15 min read"), "new code")
    finally:
        preview.stop()
    built = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--content", str(minimal_content)]
        + ["--output", str(tmp_path / "output")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    later = (tmp_path / "output" / "articles" / "a-long-read" / "index.html").read_text()
    assert "15 min read" in later


def not_found(preview, path):
    """The status and page the preview answers a missing address with."""
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"http://localhost:{preview.port}{path}", timeout=10)
    return error.value.code, error.value.read().decode("utf-8")


def test_a_missing_address_shows_the_sites_own_page_not_found(preview):
    status, page = not_found(preview, "/articles/no-such-post/")
    assert status == 404
    assert "Page not found" in page and "404: Not Found" not in page


def test_a_drafts_old_address_leads_to_the_published_post_after_a_build_and_a_restart(
    minimal_content, tmp_path
):
    draft = minimal_content / "articles" / "sleep-and-worry.md"
    draft.write_text(
        "Title: Sleep and Worry\nDate: 2026-01-20\nSummary: Why worry keeps you awake.\n"
        "Status: draft\n\nWorry keeps the mind busy at night.\n"
    )
    first = Preview(minimal_content, tmp_path / "output")
    try:
        first.wait_for(page_has(first, "/drafts/sleep-and-worry/", "Worry keeps"), "the draft")
    finally:
        first.stop()
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("Status: draft", "Status: published"), encoding="utf-8")
    # A build without the preview in between (`invoke build`) removes the draft's page.
    assert build(minimal_content, tmp_path / "output").returncode == 0

    again = Preview(minimal_content, tmp_path / "output")
    try:
        moved = again.get("/drafts/sleep-and-worry/")
        assert moved is not None, "the draft's address gives: page not found"
        assert "now published" in moved and "/articles/sleep-and-worry/" in moved
    finally:
        again.stop()


def answer(port, path, host):
    """(status, page) the server on this machine gives when asked under the name `host`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8")


def test_the_preview_answers_only_its_own_host_names(preview):
    # A website that points its own name at 127.0.0.1 (DNS rebinding) would otherwise
    # read the drafts through the reader's browser.
    (preview.content / "articles" / "private.md").write_text(
        "Title: Private thoughts\nDate: 2026-02-01\nSummary: Not ready.\nStatus: draft\n\n"
        "Not for anyone else yet.\n",
        encoding="utf-8",
    )
    preview.wait_for(page_has(preview, "/drafts/private-thoughts/", "Not for anyone"), "draft")
    port = preview.port
    for own in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        status, page = answer(port, "/drafts/private-thoughts/", own)
        assert status == 200 and "Not for anyone" in page, own
    for other in (f"evil.example:{port}", "evil.example", f"localhost.evil.example:{port}"):
        for path in ("/drafts/private-thoughts/", "/", "/livereload.js", "/forcereload"):
            status, page = answer(port, path, other)
            assert status == 421, (other, path)
            assert "Not for anyone" not in page
            assert f"answers only at http://localhost:{port}/" in page


def test_the_preview_reload_socket_refuses_other_websites(preview):
    # Each reload names the file saved: another website's page may not listen in.
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    def connect(origin):
        url = f"ws://localhost:{preview.port}/livereload"
        request = HTTPRequest(url, headers={"Origin": origin})

        async def opened():
            socket = await websocket_connect(request)
            socket.close()

        # In a thread of its own: the browser tests' Playwright holds this one's event loop.
        with concurrent.futures.ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, opened()).result()

    connect(f"http://localhost:{preview.port}")
    with pytest.raises(HTTPClientError) as refused:
        connect("http://evil.example")
    assert refused.value.code == 403


def test_serving_the_built_site_answers_only_its_own_host_names(tmp_path):
    (tmp_path / "index.html").write_text("<p>The home page</p>", encoding="utf-8")
    handler = functools.partial(SiteRequestHandler, directory=str(tmp_path))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        assert answer(port, "/", f"localhost:{port}") == (200, "<p>The home page</p>")
        status, page = answer(port, "/", f"evil.example:{port}")
        assert status == 421 and "The home page" not in page
        server.shutdown()
