"""In Chromium: the Spanish pages search in Spanish, pass axe, and keep help on the first screen.

The site is the minimal fixture plus its Spanish translation (tests/fixtures/translated/),
built as `invoke build` builds it, Pagefind index and all.
"""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import ROOT
from tests.browser.test_accessibility import AXE_TAGS, describe
from tests.conftest import FIXTURES, build
from tools.browser import serve

pytestmark = pytest.mark.browser

SPANISH_ARTICLE = "/es/articles/first-steps/"
ENGLISH_ARTICLE = "/articles/first-steps/"
axe = Axe()
FINISHED = """() => {
  const said = document.querySelector("[data-search-status]").textContent;
  return said !== "" && !said.endsWith("…");
}"""


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spanish")
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    shutil.copy(FIXTURES / "translated" / "primeros-pasos.md", content / "articles")
    result = build(content, folder / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(folder / "output") as address:
        yield address


@pytest.fixture
def tab(contexts, request):
    params = getattr(request.node, "callspec", None)
    params = params.params if params else {}
    opened = contexts(params.get("width", 1280), params.get("scheme", "light")).new_page()
    yield opened
    opened.close()


def search(tab, address, query):
    """The addresses of the results, and what the page said about them."""
    tab.goto(f"{address}?q={query}", wait_until="load")
    # "Searching…" first, then what was found.
    tab.wait_for_function(FINISHED)
    links = tab.locator("[data-search-results] a").evaluate_all("l => l.map(a => a.pathname)")
    return links, tab.locator("[data-search-status]").text_content()


def test_the_spanish_search_page_finds_the_spanish_article_only(tab, spanish_site):
    found, said = search(tab, f"{spanish_site}/search/es/", "mariposa")
    assert found == [SPANISH_ARTICLE]
    assert said == "1 página coincide con «mariposa»."


def test_the_english_search_page_finds_english_pages_only(tab, spanish_site):
    found, said = search(tab, f"{spanish_site}/search/", "fixture")
    assert ENGLISH_ARTICLE in found
    assert not [path for path in found if path.startswith("/es/")]
    assert "match" in said
    nothing, said = search(tab, f"{spanish_site}/search/", "mariposa")
    assert nothing == []
    assert said == "No page matches “mariposa”. Try another word."


# `scheme` runs each in light and dark (tests/browser/conftest.py).
@pytest.mark.parametrize("path", [SPANISH_ARTICLE, "/es/", "/search/es/", ENGLISH_ARTICLE])
def test_spanish_pages_and_the_switch_have_no_accessibility_violations(
    tab, spanish_site, path, scheme
):
    tab.goto(spanish_site + path, wait_until="load")
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    assert not violations, describe(violations)
    assert results.response["passes"], "axe checked nothing: the page did not load"


def test_on_a_phone_the_spanish_crisis_line_title_and_text_start_on_the_first_screen(
    contexts, spanish_site
):
    tab = contexts(375).new_page()
    tab.goto(spanish_site + SPANISH_ARTICLE, wait_until="load")
    height = tab.viewport_size["height"]
    for selector in ("aside.ps-crisis a[href='tel:988']", "h1", ".ps-prose p"):
        box = tab.locator(selector).first.bounding_box()
        assert box["y"] < height, f"{selector} starts below the first screen"
    switch = tab.locator("nav.ps-language a")
    assert switch.text_content() == "English"
    switch.click()
    tab.wait_for_url(f"**{ENGLISH_ARTICLE}")
    assert tab.locator("html").get_attribute("lang") == "en"
    tab.close()
