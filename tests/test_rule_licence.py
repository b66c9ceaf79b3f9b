"""An empty license number is suggested once for the whole site, with where to look it up."""

from plugins.checks.rules import licence
from tests.rule_helpers import article, site_of


def suggestions(tmp_path, **settings):
    site = site_of(tmp_path, {f"articles/note-{n}.md": article("Text.", f"Note {n}") for n in "ab"})
    site.settings.update(settings)
    return licence.check(site)


def test_an_empty_license_number_is_suggested_once_with_the_board_lookup_as_example(tmp_path):
    (problem,) = suggestions(tmp_path, LICENSE_NUMBER="", LICENSE_LOOKUP_URL="")
    assert (problem.severity, problem.file, problem.field) == (
        "warning",
        "pelicanconf.py",
        "LICENSE_NUMBER",
    )
    assert "verify" in problem.what and "JAMA" in problem.what
    assert "for example the California Board of Psychology" in problem.fix
    assert "https://search.dca.ca.gov/" in problem.fix


def test_a_number_without_a_lookup_page_asks_for_the_page(tmp_path):
    (problem,) = suggestions(tmp_path, LICENSE_NUMBER="PSY 00000", LICENSE_LOOKUP_URL="")
    assert problem.field == "LICENSE_LOOKUP_URL"


def test_a_number_with_its_lookup_page_needs_nothing(tmp_path):
    filled = {"LICENSE_NUMBER": "PSY 00000", "LICENSE_LOOKUP_URL": "https://search.dca.ca.gov/"}
    assert suggestions(tmp_path, **filled) == []
