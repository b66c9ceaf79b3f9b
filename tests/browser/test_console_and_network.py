"""Pages load cleanly: no console errors, nothing from other websites, nothing missing."""

import pytest

SEARCH_PAGE = "search/index.html"

pytestmark = pytest.mark.browser


def test_page_loads_cleanly_from_this_site_alone(visit, page, width, scheme):
    visit.open(page)
    assert not visit.console_errors, "the browser reported errors"
    assert not visit.foreign_requests(), "the page asked another website for something"
    assert not visit.failures, "something the page needs did not load"


def test_only_the_search_page_loads_search_scripts(visit, page):
    tab = visit.open(page)
    search_files = [url for url in visit.requests if "/pagefind/" in url]
    # JSON-LD blocks are data, not code: the browser never runs them.
    scripts = tab.locator('script:not([type="application/ld+json"])').count()
    if page == SEARCH_PAGE:
        assert scripts == 1
    else:
        assert not search_files
        assert scripts == 0


def test_page_reads_the_same_without_javascript(contexts, visit, page):
    if page == SEARCH_PAGE:
        pytest.skip("the search page says what it needs instead: see test_search.py")
    with_script = visit.open(page).locator("main").inner_text()
    tab = contexts(javascript=False).new_page()
    try:
        tab.goto(visit.tab.url)
        assert tab.locator("main").inner_text() == with_script
    finally:
        tab.close()
