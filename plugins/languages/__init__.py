"""Posts in more than one language: each page's interface in its language, and the way across.

A translation is a post with `Lang: es` and the same `Slug:` as its original; Pelican groups
the two (`article.translations`) and saves the translation under the language's folder
(ARTICLE_LANG_SAVE_AS). This plugin gives templates what they need for the rest:

- `{% trans %}` and `_()` say the interface in the page's language, from the theme's gettext
  catalog for it (catalog.py); the page's language is its post's `lang`, else PAGE_LANG,
  which this plugin sets on the pages it writes, else DEFAULT_LANG.
- `crisis_settings()` and `setting()`: the crisis group and other worded settings, as
  SETTINGS_BY_LANG words them for the page's language.
- `language_versions()`: every language version of the page, itself included, for the
  hreflang links and the visible switch; empty on a page with no other language.
- a home page, a search page and (when feeds are on) a feed for each other language that
  has articles: es/, search/es/, feeds/all-es.atom.xml. A site with no translation gets
  none of this, not even an empty folder.
- dates in the page's language ("7 de diciembre de 2026").
"""

import functools
import os
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import order_content

from plugins.languages import sitemap
from plugins.languages.catalog import Catalogs

_catalogs = {}  # by theme folder, default language and catalog files: read again once edited
_version_groups = {}  # by output folder: this build's pages in more than one language


def catalogs(settings):
    # The preview builds again in the same process: a catalog saved since is read again.
    files = sorted(Path(settings["THEME"]).glob("translations/*/LC_MESSAGES/messages.po"))
    key = (settings["THEME"], settings["DEFAULT_LANG"], *((f, f.stat().st_mtime_ns) for f in files))
    if key not in _catalogs:
        _catalogs[key] = Catalogs(settings["THEME"], settings["DEFAULT_LANG"])
    return _catalogs[key]


def lang_of(context):
    """The language a page is written in: its post's, else the one its writer gave it."""
    for name in ("article", "page"):
        item = context.get(name)
        if item is not None and getattr(item, "lang", None):
            return item.lang
    return context.get("PAGE_LANG") or context["DEFAULT_LANG"]


def other_languages(settings):
    return [lang for lang in settings.get("LANGUAGES", {}) if lang != settings["DEFAULT_LANG"]]


def articles_by_language(generator):
    """{lang: its published articles, newest first} for every language other than the default."""
    found = {}
    for article in [*generator.articles, *generator.translations]:
        if article.lang != generator.settings["DEFAULT_LANG"]:
            found.setdefault(article.lang, []).append(article)
    order = generator.settings["ARTICLE_ORDER_BY"]
    return {
        lang: order_content(found[lang], order_by=order)
        for lang in other_languages(generator.settings)
        if lang in found
    }


def lang_url(settings, name, lang):
    """Where the language's own home, search page or feed is: LANG_INDEX_URL and so on."""
    return settings[name].format(lang=lang)


def home_versions(settings, languages, kind):
    """[(lang, url)] of the homes (kind "INDEX") or search pages ("SEARCH") of every language."""
    if not languages:
        return []
    default = settings["DEFAULT_LANG"]
    own = "" if kind == "INDEX" else settings["SEARCH_URL"]
    versions = [(default, own)]
    versions += [(lang, lang_url(settings, f"LANG_{kind}_URL", lang)) for lang in languages]
    return versions


def _ordered(settings, versions):
    # The order of LANGUAGES, then any language it does not name, by code.
    order = list(settings.get("LANGUAGES", {}))
    return sorted(versions, key=lambda v: (order.index(v[0]) if v[0] in order else len(order), v))


@pass_context
def language_versions(context):
    """[(lang, url)] of every published version of this page, itself included, in LANGUAGES order.

    An article or page lists itself and its translations; a home or search page lists the
    homes or search pages of every language with articles. Empty when there is no other.
    """
    settings = context["LANGUAGE_SETTINGS"]
    item = context.get("article") or context.get("page")
    if item is not None:
        if getattr(item, "status", "published") != "published":
            return []
        others = [t for t in getattr(item, "translations", ()) if t.status == "published"]
        if not others:
            return []
        return _ordered(settings, [(item.lang, item.url)] + [(t.lang, t.url) for t in others])
    languages = context.get("LANGUAGE_HOMES") or []
    output = context.get("output_file")
    lang = lang_of(context)
    for kind in ("INDEX", "SEARCH"):
        versions = home_versions(settings, languages, kind)
        own = dict(versions).get(lang)
        if own is not None and output == _save_as(own):
            return versions
    return []


def _save_as(url):
    return f"{url}index.html"


@pass_context
def page_lang(context):
    return lang_of(context)


@pass_context
def language_name(context, lang):
    """A language's name as its own speakers write it: "Español", "English"."""
    return context["LANGUAGE_SETTINGS"].get("LANGUAGES", {}).get(lang, lang)


@pass_context
def crisis_settings(context):
    """The crisis group's settings, worded for the page's language where SETTINGS_BY_LANG says."""
    lang = lang_of(context)
    words = {
        name: context[name]
        for name in (
            "CRISIS_HEADING",
            "CRISIS_LINE",
            "CRISIS_EMERGENCY",
            "CRISIS_MORE_SERVICES",
            "CRISIS_NOTE",
            "CRISIS_MORE_TEXT",
        )
    }
    words["CRISIS_MORE_URL"] = context["GET_HELP_URL"]
    # Get help now is one page: readers of another language go to its part in their language.
    if any(service.get("lang") == lang for service in words["CRISIS_MORE_SERVICES"]):
        words["CRISIS_MORE_URL"] += f"#ps-help-{lang}"
    words.update(
        (name, value)
        for name, value in context.get("SETTINGS_BY_LANG", {}).get(lang, {}).items()
        if name.startswith("CRISIS_")
    )
    return words


@pass_context
def setting(context, name):
    """A worded setting (SITE_DESCRIPTION, ARTICLE_DISCLAIMER…) in the page's language."""
    return context.get("SETTINGS_BY_LANG", {}).get(lang_of(context), {}).get(name, context[name])


def _language_home(context, name, default):
    # The page's language's own home or search page, once that language has articles.
    lang = lang_of(context)
    if lang != context["DEFAULT_LANG"] and lang in (context.get("LANGUAGE_HOMES") or ()):
        return context["LANGUAGE_SETTINGS"][name].format(lang=lang)
    return default


@pass_context
def home_url(context):
    return _language_home(context, "LANG_INDEX_URL", "")


@pass_context
def search_url(context):
    return _language_home(context, "LANG_SEARCH_URL", context["SEARCH_URL"])


@pass_context
def page_feed(context):
    """The feed of the page's language: FEED_ATOM, or LANG_FEED_ATOM for another one."""
    lang = lang_of(context)
    if lang != context["DEFAULT_LANG"] and lang in (context.get("LANGUAGE_HOMES") or ()):
        return (context.get("LANG_FEED_ATOM") or "").format(lang=lang)
    return context.get("FEED_ATOM") or context.get("FEED_ALL_ATOM") or ""


@pass_context
def in_default_lang(context, attribute="lang"):
    """` lang="en"` on a part, in the default language, of a page in another one.

    ` hreflang="en"` on a link from such a page to one that exists only in the default language.
    """
    if lang_of(context) == context["DEFAULT_LANG"]:
        return ""
    return Markup(' {}="{}"').format(attribute, context["DEFAULT_LANG"])


def install(generator):
    # generator_init: every generator's templates say the interface in the page's language.
    settings = generator.settings
    found = catalogs(settings)

    @pass_context
    def gettext(context, message):
        return found.gettext(lang_of(context), message)

    @pass_context
    def ngettext(context, singular, plural, number):
        return found.ngettext(lang_of(context), singular, plural, number)

    generator.env.add_extension("jinja2.ext.i18n")
    generator.env.install_gettext_callables(gettext, ngettext, newstyle=True)

    @pass_context
    def translate(context, text):
        # Words from the settings (menu labels): translated if the catalog has them, and
        # escaped like any setting, never taken as HTML.
        return str(found.gettext(lang_of(context), text))

    generator.env.globals.update(
        translate=translate,
        gettext_in=lambda lang, text: str(found.gettext(lang, text)),
        setting=setting,
        home_url=home_url,
        search_url=search_url,
        page_feed=page_feed,
        in_default_lang=in_default_lang,
        page_lang=page_lang,
        language_versions=language_versions,
        language_name=language_name,
        crisis_settings=crisis_settings,
        LANGUAGE_SETTINGS={
            key: settings.get(key)
            for key in ("LANGUAGES", "DEFAULT_LANG", "SEARCH_URL", "LANG_INDEX_URL")
        }
        | {"LANG_SEARCH_URL": settings.get("LANG_SEARCH_URL")},
    )


def long_date(settings, date, lang):
    """A date as readers of the language write it: "7 December 2026", "7 de diciembre de 2026"."""
    translate = functools.partial(catalogs(settings).gettext, lang)
    month = translate(date.strftime("%B"))
    # Translators: how a date reads; {day}, {month} and {year} stay as they are.
    return translate("{day} {month} {year}").format(day=date.day, month=month, year=date.year)


DATE_FIELDS = (
    ("date", "locale_date"),
    ("modified", "locale_modified"),
    ("reviewed", "locale_reviewed"),
    ("review_due", "locale_review_due"),
)


def translate_dates(generators):
    # all_generators_finalized: also posts read back from Pelican's cache, after review_dates.
    for generator in generators:
        if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
            continue
        settings = generator.settings
        posts = [
            *getattr(generator, "articles", []),
            *getattr(generator, "translations", []),
            *getattr(generator, "drafts", []),
            *getattr(generator, "drafts_translations", []),
            *getattr(generator, "hidden_articles", []),
            *getattr(generator, "hidden_translations", []),
            *getattr(generator, "pages", []),
        ]
        for post in posts:
            if post.lang == settings["DEFAULT_LANG"]:
                continue
            for field, shown in DATE_FIELDS:
                value = getattr(post, field, None)
                if value:
                    setattr(post, shown, long_date(settings, value, post.lang))


def note_languages(generator):
    # article_generator_finalized: the languages with a home are in the context, so every
    # page that links to them is rendered again when one appears (plugins/unchanged_pages.py).
    by_language = articles_by_language(generator)
    generator.context["LANGUAGE_HOMES"] = list(by_language)
    # Which versions each post has: adding a translation changes its original's page.
    generator.context["LANGUAGE_GROUPS"] = sorted(
        sorted([article.url, *(t.url for t in article.translations)])
        for article in [*generator.articles, *generator.translations]
        if article.translations
    )


def version_groups(generators):
    """[(lang, url)…] of each page that has other languages: posts, homes, search pages."""
    groups = []
    for generator in generators:
        settings = generator.settings
        for post in [*getattr(generator, "articles", []), *getattr(generator, "pages", [])]:
            others = [t for t in post.translations if t.status == "published"]
            if others:
                groups.append(
                    _ordered(settings, [(post.lang, post.url)] + [(t.lang, t.url) for t in others])
                )
        if isinstance(generator, ArticlesGenerator):
            languages = list(articles_by_language(generator))
            groups += [home_versions(settings, languages, kind) for kind in ("INDEX", "SEARCH")]
    return [group for group in groups if group]


def note_version_groups(generators):
    # all_generators_finalized: remembered for the sitemap, written at the end of the build.
    for generator in generators:
        _version_groups[generator.output_path] = version_groups(generators)
        return


def link_sitemap_versions(pelican):
    # finalized, after pelican-sitemap wrote sitemap.xml (plugins/sitemap_dates.py connects it).
    settings = pelican.settings
    groups = _version_groups.pop(pelican.output_path, [])
    path = os.path.join(pelican.output_path, "sitemap.xml")
    sitemap.link_versions(path, groups, settings["SITEURL"], settings["DEFAULT_LANG"])


def write_language_pages(generator, writer):
    # article_writer_finalized: after Pelican wrote the default language's pages.
    settings = generator.settings
    for lang, articles in articles_by_language(generator).items():
        home = lang_url(settings, "LANG_INDEX_URL", lang)
        writer.write_file(
            _save_as(home),
            generator.get_template("index"),
            generator.context,
            relative_urls=settings["RELATIVE_URLS"],
            paginated={"articles": articles, "dates": articles},
            template_name="index",
            url=home,
            blog=True,
            PAGE_LANG=lang,
        )
        search = lang_url(settings, "LANG_SEARCH_URL", lang)
        writer.write_file(
            _save_as(search),
            generator.get_template("search"),
            generator.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=search,
            PAGE_LANG=lang,
        )
        feed = settings.get("LANG_FEED_ATOM")
        if feed:
            writer.write_feed(
                articles,
                {**generator.context, "PAGE_LANG": lang},
                feed.format(lang=lang),
                feed.format(lang=lang),
                feed_title=settings["LANGUAGES"].get(lang, lang),
            )


def register():
    signals.generator_init.connect(install)
    signals.article_generator_finalized.connect(note_languages)
    signals.all_generators_finalized.connect(translate_dates)
    signals.all_generators_finalized.connect(note_version_groups)
    signals.article_writer_finalized.connect(write_language_pages)
