"""Someone in crisis finds the same help, in the same place, on every page, even on paper."""

import re
import shutil
import subprocess

import pytest

from tests.conftest import KAP_ARTICLE, ROOT, built_pages, read_page
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
CONTACT = "contact/index.html"


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


def test_the_crisis_line_calls_or_texts_988_or_calls_911_in_one_tap(site):
    block = crisis_block(read_page(site, "index.html"))
    on_screen = [
        (text(a), a["href"])
        for a in block.find_all("a")
        if "ps-crisis__way--print" not in a.parent["class"]
    ]
    assert on_screen == [
        ("Call 988", "tel:988"),
        ("Text 988", "sms:988"),
        ("Call 911", "tel:911"),
        ("More ways to get help now", "/get-help/"),
    ]


def test_on_paper_the_crisis_line_has_every_way_to_reach_the_lifeline_and_the_advice(site):
    block = crisis_block(read_page(site, "index.html"))
    links = {a["href"]: text(a) for a in block.find_all("a")}
    assert links["https://988lifeline.org/chat/"] == "Chat at 988lifeline.org"
    assert "If you or someone else is in immediate danger, call 911 now." in text(block)
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
    services = [SETTINGS.CRISIS_LINE, *SETTINGS.CRISIS_MORE_SERVICES, SETTINGS.CRISIS_EMERGENCY]
    assert [text(s.h2) for s in sections] == [service["name"] for service in services]


def test_no_template_or_message_writes_a_crisis_number_itself():
    # The numbers live in pelicanconf.py alone, so another country changes one file; the
    # Get help now and Contact pages are built around them, and the checks' advice to the
    # writer names no number.
    sources = [
        *(ROOT / "theme" / "templates").rglob("*.html"),
        *(ROOT / "plugins").rglob("*.py"),
        ROOT / "content" / "pages" / "get-help.md",
        ROOT / "content" / "pages" / "contact.md",
    ]
    for path in sources:
        written = path.read_text(encoding="utf-8")
        for number in ("988", "911"):
            assert number not in written, f"{path.relative_to(ROOT)} writes {number}"
        assert not re.search(r"(tel|sms):\d", written), f"{path.relative_to(ROOT)} dials a number"


# Samaritans and NHS 111's mental health option (England), and 999 for an emergency.
UK_CRISIS_HELP = {
    "CRISIS_HEADING": "Struggling to cope, or thinking about suicide?",
    "CRISIS_LINE": {
        "name": "Samaritans",
        "text": "Free, any time of day or night, for anyone who is struggling to cope.",
        "ways": (
            ("Call 116 123", "tel:116123"),
            ("Email jo@samaritans.org", "mailto:jo@samaritans.org"),
        ),
    },
    "CRISIS_EMERGENCY": {
        "name": "Emergency",
        "text": "If your life or someone else's is at risk now, call 999.",
        "ways": (("Call 999", "tel:999"),),
    },
    "CRISIS_MORE_SERVICES": (
        {
            "name": "NHS 111",
            "text": "For urgent mental health help in England, call 111 and choose option 2.",
            "ways": (("Call 111, option 2", "tel:111"),),
        },
    ),
}
WORRY = "articles/when-worry-turns-dark/index.html"
MENTIONS_SUICIDE = """Title: When Worry Turns Dark
Date: 2026-02-01
Summary: What to do when anxiety brings thoughts of suicide.

Some people with severe anxiety have thoughts of suicide. Those thoughts can be treated.
"""


@pytest.fixture(scope="module")
def uk_site(tmp_path_factory):
    """The real site, plus an article that mentions suicide, built with UK crisis settings."""
    work = tmp_path_factory.mktemp("uk")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "articles" / "when-worry-turns-dark.md").write_text(
        MENTIONS_SUICIDE, encoding="utf-8"
    )
    return build_with(work / "output", content=content, **UK_CRISIS_HELP)


def what_a_reader_or_a_search_engine_sees(document):
    """The text of a page or part, its description and sharing previews, where its links lead."""
    described = [meta.get("content", "") for meta in document.find_all("meta")]
    return " ".join([text(document), *described, *(a["href"] for a in document.find_all("a"))])


def test_with_another_countrys_settings_988_and_911_are_gone_from_every_crisis_place(uk_site):
    places = {
        "Get help now": soup(uk_site, GET_HELP),
        "Contact": soup(uk_site, CONTACT),
        "the box in an article about suicide": soup(uk_site, WORRY).select_one(
            ".ps-crisis-callout"
        ),
    }
    for page in sorted(uk_site.rglob("*.html")):
        places[f"the crisis line of {page.relative_to(uk_site)}"] = crisis_block(
            soup(uk_site, page.relative_to(uk_site))
        )
    assert len(places) > 10
    for place, element in places.items():
        seen = what_a_reader_or_a_search_engine_sees(element)
        for number in ("988", "911"):
            assert number not in seen, f"{place} still says {number}"


def test_with_another_countrys_settings_the_crisis_line_shows_its_services(uk_site):
    for relative in ("index.html", KAP_ARTICLE, GET_HELP, CONTACT, WORRY):
        block = crisis_block(soup(uk_site, relative))
        assert text(block.h2) == UK_CRISIS_HELP["CRISIS_HEADING"]
        on_screen = [
            a["href"]
            for a in block.find_all("a")
            if "ps-crisis__way--print" not in a.parent["class"]
        ]
        assert on_screen == ["tel:116123", "tel:999", "/get-help/"]


def test_with_another_countrys_settings_get_help_contact_and_the_callout_follow(uk_site):
    get_help = soup(uk_site, GET_HELP)
    assert [text(h2) for h2 in get_help.select(".ps-help h2")] == [
        "Samaritans",
        "NHS 111",
        "Emergency",
    ]
    contact = soup(uk_site, CONTACT).select_one(".ps-notice")
    assert "contact the Samaritans instead" in text(contact)
    hrefs = [a["href"] for a in contact.find_all("a")]
    assert hrefs == ["tel:116123", "mailto:jo@samaritans.org", "tel:999"]
    callout = soup(uk_site, WORRY).select_one(".ps-crisis-callout")
    assert [a["href"] for a in callout.find_all("a")] == [
        "tel:116123",
        "mailto:jo@samaritans.org",
        "tel:999",
    ]


# In a real browser: keyboard, touch, print, and nothing covering what has focus.


@pytest.mark.browser
def test_keyboard_users_reach_every_crisis_link_first(chromium, site_server):  # noqa: F811
    page = chromium.new_page(viewport=PHONE)
    page.goto(f"{site_server.origin}/{KAP_ARTICLE.removesuffix('index.html')}")
    expected = page.eval_on_selector_all(
        ".ps-crisis a", "links => links.filter(a => a.checkVisibility()).map(a => a.href)"
    )
    assert len(expected) == 4  # call, text, emergency, more ways
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
        "links => links.filter(a => a.checkVisibility()).map(a => {"
        " const r = a.getBoundingClientRect();"
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
    # On paper the crisis line is whole: every way to reach the lifeline, and the advice.
    ways = [
        label for label, _ in (*SETTINGS.CRISIS_LINE["ways"], *SETTINGS.CRISIS_EMERGENCY["ways"])
    ]
    for words in (
        SETTINGS.CRISIS_HEADING,
        *ways,
        SETTINGS.CRISIS_EMERGENCY["text"],
        SETTINGS.CRISIS_NOTE,
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
    if (document.activeElement !== element) continue;  // folded away, as in a closed <details>
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
