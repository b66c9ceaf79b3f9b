"""Bullet points pasted from a document (• one, • two) are written as a Markdown list.

Word, Google Docs and email keep a bullet as a character at the start of the line when
the text is pasted. Markdown makes a list only of lines that start with "- ", so the
pasted ones run together into one paragraph, and screen readers announce no list.
"""

import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

# Bullets as documents paste them; the last two are Word's Symbol and Wingdings bullets.
BULLETS = "•◦▪▫‣⁃●○■□►▸➢➤∙·\uf0b7\uf0a7"
BULLET_LINE = re.compile(rf"^ {{0,3}}([{BULLETS}])")
# A dash starts many a sentence of dialogue or a quotation's author, so only two dashed
# lines in a row are taken for a list.
DASH_LINE = re.compile(r"^ {0,3}([–—]) ")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


@file_rule()
def check(source, site):
    for first, last, bullet in _pasted_lists(source):
        if first == last:
            what = (
                f"This line starts with {bullet}, a bullet pasted from a document. The site "
                "shows it as an ordinary paragraph, not as an item of a list."
            )
        else:
            what = (
                f"Lines {first} to {last} start with {bullet}, bullets pasted from a document. "
                "The site does not make them a list: they run together into one paragraph, "
                "and screen readers announce no list."
            )
        fix = (
            f"Start each item on its own line with - (a hyphen and a space) in place of "
            f"{bullet}, and leave an empty line before the list."
        )
        yield Problem("error", source.shown, first, "list", what, fix)


def _pasted_lists(source):
    """(first line, last line, bullet) of each pasted list; blank lines may part its items."""
    lines = source.text.split("\n")
    found, current, in_code = [], None, False
    for number, line in enumerate(lines, start=1):
        if number < source.front.body_start:
            continue
        if FENCE.match(line):
            in_code = not in_code
        bullet = None if in_code else _bullet(line, lines, number)
        if bullet:
            if current is None:
                current = [number, number, bullet]
                found.append(current)
            current[1] = number
        elif line.strip() and not (current and line.startswith(("  ", "\t"))):
            current = None  # an indented line carries the item above on
    return [tuple(item) for item in found]


def _bullet(line, lines, number):
    match = BULLET_LINE.match(line)
    if match:
        return match.group(1)
    dash = DASH_LINE.match(line)
    beside = [lines[i] for i in (number - 2, number) if 0 <= i < len(lines)]
    if dash and any(DASH_LINE.match(other) for other in beside):
        return dash.group(1)
    return None
