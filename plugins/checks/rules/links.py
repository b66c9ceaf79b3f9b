"""Links and images point at something that exists, and work wherever the page is built.

`{filename}` links to posts and `{static}` links to files must name a file in the
content folder, a section link (`#part`) a heading of that page, and a plain relative
address would break once pages live in their own folders. An image from another
website would tell that website who is reading.
"""

import difflib
import functools
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.checks.rules.web_addresses import web_address_meant
from plugins.checks.source import key
from plugins.content_paths import PLACEHOLDER, resolve  # here too for the rules that import them
from plugins.pictures.source import RASTER_SUFFIXES

# A link to a section of another file: its finding depends on that file's headings.
SECTION_ELSEWHERE = re.compile(r"\{filename\}[^)\s\"'>]*#")
TARGETS = {"a": "href", "img": "src"}
SECTION_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
PREVIEW_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1")
# Anchors Markdown's footnotes make; rules/footnotes.py explains a citation without a source.
FOOTNOTE_ANCHORS = ("#fn:", "#fnref:")
EMAIL = re.compile(r"^[^@/\s:]+@[^@/\s]+\.[a-z]{2,}$", re.I)


def _links_elsewhere(source):
    return bool(SECTION_ELSEWHERE.search(source.text or ""))


@file_rule("html", "files", fresh_when=_links_elsewhere)
def check(source, site):
    problems = []
    for element in source.elements:
        target = element.attributes.get(TARGETS.get(element.tag, ""))
        if target is not None:
            problems += _check_target(element.tag, target.strip(), source, site)
    return problems


def _check_target(tag, target, source, site):
    what = "image" if tag == "img" else "link"

    def problem(what_is_wrong, fix, field=what):
        # The link's own Markdown first, (target), so the line is this link's, not one
        # where the same words appear as text.
        line = source.line_of(f"({target}") or source.line_of(target)
        return [Problem("error", source.shown, line, field, what_is_wrong, fix)]

    placeholder = PLACEHOLDER.match(target)
    if placeholder:
        kind, path = placeholder.groups()
        path, _, fragment = path.partition("#")
        resolved = resolve(path, source.path, site.content_root)
        if not resolved.is_relative_to(key(site.content_root)):
            return problem(*_leaves_content(what, path, resolved))
        if resolved.is_file() and not written_as_on_disk(resolved, site.content_root):
            return problem(
                f"The {what} {path} is written with other capitals than its file: it opens "
                "on your computer, but not on the web server, which tells capitals apart.",
                closest(resolved, site.content_root, what, source.path),
            )
        if not resolved.is_file():
            shown = site.display(resolved)
            return problem(
                f"The {what} {path} does not exist: there is no {shown}."
                if what == "image"
                else f"The link points to {path}, which does not exist.",
                closest(resolved, site.content_root, what, source.path),
            )
        if tag == "a" and kind != "filename" and resolved.suffix.lower() in RASTER_SUFFIXES:
            # Photos are published only in the sizes a post shows them at.
            return problem(
                f"The link points to the photo {path}, but a photo is published only where a "
                "post shows it, so the link would lead nowhere.",
                f"Show it instead: ![what the picture shows]({{static}}{path}).",
            )
        linked = site.source_of(resolved)
        if kind == "filename" and resolved.suffix == ".md" and fragment and linked is not None:
            if fragment not in ids(linked):
                return problem(
                    f'The link points to the section "#{fragment}" in {path}, '
                    "but that page has no such section.",
                    sections_hint(linked),
                )
        return []
    try:
        parts = urlsplit(target)
    except ValueError:  # a [ or ] where a browser expects an IPv6 address
        return problem(
            f"The address {target[:80]} is not one a browser can open: a [ or ] is in the "
            "wrong place.",
            "Copy the address again from the browser's address bar, or remove the link.",
        )
    if tag == "img" and target.startswith("/") and not target.startswith("//"):
        # The pictures are made from the content folder: /images/x.jpg is content/images/x.jpg.
        resolved = resolve(parts.path, source.path, site.content_root)
        if not resolved.is_relative_to(key(site.content_root)):
            return problem(*_leaves_content(what, parts.path, resolved))
    if parts.scheme == "http" and tag == "a":
        if parts.hostname in PREVIEW_HOSTS:
            return []  # an address copied from the preview: rules/own_links.py names the file
        return problem(
            f"The link to {target} is not a secure address (http://).",
            f"Write it as {target.replace('http://', 'https://', 1)} (check that it opens).",
        )
    if parts.scheme or target.startswith("//"):
        if tag == "img" and (parts.scheme in ("http", "https") or target.startswith("//")):
            return problem(
                f"The text loads {target} from another website. That "
                "would tell that website who is reading, which the site promises not to do.",
                "Save the file in content/images and use {static}/images/NAME instead.",
                field="embedded content",
            )
        return []
    if target.startswith("#"):
        if target[1:] and target[1:] not in ids(source) and not target.startswith(FOOTNOTE_ANCHORS):
            return problem(
                f'The link points to the section "{target}", but this page has no such section.',
                sections_hint(source),
            )
        return []
    if EMAIL.match(target):
        return problem(
            f"The link to {target} is an email address written without mailto:, so it would "
            "lead to a page of that name instead of writing an email.",
            f"Write it as <{target}>, or as [text](mailto:{target}).",
        )
    if parts.path and not target.startswith("/"):
        resolved = resolve(unquote(parts.path), source.path, site.content_root)
        if not resolved.exists() and web_address_meant(target):
            return []  # www.example.org/…: rules/web_addresses.py names the https:// address
        prefix = "{filename}" if resolved.suffix == ".md" else "{static}"
        if resolved.exists():
            fix = f"Write it as {prefix}{target}, so it keeps working wherever the page is."
        else:
            fix = closest(resolved, site.content_root, what, source.path)
        return problem(
            f"The address {target} of this {what} is relative to this file. It will break "
            "once the site is built, because built pages live in different folders.",
            fix,
        )
    return []


def _leaves_content(what, path, resolved):
    # Pelican would copy the file from elsewhere on this computer, or stop half-way.
    return (
        f"The {what} {path} leads out of the content folder, to {resolved}. Only "
        "files in the content folder can be published.",
        "Copy the file into content/images (a picture) or content/extra (a PDF), and "
        "write its address from there, as "
        + ("{static}/images/NAME.jpg." if what == "image" else "{static}/extra/NAME.pdf."),
    )


def closest(missing, content_root, what, source_path):
    """Suggest the existing file whose name is nearest to the one that is missing."""
    content_root = Path(key(content_root))
    wanted_post = what == "link" and missing.suffix in (".md", "")
    written_otherwise = same_name_written_otherwise(missing, content_root)
    if written_otherwise:
        prefix = "{filename}" if written_otherwise.endswith(".md") else "{static}"
        return (
            f"Did you mean {prefix}/{written_otherwise}? Write the name exactly as the file is "
            "called, capitals and spaces alike: the web server tells them apart."
        )
    # By name; read backwards, so that of two files with one name the first one stays.
    candidates = {
        p.name: p.relative_to(content_root).as_posix()
        for p in sorted(content_root.rglob("*"), reverse=True)
        if p.is_file()
        and not p.name.startswith(".")  # placeholders like .gitkeep are never what was meant
        and (p.suffix == ".md") == wanted_post
        and key(p) != key(source_path)
    }
    # A misspelt name, not merely one in the same folder: sea.jpg is not square.png.
    guess = difflib.get_close_matches(missing.name, candidates, n=1, cutoff=0.75)
    if guess:
        prefix = "{filename}" if wanted_post else "{static}"
        return f"Did you mean {prefix}/{candidates[guess[0]]}? Check the spelling of the file name."
    if wanted_post:
        return "Check the file name: posts are in content/articles, pages in content/pages."
    if what == "image":
        return (
            f"Put the picture {missing.name} in content/images/ and write its name exactly, "
            "as ![what it shows]({static}/images/NAME.jpg)."
        )
    return "Check the file name, or put the file in content/images."


def same_name_written_otherwise(missing, content_root):
    """The file, relative to the content folder, whose name differs only in capitals or spaces.

    My Office.JPG for my office.jpg opens on a Mac, whose disk ignores capitals, but not
    on the web server; difflib's guess misses it, as it weighs every capital as a typo.
    """
    root = Path(key(content_root))
    try:
        wanted = _loose(Path(key(missing)).relative_to(root).as_posix())
    except ValueError:
        return None
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if _loose(relative) == wanted and path.is_file():
            return relative
    return None


def _loose(name):
    return "".join(name.lower().replace("%20", " ").split()).replace("_", "").replace("-", "")


def written_as_on_disk(path, content_root):
    """Whether every part of a path in the content folder is written as on the disk.

    A disk that ignores capitals (a Mac's) opens My Office.JPG as my office.jpg; the web
    server will not.
    """
    root = Path(key(content_root))
    if not _disk_ignores_capitals(str(root)):
        return True  # the file opened is the one named (Linux, as on the web server)
    try:
        parts = Path(key(path)).relative_to(root).parts
    except ValueError:
        return True
    folder = root
    for part in parts:
        if part not in os.listdir(folder):
            return False
        folder = folder / part
    return True


@functools.lru_cache(maxsize=8)
def _disk_ignores_capitals(folder):
    flipped = os.path.join(os.path.dirname(folder), os.path.basename(folder).swapcase())
    return flipped != folder and os.path.exists(flipped)


def ids(source):
    """Every id in a file's HTML: the sections a link can point to."""
    return {e.attributes["id"] for e in source.elements if e.attributes.get("id")}


def sections_hint(source):
    sections = [
        e.attributes["id"]
        for e in source.elements
        if e.tag in SECTION_HEADINGS and e.attributes.get("id", "references") != "references"
    ]
    if not sections:
        return "That page has no sections with headings (## Heading) to link to."
    listed = ", ".join(f"#{name}" for name in sections[:8])
    return (
        f"Use one of its sections: {listed}. A section's name is its heading in lowercase, "
        "with hyphens for spaces."
    )
