"""Gives templates `|plain`: a field's text without its tags, escaped again for the page.

Titles and summaries are HTML (typography, links). Where a page wants only their text
(the browser tab, the description, share previews), Jinja's `striptags` alone also
decodes entities, so "&lt;script&gt;" written in a summary would come out as a real tag.
"""

from markupsafe import Markup, escape
from pelican import signals


def plain(value):
    """The text of `value` as readers see it, safe in an element or a quoted attribute."""
    return escape(Markup(value or "").striptags())


def add_filter(generator):
    # generator_init: each generator has its Jinja environment but has rendered nothing yet.
    generator.env.filters["plain"] = plain


def register():
    signals.generator_init.connect(add_filter)
