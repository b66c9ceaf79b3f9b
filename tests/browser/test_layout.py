"""Pages fit a small phone without sideways scrolling and stay readable when zoomed."""

import pytest

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
    assert narrow_tab.evaluate(SIDEWAYS_OVERFLOW) <= 0
    assert not narrow_tab.evaluate(CLIPPED_TEXT)


def test_page_stays_readable_at_200_percent_zoom(browser, site_url, page):
    # Zoom doubles every CSS pixel: a 1280 px window shows the page as if it were 640 px wide.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/{page.removesuffix('index.html')}")
        assert tab.evaluate(SIDEWAYS_OVERFLOW) <= 0
        assert not tab.evaluate(CLIPPED_TEXT)
        smallest = tab.evaluate(
            """() => Math.min(...[...document.querySelectorAll("main p, main li, main a")]
              .map((element) => parseFloat(getComputedStyle(element).fontSize)))"""
        )
        assert smallest >= 14, "some text is smaller than 14 CSS px"
    finally:
        context.close()
