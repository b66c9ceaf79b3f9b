"""Which HTML-to-Markdown converter brings old posts over most faithfully: measured, not guessed.

    python -m benchmarks.converters EXPORT.xml [EXPORT.xml …]

Each published post of each export is prepared as `invoke import-posts` prepares it
(WordPress's paragraphs, shortcodes and embeds, the site's allow-list), converted by
every converter that is installed, and rendered back with the site's own Markdown
settings. For each converter it prints:
- words kept: how much of the text comes back, in order (difflib's ratio over words);
- structure kept: how many of the paragraphs, headings, list items, table cells,
  quotes, code blocks, definitions, links, pictures and emphasis come back;
- raw HTML: tags left in the Markdown for her to read;
- time per post.
markdownify is the site's dependency; pandoc (pypandoc-binary, GPL) and html2text
(GPL) are measured only when installed, for instance with
`pip install --target /tmp/convlibs pypandoc-binary html2text` and PYTHONPATH.
"""

import collections
import difflib
import re
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.settings import read_settings

from importer import convert, sources, wordpress
from plugins.checks.source import render_markdown

ROOT = Path(__file__).resolve().parent.parent
COUNTED = (
    *("p", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "blockquote", "pre", "code"),
    *("dt", "dd", "a", "img", "em", "strong", "figcaption", "sup"),
)
SAME = {"b": "strong", "i": "em"}
RAW_TAG = re.compile(r"</?[a-z][a-z0-9]*[\s>/]")


class KeepAddresses:
    """A resolver that leaves every address as it is: only the conversion is measured."""

    anchors = None

    def image(self, src):
        return src or None

    def link(self, href):
        return href

    def is_image_file(self, href):
        return False


def site_markdownify(html):
    return convert.to_markdown(html, KeepAddresses()).markdown


def plain_markdownify(html):
    from markdownify import markdownify

    return markdownify(html, heading_style="ATX")


def pandoc(html):
    import pypandoc

    return pypandoc.convert_text(
        html, "markdown_phpextra", format="html", extra_args=["--wrap=none"]
    )


def html2text_(html):
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0
    return converter.handle(html)


def converters():
    found = {
        "markdownify, as the import uses it": site_markdownify,
        "markdownify": plain_markdownify,
    }
    for name, module, function in (
        ("pandoc", "pypandoc", pandoc),
        ("html2text", "html2text", html2text_),
    ):
        try:
            __import__(module)
        except ImportError:
            continue
        found[name] = function
    return found


def tags(html):
    counted = collections.Counter()
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        name = SAME.get(element.name, element.name)
        if name in COUNTED:
            counted[name] += 1
    return counted


def words(html):
    return BeautifulSoup(html, "html.parser").get_text(" ").split()


def prepared_posts(exports):
    for path in exports:
        export = sources.read_export(Path(path))
        for item in export.items:
            if item.not_public:
                continue
            html = wordpress.prepare(item, export).html
            soup = BeautifulSoup(convert.sanitize(html), "html.parser")
            convert.flatten_galleries(soup)
            convert.settle_headings(soup)
            yield str(soup)


def measure(exports):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    posts = list(prepared_posts(exports))
    rows = []
    for name, function in converters().items():
        ratios, kept, total, raw, spent = [], 0, 0, 0, 0.0
        for html in posts:
            started = time.perf_counter()
            markdown = function(html)
            spent += time.perf_counter() - started
            back = render_markdown(markdown, settings)
            ratios.append(difflib.SequenceMatcher(None, words(html), words(back)).ratio())
            before, after = tags(html), tags(back)
            kept += sum(min(before[t], after[t]) for t in before)
            total += sum(before.values())
            raw += len(RAW_TAG.findall(markdown))
        rows.append((name, sum(ratios) / len(ratios), kept / total, raw, spent / len(posts) * 1000))
    lines = [
        f"{len(posts)} published posts from {', '.join(Path(e).name for e in exports)}",
        "| converter | words kept | structure kept | raw HTML tags left | ms per post |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {n} | {w:.1%} | {s:.1%} | {r} | {t:.1f} |" for n, w, s, r, t in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(measure(sys.argv[1:]))
