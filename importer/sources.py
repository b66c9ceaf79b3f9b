"""Reads an export of an old blog into plain items: a WordPress WXR file, or an RSS/Atom feed.

WXR is RSS with WordPress's own elements, in namespaces whose addresses differ between
versions (http:// or https://wordpress.org/export/1.2/), so elements are matched by
the end of their namespace, read from the file. Squarespace exports WXR too, and often
not well-formed: a bare "&" in a title. That one mistake (and characters XML forbids)
is mended exactly, outside CDATA; anything else stops the import with the line.
"""

import datetime
import email.utils
import json
import re
import zoneinfo
from dataclasses import dataclass, field

from lxml import etree

WP = "wordpress.org/export/"
CONTENT = "purl.org/rss/1.0/modules/content/"
DC = "purl.org/dc/elements/1.1/"
# Statuses that never reached readers, and how the report names them.
NOT_PUBLIC = {
    "draft": "a draft",
    "pending": "waiting for review (pending)",
    "private": "private",
    "future": "scheduled for later (future)",
}
# What is left out, as the report names one of them and several.
LEFT_OUT_STATUSES = {
    "trash": ("{} in the bin", "{}s in the bin"),
    "auto-draft": (
        "{} WordPress saved as an automatic draft",
        "{}s WordPress saved as automatic drafts",
    ),
}
KINDS = {"post": "article", "page": "page"}
OTHER_KINDS = {
    "nav_menu_item": ("menu entry", "menu entries"),
    "wp_navigation": ("menu", "menus"),
    "attachment": (
        "media entry (its file is used where posts show it)",
        "media entries (their files are used where posts show them)",
    ),
    "revision": ("earlier revision", "earlier revisions"),
    "wp_block": ("reusable block", "reusable blocks"),
    "wp_template": ("theme template", "theme templates"),
    "wp_template_part": ("theme template part", "theme template parts"),
    "wp_global_styles": ("set of theme styles", "sets of theme styles"),
    "custom_css": ("set of custom styles", "sets of custom styles"),
}
# Blogger's own export is an Atom feed of everything: posts, pages, comments, settings.
BLOGGER_KIND = "http://schemas.google.com/blogger/2008/kind#"
BLOGGER_KINDS = {"post": "article", "page": "page"}
BLOGGER_LEFT_OUT = ("Blogger setting or template", "Blogger settings and templates")
BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
FORBIDDEN_CHARACTERS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.S)


class ImportStopped(Exception):
    """The export cannot be read; the message says where and what to do."""


@dataclass
class Item:
    """One post or page of the old blog, as the export describes it."""

    key: str  # stable across exports of the same blog: the guid, else the link
    kind: str  # "article" or "page"
    title: str
    html: str
    excerpt: str = ""
    date: datetime.datetime | None = None  # aware
    modified: datetime.datetime | None = None
    not_public: str = ""  # why it becomes a draft; "" when it was published
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    slug: str = ""  # the old post_name
    link: str = ""
    post_id: str = ""
    parent_id: str = ""
    footnotes: dict = field(default_factory=dict)  # Gutenberg's footnotes: id -> HTML


@dataclass
class Export:
    """Everything the import uses from one export file."""

    kind: str  # "WordPress export", "Blogger export" or "feed"
    site: str  # the old site's address
    items: list
    attachments: dict = field(default_factory=dict)  # post id -> file address
    attachment_parents: dict = field(default_factory=dict)  # post id -> parent post id
    left_out: dict = field(default_factory=dict)  # (one, several) not imported -> how many
    comments: int = 0
    mended: str = ""  # what was mended in a malformed file


def read_export(path, zone=datetime.UTC):
    """Read a WXR export or a feed; raise ImportStopped with a plain message if it cannot.

    `zone` is where the old site's local times were, for posts whose export gives no GMT
    time (drafts): the clinician's own time zone.
    """
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        # WordPress.com's "Export all" downloads a .zip with the export inside.
        raise ImportStopped(
            f"{path.name} is a zip file, with the export inside it. Open it (double-click) "
            "and give the import the file that ends in .xml from the folder it makes; if "
            "there are several, import each of them, one after the other."
        )
    root, mended = _parse_xml(data, path)
    is_wxr = any(WP in (uri or "") for element in root.iter() for uri in element.nsmap.values())
    if root.tag == "rss" and is_wxr:
        export = _read_wxr(root, zone)
    else:
        export = _read_feed(data, path)
    _distinct_keys(export.items)
    export.mended = mended
    return export


def _distinct_keys(items):
    """Give each entry its own key, even where an edited or merged export repeats a post id.

    Two entries under one key would be written to one file, the second reported as a post
    she deleted. The first keeps its key, so an import of the same blog again still finds it;
    an entry listed twice, word for word, comes over once.
    """
    seen = {}
    for item in list(items):
        key, number = item.key, 1
        while key in seen:
            if seen[key] == (item.title, item.date, item.html):
                items.remove(item)
                break
            number += 1
            key = f"{item.key} {item.slug or item.link or item.title} {number}"
        else:
            seen[key] = (item.title, item.date, item.html)
            item.key = key


def _parser(recover):
    # Untrusted XML: no entities expanded from elsewhere, nothing fetched from the network.
    return etree.XMLParser(recover=recover, resolve_entities=False, no_network=True, huge_tree=True)


def _mend(data):
    """Escape bare ampersands outside CDATA and drop characters XML forbids."""
    parts = CDATA.split(FORBIDDEN_CHARACTERS.sub(b"", data))
    return b"".join(
        part if part.startswith(b"<![CDATA[") else BARE_AMPERSAND.sub(b"&amp;", part)
        for part in parts
    )


def _parse_xml(data, path):
    try:
        return etree.fromstring(data, _parser(False)), ""
    except etree.XMLSyntaxError as first:
        mistake = first
    mended = _mend(data)
    try:
        return etree.fromstring(mended, _parser(False)), (
            "The file was not well-formed XML (a bare & or a character XML does not allow); "
            "it was mended exactly and read in full."
        )
    except etree.XMLSyntaxError:
        pass
    # libxml2 can read past other mistakes; the result is used only if no entry was lost.
    root = etree.fromstring(mended, _parser(True))
    expected = len(re.findall(rb"<item[\s>]", mended)) + len(re.findall(rb"<entry[\s>]", mended))
    found = 0 if root is None else sum(1 for e in root.iter() if _local(e) in ("item", "entry"))
    closed = len(re.findall(rb"</item>", mended)) + len(re.findall(rb"</entry>", mended))
    whole = mended.rstrip().endswith((b"</rss>", b"</feed>", b"</rdf:RDF>"))
    if root is not None and found == expected == closed and expected and whole:
        return root, (
            f"The file was not well-formed XML (line {mistake.lineno}); "
            f"all {found} entries could still be read."
        )
    said = re.sub(r",? line \d+, column \d+$", "", (mistake.msg or "").splitlines()[0])
    raise ImportStopped(
        f"{path.name} is not well-formed XML: at line {mistake.lineno}, column "
        f"{mistake.offset}: {said}.\n"
        f"Export it again from the old site. If the same line fails again, open the file in a "
        f"text editor, go to line {mistake.lineno}, and look for a tag that is cut short or a "
        "title with a < in it; change it, save the file, and run the import again."
    )


def _local(element):
    # Not etree.QName: a recovered file may keep a tag whose prefix was never declared.
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _children(element, namespace, name):
    for child in element:
        if isinstance(child.tag, str):
            qualified = etree.QName(child)
            if qualified.localname == name and namespace in (qualified.namespace or ""):
                yield child


def _text(element, namespace, name):
    found = next(_children(element, namespace, name), None)
    return (found.text or "").strip() if found is not None else ""


def _raw_text(element, namespace, name):
    found = next(_children(element, namespace, name), None)
    return (found.text or "") if found is not None else ""


def _plain(element, name):
    found = element.find(name)
    return (found.text or "").strip() if found is not None else ""


def _wp_date(gmt, local, zone):
    for value, source_zone in ((gmt, datetime.UTC), (local, zone)):
        if value and not value.startswith("0000"):
            try:
                moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            return moment.replace(tzinfo=source_zone)
    return None


def _read_wxr(root, zone):
    channel = root.find("channel")
    if channel is None:
        raise ImportStopped("The file has no <channel>: it is not a WordPress export.")
    site = _text(channel, WP, "base_blog_url") or _plain(channel, "link")
    export = Export("WordPress export", site, [])
    for element in channel.findall("item"):
        post_type = _text(element, WP, "post_type") or "post"
        status = _text(element, WP, "status") or "publish"
        post_id = _text(element, WP, "post_id")
        export.comments += sum(1 for _ in _children(element, WP, "comment"))
        if post_type == "attachment":
            export.attachments[post_id] = _text(element, WP, "attachment_url") or _plain(
                element, "guid"
            )
            export.attachment_parents[post_id] = _text(element, WP, "post_parent")
            continue
        if post_type not in KINDS:
            label = OTHER_KINDS.get(
                post_type, (f"entry of the kind {post_type}", f"entries of the kind {post_type}")
            )
            export.left_out[label] = export.left_out.get(label, 0) + 1
            continue
        if status in LEFT_OUT_STATUSES:
            label = tuple(f.format(KINDS[post_type]) for f in LEFT_OUT_STATUSES[status])
            export.left_out[label] = export.left_out.get(label, 0) + 1
            continue
        not_public = NOT_PUBLIC.get(status, "" if status == "publish" else f"status {status}")
        # A password of spaces is still a password: WordPress asked readers for it.
        if not not_public and _raw_text(element, WP, "post_password"):
            not_public = "protected by a password"
        categories, tags = [], []
        for category in element.findall("category"):
            name = (category.text or "").strip()
            if name and category.get("domain") == "category":
                categories.append(name)
            elif name and category.get("domain") == "post_tag":
                tags.append(name)
        footnotes = {}
        for meta in _children(element, WP, "postmeta"):
            if _text(meta, WP, "meta_key") == "footnotes":
                try:
                    notes = json.loads(_text(meta, WP, "meta_value"))
                    footnotes = {note["id"]: note["content"] for note in notes}
                except (ValueError, TypeError, KeyError):
                    footnotes = {}
        link = _plain(element, "link")
        export.items.append(
            Item(
                # Post ids are WordPress's own and never reused within one blog; guids can be.
                key=f"{site} {post_id}" if post_id else _plain(element, "guid") or link,
                kind=KINDS[post_type],
                title=_plain(element, "title"),
                html=_text(element, CONTENT, "encoded"),
                excerpt=_excerpt(element),
                date=_wp_date(
                    _text(element, WP, "post_date_gmt"), _text(element, WP, "post_date"), zone
                )
                or _rfc822(_plain(element, "pubDate")),
                modified=_wp_date(
                    _text(element, WP, "post_modified_gmt"),
                    _text(element, WP, "post_modified"),
                    zone,
                ),
                not_public=not_public,
                categories=categories,
                tags=tags,
                slug=_text(element, WP, "post_name"),
                link=link,
                post_id=post_id,
                parent_id=_text(element, WP, "post_parent"),
                footnotes=footnotes,
            )
        )
    return export


def _excerpt(element):
    for child in element:
        if isinstance(child.tag, str):
            qualified = etree.QName(child)
            namespace = qualified.namespace or ""
            if qualified.localname == "encoded" and namespace.endswith("/excerpt/"):
                return (child.text or "").strip()
    return ""


def _rfc822(value):
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _read_feed(data, path):
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=True)
    if not parsed.entries and parsed.get("bozo"):
        raise ImportStopped(
            f"{path.name} is neither a WordPress export nor a feed the import can read "
            f"({parsed.get('bozo_exception')}). Export the blog again, as a WordPress export "
            "(WXR) or as an RSS or Atom feed."
        )
    export = Export("feed", parsed.feed.get("link", ""), [])
    for entry in parsed.entries:
        kinds = [t.get("term", "") for t in entry.get("tags", [])]
        blogger = next((k[len(BLOGGER_KIND) :] for k in kinds if k.startswith(BLOGGER_KIND)), None)
        if blogger is not None:
            export.kind = "Blogger export"
            if blogger == "comment":
                export.comments += 1
            elif blogger not in BLOGGER_KINDS:
                export.left_out[BLOGGER_LEFT_OUT] = export.left_out.get(BLOGGER_LEFT_OUT, 0) + 1
            if blogger not in BLOGGER_KINDS:
                continue
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        # Asked only when present: feedparser warns when one stands in for the other.
        updated = entry["updated_parsed"] if "updated_parsed" in entry else None
        stamp = (entry["published_parsed"] if "published_parsed" in entry else None) or updated
        export.items.append(
            Item(
                key=entry.get("id") or entry.get("link") or entry.get("title", ""),
                kind=BLOGGER_KINDS.get(blogger, "article"),
                title=entry.get("title", "").strip(),
                html=html,
                excerpt=entry.get("summary", "") if content else "",
                date=datetime.datetime(*stamp[:6], tzinfo=datetime.UTC) if stamp else None,
                modified=datetime.datetime(*updated[:6], tzinfo=datetime.UTC) if updated else None,
                # A Blogger draft has no address: feedparser would give its id as its link.
                not_public="a draft" if entry.get("app_draft") == "yes" else "",
                tags=[k.strip() for k in kinds if k and not k.startswith(BLOGGER_KIND)],
                link=entry.get("link", "") if entry.get("app_draft") != "yes" else "",
                slug="",
            )
        )
    return export


def in_zone(moment, zone_name):
    """A moment in the site's time zone, as front matter writes it."""
    try:
        zone = zoneinfo.ZoneInfo(zone_name or "UTC")
    except zoneinfo.ZoneInfoNotFoundError:
        zone = datetime.UTC
    return moment.astimezone(zone)
