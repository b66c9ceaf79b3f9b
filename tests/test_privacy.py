"""Reading the site tells nobody else anything: no cookies, no trackers, nothing from elsewhere."""

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import built_pages, built_site, own_path, read_page
from tests.trust_helpers import (
    DESKTOP,
    chromium,  # noqa: F401  (fixture)
    published_site,
    site_server,  # noqa: F401  (fixture)
)

# Attributes that make a browser fetch something as soon as the page loads.
LOADING = {"src", "srcset", "poster", "data", "background", "manifest", "action", "formaction"}
# <link> types that only name an address, and fetch nothing by themselves.
NAMING_LINKS = {"canonical", "alternate", "author", "license"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
PUBLISHED = "https://example.org"


def is_other_origin(address, own=PUBLISHED):
    parts = urlsplit(address.strip())
    if address.strip().startswith("//"):
        return True
    if parts.scheme in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc}" != own
    return parts.scheme not in ("", "data")


def loaded_addresses(document):
    for element in document.find_all(True):
        for name in LOADING & set(element.attrs):
            for candidate in element[name].split(","):
                yield element.name, candidate.split()[0] if candidate.split() else ""
        if element.name == "link" and not set(element.get("rel", [])) & NAMING_LINKS:
            yield "link", element.get("href", "")
        if element.has_attr("style"):
            for address in CSS_URL.findall(element["style"]):
                yield element.name, address


@pytest.mark.parametrize("output", [built_site, published_site], ids=["preview", "published"])
def test_no_page_loads_anything_from_another_website(output):
    site = output()
    found = []
    for path in sorted(site.rglob("*.html")):
        document = read_page(site, path.relative_to(site))
        found += [
            (path.name, tag, a) for tag, a in loaded_addresses(document) if is_other_origin(a)
        ]
    for path in sorted(site.rglob("*.css")):
        css = path.read_text(encoding="utf-8")
        found += [(path.name, "css", a) for a in CSS_URL.findall(css) if is_other_origin(a)]
    assert not found


def test_every_link_to_another_website_hides_where_the_reader_came_from(page, site):
    document = read_page(site, page)
    assert document.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
    for link in document.find_all("a", href=True):
        if own_path(link["href"]) is None and link["href"].startswith(("http", "//")):
            assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), link


def test_the_only_scripts_are_data_or_the_sites_own(page, site):
    for script in read_page(site, page).find_all("script"):
        if script.get("type") == "application/ld+json":
            assert "cookie" not in script.string
            continue
        assert script.get("src") and own_path(script["src"]), script


@pytest.mark.browser
def test_reading_every_page_sets_no_cookie_stores_nothing_and_asks_only_this_site(
    chromium,  # noqa: F811
    site_server,  # noqa: F811
):
    context = chromium.new_context(viewport=DESKTOP)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    stored = {}
    for relative in built_pages():
        page.goto(f"{site_server.origin}/{relative.removesuffix('index.html')}")
        page.wait_for_load_state("load")
        kept = page.evaluate("() => [document.cookie, localStorage.length, sessionStorage.length]")
        if kept != ["", 0, 0]:
            stored[relative] = kept
    cookies = context.cookies()
    context.close()
    assert cookies == []
    assert not stored
    elsewhere = [url for url in requested if not url.startswith(site_server.origin + "/")]
    assert not elsewhere
    assert len(requested) >= len(built_pages())
