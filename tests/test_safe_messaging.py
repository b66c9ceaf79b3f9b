"""Which texts count as talking about suicide, and so get the crisis help inside them."""

import pytest

from plugins.safe_messaging import mentions_suicide


@pytest.mark.parametrize(
    "text",
    [
        "After the loss, she thought about suicide.",
        "Suicidal thoughts can come and go.",
        "Some teenagers self-harm when feelings get too big.",
        "Self harm is a way of coping with pain.",
        "Selfharm and self-injury are often hidden.",
        "He said he wanted to kill himself.",
        "Thoughts of killing themselves frightened them.",
        "I keep thinking I should kill myself.",
    ],
)
def test_crisis_help_appears_for_each_way_of_mentioning_suicide(text):
    assert mentions_suicide(text)


@pytest.mark.parametrize(
    "text",
    [
        "Coping skills help you notice worry early.",
        "Self-esteem grows with small wins.",
        "Be kind to yourself and to others.",
        "The weeds killed the roses.",
    ],
)
def test_everyday_words_do_not_bring_up_crisis_help(text):
    assert not mentions_suicide(text)
