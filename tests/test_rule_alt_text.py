"""An image's description (alt text) says what it shows: placeholders are refused."""

import pytest

from plugins.checks.rules import alt_text
from tests.rule_helpers import found


@pytest.mark.parametrize(
    "alt",
    ["image", "Photo.", "IMG_2041.jpg", "Picture 1", "Image 2", "photo 3", "Figure 12", "image #4"],
)
def test_a_placeholder_or_a_numbered_placeholder_describes_nothing(alt):
    assert alt_text.describes_nothing(alt)


@pytest.mark.parametrize(
    "alt",
    ["A calm lake at dawn", "Photo of a calm lake", "Picture of 3 friends", "Two people talking"],
)
def test_a_real_description_passes(alt):
    assert not alt_text.describes_nothing(alt)


def test_picture_1_in_a_post_is_refused(tmp_path):
    problems = found(alt_text.check, tmp_path, "Text.\n\n![Picture 1](/images/lake.jpg)")
    assert len(problems) == 1 and '"Picture 1"' in problems[0].what
