"""The checks report mistakes as plugins/problem.py's `Problem`, which the picture step shares."""

from plugins.problem import CheckFinished, ContentProblems, Problem, report

__all__ = ["CheckFinished", "ContentProblems", "Problem", "report"]
