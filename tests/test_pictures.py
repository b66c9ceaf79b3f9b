"""Pictures reach readers small, upright and without a trace of where they were taken."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat

from plugins.pictures import process
from tests.conftest import files
from tests.picture_helpers import (
    GPS,
    REAL_PHOTOS,
    SAFE_SVG,
    SITEURL,
    WIDTHS,
    article,
    build,
    content_with,
    photo,
    picture_site,
    see_through_png,
)
from tests.test_valid_html import VNU
from tests.trust_helpers import json_ld, soup


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    content, output, first = picture_site(tmp_path_factory.mktemp("pictures"))
    assert first.returncode == 0, first.stdout + first.stderr
    return content, output, first


def versions(output, stem):
    return sorted((output / "images").glob(f"{stem}.*"))


def mean_difference(one, other):
    """How far apart two pictures' pixels are on average, 0 to 255."""
    return ImageStat.Stat(ImageChops.difference(one, other).convert("L")).mean[0]


def pages(output):
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def test_a_phone_photo_turned_by_exif_is_shown_upright(built):
    _, output, _ = built
    made = versions(output, "phone")
    assert {Image.open(path).size for path in made} == {(160, 213), (320, 427)}
    upright = photo().resize((4000, 3000)).transpose(Image.Transpose.ROTATE_270)
    for path in made:
        shown = Image.open(path).convert("RGB")
        expected = upright.resize(shown.size, Image.Resampling.LANCZOS)
        assert mean_difference(shown, expected) < 12, path.name


def test_no_published_picture_says_where_or_with_what_it_was_taken(built):
    _, output, _ = built
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    published = [p for p in (output / "images").iterdir() if p.suffix != ".svg"]
    assert len(published) > 20
    for path in published:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif and not exif.get_ifd(GPS), path.name
            for private in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "iptc"):
                assert private not in image.info, (path.name, private)
            assert image.info.get("icc_profile") in (None, b"", srgb), path.name
            assert b"PhoneMaker" not in path.read_bytes()


def test_no_original_picture_is_published(built):
    content, output, _ = built
    originals = {p.read_bytes() for p in (content / "images").iterdir() if p.suffix != ".svg"}
    for name, data in files(output).items():
        assert data not in originals, name


def test_a_picture_no_post_uses_is_not_published(built):
    _, output, _ = built
    assert not versions(output, "unused")


def test_every_picture_on_every_page_has_a_size_and_a_description(built):
    _, output, _ = built
    counted = 0
    for relative in pages(output):
        for img in soup(output, relative).find_all("img"):
            assert img.get("alt") and img.get("width") and img.get("height"), (relative, img)
            counted += 1
    assert counted > 5


def test_only_the_first_picture_of_a_page_waits_to_load(built):
    _, output, _ = built
    page = soup(output, "articles/with-pictures/index.html")
    pictures = page.select(".ps-prose picture img")
    assert len(pictures) == 4
    assert not pictures[0].get("loading")
    assert all(p["loading"] == "lazy" and p["decoding"] == "async" for p in pictures[1:])
    first = page.select_one(".ps-prose picture")
    assert [s["type"] for s in first.find_all("source")] == ["image/avif", "image/webp"]
    assert first.img["src"].startswith(f"{SITEURL}/images/phone.")


def test_quotes_in_a_pictures_description_stay_words_in_the_picture(tmp_path):
    # Raw HTML may quote a description with ' and hold " inside it; the <picture> the build
    # writes must not end the description there and turn the rest into attributes.
    content = content_with(tmp_path)
    article(
        content,
        "quoted",
        """<img src="/images/square.png" alt='A grey "square" onmouseover="alert(1)"'>""",
    )
    photo("astronaut.png").save(content / "images" / "portrait.jpg")  # build() names one
    built = build(content, tmp_path / "output")
    assert built.returncode == 0, built.stdout + built.stderr
    (img,) = soup(tmp_path / "output", "articles/quoted/index.html").select(".ps-prose img")
    assert img["alt"] == 'A grey "square" onmouseover="alert(1)"'
    assert not [name for name in img.attrs if name.startswith("on")]


def test_a_see_through_png_keeps_its_transparency(built):
    _, output, _ = built
    (fallback,) = [p for p in versions(output, "clear") if p.suffix == ".png"][-1:]
    assert Image.open(fallback).mode == "RGBA"
    assert Image.open(fallback).getchannel("A").getextrema()[0] < 50


def test_a_cmyk_photo_is_published_in_screen_colours(built):
    _, output, _ = built
    (jpeg,) = [p for p in versions(output, "cmyk") if p.name.endswith("-320.jpg")]
    shown = Image.open(jpeg)
    assert shown.mode == "RGB"
    expected = photo("coffee.png").resize(shown.size, Image.Resampling.LANCZOS)
    assert mean_difference(shown, expected) < 25


def test_a_heic_photo_from_an_iphone_is_published_like_any_other(built):
    _, output, _ = built
    assert {p.suffix for p in versions(output, "rocket")} == {".avif", ".webp", ".jpg"}


def test_a_safe_drawing_is_published_as_it_is_with_its_size(built):
    _, output, _ = built
    assert (output / "images" / "drawing.svg").read_text(encoding="utf-8") == SAFE_SVG
    page = soup(output, "articles/with-pictures/index.html")
    drawing = page.find("img", src=lambda s: s and s.endswith("drawing.svg"))
    assert (drawing["width"], drawing["height"]) == ("120", "60")


def test_her_portrait_is_on_about_under_each_article_and_in_structured_data(built):
    _, output, _ = built
    about = soup(output, "about/index.html")
    assert about.select_one(".ps-portrait img")["alt"] == "Stephanie Post in her office"
    assert not about.select_one(".ps-portrait img").get("loading")
    box = soup(output, "articles/with-pictures/index.html").select_one(".ps-author .ps-portrait")
    assert box.img["loading"] == "lazy" and box.img["alt"] == "Stephanie Post in her office"
    (person,) = [block for block in json_ld(about) if block.get("@type") == "Person"]
    assert person["image"].startswith(f"{SITEURL}/images/portrait.")
    assert (output / person["image"].removeprefix(SITEURL + "/")).is_file()


def test_without_a_portrait_no_page_shows_one(site):
    for relative in ("about/index.html", *map(str, site.glob("articles/*/index.html"))):
        page = Path(relative)
        text = (page if page.is_absolute() else site / page).read_text(encoding="utf-8")
        assert "ps-portrait" not in text
        assert '"image"' not in text.partition("application/ld+json")[2].partition("</script>")[0]


def test_a_build_with_several_new_pictures_says_how_far_it_has_got(built):
    _, _, first = built
    assert "Pictures: 6 of 6 new ones made" in first.stderr


def test_an_unchanged_rebuild_makes_no_picture_again(built):
    content, output, _ = built
    cache = Path(f"{output}.cache") / "images"
    before = {path: path.stat().st_mtime_ns for path in cache.iterdir()}
    published = files(output / "images")
    again = build(content, output)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Pictures:" not in again.stderr
    assert {path: path.stat().st_mtime_ns for path in cache.iterdir()} == before
    assert files(output / "images") == published


def test_the_same_picture_is_made_into_the_same_bytes_every_time(tmp_path):
    source = see_through_png(tmp_path / "clear.png")
    first = process.made_of(source, tmp_path / "one", WIDTHS)
    second = process.made_of(source, tmp_path / "two", WIDTHS)
    assert first == second
    for version in first["versions"]:
        name = version["name"]
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize("name", REAL_PHOTOS)
def test_real_photos_stay_within_their_byte_budget_at_every_width(name, tmp_path):
    source = tmp_path / name
    photo(name).save(source.with_suffix(".png"))
    manifest = process.made_of(source.with_suffix(".png"), tmp_path, (320, 480, 720))
    for version in manifest["versions"]:
        weight = os.path.getsize(tmp_path / version["name"]) * 8
        bits_per_pixel = weight / (version["width"] * version["height"])
        assert bits_per_pixel <= process.BITS_PER_PIXEL[version["format"]], version


def test_the_manifest_records_what_was_made(built):
    content, output, _ = built
    manifest = process.known(content / "images" / "phone.jpg", f"{output}.cache/images", WIDTHS)
    assert manifest["fallback"] == "jpeg" and not manifest["avif_left_out"]
    assert json.dumps(manifest)  # plain data, so the cache can be read by any later build


def test_pages_with_pictures_are_valid_html(built):
    _, output, _ = built
    shown = [output / "articles/with-pictures/index.html", output / "about/index.html"]
    command = ["java", "-jar", str(VNU), "--errors-only", "--format=gnu", *map(str, shown)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout


def test_two_fresh_builds_publish_the_same_bytes(built):
    content, output, _ = built
    again = output.parent / "again"
    result = build(content, again)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Pictures: 6 of 6 new ones made" in result.stderr  # its own, empty, cache
    assert files(again) == files(output)
