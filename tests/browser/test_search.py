"""Readers can search the articles from any page, with nothing but this site's own files."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

KAP_URL = "/articles/ketamine-assisted-psychotherapy-for-anxiety/"
PHONE_UP_TO = 640  # CSS px: below this the header shows a Search link instead of the box


def test_searching_for_ketamine_from_the_header_finds_the_kap_article(visit, width, scheme):
    # The local server sends the site's content security policy, so this also proves
    # that Pagefind runs under it ('wasm-unsafe-eval' and nothing looser).
    tab = visit.open("index.html")
    if width < PHONE_UP_TO:
        tab.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
        tab.wait_for_url(re.compile(r"/search/$"))
        tab.get_by_role("searchbox", name="Words to search for").fill("ketamine")
    else:
        tab.get_by_role("searchbox", name="Search this site").fill("ketamine")
    tab.get_by_role("button", name="Search").click()
    tab.wait_for_url(re.compile(r"/search/\?q=ketamine$"))
    result = tab.locator("[data-search-results] a").first
    result.wait_for()
    assert result.get_attribute("href") == KAP_URL
    assert "Ketamine-Assisted Psychotherapy" in result.inner_text()
    assert "match" in tab.get_by_role("status").inner_text()
    assert not visit.console_errors
    assert not visit.foreign_requests()
    # The results, as a reader sees them, pass the same accessibility rules as every page.
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert not results.response["violations"], results.generate_report()


def test_a_phone_header_has_a_search_link_and_a_wider_one_the_search_box(visit, width):
    # The box would take a line of the phone's first screen; the link leads to the same search.
    header = visit.open("about/index.html").locator(".ps-header")
    link = header.get_by_role("link", name="Search", exact=True, include_hidden=True)
    box = header.get_by_role("searchbox", name="Search this site")
    phone = width < PHONE_UP_TO
    assert link.is_visible() == phone
    assert box.is_visible() != phone
    assert link.get_attribute("href") == "/search/"


def test_a_search_with_no_match_says_so(visit):
    tab = visit.open("search/index.html")
    tab.get_by_role("searchbox").fill("zzqxnotaword")
    tab.keyboard.press("Enter")
    status = tab.get_by_role("status")
    status.filter(has_text="No page matches").wait_for()
    assert tab.locator("[data-search-results] li").count() == 0


def test_without_javascript_the_search_page_says_so_and_links_to_archives_and_tags(
    browser, site_url
):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/search/")
        note = tab.get_by_text("Search needs JavaScript")
        assert note.is_visible()
        links = note.get_by_role("link")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert hrefs == ["/archives/", "/tags/"]
    finally:
        context.close()


def test_header_search_box_works_as_a_plain_form_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/about/")
        tab.get_by_role("searchbox", name="Search this site").fill("ketamine")
        tab.keyboard.press("Enter")
        tab.wait_for_url(re.compile(r"/search/\?q=ketamine$"))
        assert tab.get_by_text("Search needs JavaScript").is_visible()
    finally:
        context.close()


def test_a_search_on_a_large_site_finds_matches_in_every_part_of_its_index(
    browser, minimal_content, tmp_path
):
    from tests.test_search_index import build_in_parts, write_notes
    from tools.browser import serve

    write_notes(minimal_content, 8, "quillwort")
    output = tmp_path / "output"
    assert len(build_in_parts(minimal_content, output, pages_per_part=3)) >= 3
    context = browser.new_context()
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        with serve(output) as address:
            tab.goto(f"{address}/search/?q=quillwort")
            tab.get_by_role("status").filter(has_text="8 pages match").wait_for()
            links = tab.locator("[data-search-results] a")
            hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
            tab.goto(f"{address}/search/?q=elmwood")
            tab.get_by_role("status").filter(has_text="1 page matches").wait_for()
        assert hrefs == {f"/articles/note-{number}/" for number in range(1, 9)}
        assert not errors
    finally:
        context.close()


def test_search_results_lead_to_the_right_pages_when_the_site_lives_in_a_folder(
    browser, minimal_content, tmp_path, monkeypatch
):
    # A GitHub Pages project site lives at https://name.github.io/clinic/.
    import socket

    from plugins.runner import build
    from tests.conftest import ROOT
    from tests.test_search_index import write_notes
    from tools.browser import serve

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("SITEURL", f"http://127.0.0.1:{port}/clinic")
    write_notes(minimal_content, 4, "quillwort")
    host = tmp_path / "host"
    settings = {
        "PATH": str(minimal_content),
        "OUTPUT_PATH": str(host / "clinic"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "SEARCH_PAGES_PER_PART": 3,  # merged parts must know the folder too
    }
    build(ROOT / "publishconf.py", settings)
    context = browser.new_context()
    try:
        tab = context.new_page()
        with serve(host, port=port, site_path="/clinic/") as address:
            tab.goto(f"{address}/clinic/search/?q=quillwort")
            tab.get_by_role("status").filter(has_text="4 pages match").wait_for()
            links = tab.locator("[data-search-results] a")
            hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
        assert hrefs == {f"/clinic/articles/note-{number}/" for number in range(1, 5)}
    finally:
        context.close()
