"""The first screen shows the crisis line, the page's title and the start of its words.

Most readers arrive from a search on a phone: on every page, in light and dark mode, the
title starts near the top and the text starts before the reader has to scroll.
"""

import pytest

from tests.conftest import KAP_ARTICLE
from tools.report import page_type

pytestmark = pytest.mark.browser

# A small phone (iPhone SE), a common phone (iPhone 12 to 15) and a laptop.
VIEWPORTS = {"375x667": (375, 667), "390x844": (390, 844), "1280x800": (1280, 800)}
SMALL_PHONE = "375x667"
TITLE_WITHIN = 200  # CSS px from the top of a small phone's screen
LINES_SEEN = 3

# What a reader came for on each type of page: its words, not what sits above them.
ARTICLE_TEXT = ".ps-prose > p"
ARTICLE_SUMMARIES = ".ps-list__summary"
WORDS = {
    "KAP article": ARTICLE_TEXT,
    "Other articles": ARTICLE_TEXT,
    "Home": ARTICLE_SUMMARIES,
    "Home, later pages": ARTICLE_SUMMARIES,
    "Topic": ARTICLE_SUMMARIES,
    "Tag": ARTICLE_SUMMARIES,
    "Author": ARTICLE_SUMMARIES,
    "Search": "main form",
}
OTHER_WORDS = "main p, main li"

# Runs in the page, scrolled to the top: where the title, the crisis line and the words are,
# and how many lines of the words a reader sees without scrolling.
MEASURE = """(selector) => {
  const top = (element) => element.getBoundingClientRect().top;
  const words = [...document.querySelectorAll(selector)];
  const lines = [];
  for (const element of words) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of range.getClientRects()) {
        if (box.width > 0 && box.height > 0) lines.push(box);
      }
    }
  }
  // A line with a link or a footnote in it has several boxes: count each line once.
  lines.sort((a, b) => a.top - b.top);
  const distinct = [];
  for (const box of lines) {
    const last = distinct[distinct.length - 1];
    if (last && box.top < last.bottom - 4) last.bottom = Math.max(last.bottom, box.bottom);
    else distinct.push({ top: box.top, bottom: box.bottom });
  }
  const crisis = document.querySelector(".ps-crisis").getBoundingClientRect();
  return {
    title: top(document.querySelector("h1")),
    titleBottom: document.querySelector("h1").getBoundingClientRect().bottom,
    words: distinct.length ? distinct[0].top : null,
    lines: distinct.length,
    seen: distinct.filter((line) => line.top >= 0 && line.bottom <= innerHeight).length,
    crisisTop: crisis.top,
    crisisBottom: crisis.bottom,
    height: innerHeight,
  };
}"""


@pytest.fixture(scope="module")
def first_screen(browser, site_url):
    """Where things are on the first screen of a page, in CSS px from its top; each measured once.

    One tab per viewport and colour scheme goes from page to page.
    """
    tabs, measured = {}, {}

    def measure(page, viewport, scheme):
        if (page, viewport, scheme) in measured:
            return measured[page, viewport, scheme]
        if (viewport, scheme) not in tabs:
            width, height = VIEWPORTS[viewport]
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme=scheme
            )
            tabs[viewport, scheme] = context.new_page()
        tab = tabs[viewport, scheme]
        tab.goto(f"{site_url}/{page.removesuffix('index.html')}", wait_until="load")
        found = tab.evaluate(MEASURE, WORDS.get(page_type(page), OTHER_WORDS))
        words = "no words" if found["words"] is None else f"words at {found['words']:.0f} px"
        print(
            f"{page} at {viewport}, {scheme}: title at {found['title']:.0f} px, {words}, "
            f"{found['seen']} of {found['lines']} lines of them on the first screen; "
            f"crisis line {found['crisisTop']:.0f}-{found['crisisBottom']:.0f} px"
        )
        measured[page, viewport, scheme] = found
        return found

    yield measure
    for tab in tabs.values():
        tab.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_title_and_the_crisis_line_are_on_the_first_screen(
    first_screen, page, viewport, scheme
):
    found = first_screen(page, viewport, scheme)
    assert 0 <= found["crisisTop"] < found["crisisBottom"] <= found["title"]
    if viewport == SMALL_PHONE:
        assert found["title"] <= TITLE_WITHIN
    assert found["titleBottom"] <= found["height"]


def test_the_words_start_on_the_first_screen_of_a_small_phone(first_screen, page, scheme):
    found = first_screen(page, SMALL_PHONE, scheme)
    if found["words"] is not None:
        assert found["words"] < found["height"] - 20  # a line of text, not a sliver


# A small phone needs only the start of the words: see the test above.
@pytest.mark.parametrize("viewport", ["390x844", "1280x800"])
def test_three_lines_of_the_words_show_without_scrolling(first_screen, page, viewport, scheme):
    found = first_screen(page, viewport, scheme)
    assert found["seen"] >= min(LINES_SEEN, found["lines"])


def test_the_kap_articles_first_paragraph_starts_on_a_small_phones_first_screen(
    first_screen, scheme
):
    found = first_screen(KAP_ARTICLE, SMALL_PHONE, scheme)
    assert found["words"] is not None and found["words"] < found["height"] - 20


@pytest.mark.parametrize("viewport", [SMALL_PHONE, "390x844"])
def test_the_home_page_shows_the_latest_articles_title_and_summary_on_a_phone(
    first_screen, viewport, scheme
):
    found = first_screen("index.html", viewport, scheme)
    # Each summary sits under its article's title, so the title is on the screen too.
    assert found["words"] is not None and found["words"] < found["height"] - 20


# The contents list would push the text off a phone's first screen, so it is folded.
def test_the_contents_list_is_folded_and_opens_with_a_tap_without_javascript(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/{KAP_ARTICLE.removesuffix('index.html')}")
        first_entry = tab.locator(".ps-toc a").first
        assert not first_entry.is_visible()
        tab.get_by_text("On this page").click()
        assert first_entry.is_visible()
        first_entry.click()
        assert tab.url.endswith("#what-is-kap")
    finally:
        context.close()
