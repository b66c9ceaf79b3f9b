"""Runs Pelican and turns its outcome into plain words.

`invoke build`, `check`, `livereload` and `publish` all come through here, so
each of them applies the same checks and treats any warning as a failure.
Pelican is imported only where a build starts: `build_then_index` indexes the site
in a process that never loads it.
"""

import gc
import logging
import os
import pickle
import sys


class BuildFailed(Exception):
    """The site was not built; the message says why and what to do."""


def forget_previous_build():
    """Empty Pelican's class-level caches, which keep every article of every build alive.

    `invoke livereload` builds again and again in one process: without this, each
    rebuild holds on to all the articles of the previous ones, and gets slower.
    """
    from pelican.contents import Content
    from pelican.utils import memoized

    for attribute in vars(Content).values():
        if isinstance(attribute, memoized):
            attribute.cache.clear()


def build(settings_file, overrides=None, check_only=False):
    """Build the site, or only check it; return the warnings, raise BuildFailed on any error."""
    try:
        return _build(settings_file, overrides, check_only)
    finally:
        forget_previous_build()


def _build(settings_file, overrides=None, check_only=False):
    from pelican import Pelican
    from pelican.settings import read_settings

    from plugins.content_checks import CheckFinished, ContentProblems, pelican_messages, report

    # Pelican's own messages go to the checks, which explain them in plain words.
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.setLevel(logging.WARNING)
    pelican_logger.propagate = False

    settings = read_settings(
        settings_file, override={**(overrides or {}), "CHECK_ONLY": check_only}
    )
    try:
        Pelican(settings).run()
    except CheckFinished as finished:
        if any(p.severity == "error" for p in finished.problems):
            raise BuildFailed(report(finished.problems)) from None
        return finished.problems
    except ContentProblems as problems:
        raise BuildFailed(
            f"{problems}\n\nThe site was not updated: the last good build is still in place."
        ) from None
    except Exception as error:
        # A mistake the checks do not know yet: still no traceback first, but say what it was.
        raise BuildFailed(
            "The site could not be built because of a problem the checks did not recognise.\n"
            "Run `invoke check` first; if it finds nothing, pass this line on to whoever "
            f"maintains the site:\n  {type(error).__name__}: {error}"
        ) from None
    late = [record.getMessage() for record in pelican_messages.records]
    if late:
        raise BuildFailed(
            "Pelican reported a problem while writing the site:\n  " + "\n  ".join(late)
        )
    return settings.get("CONTENT_WARNINGS", [])


def build_then_index(settings_file, overrides=None):
    """Build in a child process, then index the site for search here, once the child is gone.

    Returns the report of the build's warnings, "" when there are none. By the time its
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
    failure, warnings_report, indexing = pickle.loads(outcome)
    if failure:
        raise BuildFailed(failure)
    try:
        if indexing:  # None when the settings leave the search index out
            search_index.Indexing(*indexing).run()
    except search_index.SearchIndexFailed as error:
        raise BuildFailed(str(error)) from None
    return warnings_report


def _build_for_parent(settings_file, overrides, writing):
    """In the child: build, send the parent (failure, report, index plan), and exit."""
    outcome = b""
    try:
        # The collector never marks what the parent shares, so those pages stay shared.
        gc.freeze()
        from plugins import search_index
        from plugins.content_checks import report

        try:
            warnings = build(settings_file, {**(overrides or {}), "INDEX_AFTER_BUILD": True})
            outcome = (None, report(warnings) if warnings else "", search_index.planned)
        except BuildFailed as failure:
            outcome = (str(failure), "", None)
        outcome = pickle.dumps(outcome)
    finally:
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(outcome)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)  # nothing of the parent's (invoke, atexit) may run twice
