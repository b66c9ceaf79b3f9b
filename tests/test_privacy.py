"""Privacy: no page or stylesheet asks another website for anything."""

import re
from urllib.parse import urlsplit

from conftest import read_page

# Elements that make the browser fetch what they point at, and the attribute that says where.
FETCHING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "link": "href",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "form": "action",
}
CSS_ADDRESS = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def is_third_party(address):
    parts = urlsplit(address.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def test_no_page_loads_anything_from_another_origin(site, page):
    soup = read_page(site, page)
    for tag, attribute in FETCHING.items():
        for element in soup.find_all(tag):
            address = element.get(attribute, "")
            if tag == "link" and not {"stylesheet", "icon", "preload", "modulepreload"} & set(
                element.get("rel", [])
            ):
                continue  # canonical and alternate links are not fetched
            assert not is_third_party(address), f"{page}: <{tag}> loads {address}"
        for element in soup.find_all(srcset=True):
            assert not is_third_party(element["srcset"]), f"{page}: srcset loads from elsewhere"


def test_no_stylesheet_loads_anything_from_another_origin(site):
    stylesheets = list(site.rglob("*.css"))
    assert stylesheets
    for stylesheet in stylesheets:
        for match in CSS_ADDRESS.finditer(stylesheet.read_text(encoding="utf-8")):
            address = match.group(1) or match.group(2)
            assert not is_third_party(address), f"{stylesheet.name} loads {address}"


def test_no_page_sets_cookies_or_runs_inline_code(site, page):
    html = (site / page).read_text(encoding="utf-8")
    assert "document.cookie" not in html
    soup = read_page(site, page)
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", page
    assert not soup.find_all(style=True), f"{page} has inline style attributes"
