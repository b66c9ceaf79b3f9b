"""Every image has a description (alt text) that says what it shows.

People who use screen readers hear only this description, and everyone sees it when
the image does not load: "image", "photo" or a file name tells them nothing.
"""

import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

NOT_A_DESCRIPTION = frozenset(
    {
        *("image", "images", "img", "photo", "photograph", "picture", "pic", "graphic"),
        *("figure", "screenshot", "icon", "logo", "alt", "alt text", "description"),
        *("untitled", "placeholder", "here", "this"),
    }
)
# IMG_2041.jpg, DSC01234, Screen Shot 2026-11-01 at 09.41.22, photo-300x200.png
FILE_NAME = re.compile(
    r"^(?:.*\.(?:jpe?g|png|gif|webp|avif|heic|heif|svg|tiff?)|(?:img|dsc|dscn|pxl|mvimg)[_-]?\d+"
    r"|screen ?shot.*|\S+[-_]\d+x\d+)$",
    re.I,
)
# "Picture 1", "Image 2", "photo #3": a placeholder word numbered is still only a placeholder
PLACEHOLDERS = "|".join(re.escape(word) for word in sorted(NOT_A_DESCRIPTION))
NUMBERED_PLACEHOLDER = re.compile(rf"^(?:{PLACEHOLDERS})\s*(?:no\.?|#)?\s*\d+$", re.I)
WHY = "People who use screen readers, and anyone whose images do not load, hear or see only this."
HOW = "Describe what the image shows inside the brackets: ![A calm lake at dawn](...)"


@file_rule("html")
def check(source, site):
    for element in source.elements:
        if element.tag != "img":
            continue
        alt = " ".join((element.attributes.get("alt") or "").split())
        line = source.line_of(element.attributes.get("src") or "![")
        if not alt:
            what = f"An image has no description (alt text). {WHY}"
        elif describes_nothing(alt):
            what = (
                f'The description of an image is "{alt}", which does not say what it shows. {WHY}'
            )
        else:
            continue
        yield Problem("error", source.shown, line, "image", what, HOW)


def describes_nothing(alt):
    """Whether alt text is a placeholder or a file name rather than a description."""
    plain = alt.strip(" .!:").lower()
    return (
        plain in NOT_A_DESCRIPTION
        or bool(FILE_NAME.match(plain))
        or bool(NUMBERED_PLACEHOLDER.match(plain))
    )
