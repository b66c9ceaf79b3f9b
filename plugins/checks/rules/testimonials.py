"""Client testimonials: quoted praise attributed to a client, or a section of reviews.

A suggestion, never a problem: she decides. The source is the APA Ethical Principles of
Psychologists and Code of Conduct, 5.05 Testimonials: "Psychologists do not solicit
testimonials from current therapy clients/patients or other persons who because of their
particular circumstances are vulnerable to undue influence." A quotation needs someone it
is attributed to who is a client or patient ("said one client", "— J., former client");
a quotation from a researcher, or a client's question, is left alone.
"""

import itertools
import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.checks.rules.claims import sentences

FIELD = "testimonial"
WHY = (
    "This reads as a client testimonial. The APA Ethics Code (5.05) asks psychologists not "
    "to ask current clients, or anyone vulnerable to undue influence, for testimonials, and "
    "praise from a client can also create unjustified expectations of results "
    "(California Business and Professions Code §651(b)(3)(A))."
)
FIX = (
    "Leave out clients' words of praise, even anonymous ones. To show how you work, describe "
    'it yourself: "In our first session, we talk about what brings you here." You decide.'
)

CLIENT = r"(?:client|patient)s?\b"
# Words that name testimonials themselves, with or without a quotation.
NAMES = (
    r"\btestimonials?\b",
    rf"\bwhat (?:my |our |her )?{CLIENT} (?:say|are saying|have said)\b",
    r"\b(?:client|patient) (?:reviews?|stories|praise|feedback|success stories)\b",
    r"\b(?:five|5)[- ]star reviews?\b",
    rf"\breviews? (?:from|by) (?:my |our |her )?{CLIENT}",
)
# Who a quotation is attributed to: a client, by a dash or a verb of saying.
ATTRIBUTIONS = (
    rf"(?:^|\s)(?:—|–|--)\s*[^!?—–]{{0,40}}?\b{CLIENT}",
    rf"\b(?:said|says|say|wrote|writes|shared|shares|told me|tells me|put it)\b"
    rf"[^.!?“”\"]{{0,30}}?\b{CLIENT}",
    rf"\b{CLIENT}[^.!?“”\"]{{0,30}}?\b(?:said|says|say|wrote|writes|shared|shares|"
    r"told me|tell me|tells me|put it)\b",
)
QUOTATION = re.compile(r"[“\"][^“”\"]{3,}[”\"]")
ATTRIBUTION_LINE = re.compile(rf"^\s*(?:>\s*)*(?:—|–|--)\s*.{{0,40}}\b{CLIENT}", re.I)
NAMED = tuple(re.compile(pattern, re.I) for pattern in NAMES)
ATTRIBUTED = tuple(re.compile(pattern, re.I) for pattern in ATTRIBUTIONS)


def testimonial(paragraph):
    """The words that make a paragraph (one line of Markdown) read as a testimonial, or None."""
    for pattern in NAMED:
        match = pattern.search(paragraph)
        if match:
            return match.group(0)
    if QUOTATION.search(paragraph):
        for pattern in ATTRIBUTED:
            match = pattern.search(paragraph)
            if match:
                return match.group(0).strip()
    if ATTRIBUTION_LINE.match(paragraph):  # a quotation's attribution on a line of its own
        return paragraph.strip()
    return None


@file_rule()
def check(source, site):
    # A quotation and the words that attribute it may be two sentences of one paragraph.
    for number, group in itertools.groupby(sentences(source), key=lambda found: found[0]):
        words = testimonial(" ".join(sentence for _, sentence in group))
        if words:
            what = f'"{words}": {WHY}'
            yield Problem("warning", source.shown, number, FIELD, what, FIX)
