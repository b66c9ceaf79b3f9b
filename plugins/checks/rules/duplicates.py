"""Two posts with the same address would overwrite each other; two with one title confuse."""

import re
from collections import defaultdict
from html import unescape

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule


@site_rule
def check(site):
    by_address = defaultdict(list)
    by_title = defaultdict(list)
    for content in site.contents.values():
        if content.save_as:  # the public build writes no drafts (publishconf.py)
            by_address[content.save_as].append(content)
        by_title[(type(content).__name__, plain(content.title).lower())].append(content)

    def others(content, same):
        shown = sorted(site.display(c.source_path) for c in same if c is not content)
        return " and ".join(shown)

    def line(content, *fields):
        source = site.source_of(content.source_path)
        lines = source.front.lines if source else {}
        return next((lines[name] for name in fields if name in lines), None)

    for same in by_address.values():
        for content in same if len(same) > 1 else ():
            yield Problem(
                "error",
                site.display(content.source_path),
                line(content, "slug", "title"),
                "Slug",
                f'This post would have the same web address ("{content.slug}") as '
                f"{others(content, same)}, and one would overwrite the other.",
                "Give one of them a different Title, or add a Slug: line with another name.",
            )
    for same in by_title.values():
        for content in same if len(same) > 1 else ():
            yield Problem(
                "warning",
                site.display(content.source_path),
                line(content, "title"),
                "Title",
                f'Another post has the same title, "{plain(content.title)}": '
                f"{others(content, same)}.",
                "Readers cannot tell them apart in lists; give each a distinct title.",
            )


def plain(title):
    """A title as she typed it: typography's HTML undone."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", title)).split())
