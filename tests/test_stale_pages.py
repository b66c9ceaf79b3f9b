"""A local build never leaves an old page behind: deleted, renamed or newly published posts."""

import subprocess
import sys

from tests.conftest import NOTE, ROOT, build

DRAFT = """\
Title: Sleep and Worry
Date: 2026-01-20
Summary: Why worry keeps you awake.
Status: draft

Worry keeps the mind busy at night.
"""
PREVIEW_BUILD = (
    "import sys; sys.path.insert(0, sys.argv[1]);"
    "from plugins.runner import build; from tasks import SETTINGS, _overrides;"
    "build(SETTINGS, _overrides(content=sys.argv[2], output=sys.argv[3], drafts=True))"
)


def test_a_deleted_or_renamed_post_leaves_no_page_behind(minimal_content, tmp_path):
    note = minimal_content / "articles" / "a-note-to-remove.md"
    note.write_text(NOTE)
    output = tmp_path / "output"
    (output).mkdir()
    (output / "notes-of-my-own.txt").write_text("not the site's")
    assert build(minimal_content, output).returncode == 0
    assert (output / "articles" / "a-note-to-remove" / "index.html").is_file()

    note.write_text(NOTE.replace("Category: Testing", "Category: Testing\nSlug: a-renamed-note"))
    assert build(minimal_content, output).returncode == 0
    assert not (output / "articles" / "a-note-to-remove").exists()
    assert (output / "articles" / "a-renamed-note" / "index.html").is_file()

    note.unlink()
    assert build(minimal_content, output).returncode == 0
    assert not (output / "articles" / "a-renamed-note").exists()
    assert (output / "notes-of-my-own.txt").read_text() == "not the site's"


def test_publishing_a_draft_sends_its_preview_address_to_the_published_page(
    minimal_content, tmp_path
):
    draft = minimal_content / "articles" / "sleep-and-worry.md"
    draft.write_text(DRAFT)
    output = tmp_path / "output"

    def preview_build():  # the build `invoke livereload` makes at each save
        done = subprocess.run(
            [sys.executable, "-c", PREVIEW_BUILD, str(ROOT), str(minimal_content), str(output)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr

    preview_build()
    page = output / "drafts" / "sleep-and-worry" / "index.html"
    assert "Draft" in page.read_text()

    draft.write_text(DRAFT.replace("Status: draft", "Status: published"))
    preview_build()

    assert (output / "articles" / "sleep-and-worry" / "index.html").is_file()
    moved = page.read_text()
    assert "readers cannot see" not in moved
    assert 'url=/articles/sleep-and-worry/"' in moved and "now published" in moved
