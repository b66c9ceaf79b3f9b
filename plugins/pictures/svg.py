"""SVG drawings: published as they are, so only what a drawing needs and nothing else.

An SVG is a document, not just pixels: opened on its own address (as on GitHub Pages,
which sends no security headers) it runs scripts on the site's origin, and it can embed
a web page, apply a style sheet, or fetch from anywhere. So a drawing is judged by an
allow-list, not by a list of known dangers that a new trick slips past:

- it is read by a parser that loads nothing and expands no entity, and a DOCTYPE other
  than the W3C's plain SVG ones, an entity or a processing instruction (such as
  <?xml-stylesheet?>) is refused;
- every element is an SVG element a drawing needs (shapes, text, gradients, filters
  without feImage...), or the inert notes design programs keep (Inkscape's and
  Sodipodi's, and RDF licence metadata); anything else, an XHTML script under another
  prefix included, is refused;
- every address is a same-drawing `#id`, in href and in url(); styles written with
  escapes, @import or url() to anything else are refused, as is animating an address.
"""

import re

from lxml import etree

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.I)
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XHTML = "http://www.w3.org/1999/xhtml"
XML = "http://www.w3.org/XML/1998/namespace"
# What Inkscape, Sodipodi and licence metadata add. A browser treats their elements as
# unknown, inert data, and their attributes as nothing at all.
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
    }
)
# Older Illustrator and Inkscape write one of these; a browser never loads the DTD.
PLAIN_DOCTYPES = frozenset(
    {
        ("-//W3C//DTD SVG 1.1//EN", "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"),
        ("-//W3C//DTD SVG 1.0//EN", "http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd"),
        ("-//W3C//DTD SVG 1.1 Tiny//EN", "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11-tiny.dtd"),
    }
)
FILTER_PRIMITIVES = (
    "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix "
    "feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA "
    "feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset "
    "fePointLight feSpecularLighting feSpotLight feTile feTurbulence"
)
# Not here, on purpose: script, foreignObject, image and feImage (they load or run
# something), and anything from SVG fonts or old drafts of SVG a drawing does not need.
SVG_ELEMENTS = frozenset(
    (
        "svg g defs symbol use switch title desc metadata a style "
        "path rect circle ellipse line polyline polygon text tspan textPath "
        "linearGradient radialGradient stop pattern clipPath mask marker filter "
        "animate animateMotion animateTransform set mpath " + FILTER_PRIMITIVES
    ).split()
)
ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})
XLINK_ATTRIBUTES = frozenset({"href", "title", "type", "show", "actuate", "role", "arcrole"})
XML_ATTRIBUTES = frozenset({"space", "lang"})
# CSS that loads or runs something: anywhere in a style, after comments are removed.
CSS_LOADS = ("@import", "@font-face", "@namespace", "expression(", "javascript:", "image-set(")
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
URL = re.compile(r"url\(([^)]*)\)?")
# Each refusal names what the drawing has in words that need no knowledge of SVG.
SAID = {
    "script": "it contains a script (<script>)",
    "foreignObject": "it embeds a web page (<foreignObject>)",
    "iframe": "it embeds a web page (<iframe>)",
    "image": "it shows a picture from another file or written inside it (<image>)",
    "feImage": "its filter loads a picture (<feImage>)",
}


def _parser():
    """A parser that loads nothing and expands no entity: a new one each time (threads)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )


def _read(path):
    """The drawing's tree, read so that nothing is loaded or expanded."""
    return etree.fromstring(path.read_bytes(), _parser()).getroottree()


def dangers(path):
    """What in an SVG file a drawing does not need, in plain words; [] when it is safe."""
    data = path.read_bytes()
    try:
        tree = etree.fromstring(data, _parser()).getroottree()  # as _read, keeping the bytes
    except (etree.XMLSyntaxError, ValueError) as error:
        return [f"it cannot be read as a drawing ({error})"]
    found = list(_prolog(tree, data))
    root = tree.getroot()
    if root.tag != f"{{{SVG}}}svg":
        found.append("it is not an SVG drawing (it does not start with <svg>)")
    for node in tree.iter():
        found += _node(node)
    return list(dict.fromkeys(found))


def _prolog(tree, data):
    info = tree.docinfo
    if info.internalDTD is not None:
        # lxml lists a subset's entities but not its other rules (<!ATTLIST>), so the text
        # tells: a plain DOCTYPE ends at its first ">", with no "[" before it.
        text = data.decode(info.encoding or "utf-8", errors="replace")
        declaration = text[text.find("<!DOCTYPE") :].partition(">")[0]
        if "[" in declaration or list(info.internalDTD.iterentities()):
            yield "it defines its own entities or rules (<!DOCTYPE … [ … ]>), which can hide things"
        elif (info.public_id, info.system_url) not in PLAIN_DOCTYPES:
            yield f"it names its own document type ({info.doctype[:80]})"
    for node in tree.xpath("//processing-instruction()"):
        yield f"it asks for a program or style sheet (<?{node.target} …?>)"


def _node(node):
    if node.tag is etree.Entity:
        return [f"it uses an entity ({node.text}), which can hide what it contains"]
    if not isinstance(node.tag, str):
        return []  # comments; processing instructions are named by _prolog
    namespace, name = _split(node.tag)
    if namespace in EDITOR_NAMESPACES:
        return []
    if namespace == XHTML:
        return [f"it contains web-page code (<{name}>), which can run or load"]
    if namespace != SVG:
        return [
            f"it contains <{name}>, which is not part of a drawing ({namespace or 'no namespace'})"
        ]
    found = []
    if name not in SVG_ELEMENTS:
        found.append(SAID.get(name, f"it contains <{name}>, which a drawing does not need"))
    for attribute, value in node.attrib.items():
        found += _attribute(name, attribute, value)
    if name == "style":
        # What a browser reads: the text around any comments, not inside them.
        if any(isinstance(child.tag, str) for child in node):
            found.append("its style contains other elements")
        css = (node.text or "") + "".join(child.tail or "" for child in node)
        found += _css(css)
    if name in ANIMATIONS and _split(node.get("attributeName", ""))[1].lower() in ("href",):
        found.append("it changes where a link or a reference leads while it plays")
    return found


def _split(tag):
    """(namespace, local name) of an element's or attribute's name; '' when it has none."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag.rpartition(":")[2] if ":" in tag else tag


def _attribute(element, attribute, value):
    namespace, name = _split(attribute)
    if namespace in EDITOR_NAMESPACES:
        return []
    if namespace == XML and name in XML_ATTRIBUTES:
        return []
    if namespace not in ("", XLINK) or (namespace == XLINK and name not in XLINK_ATTRIBUTES):
        return [f"it has an attribute from another language ({name})"]
    if name.lower().startswith("on"):
        return [f'it has an event handler ({name}="…")']
    if name == "href":
        address = "".join(value.split())
        if address and not address.startswith("#"):
            return [f"it links to {address[:60]}"]
        return []
    if name == "style" or element in ANIMATIONS or "url(" in value.lower() or "\\" in value:
        return _css(value)
    return []


def _css(css):
    """What a style loads or hides; only url(#id), a part of the same drawing, is allowed."""
    if "\\" in css:
        return ["its style is written with escapes (\\), which can hide what it loads"]
    found = []
    # Read twice: as written, and without comments, since "/*" inside a quoted string is
    # not a comment to a browser, and a comment elsewhere is.
    for text in (css, CSS_COMMENT.sub("", css)):
        squeezed = "".join(text.split()).lower()
        found += [f"its style uses {word.rstrip('(:')}" for word in CSS_LOADS if word in squeezed]
        for address in URL.findall(squeezed):
            address = address.strip("'\"")
            if not address.startswith("#"):
                found.append(f"its style loads {address[:60]}")
    return list(dict.fromkeys(found))


def size_of(path):
    """(width, height) of a drawing from its width and height, else its viewBox; None if neither."""
    try:
        root = _read(path).getroot()
    except (etree.XMLSyntaxError, ValueError):
        return None
    width, height = root.get("width", ""), root.get("height", "")
    if NUMBER.fullmatch(width.removesuffix("px")) and NUMBER.fullmatch(height.removesuffix("px")):
        return round(float(width.removesuffix("px"))), round(float(height.removesuffix("px")))
    box = NUMBER.findall(root.get("viewBox", ""))
    if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
        return round(float(box[2])), round(float(box[3]))
    return None
