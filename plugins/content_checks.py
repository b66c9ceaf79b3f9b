"""Stops the build on any mistake in the content, and explains every one in plain words.

Pelican on its own skips an article it cannot read and carries on, so a post
could silently vanish. This plugin checks every source file and every article
after reading and before anything is written, lists all problems at once, and
raises `ContentProblems` when any of them is an error.
"""

import difflib
import functools
import logging
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from plugins.front_matter import Problem, kind_of, read_front_matter, validate
from plugins.review_dates import review_problems

ELEMENT = re.compile(
    r"<(a|img|link|source|iframe|script|form|audio|video|embed|object)\b([^>]*)>", re.I
)
ATTRIBUTE = re.compile(r"""\b(href|src|action|data|alt|poster)\s*=\s*(["'])(.*?)\2""", re.I | re.S)
HEADING = re.compile(r"<h([1-6])\b[^>]*>", re.I)
ELEMENT_ID = re.compile(r"""\bid\s*=\s*(["'])(.*?)\1""", re.I)
PLACEHOLDER = re.compile(r"^\{(filename|static|attach)\}(.*)$")
EMBEDDED = {
    "script": "a script",
    "iframe": "an embedded frame",
    "form": "a form",
    "object": "an embedded object",
    "embed": "an embedded object",
}


class ContentProblems(Exception):
    """The content has errors; the build stopped before writing anything."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(report(self.problems))


class CheckFinished(Exception):
    """`invoke check` asked only for the problems; nothing is written."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(report(self.problems))


def report(problems):
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    parts = []
    if errors:
        parts.append(f"{_count(errors, 'problem')} must be fixed before the site can be built:")
        parts += [f"  ✗ {p}" for p in errors]
    if warnings:
        parts.append(f"{_count(warnings, 'suggestion')} (these do not stop the build):")
        parts += [f"  • {p}" for p in warnings]
    return "\n\n".join(parts) if parts else "No problems found."


def _count(items, noun):
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


class PelicanMessages(logging.Handler):
    """Keeps Pelican's own warnings, so that none of them passes unnoticed."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


pelican_messages = PelicanMessages()


def start_listening(pelican):
    # Attached at `initialized` so that warnings from reading are caught too.
    pelican_messages.records.clear()
    logger = logging.getLogger("pelican")
    if pelican_messages not in logger.handlers:
        logger.addHandler(pelican_messages)


def check_everything(generators):
    # all_generators_finalized: everything is read, nothing is written yet.
    settings = generators[0].settings
    content_root = Path(settings["PATH"])
    contents = _all_contents(generators)
    problems = check_sources(content_root, settings)
    for content in contents.values():
        problems += check_content(content, contents, content_root)
    problems += check_duplicates(contents.values(), content_root)
    problems += review_problems(
        contents.values(), lambda path: display(path, content_root), settings
    )
    problems += _pelican_warnings(problems)
    errors = [p for p in problems if p.severity == "error"]
    if settings.get("CHECK_ONLY"):
        raise CheckFinished(problems)
    if errors:
        raise ContentProblems(problems)
    settings["CONTENT_WARNINGS"] = problems


def _all_contents(generators):
    """Every article and page Pelican read, drafts and hidden ones included, by source path."""
    contents = {}
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            groups = (generator.articles, generator.drafts, generator.hidden_articles)
        elif isinstance(generator, PagesGenerator):
            groups = (generator.pages, generator.hidden_pages, generator.draft_pages)
        else:
            continue
        for group in groups:
            for content in group:
                contents[str(Path(content.source_path).resolve())] = content
    return contents


def display(path, content_root):
    """A path as the clinician sees it in her project: content/articles/…."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path(content_root).resolve().parent))
    except ValueError:
        return str(path)


def source_files(content_root, settings):
    for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]):
        yield from sorted((content_root / folder).rglob("*.md"))


def check_sources(content_root, settings):
    problems = []
    for path in source_files(content_root, settings):
        text = path.read_text(encoding="utf-8")
        problems += validate(display(path, content_root), text, kind_of(path, content_root))
    return problems


def check_content(content, contents, content_root):
    """Check one article's links, images, headings and embedded content."""
    source = Path(content.source_path)
    text = source.read_text(encoding="utf-8")
    body_start = read_front_matter(text).body_start
    lines = text.splitlines()
    shown = display(source, content_root)
    html = content._content or ""
    problems = []

    def line_of(needle):
        for number, line in enumerate(lines[body_start - 1 :], start=body_start):
            if needle and needle in line:
                return number
        return None

    def problem(field, what, fix, needle="", severity="error"):
        problems.append(Problem(severity, shown, line_of(needle), field, what, fix))

    for match in ELEMENT.finditer(html):
        tag = match.group(1).lower()
        attributes = {name.lower(): value for name, _, value in ATTRIBUTE.findall(match.group(2))}
        if tag in EMBEDDED:
            problem(
                "embedded content",
                f"The text contains {EMBEDDED[tag]} (<{tag}>). "
                "It could run code or collect readers' details, which the site promises not to do.",
                f"Remove the <{tag}>. Link to the page instead.",
                f"<{tag}",
            )
            continue
        for name in ("href", "src", "poster", "data"):
            if name in attributes:
                _check_target(tag, attributes[name], html, source, content_root, contents, problem)
        if tag == "img" and not attributes.get("alt", "").strip():
            problem(
                "image",
                "An image has no description (alt text). People who use screen "
                "readers, and anyone whose images do not load, hear or see only this description.",
                "Describe what the image shows inside the brackets: ![A calm lake at dawn](...)",
                attributes.get("src", "!["),
            )

    levels = [int(level) for level in HEADING.findall(html)]
    if 1 in levels:
        problem(
            "headings",
            "The text has a top-level heading (# Heading). The title is already "
            "the page's only top-level heading.",
            "Use ## for the sections of the text.",
            "# ",
        )
    for before, after in zip([1, *levels], levels, strict=False):
        if after > before + 1:
            problem(
                "headings",
                f"A level-{after} heading follows a level-{before} heading, "
                "skipping a level. Screen-reader users navigate by these levels.",
                f"Use {'#' * (before + 1)} for this heading.",
                "#" * after + " ",
            )
    return problems


def _check_target(tag, target, own_html, source, content_root, contents, problem):
    """Check that a link or image points at something that exists."""
    target = target.strip()
    placeholder = PLACEHOLDER.match(target)
    if placeholder:
        kind, path = placeholder.groups()
        path, _, fragment = path.partition("#")
        resolved = _resolve(path, source, content_root)
        what = "image" if tag == "img" else "link"
        if not resolved.is_file():
            problem(
                what,
                f"The {what} points to {path}, which does not exist.",
                _closest(resolved, content_root),
                target,
            )
        elif kind == "filename" and resolved.suffix == ".md" and fragment:
            target_content = contents.get(str(resolved))
            if target_content is not None and fragment not in _ids(target_content._content):
                problem(
                    what,
                    f'The link points to the section "#{fragment}" in {path}, '
                    "but that page has no such section.",
                    "Check the heading's anchor: it is the heading in lowercase, "
                    "with hyphens for spaces.",
                    target,
                )
        return
    parts = urlsplit(target)
    if parts.scheme or target.startswith(("//", "mailto:", "tel:", "sms:")):
        if tag != "a" and (parts.scheme in ("http", "https") or target.startswith("//")):
            problem(
                "embedded content",
                f"The text loads {target} from another website. That "
                "would tell that website who is reading, which the site promises not to do.",
                "Save the file in content/images and use {static}/images/NAME instead.",
                target,
            )
        return
    if target.startswith("#"):
        if target[1:] and target[1:] not in _ids(own_html):
            problem(
                "link",
                f'The link points to the section "{target}", but this page has no such section.',
                "Check the heading's anchor: it is the heading in lowercase, "
                "with hyphens for spaces.",
                target,
            )
        return
    if parts.path and not target.startswith("/"):
        resolved = _resolve(unquote(parts.path), source, content_root)
        what = "image" if tag == "img" else "link"
        prefix = "{filename}" if resolved.suffix == ".md" else "{static}"
        if resolved.exists():
            fix = (
                f"Write it as {prefix}{parts.path}, so the link keeps working wherever the page is."
            )
        else:
            fix = _closest(resolved, content_root)
        problem(
            what,
            f"The {what} to {target} is a plain relative address. It will break once the "
            "site is built, because built pages live in different folders.",
            fix,
            target,
        )


def _resolve(path, source, content_root):
    path = unquote(path)
    if path.startswith("/"):
        return (content_root / path.lstrip("/")).resolve()
    return (source.parent / path).resolve()


def _closest(missing, content_root):
    candidates = [str(p.relative_to(content_root)) for p in content_root.rglob("*") if p.is_file()]
    try:
        wanted = str(missing.relative_to(content_root))
    except ValueError:
        wanted = missing.name
    guess = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.5)
    if guess:
        return f"Did you mean {guess[0]}? Check the spelling of the file name."
    return "Check the file name, or add the missing file to the content folder."


@functools.lru_cache(maxsize=8)  # build speed (issue 7): an article's anchors are checked together
def _ids(html):
    return {match.group(2) for match in ELEMENT_ID.finditer(html or "")}


def check_duplicates(contents, content_root):
    """Two posts with the same address would overwrite each other."""
    problems = []
    by_address = defaultdict(list)
    by_title = defaultdict(list)
    for content in contents:
        by_address[content.save_as].append(content)
        by_title[(type(content).__name__, content.title.lower())].append(content)
    for same in by_address.values():
        if len(same) > 1:
            for content in same[1:]:
                first = display(same[0].source_path, content_root)
                problems.append(
                    Problem(
                        "error",
                        display(content.source_path, content_root),
                        None,
                        "Slug",
                        f'This post would have the same web address ("{content.slug}") as {first}, '
                        "and one would overwrite the other.",
                        "Give one of them a different Title or add a Slug: line with another name.",
                    )
                )
    for (_, _title), same in by_title.items():
        for content in same[1:]:
            problems.append(
                Problem(
                    "warning",
                    display(content.source_path, content_root),
                    None,
                    "Title",
                    f"Another post has the title {same[0].title!r}: "
                    f"{display(same[0].source_path, content_root)}.",
                    "Readers cannot tell them apart in lists; give each a distinct title.",
                )
            )
    return problems


def _pelican_warnings(found):
    """Pelican's own warnings, except those about files this check has already explained."""
    explained = {p.file for p in found if p.severity == "error"}
    problems = []
    for record in pelican_messages.records:
        message = record.getMessage()
        if any(Path(name).name in message for name in explained):
            continue
        problems.append(
            Problem(
                "error",
                "the build",
                None,
                "Pelican",
                message.strip(),
                "Fix what the message describes; ask for help if it is unclear.",
            )
        )
    return problems


def register():
    signals.initialized.connect(start_listening)
    signals.all_generators_finalized.connect(check_everything)
