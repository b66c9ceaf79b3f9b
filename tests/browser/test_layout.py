"""Pages fit a small phone without sideways scrolling and stay readable when zoomed."""

import pytest

from tests.conftest import KAP_ARTICLE

pytestmark = pytest.mark.browser

SIDEWAYS_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Text cut off by a box too small for it, ignoring the 1 px labels meant for screen readers.
CLIPPED_TEXT = """() => [...document.querySelectorAll("body *")]
  .filter((element) => {
    const style = getComputedStyle(element);
    return ["hidden", "clip"].includes(style.overflowX) &&
      element.clientWidth > 1 && element.scrollWidth > element.clientWidth + 1;
  })
  .map((element) => element.outerHTML.slice(0, 120))"""

# Text that runs past the content box of the block that holds it, such as words a
# non-breaking space keeps together on a line too narrow for them. Nothing is clipped
# and the page does not scroll, yet the words spill over the box's padding and edge.
TEXT_PAST_ITS_BOX = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const spilled = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    let box = node.parentElement;
    while (getComputedStyle(box).display.startsWith("inline")) box = box.parentElement;
    const style = getComputedStyle(box);
    const edges = box.getBoundingClientRect();
    if (edges.width <= 1) continue;  // a label meant for screen readers
    const left = edges.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    const right = edges.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
    const text = document.createRange();
    text.selectNodeContents(node);
    if ([...text.getClientRects()].some((line) => line.left < left - 1 || line.right > right + 1))
      spilled.push(node.textContent.trim().slice(0, 60));
  }
  return spilled;
}"""


# What a reader sees once she has opened every folded part, such as the contents list.
OPEN_EVERYTHING = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"


@pytest.fixture
def narrow_tab(browser, site_url, request):
    """A tab whose viewport is `request.param` CSS pixels wide."""
    context = browser.new_context(viewport={"width": request.param, "height": 640})
    yield context.new_page()
    context.close()


# 320 CSS px is a 1280 px window at 400% zoom: WCAG's reflow width.
@pytest.mark.parametrize("narrow_tab", [320], indirect=True, ids=["320px"])
def test_page_needs_no_sideways_scrolling_at_320_px(narrow_tab, site_url, page):
    narrow_tab.goto(f"{site_url}/{page.removesuffix('index.html')}")
    narrow_tab.evaluate(OPEN_EVERYTHING)
    assert narrow_tab.evaluate(SIDEWAYS_OVERFLOW) <= 0
    assert not narrow_tab.evaluate(CLIPPED_TEXT)


@pytest.mark.parametrize("narrow_tab", [320], indirect=True, ids=["320px"])
def test_no_words_spill_out_of_their_box_at_320_px(narrow_tab, site_url, page):
    narrow_tab.goto(f"{site_url}/{page.removesuffix('index.html')}")
    narrow_tab.evaluate(OPEN_EVERYTHING)
    assert narrow_tab.evaluate(TEXT_PAST_ITS_BOX) == []


def test_page_stays_readable_at_200_percent_zoom(browser, site_url, page):
    # Zoom doubles every CSS pixel: a 1280 px window shows the page as if it were 640 px wide.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/{page.removesuffix('index.html')}")
        tab.evaluate(OPEN_EVERYTHING)
        assert tab.evaluate(SIDEWAYS_OVERFLOW) <= 0
        assert not tab.evaluate(CLIPPED_TEXT)
        smallest = tab.evaluate(
            """() => Math.min(...[...document.querySelectorAll("main p, main li, main a")]
              .map((element) => parseFloat(getComputedStyle(element).fontSize)))"""
        )
        assert smallest >= 14, "some text is smaller than 14 CSS px"
    finally:
        context.close()


# Where each contents entry's bullet sits: a character put before the link shares the
# bullet's line. How far it is from the top of the link's first line, in CSS px.
BULLET_DRIFT = """() => [...document.querySelectorAll(".ps-toc li")].map((item) => {
  const link = item.querySelector(":scope > a");
  const probe = document.createElement("span");
  probe.textContent = "\\u2060";  // a word joiner: no width
  item.prepend(probe);
  const first = document.createRange();
  first.setStart(link.firstChild, 0);
  first.setEnd(link.firstChild, 1);
  const drift = probe.getBoundingClientRect().top - first.getBoundingClientRect().top;
  probe.remove();
  const lineHeight = parseFloat(getComputedStyle(link).lineHeight);
  return {
    entry: link.textContent,
    // An entry wider than its line (one long word) starts below the probe: not this case.
    wrapsWithin: link.offsetHeight > 1.5 * lineHeight && link.offsetWidth <= item.clientWidth,
    drift,
  };
})"""


@pytest.mark.parametrize("narrow_tab", [320], indirect=True, ids=["320px"])
def test_a_contents_entry_that_wraps_keeps_its_bullet_beside_its_first_line(narrow_tab, site_url):
    narrow_tab.goto(f"{site_url}/{KAP_ARTICLE.removesuffix('index.html')}")
    narrow_tab.get_by_text("On this page").click()  # the list is folded until opened
    wrapped = [entry for entry in narrow_tab.evaluate(BULLET_DRIFT) if entry["wrapsWithin"]]
    assert wrapped, "no entry wraps at 320 px to try it on"
    assert [entry["entry"] for entry in wrapped if abs(entry["drift"]) > 4] == []
