"""Lighthouse gives the home page, the KAP article and About full marks where it counts."""

import pytest

from tools.report import LIGHTHOUSE_PAGES, lighthouse

pytestmark = pytest.mark.browser


# About 15 s a page, so only the three pages readers land on most.
@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_accessibility_best_practices_and_seo_at_100(site_url, name):
    page = LIGHTHOUSE_PAGES[name]
    scores = lighthouse(f"{site_url}/{page.removesuffix('index.html')}")
    assert {c: scores[c] for c in ("accessibility", "best-practices", "seo")} == {
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
    }, scores
