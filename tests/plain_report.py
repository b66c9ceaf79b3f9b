"""A pytest plugin for `invoke publish`: failed checks of a built site, in plain words.

Publishing runs the site's tests over the folder it is about to deploy. Their tracebacks
mean nothing to the clinician, so with this plugin (`-p tests.plain_report`) the failures
are told in the shape `invoke check` uses: the page, what it fails, the fix.

A failure is one of two kinds, and the fix differs:
- a test marked `writing` (tests/conftest.py) checks something her content decides, such as
  where a link leads: she is sent to `invoke check`, page by page;
- any other test checks what the site's own code and settings make of any content, such as
  the headers the server sends: `invoke check` cannot help, so she is told it is a bug in
  the site, not in her writing, check by check.
"""

import re

FAILURES = []
PAGES_SHOWN = 5  # a bug in the site fails the same check on every page: name a few


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


def is_about_the_writing(report):
    return "writing" in report.keywords


def _count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def writing_lines(failures):
    """Failures her content can cause, page by page, each sent to `invoke check`."""
    by_page = {}
    for report in failures:
        page, checked, found = describe(report)
        by_page.setdefault(page, []).append(f"{checked} ({found})" if found else checked)
    lines = [
        f"The built site has problems on {_count(len(by_page), 'page')}, so nothing was deployed:\n"
    ]
    for page, checks in by_page.items():
        lines.append(f"  ✗ {page}")
        lines.append(f"    It fails {'this check' if len(checks) == 1 else 'these checks'}: ")
        lines += [f"      - {check}" for check in checks]
        lines.append(
            "    How to fix: run `invoke check`, which names the file and line of each problem "
            "it knows; if it finds nothing, pass this message on to whoever maintains the site.\n"
        )
    return lines


def site_lines(failures, also=False):
    """Failures of the site's own code or settings, check by check, with the pages they hit.

    `also`: the failures her writing can cause were told first.
    """
    by_check = {}
    for report in failures:
        page, checked, found = describe(report)
        by_check.setdefault(checked, []).append((page, found))
    checks = _count(len(by_check), "check")
    lines = [
        (f"The site's own code or settings also fail {checks}. " if also else "")
        or f"The site's own code or settings fail {checks}, so nothing was deployed. ",
    ]
    lines[0] += (
        "This is a bug in the site, not a mistake in your writing: `invoke check` cannot "
        "find it and nothing in your posts needs to change.\n"
    )
    for checked, found in by_check.items():
        pages = [page for page, _ in found]
        shown = ", ".join(pages[:PAGES_SHOWN])
        more = f" and {len(pages) - PAGES_SHOWN} more" if len(pages) > PAGES_SHOWN else ""
        lines.append(f"  ✗ {checked}")
        lines.append(f"    on {_count(len(pages), 'page')}: {shown}{more}")
        first = next((what for _, what in found if what), "")
        if first:
            lines.append(f"    found: {first}")
    lines.append(
        "\n  What to do: pass this whole message on to whoever maintains the site's code "
        "(or report it where the site's code lives). Publishing works again once they have "
        "fixed it; your posts are safe as they are.\n"
    )
    return lines


def pytest_terminal_summary(terminalreporter):
    if not FAILURES:
        return
    writing = [report for report in FAILURES if is_about_the_writing(report)]
    own = [report for report in FAILURES if not is_about_the_writing(report)]
    lines = ["", "PLAIN REPORT"]
    if writing:
        lines += writing_lines(writing)
    if own:
        lines += site_lines(own, also=bool(writing))
    lines.append("END OF PLAIN REPORT")
    for line in lines:
        terminalreporter.write_line(line)
