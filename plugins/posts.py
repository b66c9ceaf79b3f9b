"""Every article and page Pelican read: published, hidden and drafts, in its own order.

Translations (plugins/checks/rules/translations.py) are kept apart by Pelican, and
come after the posts of each group: they are checked, pictured and dated as any post.
"""

from pelican.generators import ArticlesGenerator, PagesGenerator


def every_post(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            groups = (
                generator.articles,
                generator.translations,
                generator.drafts,
                generator.drafts_translations,
                generator.hidden_articles,
                generator.hidden_translations,
            )
        elif isinstance(generator, PagesGenerator):
            groups = (
                generator.pages,
                generator.translations,
                generator.hidden_pages,
                generator.hidden_translations,
                generator.draft_pages,
                generator.draft_translations,
            )
        else:
            continue
        for group in groups:
            yield from group
