"""Every page passes axe's WCAG 2.0–2.2 A and AA rules and its best practices, light and dark."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
axe = Axe()


def describe(violations):
    return "\n".join(
        f"{v['id']}: {v['help']} — {', '.join(str(n['target']) for n in v['nodes'])}"
        for v in violations
    )


def test_page_has_no_accessibility_violations(visit, page, width, scheme):
    tab = visit.open(page)
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    assert not violations, describe(violations)
    assert results.response["passes"], "axe checked nothing: the page did not load"
