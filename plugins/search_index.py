"""Builds the site's search index with Pagefind, so search needs no third party.

Pagefind reads the finished HTML and writes a compressed index and its scripts
into output/pagefind/; the search page (theme/templates/search.html) loads them.
Only what the templates mark with `data-pagefind-body` (articles and pages) is indexed,
and Pagefind reads only the files where articles and pages are saved: not the tag,
category and archive lists, which hold nothing to index, and not the drafts.
"""

import os
import re
import shutil
import subprocess
import sys

from pelican import signals


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message carries its own words."""


_background = None  # the preview's indexing process, still running or finished


def published_pages_glob(settings):
    """A Pagefind glob for the files articles and pages are saved as.

    Each field becomes a wildcard: articles/{slug}/index.html gives articles/*/index.html.
    """
    patterns = {
        re.sub(r"\{[^}]*\}", "*", settings[name]) for name in ("ARTICLE_SAVE_AS", "PAGE_SAVE_AS")
    }
    return "{" + ",".join(sorted(patterns)) + "}"


def stop_outdated_index(pelican=None):
    # initialized: a newer save makes the preview's running index out of date, and
    # stopping it at once gives the new build both cores.
    if _background is not None and _background.poll() is None:
        _background.terminate()
        _background.wait()


def index(pelican):
    # `finalized` runs once every page is written, for development and publish builds alike.
    global _background
    if pelican.settings.get("CHECK_ONLY"):
        return
    stop_outdated_index()
    # Pagefind never deletes the fragments of an earlier index: start from nothing, so a
    # rebuild holds exactly what a build from scratch does (tests/test_build_equivalence.py).
    shutil.rmtree(os.path.join(pelican.output_path, "pagefind"), ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", pelican.output_path, "--silent"]
    command += ["--glob", published_pages_glob(pelican.settings)]
    if pelican.settings.get("SEARCH_INDEX_IN_BACKGROUND"):
        # Preview (invoke livereload): indexing takes seconds, longer than the rest of a
        # rebuild, so the page refreshes at once and search catches up a moment later.
        _background = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexFailed(f"Pagefind could not build the search index:\n{result.stderr}")


def register():
    signals.initialized.connect(stop_outdated_index)
    signals.finalized.connect(index)
