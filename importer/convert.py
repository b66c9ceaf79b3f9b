"""Makes an old post's HTML safe, then writes it as the Markdown she would have written.

Imported HTML is untrusted: nh3 (Ammonia) keeps only what plugins/checks/html_policy.py
allows, the same list her own posts are held to, so no script, event handler,
javascript: address or inline style survives. markdownify (MIT) then writes Markdown;
it was chosen by measuring it against pandoc and html2text on WordPress's theme test
data (benchmarks/converters.py; 145 posts): with the additions below it keeps 99.0% of
the words and 96.3% of the structure, in 10-15 ms a post. pandoc keeps 98.1% of the
structure but leaves 4,520 raw HTML tags in the Markdown for her to read (530 here,
mostly figures) and takes 110-150 ms a post; html2text keeps 88.0%. Both are GPL.
What only this site needs is added here: images
and links to the old blog point to the imported files, headings start at ## and skip
no level, figures keep their captions, and notes are left where something needs her.
"""

import re
from dataclasses import dataclass, field

import nh3
from bs4 import BeautifulSoup
from markdown.extensions.toc import slugify as toc_slug
from markdownify import ATX, MarkdownConverter

from plugins.checks.html_policy import ALLOWED_TAGS, URL_SCHEMES, allowed_attributes

FOOTNOTE_MARK = "IMPORTFOOTNOTE{}X"
FOOTNOTE_TOKEN = re.compile(r"IMPORTFOOTNOTE(\d+)X")
NOTE_MARK = "IMPORTNOTE{}X"
NOTE_TOKEN = re.compile(r"IMPORTNOTE(\d+)X")
CAPTION_START, CAPTION_END = "IMPORTCAPTIONSTARTX", "IMPORTCAPTIONENDX"
# In text, what Markdown would read as the start of a tag, a comment or an entity: the
# words "&lt;iframe&gt;" in a post are text, and must not become an <iframe> the
# sanitizer never saw. Markdown shows &lt; and &amp; as the characters themselves.
RAW_HTML_START = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")
FILE_NAME = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp|avif|heic|svg)$", re.I)
LINE_START_SYNTAX = re.compile(r"^([ ]{0,3})(#|>|[-+*](?=\s)|\d+(?=\.\s))", re.M)
EMPTY_ITEM = re.compile(r"^\s*(?:[-+*]|\d+\.)\s*$", re.M)
# Markdown leaves raw HTML alone inside these, so a figure there is written without its tags.
RAW_HTML_IGNORED_IN = frozenset({"li", "td", "th", "blockquote", "dd", "dt"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
QUOTES_APART = "<!-- -->"
SPARE_LINES = re.compile(r"\n{3,}")


def sanitize(html):
    """Only the tags, attributes and kinds of address the site's allow-list has."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(allowed_attributes(tag)) for tag in ALLOWED_TAGS},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def note_line(text):
    """A line Markdown shows to nobody, which `invoke check` lists as a suggestion."""
    return '[Import note]: # "{}"'.format(" ".join(text.replace('"', "'").split()))


@dataclass
class Converted:
    """A post's Markdown, and what the conversion found on the way."""

    markdown: str
    notes: list = field(default_factory=list)
    headings_moved: bool = False


class SiteMarkdown(MarkdownConverter):
    """markdownify, writing this site's Markdown and asking `resolver` about addresses."""

    def __init__(self, resolver, notes, **options):
        super().__init__(
            heading_style=ATX,
            bullets="-",
            table_infer_header=True,
            escape_misc=False,
            **options,
        )
        self.resolver = resolver
        self.notes = notes
        self.missing = set()

    def _note(self, text):
        self.notes.append(text)
        return NOTE_MARK.format(len(self.notes) - 1)

    def convert_img(self, el, text, parent_tags):
        alt = " ".join((el.get("alt") or el.get("title") or "").split())
        if FILE_NAME.match(alt):
            alt = ""  # Squarespace's "image-asset.jpeg" describes nothing
        source = (el.get("src") or "").strip()
        placed = self.resolver.image(source)
        if placed is None:
            # Every place gets its note, the same picture again too: each one needs her.
            return self._note(self._missing(source, alt))
        mark = ""
        if not alt:
            alt = "An image from the original post, not yet described"
            mark = self._note(
                "Describe the image above for readers who cannot see it: replace its alt text."
            )
        alt = alt.replace("[", "(").replace("]", ")")
        return f"![{alt}]({placed}){mark}"

    def _missing(self, source, alt):
        described = f' (described as "{alt}")' if alt else ""
        add = "Save it in content/images and add it here as ![description]({static}/images/NAME)."
        if not source or source.startswith("data:"):
            return (
                f"The old post showed an image here{described}, but the export has no "
                f"address for it. Find the picture, then: {add}"
            )
        why = self.resolver.why_missing(source)
        where = f"{source}, {why}" if why else source
        again = " (again: it appears earlier in this post too)" if source in self.missing else ""
        self.missing.add(source)
        return f"An image of the old post was not found{again}: {where}{described}. {add}"

    def convert_a(self, el, text, parent_tags):
        href = self.resolver.link(el.get("href") or "")
        if not text.strip():
            return ""  # nothing to click on: an empty link, or a picture that was not found
        if el.find("img") and not el.get_text(strip=True) and not href.startswith("{filename}"):
            return text  # a picture linked to its full size or its old page: the picture is enough
        # A link she must look at again (to a draft, or to what was not imported).
        note = self.resolver.take_note()
        mark = self._note(f'The words "{" ".join(text.split())}" {note}') if note else ""
        if not href:
            return text + mark
        el["href"] = href
        return super().convert_a(el, text, parent_tags) + mark

    def convert_figure(self, el, text, parent_tags):
        # Its caption was converted first, between marks (convert_figcaption).
        body, _, rest = text.partition(CAPTION_START)
        words, _, after = rest.partition(CAPTION_END)
        body = (body + after).strip()
        words = " ".join(words.split())
        # A picture that was not found leaves only its note: the caption stays, as words.
        pictured = NOTE_TOKEN.sub("", body).strip()
        if not pictured or not words or parent_tags & RAW_HTML_IGNORED_IN:
            return f"\n\n{body}\n\n{words}\n\n"
        return (
            f'\n\n<figure markdown="1">\n{body}\n\n'
            f'<figcaption markdown="span">{words}</figcaption>\n</figure>\n\n'
        )

    def convert_figcaption(self, el, text, parent_tags):
        if el.parent is not None and el.parent.name == "figure":
            return f"{CAPTION_START}{text.strip()}{CAPTION_END}"
        return f"\n\n{text.strip()}\n\n"

    def escape(self, text, parent_tags):
        # What Markdown would read as a heading, a list or a quote where a line starts.
        text = super().escape(text, parent_tags)
        if "_noformat" in parent_tags:
            return text  # code, which Markdown shows as it is
        text = RAW_HTML_START.sub(lambda m: "&lt;" if m.group() == "<" else "&amp;", text)
        return LINE_START_SYNTAX.sub(_escaped, text)

    def convert_li(self, el, text, parent_tags):
        # Python-Markdown reads what belongs to an item, nested lists included, only when
        # it is indented by four spaces, whatever the width of the bullet.
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = int(parent["start"]) if str(parent.get("start", "")).isdigit() else 1
            bullet = f"{start + len(el.find_previous_siblings('li'))}. "
        else:
            bullet = "- "
        first, *rest = text.split("\n")
        indented = "\n".join(f"    {line}" if line.strip() else "" for line in rest)
        return f"{bullet}{first}\n" + (f"{indented}\n" if indented else "")

    def convert_sup(self, el, text, parent_tags):
        return f"<sup>{text}</sup>" if text.strip() else ""

    def convert_sub(self, el, text, parent_tags):
        return f"<sub>{text}</sub>" if text.strip() else ""

    def convert_del(self, el, text, parent_tags):
        return f"<del>{text}</del>" if text.strip() else ""

    convert_s = convert_del


def _escaped(match):
    indent, syntax = match.groups()
    return f"{indent}{syntax}\\" if syntax[0].isdigit() else f"{indent}\\{syntax}"


def flatten_galleries(soup):
    """A gallery (pictures in a list, or figures in a figure) becomes its pictures in a row."""
    for gallery in soup.find_all(["ul", "ol"]):
        items = gallery.find_all("li", recursive=False)
        if items and all(_only_pictures(item) for item in items):
            gallery.replace_with(*[child for item in items for child in list(item.children)])
    for figure in soup.find_all("figure"):
        if figure.find("figure") is not None or len(figure.find_all("img")) > 1:
            caption = figure.find("figcaption", recursive=False)
            if caption is not None:
                caption.name = "p"
            figure.unwrap()


def _only_pictures(item):
    children = [c for c in item.children if getattr(c, "name", None) or str(c).strip()]
    return bool(children) and all(
        getattr(c, "name", None) in ("figure", "img", "a") for c in children
    )


def settle_headings(soup):
    """Headings start at level 2 (the title is the only level 1) and never skip a level."""
    moved = False
    stack = []  # (level written, level given) of the headings above
    for heading in soup.find_all(HEADINGS):
        written = int(heading.name[1])
        while stack and stack[-1][0] > written:
            stack.pop()
        if stack and stack[-1][0] == written:
            level = stack[-1][1]
        else:
            level = min(6, stack[-1][1] + 1) if stack else 2
        stack.append((written, level))
        if level != written:
            heading.name = f"h{level}"
            moved = True
    return moved


def mark_footnotes(html, footnotes):
    """Gutenberg's footnote marks become numbered marks; return the HTML and the notes in order."""
    if not footnotes:
        return html, []
    soup = BeautifulSoup(html, "html.parser")
    order = []
    for mark in soup.find_all("sup", attrs={"data-fn": True}):
        identifier = mark["data-fn"]
        if identifier in footnotes and identifier not in order:
            order.append(identifier)
        if identifier in footnotes:
            mark.replace_with(FOOTNOTE_MARK.format(order.index(identifier) + 1))
    return str(soup), [footnotes[i] for i in order]


def to_markdown(html, resolver, footnotes=()):
    """Sanitized HTML to this site's Markdown, with notes placed after the blocks they concern."""
    notes = []
    soup = BeautifulSoup(sanitize(html), "html.parser")
    flatten_galleries(soup)
    moved = settle_headings(soup)
    # Links to a section of the post follow its heading to the name Markdown gives it.
    resolver.anchors = {
        heading["id"]: toc_slug(heading.get_text(" ").strip(), "-")
        for heading in soup.find_all(HEADINGS, id=True)
    }
    converter = SiteMarkdown(resolver, notes)
    markdown = converter.convert_soup(soup)
    references = []
    for number, note in enumerate(footnotes, start=1):
        text = SiteMarkdown(resolver, notes).convert(sanitize(note)).strip()
        references.append(f"[^{number}]: " + " ".join(text.split()))
    markdown = FOOTNOTE_TOKEN.sub(r"[^\1]", markdown) + "\n\n" + "\n".join(references)
    blocks = []
    markdown = EMPTY_ITEM.sub("", markdown)  # an item whose picture could not be found
    for block in SPARE_LINES.sub("\n\n", markdown).strip().split("\n\n"):
        found = [int(n) for n in NOTE_TOKEN.findall(block)]
        block = NOTE_TOKEN.sub("", block).rstrip()
        if block.startswith(">") and blocks and blocks[-1].startswith(">"):
            # Markdown joins quotes that only a blank line separates; these were two.
            blocks.append(QUOTES_APART)
        if block.strip():
            blocks.append(block)
        blocks += [note_line(notes[n]) for n in found]
    text = "\n\n".join(blocks)
    return Converted(text + "\n" if text else "", [notes[n] for n in range(len(notes))], moved)


def plain_text(html):
    """The words of some HTML, for a summary."""
    return " ".join(BeautifulSoup(sanitize(html), "html.parser").get_text(" ").split())
