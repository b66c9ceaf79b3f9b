"""Headings: the title is the only top-level one, no level is skipped, and none is empty."""

import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

LEVELS = {f"h{level}": level for level in range(1, 7)}
# "## " with no words (closing #s and non-breaking spaces are no words either)
EMPTY_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t\u00a0]+#*)?(?:[ \t\u00a0]|&nbsp;)*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


@file_rule("html")
def check(source, site):
    yield from _empty_headings(source)
    levels = [LEVELS[e.tag] for e in source.elements if e.tag in LEVELS]
    if 1 in levels:
        yield Problem(
            "error",
            source.shown,
            source.line_of("# "),
            "headings",
            "The text has a top-level heading (# Heading). The title is already "
            "the page's only top-level heading.",
            "Use ## for the sections of the text.",
        )
    for before, after in zip([1, *levels], levels, strict=False):
        if after > before + 1:
            yield Problem(
                "error",
                source.shown,
                source.line_of("#" * after + " "),
                "headings",
                f"A level-{after} heading follows a level-{before} heading, "
                "skipping a level. Screen-reader users navigate by these levels.",
                f"Use {'#' * (before + 1)} for this heading.",
            )


def _empty_headings(source):
    # An empty heading is announced by screen readers as a section with no name.
    in_code = False
    for number, line in enumerate(source.text.split("\n"), start=1):
        if number < source.front.body_start:
            continue
        if FENCE.match(line):
            in_code = not in_code
        empty = None if in_code else EMPTY_HEADING.match(line)
        if empty:
            marks = empty.group(1)
            yield Problem(
                "error",
                source.shown,
                number,
                "headings",
                f"This heading has no words: {marks} with nothing after it makes an empty "
                "heading, which screen readers announce as a section without a name.",
                f"Write the heading after {marks} and a space, as {marks} What helps, "
                "or delete the line.",
            )
