"""While the Good Faith Estimate notice is on, `invoke check` says so if no page shows it."""

from plugins.checks.rules import good_faith_estimate
from tests.conftest import ROOT
from tests.rule_helpers import article, site_of

NOTICE_PAGE = (ROOT / "content" / "pages" / "good-faith-estimate.md").read_text(encoding="utf-8")


def suggestions(tmp_path, pages, **settings):
    site = site_of(tmp_path, {"articles/note.md": article("Text."), **pages})
    site.settings.update(settings)
    return good_faith_estimate.check(site)


def test_the_real_notice_page_is_enough(tmp_path):
    assert suggestions(tmp_path, {"pages/good-faith-estimate.md": NOTICE_PAGE}) == []


def test_without_its_page_the_notice_is_named_with_how_to_put_it_back(tmp_path):
    (problem,) = suggestions(tmp_path, {})
    assert (problem.severity, problem.field) == ("warning", "GOOD_FAITH_ESTIMATE")
    assert "Template: good_faith_estimate" in problem.fix
    assert "GOOD_FAITH_ESTIMATE = False" in problem.fix


def test_a_draft_notice_page_does_not_count(tmp_path):
    draft = NOTICE_PAGE.replace("Template:", "Status: draft\nTemplate:", 1)
    assert len(suggestions(tmp_path, {"pages/good-faith-estimate.md": draft})) == 1


def test_turned_off_the_notice_needs_no_page(tmp_path):
    assert suggestions(tmp_path, {}, GOOD_FAITH_ESTIMATE=False) == []
