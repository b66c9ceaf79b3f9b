"""An article that gives health information and names no sources is asked, never forced, to cite."""

from datetime import date

from pelican.settings import read_settings

from plugins.checks.rules import references
from plugins.checks.source import Site, read_source
from tests.conftest import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
HEALTH = (
    "Anxiety is common. Therapy and medication are the main treatments. Symptoms of panic "
    "include a racing heart. A clinician can make a diagnosis."
)


def check(tmp_path, text, folder="articles"):
    content = tmp_path / "content"
    path = content / folder / "post.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    site = Site(SETTINGS, content, date(2026, 12, 1))
    source, _ = read_source(path, "page" if folder == "pages" else "article", site)
    return references.check(source, site)


FRONT = "Title: Post\nDate: 2026-01-02\nSummary: A post.\n\n"


def test_the_kap_article_is_asked_to_cite_its_sources_as_a_suggestion():
    site = Site(SETTINGS, ROOT / "content", date(2026, 12, 1))
    path = ROOT / "content" / "articles" / "ketamine-assisted-psychotherapy-for-anxiety.md"
    source, _ = read_source(path, "article", site)
    (found,) = references.check(source, site)
    assert found.severity == "warning"
    assert found.field == "references"
    assert "cites no sources" in found.what and "[^1]" in found.fix
    assert found.file == "content/articles/ketamine-assisted-psychotherapy-for-anxiety.md"


def test_an_article_with_references_is_not_asked(tmp_path):
    cited = f"{FRONT}{HEALTH}[^1]\n\n[^1]: Author A. A study. Journal. 2024.\n"
    assert check(tmp_path, cited) == []


def test_health_information_without_references_is_asked(tmp_path):
    (found,) = check(tmp_path, FRONT + HEALTH + "\n")
    assert found.line == 5


def test_a_note_that_gives_no_health_information_is_not_asked(tmp_path):
    assert check(tmp_path, FRONT + "The office is closed on Monday for the holiday.\n") == []


def test_pages_are_not_asked(tmp_path):
    assert check(tmp_path, "Title: About\nSummary: Me.\n\n" + HEALTH + "\n", "pages") == []


def test_invoke_check_shows_the_suggestion_and_still_builds(tmp_path):
    from tests.conftest import invoke

    result = invoke("check", "--all", "--content", str(ROOT / "content"))
    assert result.returncode == 0, result.stderr
    assert "(references)" in result.stdout and "cites no sources" in result.stdout
