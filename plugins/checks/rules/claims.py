"""Claims a licensing board would object to: promised cures or results, success rates, 'miracle'.

Suggestions, never problems: she decides, and a sentence that says "may" or "can help"
is never flagged. The phrases, each with why it is flagged and an honest rewording, come
from two sources:

- California Business and Professions Code §651(b): a health professional's advertisement
  is false or misleading if it "(b)(1) includes a misrepresentation of fact", "(b)(2) is
  likely to mislead or deceive because of a failure to disclose material facts", or
  "(b)(3)(A) is intended or is likely to create false or unjustified expectations of
  favorable results"; the same subdivision lists claims of professional superiority that
  cannot be substantiated.
- APA Ethical Principles of Psychologists and Code of Conduct, 5.01(a): psychologists do
  not make false, deceptive or fraudulent statements concerning "the success of their
  services".

A phrase after a negation ("there is no cure", "aren't always effective for everyone",
"no one can guarantee") is an honest limit, not a claim, and is left alone.
"""

import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

FIELD = "claims"

WHY_PROMISE = (
    "This promises a result. No treatment works for everyone, and California's rules on "
    "health advertising (Business and Professions Code §651(b)(3)(A)) call wording that "
    "creates unjustified expectations of favorable results misleading."
)
WHY_RATE = (
    "This gives a success rate or a number of clients helped. Readers cannot check it, and "
    "the APA Ethics Code (5.01) asks psychologists not to make deceptive statements about "
    "the success of their services; §651(b) counts leaving out how a figure was measured "
    "as misleading."
)
WHY_HYPE = (
    "Words like this promise more than any treatment can give, which §651(b)(3)(A) of "
    "California's Business and Professions Code calls misleading."
)
WHY_SUPERIOR = (
    "This claims to be better than other clinicians. California's Business and Professions "
    "Code (§651(b)) counts a claim of professional superiority that cannot be substantiated "
    "as misleading health advertising."
)
HONEST = (
    'Say what the treatment may do, and for whom: "KAP may help some people feel less anxious."'
)
HONEST_RATE = (
    "Leave out figures from your own practice. To say how well a treatment works, cite a "
    'study: "In one trial, about half of the people who took part felt less anxious.[^1]"'
)
HONEST_EVIDENCE = (
    'Say what the evidence shows, with a reference: "Studies suggest it can help many '
    'people.[^1]" (WRITING.md, References).'
)
HONEST_SUPERIOR = (
    "Describe your training and how you work instead, as your bio does: "
    '"certified in EMDR and Sensorimotor Psychotherapy".'
)

RATE = r"\d{1,3}(?:[.,]\d+)?\s?(?:%|percent|per cent)"
# (pattern, why, rewording), matched without regard to case, one sentence at a time.
PHRASES = (
    # Cures and certain results: §651(b)(3)(A).
    (r"\bcur(?:e|es|ed|ing)\b", WHY_PROMISE, HONEST),
    (r"\bguarantee(?:s|d)?\b", WHY_PROMISE, HONEST),
    (
        r"\b(?:will|is going to|are going to) (?:cure|fix|heal|end|eliminate|stop)\b",
        WHY_PROMISE,
        HONEST,
    ),
    (
        r"\b(?:end|eliminate|get rid of|overcome|heal|fix|beat|free yourself from)\b"
        r"[^.!?]{0,40}?\b(?:forever|for good|permanently|once and for all)\b",
        WHY_PROMISE,
        HONEST,
    ),
    (r"\bpermanent (?:relief|recovery|results?|change|healing)\b", WHY_PROMISE, HONEST),
    (
        r"\bnever (?:feel|be|have|get|experience|suffer|struggle|worry|panic)\b"
        r"[^.!?]{0,40}?\bagain\b",
        WHY_PROMISE,
        HONEST,
    ),
    (
        r"\b(?:instant|immediate|overnight) (?:relief|results?|recovery|healing)\b",
        WHY_PROMISE,
        HONEST,
    ),
    (
        r"\b(?:works?|effective|helps?|successful) (?:for|with) "
        r"(?:everyone|everybody|anyone|all (?:clients|patients|people))\b",
        WHY_PROMISE,
        HONEST,
    ),
    (r"\bproven to (?:work|help|cure|heal|relieve|end|eliminate)\b", WHY_PROMISE, HONEST_EVIDENCE),
    # "Miracle" and the like: §651(b)(3)(A).
    (r"\bmiracl\w*|\bmiraculous\w*", WHY_HYPE, HONEST),
    (r"\bmagic(?:al)? (?:bullet|cure|pill|fix|solution)\b", WHY_HYPE, HONEST),
    (r"\b(?:quick|easy) fix\b", WHY_HYPE, HONEST),
    # Success rates and clients helped: APA 5.01(a); §651(b)(1), (b)(2).
    (rf"\b{RATE} of (?:(?:my|our|her) )?clients\b", WHY_RATE, HONEST_RATE),
    (rf"\b{RATE} of (?:my|our|her) patients\b", WHY_RATE, HONEST_RATE),
    (rf"(?:\b(?:my|our|her)|{RATE}) success rates?\b", WHY_RATE, HONEST_RATE),
    (r"\bsuccess rates? of (?:over |more than |about )?\d", WHY_RATE, HONEST_RATE),
    (
        r"\b\d+ (?:out )?of (?:every )?\d+ (?:of (?:my|our) )?(?:clients|patients)\b",
        WHY_RATE,
        HONEST_RATE,
    ),
    (
        r"\b(?:helped|treated|worked with) (?:over |more than |nearly |almost )?"
        r"(?:\d[\d,]*|hundreds|thousands|dozens) (?:of )?(?:clients|patients|people)\b",
        WHY_RATE,
        HONEST_RATE,
    ),
    # Claims to be better than others: §651(b), professional superiority.
    (
        r"\bthe (?:best|top|leading|#1|number one) (?:therapist|psychologist|clinician|"
        r"provider|practice|doctor)\b",
        WHY_SUPERIOR,
        HONEST_SUPERIOR,
    ),
    (r"\b(?:best|top)[- ]rated\b", WHY_SUPERIOR, HONEST_SUPERIOR),
)
COMPILED = tuple((re.compile(pattern, re.I), why, fix) for pattern, why, fix in PHRASES)

# A word that turns the phrase after it into an honest limit ("there is no cure").
NEGATION = re.compile(
    r"^(?:no|not|never|nor|cannot|without|nothing|neither|none|nobody|\w+n[’']t)$", re.I
)
NEGATION_REACH = 5  # words before the phrase

# A guarantee of privacy is a fact about confidentiality, not a promise of results.
PRIVACY = re.compile(r"\b(?:confidential\w*|privacy|private)\b", re.I)

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")


def negated(sentence, start):
    """True when one of the few words before `start` negates what follows."""
    words = [word.strip(',;:()"“”‘’*_') for word in sentence[:start].split()[-NEGATION_REACH:]]
    return any(NEGATION.match(word) for word in words)


def sentences(source):
    """(line number, sentence) of the text readers see: the title, the summary and the body.

    Addresses and the sources of references are left out: a study's title is not her claim.
    """
    front = source.front
    lines = source.text.split("\n")
    numbers = [front.lines[name] for name in ("title", "summary") if name in front.lines]
    numbers += range(front.body_start, len(lines) + 1)
    for number in numbers:
        line = lines[number - 1]
        if number < front.body_start:
            line = line.split(":", 1)[-1]
        elif line.lstrip().startswith(("[^", "    ", "```")):
            continue
        for sentence in SENTENCE_END.split(LINK_TARGET.sub("]", line)):
            if sentence.strip():
                yield number, sentence


def claims(sentence):
    """(phrase, why, rewording) for every claim in a sentence, in the order they appear.

    Where two phrases overlap ("will cure"), the longer is named, once.
    """
    matches = [
        (match.start(), match.end(), why, fix)
        for pattern, why, fix in COMPILED
        for match in pattern.finditer(sentence)
        if not negated(sentence, match.start()) and not _about_privacy(match, sentence)
    ]
    found, end = [], -1
    for start, stop, why, fix in sorted(matches, key=lambda m: (m[0], -m[1])):
        if start >= end:
            found.append((sentence[start:stop], why, fix))
            end = stop
    return found


def _about_privacy(match, sentence):
    return match.group(0).lower().startswith("guarantee") and bool(PRIVACY.search(sentence))


@file_rule()
def check(source, site):
    for number, sentence in sentences(source):
        for phrase, why, fix in claims(sentence):
            what = f'"{phrase}": {why}'
            yield Problem("warning", source.shown, number, FIELD, what, f"{fix} You decide.")
