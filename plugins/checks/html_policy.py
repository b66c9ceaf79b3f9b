"""The HTML a post may contain: an allow-list of tags, attributes and kinds of address.

Her Markdown and every imported post are held to this one list. It covers what
Markdown and the site's own extensions write (footnotes, tables, abbreviations,
definition lists, contents anchors, typography), and the few tags worth writing
by hand; anything else is refused, not cleaned, so nothing changes unseen.
"""

ALLOWED_TAGS = frozenset(
    {
        # Text and structure, as Markdown writes them.
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
        *("ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "a", "img", "div", "span"),
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "sup", "sub"),
        *("abbr", "section"),
        # Harmless tags worth writing by hand.
        *("b", "i", "u", "s", "del", "ins", "mark", "small", "q", "cite", "dfn", "kbd"),
        *("samp", "var", "time", "figure", "figcaption", "details", "summary", "wbr"),
    }
)
GLOBAL_ATTRIBUTES = frozenset(
    {"id", "class", "title", "lang", "dir", "aria-label", "aria-labelledby", "aria-describedby"}
)
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "rel", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"colspan", "rowspan", "scope", "abbr"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "time": frozenset({"datetime"}),
    "del": frozenset({"datetime", "cite"}),
    "ins": frozenset({"datetime", "cite"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "details": frozenset({"open"}),
}
# Attributes that hold an address, and the kinds of address they may hold. An address
# without a scheme (`{filename}…`, `/about/`, `#section`) stays on the site.
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
C0_AND_SPACE = "".join(map(chr, range(0x21)))


def allowed_attributes(tag):
    return GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())


def scheme_of(address):
    """The scheme of an address as a browser reads it, lowercased; "" when it has none.

    Browsers ignore spaces and control characters around an address, and tabs and line
    breaks inside it, so "java" + tab + "script:" is still a script.
    """
    cleaned = "".join(ch for ch in address.strip(C0_AND_SPACE) if ch not in "\t\n\r")
    head, colon, _ = cleaned.partition(":")
    if not colon or "/" in head or "?" in head or "#" in head or "{" in head:
        return ""
    return head.lower()
