"""Front matter: every post is complete, and every mistake stops the build with a plain message."""

import shutil

import pytest

from plugins.front_matter import FIELDS, kind_of, validate
from tests.conftest import FIXTURES, ROOT, build

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


# Each mistake: the fixture file, and the words the message must contain.
MISTAKES = {
    "missing-title.md": ["Title", "missing"],
    "missing-date.md": ["Date", "missing"],
    "unreadable-date.md": ["Date", "not a date", "YYYY-MM-DD"],
    "broken-filename-link.md": ["link", "does not exist", "Did you mean"],
    "broken-static-link.md": ["link", "does not exist"],
    "missing-image.md": ["image", "does not exist"],
    "image-without-alt-text.md": ["image", "alt text"],
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
