"""Every article and page Pelican read: published, hidden and drafts, in its own order."""

from pelican.generators import ArticlesGenerator, PagesGenerator


def every_post(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            groups = (generator.articles, generator.drafts, generator.hidden_articles)
        elif isinstance(generator, PagesGenerator):
            groups = (generator.pages, generator.hidden_pages, generator.draft_pages)
        else:
            continue
        for group in groups:
            yield from group
