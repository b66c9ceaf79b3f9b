"""The build benchmark runs, and its corpus is the same every time and passes the checks."""

import json
import subprocess
import sys

import pytest

from benchmarks.corpus import write_corpus
from benchmarks.run import ROOT


def test_the_corpus_is_the_same_every_time(tmp_path):
    first = write_corpus(tmp_path / "first", 20)
    second = write_corpus(tmp_path / "second", 20)
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in names)


@pytest.mark.browser
def test_the_benchmark_reports_both_builds_and_the_preview_for_twenty_articles(tmp_path):
    report = tmp_path / "README.md"
    report.write_text("# Benchmarks\n\n<!-- results:start -->\n<!-- results:end -->\n\nNotes.\n")
    # A process of its own: Playwright's sync API cannot start inside the browser suite's loop.
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--articles", "20", "--repeats", "1"]
        + ["--saves", "1", "--work", str(tmp_path), "--results", str(tmp_path / "results")]
        + ["--report", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr

    figures = json.loads((tmp_path / "results" / "20.json").read_text())
    for kind in ("site cold", "site edit", "pelican cold", "pelican edit"):
        (run,) = figures["runs"][kind]
        assert run["wall"] > 0 and run["cpu"] > 0 and run["peak_mb"] > 0
    assert len(figures["livereload"]) == 1
    text = report.read_text()
    assert "| 20 | 1 |" in text
    assert text.startswith("# Benchmarks") and text.endswith("Notes.\n")


def test_the_stage_breakdown_times_every_stage_of_a_build(tmp_path):
    content = write_corpus(tmp_path / "content", 20)
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.stages", str(content), str(tmp_path / "output")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    rows = [line for line in finished.stdout.splitlines() if line.startswith("| ")][1:]
    stages = {row.split(" | ")[0].strip("| ").strip() for row in rows}
    assert {"Pelican reads the articles", "Pagefind search index", "whole build"} <= stages
    assert (tmp_path / "output" / "articles").is_dir()
