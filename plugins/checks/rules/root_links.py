"""A link to a page of the site is written with {filename}, never as /about/.

/about/ means "about/ at the top of the web server". A site published in a folder of
one (https://you.github.io/psych-site/) has its About page at /psych-site/about/, so
/about/ would lead out of the site, and on the preview it still works. Pelican writes
a {filename} or {static} link with the site's whole address wherever it is published.
A drawing shown as /images/chart.svg is published as written too (a photo is not:
plugins/pictures writes its whole address). rules/own_links.py explains a /… address
that leads to no page at all; this rule the ones that do, whichever SITEURL this build
has, so `invoke check` says it before a publish would.
"""

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican.generators import StaticGenerator

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.checks.rules.addresses import SITE_FOLDERS, own_pages
from plugins.pictures.source import RASTER_SUFFIXES

# Whether a post's HTML may hold a link starting with "/": parsing every post on every
# build costs more than the rest of a one-post rebuild (rules/own_links.py measured it).
# A value starting with a character reference is parsed too, since it may be a slash.
MAY_START_WITH_SLASH = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:/(?!/)|&)""", re.I)
EXAMPLE = "https://you.github.io/psych-site/"
# A photo is published only in the sizes a post shows it at, never as the file itself.
SHOW_THE_PICTURE = (
    "A photo is published only where a post shows it, so a link to the file leads nowhere. "
    "Show it instead: ![what the picture shows]({{static}}/{path})"
)


@site_rule
def check(site):
    posts = {}  # address as written on the site -> the file that makes it
    for path, content in site.contents.items():
        if content.save_as:
            posts[content.save_as] = posts[content.url] = path
    statics = {}
    for generator in site.generators:
        if isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                statics[static.save_as] = static.source_path
    written = set(own_pages(site))
    siteurl = (site.settings.get("SITEURL") or "").rstrip("/")
    for source in site.sources.values():
        if not MAY_START_WITH_SLASH.search(source.html or ""):
            continue
        for element in source.elements:
            address = _address(element)
            if not address.startswith("/") or address.startswith("//"):
                continue
            parts = urlsplit(address)
            path = unquote(parts.path).lstrip("/")
            page = posixpath.join(path, "index.html") if path.endswith("/") or not path else path
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            linked = posts.get(path) or posts.get(page)
            if linked:
                relative = os.path.relpath(linked, os.path.dirname(source.path))
                fix = f"Write it as {{filename}}{relative}{fragment}, which keeps working "
                fix += "wherever the site is published."
            elif path in statics:
                shown = os.path.relpath(statics[path], site.content_root).replace(os.sep, "/")
                fix = f"Write it as {{static}}/{shown}, which keeps working wherever the site "
                fix += "is published."
            elif element.tag == "a" and Path(site.content_root, path).suffix.lower() in (
                RASTER_SUFFIXES
            ):
                fix = SHOW_THE_PICTURE.format(path=path)
            elif element.tag == "a" and (
                page in written or path in written or path.startswith(tuple(SITE_FOLDERS))
            ):
                fix = _whole_address(siteurl, address)
            else:
                continue  # it leads to nothing: rules/own_links.py or images.py explains it
            what = "drawing" if element.tag == "img" else "link"
            yield Problem(
                "error",
                source.shown,
                source.line_of(f"({address}") or source.line_of(address),
                "image" if element.tag == "img" else "link",
                _what(siteurl, what, address),
                fix,
            )


def _address(element):
    if element.tag == "a":
        return (element.attributes.get("href") or "").strip()
    src = (element.attributes.get("src") or "").strip() if element.tag == "img" else ""
    # A photo at /images/… is published by plugins/pictures with the site's whole address;
    # a drawing (SVG) is published as it is written.
    return src if src.lower().partition("?")[0].endswith(".svg") else ""


def _what(siteurl, what, address):
    folder = urlsplit(siteurl).path.rstrip("/")
    if folder:
        server = siteurl[: -len(folder)]
        return (
            f"The site is published in a folder, {siteurl}/, so the {what} {address} would "
            f"lead out of it, to {server}{address}, where there is nothing."
        )
    return (
        f"The {what} {address} is written as an address from the top of the web server. "
        f"On a site published in a folder, as {EXAMPLE}, it would lead out of the site, "
        "where there is nothing."
    )


def _whole_address(siteurl, address):
    if siteurl:
        return f"Write the whole address, {siteurl}{address}."
    return (
        f"Write the site's whole address, as https://www.example.org{address}, with your "
        "site's address in place of https://www.example.org."
    )
