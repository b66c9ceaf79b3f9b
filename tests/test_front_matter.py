"""Front matter: every post is complete, and every mistake stops the build with a plain message."""

import datetime
import shutil

import pytest

from plugins.checks.rules import front_matter
from plugins.checks.rules.front_matter import validate
from plugins.front_matter import FIELDS, kind_of
from tests.conftest import FIXTURES, ROOT, build
from tests.rule_helpers import article, site_of

SOURCES = sorted((ROOT / "content").glob("*/*.md"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_every_post_has_complete_valid_front_matter(source):
    problems = validate(
        source.name, source.read_text(encoding="utf-8"), kind_of(source, ROOT / "content")
    )
    assert not problems, "\n".join(map(str, problems))


def test_every_slug_is_unique_across_the_site(site):
    addresses = [p.relative_to(site) for p in site.glob("*/*/index.html")]
    assert len(addresses) == len(set(addresses))
    slugs = [
        line.split(":", 1)[1].strip()
        for s in SOURCES
        for line in s.read_text().splitlines()
        if line.lower().startswith("slug:")
    ]
    assert len(slugs) == len(set(slugs))


def test_required_fields_are_defined_once_for_articles_and_pages():
    required = {
        kind: {f.name for f in FIELDS if kind in f.required} for kind in ("article", "page")
    }
    assert required["article"] >= {"Title", "Date", "Summary"}
    assert required["page"] >= {"Title", "Summary"}


def test_the_fixture_site_builds_when_nothing_is_wrong(minimal_content, tmp_path):
    result = build(minimal_content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "output" / "articles" / "first-steps" / "index.html").is_file()


# The mistakes the build itself must refuse; test_check_messages.py covers every message.
MISTAKES = {
    "missing-title.md": ["Title", "missing"],
    "missing-date.md": ["Date", "missing"],
    "unreadable-date.md": ["Date", "not a date", "YYYY-MM-DD"],
    "broken-link.md": ["link", "does not exist", "Did you mean"],
    "broken-static-link.md": ["link", "does not exist"],
    "missing-image.md": ["image", "does not exist"],
    "image-without-alt.md": ["image", "alt text"],
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_mistake_stops_the_build_and_names_the_file_and_field(mistake, minimal_content, tmp_path):
    shutil.copy(FIXTURES / "mistakes" / mistake, minimal_content / "articles" / mistake)
    output = tmp_path / "output"
    result = build(minimal_content, output)
    message = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"content/articles/{mistake}" in message
    for words in MISTAKES[mistake]:
        assert words in message
    assert "Traceback" not in message
    assert not (output / "index.html").exists(), "nothing is written when the content is wrong"


@pytest.mark.parametrize("status", ["Published", "“published”", '"PUBLISHED"'])
def test_a_status_in_capitals_or_quotes_is_read_as_she_meant_it(status, minimal_content, tmp_path):
    note = minimal_content / "articles" / "first-steps.md"
    note.write_text(note.read_text().replace("Tags: example", f"Tags: example\nStatus: {status}"))
    result = build(minimal_content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "output" / "articles" / "first-steps" / "index.html").is_file()


def test_a_quoted_draft_stays_a_draft(minimal_content, tmp_path):
    note = minimal_content / "articles" / "first-steps.md"
    note.write_text(note.read_text().replace("Tags: example", "Tags: example\nStatus: “Draft”"))
    result = build(minimal_content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "output" / "articles" / "first-steps").exists()
    assert (tmp_path / "output" / "drafts" / "first-steps" / "index.html").is_file()


def test_a_field_indented_by_up_to_three_spaces_is_checked_as_pelican_reads_it(
    minimal_content, tmp_path
):
    # A draft hiding an address in an indented field would be published under that address.
    (minimal_content / "articles" / "leak.md").write_text(
        "Title: Leak\nDate: 2026-02-01\nSummary: A draft.\nStatus: draft\n   Save_as: index.html\n"
        "\nPrivate notes.\n"
    )
    output = tmp_path / "output"
    result = build(minimal_content, output)
    assert result.returncode != 0 and "content/articles/leak.md, line 5 (Save_as)" in result.stderr
    assert not (output / "index.html").exists()


def test_tomorrows_date_is_refused_naming_today_where_the_site_is(tmp_path):
    # The computer's clock says 5 December (UTC) while it is still 4 December in the site's
    # time zone: the message says which day counts as today, and where.
    text = article("Text.").replace("Date: 2026-11-01", "Date: 2026-12-05")
    site = site_of(tmp_path, {"articles/note.md": text}, today=datetime.date(2026, 12, 4))
    source = site.source_of(site.content_root / "articles" / "note.md")
    problems = list(front_matter.check(source, site))
    assert len(problems) == 1
    message = str(problems[0])
    assert "today is 2026-12-04 where the site is, in America/Los_Angeles time" in message
    assert "Use today's date, 2026-12-04" in message
