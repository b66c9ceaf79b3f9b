"""An article's own share image (Image:) is a picture large enough, and described (ImageAlt:).

The share image is what people see beside a link to the article on social sites and
in messages. A missing or unreadable picture would stop the public build, a small one
would be shown blurred, and without a description people who use screen readers hear
nothing about it.
"""

import difflib
import os
from pathlib import Path

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.checks.rules.alt_text import describes_nothing
from plugins.front_matter import FIELDS_BY_KEY
from plugins.pictures.source import RASTER_SUFFIXES, PictureProblem, open_upright
from plugins.share_cards import HEIGHT, SMALLEST, WIDTH

EXAMPLE_ALT = FIELDS_BY_KEY["imagealt"].example
WITHOUT_IT = "Or delete the Image line: the site then draws a card with the article's title."


def _names_a_picture(source):
    # The picture's bytes decide these findings: never remembered while it is named.
    return bool(source.front.values.get("image", "").strip())


@file_rule("files", fresh_when=_names_a_picture)
def check(source, site):
    values, lines = source.front.values, source.front.lines
    image, alt = values.get("image", "").strip(), " ".join(values.get("imagealt", "").split())

    def problem(field, what, fix, severity="error"):
        line = lines.get(field.lower()) or lines.get("image")
        return Problem(severity, source.shown, line, field, what, fix)

    if not image:
        if alt:
            yield problem(
                "ImageAlt",
                "ImageAlt describes a share image, but the post names none (Image).",
                "Add the Image line with the picture, or delete the ImageAlt line.",
                severity="warning",
            )
        return
    found = _picture_problem(image, site)
    if found:
        yield problem("Image", *found)
    if not alt:
        yield problem(
            "ImageAlt",
            "The share image has no description (ImageAlt). People who use screen readers "
            "hear only this when the link is shared.",
            f"Add a line under Image saying what the picture shows, for example: "
            f"ImageAlt: {EXAMPLE_ALT}",
        )
    elif describes_nothing(alt):
        yield problem(
            "ImageAlt",
            f'The description of the share image is "{alt}", which does not say what it shows.',
            f"Describe what the picture shows, for example: ImageAlt: {EXAMPLE_ALT}",
        )


def _picture_problem(image, site):
    """(what, fix) when the picture named by Image cannot be the share image, else None."""
    root = Path(site.content_root)
    path = root / image
    shown = site.display(path)
    inside = os.path.normpath(os.path.abspath(path)).startswith(
        os.path.join(os.path.normpath(os.path.abspath(root)), "")
    )
    if not inside or not path.is_file():
        pictures = [f for f in site.files if Path(f).suffix.lower() in RASTER_SUFFIXES]
        guess = difflib.get_close_matches(image, pictures, n=1, cutoff=0.6)
        fix = (
            f"Did you mean Image: {guess[0]}? Check the spelling of the file name."
            if guess
            else "Put the picture in content/images/ and write its name after Image:, "
            f"for example Image: {FIELDS_BY_KEY['image'].example}. {WITHOUT_IT}"
        )
        return f"The share image {shown} does not exist.", fix
    if path.suffix.lower() not in RASTER_SUFFIXES:
        return (
            f"The share image {shown} is not a photo or picture that a shared link can show.",
            f"Use a JPEG or PNG picture, landscape, ideally {WIDTH} × {HEIGHT} pixels. "
            + WITHOUT_IT,
        )
    try:
        width, height = open_upright(path).size
    except PictureProblem as problem:
        return f"The share image {shown}: {problem.what}", problem.fix
    if width < SMALLEST[0] or height < SMALLEST[1]:
        return (
            f"The share image {shown} is {width} × {height} pixels, too small: a shared link "
            f"shows it at {WIDTH} × {HEIGHT}, so it would look blurred. It needs to be at "
            f"least {SMALLEST[0]} × {SMALLEST[1]}.",
            f"Use a larger version of the picture, landscape, ideally {WIDTH} × {HEIGHT} pixels "
            f"or more. {WITHOUT_IT}",
        )
    return None
