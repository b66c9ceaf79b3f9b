"""Remembered check findings never hide a mistake: a change elsewhere is noticed."""

from benchmarks.corpus import edit_one_article, file_name, write_corpus
from tests.conftest import build


def test_a_link_to_a_deleted_article_stops_the_build_though_the_linking_file_did_not_change(
    tmp_path,
):
    content = write_corpus(tmp_path / "content", 20)
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    (content / "articles" / file_name(5)).unlink()  # articles 4 and 6 link to it

    result = build(content, output)

    assert result.returncode != 0
    assert file_name(4) in result.stdout + result.stderr
    assert file_name(6) in result.stdout + result.stderr


def test_a_mistake_added_to_an_article_stops_the_next_build(tmp_path):
    content = write_corpus(tmp_path / "content", 20)
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    edit_one_article(content, 20, "see [this](notes/missing.md)")

    result = build(content, output)

    assert result.returncode != 0
    assert "notes/missing.md" in result.stdout + result.stderr
