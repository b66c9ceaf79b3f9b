"""Every check the content goes through, in the order their findings are listed.

A new check is a new module in this folder with one rule (plugins/checks/rule.py),
listed here, and its own tests.
"""

from plugins.checks.rules import (
    addresses,
    allowed_html,
    alt_text,
    bullets,
    content_files,
    draft_links,
    drawings,
    duplicates,
    footnotes,
    front_matter,
    headings,
    images,
    import_notes,
    invisible_characters,
    links,
    own_links,
    portrait,
    redirects,
    references,
    reviews,
    root_links,
    safe_messaging,
    share_image,
    template,
    title_length,
    topics,
    trackers,
    translations,
    web_addresses,
)

# Run on each file; their findings are remembered while the file is unchanged.
FILE_RULES = (
    front_matter.check,
    invisible_characters.check,
    title_length.check,
    share_image.check,
    allowed_html.check,
    links.check,
    web_addresses.check,
    trackers.check,
    alt_text.check,
    images.check,
    footnotes.check,
    headings.check,
    bullets.check,
    safe_messaging.check,
    template.check,
    references.check,
    import_notes.check,
)
# Run on the whole site, after the file rules.
SITE_RULES = (
    content_files.check,
    addresses.check,
    own_links.check,
    root_links.check,
    duplicates.check,
    translations.check,
    draft_links.check,
    reviews.check,
    topics.check,
    redirects.check,
    drawings.check,
    portrait.check,
)
