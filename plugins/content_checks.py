"""Stops the build on any mistake in the content, and explains every one in plain words.

Pelican on its own skips an article it cannot read and carries on, so a post
could silently vanish. This plugin checks every source file and every article
after reading and before anything is written, lists all problems at once, and
raises `ContentProblems` when any of them is an error.
"""

import contextlib
import ctypes
import difflib
import functools
import logging
import os
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator

from plugins import readability, safe_messaging
from plugins.front_matter import (
    FrontMatter,
    Problem,
    kind_of,
    read_front_matter,
    site_today,
    validate,
)
from plugins.review_dates import review_problems
from plugins.safe_messaging import mentions_suicide, unsafe_phrases

ELEMENT = re.compile(
    r"<(a|img|link|source|iframe|script|form|audio|video|embed|object)\b([^>]*)>", re.I
)
ATTRIBUTE = re.compile(r"""\b(href|src|action|data|alt|poster)\s*=\s*(["'])(.*?)\2""", re.I | re.S)
HEADING = re.compile(r"<h([1-6])\b[^>]*>", re.I)
HEADING_ID = re.compile(r"""<h[1-6]\b[^>]*\bid\s*=\s*(["'])(.*?)\1""", re.I)
ELEMENT_ID = re.compile(r"""\bid\s*=\s*(["'])(.*?)\1""", re.I)
PLACEHOLDER = re.compile(r"^\{(filename|static|attach)\}(.*)$")
LINK_TO_SOURCE = re.compile(r"""\{filename\}([^"'#]*)""")
# Layouts Pelican uses for its own lists; a page's Template: names one of the others.
STANDARD_TEMPLATES = {
    "404",
    "archives",
    "article",
    "author",
    "authors",
    "base",
    "categories",
    "category",
    "index",
    "page",
    "period_archives",
    "tag",
    "tags",
}
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
    _check_everything(generators)
    # The checks' copies of every file are let go of now. glibc keeps freed memory for
    # later use unless asked to give it back: 7 MB at 1,000 articles while pages are written.
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


def _check_everything(generators):
    settings = generators[0].settings
    content_root = Path(settings["PATH"])
    contents = _all_contents(generators)
    problems = []
    sources = {}
    today = site_today(settings)
    for path in source_files(content_root, settings):
        source, unreadable = read_source(path, content_root, contents, settings)
        if unreadable:
            problems.append(unreadable)
        else:
            sources[_key(path)] = source
    # Grades only ever give advice: the worker grades while the other checks run and the
    # site is written, and their warnings join the others, in this place, at the end.
    readability_check = ReadabilityCheck(sources.values(), settings)
    for source in sources.values():
        problems += validate(source.shown, source.text, source.kind, today=today)
        problems += check_content(source, sources, content_root)
        problems += check_wording(source)
        problems += check_template(source, settings)
    readability_at = len(problems)
    problems += check_duplicates(contents.values(), content_root)
    problems += check_links_to_drafts(sources, contents, content_root, settings)
    problems += review_problems(
        contents.values(),
        lambda path: display(path, content_root),
        settings,
        today,
        front_of=lambda path: sources[_key(path)].front if _key(path) in sources else None,
    )
    problems += _pelican_warnings(problems)
    errors = [p for p in problems if p.severity == "error"]
    if settings.get("CHECK_ONLY") or errors:
        problems[readability_at:readability_at] = readability_check.problems()
        raise (CheckFinished if settings.get("CHECK_ONLY") else ContentProblems)(problems)
    settings["CONTENT_WARNINGS"] = problems
    _unfinished[:] = [(problems, readability_at, readability_check)]


_unfinished = []  # (this build's warnings, where the grades' warnings go, the grading)


def add_readability_warnings(pelican):
    # finalized, before the search index. The worker has graded while the checks ran and
    # the pages were written; the last grades cost little to wait for, and letting the
    # worker go leaves Pagefind its memory. The preview keeps it for the next save.
    while _unfinished:
        problems, at, readability_check = _unfinished.pop()
        problems[at:at] = readability_check.problems()
    if not pelican.settings.get("PREVIEW"):
        readability.stop_graders()


def forget_unfinished(pelican):
    # initialized: a build that failed while writing never asked for its grades.
    _unfinished.clear()


@dataclass
class Source:
    """One Markdown file as the checks see it: where it is, its text, and its body as HTML."""

    path: Path
    shown: str
    kind: str
    text: str | None  # None once ReadabilityCheck has let go of it
    front: FrontMatter
    html: str | None

    def line_of(self, needle):
        """The first line of the text that contains `needle`, or None."""
        text = self.text
        if text is None:  # let go of until the end of the build (ReadabilityCheck)
            try:
                text = self.path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
        lines = text.splitlines()
        start = self.front.body_start
        for number, line in enumerate(lines[start - 1 :], start=start):
            if needle and needle in line:
                return number
        return None


def read_source(path, content_root, contents, settings):
    """Return (Source, None), or (None, Problem) when the file cannot be read as text."""
    shown = display(path, content_root)
    try:
        text = path.read_text(encoding="utf-8-sig")  # some editors start a file with a BOM
    except UnicodeDecodeError:
        return None, Problem(
            "error",
            shown,
            None,
            "file",
            "The file is not saved as plain UTF-8 text, so the site cannot read it.",
            "Open it in your editor and save it again with the encoding UTF-8.",
        )
    content = contents.get(_key(path))
    # Pelican skips a file whose front matter it cannot use; its text is still checked here,
    # rendered with the site's own Markdown settings, so every problem shows up in one run.
    html = content._content if content is not None else render_markdown(text, settings)
    front = read_front_matter(text)
    return Source(path, shown, kind_of(path, content_root), text, front, html), None


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


def _key(path):
    """An absolute, normalised path, worked out without asking the disk (it runs a lot)."""
    return os.path.normpath(os.path.abspath(path))


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
                contents[_key(content.source_path)] = content
    return contents


def display(path, content_root):
    """A path as the clinician sees it in her project: content/articles/…."""
    path = _key(path)
    # Strings, not pathlib: two calls a file took 0.07 s a build at 1,000 articles, now 0.03 s.
    project = os.path.join(os.path.dirname(_key(content_root)), "")
    return path.removeprefix(project) if path.startswith(project) else path


def source_files(content_root, settings):
    for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]):
        yield from sorted((content_root / folder).rglob("*.md"))


def check_content(source, sources, content_root):
    """Check one file's links, images, headings and embedded content."""
    html = source.html or ""
    problems = []

    def problem(field, what, fix, needle="", severity="error"):
        problems.append(Problem(severity, source.shown, source.line_of(needle), field, what, fix))

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
                _check_target(tag, attributes[name], source, content_root, sources, problem)
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


def _check_target(tag, target, source, content_root, sources, problem):
    """Check that a link or image points at something that exists."""
    target = target.strip()
    what = "image" if tag == "img" else "link"
    placeholder = PLACEHOLDER.match(target)
    if placeholder:
        kind, path = placeholder.groups()
        path, _, fragment = path.partition("#")
        resolved = _resolve(path, source.path, content_root)
        if not resolved.is_file():
            problem(
                what,
                f"The {what} points to {path}, which does not exist.",
                _closest(resolved, content_root, what, source.path),
                target,
            )
        elif kind == "filename" and resolved.suffix == ".md" and fragment:
            linked = sources.get(str(resolved))
            if linked is not None and fragment not in _ids(linked.html):
                problem(
                    what,
                    f'The link points to the section "#{fragment}" in {path}, '
                    "but that page has no such section.",
                    _sections_hint(linked.html),
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
        if target[1:] and target[1:] not in _ids(source.html):
            problem(
                "link",
                f'The link points to the section "{target}", but this page has no such section.',
                _sections_hint(source.html),
                target,
            )
        return
    if parts.path and not target.startswith("/"):
        resolved = _resolve(unquote(parts.path), source.path, content_root)
        prefix = "{filename}" if resolved.suffix == ".md" else "{static}"
        if resolved.exists():
            fix = f"Write it as {prefix}{target}, so it keeps working wherever the page is."
        else:
            fix = _closest(resolved, content_root, what, source.path)
        problem(
            what,
            f"The {what} to {target} is a plain relative address. It will break once the "
            "site is built, because built pages live in different folders.",
            fix,
            target,
        )


def check_links_to_drafts(sources, contents, content_root, settings):
    """A published post that links to a draft: the public site has no page to link to.

    Checked on every build, never remembered (plugins/check_cache.py): the answer changes
    when the other file's status does, while this file's text stays the same.
    """
    problems = []
    draft_names = {os.path.basename(k) for k, c in contents.items() if c.status == "draft"}
    if not draft_names:
        return problems
    for key, source in sources.items():
        content = contents.get(key)
        if content is None or content.status == "draft":
            continue
        for target in LINK_TO_SOURCE.findall(source.html):
            if os.path.basename(unquote(target)) not in draft_names:
                continue  # resolving every link of a large site takes a while
            linked = contents.get(str(_resolve(target, source.path, content_root)))
            if linked is None or linked.status != "draft":
                continue
            shown = display(linked.source_path, content_root)
            what = f'The link points to {shown} ("{_plain(linked.title)}"), which is still a draft'
            draft_save_as = "DRAFT_SAVE_AS" if isinstance(linked, Article) else "DRAFT_PAGE_SAVE_AS"
            if settings[draft_save_as]:  # a local build writes drafts; the public one does not
                severity = "warning"
                what += (
                    ". The link works in the preview, but not on the published site until"
                    " that draft is published."
                )
            else:
                severity = "error"
                what += ", so the published site has no page there."
            fix = (
                f"Publish {shown} first (change its Status: draft to Status: published), "
                "or leave the link out."
            )
            line = source.line_of("{filename}" + target)
            problems.append(Problem(severity, source.shown, line, "link", what, fix))
    return problems


def _resolve(path, source_path, content_root):
    path = unquote(path)
    if path.startswith("/"):
        return Path(_key(content_root / path.lstrip("/")))
    return Path(_key(source_path.parent / path))


def _closest(missing, content_root, what, source_path):
    """Suggest the existing file whose name is nearest to the one that is missing."""
    content_root = Path(_key(content_root))
    wanted_post = what == "link" and missing.suffix in (".md", "")
    candidates = [
        p.relative_to(content_root).as_posix()
        for p in sorted(content_root.rglob("*"))
        if p.is_file() and (p.suffix == ".md") == wanted_post and _key(p) != _key(source_path)
    ]
    try:
        wanted = missing.relative_to(content_root).as_posix()
    except ValueError:
        wanted = missing.name
    guess = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.5)
    if guess:
        prefix = "{filename}" if wanted_post else "{static}"
        return f"Did you mean {prefix}/{guess[0]}? Check the spelling of the file name."
    if wanted_post:
        return "Check the file name: posts are in content/articles, pages in content/pages."
    return "Check the file name, or put the file in content/images."


@functools.lru_cache(maxsize=8)  # build speed (issue 7): an article's anchors are checked together
def _ids(html):
    return {match.group(2) for match in ELEMENT_ID.finditer(html or "")}


def _sections_hint(html):
    sections = [m.group(2) for m in HEADING_ID.finditer(html or "") if m.group(2) != "references"]
    if not sections:
        return "That page has no sections with headings (## Heading) to link to."
    listed = ", ".join(f"#{name}" for name in sections[:8])
    return (
        f"Use one of its sections: {listed}. A section's name is its heading in lowercase, "
        "with hyphens for spaces."
    )


def check_template(source, settings):
    """A Template: line must name a layout the theme has, or the build would stop at writing."""
    front = source.front
    name = front.values.get("template")
    folders = [
        Path(settings["THEME"]) / "templates",
        *settings.get("THEME_TEMPLATES_OVERRIDES", []),
    ]
    if not name or any((Path(folder) / f"{name}.html").is_file() for folder in folders):
        return []
    layouts = sorted(
        p.stem
        for p in (Path(settings["THEME"]) / "templates").glob("*.html")
        if p.stem not in STANDARD_TEMPLATES
    )
    return [
        Problem(
            "error",
            source.shown,
            front.lines.get("template"),
            "Template",
            f'There is no layout called "{name}".',
            f"Use one of: {', '.join(layouts)}; or remove the Template line for the usual layout."
            if layouts
            else "Remove the Template line to use the usual layout.",
        )
    ]


def check_wording(source):
    """Suggest safer wording wherever the text talks about suicide in a way to avoid."""
    problems = []
    if not mentions_suicide(source.text):  # the wording only matters where suicide is discussed
        return problems
    for number, line in enumerate(source.text.splitlines(), start=1):
        for phrase, why, fix in unsafe_phrases(line):
            problems.append(
                Problem(
                    "warning", source.shown, number, "safe messaging", f'"{phrase}": {why}', fix
                )
            )
    return problems


class ReadabilityCheck:
    """Warnings about articles that read above the target school grade; they never block.

    The worker grades while the build goes on, until the warnings are asked for.
    """

    def __init__(self, sources, settings):
        self.target = settings.get("READABILITY_TARGET_GRADE", readability.DEFAULT_TARGET_GRADE)
        self.cache = readability.GradeCache(settings["CACHE_PATH"])
        articles = [source for source in sources if source.kind == "article"]
        htmls = [source.html or "" for source in articles]
        self.grading = self.cache.start_grading(htmls, settings)
        # The warnings need a line or two of a few texts, once the pages are written:
        # reading those again costs less than holding them all (8 MB at 1,000 articles).
        self.articles = [replace(source, text=None, html=None) for source in articles]

    def problems(self):
        problems = _readability_problems(self.articles, self.grading.grades(), self.target)
        try:
            self.cache.save()
        except OSError:
            pass  # the grades are only a cache; the next build computes them again
        return problems


def _readability_problems(articles, found_grades, target):
    problems = []
    for source, found in zip(articles, found_grades, strict=True):
        if found is None or found.grade <= target:
            continue
        smog = f"SMOG {found.smog:g}" if found.smog else "SMOG needs a longer text"
        hints = []
        if found.words_per_sentence > 15:
            hints.append(
                f"Sentences average {found.words_per_sentence:g} words: aim for 15 or fewer, "
                "one idea per sentence."
            )
        if found.long_word_share > 0.1:
            hints.append(
                f"{found.long_word_share:.0%} of words have three or more syllables: "
                'use everyday words where you can ("use", not "utilize").'
            )
        hints.append(
            "Split the longest sentence first: it starts "
            f'"{" ".join(found.longest_sentence.split()[:8])} …".'
        )
        problems.append(
            Problem(
                "warning",
                source.shown,
                source.line_of(" ".join(found.longest_sentence.split()[:4])),
                "readability",
                f"This article reads at about school grade {found.grade:.0f} "
                f"(Flesch–Kincaid {found.flesch_kincaid:g}, {smog}); the target is grade "
                f"{target}. Many people read health information more easily at grade 8 or below.",
                " ".join(hints),
            )
        )
    return problems


def check_duplicates(contents, content_root):
    """Two posts with the same address would overwrite each other; say so in each of them."""
    problems = []
    by_address = defaultdict(list)
    by_title = defaultdict(list)
    for content in contents:
        if content.save_as:  # the public build writes no drafts (publishconf.py)
            by_address[content.save_as].append(content)
        by_title[(type(content).__name__, _plain(content.title).lower())].append(content)

    def others(content, same):
        shown = sorted(display(c.source_path, content_root) for c in same if c is not content)
        return " and ".join(shown)

    for same in by_address.values():
        for content in same if len(same) > 1 else ():
            problems.append(
                Problem(
                    "error",
                    display(content.source_path, content_root),
                    _field_line(content.source_path, "slug")
                    or _field_line(content.source_path, "title"),
                    "Slug",
                    f'This post would have the same web address ("{content.slug}") as '
                    f"{others(content, same)}, and one would overwrite the other.",
                    "Give one of them a different Title, or add a Slug: line with another name.",
                )
            )
    for same in by_title.values():
        for content in same if len(same) > 1 else ():
            problems.append(
                Problem(
                    "warning",
                    display(content.source_path, content_root),
                    _field_line(content.source_path, "title"),
                    "Title",
                    f'Another post has the same title, "{_plain(content.title)}": '
                    f"{others(content, same)}.",
                    "Readers cannot tell them apart in lists; give each a distinct title.",
                )
            )
    return problems


def _field_line(source_path, key):
    try:
        return read_front_matter(Path(source_path).read_text(encoding="utf-8")).lines.get(key)
    except (OSError, UnicodeDecodeError):
        return None


def _plain(title):
    """A title as she typed it: typography's HTML undone."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", title)).split())


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
    safe_messaging.register()
    signals.initialized.connect(start_listening)
    signals.initialized.connect(forget_unfinished)
    signals.all_generators_finalized.connect(check_everything)
    signals.finalized.connect(add_readability_warnings)
