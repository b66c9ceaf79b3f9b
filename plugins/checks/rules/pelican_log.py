"""Pelican's own warnings, so that none of them passes unnoticed.

Pelican on its own skips an article it cannot read and carries on with a warning.
Every warning it logs is kept here and reported as an error, except those about
files another rule has already explained in plain words.
"""

import logging
import re
from pathlib import Path

from plugins.checks.problem import Problem

FILE_NAME = re.compile(r"[\w./-]+\.\w+")
# Pelican's words for a topic, tag or author without a web address; the front-matter rule
# names the file and the line of the same word, quoting it first.
NO_SLUG = re.compile(r'Unable to generate valid slug for \w+ "(.*)"\.', re.S)


class PelicanMessages(logging.Handler):
    """Keeps the warnings Pelican logs during a build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


messages = PelicanMessages()


def start_listening():
    # At `initialized`, so that warnings from reading are caught too.
    messages.records.clear()
    logger = logging.getLogger("pelican")
    if messages not in logger.handlers:
        logger.addHandler(messages)


def check(found):
    """Pelican's warnings as errors, except those about files `found` has already explained.

    A problem explains its own file and any file its message names (a missing image, say):
    one problem, one message.
    """
    explained = set()
    for problem in found:
        if problem.severity == "error":
            explained.add(Path(problem.file).name)
            explained.update(Path(name).name for name in FILE_NAME.findall(problem.what))
    for record in messages.records:
        message = record.getMessage()
        if any(name in message for name in explained):
            continue
        no_slug = NO_SLUG.fullmatch(message.strip())
        if no_slug and any(p.what.startswith(f'"{no_slug[1]}"') for p in found):
            continue
        yield Problem(
            "error",
            "the build",
            None,
            "Pelican",
            message.strip(),
            "Fix what the message describes; ask for help if it is unclear.",
        )
