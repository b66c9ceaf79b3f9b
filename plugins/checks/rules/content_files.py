"""The content folder holds only what may be published, in a form the site can read.

A link (symlink) in the content folder would publish whatever it points to, such as a
home folder with private keys, so links are refused. The post folders hold Markdown
files ending in .md; a post saved as rich text, a Word document or a web page is named
with how to save it as plain text, instead of silently not appearing. Everywhere else
the folder holds pictures, drawings, PDF handouts and the site's icon, each what its name
says (plugins/static_files.py): a web page, script or style sheet would run as part of
the site, so each other file is named with what to do instead. Drawings are
rules/drawings.py's, and pictures rules/images.py's.
"""

import os
from pathlib import Path

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.pictures.source import RASTER_SUFFIXES
from plugins.redirects import REDIRECTS_FILE
from plugins.static_files import DOCUMENTS, SIGNATURES, refusal

SAVE_AS_PLAIN_TEXT = (
    "Save it as plain text with a name ending in .md: in TextEdit choose Format > Make "
    "Plain Text, then File > Save; in Word choose File > Save As > Plain Text, then rename "
    "the file so its name ends in .md."
)
FORMATS = {
    ".rtf": "rich text (RTF)",
    ".rtfd": "rich text (RTFD)",
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "a word-processor document",
    ".pages": "a Pages document",
    ".html": "a web page (HTML)",
    ".htm": "a web page (HTML)",
    ".txt": "plain text without the .md ending",
    ".markdown": "Markdown with a long ending",
}
# The site's own files at the top of the content folder, read by the site or the importer
# (importer/ MANIFEST), never published.
SITE_FILES = frozenset({REDIRECTS_FILE, "new-post-template.md", "import-manifest.json"})
AS_PDF = "Save it as PDF (File > Save As or Export, then PDF) and put the PDF in content/extra."
ELSEWHERE = (
    "Delete it from the content folder. To share a tool or a web page, link to it where it "
    "lives on another website; to share a handout, save it as PDF and put it in content/extra."
)


@site_rule
def check(site):
    root = str(site.content_root)
    post_folders = [
        os.path.join(root, folder)
        for folder in (*site.settings["ARTICLE_PATHS"], *site.settings["PAGE_PATHS"])
    ]
    for folder, folders, names in os.walk(root):  # links are not followed
        folders[:] = [name for name in folders if not name.startswith(".")]
        in_posts = any(folder == f or folder.startswith(f + os.sep) for f in post_folders)
        for name in sorted(folders + names):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                yield _link(site, path)
            elif name not in names or name.startswith("."):
                continue  # hidden files are never published (IGNORE_FILES)
            elif in_posts:
                if not name.endswith(".md"):
                    yield _not_markdown(site, path, name)
            elif not (folder == root and name in SITE_FILES):
                yield from _not_publishable(site, path, name)


def _link(site, path):
    return Problem(
        "error",
        site.display(path),
        None,
        "file",
        f"This is a link to {os.readlink(path)}, not a file or folder of its own. Links are "
        "refused because they can publish files from elsewhere on this computer, such as "
        "private keys or your browsing history.",
        "Delete the link, and copy into the folder only the files readers should see.",
    )


def _not_markdown(site, path, name):
    kind = FORMATS.get(os.path.splitext(name)[1].lower())
    if kind is None:
        return Problem(
            "error",
            site.display(path),
            None,
            "file",
            "This file is not a post (a Markdown file ending in .md), so the site does not "
            "publish it.",
            "Move pictures to content/images and other files to content/extra; save posts "
            "as plain text with a name ending in .md.",
        )
    return Problem(
        "error",
        site.display(path),
        None,
        "file",
        f"This post is saved as {kind}, so the site cannot read it and would not publish it.",
        SAVE_AS_PLAIN_TEXT,
    )


def _not_publishable(site, path, name):
    suffix = os.path.splitext(name)[1].lower()
    if suffix in RASTER_SUFFIXES or suffix == ".svg":
        return
    what = refusal(Path(path))
    if what is None:
        return
    if suffix in SIGNATURES:
        fix = "Open it in the program that made it, save it again, and put that file in its place."
    elif suffix == ".md":
        fix = "Move it to content/articles (an article) or content/pages (a page)."
    elif suffix in DOCUMENTS:
        fix = AS_PDF
    else:
        fix = ELSEWHERE
    yield Problem("error", site.display(path), None, "file", what, fix)
