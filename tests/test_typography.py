"""Typogrify makes the prose look right without touching code, attributes or the contents list."""

from tests.conftest import build, read_page

ARTICLE = (
    """Title: "Quotes" -- and Dashes
Date: 2026-03-01
Summary: An article that puts typography through its paces.

## Why "worry" loops

Prose with "double quotes", 'single quotes' and a dash -- like this.

## What it's like

Code keeps its quotes: `print("hi") -- ok`

    for step in ["one", "two"]:  # "as written" -- unchanged

## A link's title

A [link with a title](https://example.org/a--b "It's a title -- here") keeps its attributes.

## The last "section"

Closing words that are long enough to need a contents list, and then some more words here.
"""
    + "More words to make the article long. " * 60
)


def build_article(minimal_content, tmp_path):
    (minimal_content / "articles" / "typography.md").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "output"
    result = build(minimal_content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return read_page(output, "articles/quotes-and-dashes/index.html")


def test_prose_gets_curly_quotes_and_real_dashes(minimal_content, tmp_path):
    prose = build_article(minimal_content, tmp_path).select_one(".ps-prose").get_text()
    assert "“double quotes”" in prose and "‘single quotes’" in prose
    assert "—" in prose or "–" in prose


def test_code_keeps_its_straight_quotes_and_double_hyphens(minimal_content, tmp_path):
    soup = build_article(minimal_content, tmp_path)
    codes = [code.get_text() for code in soup.select(".ps-prose code")]
    assert 'print("hi") -- ok' in codes
    assert any('["one", "two"]:  # "as written" -- unchanged' in code for code in codes)


def test_link_attributes_are_left_exactly_as_written(minimal_content, tmp_path):
    link = build_article(minimal_content, tmp_path).find("a", string="link with a title")
    assert link["href"] == "https://example.org/a--b"
    assert link["title"] == "It's a title -- here"


def test_contents_list_matches_the_typeset_headings_and_their_anchors(minimal_content, tmp_path):
    soup = build_article(minimal_content, tmp_path)
    headings = {h["id"]: h.get_text() for h in soup.select(".ps-prose h2")}
    entries = {a["href"][1:]: a.get_text() for a in soup.select(".ps-toc a")}
    assert entries == headings
    assert "“worry”" in entries["why-worry-loops"]
