"""Headings: the title is the only top-level one, and no level is skipped."""

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

LEVELS = {f"h{level}": level for level in range(1, 7)}


@file_rule("html")
def check(source, site):
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
