"""The one definition of front matter: the fields a post or page may have and their rules.

`invoke new-post` writes these fields, the build and `invoke check` validate
them, and WRITING.md describes them. Change a field here and all three follow.
"""

import datetime
import difflib
import os
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from plugins.checks.problem import Problem

DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M")
DATE_HINT = "YYYY-MM-DD, for example 2026-11-26 (a time is optional: 2026-11-26 09:30)"
SUMMARY_LIMIT = 200
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELD_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*?)\s*$")


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

    def checker(self, kind):
        return self.check(kind) if self.name == "Status" else self.check


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
    Field("Template", "The layout for a special page, such as contact.", ("page",), new_post=False),
)
FIELDS_BY_KEY = {field.name.lower(): field for field in FIELDS}


@dataclass
class FrontMatter:
    """The fields written at the top of a Markdown file, with the line each is on."""

    values: dict  # lowercased name -> value
    lines: dict  # lowercased name -> line number
    names: dict  # lowercased name -> name as written
    body_start: int  # the line where the text starts


def read_front_matter(text):
    """Parse the `Field: value` lines that open a Markdown file, as Python-Markdown's meta does."""
    values, lines, names = {}, {}, {}
    last_key = None
    number = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if number == 1 and line.strip() == "---":
            continue
        if not line.strip() or line.strip() in ("---", "..."):
            return FrontMatter(values, lines, names, number + 1)
        match = FIELD_LINE.match(line)
        if match:
            last_key = match.group(1).lower()
            if last_key in values:  # a repeated field: keep the first, as Pelican does
                last_key = None
                continue
            values[last_key] = match.group(2)
            lines[last_key] = number
            names[last_key] = match.group(1)
        elif line.startswith(("    ", "\t")) and last_key:
            values[last_key] = f"{values[last_key]} {line.strip()}"
        else:
            return FrontMatter(values, lines, names, number)
    return FrontMatter(values, lines, names, number + 1)


def kind_of(source_path, content_root, page_paths=("pages",)):
    """Say whether a source file is an article or a page, from the folder (PAGE_PATHS) it is in."""
    absolute = Path(os.path.normpath(os.path.abspath(source_path)))
    relative = absolute.relative_to(os.path.normpath(os.path.abspath(content_root)))
    pages = [Path(folder).parts for folder in page_paths]
    return "page" if any(relative.parts[: len(p)] == p for p in pages) else "article"


def validate(display_path, text, kind, today=None):
    """Return every front-matter problem in one file."""
    today = today or datetime.date.today()
    front = read_front_matter(text)
    problems = []

    def problem(key, what, fix, severity="error"):
        name = FIELDS_BY_KEY[key].name if key in FIELDS_BY_KEY else front.names.get(key, key)
        problems.append(Problem(severity, display_path, front.lines.get(key), name, what, fix))

    misspelled = set()  # fields written under a wrong name: reported once, as the typo
    problems += _broken_field_lines(display_path, text, front, misspelled)
    for key, value in front.values.items():
        field = FIELDS_BY_KEY.get(key)
        if field is None or kind not in field.kinds:
            what, fix, guess = _unknown_field(front.names[key], kind)
            problem(key, what, fix)
            misspelled.add(guess)
        elif field.check and value:
            found = field.checker(kind)(value)
            if found:
                problem(key, *found)

    status = front.values.get("status", "published")
    for field in FIELDS:
        key = field.name.lower()
        if field.name in misspelled and key not in front.values:
            continue
        if kind in field.required and not front.values.get(key):
            state = "is empty" if key in front.values else "is missing"
            fix = f"Add a line near the top such as: {field.name}: {field.example}"
            waits = status == "draft" and field.draft_may_omit
            if key in front.values:
                fix = f"Write it after the colon, for example: {field.name}: {field.example}"
            if waits:
                fix += " A draft can wait; the post needs it before you publish."
            problems.append(
                Problem(
                    "warning" if waits else "error",
                    display_path,
                    front.lines.get(key, 1),
                    field.name,
                    f"The {field.name} field {state}. {field.meaning}",
                    fix,
                )
            )

    date = parse_date(front.values.get("date", ""))
    if kind == "article" and date and status == "published" and date.date() > today:
        problem(
            "date",
            f"The date {date:%Y-%m-%d} is in the future, but the post is published.",
            "Use today's date, or set Status: draft until the day it should appear.",
        )
    modified = parse_date(front.values.get("modified", ""))
    if date and modified and modified < date:
        problem(
            "modified",
            "Modified is earlier than Date.",
            "Modified is the date of the last change, so it must be on or after Date.",
        )
    reviewed = parse_date(front.values.get("reviewed", ""))
    if date and reviewed and reviewed.date() < date.date():
        problem(
            "reviewed",
            "Reviewed is earlier than Date.",
            "Publishing counts as a review, so Reviewed must be on or after Date.",
        )
    if reviewed and reviewed.date() > today:
        problem(
            "reviewed",
            f"The review date {reviewed:%Y-%m-%d} is in the future.",
            "Reviewed is the day the article was last checked: today or earlier.",
        )
    next_review = parse_date(front.values.get("nextreview", ""))
    last_review = reviewed or date
    if next_review and last_review and next_review.date() <= last_review.date():
        problem(
            "nextreview",
            "NextReview is not after the last review.",
            "NextReview is when the article should be checked again, after Reviewed (or Date).",
        )
    return problems


def _broken_field_lines(display_path, text, front, stranded):
    """Explain a field line without its colon, which ends the front matter early.

    Fields written after such a line are read as text, so they are added to `stranded`
    and not reported again as missing.
    """
    problems = []
    broken = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        if number < front.body_start:
            continue
        field_line = FIELD_LINE.match(line)
        first_word = re.match(r"\s*([A-Za-z]+)", line)
        key = (field_line or first_word).group(1).lower() if (field_line or first_word) else ""
        if key not in FIELDS_BY_KEY:
            continue
        name = FIELDS_BY_KEY[key].name
        if field_line:
            if broken:
                stranded.add(name)
            continue
        broken = True
        stranded.add(name)
        problems.append(
            Problem(
                "error",
                display_path,
                number,
                name,
                f'This line looks like the {name} field, but there is no colon after "{name}", '
                "so the lines at the top stop here and the rest is read as the text of the post.",
                f"Write it as {name}: followed by the value, for example: "
                f"{name}: {FIELDS_BY_KEY[key].example or 'value'}",
            )
        )
    return problems


def _unknown_field(name, kind):
    known = [field.name for field in FIELDS if kind in field.kinds]
    guess = difflib.get_close_matches(name.capitalize(), known, n=1, cutoff=0.6)
    fields = ", ".join(known)
    if guess:
        return f'"{name}" is not a field this site knows.', f'Did you mean "{guess[0]}"?', guess[0]
    return f'"{name}" is not a field this site knows.', f"Use one of: {fields}.", None
