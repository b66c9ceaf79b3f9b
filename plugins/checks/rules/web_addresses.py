"""A link to another website typed without https:// is named as one, not as a missing file.

[booklet](www.nimh.nih.gov/…) is read by browsers as a file of this site called
www.nimh.nih.gov, so it leads nowhere; rules/links.py would explain it as a file path.
An address counts as a web address when its first part is a domain name, starting with
www. or ending with a common domain ending (.org, .gov, .uk…), and no file of that name
is there. Endings that are also file types (.md, .zip, .sh) are left out.
"""

import os
import re
from urllib.parse import unquote

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
ENDINGS = frozenset(
    {
        *("com", "org", "net", "gov", "edu", "int", "mil", "info", "biz", "io", "co", "me"),
        *("us", "uk", "ca", "au", "nz", "ie", "eu", "de", "fr", "nl", "be", "ch", "at"),
        *("es", "it", "se", "no", "dk", "fi", "in", "za", "jp", "br", "mx", "tv", "app"),
        *("health", "care", "online", "site", "blog", "news", "global", "world"),
    }
)
# https// or http// : the colon forgotten, as happens when an address is typed by hand.
SCHEME_WITHOUT_COLON = re.compile(r"^https?//+", re.I)
TARGETS = {"a": "href", "img": "src"}


@file_rule("html", "files")
def check(source, site):
    for element in source.elements:
        target = (element.attributes.get(TARGETS.get(element.tag, "")) or "").strip()
        meant = web_address_meant(target)
        if meant is None or _file_exists(target, source.path):
            continue
        line = source.line_of(f"({target}") or source.line_of(target)
        if element.tag == "img":
            what = (
                f"The image address {target} looks like a web address without https://. "
                "A picture loaded from another website would tell that website who is reading."
            )
            fix = "Save the picture in content/images and use {static}/images/NAME instead."
            yield Problem("error", source.shown, line, "image", what, fix)
        else:
            what = (
                f"The link {target} looks like a web address without https:// at its start, "
                "so it would lead to a missing page of this site."
            )
            fix = f"Write it as {meant} (check that it opens)."
            yield Problem("error", source.shown, line, "link", what, fix)


def web_address_meant(target):
    """The https:// address a link typed without its https:// means, or None."""
    rest = SCHEME_WITHOUT_COLON.sub("", target, count=1)
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].lower()
    if not DOMAIN.match(host):
        return None
    if rest != target or host.startswith("www.") or host.rsplit(".", 1)[-1] in ENDINGS:
        return f"https://{rest}"
    return None


def _file_exists(target, source_path):
    # A file really called so (notes.com beside the post) is rules/links.py's to explain.
    path = unquote(re.split(r"[?#]", target, maxsplit=1)[0])
    return os.path.exists(os.path.join(os.path.dirname(source_path), path))
