"""Removes pages of the last build whose source is gone or has moved to another address.

A local build keeps its output folder between builds (it is faster, and a failed build
leaves the last good site in place), so a deleted post, a renamed slug or a draft that
was published would leave its old page behind: the preview would go on saying "Draft"
at the address `new-post` gave. After each build, every file the previous build wrote
and this one did not is removed; nothing the site did not write is ever touched. In the
preview, a draft's old address leads to where the post is now published.

The list of what the last build wrote is kept beside the build cache (not inside the
output, which is published), and so is the list of every draft address a preview has
shown: a build without drafts in between (`invoke build`, `invoke preview`) removes the
draft's page, and the next preview still knows to lead its address to the post.
"""

import html
import json
import os
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

WRITTEN_FILE = "written-files.json"
DRAFTS_FILE = "draft-addresses.json"
NOW_PUBLISHED = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}">
<title>Published: {title}</title>
</head>
<body>
<p>This draft is now published: <a href="{url}">{title}</a>.</p>
</body>
</html>
"""
_written = set()  # output paths this build has written, relative to the output folder
_moved = {}  # a published post's draft address -> (its address now, its title)
_drafts = set()  # the draft addresses of the posts that are drafts in this build


def _record_path(settings, name=WRITTEN_FILE):
    # Beside the cache folders, which are named after the code: a code change keeps it.
    return Path(settings["CACHE_PATH"]).parent / name


def _read_record(path):
    try:
        return set(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError):
        return set()


def start(pelican):
    # initialized: a new build has written nothing yet.
    _written.clear()
    _moved.clear()
    _drafts.clear()


def note_page(path, context):
    # content_written: every page Pelican writes, or leaves as it is (unchanged_pages.py).
    output = context.get("OUTPUT_PATH", "")
    _written.add(os.path.relpath(path, output))


def note_files(generator):
    # static_generator_finalized: the files copied as they are (images, extra).
    _written.update(static.save_as for static in generator.staticfiles)


def note_drafts(generator):
    # article_ and page_generator_finalized: where each published post's draft used to be.
    settings = generator.settings
    for post in [*getattr(generator, "articles", ()), *getattr(generator, "pages", ())]:
        setting = "DRAFT_SAVE_AS" if isinstance(post, Article) else "DRAFT_PAGE_SAVE_AS"
        if isinstance(post, (Article, Page)) and settings.get(setting):
            draft = settings[setting].format(slug=post.slug)
            _moved[draft] = (f"{settings['SITEURL']}/{post.url}", post.title)
    for kind, setting in (("drafts", "DRAFT_SAVE_AS"), ("draft_pages", "DRAFT_PAGE_SAVE_AS")):
        if settings.get(setting):
            drafts = getattr(generator, kind, ())
            _drafts.update(settings[setting].format(slug=draft.slug) for draft in drafts)


def remove_stale(pelican):
    # finalized: every page is written, and the theme's files and _headers before this.
    settings = pelican.settings
    if settings.get("CHECK_ONLY"):
        return
    output = Path(pelican.output_path)
    written = _written | set(settings.get("ASSETS", {}).values()) | {"_headers"}
    record = _record_path(settings)
    previous = _read_record(record)
    if settings.get("SHOW_DRAFTS"):
        for relative in sorted(_now_published(settings, previous) - written):
            url, title = _moved[relative]
            title = html.escape(html.unescape(title))
            page = NOW_PUBLISHED.format(lang=settings["DEFAULT_LANG"], url=url, title=title)
            path = output / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page, encoding="utf-8")
            written.add(relative)
    for relative in sorted(previous - written):
        path = output / relative
        path.unlink(missing_ok=True)
        _remove_empty_folders(path.parent, output)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(sorted(written)), "utf-8")


def _now_published(settings, previous):
    """The draft addresses a preview has shown whose post is published now.

    Only these: a published post never shown as a draft has no old address to lead from.
    """
    record = _record_path(settings, DRAFTS_FILE)
    shown = _read_record(record) | (previous & _moved.keys()) | _drafts
    shown &= _drafts | _moved.keys()  # a deleted post's address is forgotten
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(sorted(shown)), "utf-8")
    return shown & _moved.keys()


def _remove_empty_folders(folder, output):
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def register():
    signals.initialized.connect(start)
    signals.content_written.connect(note_page)
    signals.static_generator_finalized.connect(note_files)
    signals.article_generator_finalized.connect(note_drafts)
    signals.page_generator_finalized.connect(note_drafts)
    signals.finalized.connect(remove_stale)
