"""Every page has the structure that screen readers and keyboards rely on."""

from tests.conftest import read_page


def test_every_page_declares_its_language(site, page):
    assert read_page(site, page).html.get("lang") == "en"


def test_every_page_has_exactly_one_top_level_heading(site, page):
    assert len(read_page(site, page).find_all("h1")) == 1


def test_the_first_link_skips_to_the_main_content(site, page):
    soup = read_page(site, page)
    first_link = soup.find("a")
    assert first_link["href"] == "#main"
    assert soup.find("main", id="main") is not None


def test_every_page_has_header_navigation_main_and_footer_landmarks(site, page):
    soup = read_page(site, page)
    for landmark in ("header", "nav", "main", "footer"):
        assert len(soup.find_all(landmark)) >= 1, landmark
    assert len(soup.find_all("main")) == 1
    for navigation in soup.find_all("nav"):
        assert navigation.get("aria-label") or navigation.get("aria-labelledby")


def test_every_date_is_machine_readable(site, page):
    soup = read_page(site, page)
    for time in soup.find_all("time"):
        assert time.get("datetime", "")[:4].isdigit(), time


def test_the_current_page_is_marked_in_the_navigation(site):
    soup = read_page(site, "about/index.html")
    current = soup.select('nav a[aria-current="page"]')
    assert [link.get_text(strip=True) for link in current] == ["About"]
