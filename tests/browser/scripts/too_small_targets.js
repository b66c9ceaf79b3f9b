// Targets smaller than 24 × 24 CSS px that sit too close to another target (WCAG 2.5.8).
// A 24 px circle centred on each small target may touch no other target, nor another small
// target's circle. Links inside a sentence are exempt, as WCAG says.
() => {
  const selector = "a[href], button, input, select, textarea, summary";
  const targets = [...document.querySelectorAll(selector)]
    .filter((element) => element.getClientRects().length)
    .filter((element) => getComputedStyle(element).visibility !== "hidden")
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
      const [x, y] = centre(rect);
      const [otherX, otherY] = centre(other.rect);
      const gap = small(other.rect)
        ? Math.hypot(x - otherX, y - otherY) - 24
        : distanceToRect([x, y], other.rect) - 12;
      return gap < 0;
    }))
    .map(({ element, rect }) =>
      `${element.outerHTML.slice(0, 100)} (${rect.width.toFixed(0)}×${rect.height.toFixed(0)})`);
}
