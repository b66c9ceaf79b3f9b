"""Every page lands at an address of its own: nothing a post writes replaces another page.

Two posts with the same slug, a page called "search" or "tags", or a post under a folder the
site writes itself (its theme, search index or handouts) would silently replace what was
there. Every address the build will write is gathered first, and any two that meet stop
the build, naming both.
"""

from collections import defaultdict

from pelican.contents import Page
from pelican.generators import ArticlesGenerator, StaticGenerator

from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule

# Folders the site writes itself, besides its list pages (settings: *_SAVE_AS).
SITE_FOLDERS = {
    "theme/": "the site's design files",
    "pagefind/": "the search index",
    "handouts/": "the printable handouts",
    "feeds/": "the feed",
}
FEEDS = ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS")


@site_rule
def check(site):
    writers = defaultdict(list)  # address -> what writes it: a post, or a description
    for content in site.contents.values():
        if content.save_as:  # the public build writes no drafts (publishconf.py)
            writers[content.save_as].append(content)
    for address, what in own_pages(site).items():
        writers[address].append(what)
    for address, posts_and_pages in writers.items():
        posts = [p for p in posts_and_pages if not isinstance(p, str)]
        own = [p for p in posts_and_pages if isinstance(p, str)]
        for post in posts if len(posts_and_pages) > 1 else ():
            yield _collision(site, post, address, posts, own)
    for content in site.contents.values():
        for folder, what in SITE_FOLDERS.items():
            if (content.save_as or "").startswith(folder):
                yield _collision(site, content, content.save_as, [content], [what])


def own_pages(site):
    """What the site writes besides its posts: a description of each, by its address."""
    settings = site.settings
    own = {}
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            own[save_as] = f"the site's {name} page"
    for setting in ("CATEGORIES_SAVE_AS", "TAGS_SAVE_AS", "AUTHORS_SAVE_AS", "ARCHIVES_SAVE_AS"):
        if settings.get(setting):
            own.setdefault(settings[setting], f"the site's {setting.split('_')[0].lower()} page")
    for save_as in settings.get("TEMPLATE_PAGES", {}).values():
        own[save_as] = f"the site's {save_as}"
    for setting in FEEDS:
        if settings.get(setting):
            own[settings[setting]] = "the site's feed"
    for generator in site.generators:
        if isinstance(generator, ArticlesGenerator):
            terms = [*generator.tags, *(c for c, _ in generator.categories)]
            terms += [a for a, _ in generator.authors]
            for term in terms:
                if term.save_as:
                    own[term.save_as] = f"the list of articles for {term.name}"
        elif isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                own[static.save_as] = f"the file {site.display(static.source_path)}"
    return own


def _collision(site, post, address, posts, own):
    others = sorted(site.display(p.source_path) for p in posts if p is not post) + own
    source = site.source_of(post.source_path)
    lines = source.front.lines if source else {}
    shown = address.removesuffix("index.html")
    fix = "Give one of them a different Title, or add a Slug: line with another name."
    if own:
        fix = f'Add a Slug: line with another name: "{shown}" belongs to {own[0]}.'
    return Problem(
        "error",
        site.display(post.source_path),
        lines.get("slug") or lines.get("title"),
        "Slug",
        f"This {'page' if isinstance(post, Page) else 'post'} would have the same web address "
        f'("{shown}") as {" and ".join(others)}, and one would overwrite the other.',
        fix,
    )
