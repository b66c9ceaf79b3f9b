"""What an import left for her is listed by `invoke check` as a suggestion, at its line."""

from datetime import date

from pelican.settings import read_settings

from importer.convert import note_line
from plugins.checks.rules import import_notes
from plugins.checks.source import Site, read_source, render_markdown
from tests.conftest import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


def test_a_note_is_a_suggestion_at_its_line_that_readers_never_see(tmp_path):
    note = note_line('An image could not be found: "lake.jpg".')
    path = tmp_path / "content" / "articles" / "post.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"Title: Post\nDate: 2026-01-02\nSummary: S.\n\nText.\n\n{note}\n", "utf-8")
    site = Site(SETTINGS, tmp_path / "content", date(2026, 12, 1))
    source, _ = read_source(path, "article", site)
    (found,) = import_notes.check(source, site)
    assert (found.severity, found.line, found.field) == ("warning", 7, "import")
    assert found.what == "An image could not be found: 'lake.jpg'."
    assert "delete this line" in found.fix
    assert "lake.jpg" not in render_markdown(path.read_text("utf-8"), SETTINGS)
