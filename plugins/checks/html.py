"""The elements of a piece of HTML, parsed as a browser parses it.

selectolax's lexbor parser follows the HTML standard, so the rules see the same
elements and attributes a reader's browser would build, however the markup is
written (unquoted attributes, odd spacing, entities), and no pattern can be dodged.
"""

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

# The parser adds these around any fragment; they count only if the text gives them attributes.
DOCUMENT_TAGS = frozenset({"html", "head", "body"})


@dataclass(frozen=True)
class Element:
    """One element: its tag name, lowercased, its attributes (None for a bare one), and parents."""

    tag: str
    attributes: dict
    ancestors: tuple = ()  # the tags it sits inside, nearest first


def elements(html):
    """Every element of `html`, in document order."""
    if not html:
        return []
    found = []
    for node in LexborHTMLParser(html).root.traverse(include_text=False):
        # A processing instruction (IE's <?import …>) is a node without a tag name.
        tag = (node.tag or "-").lower()
        if tag.startswith("-") or (tag in DOCUMENT_TAGS and not node.attributes):
            continue  # comments, instructions and the document's own frame
        found.append(Element(tag, dict(node.attributes), _ancestors(node)))
    return found


def _ancestors(node):
    tags = []
    parent = node.parent
    while parent is not None and (parent.tag or "").lower() not in DOCUMENT_TAGS:
        tags.append((parent.tag or "").lower())
        parent = parent.parent
    return tuple(tags)


def text_of(html, between=" "):
    """The text of `html` as a reader sees it, `between` each run of text; "" for none."""
    if not html:
        return ""
    return LexborHTMLParser(html).root.text(separator=between)


def values_of(html, tag, attribute):
    """The value of `attribute` on each `tag` element of `html` that has one, in order."""
    if not html:
        return []
    found = LexborHTMLParser(html).css(f"{tag}[{attribute}]")
    return [node.attributes.get(attribute) or "" for node in found]
