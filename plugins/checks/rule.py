"""What a check is: a function of one source file, or of the whole site, that yields Problems.

A rule lives in its own module under plugins/checks/rules/ and is listed once in
plugins/checks/rules/__init__.py. A file rule declares what its findings depend on
besides the file's own path and text, so that plugins/checks/cache.py can remember
them for a file that has not changed:

- "html": the HTML that Markdown made of the text;
- "today": the date in the site's time zone;
- "files": which files the content folder holds;
- "theme": which layouts the theme has.

A rule whose findings depend on anything else (another file's text, an image's bytes)
says `remembered=False`, or names the files for which it cannot be remembered with
`fresh_when`.
"""

from collections.abc import Callable
from dataclasses import dataclass

INPUTS = frozenset({"html", "today", "files", "theme"})


@dataclass(frozen=True)
class Rule:
    """A named check and what its findings depend on."""

    name: str
    check: Callable  # (source, site) for a file rule, (site) for a site rule -> Problems
    per_file: bool
    depends_on: tuple = ()
    remembered: bool = True
    fresh_when: Callable | None = None  # source -> True when its findings must be made afresh

    def __call__(self, *arguments):
        return list(self.check(*arguments))

    def may_remember(self, source):
        return self.remembered and not (self.fresh_when and self.fresh_when(source))


def file_rule(*depends_on, remembered=True, fresh_when=None):
    """Make a function of (source, site) a rule about one file."""
    unknown = set(depends_on) - INPUTS
    if unknown:
        raise ValueError(f"Unknown inputs {sorted(unknown)}; known: {sorted(INPUTS)}")

    def make(check):
        return Rule(
            check.__module__.rsplit(".", 1)[-1],
            check,
            per_file=True,
            depends_on=tuple(sorted(depends_on)),
            remembered=remembered,
            fresh_when=fresh_when,
        )

    return make


def site_rule(check):
    """Make a function of (site) a rule about the whole site; it runs on every build."""
    return Rule(check.__module__.rsplit(".", 1)[-1], check, per_file=False, remembered=False)
