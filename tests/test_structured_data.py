"""Search engines and share previews get the same facts readers see, from nowhere else."""

import datetime
import os

import pytest

from tests.conftest import ROOT, read_page
from tests.trust_helpers import (
    SETTINGS,
    article_pages,
    build_with,
    json_ld,
    published_site,
    soup,
    text,
)

ABOUT = "about/index.html"
HOME = "index.html"


def the_one(document, kind):
    blocks = [block for block in json_ld(document) if block["@type"] == kind]
    assert len(blocks) == 1, f"expected one {kind}, found {len(blocks)}"
    assert blocks[0]["@context"] == "https://schema.org"
    return blocks[0]


def shows(document, value):
    return " ".join(str(value).split()).lower() in text(document).lower()


@pytest.mark.parametrize("article", article_pages())
def test_each_article_describes_itself_as_a_medical_web_page_with_what_it_shows(site, article):
    page = read_page(site, article)
    data = the_one(page, "MedicalWebPage")

    assert data["headline"] == text(page.h1)
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert data["description"] == " ".join(description.split())
    assert data["inLanguage"] == page.html["lang"]
    # "Published …" and, when the article changed since, "Updated …".
    dates = page.select_one(".ps-article__header .ps-meta").find_all("time")
    assert data["datePublished"] == dates[0]["datetime"]
    assert data["dateModified"] == dates[-1]["datetime"]
    assert data["lastReviewed"] == page.select_one(".ps-review__last time")["datetime"]
    datetime.date.fromisoformat(data["lastReviewed"])
    assert data["medicalAudience"] == {"@type": "Patient"}

    byline = page.select_one(".ps-byline")
    for person, where in (
        (data["author"], byline),
        (data["reviewedBy"], page.select_one(".ps-review__last")),
        (data["publisher"], page),
    ):
        assert person["@type"] == "Person"
        assert shows(where, person["name"])
        if person["name"] == SETTINGS.AUTHOR:
            assert shows(byline, person["jobTitle"])
            assert person["url"] == f"/{SETTINGS.ABOUT_URL}"
            assert byline.find("a", rel="author")["href"] == person["url"]
            for credential in person["hasCredential"]:
                assert shows(byline, credential.get("name") or credential["identifier"])


def test_the_home_page_describes_the_website(site):
    page = read_page(site, HOME)
    data = the_one(page, "WebSite")
    assert data["name"] == text(page.select_one(".ps-header__name"))
    assert data["description"] == text(page.select_one(".ps-lede"))
    assert data["inLanguage"] == page.html["lang"]
    assert data["publisher"]["name"] == SETTINGS.AUTHOR


def test_the_about_page_describes_the_author_as_a_person_with_her_credentials(site):
    page = read_page(site, ABOUT)
    data = the_one(page, "Person")
    assert data["name"] == SETTINGS.AUTHOR
    assert data["jobTitle"] == SETTINGS.AUTHOR_ROLE
    assert shows(page.select_one(".ps-standing"), data["jobTitle"])
    assert text(page.select_one(".ps-standing__name")) == "Stephanie Post, PsyD"
    assert [c["name"] for c in data["hasCredential"]] == ["PsyD"]
    assert shows(page.select_one(".ps-prose"), data["description"])


def test_json_ld_is_the_same_on_every_build(site, tmp_path):
    again = build_with(tmp_path / "output")
    for relative in (HOME, ABOUT, *article_pages()):
        assert json_ld(soup(again, relative)) == json_ld(read_page(site, relative))


def test_no_licence_is_claimed_while_none_is_set(site):
    assert SETTINGS.LICENSE_NUMBER == ""
    for relative in (ABOUT, *article_pages()):
        page = read_page(site, relative)
        assert "license" not in text(page.select_one(".ps-byline") or page.h1).lower()
        for block in json_ld(page):
            assert "license" not in str(block)


def test_a_licence_once_set_appears_in_the_byline_author_box_and_structured_data(tmp_path):
    lookup = "https://licensing-board.example/verify"
    output = build_with(tmp_path / "output", LICENSE_NUMBER="TEST 0000", LICENSE_LOOKUP_URL=lookup)
    page = soup(output, article_pages(output)[0])
    for where in (".ps-byline", ".ps-author"):
        assert "License TEST 0000" in text(page.select_one(where))
        link = page.select_one(f"{where} .ps-licence a")
        assert link["href"] == lookup
        assert set(link["rel"]) >= {"noopener", "noreferrer"}
    author = the_one(page, "MedicalWebPage")["author"]
    licence = author["hasCredential"][1]
    assert licence["credentialCategory"] == "license"
    assert licence["identifier"] == "TEST 0000"
    assert licence["url"] == lookup


def test_every_page_has_share_preview_tags_with_a_large_image_only_when_public(page, site):
    # Only the public build makes share images: they need its address, and a preview is
    # never shared. `invoke publish` runs this over the site it deploys (test_share_cards.py).
    public = os.environ.get("SITEURL", "") if os.environ.get("SITE_OUTPUT") else ""
    document = read_page(site, page)
    og = {m["property"]: m["content"] for m in document.find_all("meta", property=True)}
    twitter = {
        m["name"]: m["content"]
        for m in document.find_all("meta", attrs={"name": lambda n: n and n.startswith("twitter:")})
    }
    assert og["og:title"] and og["og:description"] and og["og:site_name"] == SETTINGS.SITENAME
    assert twitter["twitter:title"] == og["og:title"]
    if public:
        assert twitter["twitter:card"] == "summary_large_image"
        assert og["og:image"].startswith(f"{public.rstrip('/')}/images/share/")
        assert (site / og["og:image"].removeprefix(public.rstrip("/") + "/")).is_file()
        assert og["og:image:alt"] and twitter["twitter:image"] == og["og:image"]
    else:
        assert twitter["twitter:card"] == "summary"
        assert "og:image" not in og and "twitter:image" not in twitter
    if document.select_one("article .ps-article__header"):
        assert og["og:type"] == "article"
        assert " ".join(og["og:title"].split()) == text(document.h1)


@pytest.mark.parametrize("relative", ["index.html", ABOUT, *article_pages()])
def test_the_published_site_points_everything_at_one_absolute_address(relative):
    page = soup(published_site(), relative)
    address = "https://example.org/" + relative.removesuffix("index.html")
    assert page.find("link", rel="canonical")["href"] == address
    assert page.find("meta", property="og:url")["content"] == address
    for block in json_ld(page):
        if block["@type"] != "Person":
            assert block["url"] == address
        person = block if block["@type"] == "Person" else block["publisher"]
        assert person["url"] == "https://example.org/about/"
    image = page.find("meta", property="og:image")["content"]
    assert image.startswith("https://example.org/images/share/")
    assert page.find("meta", attrs={"name": "twitter:image"})["content"] == image
    if relative.startswith("articles/"):
        assert the_one(page, "MedicalWebPage")["image"] == image


def test_structured_data_settings_live_only_in_the_settings_file():
    # The credentials are written once; templates and JSON-LD read them from the settings.
    for path in (ROOT / "theme" / "templates").rglob("*.html"):
        assert "PsyD" not in path.read_text(encoding="utf-8"), path


def test_an_updated_article_reviewed_by_a_colleague_says_so_in_both_places(
    minimal_content, tmp_path
):
    (minimal_content / "articles" / "updated.md").write_text(
        "Title: Updated\nDate: 2026-01-10\nModified: 2026-03-02\nReviewed: 2026-03-01\n"
        "ReviewedBy: Alex Example, MD\nSummary: An updated article.\n\nText.\n",
        encoding="utf-8",
    )
    output = build_with(tmp_path / "output", content=minimal_content)
    page = soup(output, "articles/updated/index.html")
    data = the_one(page, "MedicalWebPage")
    updated = page.select_one(".ps-article__header .ps-meta").find_all("time")[-1]
    assert text(updated.parent).startswith("Updated")
    assert data["dateModified"] == updated["datetime"]
    assert data["dateModified"].startswith("2026-03-02")
    assert data["lastReviewed"] == "2026-03-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Alex Example, MD"}
    assert text(page.select_one(".ps-review__by")) == "Alex Example, MD"
