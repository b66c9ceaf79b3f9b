"""The Contact page shows only the ways to get in touch that are set, and its safety notes."""

from plugins.runner import build
from tests.conftest import ROOT, read_page


def build_with(tmp_path, **settings):
    output = tmp_path / "output"
    build(
        ROOT / "pelicanconf.py",
        {"OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache"), **settings},
    )
    return read_page(output, "contact/index.html")


def test_with_nothing_set_the_contact_page_invents_nothing_and_still_reads_well(site):
    soup = read_page(site, "contact/index.html")
    text = soup.find("main").get_text(" ")
    assert "Contact details will be listed here soon" in text
    assert not soup.select('main a[href^="mailto:"], main a[href^="tel:+"]')
    assert "@" not in text


def test_the_contact_page_warns_it_is_not_for_emergencies_or_clinical_details(site):
    main = read_page(site, "contact/index.html").find("main")
    text = main.get_text(" ")
    assert "not for emergencies" in text
    assert "clinical details" in text
    # Instead of a message: the crisis line and the emergency number, one tap each.
    assert "contact the 988 Suicide & Crisis Lifeline instead" in text
    hrefs = [a["href"] for a in main.select(".ps-notice a")]
    assert hrefs == ["tel:988", "sms:988", "https://988lifeline.org/chat/", "tel:911"]


def test_no_form_on_the_contact_page_collects_health_details(site):
    # The only form is the site search in the header, which sends nothing anywhere else.
    for form in read_page(site, "contact/index.html").find_all("form"):
        assert form.get("method", "get").lower() == "get"
        assert form["action"].rstrip("/").endswith("/search")
        assert form.find_parent("main") is None


def test_each_way_to_get_in_touch_appears_once_it_is_set(tmp_path):
    soup = build_with(
        tmp_path,
        CONTACT_EMAIL="office@example.org",
        CONTACT_PHONE="415 555 0100",
        BOOKING_URL="https://booking.example.org/",
    )
    assert soup.select_one('a[href="mailto:office@example.org"]')
    assert soup.select_one('a[href="tel:4155550100"]')
    assert soup.select_one('a[href="https://booking.example.org/"]')
    assert "listed here soon" not in soup.get_text()


def test_a_phone_alone_shows_no_empty_email_or_booking_line(tmp_path):
    soup = build_with(tmp_path, CONTACT_PHONE="415 555 0100")
    items = [li.get_text(" ", strip=True) for li in soup.select(".ps-contact__list li")]
    assert items == ["Phone: 415 555 0100"]
