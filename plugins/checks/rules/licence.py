"""Her license number, and where readers can check it, once for the whole site.

Readers, and the JAMA benchmarks for health information, expect credentials they can
verify; the byline, About page and structured data show LICENSE_NUMBER and link to
LICENSE_LOOKUP_URL as soon as they are filled in. A suggestion: it never stops a build.
"""

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule

SETTINGS_FILE = "pelicanconf.py"
LOOKUP_EXAMPLE = (
    "for example the California Board of Psychology's license search: "
    'LICENSE_LOOKUP_URL = "https://search.dca.ca.gov/"'
)


@site_rule
def check(site):
    number = (site.settings.get("LICENSE_NUMBER") or "").strip()
    lookup = (site.settings.get("LICENSE_LOOKUP_URL") or "").strip()
    if not number:
        yield Problem(
            "warning",
            SETTINGS_FILE,
            None,
            "LICENSE_NUMBER",
            "Your license number is not filled in, so readers cannot check that you are "
            "licensed. Readers, and the JAMA benchmarks for health information, expect "
            "credentials they can verify.",
            "Write your license number as it appears on your license in LICENSE_NUMBER, and "
            f"the page where readers can look it up in LICENSE_LOOKUP_URL, {LOOKUP_EXAMPLE}.",
        )
    elif not lookup:
        yield Problem(
            "warning",
            SETTINGS_FILE,
            None,
            "LICENSE_LOOKUP_URL",
            "Readers see your license number but have nowhere to check it.",
            f"Write the page where readers can look it up in LICENSE_LOOKUP_URL, {LOOKUP_EXAMPLE}.",
        )
