"""A Template: line names a layout the theme has, or the build would stop at writing."""

import difflib

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

# Layouts Pelican uses for its own lists; a page's Template: names one of the others.
STANDARD_LAYOUTS = frozenset(
    {
        *("404", "archives", "article", "author", "authors", "base", "categories"),
        *("category", "index", "page", "period_archives", "redirect", "tag", "tags"),
    }
)


@file_rule("theme")
def check(source, site):
    name = source.front.values.get("template")
    if not name or name in site.layouts:
        return
    layouts = [layout for layout in site.layouts if layout not in STANDARD_LAYOUTS]
    guess = difflib.get_close_matches(name, layouts, n=1)
    if guess:
        fix = f'Did you mean "{guess[0]}"? Write Template: {guess[0]}'
    elif layouts:
        fix = f"Use one of: {', '.join(layouts)}; or remove the Template line for the usual layout."
    else:
        fix = "Remove the Template line to use the usual layout."
    what = f'There is no layout called "{name}".'
    yield Problem("error", source.shown, source.front.lines.get("template"), "Template", what, fix)
