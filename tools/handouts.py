"""Printable PDF handouts of every article, made by Chromium from the built pages.

Each article links to its handout (HANDOUT_URL in pelicanconf.py), so the handouts are
made for exactly the pages that link to one, and written where the link points.
Chromium prints with the site's print stylesheet and writes a tagged PDF with an outline,
so screen readers can read the handout as they read the page. Its document information is
then rewritten with pypdf to hold only the title and the article's own dates.
"""

import contextlib
import datetime
import logging
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter
from selectolax.lexbor import LexborHTMLParser

from tools.browser import launch, serve

# The link article.html writes after the article's text.
HANDOUT_LINK = "p.ps-handout > a[data-handout]"
MODIFIED = 'meta[property="article:modified_time"]'
CANONICAL = 'link[rel="canonical"]'
PAGE_SIZE = "Letter"
# Loads every picture now, and answers once each is drawn or has failed.
EVERY_PICTURE_NOW = """Promise.all([...document.images].map(image => {
    image.loading = "eager";
    return image.decode().catch(() => null);
}))"""
MARGINS = {side: "18mm" for side in ("top", "bottom", "left", "right")}


def pdf_stamp(iso_time):
    """2026-11-26T00:00:00-08:00 as a PDF date: D:20261126000000-08'00'."""
    moment = datetime.datetime.fromisoformat(iso_time)
    offset = moment.strftime("%z") or "+0000"
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:5]}'"


class _TrailerSize(logging.Filter):
    # Now and then pypdf, copying Chromium's PDF, finds one object more than its trailer
    # counts (/Size) and warns "Object count N exceeds defined trailer size N-1". The copy
    # is whole all the same, and pypdf writes a /Size of its own, so the warning only left
    # a puzzling line in `invoke publish`; every other warning still shows.
    def filter(self, record):
        return "exceeds defined trailer size" not in record.getMessage()


@contextlib.contextmanager
def _quiet_about_trailer_size():
    logger = logging.getLogger("pypdf._writer")
    quiet = _TrailerSize()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def keep_only_title_and_dates(path, iso_time):
    """Leave the PDF's document information nothing but its title and `iso_time` as its dates.

    Chromium names itself and the operating system as Creator and Producer, which a handout
    given to a client has no need to tell, and stamps the second it printed, which gave every
    print new bytes and made every deploy upload the handouts again.
    """
    printed = PdfReader(path)
    with _quiet_about_trailer_size():
        pdf = PdfWriter(clone_from=printed)
    pdf.pdf_header = printed.pdf_header  # else pypdf writes its own version, 1.3
    stamp = pdf_stamp(iso_time)
    title = {"/Title": printed.metadata["/Title"]} if "/Title" in printed.metadata else {}
    pdf.metadata = {**title, "/CreationDate": stamp, "/ModDate": stamp}
    pdf.write(path)


def _attribute(html, selector, name):
    found = LexborHTMLParser(html).css_first(selector)
    return found.attributes.get(name) if found is not None else None


def public_address(output):
    """The site's address as its pages name it, such as https://name.github.io/clinic/.

    None for a build that names no address of its own.
    """
    home = (Path(output) / "index.html").read_text(encoding="utf-8")
    canonical = _attribute(home, CANONICAL, "href")
    return canonical if canonical and urlsplit(canonical).scheme in ("http", "https") else None


def handout_links(output):
    """(page, handout path, last change) for each page linking to a handout, drafts excepted."""
    address = public_address(output)
    prefix = urlsplit(address).path if address else "/"
    for page in sorted(Path(output).rglob("*.html")):
        relative = page.relative_to(output).as_posix()
        if relative.startswith("drafts/"):
            continue
        html = page.read_text(encoding="utf-8")
        link = _attribute(html, HANDOUT_LINK, "href")
        if link:
            handout = urlsplit(link).path.removeprefix(prefix)
            yield relative, handout, _attribute(html, MODIFIED, "content")


def from_built_folder(site, local):
    """A route that answers the site's own addresses from the built folder, served at `local`.

    Every other address is refused: a page's policy lets it load nothing from elsewhere, and
    printing should not ask the network even if something tried.
    """
    prefix = urlsplit(site).path  # "" or, for a site in a folder, "/clinic"

    def answer(route):
        url = route.request.url
        if url != site and not url.startswith(f"{site}/"):
            return route.abort()
        path = urlsplit(url).path.removeprefix(prefix)
        return route.fulfill(response=route.fetch(url=f"{local}{path or '/'}"))

    return answer


def make_handouts(output):
    """Write a PDF for every article in the built site at `output`; return the paths written."""
    output = Path(output)
    written = []
    # Each page is opened at its public address, its files fetched from the built folder,
    # so the policy it carries (its <meta> tag, and the headers the local server sends as
    # the public host does) holds in print as for readers: anything that slipped into a
    # page, an inline script or style or a file from elsewhere, cannot change the handout.
    with serve(output) as local, sync_playwright() as playwright:
        site = (public_address(output) or f"{local}/").removesuffix("/")
        browser = launch(playwright)
        tab = browser.new_page()
        tab.route("**/*", from_built_folder(site, local))
        tab.emulate_media(media="print", color_scheme="light")
        for page, handout, modified in handout_links(output):
            tab.goto(f"{site}/{page.removesuffix('index.html')}", wait_until="load")
            # A picture further down waits until a reader scrolls near it. Chromium starts
            # them as it prints, and often printed before they came: the first picture only.
            tab.evaluate(EVERY_PICTURE_NOW)
            target = output / handout
            target.parent.mkdir(parents=True, exist_ok=True)
            tab.pdf(path=target, format=PAGE_SIZE, margin=MARGINS, tagged=True, outline=True)
            keep_only_title_and_dates(target, modified)
            written.append(target)
        browser.close()
    return written
