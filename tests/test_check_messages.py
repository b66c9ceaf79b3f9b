"""`invoke check` explains every mistake in plain words: file, line, field, problem, fix."""

import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, invoke

MISTAKES = FIXTURES / "mistakes"

# fixture, severity, "line N (Field)" or "(Field)", key words the message must contain
CASES = [
    ("missing-title", "error", "line 1 (Title)", ["is missing", "Title:"]),
    ("missing-date", "error", "line 1 (Date)", ["is missing", "Date:"]),
    ("empty-summary", "error", "line 3 (Summary)", ["is empty", "at most 200 characters"]),
    ("missing-summary", "error", "line 1 (Summary)", ["is missing", "Summary:"]),
    ("long-summary", "error", "line 3 (Summary)", ["the limit is 200", "Shorten"]),
    ("unknown-field", "error", "line 3 (Sumary)", ["not a field", 'Did you mean "Summary"?']),
    ("missing-colon", "error", "line 2 (Date)", ['no colon after "Date"', "Write it as Date:"]),
    ("unreadable-date", "error", "line 2 (Date)", ['"1st of February"', "YYYY-MM-DD"]),
    ("future-date", "error", "line 2 (Date)", ["in the future", "Status: draft"]),
    ("bad-status", "error", "line 4 (Status)", ['"publish"', "published, draft"]),
    ("bad-slug", "error", "line 4 (Slug)", ['"My Bad Slug"', "lowercase letters"]),
    ("duplicate-slug", "error", "line 4 (Slug)", ["same web address", "first-steps.md"]),
    ("duplicate-title", "warning", "line 1 (Title)", ["same title", "first-steps.md"]),
    (
        "broken-link",
        "error",
        "line 5 (link)",
        ["frist-steps.md", "does not exist", "Did you mean {filename}/articles/first-steps.md?"],
    ),
    (
        "missing-anchor",
        "error",
        "line 5 (link)",
        ['"#no-such-section"', "no such section", "#a-section"],
    ),
    (
        "relative-link",
        "error",
        "line 5 (link)",
        ["is relative to this file", "Write it as {filename}first-steps.md"],
    ),
    (
        "missing-image",
        "error",
        "line 5 (image)",
        ["sqare.png", "does not exist", "Did you mean {static}/images/square.png?"],
    ),
    ("broken-static-link", "error", "line 5 (link)", ["worksheet.pdf", "does not exist"]),
    ("image-without-alt", "error", "line 5 (image)", ["alt text", "screen readers"]),
    (
        "skipped-heading",
        "error",
        "line 7 (headings)",
        ["level-4 heading follows a level-2 heading", "Use ### for this heading"],
    ),
    ("top-level-heading", "error", "line 5 (headings)", ["top-level heading", "Use ##"]),
    ("script", "error", "line 5 (embedded content)", ["<script>", "promises", "Remove"]),
    ("iframe", "error", "line 5 (embedded content)", ["<iframe>", "Link to the page instead"]),
    ("form", "error", "line 5 (embedded content)", ["<form>", "collect readers' details"]),
    (
        "remote-image",
        "error",
        "line 5 (embedded content)",
        ["from another website", "{static}/images/"],
    ),
    (
        "skipped-file-with-broken-link",
        "error",
        "line 4 (link)",
        ["secnd-steps.md", "Did you mean {filename}/articles/second-steps.md?"],
    ),
    (
        "hard-to-read",
        "warning",
        "(readability)",
        ["Flesch–Kincaid", "SMOG", "the target is grade 8", "Sentences average"],
    ),
    (
        "unsafe-wording",
        "warning",
        "line 5 (safe messaging)",
        ['"committed suicide"', 'Write "died by suicide"'],
    ),
    (
        "suicide-as-solution",
        "warning",
        "line 5 (safe messaging)",
        ["only way out", "not a solution", "crisis lines is added"],
    ),
    (
        "promised-cure",
        "warning",
        "line 5 (claims)",
        ['"cures"', "§651(b)(3)(A)", "may help", "You decide"],
    ),
    (
        "client-testimonial",
        "warning",
        "line 5 (testimonial)",
        ["said one client", "5.05", "Leave out clients' words of praise"],
    ),
    (
        "sessions-anywhere",
        "warning",
        "line 5 (where sessions are offered)",
        ['"anywhere in the US"', "in California", "LICENSED_STATES"],
    ),
    ("unknown-template", "error", "line 3 (Template)", ['"contakt"', 'Did you mean "contact"?']),
    # Up to three spaces before a name still make a field (as Python-Markdown reads it).
    ("indented-field", "error", "line 5 (Save_as)", ['"Save_as" is not a field', "Use one of"]),
    ("tab-before-field", "error", "line 4 (Slug)", ["starts with a tab", "Delete the tab"]),
    # Four spaces or more continue the field above, so this is not about web addresses.
    (
        "spaces-before-field",
        "error",
        "line 5 (Status)",
        ["read as part of the line above (Slug: spaced)", "Delete the spaces before Status:"],
    ),
    (
        "missing-blank-line",
        "error",
        "line 4 (Remember)",
        ["empty line", "probably missing", "Leave one empty line after the line Summary:"],
    ),
    ("repeated-field", "error", "line 4 (Title)", ["written 2 times (lines 1, 4)", "Keep one"]),
    (
        "unmatched-citation",
        "error",
        "line 5 (references)",
        ["[^2] has no source", "cite one of the sources that are written: [^1] (line 7)"],
    ),
    ("alt-text-placeholder", "error", "line 5 (image)", ['"image"', "does not say what it shows"]),
    ("alt-text-file-name", "error", "line 5 (image)", ['"IMG_2041.jpg"', "Describe what"]),
    (
        "share-image-missing",
        "error",
        "line 4 (Image)",
        ["content/images/sqare.png does not exist", "Did you mean Image: images/square.png?"],
    ),
    ("share-image-too-small", "error", "line 4 (Image)", ["8 × 8 pixels", "at least 600 × 315"]),
    (
        "share-image-alt-file-name",
        "error",
        "line 5 (ImageAlt)",
        ['"IMG_2041.jpg"', "does not say what it shows", "ImageAlt: A calm lake"],
    ),
    (
        "share-image-alt-without-image",
        "warning",
        "line 4 (ImageAlt)",
        ["names none (Image)", "delete the ImageAlt line"],
    ),
    ("insecure-link", "error", "line 5 (link)", ["not a secure address", "https://example.org"]),
    (
        "translation-without-original",
        "error",
        "line 4 (Translation)",
        ['no post in English has its slug, "frist-steps"', "did you mean Slug: first-steps?"],
    ),
    (
        "unknown-language",
        "error",
        "line 4 (Lang)",
        ['"spanish" is not one of the languages', "Did you mean es? Write it as: Lang: es"],
    ),
    (
        "preview-link",
        "error",
        "line 5 (link)",
        ["preview on your computer", "Write it as {filename}first-steps.md"],
    ),
    (
        "built-page-link",
        "error",
        "line 5 (link)",
        ["/pages/about.html leads to no page", "Write it as {filename}../pages/about.md"],
    ),
    (
        "web-address-without-https",
        "error",
        "line 5 (link)",
        [
            "looks like a web address without https://",
            "Write it as https://www.nimh.nih.gov/health/publications/generalized-anxiety-",
        ],
    ),
    (
        "tracked-link",
        "error",
        "line 5 (link)",
        [
            "passes through Google, which records every click",
            "Replace it with the address it leads to: "
            "https://www.nimh.nih.gov/health/topics/anxiety-disorders",
        ],
    ),
    ("empty-heading", "error", "line 7 (headings)", ["has no words", "Write the heading after ##"]),
    (
        "pasted-bullets",
        "error",
        "line 6 (list)",
        ["Lines 6 to 7 start with •", "one paragraph", "- (a hyphen and a space)"],
    ),
    (
        "misnamed-image",
        "error",
        "line 5 (image)",
        ["Did you mean {static}/images/square.png?", "the web server tells them apart"],
    ),
    (
        "root-relative-link",
        "error",
        "line 5 (link)",
        ["from the top of the web server", "Write it as {filename}../pages/about.md"],
    ),
]


def folder_for(fixture):
    return "pages" if fixture == "unknown-template" else "articles"


def add_mistake(content, fixture):
    relative = f"{folder_for(fixture)}/{fixture}.md"
    shutil.copy(MISTAKES / f"{fixture}.md", content / relative)
    return f"content/{relative}"


def messages(output):
    """Each message of the report, keyed by its first line."""
    blocks = re.split(r"\n\s*\n", output)
    return [block.strip() for block in blocks if block.strip().startswith(("✗", "•"))]


def message_for(output, where):
    found = [block for block in messages(output) if where in block.splitlines()[0]]
    assert found, f"No message starting with {where!r} in:\n{output}"
    return found[0]


def test_every_mistake_has_a_fixture():
    assert sorted(p.stem for p in MISTAKES.glob("*.md")) == sorted(case[0] for case in CASES)


@pytest.mark.parametrize(
    ("fixture", "severity", "where", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_check_explains_the_mistake(minimal_content, fixture, severity, where, words):
    shown = add_mistake(minimal_content, fixture)
    result = invoke("check", "--content", str(minimal_content))
    output = result.stdout + result.stderr
    message = message_for(output, f"{shown}, {where}" if where.startswith("line") else shown)
    assert f"({where.split('(')[1]}" in message.splitlines()[0]
    for word in words:
        assert word in message
    assert "How to fix:" in message
    assert "Traceback" not in output and "Skipping" not in output
    if severity == "error":
        assert result.returncode != 0
        assert message.startswith("✗")
    else:
        assert result.returncode == 0, output
        assert message.startswith("•")


def test_a_file_that_is_not_utf8_is_explained(minimal_content):
    (minimal_content / "articles" / "latin1.md").write_bytes(
        b"Title: Caf\xe9\nDate: 2026-02-01\nSummary: Saved as Latin-1.\n\nText.\n"
    )
    result = invoke("check", "--content", str(minimal_content))
    message = message_for(result.stdout + result.stderr, "content/articles/latin1.md")
    assert result.returncode != 0
    assert "UTF-8" in message and "save it again" in message


def test_check_lists_every_problem_in_one_run_errors_first(minimal_content):
    shown = {fixture: add_mistake(minimal_content, fixture) for fixture, *_ in CASES}
    result = invoke("check", "--content", str(minimal_content))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    found = messages(output)
    for fixture, _, where, _ in CASES:
        wanted = f"{shown[fixture]}, {where}" if where.startswith("line") else shown[fixture]
        assert any(wanted in block.splitlines()[0] for block in found), wanted
    kinds = [block[0] for block in found]
    assert kinds == sorted(kinds, key=lambda kind: kind != "✗"), "errors come before warnings"
    assert output.strip().startswith(f"{kinds.count('✗')} problems must be fixed")


def test_build_refuses_what_check_rejects_and_keeps_the_last_good_site(minimal_content, tmp_path):
    output = tmp_path / "output"
    assert (
        invoke("build", "--content", str(minimal_content), "--output", str(output)).returncode == 0
    )
    good = (output / "articles" / "first-steps" / "index.html").read_bytes()
    add_mistake(minimal_content, "broken-link")
    (minimal_content / "articles" / "first-steps.md").write_text(
        (minimal_content / "articles" / "first-steps.md").read_text() + "\nA change.\n"
    )
    result = invoke("build", "--content", str(minimal_content), "--output", str(output))
    assert result.returncode != 0
    assert "frist-steps.md" in result.stderr and "last good build" in result.stderr
    assert (output / "articles" / "first-steps" / "index.html").read_bytes() == good
    assert not (output / "articles" / "broken-link").exists()


def test_article_mentioning_suicide_shows_crisis_help_inside_it(minimal_content, tmp_path):
    add_mistake(minimal_content, "suicide-as-solution")
    output = tmp_path / "output"
    assert (
        invoke("build", "--content", str(minimal_content), "--output", str(output)).returncode == 0
    )
    mentioning = (output / "articles" / "suicide-as-a-solution" / "index.html").read_text()
    other = (output / "articles" / "first-steps" / "index.html").read_text()
    callout = mentioning.split('class="ps-crisis-callout"')[1].split("</div>")[0]
    assert 'href="tel:988"' in callout and "Help is available now" in callout
    assert mentioning.index("ps-crisis-callout") < mentioning.index('class="ps-prose"')
    assert "ps-crisis-callout" not in other


def test_readability_grades_are_cached_by_content(minimal_content, tmp_path):
    add_mistake(minimal_content, "hard-to-read")
    output = tmp_path / "output"
    assert (
        invoke("build", "--content", str(minimal_content), "--output", str(output)).returncode == 0
    )
    # The build cache keeps one folder per set of reading rules (see markdown_reader.py).
    (cache,) = Path(f"{output}.cache").glob("*/readability.json")
    first = cache.read_text()
    result = invoke("build", "--content", str(minimal_content), "--output", str(output))
    # Shown in full once; while the file is unchanged, counted in one line.
    assert "about content/articles/hard-to-read.md, which has not changed" in result.stdout
    assert cache.read_text() == first
    again = invoke("check", "--all", "--content", str(minimal_content))
    assert "hard-to-read.md, line 5 (readability)" in again.stdout


def test_a_suggestion_is_shown_again_once_its_file_changes(minimal_content):
    add_mistake(minimal_content, "unsafe-wording")
    first = invoke("check", "--content", str(minimal_content)).stdout
    assert "unsafe-wording.md, line 5 (safe messaging)" in first
    assert "(safe messaging)" not in invoke("check", "--content", str(minimal_content)).stdout
    edited = minimal_content / "articles" / "unsafe-wording.md"
    edited.write_text(edited.read_text() + "\nA new paragraph.\n")
    assert "(safe messaging)" in invoke("check", "--content", str(minimal_content)).stdout


def test_an_unchanged_files_suggestion_stays_one_line_when_another_file_has_a_problem(
    minimal_content, tmp_path
):
    add_mistake(minimal_content, "unsafe-wording")
    output = tmp_path / "output"
    first = invoke("check", "--content", str(minimal_content)).stdout
    assert "unsafe-wording.md, line 5 (safe messaging)" in first
    add_mistake(minimal_content, "missing-title")

    for task in (["check"], ["build", "--output", str(output)]):
        result = invoke(*task, "--content", str(minimal_content))
        shown = result.stdout + result.stderr
        assert "✗ content/articles/missing-title.md" in shown
        assert "(safe messaging)" not in shown, task
        assert "about content/articles/unsafe-wording.md, which has not changed" in shown

    again = invoke("check", "--all", "--content", str(minimal_content))
    assert "unsafe-wording.md, line 5 (safe messaging)" in again.stdout + again.stderr


def test_the_readability_target_is_a_setting(minimal_content, tmp_path):
    sys.path.insert(0, str(ROOT))
    from plugins.runner import build
    from tasks import SETTINGS, _overrides

    add_mistake(minimal_content, "hard-to-read")
    overrides = _overrides(content=minimal_content, output=tmp_path / "output")
    strict = build(SETTINGS, overrides)
    assert any(p.field == "readability" and "target is grade 8" in p.what for p in strict)
    lenient = build(SETTINGS, {**overrides, "READABILITY_TARGET_GRADE": 60})
    assert not any(p.field == "readability" for p in lenient)


def test_a_missing_image_is_one_problem_with_one_message(minimal_content, tmp_path):
    add_mistake(minimal_content, "missing-image")
    result = invoke("build", "--content", str(minimal_content), "--output", str(tmp_path / "out"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # The site's own suggestions (an empty license number) may follow; the image has one.
    about_the_image = [m for m in messages(output) if "missing-image.md" in m.splitlines()[0]]
    assert len(about_the_image) == 1, output
    assert "sqare.png" in about_the_image[0] and "modification stamp" not in output
    assert [m for m in messages(output) if "sqare.png" in m] == about_the_image
