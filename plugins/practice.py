"""Her practice's pages: the Good Faith Estimate notice and the fees, each only when it applies.

Both are Markdown pages in content/pages/ whose layouts draw their words from settings
(the "Good Faith Estimate" and "Her practice" groups in pelicanconf.py). A page whose
settings turn it off is never written: no page, no footer link, no sitemap entry.
The footer and the booking invitation ask `practice_page(layout)` for the page to link to.
"""

from pelican import signals

GOOD_FAITH_ESTIMATE = "good_faith_estimate"
FEES = "fees"


def has_fees(settings):
    """True when any fee setting is filled in: only then is there a Fees page."""
    return bool(
        settings.get("FEES")
        or settings.get("FEES_SLIDING_SCALE")
        or settings.get("FEES_SUPERBILLS")
    )


def turned_on(layout, settings):
    """False for a practice page its settings leave out; True for every other page."""
    if layout == GOOD_FAITH_ESTIMATE:
        return bool(settings.get("GOOD_FAITH_ESTIMATE", True))
    if layout == FEES:
        return has_fees(settings)
    return True


def leave_out_pages_turned_off(generator):
    # page_generator_finalized: every page is read, none written; the lists are the ones in
    # the context, so the footer, the sitemap and the search index never see a page left out.
    for group in (generator.pages, generator.hidden_pages, generator.draft_pages):
        group[:] = [page for page in group if turned_on(page.template, generator.settings)]


def add_globals(generator):
    # generator_init: the templates can ask for a practice page before any is rendered.
    def practice_page(layout):
        pages = generator.context.get("pages") or ()
        return next((page for page in pages if page.template == layout), None)

    generator.env.globals["practice_page"] = practice_page


def register():
    signals.generator_init.connect(add_globals)
    signals.page_generator_finalized.connect(leave_out_pages_turned_off)
