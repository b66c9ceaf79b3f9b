"""Where one build spends its time: each stage's start and duration, wall clock.

    python -m benchmarks.stages CONTENT OUTPUT

Builds CONTENT into OUTPUT the way `invoke build` does, with a timer around each
stage, and prints a table. It builds in one process, where `invoke build` runs the
search index in its parent once the build's process has exited: the same work. Run it
twice on a corpus from benchmarks/corpus.py (once from nothing, once after
edit_one_article) to see a cold and a warm build.
No profiler is attached, so the times are the real ones, not cProfile's inflated ones.
"""

import contextlib
import functools
import io
import sys
import time

STARTED = time.perf_counter()

from pelican import generators  # noqa: E402

import tasks  # noqa: E402
from plugins import markdown_reader, runner, search_index  # noqa: E402
from plugins.checks import run as checks  # noqa: E402
from plugins.checks.rules import readability  # noqa: E402

STAGES = [
    (markdown_reader, "prerender", "Markdown in worker processes (files the cache lacks)"),
    (generators.ArticlesGenerator, "generate_context", "Pelican reads the articles"),
    (generators.PagesGenerator, "generate_context", "Pelican reads the pages"),
    (checks, "check_everything", "content checks"),
    (readability.Grading, "problems", "waiting for readability grades"),
    (generators.ArticlesGenerator, "generate_output", "writing article and list pages"),
    (generators.PagesGenerator, "generate_output", "writing pages"),
    (search_index, "index", "Pagefind search index"),
]


def timed(owner, name, label, spans):
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spans.setdefault(label, [begun - STARTED, 0.0])[1] += time.perf_counter() - begun

    setattr(owner, name, wrapper)


def main(content, output):
    spans = {}
    for owner, name, label in STAGES:
        timed(owner, name, label, spans)
    imported = time.perf_counter() - STARTED
    with contextlib.redirect_stdout(io.StringIO()):  # Pelican's summary is not the point here
        runner.build(tasks.SETTINGS, tasks._overrides(content=content, output=output))
    total = time.perf_counter() - STARTED
    print("| Stage | Starts at | Takes |\n|---|---:|---:|")
    print(f"| imports | 0.00 s | {imported:.2f} s |")
    for label, (start, duration) in sorted(spans.items(), key=lambda item: item[1][0]):
        print(f"| {label} | {start:.2f} s | {duration:.2f} s |")
    print(f"| whole build | | {total:.2f} s |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
