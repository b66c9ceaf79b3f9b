"""Starts a translation of a post, as a draft: `invoke new-post --lang es --from FILE`.

Pelican pairs a translation with its original by their slug: the draft keeps the
original's Slug, says its language in Lang, and starts from a copy of the original's
fields and text, for the clinician to translate in place.
"""

import difflib
import os
from pathlib import Path

from pelican.utils import slugify

from plugins.front_matter import (
    FIELDS,
    kind_of,
    language_meant,
    languages_of,
    normalised,
    read_front_matter,
    site_today,
)

EXAMPLE = "invoke new-post --lang es --from content/articles/ketamine-for-anxiety.md"
# Copied from the original: the topic and tags keep the two in the same lists; the
# words (Title, Summary, ImageAlt) are copied for her to translate.
COPIED = ("Title", "Summary", "Category", "Tags", "Image", "ImageAlt")


def translation_language(lang, settings):
    """The code of the language to translate into, or ValueError saying which ones there are."""
    languages = languages_of(settings)
    default = settings.get("DEFAULT_LANG", "en")
    others = {code: name for code, name in languages.items() if code != default}
    if not lang.strip():
        if len(others) == 1:
            return next(iter(others))
        lang = "?"
    code = normalised("Lang", lang)
    if code in others:
        return code
    listed = ", ".join(f"{c} ({n})" if n else c for c, n in others.items()) or "none yet"
    if code == default:
        return _refuse(f"Posts are written in {languages.get(default) or default} already.")
    meant = language_meant(code, others)
    hint = f" Did you mean --lang {meant}?" if meant else ""
    _refuse(
        f'"{lang}" is not a language this site is translated into ({listed}).{hint}\n'
        "The languages are listed in LANGUAGES in pelicanconf.py."
    )


def _refuse(message):
    raise ValueError(f"{message}\nFor example:\n  {EXAMPLE}")


def find_original(written, content_root, settings):
    """The original's path from what she typed, or ValueError naming the nearest file."""
    typed = Path(written).expanduser()
    project = Path(content_root).resolve().parent
    root = Path(content_root).resolve()
    for candidate in (project / typed, root / typed, typed):
        if candidate.is_file() and candidate.resolve().is_relative_to(root):
            return candidate.resolve()
    posts = sorted(
        os.path.relpath(path, project)
        for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"])
        for path in (Path(content_root) / folder).rglob("*.md")
    )
    close = difflib.get_close_matches(str(written), posts, n=1, cutoff=0.6)
    by_name = [p for p in posts if Path(p).name == typed.name]
    guess = (by_name or close or [None])[0]
    hint = f" Did you mean {guess}?" if guess else ""
    _refuse(f'There is no file "{written}" to translate.{hint}')


def slug_of(front, settings):
    """The original's slug: its Slug line, or its title made into an address as Pelican does."""
    written = normalised("Slug", front.values.get("slug", ""))
    return written or slugify(
        front.values.get("title", ""),
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def existing_translation(folder, slug, lang, settings):
    """A file in `folder` that already translates the post with `slug` into `lang`, or None."""
    for path in sorted(Path(folder).rglob("*.md")):
        try:
            front = read_front_matter(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
        if normalised("Lang", front.values.get("lang", "")) == lang and (
            slug_of(front, settings) == slug
        ):
            return path
    return None


def create_translation(written, lang, settings, content_root, title=""):
    """Write a draft translation of the post at `written`; return its path, slug and language."""
    lang = translation_language(lang, settings)
    original = find_original(written, content_root, settings)
    shown = os.path.relpath(original, Path(content_root).resolve().parent)
    text = original.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    front = read_front_matter(text)
    default = settings.get("DEFAULT_LANG", "en")
    if normalised("Lang", front.values.get("lang", "")) not in ("", default) or (
        normalised("Translation", front.values.get("translation", "")) == "true"
    ):
        _refuse(f"{shown} is itself a translation: name the post it translates.")
    slug = slug_of(front, settings)
    existing = existing_translation(original.parent, slug, lang, settings)
    if existing:
        raise ValueError(
            f"{os.path.relpath(existing, Path(content_root).resolve().parent)} already "
            f"translates {shown} (Slug: {slug}, Lang: {lang}): open it and bring it up to date."
        )
    kind = kind_of(original, content_root, settings["PAGE_PATHS"])
    values = {name: front.values.get(name.lower(), "") for name in COPIED}
    if title.strip():
        values["Title"] = " ".join(title.split())
    values.update(Date=site_today(settings).isoformat(), Slug=slug, Lang=lang, Status="draft")
    body = "\n".join(text.split("\n")[front.body_start - 1 :]).strip("\n")
    path = original.with_name(f"{original.stem}-{lang}.md")
    number = 2
    while path.exists():
        path = original.with_name(f"{original.stem}-{lang}-{number}.md")
        number += 1
    with path.open("x", encoding="utf-8") as new_file:
        new_file.write(render(kind, values, shown, body))
    return path, slug, lang


def render(kind, values, original, body):
    """The draft: the original's fields, a note on what to translate, then its text."""
    fields = [f for f in FIELDS if kind in f.kinds and (f.new_post or f.name == "Lang")]
    lines = [f"{f.name}: {values.get(f.name, '')}".rstrip() for f in fields]
    note = [
        "<!--",
        f"A translation of {original}.",
        "Readers never see this note; delete it when you like.",
        "",
        "Translate the Title, the Summary, the ImageAlt and the text below, in place.",
        "Keep the Slug as it is: it is how the site pairs the two, so readers can switch",
        "between them. Lang says which language this one is in.",
        "",
        "When it is ready: change Status: draft to Status: published, set Date to the day",
        "you publish, and run `invoke check`. When the original changes later, the check",
        "says this translation may be out of date.",
        "-->",
    ]
    return "\n".join([*lines, "", *note, "", body, ""])
