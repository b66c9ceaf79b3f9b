"""An invisible character no page or feed can hold is refused with its file, line and field.

Such characters come with text pasted from another program. Pelican's feed writer stopped
the public build on one, saying only that the checks did not recognise the problem; and
any crash while a post is read or written now names that post.
"""

import subprocess
import sys

import pelicanconf
from tests.conftest import ROOT, invoke
from tests.test_front_matter_is_text import public_build

# One invisible character in each free-text field, and in the text: (line, field, written).
LINES = (
    (1, "Title", "Title: Calm\x01 breathing"),
    (2, "Date", "Date: 2026-02-01"),
    (3, "Summary", "Summary: A calm\x7f article."),
    (4, "Category", "Category: Calm\x1b"),
    (5, "Tags", "Tags: calm\x0b, quiet"),
    (6, "Author", "Author: Sam\x08 Smith"),
    (7, "ReviewedBy", "ReviewedBy: Ana\x85 Ortiz"),
    (8, "ImageAlt", "ImageAlt: \ufffeA lake"),
    (9, None, ""),
    (10, "text", "Breathe in\x00 slowly."),
)


def test_each_line_with_an_invisible_character_is_named_with_its_field(minimal_content):
    post = minimal_content / "articles" / "calm.md"
    post.write_text("\n".join(text for _, _, text in LINES) + "\n", encoding="utf-8")
    result = invoke("check", "--content", str(minimal_content))
    assert result.returncode != 0
    for line, field, _ in LINES:
        where = f"content/articles/calm.md, line {line} ({field})"
        if field in (None, "Date"):
            assert f"content/articles/calm.md, line {line} (" not in result.stderr
            continue
        assert where in result.stderr, result.stderr
    assert 'invisible character (a control character, U+0001) just after "Title: Calm"' in (
        result.stderr
    )
    assert "Delete the line and type it again by hand" in result.stderr
    assert "not recognise" not in result.stderr


def test_a_control_character_in_a_tag_never_stops_the_public_build_unnamed(
    minimal_content, tmp_path
):
    (minimal_content / "articles" / "calm.md").write_text(
        "Title: Calm\nDate: 2026-02-01\nSummary: A calm article.\nCategory: Testing\n"
        "Author: Sam\x01 Smith\n\nCalm text.\n"
    )
    result = public_build(minimal_content, tmp_path / "output")
    assert result.returncode != 0
    assert "content/articles/calm.md, line 5 (Author)" in result.stderr
    assert "not recognise" not in result.stderr


def test_a_crash_while_writing_a_post_names_the_post(minimal_content, tmp_path):
    # Without the checks, the feed writer meets the character: the crash still names its post.
    (minimal_content / "articles" / "calm.md").write_text(
        "Title: Calm\nDate: 2026-02-01\nSummary: A calm article.\nCategory: Testing\n"
        "Author: Sam\x01 Smith\n\nCalm text.\n"
    )
    without_checks = [name for name in pelicanconf.PLUGINS if name != "plugins.checks"]
    result = public_build(minimal_content, tmp_path / "output", plugins=without_checks)
    assert result.returncode != 0
    assert "content/articles/calm.md (the whole file)" in result.stderr
    assert "The site could not publish this file" in result.stderr
    assert "invisible control character" in result.stderr
    assert "not recognise" not in result.stderr


BREAKS_READING = """\
from pelican import signals


def break_on_boom(generator, metadata):
    if metadata.get("title") == "Boom":
        raise ValueError("a mistake nobody has a check for yet")


def register():
    signals.article_generator_context.connect(break_on_boom)
"""


def test_a_crash_while_reading_a_post_names_the_post_and_the_reason(minimal_content, tmp_path):
    # Pelican catches an error while reading and logs only "Could not process <file>":
    # a plugin stands in here for a mistake no check knows yet.
    (tmp_path / "breaks_reading.py").write_text(BREAKS_READING)
    (minimal_content / "articles" / "boom.md").write_text(
        "Title: Boom\nDate: 2026-02-01\nSummary: A calm article.\nCategory: Testing\n\nCalm.\n"
    )
    script = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "import pelicanconf; from plugins.runner import build; from tasks import _overrides;"
        "overrides = _overrides(content=sys.argv[3], output=sys.argv[4]);"
        "overrides['PLUGINS'] = [*pelicanconf.PLUGINS, 'breaks_reading'];"
        "build('pelicanconf.py', overrides)"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(ROOT),
            str(tmp_path),
            str(minimal_content),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode != 0
    assert "content/articles/boom.md (the whole file)" in result.stderr
    assert "The site could not read this file" in result.stderr
    assert "ValueError: a mistake nobody has a check for yet" in result.stderr
    assert "(Pelican)" not in result.stderr
