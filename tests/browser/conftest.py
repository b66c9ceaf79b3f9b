"""Real Chromium, one for the whole run, reading the built site from a local server."""

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.browser import serve  # noqa: E402

WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = ("light", "dark")
SEARCH_PAGE = "search/index.html"


def pytest_generate_tests(metafunc):
    # Alongside `page` (every built page), tests run at both widths and in both colour schemes.
    if "width" in metafunc.fixturenames:
        metafunc.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
    if "scheme" in metafunc.fixturenames:
        metafunc.parametrize("scheme", SCHEMES)


@pytest.fixture(scope="session")
def site_url(site):
    """The address of the built site, served with its content security policy."""
    with serve(site) as address:
        yield address


def url_of(site_url, page):
    """The address a reader types for a built file: /about/ rather than /about/index.html."""
    path = page.removesuffix("index.html")
    return f"{site_url}/{path}"


class Visit:
    """One page open in a browser tab, with everything it logged and requested."""

    def __init__(self, tab, site_url):
        self.tab = tab
        self.site_url = site_url
        self.console_errors = []
        self.requests = []
        self.failures = []
        tab.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        tab.on("pageerror", lambda error: self.console_errors.append(str(error)))
        tab.on("request", lambda request: self.requests.append(request.url))
        tab.on("requestfailed", lambda request: self.failures.append(request.url))
        tab.on(
            "response",
            lambda response: (
                self.failures.append(f"{response.url} ({response.status})")
                if response.status >= 400
                else None
            ),
        )

    def open(self, page):
        self.tab.goto(url_of(self.site_url, page), wait_until="load")
        return self.tab

    def foreign_requests(self):
        origin = urlsplit(self.site_url).netloc
        return [url for url in self.requests if urlsplit(url).netloc != origin]


@pytest.fixture(scope="session")
def contexts(browser):
    """One browser context per width and colour scheme, shared by every test that needs it."""
    opened = {}

    def context(width=1280, scheme="light", javascript=True):
        key = width, scheme, javascript
        if key not in opened:
            opened[key] = browser.new_context(
                viewport={"width": width, "height": 800},
                color_scheme=scheme,
                java_script_enabled=javascript,
            )
            opened[key].set_default_timeout(10_000)
        return opened[key]

    yield context
    for context in opened.values():
        context.close()


@pytest.fixture
def visit(contexts, site_url, request):
    """A fresh tab at the test's width and colour scheme (light and wide unless parametrized)."""
    params = getattr(request.node, "callspec", None)
    params = params.params if params else {}
    tab = contexts(params.get("width", 1280), params.get("scheme", "light")).new_page()
    yield Visit(tab, site_url)
    tab.close()
