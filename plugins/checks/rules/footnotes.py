"""References: every [^name] cited in the text has its source written, and every source is cited.

Python-Markdown leaves a citation without a source as plain "[^2]" on the page, and
lists a source nobody cites with a broken link back to the text.
"""

import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
CITATION = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


@file_rule()
def check(source, site):
    cited, written = {}, {}
    in_code = False
    lines = source.text.split("\n")
    for number, line in enumerate(lines, start=1):
        if number < source.front.body_start:
            continue
        if FENCE.match(line):
            in_code = not in_code
        if in_code or line.startswith(("    ", "\t")) and not DEFINITION.match(line):
            continue
        definition = DEFINITION.match(line)
        if definition:
            written.setdefault(definition.group(1), number)
            line = line[definition.end() :]
        for name in CITATION.findall(re.sub(r"`[^`]*`", "", line)):
            cited.setdefault(name, number)
    for name, number in cited.items():
        if name not in written:
            others = ", ".join(f"[^{n}] (line {line})" for n, line in written.items())
            yield Problem(
                "error",
                source.shown,
                number,
                "references",
                f"The citation [^{name}] has no source written for it, so readers would see "
                f'"[^{name}]" instead of a numbered reference.',
                f"Add a line [^{name}]: followed by the source, usually at the end"
                + (f"; or cite one of the sources that are written: {others}." if others else "."),
            )
    for name, number in written.items():
        if name not in cited:
            yield Problem(
                "error",
                source.shown,
                number,
                "references",
                f"The source [^{name}] is never cited in the text, so it would be listed with "
                "a link back to nowhere.",
                f"Put [^{name}] in the text where you rely on this source, or delete this line.",
            )
