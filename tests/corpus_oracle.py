"""What counts as an attack that worked, read from a page's DOM: live in Chromium, or parsed.

Anything that could run code or take the reader elsewhere fails: an event handler, a
javascript: (or vbscript:, data:text/html) address in any attribute, a frame, object or
embed, a <base>, a script the site does not ship (the site ships only its own files under
/theme/ and /pagefind/, and JSON-LD data), or a <meta> refresh in the body.
"""

import re
from urllib.parse import urlsplit

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

SHIPPED_SCRIPTS = ("/theme/", "/pagefind/")
XHTML = "http://www.w3.org/1999/xhtml"
XLINK = "http://www.w3.org/1999/xlink"
FRAMES = ("iframe", "frame", "frameset", "object", "embed", "base", "portal", "applet")
ADDRESS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# Attributes a browser only shows or reads as words, never follows or runs: a javascript:
# there is harmless text (a summary that starts with one is in <meta content>).
INERT_ATTRIBUTES = ("alt", "title", "content", "placeholder", "value", "label", "datetime")
# Names no browser gives a meaning to, made when a vector breaks out of a quoted value.
ATTRIBUTE_NAME = r"^[a-z][a-z0-9:_.-]*$"
# Whitespace and control characters a browser ignores inside a scheme ("java\tscript:").
IGNORED = "".join(chr(code) for code in range(0x21))

# The same rules as `dangers`, run in the live page (after every parser and mutation).
LIVE_DANGERS = """
([shipped, frames, schemes, inert, attributeName]) => {
  const found = [];
  const origin = location.origin;
  const short = (element) => element.outerHTML.replace(/\\s+/g, " ").slice(0, 100);
  const address = (value) => value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) {
        found.push(`event handler ${name}: ${short(element)}`);
      } else if (schemes.some((scheme) => address(attribute.value).startsWith(scheme))
                 && !inert.includes(name) && !name.startsWith("aria-")
                 && new RegExp(attributeName).test(name)) {
        found.push(`${name}=${attribute.value.slice(0, 40)}: ${short(element)}`);
      }
    }
    // In a drawing, only an HTML element is a frame: an SVG <iframe> is an unknown tag.
    if (frames.includes(tag) && element.namespaceURI === "http://www.w3.org/1999/xhtml")
      found.push(`<${tag}>: ${short(element)}`);
    if (tag === "meta" && (element.getAttribute("http-equiv") || "").toLowerCase() === "refresh"
        && element.closest("body")) found.push(`meta refresh in the body: ${short(element)}`);
    if (tag === "script") {
      const src = element.getAttribute("src") || element.getAttribute("href")
        || element.getAttribute("xlink:href");
      if (!src) {
        const type = (element.getAttribute("type") || "").toLowerCase();
        if (type !== "application/ld+json") found.push(`inline script: ${short(element)}`);
      } else {
        const url = new URL(src, location.href);
        if (url.origin !== origin || !shipped.some((path) => url.pathname.startsWith(path)))
          found.push(`foreign script ${src}: ${short(element)}`);
      }
    }
  }
  return found;
}
"""


def _followed(name):
    return not (
        name in INERT_ATTRIBUTES or name.startswith("aria-") or not re.match(ATTRIBUTE_NAME, name)
    )


def _address(value):
    return "".join(ch for ch in value if ch not in IGNORED).lower()


def _short(node):
    return " ".join((node.html or "").split())[:100]


def drawing_dangers(text, origin=""):
    """The same rules over a drawing as a browser reads an .svg file: as XML, by namespace."""
    try:
        root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return []  # the browser shows its error page: nothing of the drawing runs
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace, _, tag = element.tag.rpartition("}")
        short = " ".join(etree.tostring(element, encoding="unicode").split())[:100]
        for name, value in element.attrib.items():
            name = name.rpartition("}")[2].lower()
            if name.startswith("on"):
                found.append(f"event handler {name}: {short}")
            elif _address(value).startswith(ADDRESS_SCHEMES) and _followed(name):
                found.append(f"{name}={value[:40]}: {short}")
        if tag.lower() in FRAMES and namespace.strip("{") == XHTML:
            found.append(f"<{tag}>: {short}")
        if tag.lower() == "script":
            src = element.get("src") or element.get("href") or element.get(f"{{{XLINK}}}href")
            parts = urlsplit(src or "")
            own = src and (not parts.netloc or f"{parts.scheme}://{parts.netloc}" == origin)
            if not (own and parts.path.startswith(SHIPPED_SCRIPTS)):
                found.append(f"script: {short}")
    return found


def dangers(html, origin=""):
    """The same rules as LIVE_DANGERS, over the HTML as a browser's parser reads it (no script).

    `origin` is the site's own origin: a script from there under /theme/ or /pagefind/ is
    the site's.
    """
    found = []
    tree = LexborHTMLParser(html)
    for node in tree.root.traverse() if tree.root else ():
        if node.tag in ("-text", "-comment", "_text", "_comment", "-document"):
            continue
        tag = (node.tag or "").lower()
        for name, value in (node.attributes or {}).items():
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                found.append(f"event handler {name}: {_short(node)}")
            elif _address(value).startswith(ADDRESS_SCHEMES) and _followed(name):
                found.append(f"{name}={value[:40]}: {_short(node)}")
        if tag in FRAMES:
            found.append(f"<{tag}>: {_short(node)}")
        if tag == "meta" and (node.attributes.get("http-equiv") or "").lower() == "refresh":
            parent = node.parent
            while parent is not None and parent.tag != "body":
                parent = parent.parent
            if parent is not None:
                found.append(f"meta refresh in the body: {_short(node)}")
        if tag == "script":
            attributes = node.attributes
            src = attributes.get("src") or attributes.get("href") or attributes.get("xlink:href")
            if not src:
                if (attributes.get("type") or "").lower() != "application/ld+json":
                    found.append(f"inline script: {_short(node)}")
            else:
                parts = urlsplit(src)
                own = (not parts.netloc or f"{parts.scheme}://{parts.netloc}" == origin) and (
                    parts.path.startswith(SHIPPED_SCRIPTS)
                )
                if not own:
                    found.append(f"foreign script {src}: {_short(node)}")
    return found


def site_redirect(html):
    """Where a page the site made for an old address sends the reader: its head's refresh."""
    head = LexborHTMLParser(html).head
    for meta in head.css("meta[http-equiv]") if head else ():
        if (meta.attributes.get("http-equiv") or "").lower() == "refresh":
            _, _, address = (meta.attributes.get("content") or "").partition("url=")
            return address.strip() or None
    return None
