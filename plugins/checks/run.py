"""Runs every rule over the content once Pelican has read it, before anything is written.

Whoever starts the build (plugins/runner.py) hands in a `Results` as the CHECK_RESULTS
setting and reads the warnings from it afterwards; errors stop the build by raising
ContentProblems (or CheckFinished for `invoke check`, which writes nothing).
"""

import contextlib
import ctypes

from pelican import signals

from plugins import compat
from plugins.checks import rules
from plugins.checks.cache import Findings
from plugins.checks.problem import CheckFinished, ContentProblems
from plugins.checks.rules import pelican_log, readability
from plugins.checks.source import Site, key, read_source, source_files
from plugins.front_matter import site_today
from plugins.markdown_reader import WITHHELD
from plugins.posts import every_post


class Results:
    """What the checks of one build found, for whoever started it."""

    def __init__(self):
        self.warnings = []
        self.grading = None  # the readability grades on their way, with where they go
        self.messages = pelican_log.messages

    def __reduce__(self):
        # Pelican's cache pickles the settings along with each post's category; the
        # results belong to one build, so a copy read back from the cache starts empty.
        return (Results, ())

    def late_messages(self):
        """What Pelican logged after the checks had run, while it was writing."""
        return [record.getMessage() for record in self.messages.records]


def results_of(settings):
    if not isinstance(settings.get("CHECK_RESULTS"), Results):
        settings["CHECK_RESULTS"] = Results()  # built by Pelican itself, not by the runner
    return settings["CHECK_RESULTS"]


def start(pelican):
    # initialized: listen to Pelican's warnings from the start, reading included.
    results = results_of(pelican.settings)
    results.grading = None  # a build that failed while writing never asked for its grades
    pelican_log.start_listening()


def check_everything(generators):
    # all_generators_finalized: everything is read, nothing is written yet.
    _check_everything(generators)
    # The checks' copies of every file are let go of now. glibc keeps freed memory for
    # later use unless asked to give it back: 7 MB at 1,000 articles while pages are written.
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


def _check_everything(generators):
    settings = generators[0].settings
    contents = _contents(generators)
    site = Site(settings, settings["PATH"], site_today(settings), contents=contents)
    site.generators = generators
    problems = []
    for path, kind in source_files(site.content_root, settings):
        content = site.contents.get(key(path))
        html = compat.html_of(content) if content is not None else None
        if getattr(content, WITHHELD, False):
            html = None  # the page left out what a rule refuses: read the file as she wrote it
        source, unreadable = read_source(path, kind, site, html)
        if unreadable:
            problems.append(unreadable)
        else:
            site.sources[key(path)] = source
    # Grades only ever give advice: the worker grades while the other checks run and the
    # site is written, and their warnings join the others, in this place, at the end.
    grading = readability.start(site)
    findings = Findings(settings)
    for source in site.sources.values():
        for rule in rules.FILE_RULES:
            problems += findings.of(rule, source, site)
        source.forget_elements()  # a site rule that needs them again parses the few it needs
    findings.save()
    graded_at = len(problems)
    for rule in rules.SITE_RULES:
        problems += rule(site)
    problems += pelican_log.check(problems)
    errors = [p for p in problems if p.severity == "error"]
    if settings.get("CHECK_ONLY") or errors:
        problems[graded_at:graded_at] = grading.problems()
        raise (CheckFinished if settings.get("CHECK_ONLY") else ContentProblems)(problems)
    results = results_of(settings)
    results.warnings = problems
    results.grading = (grading, graded_at)


def add_readability_warnings(pelican):
    # finalized, before the search index. The worker has graded while the pages were
    # written; the last grades cost little to wait for, and letting the worker go leaves
    # Pagefind its memory. The preview keeps it for the next save.
    results = results_of(pelican.settings)
    if results.grading is not None:
        grading, at = results.grading
        results.warnings[at:at] = grading.problems()
        results.grading = None
    if not pelican.settings.get("PREVIEW"):
        from plugins.readability import stop_graders

        stop_graders()


def _contents(generators):
    """Every article and page Pelican read, drafts and hidden ones included, by source path."""
    return {key(content.source_path): content for content in every_post(generators)}


def register():
    signals.initialized.connect(start)
    signals.all_generators_finalized.connect(check_everything)
    signals.finalized.connect(add_readability_warnings)
