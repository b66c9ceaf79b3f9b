"""What her posts hold reaches a page only as the one door (plugins/boundary.py) writes it.

A picture's description or title may hold any characters: a > inside them stays words, and
nothing after it becomes an element. The door writes only what plugins/checks/html_policy.py
allows, whatever a later step hands it; the pictures never reach back into the checks; and
no regular expression reads HTML anywhere in plugins/.
"""

import ast
import re

from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser

from plugins import boundary, markdown_reader
from tests.conftest import ROOT, build, invoke

ARTICLE = "Title: Calm\nDate: 2026-02-01\nSummary: A calm article.\nCategory: Testing\n\n{body}\n"
DESCRIPTIONS = {
    # Raw HTML: the description holds a > and a frame.
    'a>b <iframe src="javascript:alert(1)"></iframe>': (
        '<img src="{static}/images/square.png" '
        "alt='a>b <iframe src=\"javascript:alert(1)\"></iframe>'>"
    ),
    # Markdown's own picture: a quote, then a drawing that runs a script.
    'a>"<svg onload=alert(1)>': '![a>"<svg onload=alert(1)>]({static}/images/square.png)',
    # A title with a quote and a tag that sends readers elsewhere.
    "A square": (
        '![A square]({static}/images/square.png "t>\'<meta http-equiv=refresh content=0>")'
    ),
}
LIVE_TAGS = ("iframe", "svg", "meta", "script", "object", "embed")


def page_of(minimal_content, tmp_path, body):
    (minimal_content / "articles" / "calm.md").write_text(ARTICLE.format(body=body))
    output = tmp_path / "output"
    result = build(minimal_content, output)
    assert result.returncode == 0, result.stderr
    return LexborHTMLParser((output / "articles" / "calm" / "index.html").read_text("utf-8"))


def live_things(page):
    """Elements and attributes of the article's text that would run, load or redirect."""
    prose = page.css_first("main") or page.body
    found = [node.tag for node in prose.traverse() if node.tag in LIVE_TAGS]
    found += [
        f"{node.tag} {name}"
        for node in prose.traverse()
        for name in (node.attributes if node.is_element_node else {})
        if name.startswith("on")
    ]
    found += [
        node.attributes.get("content")
        for node in page.css("meta")
        if (node.attributes.get("http-equiv") or "").lower() == "refresh"
    ]
    return found


def test_a_greater_than_sign_in_a_pictures_description_stays_words(minimal_content, tmp_path):
    body = "\n\n".join(DESCRIPTIONS.values())
    page = page_of(minimal_content, tmp_path, body)
    assert live_things(page) == []
    pictures = page.css("main picture img")
    assert [img.attributes["alt"] for img in pictures] == list(DESCRIPTIONS)
    assert pictures[2].attributes["title"] == "t>'<meta http-equiv=refresh content=0>"


def test_a_backtick_quoted_picture_stops_the_build_with_a_plain_message(minimal_content):
    body = "Calm text.\n\n<p><img src=`x` alt=`y` onerror=alert(1)></p>"
    (minimal_content / "articles" / "calm.md").write_text(ARTICLE.format(body=body))
    result = invoke("check", "--content", str(minimal_content))
    assert result.returncode != 0
    assert "content/articles/calm.md" in result.stderr
    assert "did not recognise" not in result.stderr and "Traceback" not in result.stderr


def test_the_door_writes_nothing_the_allow_list_refuses_even_if_a_step_hands_it_in():
    written = boundary.publish(
        '<p onclick="x">Hi <a href="java\tscript:alert(1)">there</a></p>'
        "<iframe src=x></iframe><svg onload=alert(1)><a href=/>x</a></svg>"
        '<img src="/a.png" srcset="/b.png 2x" alt="a">',
        replace=lambda element: (
            boundary.Made("script", children=("alert(1)",)) if element.tag == "img" else None
        ),
    )
    assert written == "<p>Hi <a>there</a></p>"


def test_what_is_written_before_the_text_is_held_to_the_list_too():
    # A parser would move these up into a <head>, out of the writer's sight.
    published = boundary.serialise(
        boundary.parse('<script>alert(1)</script><meta http-equiv="refresh" content="0">Hi')
    )
    assert (published.html, published.withheld) == ("Hi", True)


def test_the_door_keeps_what_it_allows_as_it_was_written():
    html = (
        '<p id="a" class="b">Fish &amp; chips&nbsp;“here” &lt;b&gt;</p>\n'
        '<pre>\n\nkept</pre><ol start="3"><li><a href="https://example.org" rel="noopener">'
        'x</a></li></ol><img src="{static}/images/x.png" alt="a &quot;b&quot; &gt; c">'
    )
    assert boundary.publish(html) == html
    assert boundary.publish(boundary.publish(html)) == html


def test_the_site_reader_hands_the_checks_what_she_wrote_when_the_door_withheld_something(
    minimal_content,
):
    body = 'Calm text.\n\n<p title="x" onmouseover="alert(1)">Hover.</p>'
    (minimal_content / "articles" / "calm.md").write_text(ARTICLE.format(body=body))
    result = invoke("check", "--content", str(minimal_content))
    assert result.returncode != 0
    assert 'The <p> has a "onmouseover" attribute' in result.stderr


def imports_of(path):
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def test_the_pictures_never_reach_back_into_the_checks():
    # The checks call the picture step; an import the other way made a circle.
    reaching_back = {
        path.name: name
        for path in sorted((ROOT / "plugins" / "pictures").glob("*.py"))
        for name in imports_of(path)
        if name == "plugins.checks" or name.startswith("plugins.checks.")
    }
    assert reaching_back == {}


# Patterns that look for "<" in text that is not HTML, each with why.
NOT_HTML = {
    # A path or address the clinician typed, refused if it holds characters like <.
    ("public_address.py", r"[\s\"'<>\\]"),
    ("redirects.py", r"^/[^\s\"'\\{};$<>`]*$"),
    # Markdown's own link and <autolink> syntax, left out of the sentences the claims read.
    ("claims.py", r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+"),
}


# A regular expression's own syntax with a <: named groups and look-behinds.
GROUP_SYNTAX = re.compile(r"\(\?P<\w+>|\(\?<[=!]")


def html_patterns(root=ROOT):
    """Every regular expression in plugins/ with a < in it, by module: HTML read as text."""
    found = set()
    for path in sorted((root / "plugins").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if getattr(node.func.value, "id", None) != "re" or not node.args:
                continue
            pattern = node.args[0]
            if isinstance(pattern, ast.Constant) and "<" in GROUP_SYNTAX.sub(
                "", str(pattern.value)
            ):
                found.add((path.name, pattern.value))
    return found - NOT_HTML


def test_no_regular_expression_reads_html_in_the_build():
    assert html_patterns() == set()


def test_the_scan_for_html_patterns_notices_one(tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "sneaky.py").write_text('import re\nTAG = re.compile(r"<[^>]+>")\n')
    assert html_patterns(tmp_path) == {("sneaky.py", "<[^>]+>")}


def test_what_templates_show_as_it_is_comes_through_the_door():
    # The body, the formatted summary and the contents list are marked safe in the theme.
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    markdown = {**settings["MARKDOWN"]}
    # As Pelican's reader sets it up: every configured extension, and the front matter.
    extensions = markdown["extensions"]
    configured = [name for name in markdown["extension_configs"] if name not in extensions]
    markdown["extensions"] = [*extensions, *configured, "markdown.extensions.meta"]
    renderer = markdown_reader.Renderer({**settings, "MARKDOWN": markdown, "TOC_MIN_WORDS": 1})
    headings = "".join(f"## Part {n} <b onclick=x>now</b>\n\nWords.\n\n" for n in range(4))
    rendered = renderer.render(
        "Title: Calm\nSummary: Calm <i onclick=x>words</i> [x](javascript:alert(1))\n\n"
        f"{headings}<p onmouseover=alert(1)>Hover</p><iframe src=x></iframe>\n"
    )
    shown = [rendered.content, rendered.typeset["summary"], rendered.toc]
    assert all(shown) and rendered.withheld
    assert [boundary.publish(html) for html in shown] == shown
    refused = ("onclick", "onmouseover", "iframe", "javascript")
    assert not any(word in html for html in shown for word in refused)
