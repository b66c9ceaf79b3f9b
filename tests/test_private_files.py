"""Nothing private is published: no linked folders, no hidden files, no unchecked post formats."""

import os

from tests.conftest import build, invoke


def all_files(folder):
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")}


def test_a_link_to_a_home_folder_stops_the_build_and_publishes_nothing(minimal_content, tmp_path):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("PRIVATE KEY")
    (home / "notes.txt").write_text("shell history")
    os.symlink(home, minimal_content / "images" / "home")
    output = tmp_path / "output"

    result = build(minimal_content, output)

    assert result.returncode != 0
    assert "content/images/home (file)" in result.stderr and "link to" in result.stderr
    assert not output.exists() or not any("id_ed25519" in name for name in all_files(output))


def test_hidden_files_in_the_content_are_never_published(minimal_content, tmp_path):
    (minimal_content / "extra" / ".env").write_text("PASSWORD=secret")
    (minimal_content / "images" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (minimal_content / "images" / ".git").mkdir()
    (minimal_content / "images" / ".git" / "config").write_text("[user]\nemail = me@home")
    output = tmp_path / "output"

    result = build(minimal_content, output)

    assert result.returncode == 0, result.stderr
    assert [name for name in all_files(output) if "/." in f"/{name}"] == []


def test_a_web_page_in_the_articles_folder_is_not_published_unchecked(minimal_content, tmp_path):
    (minimal_content / "articles" / "page.html").write_text(
        "<html><head><title>Page</title><meta name='date' content='2026-01-01'></head>"
        "<body><script>alert(1)</script></body></html>"
    )
    output = tmp_path / "output"

    result = build(minimal_content, output)

    assert result.returncode != 0
    assert "content/articles/page.html (file)" in result.stderr
    assert "saved as a web page (HTML)" in result.stderr
    assert not (output / "articles" / "page").exists()


def test_a_post_saved_as_rich_text_says_how_to_save_it_as_plain_text(minimal_content):
    (minimal_content / "articles" / "new-post.md").write_text(
        "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Helvetica;}}\\f0 Title: Coping\\par}"
    )
    (minimal_content / "articles" / "draft.rtf").write_text("{\\rtf1 Title: Draft}")

    result = invoke("check", "--content", str(minimal_content))

    assert result.returncode != 0
    assert "content/articles/new-post.md (file)" in result.stderr
    assert "saved as rich text (RTF)" in result.stderr and "Make Plain Text" in result.stderr
    assert "content/articles/draft.rtf (file)" in result.stderr
    assert "(Title)" not in result.stderr, "one problem, one message"
