"""A pytest plugin for `invoke publish`: failed checks of a built site, in plain words.

Publishing runs the site's tests over the folder it is about to deploy. Their tracebacks
mean nothing to the clinician, so with this plugin (`-p tests.plain_report`) the failures
are told page by page in the shape `invoke check` uses: the page, what it fails, the fix.
"""

import re

FAILURES = []


def pytest_runtest_logreport(report):
    if report.failed:
        FAILURES.append(report)


def describe(report):
    """(the page, what was checked, and what was found when the test says so) of a failure."""
    name = report.nodeid.split("::")[-1]
    checked, _, page = name.partition("[")
    checked = checked.removeprefix("test_").replace("_", " ")
    crash = getattr(report.longrepr, "reprcrash", None)
    found = crash.message if crash else ""
    found = found.removeprefix("AssertionError: ").split("\n")[0].strip()
    # A bare `assert` or an error's own words describe the test, not the page.
    if re.match(r"^(assert |\w+Error: |\w+$)", found):
        found = ""
    return page.rstrip("]") or "the site", checked, found.removeprefix(f"{page.rstrip(']')}: ")


def pytest_terminal_summary(terminalreporter):
    if not FAILURES:
        return
    by_page = {}
    for report in FAILURES:
        page, checked, found = describe(report)
        by_page.setdefault(page, []).append(f"{checked} ({found})" if found else checked)
    write = terminalreporter.write_line
    count = f"{len(by_page)} page{'' if len(by_page) == 1 else 's'}"
    write(f"\nPLAIN REPORT\nThe built site has problems on {count}, so nothing was deployed:\n")
    for page, checks in by_page.items():
        write(f"  ✗ {page}")
        write(f"    It fails {'this check' if len(checks) == 1 else 'these checks'}: ")
        for check in checks:
            write(f"      - {check}")
        write(
            "    How to fix: run `invoke check`, which names the file and line of each problem "
            "it knows; if it finds nothing, pass this message on to whoever maintains the site.\n"
        )
    write("END OF PLAIN REPORT")
