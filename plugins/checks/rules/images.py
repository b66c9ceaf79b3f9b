"""Every picture a post shows can be published: it exists, opens, and an SVG runs nothing.

A damaged or enormous photo would stop the build half-way with a traceback; an SVG is
published as it is, so one with a script or a link elsewhere would run or load on the
site. The description (alt text) is rules/alt_text.py's, and a {static} address to a
missing file rules/links.py's. Findings depend on the pictures' bytes, so they are made
afresh for every post that shows a picture; a picture already made (plugins/pictures) is
not opened again.
"""

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.checks.rules.links import closest, written_as_on_disk
from plugins.content_paths import PLACEHOLDER
from plugins.pictures import process, publish, svg
from plugins.pictures.publish import picture_path, widths
from plugins.pictures.source import RASTER_SUFFIXES, PictureProblem, open_upright

SVG_FIX = (
    "Export the drawing again as plain SVG (in Inkscape: Save As, Optimized SVG), "
    "or as PNG, and put that file in its place."
)


def shows_pictures(source):
    """Whether a post's HTML may show a picture: found without parsing it."""
    return publish.shows_pictures(source.html or "")


@file_rule("html", fresh_when=shows_pictures)
def check(source, site):
    for element in source.elements:
        src = (element.attributes.get("src") or "").strip() if element.tag == "img" else ""
        path = picture_path(src, source.path, site.content_root) if src else None
        if path is None:
            continue

        def problem(what, fix, src=src):
            line = source.line_of(f"({src}") or source.line_of(src)
            return Problem("error", source.shown, line, "image", what, fix)

        shown = site.display(path)
        if not path.is_file() or not written_as_on_disk(path, site.content_root):
            if not PLACEHOLDER.match(src):  # rules/links.py explains a {static} address
                yield problem(
                    f"The image {src} does not exist: there is no {shown}.",
                    closest(path, site.content_root, "image", source.path),
                )
            continue
        if path.suffix.lower() == ".svg":
            dangers = svg.dangers(path)
            if dangers:
                yield problem(
                    f"The drawing {shown} cannot be published as it is: "
                    + "; ".join(dangers)
                    + ".",
                    SVG_FIX,
                )
        elif path.suffix.lower() in RASTER_SUFFIXES:
            trouble = picture_trouble(path, site.settings)
            if trouble:
                yield problem(f"{shown}: {trouble.what}", trouble.fix)


def picture_trouble(path, settings):
    """The PictureProblem that stops a picture being made, or None."""
    folder = settings.get("IMAGE_CACHE_PATH")
    if folder and process.known(path, folder, widths(settings)) is not None:
        return None
    try:
        open_upright(path)
    except PictureProblem as problem:
        return problem
    return None
