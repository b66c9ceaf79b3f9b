"""Only what was checked leaves content/ as it is: drawings, PDF handouts and the icon.

A web page or a script next to the pictures would be served from the site's own
address, which its Content-Security-Policy trusts ('self'), and run as part of the site.
"""

from importer import MANIFEST
from plugins.checks.rules.content_files import SITE_FILES
from plugins.redirects import REDIRECTS_FILE
from tests.conftest import FIXTURES, ROOT, build, invoke
from tests.test_plugins_alone import ARTICLE, build_with

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
SOUND_DRAWING = (FIXTURES / "drawings" / "sound" / "figma.svg").read_bytes()
REFUSED_DRAWING = (FIXTURES / "drawings" / "refused" / "xml-stylesheet.svg").read_bytes()
# What an import or a careless copy could leave in the content folder.
UNCHECKED = {
    "extra/tool.html": b"<!doctype html><script>fetch('/contact/')</script>",
    "images/helper.js": b"document.body.innerHTML = '';",
    "extra/look.css": b"body { display: none }",
    "extra/feed.xml": b"<?xml version='1.0'?><x:script xmlns:x='http://www.w3.org/1999/xhtml'/>",
    "extra/worksheet.pdf": b"<html><script>alert(1)</script></html>",
    "extra/unknown": b"#!/bin/sh\n",
}


def all_files(folder):
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def add(content, files):
    for name, data in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)


def test_a_web_page_script_or_style_sheet_in_the_content_is_refused_by_name(minimal_content):
    add(minimal_content, UNCHECKED)

    result = invoke("check", "--content", str(minimal_content))

    assert result.returncode != 0
    said = result.stderr
    assert "content/extra/tool.html (file)" in said and "a web page (HTML)" in said
    assert "content/images/helper.js (file)" in said and "a script (JavaScript)" in said
    assert "content/extra/look.css (file)" in said and "a style sheet (CSS)" in said
    assert "content/extra/feed.xml (file)" in said
    assert "content/extra/unknown (file)" in said
    assert "link to it where it lives on another website" in said


def test_a_file_that_is_not_what_its_name_says_is_refused(minimal_content):
    add(minimal_content, {"extra/worksheet.pdf": UNCHECKED["extra/worksheet.pdf"]})

    result = invoke("check", "--content", str(minimal_content))

    assert result.returncode != 0
    assert "content/extra/worksheet.pdf (file)" in result.stderr
    assert "ends in .pdf, but it holds something else, a web page" in result.stderr


def test_a_word_document_is_refused_with_how_to_save_it_as_pdf(minimal_content):
    add(minimal_content, {"extra/handout.docx": b"PK\x03\x04"})

    result = invoke("check", "--content", str(minimal_content))

    assert "content/extra/handout.docx (file)" in result.stderr
    assert "a Word document" in result.stderr and "Save it as PDF" in result.stderr


def test_a_pdf_handout_a_drawing_and_the_icon_are_published_as_they_are(minimal_content, tmp_path):
    add(minimal_content, {"extra/worksheet.pdf": PDF, "images/mood.svg": SOUND_DRAWING})
    output = tmp_path / "output"

    result = build(minimal_content, output)

    assert result.returncode == 0, result.stderr
    assert (output / "extra" / "worksheet.pdf").read_bytes() == PDF
    assert (output / "images" / "mood.svg").read_bytes() == SOUND_DRAWING
    assert (output / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_the_build_leaves_out_every_unchecked_file_even_without_the_checks(tmp_path):
    content = tmp_path / "content"
    add(content, UNCHECKED)
    sound = {"extra/worksheet-ok.pdf": PDF, "images/mood.svg": SOUND_DRAWING}
    add(content, {**sound, "images/styled.svg": REFUSED_DRAWING})
    # A picture that is a web page in disguise, linked rather than shown.
    add(content, {"extra/photo.jpg": b"<html><script>alert(1)</script></html>"})
    (tmp_path / "secret.txt").write_text("a private note")
    links = "\n[Sheet]({static}/extra/photo.jpg) [Notes]({static}/../secret.txt)\n"

    outcome, output = build_with(
        ["plugins.pictures", "plugins.static_files"],
        tmp_path,
        text=ARTICLE + links,
        STATIC_PATHS=["images", "extra"],
    )

    assert "error" not in outcome, outcome
    published = {name for name in all_files(output) if name.startswith(("extra/", "images/"))}
    assert published == set(sound)
    assert not any("secret" in name for name in all_files(tmp_path / "output"))


def test_a_link_out_of_the_content_folder_is_refused_before_the_build(minimal_content, tmp_path):
    (tmp_path / "secret.txt").write_text("a private note")
    post = minimal_content / "articles" / "first-steps.md"
    lines = post.read_text(encoding="utf-8").splitlines()
    post.write_text("\n".join([*lines, "", "[My notes]({static}/../secret.txt)", ""]))

    result = invoke("check", "--content", str(minimal_content))

    assert result.returncode != 0
    assert f"content/articles/first-steps.md, line {len(lines) + 2} (link)" in result.stderr
    assert "leads out of the content folder" in result.stderr


def test_the_files_the_site_and_the_importer_keep_in_the_content_folder_are_not_refused():
    assert {REDIRECTS_FILE, MANIFEST} <= SITE_FILES
    assert {path.name for path in (ROOT / "content").iterdir() if path.is_file()} <= SITE_FILES
