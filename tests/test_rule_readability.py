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


def spanish_suggestions(tmp_path, html_text, **fields):
    from plugins.checks.rules import readability as rule

    site = site_of(tmp_path, {"articles/nota.md": article("Texto.", Lang="es", **fields)})
    site.settings["CACHE_PATH"] = str(tmp_path / "cache")
    (source,) = site.sources.values()
    source.html = html_text
    return rule.start(site).problems()


def test_a_hard_spanish_article_is_told_its_inflesz_band_and_no_school_grade(tmp_path):
    from tests.test_readability import CONSTITUCION

    (problem,) = spanish_suggestions(tmp_path, CONSTITUCION)
    assert problem.severity == "warning" and problem.field == "readability"
    assert problem.what.startswith('This Spanish article reads as "muy difícil" on the INFLESZ')
    assert "Szigriszt-Pazos 34.2" in problem.what and "Fernández-Huerta 38" in problem.what
    assert 'the target is 55 ("normal") or more' in problem.what
    assert "grade" not in problem.what and "Flesch–Kincaid" not in problem.what
    assert "Sentences average 44.3 words" in problem.fix


def test_a_plain_spanish_article_gets_no_suggestion(tmp_path):
    plain = "<p>" + " ".join(["Hablar ayuda. Pedir ayuda es de valientes."] * 8) + "</p>"
    assert spanish_suggestions(tmp_path, plain) == []
