"""Sessions offered where she is not licensed: "anywhere in the US", "nationwide" and the like.

A psychologist may see a client only where she is licensed to practice, and for an online
session licensing boards count where the client is at the time of the session (in
California, Business and Professions Code §2903 requires a California license to practice
psychology). Offering sessions beyond LICENSED_STATES is a misrepresentation of
fact in health advertising (§651(b)(1)). A suggestion: she decides, and a phrase counts
only in a sentence about sessions or her work, so "anxiety is common across the country"
is left alone.
"""

import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.checks.rules.claims import negated, sentences

FIELD = "where sessions are offered"

# Phrases that promise sessions beyond the states where she is licensed.
ELSEWHERE = re.compile(
    r"\banywhere in (?:the )?(?:US|U\.S\.|USA|U\.S\.A\.|United States|America|country|"
    r"world|nation)\b"
    r"|\bfrom anywhere\b|\bwherever you (?:are|live|may be|happen to be)\b"
    r"|\ball (?:50|fifty) states\b|\bin (?:any|every) state\b|\bnation-?wide\b"
    r"|\bacross (?:the )?(?:US|U\.S\.|USA|United States|America|country|nation)\b"
    r"|\b(?:internationally|worldwide|globally)\b|\bout[- ]of[- ]state (?:clients|patients)\b"
    r"|\b(?:clients|patients|people) (?:in|from) (?:any|other|all) (?:states|countries)\b",
    re.I,
)
# Words that make a sentence about her sessions, not about the world at large.
SESSIONS = re.compile(
    r"\b(?:sessions?|therapy|psychotherapy|counseling|counselling|treatment|appointments?|"
    r"telehealth|online|virtual(?:ly)?|video|consultations?|book(?:ing)?|work with|"
    r"work together|working together|see (?:clients|you|people)|serv(?:e|es|ing)|offer(?:s|ing)?|"
    r"available|clients|patients|my practice|our practice)\b",
    re.I,
)


def elsewhere(sentence):
    """The phrase that offers sessions outside the licensed states, or None."""
    match = ELSEWHERE.search(sentence)
    if match and SESSIONS.search(sentence) and not negated(sentence, match.start()):
        return match.group(0)
    return None


def licensed_states(settings):
    states = list(settings.get("LICENSED_STATES") or ())
    return " or ".join([", ".join(states[:-1]), states[-1]] if len(states) > 1 else states)


@file_rule()
def check(source, site):
    states = licensed_states(site.settings) or "the states where you are licensed"
    for number, sentence in sentences(source):
        phrase = elsewhere(sentence)
        if phrase:
            what = (
                f'"{phrase}": sessions can only be offered to people who are in {states} at '
                "the time of the session, where you are licensed (LICENSED_STATES in "
                "pelicanconf.py). Offering them elsewhere misstates a fact about your practice "
                "(California Business and Professions Code §651(b)(1))."
            )
            fix = (
                f'Say where sessions are offered: "Sessions are online, for people who are in '
                f'{states} at the time of the session." If you are licensed in more states, '
                "add them to LICENSED_STATES. You decide."
            )
            yield Problem("warning", source.shown, number, FIELD, what, fix)
