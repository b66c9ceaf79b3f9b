"""A readability suggestion only when the grade it names is above the target."""

import re

import pytest

from plugins.checks.rules.readability import _problems
from plugins.readability import Grade
from tests.rule_helpers import article, site_of


@pytest.mark.parametrize("flesch_kincaid, suggested", [(8.4, False), (8.6, True), (12.0, True)])
def test_a_suggestion_never_names_the_target_grade_as_too_high(tmp_path, flesch_kincaid, suggested):
    site = site_of(tmp_path, {"articles/note.md": article("Words to read.")})
    (source,) = site.sources.values()
    found = Grade(flesch_kincaid, 0, 12, 0.1, "Words to read.")
    problems = _problems([source], [found], 8)
    assert bool(problems) == suggested
    for problem in problems:
        grade = int(re.search(r"about school grade (\d+)", problem.what)[1])
        assert grade > 8, problem.what
