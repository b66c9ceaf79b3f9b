"""Reads Markdown into finished HTML: typography, table of contents, references and reading time.

Pelican applies typogrify after its content cache, so it would re-run on every
article at every build. Doing the whole job inside the reader means the cache
holds the finished article and an unchanged file costs nothing to rebuild.
"""

import hashlib
import json
import math
import os
import re
from importlib import metadata as package_metadata
from pathlib import Path

import smartypants
from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open
from typogrify.filters import typogrify

WORDS_PER_MINUTE = 200  # a relaxed pace; readers of health pages often read slowly
TAG = re.compile(r"<[^>]+>")
FOOTNOTES_OPENING = re.compile(r'<div class="footnote">\s*<hr\s*/?>')
# Every back-link reads "↩"; name each one by its title, and by which citation it returns to.
BACKLINK = re.compile(r'<a class="footnote-backref" href="#fnref(\d*):[^"]*" title="([^"]*)"')


def typeset(html, settings):
    """Apply typogrify the way the site wants it: curly quotes, dashes, no orphaned last words."""
    smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w
    return typogrify(
        html,
        settings["TYPOGRIFY_IGNORE_TAGS"],
        **dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False),
    )


def name_backlink(match):
    citation = f" (citation {match.group(1)})" if match.group(1) else ""
    return f'{match.group(0)} aria-label="{match.group(2)}{citation}"'


def count_words(html):
    return len(TAG.sub(" ", html).split())


class SiteMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, finishing the article so the cache holds the final HTML."""

    def read(self, source_path):
        # As MarkdownReader.read, but keeping the table of contents, which
        # converting the Summary field would otherwise reset.
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        toc = getattr(self._md, "toc", "")
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        settings = self.settings

        # Footnotes are the article's references: give them a heading of their own.
        content = FOOTNOTES_OPENING.sub(
            '<section class="references" aria-labelledby="references">'
            '<h2 id="references">References</h2><div class="footnote">',
            content,
            count=1,
        )
        if content.endswith("</div>") and 'class="references"' in content:
            content += "</section>"
        content = BACKLINK.sub(name_backlink, content)

        words = count_words(content)
        metadata["word_count"] = words
        metadata["reading_minutes"] = max(1, math.ceil(words / WORDS_PER_MINUTE))
        long_enough = (
            words >= settings["TOC_MIN_WORDS"] and toc.count("<li") >= settings["TOC_MIN_HEADINGS"]
        )
        metadata["toc"] = typeset(toc, settings) if long_enough else ""

        content = typeset(content, settings)
        for name in ("title", "summary"):
            if name in metadata:
                metadata[name] = typeset(metadata[name], settings)
        return content, metadata


def cache_per_reading_rules(pelican):
    # The cache holds finished HTML, so it is only valid for the code and settings
    # that produced it. A folder per fingerprint makes any change start afresh.
    settings = pelican.settings
    rules = {
        "reader": Path(__file__).read_bytes().decode(),
        "packages": [package_metadata.version(name) for name in ("markdown", "typogrify")],
        "settings": [
            repr(settings.get(name))
            for name in (
                "MARKDOWN",
                "TYPOGRIFY_IGNORE_TAGS",
                "TYPOGRIFY_OMIT_FILTERS",
                "TOC_MIN_WORDS",
                "TOC_MIN_HEADINGS",
                "FORMATTED_FIELDS",
                "TIMEZONE",
            )
        ],
    }
    fingerprint = hashlib.sha256(json.dumps(rules).encode()).hexdigest()[:12]
    settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], fingerprint)


def use_site_reader(readers):
    # readers_init fires before Pelican instantiates its readers, so the swap
    # covers every Markdown file extension.
    for extension in SiteMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SiteMarkdownReader


def register():
    signals.initialized.connect(cache_per_reading_rules)
    signals.readers_init.connect(use_site_reader)
