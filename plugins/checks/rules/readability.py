"""Articles that read above the target school grade get a suggestion; it never blocks.

A Spanish article (Lang: es) is graded on the Spanish INFLESZ scale instead, against
READABILITY_TARGET_EASE_ES, and never given an English school grade.

Grading is slow, so it starts as soon as the sources are read: a worker grades while
the other checks run and the pages are written (plugins/readability.py), and the
suggestions are asked for at the end of the build.
"""

from dataclasses import replace

from plugins import readability
from plugins.checks.problem import Problem
from plugins.front_matter import normalised


class Grading:
    """The grades of every article, on their way."""

    def __init__(self, site):
        settings = site.settings
        self.target = settings.get("READABILITY_TARGET_GRADE", readability.DEFAULT_TARGET_GRADE)
        self.target_ease = settings.get(
            "READABILITY_TARGET_EASE_ES", readability.DEFAULT_TARGET_EASE_ES
        )
        default = settings.get("DEFAULT_LANG", "en")
        self.cache = readability.GradeCache(settings["CACHE_PATH"])
        articles = [source for source in site.sources.values() if source.kind == "article"]
        texts = [(s.html or "", _lang(s, default)) for s in articles]
        self.grading = self.cache.start_grading(texts, settings)
        # The suggestions need a line or two of a few texts, once the pages are written:
        # reading those again costs less than holding them all (8 MB at 1,000 articles).
        self.articles = [replace(source, text=None, html=None) for source in articles]

    def problems(self):
        problems = _problems(self.articles, self.grading.grades(), self.target, self.target_ease)
        try:
            self.cache.save()
        except OSError:
            pass  # the grades are only a cache; the next build computes them again
        return problems


def start(site):
    """Start grading the site's articles; `.problems()` of the result waits for the grades."""
    return Grading(site)


def _lang(source, default):
    return normalised("Lang", source.front.values.get("lang", "")) or default


def _problems(articles, found_grades, target, target_ease=readability.DEFAULT_TARGET_EASE_ES):
    problems = []
    for source, found in zip(articles, found_grades, strict=True):
        if isinstance(found, readability.SpanishGrade):
            if round(found.szigriszt_pazos) < target_ease:
                problems.append(_in_spanish(source, found, target_ease))
            continue
        # The grade is told rounded ("about grade 8"), so it is judged rounded too.
        if found is None or round(found.grade) <= target:
            continue
        smog = f"SMOG {found.smog:g}" if found.smog else "SMOG needs a longer text"
        hints = []
        if found.words_per_sentence > 15:
            hints.append(
                f"Sentences average {found.words_per_sentence:g} words: aim for 15 or fewer, "
                "one idea per sentence."
            )
        if found.long_word_share > 0.1:
            hints.append(
                f"{found.long_word_share:.0%} of words have three or more syllables: "
                'use everyday words where you can ("use", not "utilize").'
            )
        hints.append(
            "Split the longest sentence first: it starts "
            f'"{" ".join(found.longest_sentence.split()[:8])} …".'
        )
        problems.append(
            Problem(
                "warning",
                source.shown,
                source.line_of(" ".join(found.longest_sentence.split()[:4])),
                "readability",
                f"This article reads at about school grade {found.grade:.0f} "
                f"(Flesch–Kincaid {found.flesch_kincaid:g}, {smog}); the target is grade "
                f"{target}. Many people read health information more easily at grade 8 or below.",
                " ".join(hints),
            )
        )
    return problems


def _in_spanish(source, found, target_ease):
    """The suggestion for a Spanish article, on the INFLESZ scale its readers' clinicians use."""
    hints = []
    if found.words_per_sentence > 15:
        hints.append(
            f"Sentences average {found.words_per_sentence:g} words: aim for 15 or fewer, "
            "one idea per sentence."
        )
    if found.long_word_share > 0.1:
        hints.append(
            f"{found.long_word_share:.0%} of words have four or more syllables: use everyday "
            'words where you can ("usar", not "utilizar").'
        )
    hints.append(
        "Split the longest sentence first: it starts "
        f'"{" ".join(found.longest_sentence.split()[:8])} …".'
    )
    return Problem(
        "warning",
        source.shown,
        source.line_of(" ".join(found.longest_sentence.split()[:4])),
        "readability",
        f'This Spanish article reads as "{found.inflesz}" on the INFLESZ scale '
        f"(Szigriszt-Pazos {found.szigriszt_pazos:g}, Fernández-Huerta "
        f"{found.fernandez_huerta:g}, from 0, very hard, to 100, very easy); the target is "
        f'{target_ease} ("{readability.inflesz_band(target_ease)}") or more, which INFLESZ '
        "advises for health information.",
        " ".join(hints),
    )
