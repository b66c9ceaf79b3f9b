"""The Good Faith Estimate notice has a page while GOOD_FAITH_ESTIMATE is on.

The No Surprises Act asks a practice with uninsured or self-pay clients to show the notice
prominently on its website; the footer links to the page that shows it. Without that page
the notice would be gone from the site without a word, so the check says so. A suggestion,
not a problem: an article can still be published while she puts the page back.
"""

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.practice import GOOD_FAITH_ESTIMATE

SETTINGS_FILE = "pelicanconf.py"
PAGE = "content/pages/good-faith-estimate.md"


@site_rule
def check(site):
    if not site.settings.get("GOOD_FAITH_ESTIMATE", True):
        return
    for source in site.sources.values():
        values = source.front.values
        published = values.get("status", "published").strip().lower() == "published"
        if source.kind == "page" and values.get("template") == GOOD_FAITH_ESTIMATE and published:
            return
    yield Problem(
        "warning",
        SETTINGS_FILE,
        None,
        "GOOD_FAITH_ESTIMATE",
        "The Good Faith Estimate notice is switched on, but no published page shows it, so "
        "the site does not display it. The No Surprises Act asks practices with clients who "
        "are uninsured or pay for themselves to show it prominently on their website.",
        f"Put the page back: {PAGE}, with the lines Title: Good Faith Estimate, "
        "Slug: good-faith-estimate and Template: good_faith_estimate. If every client's "
        "sessions are billed to their health insurance, set GOOD_FAITH_ESTIMATE = False instead.",
    )
