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
    # What many suggestions alike are, counted together: "articles are overdue for review".
    # Without it, suggestions alike are those with the same field and the same words.
    kind: str = ""

    def sort_key(self):
        return (self.severity != "error", self.file, self.line or 0, self.field)

    def __str__(self):
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where} ({self.field})\n    {self.what}\n    How to fix: {self.fix}"


# From this many suggestions alike, one line counts them, unless she asks to see each one.
ALIKE_IN_ONE_LINE = 3
FILES_NAMED = 3


def _alike(problem):
    return problem.kind or (problem.field, problem.what)


def _in_one_line(alike):
    """One line for many suggestions alike: how many, a few of their files, how to see all."""
    first = alike[0]
    files = sorted({p.file for p in alike})
    named = ", ".join(files[:FILES_NAMED])
    if len(files) > FILES_NAMED:
        named += f" and {len(files) - FILES_NAMED} more"
    if first.kind:
        line = f"{len(alike)} {first.kind}: {named}."
    else:
        line = f"{len(alike)} suggestions alike ({first.field}), in {named}:\n    {first.what}"
    if all(p.fix == first.fix for p in alike):
        line += f"\n    How to fix: {first.fix}"
    return f"{line}\n    To see each one: invoke check --all"


def _suggestions(warnings, everything):
    """Each suggestion in full, but many alike in one line where the first of them was."""
    groups = {}
    for problem in warnings:
        groups.setdefault(_alike(problem), []).append(problem)
    shown = []
    for problem in warnings:
        alike = groups[_alike(problem)]
        if everything or len(alike) < ALIKE_IN_ONE_LINE:
            shown.append(f"  • {problem}")
        elif problem is alike[0]:
            shown.append(f"  • {_in_one_line(alike)}")
    return shown


def report(problems, unchanged=(), everything=False):
    """Every problem in plain words, errors first, each with where it is and how to fix it.

    Suggestions about the `unchanged` files, shown before, are counted in one line, and
    so are many suggestions alike; `everything` shows each suggestion. Errors are always
    shown one by one.
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
        parts += _suggestions(warnings, everything)
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
