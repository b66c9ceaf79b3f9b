"""The check over the corpus site: what it refuses is left out, and so is what makes it stop.

It runs as `invoke check --content …` does (plugins.runner.build, check only), in a
process of its own; when the check stops on an error it does not recognise, the traceback
it keeps names the case it was reading, so that case is left out and recorded.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import ROOT

CASE = re.compile(r"v\d{3}-[a-z-]+[a-z]")
# plugins/runner.py on an unexpected error, and the problem it makes of the file it was in
# (plugins/checks/rules/pelican_log.py): a crash named by its file is still a crash.
CRASH = "a problem the checks did not recognise"
CRASH_IN_A_FILE = "which the checks do not recognise yet"
CRASHED_IN = "The check stopped while reading case "
CHECK = r"""
import re, sys
from pathlib import Path, PurePath
sys.path.insert(0, sys.argv[1])
from plugins import runner
from tasks import SETTINGS, _overrides

content = Path(sys.argv[2])
try:
    runner.build(SETTINGS, _overrides(content=content, output=content.parent / "output"), True)
except runner.BuildFailed as failure:
    print(failure)
    names, error = [], failure.__context__
    frame = error.__traceback__ if error is not None else None
    while frame is not None:  # outermost first: the last case named is the one being read
        for value in frame.tb_frame.f_locals.values():
            for text in (getattr(value, "source_path", None), getattr(value, "path", None), value):
                if isinstance(text, (str, PurePath)):
                    names += re.findall(sys.argv[3], str(text))[:1]
        frame = frame.tb_next
    if sys.argv[5] in str(failure) and names:  # without a file named
        print(sys.argv[4] + names[-1])
    sys.exit(1)
"""


def _check(content):
    return subprocess.run(
        [sys.executable, "-c", CHECK, str(ROOT), str(content), CASE.pattern, CRASHED_IN, CRASH],
        capture_output=True,
        text=True,
        timeout=1800,
    )


def _stash(site, names, folder):
    """Move the files of `names` into `folder` (None: delete them), out of the content."""
    for name in names:
        for path in site.cases[name].files:
            source = site.content / path
            if folder is not None and source.exists():
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(source, folder / path)
            else:
                source.unlink(missing_ok=True)
    # The import recorded the posts' old addresses: without the post they lead nowhere.
    gone = {
        path
        for name in names
        if site.cases[name].door == "import"
        for path in site.cases[name].files
    }
    redirects = site.content / "redirects.txt"
    if gone and redirects.exists():
        lines = redirects.read_text(encoding="utf-8").splitlines(keepends=True)
        if folder is not None:
            (folder / "redirects.txt").write_text("".join(lines), encoding="utf-8")
        kept = [line for line in lines if not any(path in line for path in gone)]
        redirects.write_text("".join(kept), encoding="utf-8")


def _unstash(site, names, folder):
    for name in names:
        for path in site.cases[name].files:
            if (folder / path).exists():
                shutil.move(folder / path, site.content / path)
    if (folder / "redirects.txt").exists():
        shutil.move(folder / "redirects.txt", site.content / "redirects.txt")


def _remove(site, name, why):
    site.refused.setdefault(name, why)
    _stash(site, [name], None)


def _crashing_case(site):
    """The case that makes the check stop, found by halving when the traceback names none."""
    suspects = [name for name in site.cases if name not in site.refused and site.cases[name].files]
    stash = Path(tempfile.mkdtemp(prefix="stash-", dir=site.content.parent))
    while len(suspects) > 1:
        half, rest = suspects[: len(suspects) // 2], suspects[len(suspects) // 2 :]
        _stash(site, rest, stash)
        done = _check(site.content)
        _unstash(site, rest, stash)
        suspects = half if CRASH in done.stdout else rest
    shutil.rmtree(stash)
    return suspects[0] if suspects else None


def run(site, rounds=30):
    """Check, and leave out every case refused, until the rest passes.

    A case that makes the check stop without a plain message naming its file is left out
    too, and recorded in `site.crashed`: the build stops, so nothing runs, but the
    clinician is not told what to fix.
    """
    for _ in range(rounds):
        done = _check(site.content)
        if done.returncode == 0:
            return
        report = done.stdout + done.stderr
        in_a_file = [
            found
            for block in re.split(r"\n\s*\n", report)
            if CRASH_IN_A_FILE in block
            for found in CASE.findall(block)[:1]
        ]
        if in_a_file:
            for name in in_a_file:
                site.crashed[name] = (
                    "the check stopped on it: " + report.split("line on to")[-1][:120]
                )
                _remove(site, name, "the check stopped with no plain message")
            continue
        if CRASH in report:
            named = [line for line in report.splitlines() if line.startswith(CRASHED_IN)]
            name = named[-1].removeprefix(CRASHED_IN) if named else _crashing_case(site)
            if name not in site.cases or name in site.refused:
                raise AssertionError(f"The check stopped and no case explains it:\n{report}")
            message = [line.strip() for line in report.splitlines() if "Error" in line]
            site.crashed[name] = (message or ["?"])[0][:120]
            _remove(site, name, "the check stopped with no plain message")
            continue
        named = set()
        for block in re.split(r"\n\s*\n", report):  # one problem a paragraph
            if not block.strip().startswith("✗"):
                continue  # a suggestion: it does not stop the build
            for found in CASE.findall(block):
                if found in site.cases and found not in site.refused:
                    named.add(found)
                    _remove(site, found, " ".join(block.split())[:160])
        if not named:
            raise AssertionError(f"The check refused something no case explains:\n{report}")
    raise AssertionError("The check still refused cases after leaving out those it named.")
