"""Addresses she types as they are become links, and email addresses are accepted as written."""

from pelican.settings import read_settings

from plugins.checks.source import render_markdown
from tests.conftest import build, invoke, read_page

SETTINGS = read_settings("pelicanconf.py")


def html(text):
    return render_markdown(text, SETTINGS)


def test_a_bare_address_in_the_text_is_a_link():
    assert '<a href="https://example.org/page" rel="noopener noreferrer">' in html(
        "See https://example.org/page."
    )


def test_a_bare_www_address_links_securely():
    assert '<a href="https://www.example.org" rel="noopener noreferrer">www.example.org</a>' in (
        html("See www.example.org today.")
    )


def test_a_bare_address_in_a_reference_is_a_link_and_keeps_its_back_link():
    made = html("A claim.[^1]\n\n[^1]: Smith J. A study. https://doi.org/10.1000/182")
    assert 'href="https://doi.org/10.1000/182"' in made
    assert "182&#160;" not in made  # the space before the back-link stays outside the link
    assert 'class="footnote-backref"' in made


def test_a_reference_mark_after_an_address_is_not_taken_into_the_link():
    made = html("See https://example.org/page[^1].\n\n[^1]: A source.")
    assert 'href="https://example.org/page"' in made
    assert made.count("<a ") == 3  # the address, the mark, the back-link


def test_an_email_written_the_markdown_way_builds(minimal_content, tmp_path):
    post = minimal_content / "articles" / "write-to-me.md"
    post.write_text(
        "Title: Write to me\nDate: 2026-01-02\nSummary: How to write.\n\n"
        "Write to <hello@example.com> or to hello@example.org.\n",
        encoding="utf-8",
    )
    result = build(minimal_content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    page = read_page(tmp_path / "output", "articles/write-to-me/index.html")
    links = [a["href"] for a in page.find(class_="ps-prose").find_all("a")]
    assert links == ["mailto:hello@example.com", "mailto:hello@example.org"]


def test_a_message_quotes_an_address_decoded_with_its_line(minimal_content):
    post = minimal_content / "articles" / "entities.md"
    post.write_text(
        "Title: Entities\nDate: 2026-01-02\nSummary: Addresses as entities.\n\n"
        "Write to <hello@example.com>.\n\n"
        "A [trick](&#106;avascript:alert(1)) and [mail](&#104;ello@example.com).\n",
        encoding="utf-8",
    )
    result = invoke("check", "--content", str(minimal_content))
    said = result.stdout + result.stderr
    assert (
        'content/articles/entities.md, line 7 (link)\n    The address "javascript:alert(1)"' in said
    )
    assert "line 7 (link)\n    The link to hello@example.com is an email address" in said
    assert "Write it as <hello@example.com>" in said
    assert "&#" not in said
