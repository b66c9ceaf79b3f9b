"""A file named with other capitals or spaces than it has gets the name it really has.

The web server tells My Office.JPG and my office.jpg apart, so such a link must be
corrected even where the picture opens on her computer (a Mac's disk ignores capitals).
"""

import io

import pytest
from PIL import Image

from plugins.checks.rules import images, links, portrait
from tests.rule_helpers import found, site_of


def png():
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "#2a6").save(data, "PNG")
    return data.getvalue()


OFFICE = {"images/my office.jpg": png()}


@pytest.mark.parametrize(
    "written", ["{static}/images/My Office.JPG", "{static}/images/MyOffice.jpg"]
)
def test_a_picture_written_with_other_capitals_or_spaces_gets_its_real_name(tmp_path, written):
    (problem,) = found(links.check, tmp_path, f"![My office]({written})", **OFFICE)
    assert problem.line == 5 and problem.field == "image"
    assert "Did you mean {static}/images/my office.jpg?" in problem.fix
    assert "capitals and spaces alike: the web server tells them apart" in problem.fix


def test_a_picture_written_from_the_top_of_the_site_gets_its_real_name_too(tmp_path):
    (problem,) = found(images.check, tmp_path, "![My office](/images/My%20Office.JPG)", **OFFICE)
    assert "Did you mean {static}/images/my office.jpg?" in problem.fix


def test_a_link_to_a_post_with_other_capitals_gets_its_real_name(tmp_path):
    other = "Title: Sleep\nDate: 2026-11-01\nSummary: x.\n\nText.\n"
    (problem,) = found(
        links.check,
        tmp_path,
        "[Sleep]({filename}SLEEP TIPS.md)",
        **{"articles/sleep-tips.md": other},
    )
    assert "Did you mean {filename}/articles/sleep-tips.md?" in problem.fix


def test_an_unrelated_name_gets_no_such_guess(tmp_path):
    (problem,) = found(links.check, tmp_path, "![A cat]({static}/images/cat.jpg)", **OFFICE)
    assert "Did you mean" not in problem.fix


def portrait_problem(tmp_path, photo, files):
    site = site_of(tmp_path, files)
    site.settings.update(AUTHOR_PHOTO=photo, AUTHOR_PHOTO_ALT="Stephanie Post in her office")
    (problem,) = portrait.check(site)
    return problem


def test_a_missing_portrait_lists_the_pictures_there_are(tmp_path):
    files = {f"images/{name}": png() for name in ("sea.png", "me-2024.png", "logo.png")}
    problem = portrait_problem(tmp_path, "images/portrait.jpg", {**files, "images/.gitkeep": ""})
    assert problem.what.endswith(
        "The pictures in content/images/ are: images/logo.png, images/me-2024.png, images/sea.png."
    )


def test_a_portrait_with_other_capitals_gets_the_setting_to_write(tmp_path):
    problem = portrait_problem(tmp_path, "images/My Office.JPG", OFFICE)
    assert problem.fix.startswith('Write AUTHOR_PHOTO = "images/my office.jpg"')


def test_a_long_list_of_pictures_is_cut_short(tmp_path):
    files = {f"images/photo-{n:02}.png": png() for n in range(12)}
    problem = portrait_problem(tmp_path, "images/portrait.jpg", files)
    assert "images/photo-07.png, and 4 more." in problem.what
    assert "photo-08" not in problem.what


def test_an_empty_pictures_folder_is_said_so(tmp_path):
    problem = portrait_problem(tmp_path, "images/portrait.jpg", {})
    assert "content/images/ holds no pictures." in problem.what
