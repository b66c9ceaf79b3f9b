"""A title is short enough to be read whole where people first meet it.

Search results show about the first 60 characters of a title, and the card drawn for a
shared link (plugins/share_cards.py) holds about three lines at a size that reads on a
phone. A title past MAX_TITLE_LENGTH is a paragraph: cut off everywhere it is shown.
"""

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

# Two and a half times what search results show; a longer title the card could only
# print small or end with "…".
MAX_TITLE_LENGTH = 150


@file_rule()
def check(source, site):
    title = " ".join(source.front.values.get("title", "").split())
    if len(title) <= MAX_TITLE_LENGTH:
        return
    yield Problem(
        "error",
        source.shown,
        source.front.lines.get("title"),
        "Title",
        f"The title is {len(title)} characters long; the most is {MAX_TITLE_LENGTH}. Search "
        "results show only about the first 60, and the picture shown with a shared link "
        "holds about three lines, so a longer title is cut off where people first see it.",
        f"Shorten the title to {MAX_TITLE_LENGTH} characters or fewer, with what the article "
        "is about in its first words. The rest can go in the Summary or the first paragraph.",
    )
