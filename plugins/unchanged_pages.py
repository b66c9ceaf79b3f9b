"""Skips rendering and rewriting pages that an edit cannot have changed.

After a small edit Pelican renders every page again, although most of them come
out the same. This plugin gives each page a fingerprint of everything its
template is given and remembers it in the cache folder. When the fingerprint is
unchanged and the page is still on disk, the page is reused instead of rendered,
and an unchanged file is not rewritten, so its modification time stays too.

The fingerprint of a page covers the site's settings and theme, every post's
fields (title, date, summary, tags and so on) and, for the posts the page is
given directly (`article` or `page` on its own page, `articles_page` on a page of
a list), their full text. What templates must respect: only a page given a post
may show its text, table of contents or word count (BODY_ONLY_FIELDS); any other
field may appear anywhere.
"""

import datetime
import hashlib
import json
import os
import types
from pathlib import Path

from pelican import signals
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join

from plugins import compat

STATE_FILE = "unchanged_pages.json"
# Fields derived from a post's text, shown only on pages given that post.
BODY_ONLY_FIELDS = frozenset({"toc", "word_count"})
NEIGHBOURS = ("_previous_page", "_next_page")
LOCAL_OVERRIDES = frozenset({"SITEURL", "localsiteurl", "output_file"})
# Settings that carry one build's own state (plugins/runner.py) and that no template shows:
# new in every build, they would make every page look changed.
BUILD_STATE = frozenset({"CHECK_RESULTS"})
# Lists in an order that changes from one process to the next: Pelican adds the files that
# posts link to with {static} from a set. Their order tells a template nothing.
ORDER_FREE = frozenset({"staticfiles"})
# Longer strings (a post's text, its summary) are described by a digest: repr escapes
# them character by character, 0.13 ms for one article's text, a digest 0.03 ms.
LONG_TEXT = 200


def _given(key):
    """Whether a page is given the posts under this name, text and all.

    A post's own page gets it as `article` or `page`; a list page gets the posts it
    lists as `articles_page`. Neighbouring list pages are only linked to.
    """
    return key in ("article", "page") or (key.endswith("_page") and not key.endswith(NEIGHBOURS))


class Fingerprints:
    """Stable descriptions of the values templates receive, remembered per object."""

    def __init__(self):
        self._shallow = {}
        self._deep = {}
        self._lists = {}  # id -> (the list, kept so its id is not reused; its description)

    def describe(self, value, deep=False):
        if isinstance(value, Content):
            return self._content(value, deep)
        if isinstance(value, URLWrapper):
            return [type(value).__name__, value.name, value.slug]
        if isinstance(value, Page):
            return [
                "page",
                value.number,
                value.paginator.num_pages,
                [self.describe(item, deep) for item in value.object_list],
            ]
        if isinstance(value, Paginator):
            return ["paginator", value.name, value.url, value.count, value.num_pages]
        if isinstance(value, dict):
            return [
                [str(key), self.describe(item, deep)]
                for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))
            ]
        if isinstance(value, (set, frozenset)):
            return sorted(repr(self.describe(item, deep)) for item in value)
        if isinstance(value, (list, tuple)):
            # Long lists (every article, a tag's articles) recur on many pages: describe once.
            if len(value) < 16:
                return [self.describe(item, deep) for item in value]
            key = (id(value), deep)
            if key not in self._lists:
                self._lists[key] = (value, _hash([self.describe(item, deep) for item in value]))
            return self._lists[key][1]
        if isinstance(value, str) and len(value) > LONG_TEXT:
            return [type(value).__name__, _digest(value)]
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        if isinstance(value, (datetime.date, datetime.time)):
            return value.isoformat()
        if isinstance(value, types.ModuleType):
            return f"module {value.__name__}"
        if callable(value) and hasattr(value, "__qualname__"):
            return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
        return _UNKNOWN  # an object without a stable description: never reuse the page

    def _content(self, content, deep):
        key = id(content)
        if key not in self._shallow:
            fields = {
                name: value
                for name, value in content.metadata.items()
                if name not in BODY_ONLY_FIELDS
            }
            self._shallow[key] = _hash([content.source_path, content.url, self.describe(fields)])
        if not deep:
            return self._shallow[key]
        if key not in self._deep:
            body = {name: content.metadata.get(name) for name in sorted(BODY_ONLY_FIELDS)}
            self._deep[key] = _hash(
                [
                    self._shallow[key],
                    self.describe(body),
                    self.describe(compat.html_of(content) or ""),
                ]
            )
        return self._deep[key]


class _Unknown:
    """Describes itself differently every time, so a page holding it is always rendered."""

    def __repr__(self):
        return f"unknown-{os.urandom(8).hex()}"


_UNKNOWN = _Unknown()


def _hash(description):
    # repr of nested lists of strings and numbers is stable and much faster than JSON.
    return _digest(repr(description))


def _digest(text):
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _theme_digest(settings):
    digest = hashlib.blake2b(digest_size=20)
    for folder in (settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])):
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class UnchangedPagesWriter(compat.reusing_writer()):
    """Pelican's writer, reusing each page whose fingerprint matches the last good build."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._state_path = Path(self.settings["CACHE_PATH"]) / STATE_FILE
        self._enabled = bool(self.settings.get("BUILD_SHORTCUTS")) and bool(
            self.settings.get("CACHE_CONTENT")
        )
        self._previous = {}
        if self._enabled and self.settings.get("LOAD_CONTENT_CACHE"):
            try:
                self._previous = json.loads(self._state_path.read_text("utf-8"))
            except (OSError, ValueError):
                self._previous = {}
        self._current = {}
        self._site = None
        self._fingerprints = Fingerprints()

    def _site_fingerprint(self, context):
        if self._site is None:
            # A page rendered in a build that later fails must not be trusted: forget
            # the last build's fingerprints until this one has finished.
            self._state_path.unlink(missing_ok=True)
            shown = {
                key: frozenset(value) if key in ORDER_FREE else value
                for key, value in context.items()
                if key not in BUILD_STATE
            }
            self._site = _hash([_theme_digest(self.settings), self._fingerprints.describe(shown)])
        return self._site

    def write_file(self, name, template, context, *args, **kwargs):
        if self._enabled and name:
            template = _FingerprintedTemplate(template, context, self, kwargs)
        return super().write_file(name, template, context, *args, **kwargs)

    def render(self, template, context, localcontext, kwargs):
        output_file = localcontext["output_file"]
        # What this page is given beyond the site-wide context (Pelican passes some
        # context values again under other names, such as all_articles).
        shared = set(map(id, context.values()))
        # Writer._get_localcontext adds keys, overrides the context with write_file's
        # keyword arguments, and sets SITEURL and localsiteurl for relative addresses.
        candidates = (localcontext.keys() - context.keys()) | (
            (kwargs.keys() | LOCAL_OVERRIDES) & localcontext.keys()
        )
        own = {key: localcontext[key] for key in candidates if id(localcontext[key]) not in shared}
        fingerprint = _hash(
            [
                self._site_fingerprint(context),
                template.name,
                [
                    [key, self._fingerprints.describe(value, deep=_given(key))]
                    for key, value in sorted(own.items())
                ],
            ]
        )
        path = sanitised_join(self.output_path, output_file)
        self._current[output_file] = fingerprint
        if (
            self._previous.get(output_file) == fingerprint
            and not self.already_written(path)
            and os.path.isfile(path)
        ):
            # The writer hands Pelican a scratch buffer for this path: the file stays as it is.
            self.kept_as_is.add(path)
            return ""
        html = template.render(localcontext)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as existing:
                if existing.read() == html:
                    self.kept_as_is.add(path)
        return html

    def save(self):
        if self._enabled:
            self._state_path.parent.mkdir(parents=True, exist_ok=True)
            self._state_path.write_text(json.dumps(self._current, sort_keys=True), "utf-8")


class _FingerprintedTemplate:
    """Stands in for a Jinja template inside Writer.write_file."""

    def __init__(self, template, context, writer, kwargs):
        self._template = template
        self._context = context
        self._writer = writer
        self._kwargs = kwargs
        self.name = template.name

    def render(self, localcontext):
        return self._writer.render(self._template, self._context, localcontext, self._kwargs)


_writers = []


def use_writer(pelican):
    # get_writer lets a plugin replace Pelican's Writer class for the whole build.
    return _RememberedWriter


class _RememberedWriter(UnchangedPagesWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _writers.append(self)


def save_fingerprints(pelican):
    # finalized: every page is written, so this build's fingerprints can be trusted.
    while _writers:
        _writers.pop().save()


# The lists of posts that article and page generators keep, drafts and translations included.
POST_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def remember_addresses(generator):
    # article_ and page_generator_finalized: once a generator has read its posts no post's
    # address changes, yet Pelican works it out from its settings again each time a page
    # asks, about 20,000 times while an edit at 1,000 articles is rebuilt, and the checks'
    # search for duplicate addresses next. Pelican's own override keeps the answer.
    if not generator.settings.get("BUILD_SHORTCUTS"):
        return
    for name in POST_LISTS:
        for post in getattr(generator, name, ()):
            for key in ("url", "save_as"):
                if not hasattr(post, f"override_{key}"):
                    setattr(post, f"override_{key}", getattr(post, key))


def forget_written_text(path, context):
    # content_written: Pelican keeps each post's text with its links resolved until the
    # build ends, though only the post's own page shows it (9 MB at 1,000 articles).
    # Were it asked for again, it would be worked out again.
    for name in ("article", "page"):
        post = context.get(name)
        if isinstance(post, Content):
            compat.forget_resolved_text(post)


def register():
    signals.get_writer.connect(use_writer)
    signals.article_generator_finalized.connect(remember_addresses)
    signals.page_generator_finalized.connect(remember_addresses)
    signals.content_written.connect(forget_written_text)
    signals.finalized.connect(save_fingerprints)
