"""Printable PDF handouts of every article, made by Chromium from the built pages.

Each article links to its handout (HANDOUT_URL in pelicanconf.py), so the handouts are
made for exactly the pages that link to one, and written where the link points.
Chromium prints with the site's print stylesheet and writes a tagged PDF with an outline,
so screen readers can read the handout as they read the page. Its document information is
then rewritten with pypdf to hold only the title and the article's own dates.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter

from tools.browser import launch, serve

# The link article.html writes: <a data-handout href="...">.
HANDOUT_LINK = re.compile(r'<a data-handout href="(?P<href>[^"]+)"')
MODIFIED = re.compile(r'<meta property="article:modified_time" content="(?P<time>[^"]+)"')
CANONICAL = re.compile(r'<link rel="canonical" href="(?P<href>[^"]+)"')


def pdf_stamp(iso_time):
    """2026-11-26T00:00:00-08:00 as a PDF date: D:20261126000000-08'00'."""
    moment = datetime.datetime.fromisoformat(iso_time)
    offset = moment.strftime("%z") or "+0000"
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:5]}'"


def keep_only_title_and_dates(path, iso_time):
    """Leave the PDF's document information nothing but its title and `iso_time` as its dates.

    Chromium names itself and the operating system as Creator and Producer, which a handout
    given to a client has no need to tell, and stamps the second it printed, which gave every
    print new bytes and made every deploy upload the handouts again.
    """
    printed = PdfReader(path)
    pdf = PdfWriter(clone_from=printed)
    pdf.pdf_header = printed.pdf_header  # else pypdf writes its own version, 1.3
    stamp = pdf_stamp(iso_time)
    title = {"/Title": printed.metadata["/Title"]} if "/Title" in printed.metadata else {}
    pdf.metadata = {**title, "/CreationDate": stamp, "/ModDate": stamp}
    pdf.write(path)


def site_path(output):
    """Where the site lives on its host: / or, for a GitHub Pages project site, /name/."""
    canonical = CANONICAL.search((Path(output) / "index.html").read_text(encoding="utf-8"))
    return urlsplit(canonical["href"]).path if canonical else "/"


def handout_links(output):
    """(page, handout path, last change) for each page linking to a handout, drafts excepted."""
    prefix = site_path(output)
    for page in sorted(Path(output).rglob("*.html")):
        relative = page.relative_to(output).as_posix()
        if relative.startswith("drafts/"):
            continue
        html = page.read_text(encoding="utf-8")
        link = HANDOUT_LINK.search(html)
        if link:
            handout = urlsplit(link["href"]).path.removeprefix(prefix)
            yield relative, handout, MODIFIED.search(html)["time"]


def make_handouts(output):
    """Write a PDF for every article in the built site at `output`; return the paths written."""
    output = Path(output)
    prefix = site_path(output)
    written = []
    # A public build names its files by the public address, which the site's own policy
    # (in each page, and in the headers) would block from this local address; the route
    # below fetches them from here instead.
    with serve(output, site_headers=False) as address, sync_playwright() as playwright:
        browser = launch(playwright)
        tab = browser.new_page(bypass_csp=True)
        tab.route(
            lambda url: not url.startswith(address),
            lambda route: route.fulfill(
                response=route.fetch(
                    url=f"{address}/{urlsplit(route.request.url).path.removeprefix(prefix)}"
                )
            ),
        )
        tab.emulate_media(media="print", color_scheme="light")
        for page, handout, modified in handout_links(output):
            tab.goto(f"{address}/{page.removesuffix('index.html')}", wait_until="load")
            target = output / handout
            target.parent.mkdir(parents=True, exist_ok=True)
            tab.pdf(
                path=target,
                format="Letter",
                margin={"top": "18mm", "bottom": "18mm", "left": "18mm", "right": "18mm"},
                tagged=True,
                outline=True,
            )
            keep_only_title_and_dates(target, modified)
            written.append(target)
        browser.close()
    return written
