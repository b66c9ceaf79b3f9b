"""Links: every address in every built page leads somewhere real."""

from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import own_path, read_page

LINKING_ATTRIBUTES = ("href", "src")
SAFE_SCHEMES = ("https", "mailto", "tel", "sms")


def local_target(site, page, address):
    """The file in the output that a same-site address points at."""
    path = unquote(urlsplit(address).path)
    if not path:
        return site / page
    base = site if path.startswith("/") else (site / page).parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def ids_in(site, target):
    soup = read_page(site, target.relative_to(site))
    return {element["id"] for element in soup.find_all(id=True)}


def test_every_link_and_source_resolves_to_a_built_file(site, page):
    soup = read_page(site, page)
    for element in soup.find_all(lambda tag: any(tag.has_attr(n) for n in LINKING_ATTRIBUTES)):
        for name in LINKING_ATTRIBUTES:
            address = element.get(name) and own_path(element[name])
            if not address:
                continue
            assert local_target(site, page, address).is_file(), f"{page}: {address} leads nowhere"


def test_every_fragment_exists_in_its_target_page(site, page):
    soup = read_page(site, page)
    for link in soup.find_all("a", href=True):
        address = own_path(link["href"])
        if not address or not urlsplit(address).fragment:
            continue
        target = local_target(site, page, address)
        fragment = urlsplit(address).fragment
        assert fragment in ids_in(site, target), f"{page}: {link['href']} has no target"


def test_no_unresolved_pelican_link_placeholder_is_left(site, page):
    html = (site / page).read_text(encoding="utf-8")
    for placeholder in ("{filename}", "{static}", "{attach}", "{index}", "{tag}", "{category}"):
        assert placeholder not in html


def test_links_to_other_websites_use_secure_addresses(site, page):
    # test_privacy.py checks that they also hide where the reader came from.
    soup = read_page(site, page)
    for link in soup.find_all("a", href=True):
        scheme = urlsplit(link["href"]).scheme
        if scheme and not own_path(link["href"]):
            assert scheme in SAFE_SCHEMES, f"{page}: {link['href']} is not https"


def old_addresses(site):
    """(old address, new address) of every redirect the build wrote (plugins/redirects.py)."""
    listed = site / "_redirects"
    if not listed.is_file():
        return []
    moved = []
    for line in listed.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words and not line.startswith("#"):
            moved.append((" ".join(words[:-2]), words[-2]))
    return moved


@pytest.mark.site
def test_every_old_address_leads_to_a_page_that_exists(site):
    for old, new in old_addresses(site):
        assert local_target(site, "index.html", own_path(new)).is_file(), f"{old} -> {new}"
    for page in site.rglob("index.html"):
        refresh = read_page(site, page.relative_to(site)).find(
            "meta", attrs={"http-equiv": "refresh"}
        )
        if refresh is not None:
            new = own_path(refresh["content"].split("url=", 1)[1])
            assert local_target(site, "index.html", new).is_file(), f"{page} -> {new}"
