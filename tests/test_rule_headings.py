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


def test_an_empty_heading_is_refused_on_its_line(tmp_path):
    problems = found(headings.check, tmp_path, "## One\n\nText.\n\n## \n\nMore.")
    assert [p.line for p in problems] == [9]
    assert "has no words" in problems[0].what and "screen readers" in problems[0].what
    assert "Write the heading after ## and a space" in problems[0].fix


def test_a_heading_of_only_marks_or_a_non_breaking_space_is_empty(tmp_path):
    for empty in ("###", "## ##", "### &nbsp;"):
        problems = found(headings.check, tmp_path, f"## One\n\n{empty}\n\nText.")
        assert [p.line for p in problems] == [7], empty


def test_a_hash_in_a_code_block_is_no_heading(tmp_path):
    assert found(headings.check, tmp_path, "## One\n\n```\n## \n```") == []
