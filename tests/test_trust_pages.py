"""Readers can see who wrote an article, on what evidence, what it is for, and how it is funded."""

import pytest

from tests.conftest import KAP_ARTICLE, ROOT, build, own_path, read_page
from tests.trust_helpers import SETTINGS, article_pages, text

ABOUT_SITE = "about-this-site/index.html"
PRIVACY = "privacy/index.html"

WITH_REFERENCES = """Title: With References
Date: 2026-02-01
Summary: An article that cites its sources.

Anxiety is common.[^survey] Treatment helps many people.[^review] Some people need more.[^survey]

[^survey]: A survey, cited twice. <https://example.org/survey>
[^review]: A review of treatments.
"""


@pytest.mark.parametrize("article", article_pages())
def test_every_article_ends_with_the_education_not_treatment_note(site, article):
    page = read_page(site, article)
    note = page.select_one(".ps-disclaimer")
    assert note.find_previous_sibling().get("class") == ["ps-prose"]
    assert SETTINGS.ARTICLE_DISCLAIMER in text(note)
    assert note.h2 and note.find("a")["href"] == f"/{SETTINGS.ABOUT_SITE_URL}"


def test_the_note_says_education_not_a_replacement_and_assessment_first():
    note = SETTINGS.ARTICLE_DISCLAIMER
    assert "for education" in note
    assert "do not replace care from a clinician" in note
    assert "assessment with a qualified provider" in note


def test_the_manuscript_itself_asks_for_an_assessment_before_treatment(site):
    article = text(read_page(site, KAP_ARTICLE).select_one(".ps-prose"))
    assert "A thorough assessment with a trained provider is essential." in article


def test_the_byline_and_author_box_show_name_degree_and_role(site):
    page = read_page(site, KAP_ARTICLE)
    byline = page.select_one(".ps-byline").get_text()
    assert byline == "By Stephanie Post, PsyD, clinical psychologist"
    standing = page.select_one(".ps-author .ps-standing")
    assert text(standing.select_one(".ps-standing__name")) == "Stephanie Post, PsyD"
    assert text(standing.select_one(".ps-standing__role")) == "Clinical psychologist"


def test_the_about_page_has_the_full_bio(site):
    bio = (ROOT / "content" / "pages" / "about.md").read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert " ".join(bio.split()) in text(
        read_page(site, "about/index.html").select_one(".ps-prose")
    )


def test_about_this_site_says_who_reviews_how_often_money_and_mistakes(site):
    page = read_page(site, ABOUT_SITE)
    body = text(page.main)
    assert "Stephanie Post, PsyD, clinical psychologist, writes every article" in body
    assert SETTINGS.REVIEW_INTERVAL_MONTHS == 36
    assert "reviewed at least every 3 years" in body
    assert "no advertising and has no sponsors" in body
    assert SETTINGS.CONFLICT_OF_INTEREST in body
    mistakes = page.find(id="ps-site-errors").parent
    assert mistakes.find("a", string="Contact page")["href"] == "/contact/"


def test_the_review_interval_on_about_this_site_follows_the_setting(tmp_path):
    from tests.trust_helpers import build_with, soup

    output = build_with(tmp_path / "output", REVIEW_INTERVAL_MONTHS=18)
    assert "reviewed at least every 18 months" in text(soup(output, ABOUT_SITE).main)
    page = soup(output, KAP_ARTICLE)
    assert page.select_one(".ps-review__next time")["datetime"] == "2028-05-26"


def test_the_privacy_page_says_what_the_site_and_host_do(site):
    body = text(read_page(site, PRIVACY).main)
    for promise in (
        "No cookies.",
        "No analytics or tracking.",
        "Nothing from other websites.",
        "the host may keep a log",
        "your IP address, the time, the page you asked for, and your browser’s user agent",
        "open without telling the other website which page you came from",
    ):
        assert promise in body


def test_every_page_links_to_the_trust_pages(page, site):
    footer = read_page(site, page).select_one(".ps-footer")
    hrefs = {own_path(a["href"]) for a in footer.find_all("a")}
    assert {"/about-this-site/", "/privacy/", "/get-help/"} <= hrefs


def test_references_are_a_numbered_section_with_a_heading_and_distinct_back_links(
    minimal_content, tmp_path
):
    (minimal_content / "articles" / "with-references.md").write_text(
        WITH_REFERENCES, encoding="utf-8"
    )
    output = tmp_path / "output"
    assert build(minimal_content, output).returncode == 0
    page = read_page(output, "articles/with-references/index.html")
    section = page.select_one("section.references")
    heading = section.find("h2")
    assert text(heading) == "References"
    assert section["aria-labelledby"] == heading["id"]
    items = section.select("ol > li")
    assert len(items) == 2
    # The numbers in the text point at the references, and each reference points back.
    cited = [a["href"] for a in page.select(".ps-prose sup a.footnote-ref")]
    assert cited == ["#fn:survey", "#fn:review", "#fn:survey"]
    assert [text(a) for a in page.select(".ps-prose sup a.footnote-ref")] == ["1", "2", "1"]
    back_links = section.select("a.footnote-backref")
    names = [a["aria-label"] for a in back_links]
    assert len(set(names)) == len(names) == 3
    assert names == [
        "Back to where reference 1 is cited",
        "Back to where reference 1 is cited (citation 2)",
        "Back to where reference 2 is cited",
    ]
    for link in back_links:
        assert page.find(id=link["href"][1:]) is not None
    external = section.find("a", href="https://example.org/survey")
    assert set(external["rel"]) >= {"noopener", "noreferrer"}
