"""The build cache speeds builds up but never shows stale pages."""

import json
import shutil

from plugins.runner import build
from tests.conftest import KAP_ARTICLE, ROOT, read_page
from tests.conftest import build as build_site


def test_changing_a_reading_setting_is_not_hidden_by_the_cache(tmp_path):
    places = {"OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache")}
    build(ROOT / "pelicanconf.py", {**places, "TOC_MIN_WORDS": 100_000})
    assert read_page(tmp_path / "output", KAP_ARTICLE).select_one(".ps-toc") is None
    build(ROOT / "pelicanconf.py", places)
    assert read_page(tmp_path / "output", KAP_ARTICLE).select_one(".ps-toc") is not None


def test_editing_an_article_shows_the_edit_on_the_next_build(minimal_content, tmp_path):
    places = {
        "PATH": str(minimal_content),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    build(ROOT / "pelicanconf.py", places)
    source = minimal_content / "articles" / "second-steps.md"
    source.write_text(source.read_text() + "\nA sentence added after the first build.\n")
    build(ROOT / "pelicanconf.py", places)
    page = read_page(tmp_path / "output", "articles/second-steps/index.html")
    assert "A sentence added after the first build." in page.get_text().replace("\xa0", " ")


def test_editing_a_template_shows_on_the_next_build(minimal_content, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    places = {
        "PATH": str(minimal_content),
        "THEME": str(theme),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    build(ROOT / "pelicanconf.py", places)
    template = theme / "templates" / "article.html"
    template.write_text(
        template.read_text("utf-8").replace(
            "{% block content %}", '{% block content %}<p class="fresh-marker">New</p>', 1
        ),
        "utf-8",
    )
    build(ROOT / "pelicanconf.py", places)
    page = read_page(tmp_path / "output", "articles/second-steps/index.html")
    assert page.select_one(".fresh-marker") is not None


def test_a_rebuild_with_nothing_changed_renders_no_page_again(minimal_content, tmp_path):
    # Each page's fingerprint (plugins/unchanged_pages.py) must come out the same from a
    # build in another process, or every page is rendered again after a one-word edit:
    # a setting whose value differs from one process to the next (a set's order, an
    # object of the build's own) once made a 1,000-article edit twice as slow.
    output = tmp_path / "output"
    fingerprints = []
    for _ in range(2):
        assert build_site(minimal_content, output).returncode == 0
        (state,) = (tmp_path / "output.cache").glob("*/unchanged_pages.json")
        fingerprints.append(json.loads(state.read_text(encoding="utf-8")))
    assert fingerprints[0], "no page was fingerprinted"
    changed = [
        page for page, value in fingerprints[1].items() if fingerprints[0].get(page) != value
    ]
    assert not changed, f"rendered again with nothing changed: {changed[:5]}"
