"""Dates the sitemap's index pages by the newest article or page, not by the build's clock.

pelican-sitemap gives pages without a date of their own (the home page, archives,
tags) the time the build started, so two builds of the same sources would differ.
An index changes when the newest content does, so that date is also the true one.
"""

from pelican import signals

from plugins import compat
from plugins.languages import link_sitemap_versions


def date_indexes_by_newest_content(generators):
    # After every generator has read its content and before anything is written.
    dated = [
        getattr(item, "modified", None) or item.date
        for generator in generators
        for item in [*getattr(generator, "articles", []), *getattr(generator, "pages", [])]
        if getattr(item, "date", None)
    ]
    if dated:
        compat.date_sitemap_indexes(max(dated))


def register():
    signals.all_generators_finalized.connect(date_indexes_by_newest_content)
    # After pelican-sitemap has written the sitemap: every language version of each page.
    signals.finalized.connect(link_sitemap_versions)
