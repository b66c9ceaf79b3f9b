"""What `invoke import-posts` could not bring over is listed until she has dealt with it.

The importer leaves a note where something needs her, as a line that Markdown shows to
nobody: `[Import note]: # "…"`. Each note is a suggestion, never an error, so an imported
blog builds at once; deleting the line clears it.
"""

import re

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

NOTE = re.compile(r'^\[Import note\]:\s+#\s+"(.*)"\s*$')
FIX = "Deal with it as the note says, then delete this line (readers never see it)."


@file_rule()
def check(source, site):
    for number, line in enumerate(source.text.splitlines(), start=1):
        found = NOTE.match(line)
        if found:
            yield Problem("warning", source.shown, number, "import", found.group(1), FIX)
