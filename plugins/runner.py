"""Runs Pelican in this process and turns its outcome into plain words.

`invoke build`, `check`, `livereload` and `publish` all come through here, so
each of them applies the same checks and treats any warning as a failure.
"""

import logging

from pelican import Pelican
from pelican.contents import Content
from pelican.settings import read_settings
from pelican.utils import memoized

from plugins.content_checks import CheckFinished, ContentProblems, pelican_messages, report


class BuildFailed(Exception):
    """The site was not built; the message says why and what to do."""


def forget_previous_build():
    """Empty Pelican's class-level caches, which keep every article of every build alive.

    `invoke livereload` builds again and again in one process: without this, each
    rebuild holds on to all the articles of the previous ones, and gets slower.
    """
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
