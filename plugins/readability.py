"""Grades how easy each article is to read, with textstat, and remembers the grades.

Grading every article on every build would cost seconds on a large site, so
each grade is stored in the build cache under a hash of the article's text:
an article that has not changed is never graded again.
"""

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_TARGET_GRADE = 8
CACHE_FILE = "readability.json"
MIN_WORDS_TO_GRADE = 50  # a few sentences give a grade too unsteady to act on
CACHE_VERSION = 2  # change when the way grades are computed changes
# Block-level ends become sentence ends, so list items and headings are not one long sentence.
BLOCK_END = re.compile(r"</(p|li|h[1-6]|td|th|dt|dd|blockquote|figcaption)>", re.I)
SKIPPED = re.compile(r"<(pre|code|script|style)\b.*?</\1>", re.I | re.S)
FOOTNOTES = re.compile(r'<(section|div) class="(references|footnote)".*', re.I | re.S)
TAG = re.compile(r"<[^>]+>")
SENTENCE = re.compile(r"[^.!?]+[.!?]+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Grade:
    """How hard an article is to read, and why."""

    flesch_kincaid: float
    smog: float  # 0 when the text is too short for SMOG (fewer than 3 sentences)
    words_per_sentence: float
    long_word_share: float  # the share of words with three or more syllables
    longest_sentence: str

    @property
    def grade(self):
        return max(self.flesch_kincaid, self.smog)


def plain_text(content_html):
    """The text a reader reads: no code, no references, one sentence per block at least."""
    text = FOOTNOTES.sub("", SKIPPED.sub(" ", content_html))
    text = BLOCK_END.sub(lambda _: ".\n", text)
    text = html.unescape(TAG.sub(" ", text))
    # A block that already ended with punctuation gets no second full stop.
    text = re.sub(r"([.!?:;])\s*\.\n", r"\1\n", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def grade(text):
    """Grade a text with textstat's Flesch–Kincaid and SMOG formulas."""
    import textstat  # loaded only when a grade is not cached: its dictionary takes a second

    sentences = [s.strip() for s in SENTENCE.findall(text)] or [text]
    longest = max(sentences, key=lambda s: len(s.split()))
    words = textstat.lexicon_count(text) or 1
    return Grade(
        flesch_kincaid=round(textstat.flesch_kincaid_grade(text), 1),
        smog=round(textstat.smog_index(text), 1),
        words_per_sentence=round(words / max(1, textstat.sentence_count(text)), 1),
        long_word_share=round(textstat.polysyllabcount(text) / words, 3),
        longest_sentence=longest,
    )


class GradeCache:
    """Grades already computed, by a hash of the text they were computed from."""

    def __init__(self, cache_path):
        self.path = Path(cache_path) / CACHE_FILE
        self.grades = {}
        self.changed = False
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("version") == CACHE_VERSION:
                self.grades = stored["grades"]
        except (OSError, ValueError, KeyError):
            pass
        self.used = set()

    def grade(self, content_html):
        """The grade of an article's HTML, or None when it is too short to grade fairly."""
        key = hashlib.sha256(content_html.encode("utf-8")).hexdigest()
        self.used.add(key)
        if key not in self.grades:
            text = plain_text(content_html)
            enough = len(text.split()) >= MIN_WORDS_TO_GRADE
            self.grades[key] = asdict(grade(text)) if enough else None
            self.changed = True
        stored = self.grades[key]
        return Grade(**stored) if stored else None

    def save(self):
        # Only the grades of current articles are kept, so the file does not grow forever.
        if not self.changed and self.used == set(self.grades):
            return
        kept = {key: self.grades[key] for key in sorted(self.used)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"version": CACHE_VERSION, "grades": kept}), "utf-8")
