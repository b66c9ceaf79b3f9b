"""A Markdown extension: links to other websites open without telling them where the reader was.

`rel="noopener noreferrer"` keeps the other site from learning which article
linked to it (and from controlling this tab), on top of the pages' own
`<meta name="referrer" content="no-referrer">`, which some browsers and tools ignore.
It runs inside Markdown, so the result is cached with the article.
"""

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

EXTERNAL_REL = ("noopener", "noreferrer")


def is_external(href):
    return href.startswith(("http://", "https://", "//"))


class ExternalLinks(Treeprocessor):
    """Adds noopener and noreferrer to every link that leaves the site."""

    def run(self, root):
        for link in root.iter("a"):
            if is_external(link.get("href", "")):
                rel = link.get("rel", "").split()
                link.set("rel", " ".join([*rel, *(r for r in EXTERNAL_REL if r not in rel)]))


class ExternalLinksExtension(Extension):
    """Registers the tree processor after the inline patterns have made the links."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(ExternalLinks(md), "external_links", 5)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown looks for this name)
    return ExternalLinksExtension(**kwargs)
