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


def test_unsafe_wording_added_to_an_article_is_flagged_on_the_next_build(tmp_path):
    content = write_corpus(tmp_path / "content", 20)
    output = tmp_path / "output"
    assert "safe messaging" not in build(content, output).stdout
    edited = edit_one_article(content, 20, "2. Her brother committed suicide")

    result = build(content, output)

    assert result.returncode == 0  # wording is advice, not an error
    assert f"{edited.name}, line" in result.stdout
    assert '"committed suicide"' in result.stdout


def test_a_renamed_article_is_named_by_its_new_name_in_the_advice(tmp_path):
    content = write_corpus(tmp_path / "content", 20)
    output = tmp_path / "output"
    edited = edit_one_article(content, 20, "2. Her brother committed suicide")
    assert edited.name in build(content, output).stdout
    edited.rename(edited.with_name("renamed-article.md"))
    for source in content.rglob("*.md"):  # and the links to it follow, as she would fix them
        source.write_text(source.read_text("utf-8").replace(edited.name, "renamed-article.md"))

    result = build(content, output)

    assert result.returncode == 0
    assert "renamed-article.md, line" in result.stdout
    assert f"{edited.name}, line" not in result.stdout
