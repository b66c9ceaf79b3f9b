"""Characters no web page or feed can hold: control characters and Unicode's non-characters.

They are invisible in an editor and usually come with text pasted from another
program. A page would carry them as they are, but the feed's XML cannot hold them,
and Pelican's feed writer stopped the build on one without naming the file.
"""

import re
import unicodedata

from markdown.extensions.meta import META_RE

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule
from plugins.front_matter import FIELDS_BY_KEY

# Every C0 control but tab, line feed and carriage return (XML 1.0 refuses them); DEL and
# the C1 controls (HTML calls them parse errors); a surrogate alone; and the
# non-characters, U+FDD0 to U+FDEF and the last two of every plane.
LAST_OF_EACH_PLANE = "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
)
UNWRITABLE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{LAST_OF_EACH_PLANE}]"
)
CONTEXT = 20  # characters shown before the invisible one, to find it by


@file_rule()
def check(source, site):
    if source.text is None or not UNWRITABLE.search(source.text):
        return []
    return find(source.shown, source.text, source.front.body_start)


def find(display_path, text, body_start):
    """One problem for each line of `text` that holds a character a page or feed cannot hold."""
    problems = []
    field = None
    for number, line in enumerate(text.split("\n"), start=1):
        in_front_matter = number < body_start
        found_field = META_RE.match(line) if in_front_matter else None
        if found_field:
            key = found_field["key"].lower().strip()
            field = FIELDS_BY_KEY[key].name if key in FIELDS_BY_KEY else found_field["key"]
        found = UNWRITABLE.search(line)
        if not found:
            continue
        where = _where(line, found.start())
        name = field if in_front_matter and field else "text"
        subject = f"The {name} line" if name != "text" else "This line of the text"
        problems.append(
            Problem(
                "error",
                display_path,
                number,
                name,
                f"{subject} holds an invisible character ({_describe(found.group())}) "
                f"{where}. Web pages and feeds cannot hold it.",
                f"Delete the line and type it again by hand (such characters come with text "
                f"pasted from another program), or delete the one character {where}.",
            )
        )
    return problems


def _where(line, position):
    before = UNWRITABLE.sub("", line[:position]).strip()[-CONTEXT:]
    if before:
        return f'just after "{before}"'
    after = UNWRITABLE.sub("", line[position:]).strip()[:CONTEXT]
    return f'just before "{after}"' if after else "on an otherwise empty line"


def _describe(character):
    code = f"U+{ord(character):04X}"
    if unicodedata.category(character) == "Cc":
        return f"a control character, {code}"
    return f"{code}, which is not a character at all"
