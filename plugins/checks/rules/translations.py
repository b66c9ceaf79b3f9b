"""Translations: each has its original, and says so when the original has changed since.

A translation is Pelican's: a post with the same slug as its original and another
`Lang`. A post not in the site's language (DEFAULT_LANG) is taken as a translation
unless it says `Translation: false`; one in the site's language is one only with
`Translation: true`. Two posts with the same slug in the same language are reported
by the addresses rule, since one would overwrite the other.
"""

import difflib
from collections import defaultdict

from pelican.utils import slugify

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.checks.source import key
from plugins.front_matter import normalised, parse_date


@site_rule
def check(site):
    default = site.settings.get("DEFAULT_LANG", "en")
    languages = site.settings.get("LANGUAGES") or {}
    posts = defaultdict(list)  # (kind, slug) -> the sources with that slug
    for source in site.sources.values():
        posts[(source.kind, _slug(site, source))].append(source)
    for (kind, slug), same_slug in posts.items():
        originals = [s for s in same_slug if not _is_translation(s, default)]
        for source in same_slug:
            if not _is_translation(source, default):
                continue
            if not originals:
                yield _missing_original(site, source, slug, posts, kind, default, languages)
                continue
            original = next((s for s in originals if _lang(s, default) == default), originals[0])
            late = _out_of_date(site, source, original)
            if late:
                yield late


def _value(source, name):
    return normalised(name, source.front.values.get(name.lower(), ""))


def _lang(source, default):
    return _value(source, "Lang") or default


def _is_translation(source, default):
    said = _value(source, "Translation")
    return said == "true" or (said != "false" and _lang(source, default) != default)


def _slug(site, source):
    """The post's slug as Pelican makes it: its Slug line, or its title made into an address."""
    content = site.contents.get(key(source.path))
    if content is not None and getattr(content, "slug", None):
        return content.slug
    written = _value(source, "Slug")
    if written:
        return written
    return slugify(
        source.front.values.get("title", ""),
        regex_subs=site.settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=site.settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=site.settings.get("SLUGIFY_USE_UNICODE", False),
    )


def _missing_original(site, source, slug, posts, kind, default, languages):
    lines = source.front.lines
    language = languages.get(default) or default
    candidates = sorted(
        other_slug
        for (other_kind, other_slug), others in posts.items()
        if other_kind == kind and any(not _is_translation(o, default) for o in others)
    )
    guess = difflib.get_close_matches(slug, candidates, n=1, cutoff=0.6)
    fix = (
        "Give it the same Slug: as the post it translates"
        + (f" (did you mean Slug: {guess[0]}?)" if guess else "")
        + ". If it is written in this language alone, with no original, add the line "
        "Translation: false."
    )
    return Problem(
        "error",
        source.shown,
        lines.get("slug") or lines.get("lang") or lines.get("translation") or lines.get("title"),
        "Translation",
        f'This post is a translation, but no post in {language} has its slug, "{slug}", '
        "so readers cannot switch to the original.",
        fix,
    )


def _last_seen(source):
    """The latest day the post was written, changed or reviewed, and which field says so."""
    dates = []
    for name in ("Date", "Modified", "Reviewed"):
        when = parse_date(_value(source, name))
        if when is not None:
            dates.append((when.date(), name))
    return max(dates) if dates else (None, None)


def _out_of_date(site, translation, original):
    translated_on, field = _last_seen(translation)
    original_on, original_field = _last_seen(original)
    if translated_on is None or original_on is None or translated_on >= original_on:
        return None
    verb = {"Date": "published", "Modified": "changed", "Reviewed": "reviewed"}
    return Problem(
        "warning",
        translation.shown,
        translation.front.lines.get(field.lower()),
        "Translation",
        f"The translation may be out of date: its original, {original.shown}, was "
        f"{verb[original_field]} on {original_on:%Y-%m-%d}, after this translation was last "
        f"{verb[field]}, on {translated_on:%Y-%m-%d}.",
        "Compare it with the original and bring it up to date, then set "
        f"Reviewed: {site.today:%Y-%m-%d} here.",
        kind="translations may be out of date",
    )
