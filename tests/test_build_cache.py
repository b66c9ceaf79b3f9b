"""The build cache speeds builds up but never shows stale pages."""

import shutil

from plugins.runner import build
from tests.conftest import KAP_ARTICLE, ROOT, read_page


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
