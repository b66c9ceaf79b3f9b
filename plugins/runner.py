"""Runs Pelican and turns its outcome into plain words.

`invoke build`, `check`, `livereload` and `publish` all come through here, so
each of them applies the same checks and treats any warning as a failure.
Everything that depends on the code and the environment rather than the content
(where the cache lives, whether the shortcuts are safe) is decided here, before
Pelican starts, so no plugin depends on another having run first.
Pelican is imported only where a build starts: `build_then_index` indexes the site
in a process that never loads it.
"""

import gc
import hashlib
import json
import logging
import os
import pickle
import shutil
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Settings that change what the reader or the checks make of a file, or how the theme's
# templates compile (autoescape is compiled in: plugins/template_cache.py keeps them);
# with the site's code, they name the cache folder.
READING_SETTINGS = (
    "JINJA_ENVIRONMENT",
    "MARKDOWN",
    "TYPOGRIFY_IGNORE_TAGS",
    "TYPOGRIFY_OMIT_FILTERS",
    "TOC_MIN_WORDS",
    "TOC_MIN_HEADINGS",
    "FORMATTED_FIELDS",
    "TIMEZONE",
)
READING_PACKAGES = (
    *("pelican", "markdown", "pymdown-extensions", "smartypants", "typogrify", "textstat"),
    "selectolax",
)


class BuildFailed(Exception):
    """The site was not built; the message says why and what to do."""


def cache_folder(settings):
    """A folder of CACHE_PATH named after the code and settings the cache was made with.

    The cache holds finished HTML and the checks' findings, so it is only valid for the
    code and settings that produced them: any change to a plugin or a reading setting
    starts afresh in a new folder.
    """
    digest = hashlib.sha256()
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        digest.update(f"{path.relative_to(ROOT)}\0".encode() + path.read_bytes() + b"\0")
    packages = {name: metadata.version(name) for name in READING_PACKAGES}
    chosen = [repr(settings.get(name)) for name in READING_SETTINGS]
    digest.update(json.dumps([packages, chosen]).encode())
    return os.path.join(settings["CACHE_PATH"], digest.hexdigest()[:12])


def prepare(settings_file, overrides=None, check_only=False):
    """Read the settings and settle, before Pelican starts, what the plugins rely on."""
    from pelican.settings import read_settings

    from plugins import compat
    from plugins.checks.run import Results

    overrides = {**(overrides or {}), "CHECK_ONLY": check_only}
    if not compat.usable():
        overrides["BUILD_SHORTCUTS"] = False
    settings = read_settings(str(settings_file), override=overrides)
    # Processed pictures outlive code changes: their names already say what made them.
    settings["IMAGE_CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], "images")
    settings["CACHE_PATH"] = cache_folder(settings)
    settings["CHECK_RESULTS"] = Results()
    return settings


def places(overrides):
    """(the project folder problems are named from, the cache folder) of a build."""
    content = Path(overrides.get("PATH") or ROOT / "content")
    return content.parent, Path(overrides.get("CACHE_PATH") or ROOT / "cache")


def report(warnings, overrides, everything=False):
    """The warnings in plain words, old suggestions about unchanged files counted in a line."""
    from plugins.checks.news import unchanged_files
    from plugins.checks.problem import report as plain_words

    unchanged = unchanged_files(warnings, *places(overrides), everything=everything)
    return plain_words(warnings, unchanged, everything) if warnings else ""


def build(settings_file, overrides=None, check_only=False, everything=False):
    """Build the site, or only check it; return the warnings, raise BuildFailed on any error.

    `everything`: the report of a failure repeats the suggestions about unchanged files too.
    """
    try:
        return _build(settings_file, overrides, check_only, everything)
    finally:
        from plugins import compat

        # Pelican's memoized methods keep every article of every build alive: the
        # preview builds again and again in one process, and would get slower.
        compat.forget_memoized()


def _build(settings_file, overrides=None, check_only=False, everything=False):
    from pelican import Pelican

    from plugins import compat
    from plugins.checks.problem import CheckFinished, ContentProblems

    # Pelican's own messages go to the checks, which explain them in plain words.
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.setLevel(logging.WARNING)
    pelican_logger.propagate = False

    settings = prepare(settings_file, overrides, check_only)
    if compat.note():
        print(compat.note(), file=sys.stderr)
    results = settings["CHECK_RESULTS"]
    try:
        try:
            Pelican(settings).run()
        except (EOFError, pickle.UnpicklingError):
            # Pelican cannot read a cache file cut short by an interrupted build: the cache
            # is only a copy of what the sources say, so build once more without it.
            shutil.rmtree(settings["CACHE_PATH"], ignore_errors=True)
            settings = prepare(settings_file, overrides, check_only)
            results = settings["CHECK_RESULTS"]
            Pelican(settings).run()
    # With problems to fix as without, old suggestions about unchanged files are only
    # counted, as WRITING.md promises: else they would bury the one new ✗.
    except CheckFinished as finished:
        if any(p.severity == "error" for p in finished.problems):
            raise BuildFailed(report(finished.problems, overrides or {}, everything)) from None
        return finished.problems
    except ContentProblems as problems:
        raise BuildFailed(
            f"{report(problems.problems, overrides or {}, everything)}\n\n"
            "The site was not updated: the last good build is still in place."
        ) from None
    except Exception as error:
        # A mistake the checks do not know yet: still no traceback first, but say what it was,
        # and in which post, when a post was being read or written.
        try:
            crash = crash_problem(error, settings)
        except Exception:  # naming the file is a courtesy: never hide the error itself
            crash = None
        if crash:
            raise BuildFailed(report([crash], overrides or {}, everything)) from None
        raise BuildFailed(
            "The site could not be built because of a problem the checks did not recognise.\n"
            "Run `invoke check` first; if it finds nothing, pass this line on to whoever "
            f"maintains the site:\n  {type(error).__name__}: {error}"
        ) from None
    late = results.late_messages()
    if late:
        raise BuildFailed(
            "Pelican reported a problem while writing the site:\n  " + "\n  ".join(late)
        )
    return results.warnings


def crash_problem(error, settings):
    """The Problem of the post the build was reading or writing when `error` stopped it, or None.

    The innermost frame that holds a post (an object with a source_path, as Pelican's
    articles and pages are) names it. The feed is written from plain entries once every
    post is added: an entry names its post by its address.
    """
    from plugins.checks.rules.pelican_log import file_failed
    from plugins.checks.source import display

    frames = []
    traceback = error.__traceback__
    while traceback is not None:
        frames.insert(0, traceback.tb_frame)  # innermost first
        traceback = traceback.tb_next
    content_root = os.path.abspath(settings["PATH"])
    source = _post_in(frames, content_root)
    if source is None:
        return None
    writing = any(frame.f_code.co_name.startswith(("write", "_write")) for frame in frames)
    return file_failed(display(source, content_root), error, writing)


def _post_in(frames, content_root):
    """The source path of the post the innermost of `frames` were working on, or None."""
    feed_link = None
    for frame in frames:
        for value in list(frame.f_locals.values()):
            if isinstance(value, dict) and feed_link is None and "unique_id" in value:
                feed_link = str(value.get("link", "")).split("?")[0]  # feedgenerator's entry
            posts = value if isinstance(value, list | tuple) and feed_link else [value]
            for post in posts:
                try:
                    path = getattr(post, "source_path", None)
                except Exception:  # a template's undefined value may refuse any attribute
                    path = None
                if not isinstance(path, str):
                    continue
                if feed_link and not feed_link.endswith("/" + str(getattr(post, "url", ""))):
                    continue
                if os.path.abspath(path).startswith(os.path.join(content_root, "")):
                    return path
    return None


def build_then_index(settings_file, overrides=None):
    """Build in a child process, then index the site for search here, once the child is gone.

    Returns the build's warnings, as `build` does. By the time its
    pages are written a build holds every article several times over, and Pagefind beside
    it was a large site's peak memory. The child gives all of it back when it exits, and
    this process, which never loads Pelican, holds little more than invoke while Pagefind
    runs (benchmarks/README.md). For a process that builds once, such as `invoke build`;
    the preview builds again and again in one process.
    """
    from plugins import search_index

    sys.stdout.flush()  # else the child would print again what this process has not yet
    sys.stderr.flush()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        _build_for_parent(settings_file, overrides, writing)  # never returns
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        outcome = pipe.read()  # before waiting: a long report would fill the pipe
    os.waitpid(child, 0)
    if not outcome:
        raise BuildFailed(
            "The build stopped before it finished, so the site may be incomplete. "
            "Run the same command again."
        )
    failure, warnings, indexing = pickle.loads(outcome)
    if failure:
        raise BuildFailed(failure)
    try:
        if indexing:  # None when the settings leave the search index out
            search_index.Indexing(*indexing).run()
    except search_index.SearchIndexFailed as error:
        raise BuildFailed(str(error)) from None
    return warnings


def _build_for_parent(settings_file, overrides, writing):
    """In the child: build, send the parent (failure, warnings, index plan), and exit."""
    outcome = b""
    try:
        # The collector never marks what the parent shares, so those pages stay shared.
        gc.freeze()
        from plugins import search_index

        try:
            warnings = build(settings_file, {**(overrides or {}), "INDEX_AFTER_BUILD": True})
            outcome = (None, warnings, search_index.planned)
        except BuildFailed as failure:
            outcome = (str(failure), [], None)
        outcome = pickle.dumps(outcome)
    finally:
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(outcome)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)  # nothing of the parent's (invoke, atexit) may run twice
