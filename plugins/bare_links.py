"""A Markdown extension: addresses typed as they are become links, in the text and in references.

A reference copied from a journal's page ends with a bare https://doi.org/… that
Markdown alone leaves as plain text. pymdown-extensions' magiclink (maintained, MIT)
turns web and email addresses written without <> or [](…) into links. Two things are
added here: a bare address stops where Markdown has already put something (a reference
mark [^1], or the space before a reference's back-link), which magiclink would
otherwise take into the link; and a bare www.example.org links to https://, as every
link to another site does here, where magiclink would use http://.
"""

from markdown import util
from markdown.extensions import Extension
from pymdownx.magiclink import RE_LINK, MagiclinkExtension, MagiclinkPattern


class BareAddress(MagiclinkPattern):
    """magiclink's bare address, ending before anything Markdown has set in its place."""

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        element, start, end = super().handleMatch(m, data)
        if element is not None:
            placeholder = data.find(util.STX, start, end)
            if placeholder != -1:
                element, start, end = super().handleMatch(m, data[:placeholder])
        if element is not None and element.get("href", "").startswith("http://www."):
            element.set("href", "https://" + element.get("href").removeprefix("http://"))
        return element, start, end


class BareLinksExtension(Extension):
    """magiclink's patterns, with its bare addresses made by BareAddress."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        MagiclinkExtension(hide_protocol=False).extendMarkdown(md)
        bare = BareAddress(RE_LINK, md)
        bare.config = md.inlinePatterns["magic-link"].config
        md.inlinePatterns.register(bare, "magic-link", 85)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown looks for this name)
    return BareLinksExtension(**kwargs)
