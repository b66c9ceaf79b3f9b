"""SVG drawings: published as they are, so only when they can run and load nothing.

An SVG is a document, not just pixels: opened on its own address it runs its scripts
and event handlers on the site's origin, and it can embed a web page or fetch from
anywhere. A drawing exported from a design program needs none of that.
"""

import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

URL_IN_STYLE = re.compile(r"""url\(\s*['"]?([^'")\s]*)|@import\s+['"]?([^'";\s]*)""", re.I)
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.I)


def _local(name):
    return name.rsplit("}", 1)[-1]


def _elsewhere(address):
    """Whether an address leaves the drawing for another site, data: or javascript:."""
    address = "".join(address.split())
    return bool(urlsplit(address).scheme) or address.startswith("//")


def dangers(path):
    """What in an SVG file could run or load something, in plain words; [] when it is safe."""
    data = path.read_bytes()
    if b"<!ENTITY" in data:
        return ["it defines its own entities (<!ENTITY>), which can hide what it contains"]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [f"it cannot be read as a drawing ({error})"]
    found = []
    for element in root.iter():
        tag = _local(str(element.tag))
        if tag == "script":
            found.append("it contains a script (<script>)")
        elif tag == "foreignObject":
            found.append("it embeds a web page (<foreignObject>)")
        for name, value in element.attrib.items():
            name = _local(name)
            if name.lower().startswith("on"):
                found.append(f'it has an event handler ({name}="…")')
            elif name == "href" and _elsewhere(value):
                found.append(f"it links to {value[:60]}")
            elif name == "style":
                found += _styles_elsewhere(value)
        if tag == "style":
            found += _styles_elsewhere(element.text or "")
    return list(dict.fromkeys(found))


def _styles_elsewhere(css):
    return [
        f"its style loads {address[:60]}"
        for match in URL_IN_STYLE.finditer(css)
        for address in match.groups()
        if address and _elsewhere(address)
    ]


def size_of(path):
    """(width, height) of a drawing from its width and height, else its viewBox; None if neither."""
    try:
        root = ElementTree.fromstring(path.read_bytes())
    except ElementTree.ParseError:
        return None
    width, height = root.get("width", ""), root.get("height", "")
    if NUMBER.fullmatch(width.removesuffix("px")) and NUMBER.fullmatch(height.removesuffix("px")):
        return round(float(width.removesuffix("px"))), round(float(height.removesuffix("px")))
    box = NUMBER.findall(root.get("viewBox", ""))
    if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
        return round(float(box[2])), round(float(box[3]))
    return None
