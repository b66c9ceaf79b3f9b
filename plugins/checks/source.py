"""The content as the checks see it: each Markdown file, and the site they belong to."""

import functools
import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import markdown

from plugins.checks.html import elements
from plugins.checks.problem import Problem
from plugins.content_paths import display, key
from plugins.front_matter import FrontMatter, read_front_matter


@dataclass
class Source:
    """One Markdown file: where it is, its text, its front matter and its body as HTML."""

    path: Path
    shown: str  # the path as she sees it, content/articles/…
    kind: str  # "article" or "page"
    text: str | None  # None once the readability check has let go of it
    front: FrontMatter
    html: str | None

    @functools.cached_property
    def elements(self):
        """The elements of the body's HTML, as a browser parses them."""
        return elements(self.html)

    def forget_elements(self):
        """Let go of the parsed HTML: a thousand posts' elements held at once took 24 MB."""
        self.__dict__.pop("elements", None)

    def line_of(self, needle):
        """The first line of the text, after the front matter, that contains `needle`, or None."""
        text = self.text
        if text is None:  # let go of until the end of the build (rules/readability.py)
            try:
                text = self.path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
        lines = text.split("\n")
        start = self.front.body_start
        for number, line in enumerate(lines[start - 1 :], start=start):
            if needle and needle in line:
                return number
        # Messages quote addresses decoded; the text may have written them as entities.
        for number, line in enumerate(lines[start - 1 :], start=start):
            if needle and "&" in line and needle in html.unescape(line):
                return number
        return None


@dataclass
class Site:
    """Everything a rule may look at: the settings, every source, and what Pelican read."""

    settings: dict
    content_root: Path
    today: date
    sources: dict = field(default_factory=dict)  # key(path) -> Source
    contents: dict = field(default_factory=dict)  # key(path) -> Pelican's Article or Page
    generators: list = field(default_factory=list)  # Pelican's, for rules about the whole site

    def display(self, path):
        return display(path, self.content_root)

    def source_of(self, path):
        return self.sources.get(key(path))

    @functools.cached_property
    def files(self):
        """Every file in the content folder, relative to it, sorted."""
        root = Path(self.content_root)
        return tuple(sorted(str(path.relative_to(root)) for path in root.rglob("*")))

    @functools.cached_property
    def layouts(self):
        """Every layout the theme offers, by name."""
        folders = [
            Path(self.settings["THEME"]) / "templates",
            *map(Path, self.settings.get("THEME_TEMPLATES_OVERRIDES", [])),
        ]
        return tuple(sorted({p.stem for folder in folders for p in folder.glob("*.html")}))


def source_files(content_root, settings):
    """(path, kind) of every Markdown file of articles, then of pages."""
    for kind, setting in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings[setting]:
            for path in sorted((Path(content_root) / folder).rglob("*.md")):
                yield path, kind


def read_source(path, kind, site, html=None):
    """Return (Source, None), or (None, Problem) when the file cannot be read as text.

    `html` is what Pelican made of the file; a file Pelican skipped is rendered here with
    the site's own Markdown settings, so every problem shows up in one run.
    """
    shown = site.display(path)
    data = path.read_bytes()
    saved_as = _saved_as(data)
    if saved_as:
        from plugins.checks.rules.content_files import SAVE_AS_PLAIN_TEXT

        what = f"The file is saved as {saved_as}, not as plain text, so the site cannot read it."
        return None, Problem("error", shown, None, "file", what, SAVE_AS_PLAIN_TEXT)
    try:
        text = data.decode("utf-8-sig")  # some editors start a file with a BOM
    except UnicodeDecodeError:
        return None, Problem(
            "error",
            shown,
            None,
            "file",
            "The file is not saved as plain UTF-8 text, so the site cannot read it.",
            "Open it in your editor and save it again with the encoding UTF-8.",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode does
    if html is None:
        html = render_markdown(text, site.settings)
    return Source(path, shown, kind, text, read_front_matter(text), html), None


# How a file saved by a word processor begins, whatever its name says.
SIGNATURES = (
    (b"{\\rtf", "rich text (RTF)"),
    (b"PK\x03\x04", "a Word or word-processor document"),
    (b"\xd0\xcf\x11\xe0", "a Word document"),
)


def _saved_as(data):
    """What a word processor saved a file as, or None for a text file."""
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, kind in SIGNATURES:
        if start.startswith(signature):
            return kind
    if start.lower().startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    return None


def render_markdown(text, settings):
    """Render a file's text the way Pelican's Markdown reader does."""
    config = settings["MARKDOWN"]
    configs = config.get("extension_configs", {})
    extensions = [*config.get("extensions", [])]
    extensions += [name for name in configs if name not in extensions]
    extensions.append("markdown.extensions.meta")
    options = {k: v for k, v in config.items() if k not in ("extensions", "extension_configs")}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs, **options)
    return md.convert(text)
