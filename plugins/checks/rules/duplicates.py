"""Two posts with the same title in one language: readers cannot tell them apart in lists."""

from collections import defaultdict

from plugins.checks.html import text_of
from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule


@site_rule
def check(site):
    by_title = defaultdict(list)
    for content in site.contents.values():
        # Lists show one language at a time: a translation may keep its original's title.
        language = getattr(content, "lang", "")
        by_title[(type(content).__name__, language, plain(content.title).lower())].append(content)
    for same in by_title.values():
        for content in same if len(same) > 1 else ():
            others = sorted(site.display(c.source_path) for c in same if c is not content)
            source = site.source_of(content.source_path)
            yield Problem(
                "warning",
                site.display(content.source_path),
                source.front.lines.get("title") if source else None,
                "Title",
                f'Another post has the same title, "{plain(content.title)}": '
                f"{' and '.join(others)}.",
                "Readers cannot tell them apart in lists; give each a distinct title.",
            )


def plain(title):
    """A title as she typed it: typography's HTML undone."""
    return " ".join(text_of(title, between="").split())
