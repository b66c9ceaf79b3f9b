"""Raw HTML in a post is held to an allow-list: what could run, redirect or load is refused."""

import pytest

from plugins.checks.rules import allowed_html
from tests.rule_helpers import article, found, site_of

REFUSED = {
    "a script": ("<script>alert(1)</script>", "<script>"),
    "a base address for every link": ('<base href="https://evil.example/">', "<base>"),
    "a redirect to another site": (
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        "<meta>",
    ),
    "a drawing that loads a picture": (
        '<svg><image href="https://evil.example/x.png"/></svg>',
        "<svg>",
    ),
    "an image button": ('<input type="image" src="https://evil.example/x.png">', "<input>"),
    "a button that sends a form": (
        '<button formaction="https://evil.example/">Go</button>',
        "<button>",
    ),
    "a link that pings another site": (
        '<a href="/about/" ping="https://evil.example/">About</a>',
        '"ping"',
    ),
    "an image with a srcset": (
        '<img src="/x.png" srcset="https://evil.example/x.png 2x" alt="x">',
        '"srcset"',
    ),
    "an unquoted event handler": ("<p onmouseover=alert(1)>Hover</p>", '"onmouseover"'),
    "an event handler from an attribute list": (
        'A paragraph.\n{: onclick="alert(1)" }',
        '"onclick"',
    ),
    "a javascript: link": ("[Click](javascript:alert(1))", "javascript:"),
    "a javascript: link hidden by a tab": (
        '<a href="java&#9;script:alert(1)">x</a>',
        "javascript:",
    ),
    "a data: link": ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
    "an inline style": ('<p style="display:none">Hidden</p>', '"style"'),
    "an embedded frame": ('<iframe src="https://video.example/"></iframe>', "<iframe>"),
    "handlers on the page itself": ("<body onload=alert(1)>", '"onload"'),
    # From wfuzz's list: IE's behaviours, whose processing instruction is a node without a
    # tag name to the parser (it stopped the check with an AttributeError).
    "an old Internet Explorer behaviour": (
        '<HTML xmlns:xss><?import namespace="xss" implementation="http://ha.ckers.org/xss.htc">'
        "<xss:xss>XSS</xss:xss></HTML>",
        "<xss:xss>",
    ),
}


@pytest.mark.parametrize(("html", "named"), REFUSED.values(), ids=REFUSED.keys())
def test_html_that_could_run_redirect_or_load_is_refused_with_a_plain_message(
    tmp_path, html, named
):
    problems = found(allowed_html.check, tmp_path, html)

    assert problems, f"{html!r} was allowed"
    assert all(p.severity == "error" for p in problems)
    assert any(named in p.what for p in problems), [p.what for p in problems]
    assert all(p.line in (5, 6) and p.fix.startswith(("Remove", "Link")) for p in problems)


ALLOWED = {
    "Markdown's own formatting": "## Heading\n\nSome *emphasis*, **strong**, `code` and a [link](https://example.org/).",
    "a table": "| A | B |\n|---|---|\n| 1 | 2 |",
    "references": "A claim.[^1]\n\n[^1]: A source.",
    "an abbreviation": "*[KAP]: Ketamine-assisted psychotherapy\n\nKAP helps.",
    "harmless tags written by hand": (
        "<details><summary>More</summary>Text with <mark>marks</mark> "
        '<abbr title="x">x</abbr>.</details>'
    ),
    "mail, phone and text links": "[Mail](mailto:a@example.org), [call](tel:988), [text](sms:988)",
    "a mail address in angle brackets": "Write to <hello@example.org>.",
    "links within the site": (
        "[About]({filename}../pages/about.md), [a section](#top), [a post]({filename}x.md)"
    ),
}


@pytest.mark.parametrize("text", ALLOWED.values(), ids=ALLOWED.keys())
def test_what_markdown_writes_and_harmless_tags_pass(tmp_path, text):
    assert found(allowed_html.check, tmp_path, text) == []


def test_a_tag_inside_a_refused_one_is_not_reported_twice(tmp_path):
    problems = found(allowed_html.check, tmp_path, '<form action="/x"><input name="email"></form>')
    assert len(problems) == 1 and "<form>" in problems[0].what


@pytest.mark.parametrize(
    "summary",
    ['<img src="http://example.com/">', "![A lake](https://images.example.com/lake.jpg)"],
    ids=["raw", "markdown"],
)
def test_a_picture_in_the_summary_is_refused_by_its_field(tmp_path, summary):
    # From bleach's tests: a picture from another website in the summary reached the lists
    # of articles, where the browser asked that website for it.
    site = site_of(
        tmp_path, {"articles/note.md": article("Text.").replace("A note for a test.", summary)}
    )
    source = site.source_of(site.content_root / "articles" / "note.md")
    problems = [p for p in allowed_html.check(source, site) if p.field == "Summary"]
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert "cannot show a picture" in problems[0].what
