"""Reads Markdown into finished HTML: typography, table of contents, references and reading time.

Pelican applies typogrify after its content cache, so it would re-run on every
article at every build. Doing the whole job inside the reader means the cache
holds the finished article and an unchanged file costs nothing to rebuild. The
cache folder is named after the site's code and reading settings (plugins/runner.py),
so a change to either starts afresh.

Rendering is a pure function of the file's text, so a cold build renders every
file that the cache does not hold on all processor cores at once, before Pelican
asks for them one by one. `BUILD_SHORTCUTS = False` turns that off; tests compare
both builds byte for byte.
"""

import functools
import gc
import hashlib
import html
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import smartypants
from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open
from typogrify import filters as typogrify_filters

from plugins import boundary, compat, languages
from plugins.front_matter import normalised

WORDS_PER_MINUTE = 200  # a relaxed pace; readers of health pages often read slowly
# Set on a post whose HTML held something the allow-list refuses: the checks then read the
# file as she wrote it, since the finished HTML no longer holds it (plugins/boundary.py).
WITHHELD = "html_withheld"
TYPESET_FIELDS = ("title", "summary")
# Fields Pelican reads as lists of names, whatever the lines they are written on.
LISTED_FIELDS = frozenset({"tags", "authors"})
# Below this many files per core, starting worker processes costs more than it saves.
FILES_PER_WORKER = 16
# Small enough that when the processes meet, neither waits long for the other's last
# chunks (a worker holds two at once); a 32nd of the files left 2 s of waiting at 4,000.
FILES_PER_CHUNK = 8
compat.speed_up_typography()  # before anything is typeset, so every build is typeset alike


def typeset(html, settings, widont=True):
    """Apply typogrify the way the site wants it: curly quotes, dashes, no orphaned last words."""
    smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w
    omitted = [*settings["TYPOGRIFY_OMIT_FILTERS"], *([] if widont else ["widont"])]
    return typogrify_filters.typogrify(
        html, settings["TYPOGRIFY_IGNORE_TAGS"], **dict.fromkeys(omitted, False)
    )


class References:
    """Footnotes become the article's references: a section with a heading of its own.

    Called by plugins/boundary.py for each element as it writes a post; every back-link
    reads "↩", so each is named by its title and by which citation it returns to.
    """

    def __init__(self, words=str):
        self.found = False
        self.words = words  # the interface's words in the post's language (plugins/languages)

    def __call__(self, element):
        classes = element.attributes.get("class")
        if classes == "footnote" and element.tag == "div" and not self.found:
            return self.section(element)
        if classes == "footnote-backref" and element.tag == "a":
            return self.backlink(element)
        return None

    def section(self, notes):
        children = list(notes.iter(include_text=True))
        while children and children[0].is_text_node and not children[0].text_content.strip():
            children.pop(0)
        if not children or children[0].tag != "hr":
            return None  # Markdown's notes open with a rule: these are someone else's
        self.found = True
        heading = boundary.Made("h2", (("id", "references"),), (self.words("References"),))
        kept = boundary.Made("div", tuple(notes.attributes.items()), tuple(children[1:]))
        labelled = (("class", "references"), ("aria-labelledby", "references"))
        return boundary.Made("section", labelled, (heading, kept))

    def backlink(self, link):
        attributes = link.attributes
        href, title = attributes.get("href") or "", attributes.get("title")
        number = href.removeprefix("#fnref").partition(":")[0]
        if title is None or not href.startswith("#fnref") or (number and not number.isdigit()):
            return None
        # The title holds the reference's own number, written by Markdown in English.
        reference = "".join(ch for ch in title if ch.isdigit())
        if reference:
            title = self.words("Back to where reference %d is cited") % int(reference)
        citation = f" ({self.words('citation %d') % int(number)})" if number else ""
        named = (
            *((name, title if name == "title" else value) for name, value in attributes.items()),
            ("aria-label", f"{title}{citation}"),
        )
        return boundary.Made("a", named, tuple(link.iter(include_text=True)))


def digest(text):
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


@dataclass
class Rendered:
    """What the reader makes of one file's text: plain strings, so processes can share it."""

    content: str
    meta: dict  # field name -> the values as written
    formatted: dict = field(default_factory=dict)  # FORMATTED_FIELDS, converted from Markdown
    typeset: dict = field(default_factory=dict)  # TYPESET_FIELDS with typography applied
    toc: str = ""
    word_count: int = 0
    withheld: bool = False  # the allow-list left something out (plugins/boundary.py)


class Renderer:
    """Turns Markdown text into a finished article with the site's settings."""

    def __init__(self, settings):
        self.settings = settings

    def render(self, text):
        settings = self.settings
        parser = Markdown(**settings["MARKDOWN"])
        content = parser.convert(text)
        meta = dict(getattr(parser, "Meta", {}))
        toc = getattr(parser, "toc", "")  # read before the summary's conversion replaces it

        # Formatted fields (the summary) as Pelican converts them: same parser, no meta.
        formatted = {}
        parser.preprocessors.deregister("meta")
        for name, values in meta.items():
            if name.lower() in settings["FORMATTED_FIELDS"]:
                parser.reset()
                formatted[name.lower()] = parser.convert("\n".join(values))

        # Through the door before the typography, whose patterns would take a > inside a
        # quoted value for the end of its tag; and again after it, for what reaches the page.
        lang = (meta.get("lang") or [settings["DEFAULT_LANG"]])[0].strip().lower()
        interface_words = functools.partial(languages.catalogs(settings).gettext, lang)
        published = boundary.serialise(boundary.parse(content), References(interface_words))
        words = len(published.text.split())
        long_enough = (
            words >= settings["TOC_MIN_WORDS"]
            and len(boundary.elements(toc, "li")) >= settings["TOC_MIN_HEADINGS"]
        )
        typeset_fields = {}
        for name in TYPESET_FIELDS:
            if name in formatted:
                typeset_fields[name] = typeset(formatted[name], settings)
            elif meta.get(name):
                # A title is plain text: anything that looks like a tag is shown, never run.
                typeset_fields[name] = typeset(html.escape(meta[name][0], quote=False), settings)
        # A template shows the summary as it is: it must have come through the door too.
        if "summary" in typeset_fields:
            typeset_fields["summary"] = boundary.publish(typeset_fields["summary"])
        return Rendered(
            content=boundary.publish(typeset(published.html, settings)),
            meta=meta,
            formatted=formatted,
            typeset=typeset_fields,
            # Contents entries are short links in a narrow box: kept together, the last two
            # words of one ran past it at 320 px, leaving its number alone on a line.
            toc=boundary.publish(typeset(toc, settings, widont=False)) if long_enough else "",
            word_count=words,
            withheld=published.withheld,
        )


# Filled by prerender() in a cold build, emptied as Pelican reads each file: digest -> Rendered.
_prerendered = {}
_worker_renderer = None


class SiteMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, finishing the article so the cache holds the final HTML."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.renderer = Renderer(self.settings)

    def read(self, source_path):
        with pelican_open(source_path) as text:
            rendered = _prerendered.pop(digest(text), None) or self.renderer.render(text)
        # A word or a date is read as the checks read it: Status: “Published” is published.
        meta = {
            name: [normalised(name, v) for v in values] for name, values in rendered.meta.items()
        }
        # A field written over several lines is one value, as the checks read it; Pelican
        # would keep a list of lines, which no template or feed expects of a word.
        meta = {
            name: values if name in LISTED_FIELDS or len(values) < 2 else [" ".join(values)]
            for name, values in meta.items()
        }
        metadata = compat.parse_metadata(self, meta, rendered.formatted, source_path)
        metadata["word_count"] = rendered.word_count
        metadata["reading_minutes"] = max(1, math.ceil(rendered.word_count / WORDS_PER_MINUTE))
        metadata["toc"] = rendered.toc
        if rendered.withheld:
            metadata[WITHHELD] = True
        # The title was escaped before it was typeset, the summary is Markdown the checks
        # allowed: both are HTML the site made, which templates write as it is.
        for name, value in rendered.typeset.items():
            if name in metadata:
                metadata[name] = Markup(value)
        return rendered.content, metadata


def _render_files(paths):
    """(digest of the text, Rendered) for each file that can be read."""
    rendered = []
    for path in paths:
        try:
            with pelican_open(path) as text:
                rendered.append((digest(text), _worker_renderer.render(text)))
        except (OSError, UnicodeError):
            pass  # left to the usual read, whose failure the checks explain in plain words
    return rendered


def prerender(generator):
    # *_generator_init: the readers and their cache are loaded, and nothing is read yet.
    global _worker_renderer
    settings = generator.settings
    reader = generator.readers.readers.get("md")
    if not settings.get("BUILD_SHORTCUTS") or not isinstance(reader, SiteMarkdownReader):
        return
    kind = "ARTICLE" if isinstance(generator, ArticlesGenerator) else "PAGE"
    files = generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"])
    paths = [
        os.path.abspath(os.path.join(generator.path, name))
        for name in sorted(files)
        if Path(name).suffix.lstrip(".") in reader.file_extensions
    ]
    # Files the cache has never seen; a changed file it holds is read the usual way, so an
    # ordinary rebuild does not read every file twice just to decide.
    cached = compat.cached_source_paths(generator) if settings.get("LOAD_CONTENT_CACHE") else {}
    missing = [path for path in paths if path not in cached]
    workers = min(len(os.sched_getaffinity(0)), len(missing) // FILES_PER_WORKER)
    if workers < 2:
        return
    _worker_renderer = reader.renderer
    chunks = [
        missing[start : start + FILES_PER_CHUNK]
        for start in range(0, len(missing), FILES_PER_CHUNK)
    ]
    # The build process renders too, one worker fewer holding a copy of it in memory.
    # fork: the workers inherit the settings and the renderer instead of pickling them.
    # Frozen objects are left alone by the collector, so the forked worker never copies the
    # pages that hold them just to mark them: 11 to 13 MB less at 100 files (PSS).
    # A build child of runner.build_then_index has frozen its parent's objects already.
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers - 1, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            futures = [pool.submit(_render_files, chunk) for chunk in chunks]
            # It takes chunks from the end that no worker has begun, until they meet.
            for future, chunk in zip(reversed(futures), reversed(chunks), strict=True):
                if future.cancel():
                    _prerendered.update(_render_files(chunk))
            for future in futures:
                if not future.cancelled():
                    _prerendered.update(future.result())
    finally:
        if not frozen_before:
            gc.unfreeze()


def forget_prerendered(pelican):
    # A file whose rendering Pelican never asked for (an excluded draft, say) must not linger.
    _prerendered.clear()


def use_site_reader(readers):
    # readers_init fires before Pelican instantiates its readers, so the swap covers every
    # extension still read as Markdown once READERS (pelicanconf.py) has switched some off.
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = SiteMarkdownReader


def register():
    signals.readers_init.connect(use_site_reader)
    signals.article_generator_init.connect(prerender)
    signals.page_generator_init.connect(prerender)
    signals.article_generator_init.connect(compat.skip_unused_file_stamps)
    signals.page_generator_init.connect(compat.skip_unused_file_stamps)
    signals.finalized.connect(forget_prerendered)
