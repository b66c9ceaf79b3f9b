"""A drawing (SVG) in the content is published as it is, so even one no post uses must be safe.

Pelican copies every SVG in the picture folders, used or not, and any a post links to;
plugins/static_files.py leaves an unsafe one out of the build, rules/images.py names it
where a post shows it, and this rule names the others, wherever they are.
"""

from pathlib import Path

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.checks.rules.images import SVG_FIX, shows_pictures
from plugins.checks.source import key
from plugins.pictures import svg
from plugins.pictures.publish import picture_path


@site_rule
def check(site):
    root = Path(site.content_root)
    drawings = [
        path
        for path in sorted(root.rglob("*"))
        if path.suffix.lower() == ".svg"
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    if not drawings:
        return  # the usual case: no post need be parsed to find which drawings it shows
    shown = set()
    for source in site.sources.values():
        if not shows_pictures(source):
            continue
        for element in source.elements:
            src = (element.attributes.get("src") or "").strip() if element.tag == "img" else ""
            path = picture_path(src, source.path, site.content_root) if src else None
            if path is not None:
                shown.add(path)
    for path in drawings:
        if Path(key(path)) not in shown:
            dangers = svg.dangers(path)
            if dangers:
                yield Problem(
                    "error",
                    site.display(path),
                    None,
                    "image",
                    "This drawing is published as it is, though no post shows it, and "
                    + "; ".join(dangers)
                    + ".",
                    SVG_FIX + " Or delete it, if no post needs it.",
                )
