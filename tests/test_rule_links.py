"""Links and images lead somewhere that exists, checked one file at a time."""

from plugins.checks.rules import links
from tests.rule_helpers import article, found, site_of

OTHER = "Title: Other\nDate: 2026-11-01\nSummary: x.\n\n## Part one\n\nText.\n"


def test_a_link_to_a_missing_post_suggests_the_closest_one(tmp_path):
    problems = found(
        links.check, tmp_path, "[x]({filename}othr.md)", **{"articles/other.md": OTHER}
    )
    assert [p.field for p in problems] == ["link"]
    assert "Did you mean {filename}/articles/other.md?" in problems[0].fix


def test_a_link_to_a_missing_section_lists_the_sections_there(tmp_path):
    problems = found(
        links.check, tmp_path, "[x]({filename}other.md#part-two)", **{"articles/other.md": OTHER}
    )
    assert "#part-one" in problems[0].fix


def test_an_image_from_another_website_is_refused(tmp_path):
    problems = found(links.check, tmp_path, "![A lake](https://images.example.com/lake.jpg)")
    assert [p.field for p in problems] == ["embedded content"]


def test_links_that_exist_and_addresses_elsewhere_pass(tmp_path):
    body = "[x]({filename}other.md#part-one), [y](https://example.org/), [z](mailto:a@b.org)"
    assert found(links.check, tmp_path, body, **{"articles/other.md": OTHER}) == []


def test_a_link_to_a_section_elsewhere_is_never_remembered(tmp_path):
    site_body = "[x]({filename}other.md#part-one)"

    site = site_of(tmp_path, {"articles/note.md": article(site_body), "articles/other.md": OTHER})
    source = site.source_of(site.content_root / "articles" / "note.md")
    assert not links.check.may_remember(source)


def test_a_link_that_leads_out_of_the_content_folder_is_refused_by_its_line(tmp_path):
    (tmp_path / "secret.txt").write_text("a private note")
    (tmp_path / "notes.md").write_text(OTHER)
    body = (
        "[Notes]({static}/../secret.txt)\n\n[More]({attach}../../secret.txt)\n\n"
        "[Other]({filename}/../notes.md)"
    )
    problems = found(links.check, tmp_path, body)
    assert [(p.line, p.field) for p in problems] == [(5, "link"), (7, "link"), (9, "link")]
    assert all("leads out of the content folder" in p.what for p in problems)
    assert "content/extra (a PDF)" in problems[0].fix


def test_a_picture_from_outside_the_content_folder_is_refused_by_its_line(tmp_path):
    problems = found(links.check, tmp_path, "![A private photo](/../../photo.jpg)")
    assert [(p.line, p.field) for p in problems] == [(5, "image")]
    assert "leads out of the content folder" in problems[0].what
    assert "{static}/images/NAME.jpg" in problems[0].fix


def test_a_link_to_a_photo_leads_nowhere_and_says_how_to_show_it(tmp_path):
    # Photos are published only in the sizes a post shows them at (plugins/pictures).
    problems = found(
        links.check,
        tmp_path,
        "See [my office]({static}/images/office.jpg).",
        **{"images/office.jpg": b"\xff\xd8\xff"},
    )
    assert [(p.line, p.field) for p in problems] == [(5, "link")]
    assert "would lead nowhere" in problems[0].what
    assert problems[0].fix == (
        "Show it instead: ![what the picture shows]({static}/images/office.jpg)."
    )


def test_an_address_with_a_stray_bracket_is_refused_in_words_not_a_crash(tmp_path):
    # From bleach's test suite; Python's address parser raises on it ("Invalid IPv6 URL").
    problems = found(links.check, tmp_path, '<a href="http://example.com]">text</a>')
    assert [(p.line, p.field) for p in problems] == [(5, "link")]
    assert "a [ or ] is in the wrong place" in problems[0].what
