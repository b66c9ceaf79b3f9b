"""Safer wording wherever the text talks about suicide in a way the guidelines advise against."""

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.safe_messaging import mentions_suicide, unsafe_phrases


@file_rule()
def check(source, site):
    if not mentions_suicide(source.text):  # the wording only matters where suicide is discussed
        return
    for number, line in enumerate(source.text.splitlines(), start=1):
        for phrase, why, fix in unsafe_phrases(line):
            what = f'"{phrase}": {why}'
            yield Problem("warning", source.shown, number, "safe messaging", what, fix)
