"""Every line of content/redirects.txt can be used: an old address, then a post that exists.

The build skips a line it cannot use (plugins/redirects.py); this rule says which and why,
so an old address never stops working unnoticed.
"""

from pathlib import Path

from plugins import redirects
from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.checks.rules.links import closest
from plugins.checks.source import key

FIELD = "old address"


@site_rule
def check(site):
    found, unusable = redirects.read(site.content_root)
    shown = site.display(Path(site.content_root) / redirects.REDIRECTS_FILE)
    problems = [Problem("error", shown, n, FIELD, p.what, p.fix) for n, p in unusable]
    by_output = {c.save_as: c for c in site.contents.values() if c.save_as}
    seen = {}
    for redirect in found:
        where = (redirect.path, redirect.query)
        if where in seen:
            problems.append(
                Problem(
                    "warning",
                    shown,
                    redirect.line,
                    FIELD,
                    f"{redirect.old} is already redirected on line {seen[where]}; "
                    "this line is not used.",
                    "Delete one of the two lines.",
                )
            )
            continue
        seen[where] = redirect.line
        problems += _target_problems(redirect, site, shown, by_output)
    return problems


def _target_problems(redirect, site, shown, by_output):
    target = Path(key(Path(site.content_root) / redirect.target))
    content = site.contents.get(str(target))
    if content is None:
        return [
            Problem(
                "error",
                shown,
                redirect.line,
                FIELD,
                f"{redirect.old} leads to {redirect.target}, which is not a post or page.",
                # This file names posts as they are in the content folder, without {filename}.
                closest(target, site.content_root, "link", target).replace("{filename}/", "")
                + " Or delete the line if that post is gone for good.",
            )
        ]
    if redirect.save_as() and redirects.is_sites_own(redirect.save_as()):
        return [
            Problem(
                "warning",
                shown,
                redirect.line,
                FIELD,
                f"{redirect.old} is an address this site uses for its own pages, so it cannot "
                "lead to an old post; this line is not used.",
                "Delete this line.",
            )
        ]
    occupant = by_output.get(redirect.save_as() or "")
    if occupant is not None and occupant is not content:
        return [
            Problem(
                "error",
                shown,
                redirect.line,
                FIELD,
                f"{redirect.old} is now the address of {site.display(occupant.source_path)}, "
                "so it cannot also lead to another post.",
                "Delete this line, or give that post another Slug.",
            )
        ]
    if getattr(content, "status", "published") != "published":
        return [
            Problem(
                "warning",
                shown,
                redirect.line,
                FIELD,
                f"{redirect.old} leads to {redirect.target}, which is not published yet, "
                "so readers who follow the old address find nothing.",
                "Publish that post (Status: published), point the line at another post, "
                f"{redirects.DELETE}",
            )
        ]
    return []
