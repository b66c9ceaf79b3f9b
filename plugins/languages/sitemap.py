"""Lists every language version of a page in sitemap.xml, as search engines read them.

pelican-sitemap writes a translation's other versions only, and as `ref`, not `href`; Google
asks for every version, the page itself included, and for x-default. So once the sitemap is
written, each <url> with other versions gets its <xhtml:link> elements again, whole.
A site with no translation is left exactly as pelican-sitemap wrote it.
"""

import os

from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def versions_by_address(groups, siteurl, default_lang):
    """{absolute address: [(hreflang, absolute address)…, ("x-default", …)]} for each version."""
    found = {}
    for versions in groups:
        absolute = [(lang, f"{siteurl}/{url}") for lang, url in versions]
        default = next((url for lang, url in absolute if lang == default_lang), absolute[0][1])
        links = [*absolute, ("x-default", default)]
        for _, url in absolute:
            found[url] = links
    return found


def link_versions(path, groups, siteurl, default_lang):
    if not groups or not os.path.isfile(path):
        return
    by_address = versions_by_address(groups, siteurl, default_lang)
    # The sitemap is the build's own file, not content: no entities or DTD in it.
    tree = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))
    for url in tree.getroot().iter(f"{{{SITEMAP_NS}}}url"):
        for old in url.findall(f"{{{XHTML_NS}}}link"):
            url.remove(old)
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "").strip()
        for lang, href in by_address.get(loc, ()):
            link = etree.SubElement(url, f"{{{XHTML_NS}}}link")
            link.set("rel", "alternate")
            link.set("hreflang", lang)
            link.set("href", href)
            link.tail = "\n"
    tree.write(path, xml_declaration=True, encoding="utf-8")
