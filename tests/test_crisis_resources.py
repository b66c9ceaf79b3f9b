"""Someone in crisis finds the same help, in the same place, on every page, even on paper."""

import subprocess

import pytest

from tests.conftest import KAP_ARTICLE, built_pages, read_page
from tests.trust_helpers import (
    DESKTOP,
    PHONE,
    SETTINGS,
    build_with,
    chromium,  # noqa: F401  (fixture)
    site_server,  # noqa: F401  (fixture)
    soup,
    text,
)

GET_HELP = "get-help/index.html"


def crisis_block(document):
    return document.select_one("aside.ps-crisis")


def test_every_page_has_the_same_crisis_block_right_after_the_header(page, site):
    document = read_page(site, page)
    block = crisis_block(document)
    assert block is not None
    # Same place: the first thing after the site header, before the main content.
    assert block.find_previous_sibling().name == "header"
    assert block.find_next_sibling().name == "main"
    assert str(block) == str(crisis_block(read_page(site, "index.html")))


def test_the_crisis_block_offers_call_text_chat_and_911(site):
    block = crisis_block(read_page(site, "index.html"))
    links = {a["href"]: text(a) for a in block.find_all("a")}
    assert links["tel:988"] == "Call 988"
    assert links["sms:988"] == "Text 988"
    assert links["https://988lifeline.org/chat/"] == "Chat at 988lifeline.org"
    assert links["tel:911"] == "Call 911"
    assert links["/get-help/"] == "More ways to get help now"
    assert "In immediate danger, call 911." in text(block)
    assert "not monitored for emergencies" in text(block)


def test_the_crisis_block_needs_no_javascript(page, site):
    block = crisis_block(read_page(site, page))
    assert not block.find("script")
    assert not any(
        attribute.startswith("on") for tag in block.find_all() for attribute in tag.attrs
    )


def test_the_get_help_page_lists_every_service_from_the_settings(site):
    page = read_page(site, GET_HELP)
    body = text(page.main)
    assert "call 988, then press 1" in body  # Veterans Crisis Line
    assert "dial 711, then 988" in body  # TTY
    assert "call 911 now" in body
    spanish = page.find("section", lang="es")
    assert "Llame al 988 y oprima 2" in text(spanish)
    assert "AYUDA" in text(spanish)
    hrefs = [a["href"] for a in page.main.find_all("a")]
    assert "https://988lifeline.org/help-yourself/for-deaf-hard-of-hearing/" in hrefs
    assert "sms:988?body=AYUDA" in hrefs
    sections = page.select("section.ps-help")
    assert [text(s.h2) for s in sections] == [s["name"] for s in SETTINGS.CRISIS_SERVICES]


def test_another_country_can_set_its_own_crisis_lines(tmp_path):
    output = build_with(
        tmp_path / "output",
        CRISIS_HEADING="Need to talk to someone now?",
        CRISIS_LINKS=(("Call Samaritans on 116 123", "tel:116123"),),
        EMERGENCY_TEXT="In an emergency, call 999.",
        EMERGENCY_LINK=("Call 999", "tel:999"),
        CRISIS_SERVICES=(
            {"name": "Samaritans", "text": "Any time.", "ways": (("Call 116 123", "tel:116123"),)},
        ),
    )
    for relative in ("index.html", KAP_ARTICLE, GET_HELP):
        block = crisis_block(soup(output, relative))
        assert text(block.h2) == "Need to talk to someone now?"
        assert [a["href"] for a in block.find_all("a")] == ["tel:116123", "tel:999", "/get-help/"]
        assert "988" not in text(block) and "911" not in text(block)
    assert "Samaritans" in text(soup(output, GET_HELP).main)


# In a real browser: keyboard, touch, print, and nothing covering what has focus.


@pytest.mark.browser
def test_keyboard_users_reach_every_crisis_link_first(chromium, site_server):  # noqa: F811
    page = chromium.new_page(viewport=PHONE)
    page.goto(f"{site_server.origin}/{KAP_ARTICLE.removesuffix('index.html')}")
    expected = page.eval_on_selector_all(".ps-crisis a", "links => links.map(a => a.href)")
    reached = []
    for _ in range(len(expected) + 8):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.closest('.ps-crisis') && document.activeElement.href"
        )
        if focused:
            reached.append(focused)
        elif reached:
            break
    page.close()
    assert reached == expected


@pytest.mark.browser
@pytest.mark.parametrize("relative", ["", KAP_ARTICLE.removesuffix("index.html"), "get-help/"])
def test_crisis_links_are_at_least_24_by_24_pixels_on_a_phone(chromium, site_server, relative):  # noqa: F811
    page = chromium.new_page(viewport=PHONE)
    page.goto(f"{site_server.origin}/{relative}")
    sizes = page.eval_on_selector_all(
        ".ps-crisis a, .ps-help a",
        "links => links.map(a => { const r = a.getBoundingClientRect();"
        " return [a.textContent.trim(), r.width, r.height]; })",
    )
    page.close()
    assert sizes
    too_small = [(label, w, h) for label, w, h in sizes if w < 24 or h < 24]
    assert not too_small


@pytest.mark.browser
def test_the_crisis_block_prints_with_the_article(chromium, site_server, tmp_path):  # noqa: F811
    page = chromium.new_page()
    page.goto(f"{site_server.origin}/{KAP_ARTICLE.removesuffix('index.html')}")
    page.emulate_media(media="print")
    assert page.is_visible(".ps-crisis")
    assert page.is_visible(".ps-review")
    assert page.is_visible(".ps-disclaimer")
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf), format="Letter")
    page.close()
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    printed = " ".join(printed.split())
    for words in (
        SETTINGS.CRISIS_HEADING,
        "Call 988",
        "Call 911",
        "Page last reviewed",
        "Next review due",
        "Stephanie Post, PsyD",
        "assessment with a qualified provider",
    ):
        assert words in printed, words


# Runs in the page: focus each focusable element in turn and ask what is drawn at its centre.
COVERED = """() => {
  const covered = [];
  const focusable = document.querySelectorAll(
    'a[href], button, input, select, textarea, [tabindex]');
  for (const element of focusable) {
    if (element.tabIndex < 0) continue;
    element.focus();
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (top && top !== element && !element.contains(top) && !top.contains(element)) {
      covered.push(element.outerHTML.slice(0, 80) + ' under ' + top.outerHTML.slice(0, 80));
    }
  }
  return covered;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_ever_covers_the_element_that_has_focus(chromium, site_server, viewport):  # noqa: F811
    page = chromium.new_page(viewport=viewport)
    covered = {}
    for relative in built_pages():
        page.goto(f"{site_server.origin}/{relative.removesuffix('index.html')}")
        found = page.evaluate(COVERED)
        if found:
            covered[relative] = found
    page.close()
    assert not covered
