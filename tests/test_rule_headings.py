"""Headings start at ## under the title and never skip a level."""

from plugins.checks.rules import headings
from tests.rule_helpers import found


def test_a_top_level_heading_in_the_text_is_refused(tmp_path):
    problems = found(headings.check, tmp_path, "# Big\n\nText.")
    assert [p.line for p in problems] == [5] and "Use ##" in problems[0].fix


def test_a_skipped_level_names_the_heading_to_use(tmp_path):
    problems = found(headings.check, tmp_path, "## One\n\n#### Three")
    assert [p.line for p in problems] == [7] and "Use ###" in problems[0].fix


def test_headings_in_order_pass(tmp_path):
    assert found(headings.check, tmp_path, "## One\n\n### Two\n\n## Three") == []
