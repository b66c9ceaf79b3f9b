"""Starts a new article or page from the one front-matter definition, as a draft.

`invoke new-post` and `invoke new-page` call `create()`. Every field marked
`new_post` in FIELDS is written, pre-filled where it can be, and a note under
the fields explains each one in the words of FIELDS.
"""

import re
import unicodedata
from pathlib import Path

from pelican.utils import slugify

from plugins.front_matter import FIELDS, read_front_matter, site_today

SLUG_MAX_LENGTH = 60
FALLBACK_SLUG = {"article": "post", "page": "page"}
# Folders the site itself writes to: a page with one of these slugs would overwrite them.
RESERVED_PAGE_SLUGS = {
    "articles",
    "archives",
    "authors",
    "categories",
    "drafts",
    "feeds",
    "images",
    "pagefind",
    "search",
    "tags",
    "theme",
}
EXAMPLES = {
    "title": 'invoke new-post --title "Coping with panic attacks"',
    "category": 'invoke new-post --title "…" --category "Anxiety"',
    "tags": 'invoke new-post --title "…" --tags "anxiety, sleep"',
    "summary": 'invoke new-post --title "…" --summary "Why worry keeps you awake."',
}
FIRST_LINE = (
    "Start writing here. Use ## for a section heading, and leave a blank line between paragraphs."
)


def make_slug(title, settings):
    """A readable ASCII slug: accents dropped, other scripts transliterated, emoji left out."""
    slug = slugify(
        title,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=False,
        use_unicode=False,
    )
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    if len(slug) > SLUG_MAX_LENGTH:
        slug = slug[:SLUG_MAX_LENGTH].rsplit("-", 1)[0]
    return slug


def topics(content_root, settings):
    """The topics (Category) the site's articles already use, A to Z."""
    found = set()
    for folder in settings["ARTICLE_PATHS"]:
        for path in (Path(content_root) / folder).rglob("*.md"):
            try:
                category = read_front_matter(path.read_text(encoding="utf-8")).values.get(
                    "category"
                )
            except (OSError, UnicodeDecodeError):
                continue
            if category:
                found.add(category)
    return sorted(found, key=str.lower)


def taken_slugs(folder):
    """Every slug already used in a folder: file names and Slug: lines."""
    taken = set()
    for path in Path(folder).rglob("*"):
        if not path.is_file():
            continue
        taken.add(path.stem.lower())
        if path.suffix == ".md":
            try:
                front = read_front_matter(path.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                continue
            if front.values.get("slug"):
                taken.add(front.values["slug"].lower())
    return taken


def unique_slug(slug, taken):
    if slug not in taken:
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def render(kind, values):
    """The text of a new file: the fields, then a note on what each one means, then the text."""
    fields = [f for f in FIELDS if f.new_post and kind in f.kinds]
    width = max(len(f.name) for f in fields)
    lines = [f"{f.name}: {values.get(f.name, '')}".rstrip() for f in fields]
    note = [
        "<!--",
        "What the lines at the top mean (readers never see this note; delete it when you like):",
        "",
        *[f"  {f.name.ljust(width)}  {f.meaning}" for f in fields],
        "",
        "When it is ready: write the Summary, change Status: draft to Status: published,",
        "set Date to the day you publish, and run `invoke check`.",
        "-->",
    ]
    return "\n".join([*lines, "", *note, "", FIRST_LINE, ""])


def _refuse_line_breaks(**arguments):
    """Stop when an argument holds a line break or another control character.

    Each becomes a line at the top of the file, so a line break in --tags would write a
    field of its own (even a Save_as: that publishes the draft elsewhere).
    """
    for name, value in arguments.items():
        if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
            raise ValueError(
                f"The --{name} value contains a line break or another invisible character. "
                f"Type it on one line, in quotes, for example:\n  {EXAMPLES[name]}"
            )


def create(kind, title, settings, content_root, category="", tags="", summary=""):
    """Write a new draft and return its path and slug; never overwrite an existing file."""
    _refuse_line_breaks(title=title, category=category, tags=tags, summary=summary)
    title = " ".join(title.split())
    if not title:
        raise ValueError(
            "The title is empty. Put the title in quotes, for example:\n"
            '  invoke new-post --title "Coping with panic attacks"'
        )
    folder = Path(content_root) / (
        settings["ARTICLE_PATHS"][0] if kind == "article" else settings["PAGE_PATHS"][0]
    )
    folder.mkdir(parents=True, exist_ok=True)
    taken = taken_slugs(folder)
    if kind == "page":
        taken |= RESERVED_PAGE_SLUGS
    slug = unique_slug(make_slug(title, settings) or FALLBACK_SLUG[kind], taken)
    values = {
        "Title": title,
        "Date": site_today(settings).isoformat(),
        "Summary": " ".join(summary.split()),
        "Category": " ".join(category.split()),  # chosen by her: tasks.py offers the topics
        "Tags": ", ".join(t.strip() for t in tags.split(",") if t.strip()),
        "Slug": slug,
        "Status": "draft",
    }
    while True:
        path = folder / f"{slug}.md"
        try:
            with path.open("x", encoding="utf-8") as new_file:
                new_file.write(render(kind, values))
            return path, slug
        except FileExistsError:
            # Someone made the same file a moment ago: pick the next free name, never overwrite.
            taken.add(slug)
            slug = values["Slug"] = unique_slug(slug, taken)
