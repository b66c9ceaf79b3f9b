"""A published article whose Category line is still empty gets a suggestion to choose a topic.

`invoke new-post` leaves the line empty when she chooses later; without a Category line
at all, an article is listed under DEFAULT_CATEGORY, as the settings intend.
"""

from pelican.contents import Article

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule


@site_rule
def check(site):
    articles = [
        (site.source_of(path), content)
        for path, content in site.contents.items()
        if isinstance(content, Article) and site.source_of(path) is not None
    ]
    chosen = sorted(
        {s.front.values["category"] for s, _ in articles if s.front.values.get("category")}
    )
    for source, content in articles:
        if content.status != "published" or source.front.values.get("category", "-"):
            continue
        offer = f"one you already use ({', '.join(chosen)}) or a new one" if chosen else "a topic"
        yield Problem(
            "warning",
            source.shown,
            source.front.lines.get("category"),
            "Category",
            f'This article has no topic (Category), so it is listed under "{content.category}".',
            f"Add a Category: line with {offer}, in words readers would look for.",
        )
