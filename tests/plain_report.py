"""A pytest plugin for `invoke publish`: failed checks of a built site, in plain words.

Publishing runs the site's tests over the folder it is about to deploy. Their tracebacks
mean nothing to the clinician, so with this plugin (`-p tests.plain_report`) each failure
is one message in the shape `invoke check` uses: the page, what was checked, what was found.
"""

import re

FAILURES = []


def pytest_runtest_logreport(report):
    if report.failed:
        FAILURES.append(report)


def describe(report):
    """(the page, what was checked, what was found) of a failed test."""
    name = report.nodeid.split("::")[-1]
    checked, _, page = name.partition("[")
    checked = checked.removeprefix("test_").replace("_", " ")
    crash = getattr(report.longrepr, "reprcrash", None)
    found = crash.message if crash else str(report.longrepr).splitlines()[-1]
    found = re.split(r"\nassert |\n  ", found.removeprefix("AssertionError: "), maxsplit=1)[0]
    return page.rstrip("]") or "the site", checked, found.strip()


def pytest_terminal_summary(terminalreporter):
    if not FAILURES:
        return
    write = terminalreporter.write_line
    count = f"{len(FAILURES)} check{'' if len(FAILURES) == 1 else 's'}"
    write(f"\nPLAIN REPORT\nThe built site failed {count}, so nothing was deployed:\n")
    for report in FAILURES:
        page, checked, found = describe(report)
        write(f"  ✗ {page} ({checked})")
        write(f"    {found}")
        write(
            "    How to fix: run `invoke check`, which names the file and line of each problem "
            "it knows; if it finds nothing, pass this message on to whoever maintains the site.\n"
        )
