"""Words from the front matter are text wherever they are written: they never become markup."""

import os
import subprocess
import sys
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from tests.conftest import ROOT, build, invoke

SCRIPT = "<script src=/extra/x.js></script>"
# A quote as a numbered entity is left alone by the typography, and ends an attribute.
ESCAPED_SCRIPT = "&#34;&gt;&lt;script src=/extra/x.js&gt;&lt;/script&gt;"
ARTICLE = "Title: {title}\nDate: 2026-02-01\nSummary: {summary}\nCategory: Testing\n\nCalm text.\n"


def scripts_from_the_summary(html):
    """The script elements the summary's words would have made, had they become markup."""
    if "<" not in html:
        return []
    soup = BeautifulSoup(html, "html.parser")
    return [tag for tag in soup.find_all("script") if "x.js" in tag.get("src", "")]


def test_a_script_in_a_title_is_refused_with_a_plain_message(minimal_content):
    (minimal_content / "extra" / "x.js").write_text("alert(1)")
    (minimal_content / "articles" / "calm.md").write_text(
        ARTICLE.format(title=f"Calm {SCRIPT}", summary="A calm article.")
    )
    result = invoke("check", "--content", str(minimal_content))
    assert result.returncode != 0
    assert "content/articles/calm.md, line 1 (Title)" in result.stderr
    assert "The title contains HTML (<script>)" in result.stderr


def test_markup_written_as_entities_in_a_summary_never_reaches_the_head(minimal_content, tmp_path):
    (minimal_content / "articles" / "calm.md").write_text(
        ARTICLE.format(title="Calm", summary=f"Breathe {ESCAPED_SCRIPT} slowly.")
    )
    output = tmp_path / "output"
    assert build(minimal_content, output).returncode == 0
    for page in output.rglob("*.html"):
        assert scripts_from_the_summary(page.read_text("utf-8")) == [], page
    head = BeautifulSoup((output / "articles/calm/index.html").read_text(), "html.parser").head
    description = head.find("meta", {"name": "description"})["content"]
    assert '"><script src=/extra/x.js></script>' in description  # as text, in the attribute


def test_the_public_feed_and_structured_data_keep_summary_markup_as_text(minimal_content, tmp_path):
    (minimal_content / "articles" / "calm.md").write_text(
        ARTICLE.format(title="Calm", summary=f"Breathe {ESCAPED_SCRIPT} slowly.")
    )
    output = tmp_path / "output"
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from plugins.runner import build; from tasks import PUBLISH_SETTINGS, _overrides;"
        "build(PUBLISH_SETTINGS, _overrides(content=sys.argv[2], output=sys.argv[3]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(minimal_content), str(output)],
        capture_output=True,
        text=True,
        env={**os.environ, "SITEURL": "https://www.example.org"},
    )
    assert done.returncode == 0, done.stderr
    feed = ElementTree.parse(output / "feeds" / "all.atom.xml")
    for element in feed.iter():
        # A feed reader shows html-typed elements as HTML: none may hold the script.
        assert scripts_from_the_summary(element.text or "") == []
    page = (output / "articles/calm/index.html").read_text()
    assert scripts_from_the_summary(page) == []
    data = BeautifulSoup(page, "html.parser").find("script", type="application/ld+json").string
    assert "</script" not in data and "\\u003cscript" in data


def test_no_page_of_the_site_shows_an_entity_escaped_twice(site):
    # The theme escapes what it writes: HTML the build made must not be escaped again, or
    # readers would see "&amp;" or "&#8217;" spelled out instead of "&" and "’".
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for twice in ("&amp;amp;", "&amp;#", "&amp;nbsp;", "&amp;lt;", "&amp;gt;", "&amp;quot;"):
            assert twice not in html, f"{page.relative_to(site)} shows {twice}"
