"""Her portrait, when AUTHOR_PHOTO names one, exists, opens, and is described.

The portrait appears on About, under every article and in what search engines read,
so a mistake in its settings would show everywhere: the build stops and names the setting.
"""

from pathlib import Path

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.checks.rules.alt_text import describes_nothing
from plugins.checks.rules.images import picture_trouble
from plugins.checks.rules.links import same_name_written_otherwise, written_as_on_disk
from plugins.pictures.source import RASTER_SUFFIXES

SETTINGS_FILE = "pelicanconf.py"
LISTED = 8  # pictures named in the message; a folder of hundreds is summed up


@site_rule
def check(site):
    photo = site.settings.get("AUTHOR_PHOTO") or ""
    if not photo:
        return

    def problem(setting, what, fix):
        yield Problem("error", SETTINGS_FILE, None, setting, what, fix)

    path = Path(site.content_root) / photo
    if (
        not path.is_file()
        or not written_as_on_disk(path, site.content_root)
        or path.suffix.lower() not in RASTER_SUFFIXES
    ):
        yield from problem(
            "AUTHOR_PHOTO",
            f'AUTHOR_PHOTO is "{photo}", but there is no such picture in the content folder.'
            + _pictures_there(site.content_root),
            _photo_fix(path, site.content_root),
        )
        return
    trouble = picture_trouble(path, site.settings)
    if trouble:
        yield from problem("AUTHOR_PHOTO", f"The portrait {photo}: {trouble.what}", trouble.fix)
    alt = " ".join((site.settings.get("AUTHOR_PHOTO_ALT") or "").split())
    if not alt or describes_nothing(alt):
        yield from problem(
            "AUTHOR_PHOTO_ALT",
            "AUTHOR_PHOTO_ALT does not describe the portrait: people who use screen "
            "readers hear only this description.",
            'Write what the portrait shows, as AUTHOR_PHOTO_ALT = "Stephanie Post smiling '
            'in her office".',
        )


def _photo_fix(path, content_root):
    written_otherwise = same_name_written_otherwise(path, content_root)
    if written_otherwise:
        return (
            f'Write AUTHOR_PHOTO = "{written_otherwise}", the name exactly as the file is '
            "called, capitals and spaces alike: the web server tells them apart."
        )
    return (
        "Put the portrait in content/images/ and write its name, as AUTHOR_PHOTO = "
        '"images/portrait.jpg", or leave it empty ("") to show no portrait.'
    )


def _pictures_there(content_root):
    # The names she can choose from, so a misspelt one (Portrait.JPG, portrait.jpeg) shows.
    folder = Path(content_root) / "images"
    found = sorted(
        f"images/{p.relative_to(folder).as_posix()}"
        for p in (folder.rglob("*") if folder.is_dir() else ())
        if p.is_file() and p.suffix.lower() in RASTER_SUFFIXES
    )
    if not found:
        return " content/images/ holds no pictures."
    listed = ", ".join(found[:LISTED])
    more = f", and {len(found) - LISTED} more" if len(found) > LISTED else ""
    return f" The pictures in content/images/ are: {listed}{more}."
