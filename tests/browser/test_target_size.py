"""Links and buttons are big enough, or far enough apart, to hit with a finger (WCAG 2.5.8)."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TOO_SMALL = (Path(__file__).parent / "scripts" / "too_small_targets.js").read_text()


def test_every_target_is_big_enough_or_spaced_apart(visit, page, width):
    tab = visit.open(page)
    assert not tab.evaluate(TOO_SMALL)
