"""Bullets pasted from a document are named, with the Markdown list to write instead."""

import pytest

from plugins.checks.rules import bullets
from tests.rule_helpers import found


def test_pasted_bullets_that_would_run_together_are_refused_from_their_first_line(tmp_path):
    body = "What helps:\n• Sleep at the same time.\n• Walk outside.\n• Call a friend.\n\nMore."
    (problem,) = found(bullets.check, tmp_path, body)
    assert problem.line == 6 and problem.field == "list"
    assert "Lines 6 to 8 start with •" in problem.what and "one paragraph" in problem.what
    assert "- (a hyphen and a space) in place of •" in problem.fix
    assert "leave an empty line before the list" in problem.fix


@pytest.mark.parametrize("bullet", ["◦", "▪", "●", "\uf0b7", "·"])
def test_bullets_from_word_and_google_docs_are_recognised(tmp_path, bullet):
    (problem,) = found(bullets.check, tmp_path, f"{bullet} One\n{bullet} Two")
    assert problem.line == 5 and bullet in problem.what


def test_bullets_parted_by_empty_lines_are_one_list(tmp_path):
    (problem,) = found(bullets.check, tmp_path, "• One\n\n• Two\n\n• Three\n\nAfter.")
    assert "Lines 5 to 9" in problem.what


def test_a_lone_bullet_line_is_named_too(tmp_path):
    (problem,) = found(bullets.check, tmp_path, "Text.\n\n• Only one")
    assert problem.line == 7 and "not as an item of a list" in problem.what


def test_two_dashed_lines_are_a_list_but_a_quotations_author_is_not(tmp_path):
    (problem,) = found(bullets.check, tmp_path, "– Rest\n– Eat well")
    assert "start with –" in problem.what
    assert found(bullets.check, tmp_path, "> Be kind to yourself.\n\n– Kristin Neff") == []


@pytest.mark.parametrize(
    "body",
    [
        "- Sleep.\n- Walk.",
        "1. Notice.\n2. Name it.",
        "```\n• as typed in a document\n```",
        "A • in the middle of a line.",
    ],
)
def test_markdown_lists_code_and_bullets_inside_a_line_pass(tmp_path, body):
    assert found(bullets.check, tmp_path, body) == []
