"""A picture that cannot be published stops the build, naming the file and the fix."""

import io

import pytest
from PIL import Image

from plugins.checks.rules import drawings, images, portrait
from plugins.pictures import process
from tests.conftest import invoke
from tests.picture_helpers import SAFE_SVG, SCRIPTED_SVG, content_with, photo, truncated
from tests.rule_helpers import article, found, site_of


def jpeg():
    data = io.BytesIO()
    photo().save(data, "JPEG", quality=80)
    return data.getvalue()


def test_a_photo_cut_short_is_named_with_a_fix(tmp_path):
    (tmp_path / "images").mkdir()
    data = truncated(tmp_path / "images" / "cut.jpg").read_bytes()
    (problem,) = found(
        images.check, tmp_path, "![A cat]({static}/images/cut.jpg)", **{"images/cut.jpg": data}
    )
    assert problem.line == 5 and "content/images/cut.jpg" in problem.what
    assert "cut short" in problem.what and "export it again" in problem.fix


def test_a_picture_over_the_size_limit_is_refused_before_it_is_opened(tmp_path):
    huge = io.BytesIO()
    Image.new("L", (7100, 7100)).save(huge, "PNG", compress_level=1)
    (problem,) = found(
        images.check,
        tmp_path,
        "![A wide view]({static}/images/huge.png)",
        **{"images/huge.png": huge.getvalue()},
    )
    assert "7100 × 7100 pixels" in problem.what and "50 megapixels" in problem.what
    assert "4000 pixels wide" in problem.fix


@pytest.mark.parametrize(
    ("drawing", "why"),
    [
        (SCRIPTED_SVG, "a script"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()"/></svg>', "onload"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>Hi</p></foreignObject></svg>',
            "foreignObject",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<image xlink:href="https://tracker.example/pixel.png"/></svg>',
            "https://tracker.example/pixel.png",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg">'
            '<rect style="fill: url(data:image/png;base64,AA)"/></svg>',
            "data:image/png",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x()"/></svg>', "javascript:"),
    ],
)
def test_a_drawing_that_could_run_or_load_something_is_refused(tmp_path, drawing, why):
    (problem,) = found(
        images.check,
        tmp_path,
        "![A chart]({static}/images/chart.svg)",
        **{"images/chart.svg": drawing},
    )
    assert "content/images/chart.svg" in problem.what and why in problem.what


def test_a_plain_drawing_and_a_sound_photo_pass(tmp_path):
    body = "![A chart]({static}/images/chart.svg)\n\n![A cat](/images/cat.jpg)"
    files = {"images/chart.svg": SAFE_SVG, "images/cat.jpg": jpeg()}
    assert found(images.check, tmp_path, body, **files) == []


def test_a_picture_that_is_not_there_is_named_once(tmp_path):
    (problem,) = found(images.check, tmp_path, "![A cat](/images/kitten.jpg)")
    assert "/images/kitten.jpg does not exist" in problem.what and problem.line == 5


def portrait_problems(tmp_path, photo_setting, alt, files=None):
    site = site_of(tmp_path, files or {})
    site.settings.update(AUTHOR_PHOTO=photo_setting, AUTHOR_PHOTO_ALT=alt)
    return portrait.check(site)


def test_a_portrait_that_is_not_there_names_the_setting(tmp_path):
    (problem,) = portrait_problems(tmp_path, "images/me.jpg", "Stephanie Post")
    assert problem.file == "pelicanconf.py" and problem.field == "AUTHOR_PHOTO"
    assert '"images/me.jpg"' in problem.what


def test_a_portrait_without_a_description_names_the_setting(tmp_path):
    for alt in ("", "portrait.jpg"):
        (problem,) = portrait_problems(tmp_path, "images/me.jpg", alt, {"images/me.jpg": jpeg()})
        assert problem.field == "AUTHOR_PHOTO_ALT"


def test_no_portrait_is_no_problem(tmp_path):
    assert portrait_problems(tmp_path, "", "") == []


def test_invoke_check_and_build_explain_bad_pictures_without_a_traceback(tmp_path):
    content = content_with(tmp_path)
    truncated(content / "images" / "cut.jpg")
    (content / "images" / "chart.svg").write_text(SCRIPTED_SVG, encoding="utf-8")
    (content / "articles" / "second-steps.md").write_text(
        "Title: Second Steps\nDate: 2026-01-16\nSummary: Pictures.\nCategory: Testing\n\n"
        "## A section\n\n![A cat]({static}/images/cut.jpg)\n\n![A chart](/images/chart.svg)\n\n"
        "![IMG_2041.jpg](/images/nowhere.jpg)\n",
        encoding="utf-8",
    )
    checked = invoke("check", "--content", str(content))
    built = invoke("build", "--content", str(content), "--output", str(tmp_path / "output"))
    for result in (checked, built):
        said = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in said
        assert "content/images/cut.jpg" in said and "cut short" in said
        assert "content/images/chart.svg" in said and "a script" in said
        assert "/images/nowhere.jpg does not exist" in said
        assert 'The description of an image is "IMG_2041.jpg"' in said
    assert not (tmp_path / "output" / "images").exists()


def test_a_drawing_no_post_shows_is_still_checked_because_it_is_published(tmp_path):
    site = site_of(
        tmp_path,
        {"articles/note.md": article("No pictures."), "images/old.svg": SCRIPTED_SVG},
    )
    (problem,) = drawings.check(site)
    assert problem.file == "content/images/old.svg" and "a script" in problem.what
    assert "delete it" in problem.fix


def test_a_drawing_a_post_shows_is_named_once_where_it_is_shown(tmp_path):
    site = site_of(
        tmp_path,
        {"articles/note.md": article("![A chart](/images/c.svg)"), "images/c.svg": SCRIPTED_SVG},
    )
    assert list(drawings.check(site)) == []


def test_a_picture_too_slow_to_make_as_avif_is_published_without_it(tmp_path):
    source = tmp_path / "cat.png"
    photo().save(source)
    manifest = process.made_of(source, tmp_path / "cache", (160, 320), budget=-1)
    assert manifest["avif_left_out"]
    assert {v["format"] for v in manifest["versions"]} == {"webp", "jpeg"}
    assert not list((tmp_path / "cache").glob("*.avif"))
