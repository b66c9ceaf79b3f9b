"""Each site plugin does its job on its own, in a plain Pelican build with Pelican's simple theme.

As pelican-plugins tests theirs: a tiny real site, built with only the plugin under test.
"""

import json
import os
import subprocess
import sys

import pelican

from tests.conftest import ROOT

SIMPLE_THEME = os.path.join(os.path.dirname(pelican.__file__), "themes", "simple")
ARTICLE = """Title: "Quotes" -- and a reference
Date: 2026-03-01
Summary: An article for a plugin on its own.

It's "quoted" -- and cited.[^1]

[^1]: A source.
"""


# Built in a process of its own: Pelican connects plugins to signals for the whole process.
BUILD = """
import json, sys
from pelican import Pelican, signals
from pelican.settings import read_settings
root, overrides, attributes = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
seen = []
def note(generator):
    seen.extend({name: str(getattr(a, name)) for name in attributes} for a in generator.articles)
signals.article_generator_finalized.connect(note)
try:
    Pelican(read_settings(root + "/pelicanconf.py", override=overrides)).run()
except Exception as error:
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
else:
    print(json.dumps({"articles": seen}))
"""


def build_with(plugins, tmp_path, text=ARTICLE, attributes=(), **settings):
    """Build one article with only `plugins`; return what happened and the output folder."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "note.md").write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(tmp_path / "cache"),
        "THEME": SIMPLE_THEME,
        "PLUGINS": plugins,
        "PLUGIN_PATHS": [str(ROOT)],
        "DIRECT_TEMPLATES": ["index"],
        "PAGE_PATHS": [],
        "STATIC_PATHS": [],
        "EXTRA_PATH_METADATA": {},
        "LOAD_CONTENT_CACHE": False,
        **settings,
    }
    ran = subprocess.run(
        [sys.executable, "-c", BUILD, str(ROOT), json.dumps(overrides), json.dumps(attributes)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return json.loads(ran.stdout.splitlines()[-1]), output


def article_html(output):
    return (output / "articles" / "quotes-and-a-reference" / "index.html").read_text("utf-8")


def test_the_site_reader_alone_typesets_and_titles_the_references(tmp_path):
    html = article_html(build_with(["plugins.markdown_reader"], tmp_path)[1])
    assert "“quoted” —" in html  # written as characters by plugins/boundary.py
    assert '<h2 id="references">References</h2>' in html


def test_without_the_site_reader_pelican_leaves_quotes_and_references_plain(tmp_path):
    html = article_html(build_with([], tmp_path)[1])
    assert '"quoted"' in html and "References" not in html


def test_the_checks_alone_stop_a_build_with_a_broken_link(tmp_path):
    broken = ARTICLE + "\nSee [this]({filename}missing.md).\n"
    outcome, output = build_with(["plugins.checks"], tmp_path, text=broken)
    assert outcome["error"].startswith("ContentProblems")
    assert "missing.md, which does not exist" in outcome["error"]
    assert not output.exists()


def test_the_security_headers_plugin_alone_writes_the_headers_file(tmp_path):
    headers = (build_with(["plugins.security_headers"], tmp_path)[1] / "_headers").read_text()
    assert "Content-Security-Policy: default-src 'none'" in headers


def test_review_dates_alone_give_each_article_its_next_review(tmp_path):
    outcome, _ = build_with(
        ["plugins.review_dates"],
        tmp_path,
        attributes=["reviewed", "review_due"],
        REVIEW_INTERVAL_MONTHS=12,
    )
    assert outcome["articles"] == [{"reviewed": "2026-03-01", "review_due": "2027-03-01"}]


def test_safe_messaging_alone_marks_an_article_that_mentions_suicide(tmp_path):
    text = ARTICLE + "\nThoughts of suicide.\n"
    outcome, _ = build_with(
        ["plugins.safe_messaging"], tmp_path, text=text, attributes=["mentions_suicide"]
    )
    assert outcome["articles"] == [{"mentions_suicide": "True"}]


def test_share_cards_alone_draw_a_card_for_the_article_and_one_for_the_site(tmp_path):
    outcome, output = build_with(
        ["plugins.share_cards"], tmp_path, SHARE_IMAGES=True, SITEURL="https://example.org"
    )
    assert "error" not in outcome
    assert len(list((output / "images" / "share").glob("*.jpg"))) == 2
