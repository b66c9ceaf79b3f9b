"""The one definition of front matter: the fields a post or page may have and their rules.

`invoke new-post` writes these fields, the build and `invoke check` validate
them, and WRITING.md describes them. Change a field here and all three follow.
"""

import datetime
import os
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M")
DATE_HINT = "YYYY-MM-DD, for example 2026-11-26 (a time is optional: 2026-11-26 09:30)"
SUMMARY_LIMIT = 200
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Quotes a value may be wrapped in, straight or curly, which a word or a date never needs.
QUOTES = "\"'“”‘’«»„"
REPEATED = object()  # the field being continued was a repeat, which Pelican does not use


def site_today(settings):
    """Today where the clinician works, so "today" and "in the future" mean what she expects."""
    try:
        zone = zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except zoneinfo.ZoneInfoNotFoundError:
        zone = datetime.UTC
    return datetime.datetime.now(zone).date()


def parse_date(value):
    """Return the datetime written as `value`, or None when it is not in an accepted form."""
    if not value:  # most articles leave Reviewed and NextReview out: strptime would fail slowly
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format)
        except ValueError:
            continue
    return None


def _check_date(value):
    if parse_date(value) is None:
        return f'"{value}" is not a date the site can read.', f"Write the date as {DATE_HINT}."
    return None


def _check_summary(value):
    if len(value) > SUMMARY_LIMIT:
        return (
            f"The summary is {len(value)} characters long; the limit is {SUMMARY_LIMIT}.",
            "Shorten it to one or two sentences. It appears in search results and article lists.",
        )
    return None


def _check_slug(value):
    if not SLUG_PATTERN.match(value):
        return (
            f'"{value}" cannot be used in a web address.',
            "Use only lowercase letters, digits and hyphens, for example ketamine-for-anxiety.",
        )
    return None


def _check_status(kind):
    allowed = ("published", "draft") if kind == "article" else ("published", "draft", "hidden")

    def check(value):
        if value not in allowed:
            return f'"{value}" is not a status.', f"Write one of: {', '.join(allowed)}."
        return None

    return check


@dataclass(frozen=True)
class Field:
    """A front-matter field: its name as written, what it means, and when it is needed."""

    name: str
    meaning: str
    kinds: tuple  # "article", "page" or both
    required: tuple = ()  # the kinds for which it must be present
    example: str = ""
    check: object = None  # value -> (what, fix) or None; may depend on the kind
    new_post: bool = True  # written into a new post by `invoke new-post`
    draft_may_omit: bool = False  # a draft may leave it empty; publishing needs it
    word: bool = False  # one of a few words, read in any case: "Published" is "published"

    def checker(self, kind):
        return self.check(kind) if self.name == "Status" else self.check

    def normalised(self, value):
        """The value as the site reads it: a word or a date loses quotes, a word its capitals."""
        if self.word or self.check in (_check_date, _check_slug):
            value = value.strip(QUOTES + " ")
        return value.lower() if self.word else value


FIELDS = (
    Field(
        "Title",
        "The headline readers see at the top of the page.",
        ("article", "page"),
        required=("article", "page"),
        example="Ketamine-Assisted Psychotherapy for Anxiety",
    ),
    Field(
        "Date",
        "When the post was first published.",
        ("article",),
        required=("article",),
        example="2026-11-26",
        check=_check_date,
    ),
    Field(
        "Modified",
        "When you last changed the post in a way readers should know about.",
        ("article",),
        example="2026-12-01",
        check=_check_date,
        new_post=False,
    ),
    Field(
        "Summary",
        f"One or two sentences shown in lists and search results "
        f"(at most {SUMMARY_LIMIT} characters).",
        ("article", "page"),
        required=("article", "page"),
        example="What KAP is and who it may help.",
        check=_check_summary,
        draft_may_omit=True,
    ),
    Field("Category", "The one topic the post belongs to.", ("article",), example="Anxiety"),
    Field("Tags", "Other topics, separated by commas.", ("article",), example="anxiety, ketamine"),
    Field(
        "Image",
        "The picture shown when the post is shared (landscape, in content/images/). "
        "Empty, the site draws a card with the title.",
        ("article",),
        example="images/calm-lake.jpg",
    ),
    Field(
        "ImageAlt",
        "What that picture shows, in words, for people who cannot see it.",
        ("article",),
        example="A calm lake at dawn, with mist over the water",
    ),
    Field(
        "Slug",
        "The last part of the web address. Leave it as it is once published.",
        ("article", "page"),
        example="ketamine-for-anxiety",
        check=_check_slug,
    ),
    Field(
        "Status",
        "draft while you work on it; published when it is ready for readers.",
        ("article", "page"),
        example="draft",
        check=_check_status,
        word=True,
    ),
    Field("Author", "Who wrote it, if not the site's author.", ("article",), new_post=False),
    Field(
        "Reviewed",
        "When a clinician last checked the post is still accurate.",
        ("article",),
        example="2026-11-26",
        check=_check_date,
        new_post=False,
    ),
    Field("ReviewedBy", "Who last checked it, if not the author.", ("article",), new_post=False),
    Field(
        "NextReview",
        "When it should next be checked, if sooner or later than the site's usual "
        "interval (REVIEW_INTERVAL_MONTHS).",
        ("article",),
        example="2027-11-26",
        check=_check_date,
        new_post=False,
    ),
    # The languages: the site's half (plugins/languages) publishes them; richer checks of
    # the values come with `invoke new-post --lang`.
    Field(
        "Lang",
        "The language the post is written in, if not the site's own (LANGUAGES). A "
        "translation has the same Slug as the article it translates.",
        ("article", "page"),
        example="es",
        new_post=False,
        word=True,
    ),
    Field(
        "Translation",
        "true when the post is a translation of another one with the same Slug.",
        ("article", "page"),
        example="true",
        new_post=False,
        word=True,
    ),
    Field(
        "Template",
        "The layout for a special page, such as contact.",
        ("page",),
        new_post=False,
        word=True,
    ),
)
FIELDS_BY_KEY = {field.name.lower(): field for field in FIELDS}


@dataclass
class FrontMatter:
    """The fields written at the top of a Markdown file, with the line each is on."""

    values: dict  # lowercased name -> value, as written (continuation lines joined)
    lines: dict  # lowercased name -> line number
    names: dict  # lowercased name -> name as written
    body_start: int  # the line where the text starts
    ended_by: str = "end"  # "blank" line, "text" with no empty line before it, or "end"
    repeated: dict = field(default_factory=dict)  # lowercased name -> later lines with it

    @property
    def last_key(self):
        return max(self.lines, key=self.lines.get) if self.lines else None


def read_front_matter(text):
    """Read the lines at the top of a file exactly as Python-Markdown's meta extension does.

    Pelican reads the fields through that extension, so these are exactly the fields
    Pelican will use: up to three spaces may come before a name, a line indented by four
    or more continues the field above, and anything else ends the fields.
    """
    values, lines, names, repeated = {}, {}, {}, {}
    key = None
    all_lines = text.split("\n")  # as Python-Markdown splits, not at every Unicode break
    first = 1 if all_lines and BEGIN_RE.match(all_lines[0]) else 0
    for number, line in enumerate(all_lines[first:], start=first + 1):
        if not line.strip() or END_RE.match(line):
            return FrontMatter(values, lines, names, number + 1, "blank", repeated)
        found = META_RE.match(line)
        if found:
            key = found["key"].lower().strip()
            if key in values:  # a repeated field: Pelican uses the first
                repeated.setdefault(key, []).append(number)
                key = REPEATED
                continue
            values[key] = found["value"].strip()
            lines[key] = number
            names[key] = found["key"]
        elif META_MORE_RE.match(line) and key:
            if key is not REPEATED:
                values[key] = f"{values[key]} {line.strip()}"
        else:
            return FrontMatter(values, lines, names, number, "text", repeated)
    return FrontMatter(values, lines, names, len(all_lines) + 1, "end", repeated)


def normalised(name, value):
    """A field's value as the site reads it (Field.normalised); other fields as written."""
    known = FIELDS_BY_KEY.get(name.lower())
    return known.normalised(value) if known else value


def kind_of(source_path, content_root, page_paths=("pages",)):
    """Say whether a source file is an article or a page, from the folder (PAGE_PATHS) it is in."""
    absolute = Path(os.path.normpath(os.path.abspath(source_path)))
    relative = absolute.relative_to(os.path.normpath(os.path.abspath(content_root)))
    pages = [Path(folder).parts for folder in page_paths]
    return "page" if any(relative.parts[: len(p)] == p for p in pages) else "article"
