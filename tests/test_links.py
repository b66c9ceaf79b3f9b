"""Links: every address in every built page leads somewhere real."""

import os
import subprocess
import sys
from urllib.parse import unquote, urlsplit

import pytest

from plugins.runner import build
from tests.conftest import ROOT, own_path, read_page

LINKING_ATTRIBUTES = ("href", "src")
SAFE_SCHEMES = ("https", "mailto", "tel", "sms")
ADDRESSING = (*LINKING_ATTRIBUTES, "srcset")


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


def published_folder():
    """The folder part of the address `invoke publish` deploys to: /psych-site, or ""."""
    if not os.environ.get("SITE_OUTPUT"):
        return ""
    return urlsplit(os.environ.get("SITEURL", "")).path.rstrip("/")


def addresses_in(element):
    for name in LINKING_ATTRIBUTES:
        if element.get(name):
            yield element[name]
    for candidate in (element.get("srcset") or "").split(","):
        if candidate.split():
            yield candidate.split()[0]


def test_every_own_address_stays_inside_the_folder_the_site_is_published_in(site, page):
    # https://you.github.io/psych-site/: /about/ would be you.github.io/about/, another site.
    folder = published_folder()
    if not folder:
        return
    soup = read_page(site, page)
    for element in soup.find_all(lambda tag: any(tag.has_attr(n) for n in ADDRESSING)):
        for address in addresses_in(element):
            if address.startswith("/") and not address.startswith("//"):
                inside = address == folder or address.startswith(f"{folder}/")
                assert inside, f"{page}: {address} leads out of {folder}/"


FOLDER_SITEURL = "https://you.github.io/psych-site"
PAGE_LINKING_OUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Old handout</title></head>
<body><a href="/about/">About me</a></body></html>
"""


def test_publishing_in_a_folder_refuses_a_page_that_links_out_of_it(tmp_path, minimal_content):
    # The built-site checks `invoke publish` runs, over a site bound for a folder: the theme,
    # the pictures and {filename} links stay inside it, and a hand-made /about/ is caught.
    (minimal_content / "articles" / "pictures.md").write_text(
        "Title: Pictures\nDate: 2026-01-20\nSummary: Pictures and links.\n\n"
        "![A grey square](/images/square.png)\n\n[About me]({filename}../pages/about.md)\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", FOLDER_SITEURL)
        build(
            ROOT / "publishconf.py",
            {"PATH": str(minimal_content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path)},
        )

    def site_checks():
        return subprocess.run(
            [sys.executable, "-m", "pytest", "tests/test_links.py", "-q", "-p", "no:cacheprovider"]
            + ["-m", "site", "-k", "stays_inside_the_folder"],
            cwd=ROOT,
            env={**os.environ, "SITE_OUTPUT": str(output), "SITEURL": FOLDER_SITEURL},
            capture_output=True,
            text=True,
        )

    passed = site_checks()
    assert passed.returncode == 0 and " passed" in passed.stdout, passed.stdout
    (output / "extra").mkdir(exist_ok=True)  # where a hand-made page in content/extra goes
    (output / "extra" / "handout.html").write_text(PAGE_LINKING_OUT, encoding="utf-8")
    failed = site_checks()
    assert failed.returncode != 0
    assert "extra/handout.html: /about/ leads out of /psych-site/" in failed.stdout
