"""The one door from content/ to output/: a post's HTML, parsed, held to the allow-list, written.

Everything her Markdown or an import makes (the body, the formatted summary, the contents
list) is parsed here with selectolax's lexbor parser, which follows the HTML standard as
browsers do, and written back from the parsed tree. Only the elements, attributes and
kinds of address in plugins/checks/html_policy.py are ever written; anything else is left
out, with what it holds. The checks refuse such HTML and stop the build first (and see the
file as she wrote it, since `Published.withheld` says something was left out); this module
makes sure that even a check that missed it, or a bug in a later step, cannot put it on a
page.

What the build itself adds beyond the list, the `<picture>` of plugins/pictures or the
references section of plugins/markdown_reader.py, is handed in as `Made` elements through
`replace`, and written by the same writer: every value is escaped here, never by hand.
The same HTML always gives the same bytes: attributes keep the order they were written in.
"""

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from plugins.checks.html_policy import (
    ALLOWED_TAGS,
    URL_ATTRIBUTES,
    URL_SCHEMES,
    allowed_attributes,
    scheme_of,
)

VOID = frozenset({"br", "hr", "img", "wbr", "source"})
ALLOWED = {tag: allowed_attributes(tag) for tag in ALLOWED_TAGS}
# What only the build writes, as `Made` elements: the responsive pictures.
MADE_TAGS = frozenset({"picture", "source"})
MADE_ATTRIBUTES = {
    "img": frozenset({"srcset", "sizes", "loading", "decoding"}),
    "source": frozenset({"type", "srcset", "sizes"}),
}
ADDRESS_LISTS = frozenset({"srcset"})  # "address width, address width": each is checked


def _escaped_text(text):
    # str.replace is many times faster than str.translate with a table of strings.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\xa0", "&nbsp;")
    )


def _escaped_value(value):
    # < and > too: Pelican finds {filename} links with a pattern that stops at the first >.
    return _escaped_text(value).replace('"', "&quot;")


@dataclass(frozen=True)
class Made:
    """An element the build writes: its tag, its (name, value) attributes in order, and children.

    A child is another `Made`, a parsed element or text (a str, written escaped).
    """

    tag: str
    attributes: tuple = ()
    children: tuple = ()


@dataclass(frozen=True)
class Published:
    """What the door let through: the HTML, its text, and whether anything was left out."""

    html: str
    text: str  # the text of every run of text, one space between runs (for counting words)
    withheld: bool  # an element, attribute or address the allow-list refuses was left out


def parse(html):
    """The parsed body of a piece of HTML, as a browser builds it; None for no HTML."""
    if not html:
        return None
    # Opened in <body>, as a post's text is on its page: a <script> or <meta> written first
    # stays in it, where the writer sees it, instead of moving up into a <head>.
    return LexborHTMLParser("<body>" + html).body


def elements(html, tag):
    """Each `tag` element of `html` a browser would build, in order (parsed, never matched)."""
    root = parse(html)
    return root.css(tag) if root is not None else []


def publish(html, replace=None):
    """`html` as it may reach a page: parsed and written back, holding only what is allowed."""
    return serialise(parse(html), replace).html


def serialise(root, replace=None):
    """Write what `root` holds; `replace(element)` may give a `Made` (or "") to write instead."""
    writer = _Writer(replace)
    if root is not None:
        writer.children(root)
    return Published("".join(writer.parts), " ".join(writer.texts), writer.withheld)


def serialise_made(made):
    """Write one element the build made, such as the author's portrait."""
    writer = _Writer(None)
    writer.made(made)
    return "".join(writer.parts)


class _Writer:
    def __init__(self, replace):
        self.replace = replace
        self.parts = []
        self.texts = []
        self.withheld = False

    def children(self, node, pre=False):
        first = True
        for child in node.iter(include_text=True):
            if child.is_text_node:
                text = child.text_content or ""
                # The parser drops a line break straight after <pre>: write one back first.
                if pre and first and text.startswith("\n"):
                    self.parts.append("\n")
                self.text(text)
            elif child.is_element_node:
                self.element(child)
            # Comments are her notes, not the page's; nothing else can hold HTML.
            first = False

    def text(self, text):
        self.texts.append(text)
        self.parts.append(_escaped_text(text))

    def element(self, node):
        if self.replace is not None:
            made = self.replace(node)
            if made is not None:
                if made:
                    self.made(made)
                return
        tag = node.tag
        if tag not in ALLOWED:
            self.withheld = True
            return
        self.start(tag, node.attributes.items(), ALLOWED[tag])
        if tag not in VOID:
            self.children(node, pre=tag == "pre")
            self.parts.append(f"</{tag}>")

    def made(self, made):
        tag = made.tag
        if tag not in ALLOWED_TAGS and tag not in MADE_TAGS:
            self.withheld = True
            return
        allowed = allowed_attributes(tag) | MADE_ATTRIBUTES.get(tag, frozenset())
        self.start(tag, made.attributes, allowed)
        if tag in VOID:
            return
        for child in made.children:
            if isinstance(child, Made):
                self.made(child)
            elif isinstance(child, str):
                self.text(child)
            elif child.is_text_node:
                self.text(child.text_content or "")
            elif child.is_element_node:
                self.element(child)
        self.parts.append(f"</{tag}>")

    def start(self, tag, attributes, allowed):
        parts = [f"<{tag}"]
        written = set()
        for name, value in attributes:
            if name in written:
                continue
            if name not in allowed or not _safe_address(name, value):
                self.withheld = True
                continue
            written.add(name)
            parts.append(f' {name}="{_escaped_value(value or "")}"')
        parts.append(">")
        self.parts.append("".join(parts))


def _safe_address(name, value):
    if not value:
        return True
    if name in ADDRESS_LISTS:
        addresses = [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    elif name in URL_ATTRIBUTES:
        addresses = [value]
    else:
        return True
    return all(scheme_of(a) in URL_SCHEMES or not scheme_of(a) for a in addresses)
