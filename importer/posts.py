"""Each old post as a Markdown file of this site: front matter that passes its own checks.

The fields are the ones plugins/front_matter.py defines; values are made to pass its
rules (one line, a date the site reads, a summary of at most SUMMARY_LIMIT characters,
an ASCII slug no other post has), so an imported blog builds at once.
"""

import html
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from importer.media import is_image_address
from plugins.front_matter import FIELDS, SUMMARY_LIMIT
from plugins.new_post import FALLBACK_SLUG, RESERVED_PAGE_SLUGS, make_slug, unique_slug

UNCATEGORISED = {"uncategorized", "uncategorised", "general"}
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]>])")
# Markdown cannot escape "<" with a backslash (it shows the backslash); as &lt; it shows
# "<" and never starts a tag. "&" before an entity's name likewise stays an ampersand.
RAW_HTML_START = re.compile(r"<|&(?=#?[A-Za-z0-9]+;)")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text):
    """Text as one front-matter line: no tags, entities decoded, no line breaks."""
    # A title that looks like an address is still a title: no warning to the terminal.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        text = BeautifulSoup(html.unescape(text or ""), "html.parser").get_text(" ")
    return " ".join(CONTROL.sub(" ", text).replace("<", "").replace(">", "").split())


def summary_of(text):
    """One or two whole sentences of `text`, within the summary's limit, safe as Markdown."""
    plain = " ".join(text.split())
    chosen = ""
    for sentence in SENTENCE_END.split(plain):
        candidate = f"{chosen} {sentence}".strip()
        if len(as_markdown(candidate)) > SUMMARY_LIMIT:
            break
        chosen = candidate
    if not chosen and plain:
        words = []
        for word in plain.split():
            if len(as_markdown(" ".join([*words, word]))) > SUMMARY_LIMIT - 1:
                break
            words.append(word)
        chosen = " ".join(words).rstrip(",;:") + "…"
    return as_markdown(chosen)


def as_markdown(text):
    """Plain text written so that Markdown shows it as it is, and never reads a tag in it."""
    text = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return RAW_HTML_START.sub(lambda m: "&lt;" if m.group() == "<" else "&amp;", text)


def merged_tags(names):
    """Tags without duplicates that differ only in case; the first spelling is kept."""
    seen, kept = set(), []
    for name in names:
        name = one_line(name).replace(",", " ").strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


def category_and_tags(item):
    categories = [c for c in merged_tags(item.categories) if c.casefold() not in UNCATEGORISED]
    category = categories[0] if categories else ""
    # The site has one category per post: any others join the tags.
    return category, merged_tags([*categories[1:], *item.tags])


def render(values, kind):
    """The file's text: the fields in the order FIELDS gives, then the text."""
    lines = [
        f"{field.name}: {values[field.name]}"
        for field in FIELDS
        if kind in field.kinds and values.get(field.name)
    ]
    return "\n".join(lines) + "\n\n" + values["body"]


def slug_for(item, settings, taken, parent_slug=""):
    """An ASCII slug from the old one (or the title) that no other post in the folder has."""
    slug = make_slug(unquote(item.slug).replace("-", " "), settings) if item.slug else ""
    slug = slug or make_slug(one_line(item.title), settings) or FALLBACK_SLUG[item.kind]
    if parent_slug:
        slug = f"{parent_slug}-{slug}"  # the page's place under its parent, kept in its address
    if item.kind == "page":
        taken = taken | RESERVED_PAGE_SLUGS
    return unique_slug(slug, taken)


def address_key(address, base=""):
    """An old address reduced to what identifies a post: the path, and a ?p= or ?page_id=."""
    parts = urlsplit(address)
    if not parts.netloc and base and not address.startswith("#"):
        parts = urlsplit(urljoin(base, address))
    path = unquote(parts.path or "/")
    if not path.endswith("/") and not PurePosixPath(path).suffix:
        path += "/"
    query = ""
    for pair in parts.query.split("&"):
        name, _, value = pair.partition("=")
        if name in ("p", "page_id") and value.isdigit():
            query = f"?{name}={value}"
    return (parts.hostname or "").removeprefix("www.").lower(), path + query


@dataclass
class Resolver:
    """Rewrites the addresses in one post: the old blog's posts and pictures become the site's."""

    posts: dict  # address_key -> "{filename}/articles/x.md"
    old_hosts: set
    media: object
    base: str  # the post's old address, for relative links
    upgraded: int = 0  # links moved from http:// to https://
    anchors: dict = None  # the post's own heading ids: old id -> new id
    drafts: dict = None  # {filename} link of each draft -> what a note calls it
    unlinked: int = 0  # links to drafts, left as their words
    not_imported: int = 0  # links to old addresses the export did not have
    pending: tuple = ()  # (what it counts as, her note) for the last link, when it needs her

    def take_note(self):
        """What the note on the last link says after its words ("" for none), now counted."""
        if not self.pending:
            return ""
        counter, note = self.pending
        setattr(self, counter, getattr(self, counter) + 1)
        self.pending = ()
        return note

    def image(self, src):
        if not src or src.startswith("data:"):
            return None
        address = urljoin(self.base, src) if not urlsplit(src).scheme else src
        placed = self.media.place(address)
        return f"{{static}}/images/{placed}" if placed else None

    def why_missing(self, src):
        """Why a picture was not taken, when it was there but refused ("" when not found)."""
        address = urljoin(self.base, src) if not urlsplit(src).scheme else src
        why = self.media.why_missing.get(address, "")
        return f"which was not taken: {why}" if why else ""

    def is_image_file(self, href):
        return href.startswith("{static}/images/") or is_image_address(href)

    def link(self, href):
        self.pending = ()
        href = (href or "").strip()
        if not href or href.startswith(("mailto:", "tel:", "sms:")):
            return href
        if href.startswith("#"):
            # A section of the post itself, under the name its heading has now; else no link.
            moved = (self.anchors or {}).get(href[1:])
            return f"#{moved}" if moved else ""
        parts = urlsplit(href)
        absolute = href if parts.scheme else urljoin(self.base, href)
        host, key = address_key(absolute)
        if host in self.old_hosts or not parts.netloc:
            if (host, key) in self.posts:
                target = self.posts[(host, key)]
                if target not in (self.drafts or {}):
                    return target
                # Readers of the old blog could not open it either; the public build
                # refuses a link to a draft.
                self.pending = (
                    "unlinked",
                    (
                        f"were a link to {self.drafts[target]}, a draft here, so they are plain "
                        "text for now. Link them again once that post is published."
                    ),
                )
                return ""
            if is_image_address(absolute):
                placed = self.media.place(absolute)
                if placed:
                    return f"{{static}}/images/{placed}"
            elif key != "/":
                # The home page is the site's own; any other address of the old blog that
                # no imported post had breaks once the old domain points at this site.
                self.pending = (
                    "not_imported",
                    (
                        f"link to {absolute} on the old blog, which was not in the export: the "
                        "link breaks once that address points at this site. Link to the post "
                        "here instead, or remove the link."
                    ),
                )
        if absolute.startswith("http://"):
            self.upgraded += 1
            absolute = "https://" + absolute.removeprefix("http://")
        parts = urlsplit(absolute)
        return urlunsplit(parts) if parts.scheme in ("https", "http") else ""
