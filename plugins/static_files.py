"""Only files the site has checked leave the content folder as they are.

Pelican copies every file in STATIC_PATHS, and every file a post links to with {static},
exactly as it is, and the site's Content-Security-Policy trusts whatever its own address
serves: a web page or a script left in content/extra would run as part of the site. So a
file is published as it is only if it is one of the few kinds a psychoeducation site
hands out, and its bytes say it is that kind:

- a drawing (SVG) that holds nothing but a drawing (plugins/pictures/svg.py);
- a PDF handout or worksheet;
- the site's icon (favicon.ico).

Pictures (JPEG, PNG, ...) are never copied as they are: plugins/pictures publishes new
versions of those a post shows. Everything else, and any file outside the content
folder, is left out of the build here even if the checks were skipped;
plugins/checks/rules/content_files.py names each one, with what to do instead.
"""

import os
from pathlib import Path

from pelican import signals

from plugins.pictures import svg
from plugins.pictures.source import RASTER_SUFFIXES

# The first bytes of each kind published as it is: what the file holds, not its name.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".ico": (b"\x00\x00\x01\x00", b"\x89PNG\r\n\x1a\n"),  # an icon, or a PNG named .ico
}
# What a refused file is, in her words, by the end of its name: these would run, or
# change the site's pages, if the site's own address served them.
RUNS = {
    ".html": "a web page (HTML)",
    ".htm": "a web page (HTML)",
    ".xhtml": "a web page (XHTML)",
    ".shtml": "a web page (HTML)",
    ".js": "a script (JavaScript)",
    ".mjs": "a script (JavaScript)",
    ".css": "a style sheet (CSS)",
    ".xml": "a data file (XML)",
    ".xsl": "a style sheet for data (XSL)",
    ".json": "a data file (JSON)",
    ".wasm": "a program (WebAssembly)",
    ".svgz": "a compressed drawing (SVGZ)",
}
DOCUMENTS = {
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "a word-processor document",
    ".pages": "a Pages document",
    ".rtf": "a rich-text document",
    ".txt": "a plain-text file",
    ".md": "a post (Markdown) outside content/articles and content/pages",
}


def refusal(path):
    """Why a file cannot be published as it is, in plain words; None when it can.

    Pictures are not asked about here: they are never published as they are.
    """
    suffix = path.suffix.lower()
    if suffix == ".svg":
        dangers = svg.dangers(path)
        return (
            f"This drawing cannot be published as it is: {'; '.join(dangers)}." if dangers else None
        )
    if suffix in SIGNATURES:
        with open(path, "rb") as file:
            start = file.read(16)
        if start.startswith(SIGNATURES[suffix]):
            return None
        return (
            f"This file's name ends in {suffix}, but it holds something else"
            + (", a web page" if b"<" in start else "")
            + ". Only a real file of that kind is published."
        )
    if suffix in RUNS:
        return (
            f"This is {RUNS[suffix]}, which the site does not publish: on the site's own "
            "address it could run, or change pages, as if it were part of the site."
        )
    kind = DOCUMENTS.get(suffix) or (f"a {suffix} file" if suffix else "a file of no known kind")
    return (
        f"This is {kind}, which the site does not publish: from the content folder it "
        "publishes only pictures, drawings (SVG), PDF handouts and its icon."
    )


def published_as_is(path, content_root):
    """Whether Pelican may copy this file into the site unchanged."""
    path, content_root = os.path.realpath(path), os.path.realpath(content_root)
    if not path.startswith(os.path.join(content_root, "")):
        return False  # {static}/../… : a file from elsewhere on this computer
    if not os.path.isfile(path):
        return False  # a link to a missing file, which the checks explain
    path = Path(path)
    return path.suffix.lower() not in RASTER_SUFFIXES and refusal(path) is None


def keep_only_checked(generator):
    """Leave out of the build every static file that may not be published as it is."""
    kept = [
        static
        for static in generator.staticfiles
        if published_as_is(os.path.join(generator.path, static.source_path), generator.path)
    ]
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = generator.staticfiles


def register():
    # static_generator_finalized: Pelican has listed the files to copy, and copies none
    # until every generator is done. Listed before stale_pages, which records this list.
    signals.static_generator_finalized.connect(keep_only_checked)
