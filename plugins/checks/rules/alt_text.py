"""Every image has a description (alt text) for readers who cannot see it."""

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule


@file_rule("html")
def check(source, site):
    for element in source.elements:
        if element.tag != "img" or (element.attributes.get("alt") or "").strip():
            continue
        yield Problem(
            "error",
            source.shown,
            source.line_of(element.attributes.get("src") or "!["),
            "image",
            "An image has no description (alt text). People who use screen "
            "readers, and anyone whose images do not load, hear or see only this description.",
            "Describe what the image shows inside the brackets: ![A calm lake at dawn](...)",
        )
