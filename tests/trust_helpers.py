"""Helpers for the trust tests: build with other settings, serve the site, open it in Chromium."""

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, built_site

sys.path.insert(0, str(ROOT))
import pelicanconf as SETTINGS  # noqa: E402, F401  (the settings the real site is built with)

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def build_with(output, settings="pelicanconf", content=None, env=None, **changes):
    """Build the site with `settings` plus `changes`, as `invoke build` would; return the output.

    The settings file lives in a temporary folder, so its paths are made absolute.
    """
    output = Path(output)
    settings_file = output.parent / f"{output.name}-settings.py"
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(ROOT)!r})",
        f"from {settings} import *",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT)!r}]",
        *(f"{name} = {value!r}" for name, value in changes.items()),
    ]
    settings_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from plugins.runner import build;"
        "build(sys.argv[2], {'PATH': sys.argv[3], 'OUTPUT_PATH': sys.argv[4],"
        " 'CACHE_PATH': sys.argv[4] + '.cache'})"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(ROOT),
            str(settings_file),
            str(content or ROOT / "content"),
            str(output),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise AssertionError(f"The site did not build:\n{result.stdout}\n{result.stderr}")
    return output


@functools.cache
def published_site():
    """The real site built with the publishing settings for https://example.org."""
    output = Path(tempfile.mkdtemp(prefix="published-")) / "output"
    return build_with(output, "publishconf", env={"SITEURL": "https://example.org"})


def soup(output, relative):
    return BeautifulSoup((Path(output) / relative).read_text(encoding="utf-8"), "html.parser")


def json_ld(document):
    """Every JSON-LD block on the page, parsed."""
    return [
        json.loads(script.string)
        for script in document.find_all("script", type="application/ld+json")
    ]


def article_pages(output=None):
    output = Path(output or built_site())
    return sorted(p.relative_to(output).as_posix() for p in output.glob("articles/*/index.html"))


def text(element):
    """What a reader sees: the element's text with runs of spaces (and no-break spaces) as one."""
    return " ".join(element.get_text(" ").split())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SiteServer:
    """Serves a built site on a free port of 127.0.0.1 for as long as the tests need it."""

    def __init__(self, folder):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def site_server():
    server = SiteServer(built_site())
    yield server
    server.close()


@pytest.fixture(scope="module")
def chromium(browser):
    return browser
