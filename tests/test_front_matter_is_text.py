"""A word from the front matter is text on every page it reaches, and never a tag.

Each hostile value below would add an element to the page if a template wrote it as
HTML: a <meta http-equiv="refresh"> sends readers to another website, an <img onerror>
runs a script. Fields the checks refuse HTML in (Title, Summary) are refused by name;
the others are published as the words they are.
"""

import json
import os
import shutil
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import FIXTURES, ROOT, build, invoke

REFRESH = '"><meta http-equiv="refresh" content="0;url=https://example.org/">'
PICTURE = "<img src=x onerror=alert(1)>"
AMPERSAND = "Tom & Jerry's"
# Pelican splits Tags at commas, or at semicolons when there are any: none in this one.
TAG_REFRESH = '"><meta http-equiv="refresh" content="0">'

CATEGORIES = (f"Refresh {REFRESH}", f"Picture {PICTURE}", AMPERSAND)
TAGS = (f"Picture {PICTURE}", AMPERSAND, f"Leave {TAG_REFRESH}")
AUTHORS = (f"Refresh {REFRESH}", f"Picture {PICTURE}", AMPERSAND)
REVIEWERS = (f"Picture {PICTURE}", f"Refresh {REFRESH}", AMPERSAND)
SHARE_ALT = f"Refresh {REFRESH}"
TITLE = f'{AMPERSAND} "Calm" Day'
TITLE_AS_SHOWN = "Tom & Jerry’s “Calm” Day"  # curly quotes: the site's typography

POST = """\
Title: {title}
Date: 2026-02-0{number}
Summary: {AMPERSAND} calm summary, number {number}.
Category: {category}
Tags: {tags}
Author: {author}
ReviewedBy: {reviewer}
{extra}
Calm text.
"""


def hostile_content(folder):
    """The minimal site with three posts whose every free-text field is hostile."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    Image.new("RGB", (1200, 630), (90, 120, 150)).save(content / "images" / "lake.png")
    for number in (1, 2, 3):
        extra = f"Image: images/lake.png\nImageAlt: {SHARE_ALT}\n" if number == 1 else ""
        (content / "articles" / f"hostile-{number}.md").write_text(
            POST.format(
                title=TITLE if number == 1 else f"Calm day {number}",
                number=number,
                AMPERSAND=AMPERSAND,
                category=CATEGORIES[number - 1],
                tags=", ".join(TAGS) if number == 1 else AMPERSAND,
                author=AUTHORS[number - 1],
                reviewer=REVIEWERS[number - 1],
                extra=extra,
            )
            + "\n"
        )
    return content


def public_build(content, output, plugins=None):
    """Build with the publishing settings (feed, share images); return the finished process."""
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "from plugins.runner import build; from tasks import PUBLISH_SETTINGS, _overrides;"
        "overrides = _overrides(content=sys.argv[2], output=sys.argv[3]);"
        "plugins = json.loads(sys.argv[4]);"
        "overrides.update({'PLUGINS': plugins} if plugins else {});"
        "build(PUBLISH_SETTINGS, overrides)"
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(content), str(output), json.dumps(plugins)],
        capture_output=True,
        text=True,
        env={**os.environ, "SITEURL": "https://www.example.org"},
        timeout=600,
    )


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory):
    """The hostile site built for writing (invoke build) and for the public."""
    folder = tmp_path_factory.mktemp("hostile")
    content = hostile_content(folder)
    plain, public = folder / "plain", folder / "public"
    result = build(content, plain)
    assert result.returncode == 0, result.stdout + result.stderr
    result = public_build(content, public)
    assert result.returncode == 0, result.stdout + result.stderr
    return plain, public


def parsed(path):
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def injected(tree):
    """Elements and attributes the hostile words would have made, had they become markup."""
    return [
        node.html
        for node in tree.css('meta[http-equiv], img[src="x"], [onerror]')
        if node.attributes.get("http-equiv", "").lower() != "content-security-policy"
    ]


def texts(tree, selector):
    """The text of each element, spaces as a reader sees them (the typography keeps the
    last two words of a title together with a no-break space)."""
    return [" ".join(node.text(deep=True).split()) for node in tree.css(selector)]


def meta(tree, attribute, name):
    node = tree.css_first(f'meta[{attribute}="{name}"]')
    return node.attributes["content"] if node else None


@pytest.mark.parametrize("build_name", ["plain", "public"])
def test_no_front_matter_word_becomes_an_element_on_any_page(hostile_sites, build_name):
    output = hostile_sites[0] if build_name == "plain" else hostile_sites[1]
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert injected(parsed(page)) == [], page.relative_to(output)


def test_a_topic_is_named_as_written_on_its_page_title_and_description(hostile_sites):
    plain, _ = hostile_sites
    for category, slug in zip(CATEGORIES, ("refresh", "picture", "tom-jerrys"), strict=True):
        tree = parsed(plain / "categories" / slug / "index.html")
        assert texts(tree, "h1") == [f"Topic: {category}"]
        assert tree.css_first("title").text().startswith(f"{category} · ")
        assert meta(tree, "name", "description") == f"Articles about {category}."
    listed = texts(parsed(plain / "categories" / "index.html"), ".ps-index a")
    assert set(CATEGORIES) <= set(listed)


def test_a_tag_is_named_as_written_on_its_page_and_on_the_article(hostile_sites):
    plain, _ = hostile_sites
    for tag, slug in zip(TAGS, ("picture", "tom-jerrys", "leave"), strict=True):
        tree = parsed(plain / "tags" / slug / "index.html")
        assert texts(tree, "h1") == [f"Tagged: {tag}"]
        assert meta(tree, "name", "description") == f"Articles tagged {tag}."
    article = parsed(plain / "articles" / "tom-jerrys-calm-day" / "index.html")
    assert sorted(texts(article, ".ps-tags__list a")) == sorted(TAGS)
    assert texts(article, ".ps-tags__topic a") == [CATEGORIES[0]]


def test_an_author_and_a_reviewer_are_named_as_written(hostile_sites):
    plain, _ = hostile_sites
    for author, slug in zip(AUTHORS, ("refresh", "picture", "tom-jerrys"), strict=True):
        tree = parsed(plain / "authors" / slug / "index.html")
        assert texts(tree, "h1") == [f"Articles by {author}"]
        assert tree.css_first("title").text().startswith(f"Articles by {author} · ")
    article = parsed(plain / "articles" / "tom-jerrys-calm-day" / "index.html")
    assert texts(article, ".ps-byline a") == [AUTHORS[0]]
    assert texts(article, ".ps-review__by") == [REVIEWERS[0]]


def test_a_title_with_an_ampersand_and_quotes_reads_as_written_everywhere(hostile_sites):
    plain, public = hostile_sites
    article = parsed(public / "articles" / "tom-jerrys-calm-day" / "index.html")
    assert texts(article, "h1") == [TITLE_AS_SHOWN]
    assert texts(article, "title") == [f"{TITLE_AS_SHOWN} · Stephanie Post, PsyD"]
    for attribute, name in (("property", "og:title"), ("name", "twitter:title")):
        assert " ".join(meta(article, attribute, name).split()) == TITLE_AS_SHOWN
    description = meta(article, "name", "description")
    assert " ".join(description.split()) == "Tom & Jerry’s calm summary, number 1."
    for listing in ("index.html", "archives/index.html", "categories/refresh/index.html"):
        assert TITLE_AS_SHOWN in texts(parsed(plain / listing), "main a"), listing


def test_the_share_picture_description_is_text(hostile_sites):
    _, public = hostile_sites
    article = parsed(public / "articles" / "tom-jerrys-calm-day" / "index.html")
    assert meta(article, "property", "og:image:alt") == SHARE_ALT
    assert meta(article, "name", "twitter:image:alt") == SHARE_ALT


def test_structured_data_holds_the_words_as_text(hostile_sites):
    _, public = hostile_sites
    page = parsed(public / "articles" / "tom-jerrys-calm-day" / "index.html")
    script = page.css_first('script[type="application/ld+json"]').text()
    assert "<" not in script  # nothing in it could end the script element
    data = json.loads(script)
    assert data["headline"] == TITLE_AS_SHOWN
    assert data["author"]["name"] == AUTHORS[0]
    assert data["reviewedBy"]["name"] == REVIEWERS[0]


def test_the_feed_holds_the_words_as_text(hostile_sites):
    _, public = hostile_sites
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(public / "feeds" / "all.atom.xml").getroot()
    entries = {
        " ".join(entry.findtext(f"{atom}title").split()): entry
        for entry in feed.iter(f"{atom}entry")
    }
    entry = entries[TITLE_AS_SHOWN]
    assert entry.findtext(f"{atom}author/{atom}name") == AUTHORS[0]
    terms = {category.get("term") for category in entry.iter(f"{atom}category")}
    assert terms == {CATEGORIES[0], *TAGS}


@pytest.mark.parametrize(
    "title", [f"Calm {REFRESH}", f"Calm {PICTURE}"], ids=["meta refresh", "img onerror"]
)
def test_html_in_a_title_or_summary_is_refused_by_name(tmp_path, title):
    content = hostile_content(tmp_path)
    (content / "articles" / "refused.md").write_text(
        f"Title: {title}\nDate: 2026-02-01\nSummary: Calm {title}\nCategory: Calm\n\nCalm.\n"
    )
    result = invoke("check", "--content", str(content))
    assert result.returncode != 0
    assert "content/articles/refused.md, line 1 (Title)" in result.stderr
    assert "The title contains HTML" in result.stderr
    assert "content/articles/refused.md, line 3 (HTML)" in result.stderr


def test_a_topic_tag_or_author_of_markup_alone_is_refused_by_name(tmp_path):
    content = hostile_content(tmp_path)
    (content / "articles" / "marks.md").write_text(
        f"Title: Marks\nDate: 2026-02-01\nSummary: Calm.\nCategory: {REFRESH}\n"
        f"Tags: {PICTURE}, calm\nAuthor: !!!\n\nCalm.\n"
    )
    result = invoke("check", "--content", str(content))
    assert result.returncode != 0
    for line, field, word in ((4, "Category", REFRESH), (5, "Tags", PICTURE), (6, "Author", "!!!")):
        assert f"content/articles/marks.md, line {line} ({field})\n" in result.stderr
        assert f'"{word}" has no letters or digits' in result.stderr
    assert "the build (Pelican)" not in result.stderr


def test_a_word_written_over_several_lines_is_one_line_of_text_everywhere(tmp_path):
    # From lxml_html_clean's tests: a whole page, one line after another, as a description
    # (it stopped the public build with AttributeError: 'list' object has no attribute 'split').
    content = hostile_content(tmp_path)
    (content / "articles" / "lines.md").write_text(
        "Title: Written over lines\nDate: 2026-01-15\nSummary: Lines.\nCategory: Testing\n"
        "Image: images/lake.png\nImageAlt: A lake\n    <p>at dawn</p>\n    <img>\n"
        "ReviewedBy: Dr A\n    Dr B\n\nCalm text.\n",
        encoding="utf-8",
    )
    result = public_build(content, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    tree = parsed(tmp_path / "public" / "articles" / "written-over-lines" / "index.html")
    assert meta(tree, "property", "og:image:alt") == "A lake <p>at dawn</p> <img>"
    assert any("Dr A Dr B" in text for text in texts(tree, "main"))
    assert injected(tree) == []
