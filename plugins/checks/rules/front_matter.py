"""The lines at the top of a file: every field known, filled in where needed, and well formed."""

from plugins.checks.rule import file_rule
from plugins.front_matter import validate


@file_rule("today")
def check(source, site):
    return validate(source.shown, source.text, source.kind, today=site.today)
