"""A shared link shows a large picture: the article's own photo, or a card drawn with its title."""

import shutil
import time
from pathlib import Path

import pytest
import skimage.data
from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFont, ImageOps, ImageStat

from tests.conftest import FIXTURES, ROOT, invoke
from tests.trust_helpers import build_with, json_ld, soup, text

from plugins.checks.rules.title_length import MAX_TITLE_LENGTH  # isort: skip
from plugins.share_cards import (  # isort: skip
    Cards,
    HEIGHT,
    MARGIN,
    WIDTH,
    draw_card,
    font,
    layout,
    theme_colours,
)

PHOTOS = Path(skimage.data.__file__).parent  # real photographs, shipped in scikit-image
SITE = "https://example.org"
COLOURS = theme_colours(ROOT / "theme" / "static" / "css" / "site.css")
# As long as a title may be (plugins/checks/rules/title_length.py).
LONG_TITLE = (
    "What to expect in the first weeks of ketamine-assisted psychotherapy when you also "
    "live with depression, chronic pain and worries about work and money"
)
PHOTO_ARTICLE = "articles/a-photo-to-share/index.html"
LONG_ARTICLE = "articles/a-long-title/index.html"
CARD_ARTICLE = "articles/first-steps/index.html"
PHOTO_ALT = "A rocket standing on its launch pad under a clear sky"


def upright_rocket():
    return Image.open(PHOTOS / "rocket.jpg").convert("RGB")


def write_phone_photo(path):
    """The rocket as a phone stores it: sideways, with "turn it" and where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # turn 90° clockwise to show it
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (37.0, 46.0, 30.0),
    }
    upright_rocket().transpose(Image.Transpose.ROTATE_90).save(path, exif=exif)


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    content = tmp_path_factory.mktemp("share") / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    write_phone_photo(content / "images" / "rocket.jpg")
    Image.open(PHOTOS / "astronaut.png").save(content / "images" / "portrait.jpg")
    (content / "articles" / "a-photo-to-share.md").write_text(
        "Title: A photo to share\nDate: 2026-01-12\nSummary: An article with its own picture.\n"
        f"Image: images/rocket.jpg\nImageAlt: {PHOTO_ALT}\n\nText.\n",
        encoding="utf-8",
    )
    (content / "articles" / "a-long-title.md").write_text(
        f"Title: {LONG_TITLE}\nDate: 2026-01-13\nSummary: A title that needs three lines.\n"
        "Slug: a-long-title\n\nText.\n",
        encoding="utf-8",
    )
    return content


def publish(content, output):
    return build_with(
        output,
        "publishconf",
        content=content,
        env={"SITEURL": SITE},
        AUTHOR_PHOTO="images/portrait.jpg",
        AUTHOR_PHOTO_ALT="Stephanie Post, smiling, in front of a window",
    )


@pytest.fixture(scope="module")
def published(content, tmp_path_factory):
    return publish(content, tmp_path_factory.mktemp("published") / "output")


def tags(output, relative):
    page = soup(output, relative)
    return {
        (m.get("property") or m.get("name")): m["content"]
        for m in page.find_all("meta")
        if (m.get("property") or m.get("name") or "").startswith(("og:", "twitter:"))
    }


def picture(output, relative):
    """The share image a page names, opened from the built site."""
    url = tags(output, relative)["og:image"]
    return Image.open(output / url.removeprefix(f"{SITE}/"))


def pages(output):
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def test_every_published_page_names_a_large_share_image_at_an_absolute_address(published):
    for relative in pages(published):
        if relative.startswith("drafts/"):
            continue
        shared = tags(published, relative)
        assert shared["og:image"].startswith(f"{SITE}/images/share/"), relative
        assert shared["og:image"].endswith(".jpg")
        assert (shared["og:image:width"], shared["og:image:height"]) == ("1200", "630")
        assert shared["og:image:type"] == "image/jpeg"
        assert shared["og:image:alt"].strip(), relative
        assert shared["twitter:card"] == "summary_large_image"
        assert shared["twitter:image"] == shared["og:image"]
        assert shared["twitter:image:alt"] == shared["og:image:alt"]


def test_every_share_image_is_a_1200_by_630_jpeg_under_300_kb_without_metadata(published):
    made = sorted((published / "images" / "share").iterdir())
    assert len(made) >= 3, "the site's card, a drawn card and a photo at least"
    for path in made:
        assert path.stat().st_size < 300_000, path.name
        with Image.open(path) as image:
            assert image.format == "JPEG"
            assert image.size == (WIDTH, HEIGHT)
            assert not image.getexif()
            assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info), path.name


def test_an_article_without_a_picture_shares_a_card_with_its_title_and_the_site_name(
    published,
):
    shared = tags(published, CARD_ARTICLE)
    title = text(soup(published, CARD_ARTICLE).h1)
    assert shared["og:image:alt"] == f"{title}. Stephanie Post, PsyD"
    card = picture(published, CARD_ARTICLE).convert("RGB")
    assert card.getpixel((WIDTH - 5, 5)) == pytest.approx(COLOURS["background"], abs=3)
    # Her portrait, round, right of the title: the astronaut's orange suit is in it.
    portrait = card.crop((WIDTH - MARGIN - 240, 195, WIDTH - MARGIN, 435))
    red, green, blue = ImageStat.Stat(portrait).mean
    assert red > blue + 20, "the portrait's colours, not the card's grey"
    assert card.getpixel((WIDTH - MARGIN - 238, 197)) == pytest.approx(
        COLOURS["background"], abs=6
    ), "the corner of the portrait's square is cut away: it is round"


def test_the_site_card_is_shared_by_every_page_that_is_not_an_article(published):
    home = tags(published, "index.html")
    assert home["og:image:alt"].startswith("Psychoeducation articles by Stephanie Post")
    for relative in ("about/index.html", "contact/index.html", "tags/index.html"):
        assert tags(published, relative)["og:image"] == home["og:image"], relative
    assert tags(published, CARD_ARTICLE)["og:image"] != home["og:image"]


def test_an_articles_own_picture_is_shared_upright_cropped_and_without_its_location(published):
    shared = tags(published, PHOTO_ARTICLE)
    assert shared["og:image:alt"] == PHOTO_ALT
    with picture(published, PHOTO_ARTICLE) as shared_image:
        assert not shared_image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in shared_image.info
        shared_image = shared_image.convert("RGB")
    expected = ImageOps.fit(upright_rocket(), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    sideways = ImageOps.fit(upright_rocket().transpose(Image.Transpose.ROTATE_90), (WIDTH, HEIGHT))

    def difference(one, other):
        return sum(ImageStat.Stat(ImageChops.difference(one, other)).mean) / 3

    assert difference(shared_image, expected) < 4, "the upright photo, cropped around its centre"
    assert difference(shared_image, sideways) > 20


def test_each_articles_structured_data_names_its_share_image(published):
    for relative in (PHOTO_ARTICLE, CARD_ARTICLE):
        (page,) = [b for b in json_ld(soup(published, relative)) if b["@type"] == "MedicalWebPage"]
        assert page["image"] == tags(published, relative)["og:image"]


@pytest.mark.parametrize(
    "title",
    [
        "Sleep",
        LONG_TITLE,
        LONG_TITLE * 3,  # more than any card holds: it ends "…" after a whole word
        "Supercalifragilisticexpialidocious-and-hyphenated-beyond-any-card's-width tips",
    ],
)
@pytest.mark.parametrize("with_portrait", [True, False])
def test_a_title_of_any_length_fits_inside_the_margins_broken_between_words(title, with_portrait):
    placed = layout(title, with_portrait)
    left, top, right, bottom = placed.box
    for line, x, y in placed.lines:
        box = ImageDraw.Draw(Image.new("RGB", (1, 1))).textbbox(
            (x, y), line, font=font(placed.size), anchor="la", stroke_width=placed.stroke
        )
        assert box[0] >= left and box[1] >= top and box[2] <= right and box[3] <= bottom, line
    lines = [line for line, _, _ in placed.lines]
    words = title.split()
    if all(font(placed.size).getlength(word) < right - left for word in words):
        shown = " ".join(lines)
        assert shown == title or (shown.endswith("…") and title.startswith(shown[:-1])), lines
        assert all(line.split()[-1].rstrip("…") in words for line in lines[:-1]), lines


def letters_measured(title, monkeypatch):
    """How many letters laying out a card for `title` measures, in all."""
    measured = []
    getbbox = ImageFont.FreeTypeFont.getbbox
    getlength = ImageFont.FreeTypeFont.getlength

    def counted(method):
        def measure(self, text, *arguments, **options):
            measured.append(len(text))
            return method(self, text, *arguments, **options)

        return measure

    with monkeypatch.context() as patch:
        patch.setattr(ImageFont.FreeTypeFont, "getbbox", counted(getbbox))
        patch.setattr(ImageFont.FreeTypeFont, "getlength", counted(getlength))
        layout(title, True)
    return sum(measured)


@pytest.mark.parametrize(
    "piece", ["worry ", "a", "i"], ids=["words", "one wide word", "one word of narrow letters"]
)
def test_a_cards_layout_measures_each_letter_of_its_title_a_bounded_number_of_times(
    piece, monkeypatch
):
    # A 200-character word once stalled the build for 10 s, and 800 characters for minutes:
    # the work grew with the cube of its length. Now each letter is measured a bounded number
    # of times (about 90 at worst), so the work grows no faster than the title.
    most_per_letter = 200
    for length in (160, 640):
        title = (piece * length)[:length].strip()
        assert letters_measured(title, monkeypatch) <= most_per_letter * len(title), length


def test_a_title_longer_than_the_most_is_refused_by_name(minimal_content):
    title = LONG_TITLE + " today"
    assert len(LONG_TITLE) == MAX_TITLE_LENGTH < len(title)
    (minimal_content / "articles" / "long.md").write_text(
        f"Title: {title}\nDate: 2026-01-13\nSummary: Too long a title.\n\nText.\n",
        encoding="utf-8",
    )
    result = invoke("check", "--content", str(minimal_content))
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert "content/articles/long.md, line 1 (Title)" in said
    assert f"The title is {len(title)} characters long; the most is 150." in said
    assert "How to fix: Shorten the title to 150 characters or fewer" in said


def test_a_long_titles_card_leaves_its_margins_empty(published):
    assert len(layout(LONG_TITLE, True).lines) >= 3
    card = draw_card(LONG_TITLE, "Stephanie Post, PsyD", COLOURS, upright_rocket())
    background = COLOURS["background"]
    margins = [
        card.crop((16, 0, WIDTH, MARGIN)),  # top, right of the stripe
        card.crop((16, 0, 16 + MARGIN, HEIGHT)),  # left
        card.crop((16, HEIGHT - MARGIN + 12, WIDTH, HEIGHT)),  # bottom, under the site name
        card.crop((WIDTH - MARGIN, 0, WIDTH, HEIGHT)),  # right
    ]
    for margin in margins:
        assert [colour for _, colour in margin.getcolors(WIDTH * HEIGHT)] == [background]
    assert tags(published, LONG_ARTICLE)["og:image:alt"].startswith(LONG_TITLE)


def test_an_unchanged_rebuild_draws_no_card_again(content, published):
    cache = Path(f"{published}.cache") / "images" / "share"
    before = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    shared = {p.name: p.read_bytes() for p in (published / "images" / "share").iterdir()}
    started = time.perf_counter()
    publish(content, published)
    print(f"unchanged rebuild: {time.perf_counter() - started:.2f} s")
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == before
    again = {p.name: p.read_bytes() for p in (published / "images" / "share").iterdir()}
    assert again == shared


def test_two_builds_from_nothing_make_the_same_share_images(content, published, tmp_path):
    fresh = publish(content, tmp_path / "output")
    for relative in (PHOTO_ARTICLE, CARD_ARTICLE, "index.html"):
        assert tags(fresh, relative) == tags(published, relative)
    first = {p.name: p.read_bytes() for p in (published / "images" / "share").iterdir()}
    second = {p.name: p.read_bytes() for p in (fresh / "images" / "share").iterdir()}
    assert first == second


def test_a_share_picture_that_is_damaged_or_a_drawing_is_explained_in_plain_words(
    minimal_content,
):
    (minimal_content / "images" / "cut-short.jpg").write_bytes(
        (PHOTOS / "rocket.jpg").read_bytes()[:200]
    )
    (minimal_content / "images" / "diagram.svg").write_text("<svg/>", encoding="utf-8")
    for name in ("cut-short.jpg", "diagram.svg"):
        (minimal_content / "articles" / f"{name}.md").write_text(
            f"Title: Shares {name}\nDate: 2026-01-12\nSummary: A bad share picture.\n"
            f"Image: images/{name}\nImageAlt: A rocket on its launch pad\n\nText.\n",
            encoding="utf-8",
        )
    result = invoke("check", "--content", str(minimal_content))
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "content/articles/cut-short.jpg.md, line 4 (Image)" in output
    assert "content/images/cut-short.jpg: The picture cannot be read" in output
    assert "save or export it again as JPEG or PNG" in output
    assert "content/articles/diagram.svg.md, line 4 (Image)" in output
    assert "content/images/diagram.svg is not a photo or picture" in output


def test_a_new_title_site_name_or_portrait_draws_a_new_card_under_a_new_name(content, tmp_path):
    settings = {
        "PATH": str(content),
        "THEME": str(ROOT / "theme"),
        "IMAGE_CACHE_PATH": str(tmp_path),
        "SITEURL": SITE,
        "SITENAME": "Stephanie Post, PsyD",
        "AUTHOR_PHOTO": "",
    }
    first = Cards(settings).card("Sleep and worry", "alt")["url"]
    assert Cards(settings).card("Sleep and worry", "alt")["url"] == first
    changes = [
        (settings, "Sleep and anxiety"),
        ({**settings, "SITENAME": "Dr Stephanie Post"}, "Sleep and worry"),
        ({**settings, "AUTHOR_PHOTO": "images/portrait.jpg"}, "Sleep and worry"),
    ]
    urls = {Cards(changed).card(title, "alt")["url"] for changed, title in changes}
    assert first not in urls and len(urls) == len(changes)
    assert len(list((tmp_path / "share").iterdir())) == 1 + len(changes)
