"""One site that carries every attack vector through every door a clinician or an import has.

Each (vector, door) is a case, named like v012-field-title: an article (and for drawings its
SVG) whose file names and slug carry that name. `invoke check` runs once over all of them;
the cases it refuses are a safe outcome and are left out; the rest are built once with the
public settings, as they would be deployed.
"""

import atexit
import contextlib
import functools
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from PIL import Image

from tests import corpus_check
from tests.conftest import FIXTURES, ROOT, invoke

CASE = re.compile(r"v\d{3}-[a-z-]+[a-z]")
PICTURE = "{static}/images/square.png"
# A landscape share picture large enough for the share-image checks, so ImageAlt is used.
SHARE_PICTURE = "images/landscape.png"
# Every field an article takes (plugins/front_matter.py FIELDS), and the page-only Template.
ARTICLE_FIELDS = (
    "Title",
    "Date",
    "Modified",
    "Summary",
    "Category",
    "Tags",
    "Image",
    "ImageAlt",
    "Slug",
    "Status",
    "Author",
    "Reviewed",
    "ReviewedBy",
    "NextReview",
)
PAGE_FIELDS = ("Template",)


@dataclass
class Case:
    index: int
    door: str
    vector: str
    files: dict = field(default_factory=dict)  # path in content/ -> text

    @property
    def name(self):
        return f"v{self.index:03d}-{self.door}"


def _one_field(value):
    """A value as a front-matter field holds it: lines after the first indented, none empty."""
    lines = [line for line in value.replace("\r", "\n").split("\n") if line.strip()]
    return "\n    ".join(lines) or "-"


def _article(name, fields=None, body=""):
    values = {
        "Title": f"Case {name}",
        "Date": "2026-01-15",
        "Summary": "An attack vector from a public corpus, in one door of the site.",
        "Category": "Testing",
        "Slug": name,
    }
    values.update(fields or {})
    head = "".join(f"{key}: {_one_field(value)}\n" for key, value in values.items())
    return f"{head}\nCase {name}.\n\n{body}\n"


def _svg(inside, label=""):
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"'
        f'{label}><rect width="120" height="60" fill="#2a6"/>{inside}</svg>\n'
    )


def cases(vectors):
    """Every case for every vector: [Case], in a stable order."""
    made = []
    for index, _origin, vector in vectors:

        def case(door, vector=vector, index=index, **files):
            made.append(Case(index, door, vector))
            made[-1].files = {path.format(name=made[-1].name): text for path, text in files.items()}
            return made[-1]

        name = f"v{index:03d}"
        case("body", **{"articles/{name}.md": _article(f"{name}-body", body=vector)})
        for key in ARTICLE_FIELDS:
            door = f"field-{key.lower()}"
            value = f"{vector} {index}" if key in ("Title",) else vector
            fields = {key: value}
            if key == "ImageAlt":
                fields = {"Image": SHARE_PICTURE, key: value}
            case(door, **{"articles/{name}.md": _article(f"{name}-{door}", fields)})
        for key in PAGE_FIELDS:
            door = f"field-{key.lower()}"
            case(door, **{"pages/{name}.md": _article(f"{name}-{door}", {key: vector})})
        line = " ".join(vector.split())  # a picture's words are one line in Markdown
        markdown = f'![{line}]({PICTURE} "{line}")'
        case(
            "picture-markdown",
            **{"articles/{name}.md": _article(f"{name}-picture-markdown", body=markdown)},
        )
        tag = f'<img src="{PICTURE}" alt="{vector}" title="{vector}">'
        case("picture-html", **{"articles/{name}.md": _article(f"{name}-picture-html", body=tag)})
        drawings = {
            # The vector as words of the drawing: its title, description, a label and text.
            "drawing-words": _svg(
                f"<title>{escape(vector)}</title><desc>{escape(vector)}</desc>"
                f'<text x="10" y="30">{escape(vector)}</text>',
                f" aria-label={quoteattr(vector)}",
            ),
            # The vector as markup inside the drawing, as a file edited by hand would hold it.
            "drawing-markup": _svg(vector),
        }
        if "<svg" in vector.lower():
            drawings["drawing-document"] = vector  # the vector is a drawing itself
        for door, drawing in drawings.items():
            shows = f"![A drawing for case {name}-{door}]({{static}}/images/{name}-{door}.svg)"
            case(
                door,
                **{
                    "articles/{name}.md": _article(f"{name}-{door}", body=shows),
                    "images/{name}.svg": drawing,
                },
            )
    return made


def wordpress_export(vectors):
    """A WordPress export with one post per vector, in its title and its text."""
    items = []
    for index, _origin, vector in vectors:
        name = f"v{index:03d}-import"
        body = f"<p>Case {name}.</p>\n{vector}"
        items.append(
            f"<item><title>{escape(vector)} {index}</title>"  # titles must differ
            f"<link>https://old.example.org/{name}/</link>"
            f"<pubDate>Mon, 06 May 2019 16:30:00 +0000</pubDate>"
            f"<content:encoded>{escape(body)}</content:encoded>"
            f"<excerpt:encoded>{escape(vector)}</excerpt:encoded>"
            f"<wp:post_id>{1000 + index}</wp:post_id>"
            f"<wp:post_date>2019-05-06 09:30:00</wp:post_date>"
            f"<wp:post_name>{name}</wp:post_name><wp:status>publish</wp:status>"
            f"<wp:post_type>post</wp:post_type>"
            f'<category domain="category" nicename="testing">{escape(vector)}</category>'
            f'<category domain="post_tag" nicename="t{index}">{escape(vector)}</category>'
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
        ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Old blog</title>'
        "<link>https://old.example.org</link><wp:wxr_version>1.2</wp:wxr_version>"
        "<wp:base_site_url>https://old.example.org</wp:base_site_url>"
        "<wp:base_blog_url>https://old.example.org</wp:base_blog_url>\n"
        + "\n".join(items)
        + "\n</channel></rss>\n"
    )


@dataclass
class Site:
    """The content written for the corpus, what the check refused, and the built site."""

    content: Path
    cases: dict  # name -> Case
    refused: dict = field(default_factory=dict)  # name -> the check's first words on it
    crashed: dict = field(default_factory=dict)  # name -> how the check stopped
    import_output: str = ""
    output: Path | None = None


def write(folder, vectors):
    """Write the site for `vectors` into `folder`/content and import the export into it."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    Image.new("RGB", (1200, 630), (40, 110, 90)).save(content / SHARE_PICTURE)
    site = Site(content, {})
    for case in cases(vectors):
        site.cases[case.name] = case
        for path, text in case.files.items():
            (content / path).write_text(text, encoding="utf-8")
    export = folder / "old-blog.xml"
    export.write_text(wordpress_export(vectors), encoding="utf-8")
    before = {p for p in content.rglob("*") if p.is_file()}
    # Through the task, as she would run it: the importer's module may move, the task stays.
    done = invoke("import-posts", str(export), "--no-download", "--content", str(content))
    site.import_output = done.stdout + done.stderr
    for index, _origin, vector in vectors:
        name = f"v{index:03d}-import"
        site.cases[name] = Case(index, "import", vector)
    if done.returncode != 0:
        for index, *_ in vectors:
            site.refused[f"v{index:03d}-import"] = (
                "the import stopped: " + site.import_output[-300:]
            )
        return site
    for path in sorted({p for p in content.rglob("*") if p.is_file()} - before):
        relative = path.relative_to(content).as_posix()
        found = CASE.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
        if path.suffix == ".md" and found and found.group() in site.cases:
            site.cases[found.group()].files[relative] = path.read_text(encoding="utf-8")
    return site


PUBLIC_BUILD = (
    "import sys; sys.path.insert(0, sys.argv[1]);"
    "from plugins.runner import build; from tasks import PUBLISH_SETTINGS, _overrides;"
    "build(PUBLISH_SETTINGS, _overrides(content=sys.argv[2], output=sys.argv[3]))"
)


def build_public(site, output, siteurl):
    """Build what would be deployed (publishconf.py) for `siteurl`; return the process."""
    site.output = output
    return subprocess.run(
        [sys.executable, "-c", PUBLIC_BUILD, str(ROOT), str(site.content), str(output)],
        capture_output=True,
        text=True,
        env={**os.environ, "SITEURL": siteurl},
        timeout=1800,
    )


def case_of(path):
    """The case a built file belongs to, from its address; None for lists and shared pages."""
    found = CASE.search(path)
    return found.group() if found else None


def describe(site, name):
    """Door, vector index and the vector's first 80 characters, for a failure line."""
    case = site.cases.get(name)
    if case is None:
        return "(a page listing many cases)"
    return f"{case.door} v{case.index:03d} {html.unescape(case.vector)[:80]!r}"


@functools.cache
def built():
    """The corpus site, checked and built once a test run, and served with no headers at all.

    Returns (Site, its address). The server sends no headers, as GitHub Pages sends none
    that matter here: each page's own <meta> policy is all there is. SITEURL is the
    server's own address, so "same origin" means this site.
    """
    from tests.corpus import vectors
    from tools.browser import serve

    folder = Path(tempfile.mkdtemp(prefix="corpus-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    output = folder / "output"
    output.mkdir()
    serving = contextlib.ExitStack()
    address = serving.enter_context(serve(output, site_headers=False))
    atexit.register(serving.close)
    site = write(folder, vectors())
    corpus_check.run(site)
    done = build_public(site, output, address)
    if done.returncode != 0:
        raise AssertionError(f"The corpus site did not build:\n{done.stdout}\n{done.stderr}")
    return site, address


def published_files(output):
    """Every page and drawing of the built site, as paths relative to it."""
    return sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.suffix in (".html", ".svg") and path.is_file()
    )


def crashes(site):
    """Failure lines for the cases that made the check stop without a plain message."""
    return [
        f"{describe(site, name)} | (invoke check) | stopped with no message naming the file: {why}"
        for name, why in site.crashed.items()
    ]


def one_line(text):
    """A finding on one line of the report, its line breaks and tabs shown, not kept."""
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def report(failures, what):
    """The failures, sorted, under a line that counts them door by door."""
    doors = {}
    for line in failures:
        door = line.split(" ", 1)[0] if not line.startswith("(") else "listing pages"
        doors[door] = doors.get(door, 0) + 1
    counts = ", ".join(f"{door} {count}" for door, count in sorted(doors.items()))
    return (
        f"{len(failures)} times an attack vector {what} ({counts}).\n"
        "Door, vector number and start | page | what happened:\n" + "\n".join(sorted(failures))
    )
