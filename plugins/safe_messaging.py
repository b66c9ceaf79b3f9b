"""Safe messaging about suicide: flags wording the guidelines advise against, adds crisis help.

The phrases and their suggested replacements follow the Recommendations for
Reporting on Suicide (reportingonsuicide.org) and the US national Lifeline's safe
messaging guidance. An article or page that mentions suicide or self-harm gets
`mentions_suicide`, and the theme then shows the crisis resources inside it.
"""

import re
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

from plugins import compat

MENTIONS = re.compile(
    r"\bsuicid\w*|\bself[- ]?harm\w*|\bself[- ]?injur\w*|\bkill(?:s|ed|ing)? "
    r"(?:myself|yourself|himself|herself|themselves|themself)\b",
    re.I,
)

WHY_WORDING = (
    "Safe-messaging guidelines advise against this wording: it can make suicide "
    "seem like a crime, an achievement or an answer, which may put readers at risk."
)
WHY_SOLUTION = (
    "Describing suicide as a solution or a way out can make it seem like an option to a "
    "reader who is struggling."
)

# (pattern, the suggested wording); None means "describes suicide as a solution".
PHRASES = (
    (r"\bcommit(?:s|ted|ting)? suicide\b", 'Write "died by suicide" (or "die by suicide").'),
    (r"\b(?:successful|completed) suicide\b", 'Write "died by suicide".'),
    (r"\bsuccessful(?:ly)? (?:suicide )?attempt\w*", 'Write "died by suicide".'),
    (
        r"\b(?:failed|unsuccessful) (?:suicide )?attempt\w*",
        'Write "suicide attempt", or "survived a suicide attempt".',
    ),
    (r"\bsuicide victim\w*", 'Write "a person who died by suicide".'),
    (r"\bsuicide epidemic\b", 'Write "rising rates of suicide".'),
    (
        r"\b(?:suicide|self[- ]?harm|killing (?:myself|yourself|themselves)) "
        r"(?:is|was|seems|seemed|felt|as) (?:like )?(?:a|an|the|their|my|your) "
        r"(?:only )?(?:solution|answer|way out|escape|option|relief)\b",
        None,
    ),
)
SOLUTION_FIX = (
    "Describe suicide as a sign of treatable distress, not a solution, and say that help "
    'works, for example: "Thoughts of suicide are a sign of intense pain, and that pain can '
    'be treated." The box with the crisis lines is added to the post for you.'
)
COMPILED = tuple((re.compile(pattern, re.I), fix) for pattern, fix in PHRASES)


def unsafe_phrases(line):
    """Yield (phrase, what, fix) for every phrase in a line that the guidelines advise against."""
    seen = set()
    for pattern, fix in COMPILED:
        for match in pattern.finditer(line):
            if match.start() in seen:
                continue
            seen.add(match.start())
            if fix is None:
                yield match.group(0), WHY_SOLUTION, SOLUTION_FIX
            else:
                yield match.group(0), WHY_WORDING, fix


# Every match of MENTIONS contains one of these: "self" in self-harm, self-injury and
# myself…themself, "selves" in themselves. ("kill" alone would let every "skill" through.)
CUES = ("suicid", "self", "selves")


def mentions_suicide(text):
    lowered = (text or "").lower()
    # Plain substring tests first: most articles never get as far as the regex.
    return any(cue in lowered for cue in CUES) and bool(MENTIONS.search(text))


def mark_mentions(content):
    # content_object_init: runs for each article and page, from the cache too, so the
    # flag never goes stale. The regex is cheap next to rendering a page.
    if not isinstance(content, (Article, Page)):
        return
    text = compat.html_of(content)
    if text is None:  # Pelican's internals unknown (plugins/compat.py): read the source
        text = Path(content.source_path).read_text(encoding="utf-8-sig")
    content.mentions_suicide = mentions_suicide(f"{content.metadata.get('title', '')} {text}")


def register():
    signals.content_object_init.connect(mark_mentions)
