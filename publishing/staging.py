"""The folder `invoke publish` builds into: used only when it is new, empty, or its own.

A public build empties its folder first (DELETE_OUTPUT_DIRECTORY in publishconf.py), so a
folder holding anything else is refused before anything is built, unless a `.psych-site-build`
file in it says that a publish of this same site built it: the idea of the rsync target's
`.psych-site-deploy`. Pelican keeps the marker when it empties the folder (OUTPUT_RETENTION).
The marker is never checked or deployed: the checks and the target are given the folder
without it (`without_marker`).
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from publishing import DeployRefused

MARKER = ".psych-site-build"


def identity(sitename):
    return f"site: {sitename}\n"


def check(folder, sitename, always_ours=None):
    """Refuse unless `folder` is new, empty, or built by a publish of this site.

    `always_ours` is the project's own staging/ folder, which publish built before there
    was a marker.
    """
    folder = Path(folder)
    if folder == always_ours or not folder.exists():
        return
    if not folder.is_dir():
        raise DeployRefused(f"--output {folder} is a file, not a folder, so nothing was built.")
    marker = folder / MARKER
    if marker.is_file() and marker.read_text(encoding="utf-8") == identity(sitename):
        return
    found = sorted(path.name for path in folder.iterdir())
    if not found:
        return
    shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    raise DeployRefused(
        f"{folder} is not a folder that publish built for this site, so nothing was built "
        "and nothing in it was changed (publishing empties its folder first).\n"
        f"  It contains: {shown}\n"
        f"  A folder publish built holds a {MARKER} file naming {sitename!r}.\n"
        "Give --output a new or empty folder, or leave --output out to build into staging/."
    )


def claim(folder, sitename):
    """Mark `folder` as this site's publish build, creating it if need be."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(identity(sitename), encoding="utf-8")


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


@contextlib.contextmanager
def without_marker(folder, work):
    """Yield the site in `folder` without the marker: a copy in `work`, made of hard links."""
    folder, work = Path(folder), Path(work)
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="checked-", dir=work) as copy:
        site = Path(copy) / "site"
        shutil.copytree(
            folder,
            site,
            symlinks=True,
            copy_function=_link_or_copy,
            ignore=lambda directory, names: [MARKER] if Path(directory) == folder else [],
        )
        yield site
