"""A link written as an address on the site (/about/) leads to a page the build writes.

An address copied from the preview (http://localhost:8000/about/) only works on her
computer, so it is refused too.

Built pages change address when a slug or a setting does, and addresses copied from the
preview or an old site (/pages/about.html) often lead nowhere: the fix names the
{filename} link that keeps working.
"""

import os
import posixpath
from urllib.parse import unquote, urlsplit

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.checks.rules.addresses import SITE_FOLDERS, own_pages
from plugins.checks.rules.links import PREVIEW_HOSTS

TARGETS = {"a": "href", "img": "src"}
# How a value starting with "/" can be written, spaces left out: quoted or not, or the
# slash as a character reference (plugins/boundary.py writes none, but the checks may read
# a file as she wrote it).
SLASH_FIRST = ('="/', "='/", "=/", "&#", "&sol;")


def _may_hold_one(html):
    """Whether a post's HTML may hold such an address at all, found without parsing it.

    Most posts have none, and parsing every post on every build cost more than the rest of
    a one-post rebuild. Plain substring tests: a regular expression took 30 times longer.
    """
    lowered = html.lower()
    if any(host in lowered for host in PREVIEW_HOSTS):
        return True
    squeezed = "".join(lowered.split())
    return any(start in squeezed for start in SLASH_FIRST)


@site_rule
def check(site):
    written = {c.save_as for c in site.contents.values() if c.save_as} | set(own_pages(site))
    # The file a reader's address most likely means: its page's address, else its file name.
    by_name = {}
    for path, content in site.contents.items():
        by_name.setdefault(os.path.splitext(os.path.basename(path))[0], path)
        by_name[content.url] = by_name[content.save_as] = path
    for source in site.sources.values():
        if not _may_hold_one(source.html or ""):
            continue
        for element in source.elements:
            address = (element.attributes.get(TARGETS.get(element.tag, "")) or "").strip()
            try:
                parts = urlsplit(address)
            except ValueError:  # "http://[x" is no address at all: rules/links.py says so
                continue
            preview = parts.scheme == "http" and parts.hostname in PREVIEW_HOSTS
            if not (preview or address.startswith("/")) or address.startswith("//"):
                continue
            if element.tag == "img" and not preview:
                continue  # rules/images.py explains a picture that is not there
            path = unquote(parts.path).lstrip("/")
            page = posixpath.join(path, "index.html") if path.endswith("/") or not path else path
            if preview:
                what = (
                    f"The link to {address} is an address of the preview on your computer; "
                    "readers cannot open it."
                )
            elif page in written or path.startswith(tuple(SITE_FOLDERS)):
                continue
            else:
                what = f"The link to {address} leads to no page of this site."
            fix = _fix(source, path, by_name)
            yield Problem("error", source.shown, source.line_of(address), "link", what, fix)


def _fix(source, path, by_name):
    stem = os.path.splitext(posixpath.basename(path.rstrip("/")))[0]
    linked = by_name.get(path) or by_name.get(stem)
    if linked:
        relative = os.path.relpath(linked, os.path.dirname(source.path))
        return f"Write it as {{filename}}{relative}, which keeps working wherever the page is."
    return (
        "Link to posts and pages by their file, {filename}name-of-the-file.md "
        "(WRITING.md, Links to your other posts and pages)."
    )
