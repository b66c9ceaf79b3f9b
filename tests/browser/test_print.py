"""A printed article carries what a reader needs on paper, and leaves the screen clutter off."""

import re

import pytest

pytestmark = pytest.mark.browser

KAP_ARTICLE = "articles/ketamine-assisted-psychotherapy-for-anxiety/index.html"


@pytest.fixture
def printed(visit):
    tab = visit.open(KAP_ARTICLE)
    tab.emulate_media(media="print")
    return tab


def test_printed_article_shows_title_byline_credentials_and_dates(printed):
    assert printed.locator("h1").is_visible()
    byline = printed.locator(".ps-byline")
    assert byline.is_visible()
    assert re.search(r"Stephanie Post, PsyD", byline.inner_text())
    published = printed.locator(".ps-meta").get_by_text("Published")
    assert published.is_visible()
    # The review date arrives with the trust work; when the template shows one, it must print.
    for reviewed in printed.locator(".ps-meta li").filter(has_text="Review").all():
        assert reviewed.is_visible()


def test_printed_article_shows_where_it_lives_online(printed):
    address = printed.locator(".ps-print-only")
    assert address.is_visible()
    assert address.inner_text().endswith("/articles/ketamine-assisted-psychotherapy-for-anxiety/")


def test_printed_article_keeps_references_and_the_crisis_line(printed):
    for footnotes in printed.locator(".footnote").all():
        assert footnotes.is_visible()
    crisis = printed.locator(".ps-crisis")
    assert crisis.is_visible()
    assert "988" in crisis.inner_text()


def test_printed_article_leaves_out_navigation_search_and_footer_links(printed):
    for clutter in (
        ".ps-skip-link",
        ".ps-nav",
        ".ps-search-form",
        ".ps-footer__nav",
        ".ps-footer__privacy",
        ".ps-handout",
        ".ps-toc",
        ".ps-neighbors",
    ):
        for element in printed.locator(clutter).all():
            assert not element.is_visible(), f"{clutter} shows on paper"


def test_print_address_stays_off_the_screen(visit):
    tab = visit.open(KAP_ARTICLE)
    assert not tab.locator(".ps-print-only").is_visible()
