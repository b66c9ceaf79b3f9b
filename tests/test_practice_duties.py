"""A practice's duties on the built site: the Good Faith Estimate notice, where sessions are
offered, the booking link and the fees, each from settings and each gone when it does not apply.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import KAP_ARTICLE, built_site
from tests.trust_helpers import SETTINGS, build_with, json_ld, published_site, soup, text

NOTICE = "good-faith-estimate/index.html"
NOTICE_PATH = "/good-faith-estimate/"
FEES = "fees/index.html"
BOOKING = "https://booking.example.org/stephanie-post"
PUBLIC = {"SITEURL": "https://example.org"}


def html_pages(output):
    return sorted(
        p for p in Path(output).rglob("*.html") if "pagefind" not in p.relative_to(output).parts
    )


def footer_links(page):
    return [a["href"] for a in page.select("footer a[href]")]


# The notice, on by default, in a fresh clone's public build.


def test_the_good_faith_estimate_notice_is_a_page_of_the_public_site():
    page = soup(published_site(), NOTICE)
    notice = text(page.find("main"))
    assert "Good Faith Estimate" in text(page.find("h1"))
    assert "total expected cost of any non-emergency items or services" in notice
    assert "before you schedule an item or service" in notice
    assert "at least $400 more than your Good Faith Estimate, you can dispute the bill" in notice
    assert "save a copy or picture of your Good Faith Estimate" in notice
    assert "www.cms.gov/nosurprises" in notice and "800-985-3059" in notice
    hrefs = [a["href"] for a in page.find("main").find_all("a", href=True)]
    assert "https://www.cms.gov/nosurprises" in hrefs and "tel:+18009853059" in hrefs


def test_the_notice_words_are_the_settings_words():
    page = text(soup(published_site(), NOTICE).find("main"))
    words = SETTINGS.GOOD_FAITH_ESTIMATE_NOTICE
    for sentence in (words["heading"], words["text"], *words["rights"]):
        assert " ".join(sentence.split()) in page


def test_every_page_links_to_the_notice_from_its_footer():
    output = published_site()
    for path in html_pages(output):
        page = soup(output, path.relative_to(output))
        if page.find("footer") is None:  # the old addresses of imported posts only redirect
            continue
        assert f"https://example.org{NOTICE_PATH}" in footer_links(page), path


def test_the_notice_is_in_the_sitemap_and_open_to_search_engines():
    output = published_site()
    assert f"<loc>https://example.org{NOTICE_PATH}</loc>" in (output / "sitemap.xml").read_text()
    robots = (output / "robots.txt").read_text()
    disallowed = re.findall(r"^Disallow:\s*(\S+)", robots, re.M)
    assert not any(NOTICE_PATH.startswith(path) for path in disallowed), robots
    page = soup(output, NOTICE)
    robots_meta = page.find("meta", attrs={"name": "robots"})
    assert robots_meta is None or "noindex" not in robots_meta["content"]
    assert "noindex" not in (output / "_headers").read_text().lower()


def test_turned_off_the_notice_leaves_no_page_link_or_sitemap_entry(tmp_path):
    assert (published_site() / NOTICE).exists(), "on by default"
    output = build_with(tmp_path / "out", "publishconf", env=PUBLIC, GOOD_FAITH_ESTIMATE=False)
    assert not (output / NOTICE).exists()
    assert NOTICE_PATH not in (output / "sitemap.xml").read_text()
    for path in html_pages(output):
        assert "good-faith-estimate" not in path.read_text(encoding="utf-8"), path


# Where sessions are offered.


@pytest.mark.parametrize("trust_page", ["contact/index.html", "about/index.html"])
def test_contact_and_about_say_sessions_are_online_for_people_in_california(trust_page):
    sessions = text(soup(built_site(), trust_page).select_one(".ps-sessions"))
    assert "online" in sessions
    assert "for people who are in California at the time of each session" in sessions


def test_the_about_page_tells_search_engines_sessions_are_served_in_california():
    (person,) = json_ld(soup(built_site(), "about/index.html"))
    areas = person["makesOffer"]["itemOffered"]["areaServed"]
    assert areas == [{"@type": "State", "name": "California"}]


def test_more_licensed_states_are_each_named(tmp_path):
    output = build_with(tmp_path / "out", LICENSED_STATES=("California", "Oregon", "Nevada"))
    sessions = text(soup(output, "contact/index.html").select_one(".ps-sessions"))
    assert "in California, Oregon or Nevada at the time" in sessions
    (person,) = json_ld(soup(output, "about/index.html"))
    names = [area["name"] for area in person["makesOffer"]["itemOffered"]["areaServed"]]
    assert names == ["California", "Oregon", "Nevada"]


# Booking and fees: nothing until their settings are filled in.


@pytest.fixture(scope="module")
def practice_site(tmp_path_factory):
    """The site once she has filled in booking, email and a fee; no sliding scale or superbills."""
    output = tmp_path_factory.mktemp("practice") / "out"
    return build_with(
        output,
        BOOKING_URL=BOOKING,
        CONTACT_EMAIL="office@example.org",
        FEES=(("50-minute session", "$250"),),
    )


def test_without_booking_or_fees_settings_there_is_no_invitation_fees_page_or_link(
    practice_site,
):
    assert (practice_site / FEES).exists(), "the same site with the settings has them"
    output = built_site()
    assert not (output / FEES).exists()
    article = soup(output, KAP_ARTICLE)
    assert article.select_one(".ps-booking") is None
    assert "/fees/" not in footer_links(article)
    assert "Book a consultation" not in text(soup(output, "contact/index.html"))


def test_with_booking_set_every_article_ends_with_a_plain_link_to_book(practice_site):
    for path in sorted(practice_site.glob("articles/*/index.html")):
        page = soup(practice_site, path.relative_to(practice_site))
        invitation = page.select_one("article .ps-booking")
        assert [a["href"] for a in invitation.find_all("a")] == [BOOKING], path
        assert "for people who are in California" in text(invitation)
        assert invitation.find_previous_sibling().get("class") == ["ps-disclaimer"]
        # A link, nothing loaded from the booking site: no script, frame or picture from it.
        loaded = [tag.get("src", "") for tag in page.find_all(["script", "iframe", "img"])]
        assert not any("booking.example.org" in source for source in loaded), path


def test_with_booking_set_contact_lists_it_first(practice_site):
    ways = soup(practice_site, "contact/index.html").select(".ps-contact__list li")
    assert ways[0].find("a")["href"] == BOOKING


def test_fees_page_lists_the_fees_and_is_linked_next_to_the_notice(practice_site):
    page = soup(practice_site, FEES)
    assert "50-minute session: $250" in text(page.find("main"))
    headings = [text(h) for h in page.find("main").find_all("h2")]
    assert "Sliding scale" not in headings and "Out-of-network insurance" not in headings
    links = footer_links(soup(practice_site, "index.html"))
    assert links.index("/fees/") == links.index(NOTICE_PATH) + 1


def test_every_fee_setting_says_its_part_and_no_heading_is_empty(tmp_path):
    output = build_with(
        tmp_path / "out",
        FEES_SLIDING_SCALE="A few places at a lower fee are kept for people who need them.",
        FEES_SUPERBILLS=True,
    )
    main = soup(output, FEES).find("main")
    assert "A few places at a lower fee" in text(main)
    assert "superbill" in text(main)
    assert "Session fees" not in [text(h) for h in main.find_all("h2")], "no fees, no list"
    for heading in main.find_all("h2"):
        assert text(heading.find_parent("section")) != text(heading), heading
