"""On a host that sends no headers (GitHub Pages), each page's own policy still protects it."""

import shutil

import pytest

from tests.conftest import KAP_ARTICLE
from tests.test_nginx_hosting import COMPILE_WEBASSEMBLY, RECORD_VIOLATIONS
from tools.browser import serve

pytestmark = pytest.mark.browser

# What an attacker might slip into an article: a script, and a script in an attribute.
INJECTED = """
<script>document.body.dataset.script = "ran";</script>
<img src="/favicon.ico" alt="" onload="document.body.dataset.handler = 'ran'">
"""


@pytest.fixture(scope="module")
def headerless(site, tmp_path_factory):
    """The built site, plus an article with injected code, served with no headers at all."""
    root = tmp_path_factory.mktemp("headerless") / "site"
    shutil.copytree(site, root)
    article = (root / KAP_ARTICLE).read_text(encoding="utf-8")
    injected = article.replace('<main id="main"', INJECTED + '<main id="main"', 1)
    assert injected != article
    (root / "injected").mkdir()
    (root / "injected" / "index.html").write_text(injected, encoding="utf-8")
    with serve(root, site_headers=False) as address:
        yield address


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.console_messages = []
    tab.on("console", lambda message: tab.console_messages.append(message.text))
    yield tab
    context.close()


def csp_problems(tab):
    reported = tab.evaluate("window.__cspViolations")
    logged = [text for text in tab.console_messages if "Content Security Policy" in text]
    return reported + logged


def open_page(tab, address, path):
    response = tab.goto(f"{address}/{path}", wait_until="load")
    assert response.status == 200
    assert "content-security-policy" not in response.headers, "the server must send none"
    return response


def test_no_page_breaks_its_own_policy(headerless, tab, page):
    open_page(tab, headerless, page.removesuffix("index.html"))
    assert csp_problems(tab) == []
    # The stylesheet really applied: the policy did not block it silently.
    assert tab.evaluate("document.styleSheets[0].cssRules.length") > 0


def test_an_injected_inline_script_and_event_handler_are_blocked(headerless, tab):
    open_page(tab, headerless, "injected/")
    ran = tab.evaluate("({...document.body.dataset})")
    assert ran == {}, "injected code ran"
    assert sorted(tab.evaluate("window.__cspViolations")) == [
        "script-src-attr inline",
        "script-src-elem inline",
    ]


def test_search_still_works_with_only_the_pages_own_policy(headerless, tab):
    open_page(tab, headerless, "search/?q=ketamine")
    result = tab.locator("[data-search-results] a[href*='/articles/ketamine-assisted']")
    result.first.wait_for(timeout=15000)
    assert csp_problems(tab) == []


def test_only_the_search_page_may_compile_webassembly(headerless, tab):
    open_page(tab, headerless, "about/")
    assert "violates the following Content Security policy" in tab.evaluate(COMPILE_WEBASSEMBLY)
    open_page(tab, headerless, "search/")
    assert tab.evaluate(COMPILE_WEBASSEMBLY) == "compiled"
