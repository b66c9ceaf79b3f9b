"""An article that gives health information names its sources, or is asked to.

The JAMA benchmarks for health information on the web ask for attribution: the
references and sources for what an article claims. Articles cite them as footnotes,
which become the "References" section; an article about health without one gets a
suggestion, never an error.
"""

import re

from plugins.checks.html import text_of
from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

# Words that show an article is about health; a few of them make it health information.
HEALTH_WORDS = re.compile(
    r"\b(therap\w*|treat\w*|symptom\w*|diagnos\w*|disorder\w*|medic\w*|clinic\w*|"
    r"anxi\w*|depress\w*|trauma\w*|panic|ptsd|adhd|insomnia|suicid\w*|psych\w*|"
    r"ketamine|dose\w*|drug\w*|side effects?|patients?|health)\b",
    re.IGNORECASE,
)
ENOUGH_HEALTH_WORDS = 5


def gives_health_information(html):
    return len(HEALTH_WORDS.findall(text_of(html))) >= ENOUGH_HEALTH_WORDS


def cites_sources(source):
    return any("footnote" in (e.attributes.get("class") or "").split() for e in source.elements)


@file_rule("html")
def check(source, site):
    if source.kind != "article" or cites_sources(source):
        return
    if not gives_health_information(source.html):
        return
    yield Problem(
        "warning",
        source.shown,
        source.front.body_start,
        "references",
        "This article gives health information but cites no sources. Readers, and the "
        "JAMA benchmarks for health information, expect to see where the facts come from.",
        "Add a reference for each main claim: put [^1] after the sentence, and "
        "[^1]: Author. Title. Journal. Year. at the end (WRITING.md, References).",
    )
