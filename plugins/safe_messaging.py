"""Safe messaging about suicide: flags wording the guidelines advise against, adds crisis help.

The phrases and their suggested replacements follow the Recommendations for
Reporting on Suicide (reportingonsuicide.org) and the US national Lifeline's safe
messaging guidance. An article or page that mentions suicide or self-harm gets
`mentions_suicide`, and the theme then shows the crisis resources inside it.

A post in Spanish (Lang: es) is read with Spanish words instead (SPANISH_MENTIONS,
SPANISH_PHRASES): an English list would find nothing in it, or the wrong things.
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

# Spanish mentions: suicidio, suicida, suicidarse…; autolesión, autolesionarse; quitarse
# la vida ("take one's own life") in any person; hacerse daño and matarse said of oneself.
SPANISH_MENTIONS = re.compile(
    r"\bsuicid\w*|\bautolesi\w*|\bquitar(?:me|te|se|nos|os)\s+la\s+vida\b"
    r"|\b(?:me|te|se|nos|os)\s+(?:\w+\s+)?quit\w*\s+la\s+vida\b"
    r"|\bhacer(?:me|te|se|nos|os)\s+daño\b|\bmatar(?:me|te|se|nos|os)\b",
    re.I,
)
# The wording Spanish-language guidance advises against, with what it advises instead:
# the Fundéu BBVA note "suicidarse, no cometer suicidio" (16 May 2012), which calls
# "cometer suicidio" a calque of "to commit suicide" ("se suicidó" is the Spanish verb,
# and is not flagged), and the safe-language table "¿Cómo hablar del suicidio en forma
# segura?" (suicidio fallido, no consumado or incompleto -> intento de suicidio; víctima
# del suicidio -> persona que ha muerto por suicidio), in line with the WHO's guide for
# media professionals, whose Spanish edition speaks of "intento de suicidio" and
# "muerte por suicidio". "Suicidio consumado" stays: it is the clinical term in Spanish.
SPANISH_PHRASES = (
    (
        r"\bcomet(?:e|en|er|ió|io|ieron|ido|iendo|a|an|ería|erían)\s+(?:un\s+)?suicidio\b",
        'Write "murió por suicidio" or "se suicidó": "cometer" makes it sound like a crime.',
    ),
    (
        r"\bsuicidio\s+(?:exitoso|logrado)\b|\bintentos?\s+(?:de\s+suicidio\s+)?exitosos?\b",
        'Write "murió por suicidio".',
    ),
    (
        r"\bsuicidios?\s+(?:fallidos?|frustrados?|no\s+consumados?|incompletos?)\b"
        r"|\bintentos?\s+(?:de\s+suicidio\s+)?(?:fallidos?|frustrados?)\b",
        'Write "intento de suicidio", or "sobrevivió a un intento de suicidio".',
    ),
    (
        r"\bv[ií]ctimas?\s+(?:del?\s+)?suicidio\b",
        'Write "una persona que murió por suicidio".',
    ),
    (r"\bepidemia\s+de\s+suicidios?\b", 'Write "el aumento de las tasas de suicidio".'),
    (
        r"\b(?:el\s+suicidio|suicidarse|quitarse\s+la\s+vida|la\s+autolesi[oó]n|autolesionarse)"
        r"\s+(?:es|era|fue|parec[ií]a|parece|como)\s+(?:la|una|su|mi|tu)\s+(?:[uú]nica\s+)?"
        r"(?:soluci[oó]n|salida|respuesta|escapatoria|opci[oó]n|alivio)\b",
        None,
    ),
)
SPANISH_SOLUTION_FIX = (
    "Describe suicide as a sign of treatable distress, not a solution, and say that help "
    'works, for example: "Pensar en el suicidio es señal de un dolor muy intenso, y ese '
    'dolor se puede tratar." The box with the crisis lines is added to the post for you.'
)


def _compiled(phrases):
    return tuple((re.compile(pattern, re.I), fix) for pattern, fix in phrases)


COMPILED = {"en": _compiled(PHRASES), "es": _compiled(SPANISH_PHRASES)}
SOLUTION_FIXES = {"en": SOLUTION_FIX, "es": SPANISH_SOLUTION_FIX}


def _language(lang):
    """The language whose words are read: Spanish for es (es-MX…), English otherwise."""
    return "es" if (lang or "").lower().startswith("es") else "en"


def unsafe_phrases(line, lang="en"):
    """Yield (phrase, what, fix) for every phrase in a line that the guidelines advise against."""
    seen = set()
    language = _language(lang)
    for pattern, fix in COMPILED[language]:
        for match in pattern.finditer(line):
            if match.start() in seen:
                continue
            seen.add(match.start())
            if fix is None:
                yield match.group(0), WHY_SOLUTION, SOLUTION_FIXES[language]
            else:
                yield match.group(0), WHY_WORDING, fix


# Every match of MENTIONS contains one of these: "self" in self-harm, self-injury and
# myself…themself, "selves" in themselves. ("kill" alone would let every "skill" through.)
CUES = ("suicid", "self", "selves")


# The same for SPANISH_MENTIONS: "suicid", "autolesi", "la vida", "daño", "matar".
SPANISH_CUES = ("suicid", "autolesi", "vida", "daño", "matar")


def mentions_suicide(text, lang="en"):
    lowered = (text or "").lower()
    cues, mentions = (
        (SPANISH_CUES, SPANISH_MENTIONS) if _language(lang) == "es" else (CUES, MENTIONS)
    )
    # Plain substring tests first: most articles never get as far as the regex.
    return any(cue in lowered for cue in cues) and bool(mentions.search(text))


def mark_mentions(content):
    # content_object_init: runs for each article and page, from the cache too, so the
    # flag never goes stale. The regex is cheap next to rendering a page.
    if not isinstance(content, (Article, Page)):
        return
    text = compat.html_of(content)
    if text is None:  # Pelican's internals unknown (plugins/compat.py): read the source
        text = Path(content.source_path).read_text(encoding="utf-8-sig")
    title = content.metadata.get("title", "")
    content.mentions_suicide = mentions_suicide(f"{title} {text}", content.lang)


def register():
    signals.content_object_init.connect(mark_mentions)
