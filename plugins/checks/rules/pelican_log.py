"""Pelican's own warnings, so that none of them passes unnoticed.

Pelican on its own skips an article it cannot read and carries on with a warning.
Every warning it logs is kept here and reported as an error, except those about
files another rule has already explained in plain words.
"""

import logging
import os
import re
import sys
from pathlib import Path

from plugins.checks.problem import Problem
from plugins.checks.source import display

FILE_NAME = re.compile(r"[\w./-]+\.\w+")
UNREADABLE = "Could not process %s"  # Pelican's words for a post it could not read
# Pelican's words for a topic, tag or author without a web address; the front-matter rule
# names the file and the line of the same word, quoting it first.
NO_SLUG = re.compile(r'Unable to generate valid slug for \w+ "(.*)"\.', re.S)


class PelicanMessages(logging.Handler):
    """Keeps the warnings Pelican logs during a build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        # Pelican logs a post it could not read from inside its `except`, without the error
        # unless DEBUG is set: keep the error, which says why and where.
        if record.msg == UNREADABLE and not record.exc_info and sys.exc_info()[1] is not None:
            record.caught = sys.exc_info()
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
        failed = unreadable_post(record)
        if failed:
            yield failed
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


def unreadable_post(record):
    """Pelican's "Could not process <file>", with the reason, as a problem of that file.

    Pelican logs the error it caught from inside its generator, whose folder the file's
    name is relative to.
    """
    caught = record.exc_info or getattr(record, "caught", None)
    if not caught or record.msg != UNREADABLE:
        return None
    error, traceback = caught[1], caught[2]
    generator = traceback.tb_frame.f_locals.get("self") if traceback else None
    root = getattr(generator, "path", None)
    if not isinstance(root, str) or not record.args:
        return None
    return file_failed(display(os.path.join(root, str(record.args[0])), root), error, False)


def file_failed(shown, error, writing):
    """The problem of a file the site stopped on while reading or publishing it."""
    return Problem(
        "error",
        shown,
        None,
        "the whole file",
        f"The site could not {'publish' if writing else 'read'} this file: {_reason(error)}",
        "Undo your last change to this file and build again. If the problem stays, pass this "
        f"line on to whoever maintains the site: {type(error).__name__}: {error}",
    )


def _reason(error):
    if isinstance(error, UnicodeError):
        return "it is not saved as plain text (UTF-8)."
    if "control characters" in str(error).lower():
        return "it holds an invisible control character, which web pages and feeds cannot hold."
    return "something in it stopped the build, which the checks do not recognise yet."
