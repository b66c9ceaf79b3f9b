"""Safer wording wherever the text talks about suicide in a way the guidelines advise against."""

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.front_matter import normalised
from plugins.safe_messaging import mentions_suicide, unsafe_phrases


@file_rule()
def check(source, site):
    # A Spanish post is read with the Spanish lists; the site's settings are part of the
    # cache's name (plugins/checks/cache.py), so DEFAULT_LANG needs no input of its own.
    lang = normalised("Lang", source.front.values.get("lang", ""))
    lang = lang or site.settings.get("DEFAULT_LANG", "en")
    if not mentions_suicide(source.text, lang):  # the wording only matters where it is discussed
        return
    for number, line in enumerate(source.text.splitlines(), start=1):
        for phrase, why, fix in unsafe_phrases(line, lang):
            what = f'"{phrase}": {why}'
            yield Problem("warning", source.shown, number, "safe messaging", what, fix)
