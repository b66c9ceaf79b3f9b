"""`invoke new-post` and `new-page`: start a draft, asking in a Terminal what was left out."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class NotStarted(Exception):
    """No draft was made; the message says what to type instead."""


def start(kind, title, category, tags, summary, content, settings_file, preview_root):
    """Create a draft article or page and say where it is and how to see it."""
    from pelican.settings import read_settings

    from plugins.new_post import create, topics

    if not title.strip():
        title = _ask_title(kind)
    settings = read_settings(str(settings_file))
    folder = Path(content).resolve() if content else Path(settings["PATH"])
    known_topics = topics(folder, settings) if kind == "article" else []
    if kind == "article" and not category.strip() and sys.stdin.isatty():
        category = _ask_topic(known_topics)
    try:
        path, slug = create(kind, title, settings, folder, category, tags, summary)
    except ValueError as mistake:
        raise NotStarted(str(mistake)) from None
    address = settings["DRAFT_URL" if kind == "article" else "DRAFT_PAGE_URL"].format(slug=slug)
    print(f"Created {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"Preview it at {preview_root}{address} while `invoke livereload` runs.")
    print("It is a draft until you change its Status line to: Status: published")
    if kind == "article" and not category.strip():
        print(
            "Choose its topic and write it on the Category line"
            + (
                f": one you already use ({', '.join(known_topics)}) or a new one."
                if known_topics
                else "."
            )
        )


def translate(original, lang, title, content, settings_file, preview_root):
    """Start a draft translation of `original` and say where it is and how to see it."""
    from pelican.settings import read_settings

    from plugins.new_translation import EXAMPLE, create_translation

    if not original.strip():
        raise NotStarted(
            f"Name the post to translate with --from, for example:\n  {EXAMPLE}\n"
            "To start a post written in that language alone, start it as usual and add the "
            f"lines Lang: {lang.strip() or 'es'} and Translation: false."
        )
    settings = read_settings(str(settings_file))
    folder = Path(content).resolve() if content else Path(settings["PATH"])
    try:
        path, slug, lang = create_translation(original, lang, settings, folder, title)
    except ValueError as mistake:
        raise NotStarted(str(mistake)) from None
    draft_url = settings.get("DRAFT_LANG_URL") or "drafts/{slug}-{lang}.html"
    print(f"Created {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"Preview it at {preview_root}{draft_url.format(slug=slug, lang=lang)}")
    print("while `invoke livereload` runs. Translate its Title, Summary and text in place;")
    print("it is a draft until you change its Status line to: Status: published")


TITLE_EXAMPLES = {
    "article": 'invoke new-post --title "Coping with panic attacks"',
    "page": 'invoke new-page --title "About me"',
}


def _ask_title(kind):
    """Ask for the title when it was left out; where no one can answer, say how to give it."""
    what = "post" if kind == "article" else "page"
    how = f"Give the {what} a title, in quotes, for example:\n  {TITLE_EXAMPLES[kind]}"
    if not sys.stdin.isatty():
        raise NotStarted(how)
    answer = " ".join(input(f"What is the title of the new {what}? ").split())
    if not answer:
        raise NotStarted(how)
    return answer


def _ask_topic(known_topics):
    """Ask which topic a new article belongs to, offering the ones in use."""
    if known_topics:
        print(f"Topics you already use: {', '.join(known_topics)}")
    answer = input("Which topic does it belong to? Type one, or press Enter to choose later: ")
    return " ".join(answer.split())
