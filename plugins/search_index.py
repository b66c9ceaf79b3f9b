"""Builds the site's search index with Pagefind, so search needs no third party.

Pagefind reads the finished HTML and writes a compressed index and its scripts
into output/pagefind/; the search page (theme/templates/search.html) loads them.
Only what the templates mark with `data-pagefind-body` (articles and pages) is indexed.
"""

import os
import shutil
import subprocess
import sys

from pelican import signals


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message carries its own words."""


def index(pelican):
    # `finalized` runs once every page is written, for development and publish builds alike.
    if pelican.settings.get("CHECK_ONLY"):
        return
    # Pagefind never deletes the fragments of an earlier index: start from nothing, so a
    # rebuild holds exactly what a build from scratch does (tests/test_build_equivalence.py).
    shutil.rmtree(os.path.join(pelican.output_path, "pagefind"), ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", pelican.output_path, "--silent"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SearchIndexFailed(f"Pagefind could not build the search index:\n{result.stderr}")


def register():
    signals.finalized.connect(index)
