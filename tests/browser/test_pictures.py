"""A page of pictures on a phone: accessible, from this site alone, every picture in place."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import Visit
from tests.browser.test_accessibility import AXE_TAGS, describe
from tests.browser.test_layout import SIDEWAYS_OVERFLOW
from tests.picture_helpers import picture_site
from tools.browser import serve

pytestmark = pytest.mark.browser
PAGES = ("articles/with-pictures/", "about/")
# Every picture shown, scrolled into view: (what the browser chose, its drawn and natural widths).
SHOWN = """async () => {
  const pictures = [...document.querySelectorAll("main img")];
  for (const img of pictures) {
    img.scrollIntoView();
    if (!img.complete) await new Promise((done) => img.addEventListener("load", done));
  }
  return pictures.map((img) => [img.currentSrc, img.clientWidth, img.naturalWidth]);
}"""


@pytest.fixture(scope="module")
def pictures_url(tmp_path_factory):
    _, output, built = picture_site(tmp_path_factory.mktemp("browser-pictures"), siteurl="")
    assert built.returncode == 0, built.stdout + built.stderr
    with serve(output) as address:
        yield address


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_page_of_pictures_on_a_phone_is_clean_accessible_and_fits(phone, pictures_url, path):
    visit = Visit(phone.new_page(), pictures_url)
    try:
        tab = visit.open(path)
        shown = tab.evaluate(SHOWN)
        assert shown and all(natural > 0 for _, _, natural in shown), shown
        assert not visit.console_errors and not visit.failures
        assert not visit.foreign_requests()
        assert tab.evaluate(SIDEWAYS_OVERFLOW) <= 0
        results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert not results.response["violations"], describe(results.response["violations"])
    finally:
        visit.tab.close()


def test_a_phone_gets_avif_sharp_enough_for_its_screen(phone, pictures_url):
    visit = Visit(phone.new_page(), pictures_url)
    try:
        shown = visit.open(PAGES[0]).evaluate(SHOWN)
    finally:
        visit.tab.close()
    photos = [src for src, _, _ in shown if "/images/portrait." not in src and ".svg" not in src]
    assert len(photos) == 4
    # The test site's widths stop at 320: the sharpest there is for a 343 px column at 2x.
    assert all(src.endswith("-320.avif") for src in photos), photos
