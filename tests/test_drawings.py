"""A drawing (SVG) is published only when it holds nothing but a drawing: an allow-list.

Each file in tests/fixtures/drawings/refused is a trick that slipped past the old list of
known dangers (issue 28): it runs or loads when the drawing is opened on its own address
on a host without security headers. The sound ones are laid out as Inkscape, Illustrator
and Figma write them, and the installed Playwright package ships drawings nobody on the
team wrote.
"""

import pathlib

import playwright
import pytest

from plugins.checks.rules import images
from plugins.pictures import svg
from tests.conftest import FIXTURES
from tests.rule_helpers import found

DRAWINGS = FIXTURES / "drawings"
REFUSED = sorted((DRAWINGS / "refused").glob("*.svg"))
SOUND = sorted((DRAWINGS / "sound").glob("*.svg"))
THEIRS = sorted(pathlib.Path(playwright.__file__).parent.rglob("*.svg"))
# What the clinician is told each drawing holds, in words that need no knowledge of SVG.
SAID = {
    "animate-xlink-href": "changes where a link or a reference leads",
    "css-import-after-a-comment": "@import",
    "css-import-written-with-an-escape": "written with escapes",
    "css-url-between-quoted-comment-marks": "loads /images/other.svg#g",
    "css-url-split-by-an-xml-comment": "loads /images/other.svg#p",
    "css-url-written-with-an-escape": "written with escapes",
    "doctype-of-another-site": "its own document type",
    "entity-in-utf-16": "entities",
    "feimage-of-another-file": "its filter loads a picture (<feImage>)",
    "fill-from-another-file": "loads /images/other.svg#gradient",
    "image-of-another-file": "it links to /images/photo.jpg",
    "set-href-to-javascript": "changes where a link or a reference leads",
    "use-of-another-file": "it links to /images/other.svg#logo",
    "xhtml-iframe-under-another-prefix": "web-page code (<iframe>)",
    "xhtml-meta-refresh": "web-page code (<meta>)",
    "xhtml-object-under-default-namespace": "web-page code (<object>)",
    "xml-stylesheet": "<?xml-stylesheet",
}


def test_every_refused_drawing_has_its_words():
    assert sorted(SAID) == [path.stem for path in REFUSED]


@pytest.mark.parametrize("path", REFUSED, ids=lambda path: path.stem)
def test_a_drawing_that_could_run_or_load_something_is_refused_in_plain_words(path):
    said = "; ".join(svg.dangers(path))
    assert SAID[path.stem] in said


def test_a_post_showing_a_refused_drawing_names_it_and_how_to_export_it_again(tmp_path):
    drawing = (DRAWINGS / "refused" / "xhtml-iframe-under-another-prefix.svg").read_bytes()
    (problem,) = found(
        images.check,
        tmp_path,
        "![A chart]({static}/images/chart.svg)",
        **{"images/chart.svg": drawing},
    )
    assert "content/images/chart.svg cannot be published" in problem.what
    assert "web-page code (<iframe>)" in problem.what
    assert "Optimized SVG" in problem.fix and "PNG" in problem.fix


@pytest.mark.parametrize("path", SOUND + THEIRS, ids=lambda path: path.stem)
def test_a_drawing_as_design_programs_export_it_passes(path):
    assert svg.dangers(path) == []
    assert svg.size_of(path) is not None


def test_drawings_from_a_package_nobody_on_the_team_wrote_are_found():
    assert len(THEIRS) >= 3, "the installed Playwright package ships its logos as SVG"


@pytest.mark.parametrize(
    "drawing",
    [
        # An entity that would expand a billion times, if entities were expanded.
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
        # A file on this computer, read in if outside entities were loaded.
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        # A rule that adds an event handler to every <svg>, with no handler in sight.
        '<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
    ids=["billion-laughs", "outside-entity", "attribute-rule"],
)
def test_a_drawing_with_its_own_document_rules_is_refused_without_reading_them(tmp_path, drawing):
    path = tmp_path / "drawing.svg"
    path.write_text(drawing, encoding="utf-8")
    assert any("its own entities or rules" in said for said in svg.dangers(path))
    assert "root:" not in "".join(svg.dangers(path))


def test_the_w3c_doctype_older_programs_write_is_not_a_danger(tmp_path):
    path = tmp_path / "drawing.svg"
    path.write_text(
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"/>',
        encoding="utf-8",
    )
    assert svg.dangers(path) == [] and svg.size_of(path) == (20, 10)
