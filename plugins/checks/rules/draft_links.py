"""A published post that links to a draft: the public site has no page to link to.

A site rule, run on every build: the answer changes when the other file's status
does, while this file's text stays the same.
"""

import os
from urllib.parse import unquote

from pelican.contents import Article

from plugins.checks.html import values_of
from plugins.checks.problem import Problem
from plugins.checks.rule import site_rule
from plugins.checks.rules.duplicates import plain
from plugins.checks.source import key
from plugins.content_paths import resolve

LINK_TO_SOURCE = "{filename}"


def links_to_sources(html):
    """The file each {filename} link of a post names, as written; parsed only if it has one."""
    if LINK_TO_SOURCE not in (html or ""):
        return []
    addresses = [address.strip() for address in values_of(html, "a", "href")]
    return [
        address.removeprefix(LINK_TO_SOURCE).partition("#")[0]
        for address in addresses
        if address.startswith(LINK_TO_SOURCE)
    ]


@site_rule
def check(site):
    contents = site.contents
    draft_names = {os.path.basename(k) for k, c in contents.items() if c.status == "draft"}
    if not draft_names:
        return
    for path_key, source in site.sources.items():
        content = contents.get(path_key)
        if content is None or content.status == "draft":
            continue
        for target in links_to_sources(source.html):
            if os.path.basename(unquote(target)) not in draft_names:
                continue  # resolving every link of a large site takes a while
            linked = contents.get(key(resolve(target, source.path, site.content_root)))
            if linked is None or linked.status != "draft":
                continue
            shown = site.display(linked.source_path)
            what = f'The link points to {shown} ("{plain(linked.title)}"), which is still a draft'
            setting = "DRAFT_SAVE_AS" if isinstance(linked, Article) else "DRAFT_PAGE_SAVE_AS"
            if site.settings[setting]:  # a local build writes drafts; the public one does not
                severity = "warning"
                what += (
                    ". The link works in the preview, but not on the published site until"
                    " that draft is published."
                )
            else:
                severity = "error"
                what += ", so the published site has no page there."
            fix = (
                f"Publish {shown} first (change its Status: draft to Status: published), "
                "or leave the link out."
            )
            line = source.line_of("{filename}" + target)
            yield Problem(severity, source.shown, line, "link", what, fix)
