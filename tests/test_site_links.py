"""Every link and file a built page refers to on the site itself exists in the built site."""

import os
from urllib.parse import unquote, urljoin, urlsplit

from conftest import read_page

LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


def own_origin():
    """The site's own address: SITEURL when `invoke publish` checks the public build."""
    parts = urlsplit(os.environ.get("SITEURL", ""))
    return parts.scheme, parts.netloc


def target_exists(site, path):
    file = site / unquote(path).lstrip("/")
    return file.is_file() or (file / "index.html").is_file()


def test_page_links_only_to_pages_and_files_that_exist(site, page):
    base = "/" + page
    missing = []
    for tag, attribute in LINKING.items():
        for element in read_page(site, page).find_all(tag):
            reference = element.get(attribute)
            if not reference:
                continue
            parts = urlsplit(urljoin(base, reference))
            if parts.scheme in ("mailto", "tel", "sms"):
                continue
            if parts.netloc and (parts.scheme, parts.netloc) != own_origin():
                continue
            if not target_exists(site, parts.path):
                missing.append(reference)
    assert not missing, f"{page} links to what the site does not have: {missing}"
