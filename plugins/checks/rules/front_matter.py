"""The lines at the top of a file: every field known, filled in where needed, and well formed.

The fields are read as Pelican reads them (plugins/front_matter.py follows
Python-Markdown's meta extension), so no field Pelican would use goes unchecked.
"""

import datetime
import difflib
import re

from markdown.extensions.meta import META_MORE_RE, META_RE
from pelican.utils import slugify

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.front_matter import (
    FIELDS,
    FIELDS_BY_KEY,
    languages_of,
    parse_date,
    read_front_matter,
)

# A line that names a field but is not read as one: its first word.
FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
PROSE_WORDS = 4  # an unknown "field" with this many words is more likely the first sentence
SURE_TYPO = 0.75  # "Sumary" is Summary at 0.92; "Remember" is Reviewed at only 0.5


@file_rule("today")
def check(source, site):
    zone = site.settings.get("TIMEZONE") or "UTC"
    languages = languages_of(site.settings)
    found = validate(
        source.shown, source.text, source.kind, today=site.today, zone=zone, languages=languages
    )
    return found + _words_without_an_address(source, site.settings)


def validate(display_path, text, kind, today=None, zone="UTC", languages=None):
    """Return every front-matter problem in one file (`today` is the date in time zone `zone`).

    `languages` are the site's (LANGUAGES), code -> name; English alone when not given.
    """
    today = today or datetime.date.today()
    front = read_front_matter(text)
    problems = []
    values = {key: _normalised(key, value) for key, value in front.values.items()}

    def problem(key, what, fix, severity="error", line=None):
        name = FIELDS_BY_KEY[key].name if key in FIELDS_BY_KEY else front.names.get(key, key)
        line = line or front.lines.get(key)
        problems.append(Problem(severity, display_path, line, name, what, fix))

    misspelled = set()  # fields written under a wrong name: reported once, as the typo
    problems += _lines_that_end_the_fields(display_path, text, front, misspelled)
    swallowed = set()  # fields whose value took in the line below: its own check would mislead
    problems += _lines_read_as_part_of_a_field(display_path, text, front, misspelled, swallowed)
    for key, value in values.items():
        field = FIELDS_BY_KEY.get(key)
        if key in swallowed:
            continue
        if field is None or kind not in field.kinds:
            what, fix, guess = _unknown_field(front, key, kind)
            problem(key, what, fix)
            misspelled.add(guess)
        elif field.check and value:
            found = field.checker(kind, languages)(value)
            if found:
                problem(key, *found)
    for key, later in front.repeated.items():
        shown = FIELDS_BY_KEY[key].name if key in FIELDS_BY_KEY else front.names[key]
        problem(
            key,
            f"{shown} is written {len(later) + 1} times (lines "
            f"{', '.join(map(str, [front.lines[key], *later]))}); only the first is used.",
            f"Keep one {shown}: line and delete the others.",
            line=later[0],
        )

    status = values.get("status", "published")
    for field in FIELDS:
        key = field.name.lower()
        if field.name in misspelled and key not in values:
            continue
        if kind in field.required and not values.get(key):
            state = "is empty" if key in values else "is missing"
            fix = f"Add a line near the top such as: {field.name}: {field.example}"
            waits = status == "draft" and field.draft_may_omit
            if key in values:
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
    _dates_in_order(values, kind, status, today, zone, problem)
    return problems


def _words_without_an_address(source, settings):
    """A topic, tag or author made only of marks: its page would have no web address.

    Pelican makes each one's address from its letters and digits (tags are taken out
    first), and with none left it stops the build without naming the file.
    """
    problems = []
    for key, kind in (("category", "Category"), ("tags", "Tag"), ("author", "Author")):
        value = source.front.values.get(key, "")
        # Pelican splits tags at semicolons when there are any, else at commas.
        words = [value] if key != "tags" else re.split(";" if ";" in value else ",", value)
        subs = settings.get(f"{kind.upper()}_REGEX_SUBSTITUTIONS")
        subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", []) if subs is None else subs
        for word in filter(None, map(str.strip, words)):
            address = slugify(
                word,
                regex_subs=subs,
                preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
            )
            if not address:
                name = FIELDS_BY_KEY[key].name
                problems.append(
                    Problem(
                        "error",
                        source.shown,
                        source.front.lines[key],
                        name,
                        f'"{word}" has no letters or digits to make the web address of its '
                        "page from (anything between < and > is left out).",
                        f"Write it in words, for example: {name}: "
                        f"{FIELDS_BY_KEY[key].example or settings.get('AUTHOR', 'Jane Doe')}",
                    )
                )
    return problems


def _normalised(key, value):
    field = FIELDS_BY_KEY.get(key)
    return field.normalised(value) if field else value


def _dates_in_order(values, kind, status, today, zone, problem):
    """Report dates that cannot all be true: published in the future, reviewed before written."""
    # The site counts days in its own time zone, which may not be yet where the computer
    # clock (or the writer) is: naming that day says why tomorrow's date is refused.
    where = f"today is {today:%Y-%m-%d} where the site is, in {zone} time"
    date = parse_date(values.get("date", ""))
    if kind == "article" and date and status == "published" and date.date() > today:
        problem(
            "date",
            f"The date {date:%Y-%m-%d} is in the future ({where}), but the post is published.",
            f"Use today's date, {today:%Y-%m-%d}, or set Status: draft until the day it "
            "should appear.",
        )
    modified = parse_date(values.get("modified", ""))
    if date and modified and modified < date:
        problem(
            "modified",
            "Modified is earlier than Date.",
            "Modified is the date of the last change, so it must be on or after Date.",
        )
    reviewed = parse_date(values.get("reviewed", ""))
    if date and reviewed and reviewed.date() < date.date():
        problem(
            "reviewed",
            "Reviewed is earlier than Date.",
            "Publishing counts as a review, so Reviewed must be on or after Date.",
        )
    if reviewed and reviewed.date() > today:
        problem(
            "reviewed",
            f"The review date {reviewed:%Y-%m-%d} is in the future ({where}).",
            "Reviewed is the day the article was last checked: today or earlier.",
        )
    next_review = parse_date(values.get("nextreview", ""))
    last_review = reviewed or date
    if next_review and last_review and next_review.date() <= last_review.date():
        problem(
            "nextreview",
            "NextReview is not after the last review.",
            "NextReview is when the article should be checked again, after Reviewed (or Date).",
        )


def _lines_that_end_the_fields(display_path, text, front, stranded):
    """Explain a line that names a field but ends the fields instead.

    Without its colon, or indented by a tab or four spaces, a field line is read as the
    start of the text, and so is everything after it. Fields written after such a line
    are added to `stranded` and not reported again as missing.
    """
    problems = []
    broken = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        if number < front.body_start:
            continue
        first_word = FIRST_WORD.match(line)
        key = first_word.group(1).lower() if first_word else ""
        if key not in FIELDS_BY_KEY:
            continue
        name = FIELDS_BY_KEY[key].name
        indented = line[: len(line) - len(line.lstrip())]
        if not indented and re.match(rf"{name}\s*:", line, re.I):
            if broken:
                stranded.add(name)
            continue
        broken = True
        stranded.add(name)
        if indented:
            space = "tab" if "\t" in indented else "spaces"
            what = (
                f"This line starts with {'a tab' if space == 'tab' else 'spaces'} before "
                f'"{name}", so the lines at the top stop here and the rest is read as the text '
                "of the post."
            )
            fix = f"Delete the {space} before {name}:."
        else:
            what = (
                f'This line looks like the {name} field, but there is no colon after "{name}", '
                "so the lines at the top stop here and the rest is read as the text of the post."
            )
            fix = (
                f"Write it as {name}: followed by the value, for example: "
                f"{name}: {FIELDS_BY_KEY[key].example or 'value'}"
            )
        problems.append(Problem("error", display_path, number, name, what, fix))
    return problems


def _lines_read_as_part_of_a_field(display_path, text, front, stranded, swallowed):
    """Explain a field line indented by four spaces or more, read as the end of the field above.

    Python-Markdown continues a field on such a line, so "    Status: draft" after
    "Slug: x" makes the slug "x Status: draft": the slug's own check would then speak of
    web addresses, not of the spaces. The field above is added to `swallowed`, the field
    on the line to `stranded`, so neither is reported again.
    """
    problems = []
    above = None
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= front.body_start:
            break
        field_line = META_RE.match(line)
        if field_line:
            above = (field_line, number)
            continue
        if not (META_MORE_RE.match(line) and above):
            continue
        first_word = re.match(r"\s*([A-Za-z]+)\s*:", line)
        key = first_word.group(1).lower() if first_word else ""
        if key not in FIELDS_BY_KEY:
            continue
        name = FIELDS_BY_KEY[key].name
        (field_line, field_number) = above
        above_key = field_line["key"].lower().strip()
        if front.lines.get(above_key) == field_number:  # not a repeat, which Pelican ignores
            swallowed.add(above_key)
        stranded.add(name)
        what = (
            f'This line starts with spaces before "{name}", so it is read as part of the line '
            f"above ({field_line['key']}: {field_line['value'].strip()[:30]}), and {name} is "
            "not set."
        )
        fix = f"Delete the spaces before {name}: on line {number}."
        problems.append(Problem("error", display_path, number, name, what, fix))
    return problems


def _unknown_field(front, key, kind):
    """(what, fix, the field it is probably a typo of) for a field the site does not know."""
    name = front.names[key]
    known = [field.name for field in FIELDS if kind in field.kinds]
    typo = difflib.get_close_matches(name.capitalize(), known, n=1, cutoff=SURE_TYPO)
    guess = typo or difflib.get_close_matches(name.capitalize(), known, n=1, cutoff=0.6)
    what = f'"{name}" is not a field this site knows.'
    value = front.values[key]
    looks_like_text = key == front.last_key and (
        front.ended_by == "text" or len(value.split()) >= PROSE_WORDS
    )
    if looks_like_text and not typo:
        before = _previous_field(front, key)
        return (
            f'{what} If "{name}: {value[:40]}" is the start of your text, the empty line '
            "after the lines at the top is probably missing.",
            f"Leave one empty line after {before}, before the text starts."
            if before
            else "Leave one empty line after the lines at the top, before the text starts.",
            None,
        )
    if guess:
        return what, f'Did you mean "{guess[0]}"?', guess[0]
    return what, f"Use one of: {', '.join(known)}.", None


def _previous_field(front, key):
    earlier = [k for k in front.lines if front.lines[k] < front.lines[key]]
    if not earlier:
        return ""
    last = max(earlier, key=front.lines.get)
    return f"the line {front.names[last]}: {front.values[last][:30]}".rstrip()
