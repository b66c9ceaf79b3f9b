"""Links and buttons are big enough, or far enough apart, to hit with a finger (WCAG 2.5.8)."""

import pytest

pytestmark = pytest.mark.browser

# Each target is at least 24 × 24 CSS px, or a 24 px circle centred on it touches no other
# target (nor another small target's circle). Links inside a sentence are exempt, as WCAG says.
TOO_SMALL = """() => {
  const targets = [...document.querySelectorAll("a[href], button, input, select, textarea, summary")]
    .filter((element) => element.getClientRects().length && getComputedStyle(element).visibility !== "hidden")
    .map((element) => ({ element, rect: element.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width > 1 && rect.height > 1);
  const inSentence = (element) => {
    if (getComputedStyle(element).display !== "inline") return false;
    const block = element.parentElement.closest("p, li, td, dd, figcaption, blockquote");
    return block !== null && block.textContent.trim() !== element.textContent.trim();
  };
  const centre = (rect) => [rect.left + rect.width / 2, rect.top + rect.height / 2];
  const small = (rect) => rect.width < 24 || rect.height < 24;
  const distanceToRect = ([x, y], rect) => Math.hypot(
    Math.max(rect.left - x, 0, x - rect.right), Math.max(rect.top - y, 0, y - rect.bottom));
  return targets
    .filter(({ element, rect }) => small(rect) && !inSentence(element))
    .filter(({ element, rect }) => targets.some((other) => {
      if (other.element === element) return false;
      const gap = small(other.rect)
        ? Math.hypot(centre(rect)[0] - centre(other.rect)[0], centre(rect)[1] - centre(other.rect)[1]) - 24
        : distanceToRect(centre(rect), other.rect) - 12;
      return gap < 0;
    }))
    .map(({ element, rect }) =>
      `${element.outerHTML.slice(0, 100)} (${rect.width.toFixed(0)}×${rect.height.toFixed(0)})`);
}"""


def test_every_target_is_big_enough_or_spaced_apart(visit, page, width):
    tab = visit.open(page)
    assert not tab.evaluate(TOO_SMALL)
