"""Typogrify makes the prose look right without touching code, attributes or the contents list."""

import importlib

from markdown import Markdown
from pelican.settings import read_settings

from plugins import compat, markdown_reader
from tests.conftest import ROOT, build, read_page

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
    # A heading keeps its last two words together; its short entry in the list need not.
    headings = {h["id"]: h.get_text().replace("\xa0", " ") for h in soup.select(".ps-prose h2")}
    entries = {a["href"][1:]: a.get_text() for a in soup.select(".ps-toc a")}
    assert entries == headings
    assert "“worry”" in entries["why-worry-loops"]


# Each run of text between tags calls for one typography step, in one of its forms.
EVERY_STEP = [
    '<p>"foo" -- bar --- baz - qux</p>',
    "<p>He said, \"'Quoted' words in a larger quote.\" <i>Back in the '80s, 'twas fine.</i></p>",
    "<p>Wait... <i>what. . .</i> <i>and then.. nothing. .</i></p>",
    "<p>``Backticks'' <i>``opened,</i> <i>and `single' ones,</i> <i>and two '' apart.</i></p>",
    '<p>Escaped \\"quotes\\", <i>\\-\\- dashes,</i> <i>\\.\\.\\. dots,</i> <i>\\`ticks</i></p>',
    '<p>&quot;Entities&quot; &nbsp;"spaced" &#8211;\'dashed\' &mdash;"named"</p>',
    "<p>One & two</p>",  # typogrify's amp step looks at a whole paragraph at once
    "<p>One &#38; two</p>",
    "<p>One&nbsp;&amp;&nbsp;two</p>",
    '<p><em>\'</em>s and x<b>"</b> and <a href="#">it</a>\'s, <code>"kept" -- as is</code></p>',
]


def test_the_quick_typography_sets_every_quote_dash_and_ampersand_as_typogrify_does(monkeypatch):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    sources = [*ROOT.glob("content/**/*.md"), *(ROOT / "tests" / "fixtures").glob("**/*.md")]
    htmls = EVERY_STEP + [Markdown(**settings["MARKDOWN"]).convert(ARTICLE)]
    htmls += [
        Markdown(**settings["MARKDOWN"]).convert(path.read_text(encoding="utf-8"))
        for path in sources
    ]
    quick = [markdown_reader.typeset(html, settings) for html in htmls]
    # Now typogrify as published: every step on every run of text.
    for module_name, steps in compat.TYPOGRAPHY_STEPS.items():
        module = importlib.import_module(module_name)
        for name in steps:
            monkeypatch.setattr(module, name, getattr(module, name).__wrapped__)
    assert quick == [markdown_reader.typeset(html, settings) for html in htmls]
    assert "&#8220;foo&#8221; &#8212;" in quick[0]  # the steps still run where they apply
