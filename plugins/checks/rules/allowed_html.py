"""HTML written into a post holds only what plugins/checks/html_policy.py allows.

The rule reads the HTML that Markdown made, parsed as a browser parses it, so raw
HTML, attribute lists (`{: onclick=… }`) and entities are all seen as a reader's
browser would see them. Anything outside the allow-list stops the build.
"""

from plugins.checks.html import DOCUMENT_TAGS, elements
from plugins.checks.html_policy import (
    ALLOWED_TAGS,
    URL_ATTRIBUTES,
    URL_SCHEMES,
    allowed_attributes,
    scheme_of,
)
from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.checks.source import render_markdown

# Tags that would run code, show another site or collect readers' details: why, and the fix.
EMBEDDED = {
    "script": "a script",
    "iframe": "an embedded frame",
    "frame": "an embedded frame",
    "form": "a form",
    "object": "an embedded object",
    "embed": "an embedded object",
}
WHY_TAG = {
    "base": "it would change where every link and file on the page leads",
    "meta": "it can send readers to another website or change how the page behaves",
    "link": "it loads files into the page",
    "style": "it restyles the whole page, and the site's security policy blocks it",
    "svg": "drawings written into a post can carry scripts and load files; "
    "save the drawing as a file in content/images instead",
    "math": "it can carry links and scripts the site cannot check",
    "input": "form controls collect readers' details",
    "button": "form controls collect readers' details",
    "textarea": "form controls collect readers' details",
    "select": "form controls collect readers' details",
    "audio": "it plays media from a file the site does not check",
    "video": "it plays media from a file the site does not check",
    "source": "it loads media the site does not check",
    "picture": "the site makes its own responsive pictures from ![description](…)",
}
WHY_SCHEME = {
    "javascript": "runs a script when it is followed",
    "vbscript": "runs a script when it is followed",
    "data": "carries a hidden file or page that the site cannot check",
}


@file_rule("html")
def check(source, site):
    found = refused(source.elements, source, "The text")
    summary = source.front.values.get("summary", "")
    if any(mark in summary for mark in "<{("):  # raw HTML, an attribute list, a link
        line = source.front.lines["summary"]
        summary_html = render_markdown(summary, site.settings)
        found += refused(elements(summary_html), source, "The summary", line)
        if any(element.tag == "img" for element in elements(summary_html)):
            # Lists of articles show the summary as it is: a picture there would be loaded
            # from wherever it names, past the picture step and its checks.
            found.append(
                Problem(
                    "error",
                    source.shown,
                    line,
                    "Summary",
                    "The summary shows a picture. A summary is a sentence or two for lists of "
                    "articles and search results, and cannot show a picture.",
                    "Write the summary in words, and show the picture in the text instead.",
                )
            )
    title = source.front.values.get("title", "")
    tags = sorted({e.tag for e in elements(title)}) if "<" in title else []
    if tags:
        found.append(
            Problem(
                "error",
                source.shown,
                source.front.lines["title"],
                "Title",
                f"The title contains HTML ({', '.join(f'<{tag}>' for tag in tags)}). A title is "
                "plain text: it also appears in search results, browser tabs and shared links.",
                "Write the title without tags.",
            )
        )
    return found


def refused(found_elements, source, subject, line=None):
    """The problems with `found_elements`, the HTML of `source`'s text or one of its fields.

    `line` is the field's line; without it each problem is placed where the text has it.
    """
    problems = {}

    def problem(field, what, fix, *needles):
        at = line or next(filter(None, map(source.line_of, needles)), None)
        what = what.replace("The text", subject, 1)
        problems.setdefault((at, what), Problem("error", source.shown, at, field, what, fix))

    for element in found_elements:
        tag = element.tag
        if any(_refused(parent) for parent in element.ancestors):
            continue  # one message for the outermost refused tag is enough
        if tag in EMBEDDED:
            problem(
                "embedded content",
                f"The text contains {EMBEDDED[tag]} (<{tag}>). "
                "It could run code or collect readers' details, which the site promises not to do.",
                f"Remove the <{tag}>. Link to the page instead.",
                f"<{tag}",
            )
            continue
        if _refused(tag):
            why = WHY_TAG.get(tag, "it is not part of what the site allows in a post")
            problem(
                "HTML",
                f"The text contains <{tag}>, a tag the site does not allow: {why}.",
                f"Remove the <{tag}>. Write the text in Markdown instead (WRITING.md, "
                "Formatting cheat sheet).",
                f"<{tag}",
            )
            continue
        allowed = allowed_attributes(tag) if tag in ALLOWED_TAGS else frozenset()
        for name, value in element.attributes.items():
            if name not in allowed:
                problem("HTML", *_attribute_problem(tag, name), f"{name}=", name)
            elif name in URL_ATTRIBUTES and value:
                scheme = scheme_of(value)
                if scheme and scheme not in URL_SCHEMES:
                    why = WHY_SCHEME.get(scheme, "is not a kind of address the site links to")
                    shown = "".join(ch if ch.isprintable() else " " for ch in value.strip())
                    problem(
                        "link",
                        f'The address "{shown[:60]}" starts with {scheme}:, which {why}.',
                        "Link to a web page (https://…), a post ({filename}…) or a file "
                        "({static}…), or remove the link.",
                        value.strip()[:40],
                        shown[:40],
                        f"{name}=",
                    )
    return list(problems.values())


def _refused(tag):
    return tag not in ALLOWED_TAGS and tag not in DOCUMENT_TAGS


def _attribute_problem(tag, name):
    if name.startswith("on"):
        why = "it runs a script when the reader does something on the page"
    elif name == "style":
        why = "the site's security policy blocks inline styles, so it would do nothing"
    elif name in ("srcset", "ping", "formaction", "action", "background", "poster", "data"):
        why = "it loads or sends something the site does not check"
    else:
        why = "it is not part of what the site allows in a post"
    return (
        f'The <{tag}> has a "{name}" attribute, which the site does not allow: {why}.',
        f'Remove {name}="…" from it.',
    )
