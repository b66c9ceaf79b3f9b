"""One way to report a mistake: the file, the line, the field, what is wrong and how to fix it.

Shared by the checks (plugins/checks/) and the steps they call, such as the pictures.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, explained for someone who is not a programmer."""

    severity: str  # "error" stops the build; "warning" is advice
    file: str
    line: int | None
    field: str
    what: str
    fix: str

    def sort_key(self):
        return (self.severity != "error", self.file, self.line or 0, self.field)

    def __str__(self):
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where} ({self.field})\n    {self.what}\n    How to fix: {self.fix}"


def report(problems, unchanged=()):
    """Every problem in plain words, errors first, each with where it is and how to fix it.

    Suggestions about the `unchanged` files, shown before, are counted in one line.
    """
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning" and p.file not in unchanged]
    quiet = [p for p in problems if p.severity == "warning" and p.file in unchanged]
    parts = []
    if errors:
        parts.append(f"{_count(errors, 'problem')} must be fixed before the site can be built:")
        parts += [f"  ✗ {p}" for p in errors]
    if warnings:
        parts.append(f"{_count(warnings, 'suggestion')} (these do not stop the build):")
        parts += [f"  • {p}" for p in warnings]
    if quiet:
        files = sorted({p.file for p in quiet})
        more = "more " if warnings else ""
        parts.append(
            f"{_count(quiet, more + 'suggestion')} about {', '.join(files)}, which "
            f"{'has' if len(files) == 1 else 'have'} not changed since "
            f"{'it was' if len(quiet) == 1 else 'they were'} last shown. "
            "To see every suggestion again: invoke check --all"
        )
    return "\n\n".join(parts) if parts else "No problems found."


def _count(items, noun):
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


class ContentProblems(Exception):
    """The content has errors; the build stopped before writing anything."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(report(self.problems))


class CheckFinished(Exception):
    """`invoke check` asked only for the problems; nothing is written."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(report(self.problems))
