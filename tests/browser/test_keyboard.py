"""A keyboard user can skip to the content, and always sees where the focus is."""

import pytest

pytestmark = pytest.mark.browser

AFTER_MAIN_START = """() => {
  const main = document.getElementById("main");
  const position = main.compareDocumentPosition(document.activeElement);
  const inside = Node.DOCUMENT_POSITION_CONTAINED_BY | Node.DOCUMENT_POSITION_FOLLOWING;
  return Boolean(position & inside);
}"""

# What the focused element looks like, and whether a reader can see it at all.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const rect = [...element.getClientRects()].find((r) => r.width > 0 && r.height > 0);
  let uncovered = false;
  if (rect) {
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    uncovered = top !== null && (top === element || element.contains(top));
  }
  return {
    name: element.outerHTML.slice(0, 120),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    uncovered,
  };
}"""


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(visit, page, width):
    tab = visit.open(page)
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.matches('a[href=\"#main\"]')")
    assert tab.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"
    # The next Tab continues from the content, not from the top of the page again.
    tab.keyboard.press("Tab")
    assert tab.evaluate(AFTER_MAIN_START)


def test_every_focused_element_shows_a_visible_focus_indicator(visit, page, width, scheme):
    tab = visit.open(page)
    focusable = (
        tab.locator("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")
        .filter(visible=True)
        .count()
    )
    seen = []
    for _ in range(focusable + 1):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if focused is None:
            break  # past the last element, focus returned to the page
        seen.append(focused)
        assert focused["outline"] or focused["shadow"], f"no focus indicator: {focused['name']}"
        assert focused["uncovered"], f"focused element is hidden under another: {focused['name']}"
    assert len(seen) >= focusable > 0
