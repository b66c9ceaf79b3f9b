"""Times the site's build against plain Pelican on generated corpora and writes the report.

For each size the two builds run in the same session, interleaved, several
times each: a cold build, a rebuild after editing one article, and (for the
site) the time from saving a file to the new text showing in Chromium under
`invoke livereload`. The report gives medians and the ratio site / Pelican.
"""

import datetime
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import edit_one_article, file_name, title_of, write_corpus

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "corpus"
REPORT = ROOT / "benchmarks" / "README.md"
SAMPLE_EVERY = 0.05  # seconds between memory samples


@dataclass
class Run:
    """One timed build."""

    wall: float  # seconds
    cpu: float  # seconds of processor time, the build and its worker processes together
    peak_mb: float  # peak memory of the build's processes together (PSS), in MB


def _tree(pid):
    """The process and all of its descendants."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    queue += [int(child) for child in children.read().split()]
        except OSError:
            pass
    return found


def _pss_mb(pid):
    """Proportional memory of a process tree: shared pages count once, not once per process."""
    total = 0
    for member in _tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total / 1024


def measure(command, cwd):
    """Run a command; return its wall time, processor time and peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = [0.0]
    output = []

    def sample():
        while process.returncode is None:
            peak[0] = max(peak[0], _pss_mb(process.pid))
            time.sleep(SAMPLE_EVERY)

    def drain():
        output.append(process.stdout.read())

    threads = [threading.Thread(target=sample), threading.Thread(target=drain)]
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{''.join(output)}")
    # ru_maxrss is exact for the main process; the samples add worker processes.
    peak_mb = max(peak[0], usage.ru_maxrss / 1024)
    return Run(wall, usage.ru_utime + usage.ru_stime, peak_mb)


def site_build(content, output):
    """The site's own build, as the clinician runs it."""
    return [sys.executable, "-m", "invoke", "build", "--content", content, "--output", output]


def pelican_build(content, output, cache=None):
    """Plain Pelican: default settings and theme; with `cache`, its content cache switched on."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-q"]
    if cache:
        command += [
            "-e",
            "CACHE_CONTENT=true",
            "LOAD_CONTENT_CACHE=true",
            f'CACHE_PATH="{cache}"',
        ]
    return command


def _fresh(*folders):
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def time_size(count, repeats, log=print, work=WORK):
    """Time both builds on a corpus of `count` articles; return {(build, kind): [Run, ...]}."""
    folder = Path(work) / str(count)
    content = write_corpus(folder / "content", count)
    # Plain Pelican reads pelicanconf.py from the folder it runs in: run it where there is none.
    neutral = folder
    site_out, site_cache = folder / "site", folder / "site.cache"
    base_cold, base_out, base_cache = folder / "pelican-cold", folder / "pelican", folder / "cache"
    runs = {}

    def record(build, kind, run):
        runs.setdefault((build, kind), []).append(run)
        log(f"  N={count} {build:7} {kind:6} {run.wall:7.2f} s  {run.peak_mb:6.0f} MB")

    for repeat in range(repeats):
        order = ("site", "pelican") if repeat % 2 == 0 else ("pelican", "site")
        for build in order:
            if build == "site":
                _fresh(site_out, site_cache)
                record("site", "cold", measure(site_build(content, site_out), ROOT))
                edit_one_article(content, count, f"{repeat}-site")
                record("site", "edit", measure(site_build(content, site_out), ROOT))
            else:
                _fresh(base_cold, base_out, base_cache)
                record("pelican", "cold", measure(pelican_build(content, base_cold), neutral))
                measure(pelican_build(content, base_out, base_cache), neutral)  # fills the cache
                edit_one_article(content, count, f"{repeat}-pelican")
                record(
                    "pelican",
                    "edit",
                    measure(pelican_build(content, base_out, base_cache), neutral),
                )
    return runs


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def time_livereload(count, saves, log=print, work=WORK):
    """Seconds from saving an article to its new text showing in Chromium, under livereload."""
    from playwright.sync_api import Error, sync_playwright

    from tools.browser import launch

    folder = Path(work) / str(count)
    content = folder / "content"
    if not (content / "articles" / file_name(count)).is_file():
        write_corpus(content, count)
    output = folder / "livereload"
    _fresh(output, folder / "livereload.cache")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port)]
        + ["--content", str(content), "--output", str(output)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        article = article_address(count)
        _wait_for_article(port, server, article)
        times = []
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/{article}")
            page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
            for save in range(saves):
                marker = f"livereload-{save}-{time.time_ns()}"
                time.sleep(1.0)  # let the watcher settle after the previous rebuild
                started = time.perf_counter()
                edit_one_article(content, count, marker)
                while True:
                    try:
                        if page.evaluate("m => document.body.innerText.includes(m)", marker):
                            break
                    except Error:
                        pass  # the page is reloading
                    if time.perf_counter() - started > 600:
                        raise RuntimeError("The page never showed the edit.")
                    time.sleep(0.01)
                times.append(time.perf_counter() - started)
                log(f"  N={count} livereload save-to-page {times[-1]:.2f} s")
            browser.close()
        return times
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def article_address(count):
    """The address of the article that edit_one_article changes, as pelicanconf.py builds it."""
    slug = re.sub(r"[^a-z0-9]+", "-", title_of(count // 2 + 1).lower()).strip("-")
    return f"articles/{slug}/"


def _wait_for_article(port, server, address):
    """Wait until livereload has built the site and serves the article."""
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("invoke livereload stopped.")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{address}"):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("livereload did not start serving.")


RESULTS = ROOT / "benchmarks" / "results"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def _machine():
    model = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{model}, {len(os.sched_getaffinity(0))} cores, {memory:.0f} GB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def bench(counts, repeats, saves, log=print, work=WORK, results=RESULTS, report_path=REPORT):
    """Time every size, save the raw figures and rewrite the report; return the report's text."""
    import json
    from importlib.metadata import version

    results = Path(results)
    results.mkdir(parents=True, exist_ok=True)
    for count in counts:
        load_before = os.getloadavg()[0]
        started = datetime.datetime.now(datetime.UTC)
        runs = time_size(count, repeats, log, work)
        livereload = time_livereload(count, saves, log, work) if saves else []
        figures = {
            "articles": count,
            "repeats": repeats,
            "date": started.strftime("%Y-%m-%d %H:%M UTC"),
            "machine": _machine(),
            "load": [round(load_before, 1), round(os.getloadavg()[0], 1)],
            "pelican": version("pelican"),
            "runs": {
                f"{build} {kind}": [vars(run) for run in measured]
                for (build, kind), measured in runs.items()
            },
            "livereload": livereload,
        }
        (results / f"{count}.json").write_text(json.dumps(figures, indent=1) + "\n")
    text = report(results)
    report_path = Path(report_path)
    page = report_path.read_text("utf-8") if report_path.is_file() else f"{START}\n{END}\n"
    before, _, rest = page.partition(START)
    _, _, after = rest.partition(END)
    report_path.write_text(f"{before}{START}\n{text}{END}{after}", "utf-8")
    return text


def _median(runs, key):
    return statistics.median(run[key] for run in runs)


def report(results=RESULTS):
    """The results section of benchmarks/README.md, from every saved size."""
    import json

    sizes = sorted(
        (json.loads(path.read_text()) for path in Path(results).glob("*.json")),
        key=lambda figures: figures["articles"],
    )
    if not sizes:
        return "No results yet: run `invoke bench`.\n"
    lines = [
        "| Articles | Runs | Cold: site | Cold: Pelican | Ratio | Edit one: site "
        "| Edit one: Pelican | Ratio | Peak memory: site | Peak: Pelican | Ratio "
        "| Save to page (livereload) | Date | Load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    medians = {}
    for figures in sizes:
        runs = figures["runs"]
        row = {}
        for build in ("site", "pelican"):
            for kind in ("cold", "edit"):
                row[build, kind] = _median(runs[f"{build} {kind}"], "wall")
            row[build, "memory"] = max(
                _median(runs[f"{build} {kind}"], "peak_mb") for kind in ("cold", "edit")
            )
        medians[figures["articles"]] = row
        live = figures.get("livereload") or []
        live_text = f"{statistics.median(live):.2f} s" if live else "not measured"
        lines.append(
            f"| {figures['articles']:,} | {figures['repeats']} "
            f"| {row['site', 'cold']:.2f} s | {row['pelican', 'cold']:.2f} s "
            f"| **{row['site', 'cold'] / row['pelican', 'cold']:.2f}** "
            f"| {row['site', 'edit']:.2f} s | {row['pelican', 'edit']:.2f} s "
            f"| **{row['site', 'edit'] / row['pelican', 'edit']:.2f}** "
            f"| {row['site', 'memory']:.0f} MB | {row['pelican', 'memory']:.0f} MB "
            f"| **{row['site', 'memory'] / row['pelican', 'memory']:.2f}** "
            f"| {live_text} | {figures['date']} | {figures['load'][0]}–{figures['load'][1]} |"
        )
    lines += ["", f"Machine: {sizes[-1]['machine']}; Pelican {sizes[-1]['pelican']}.", ""]
    if 1000 in medians and 4000 in medians:
        growth = [
            f"{build} {kind} {medians[4000][build, kind] / medians[1000][build, kind]:.2f}"
            for build in ("site", "pelican")
            for kind in ("cold", "edit")
        ]
        lines += ["Growth, time at 4,000 / time at 1,000: " + "; ".join(growth) + ".", ""]
    for kind, label in (("cold", "cold builds"), ("edit", "rebuilds after editing one article")):
        cpu = []
        for figures in sizes:
            site = _median(figures["runs"][f"site {kind}"], "cpu")
            pelican = _median(figures["runs"][f"pelican {kind}"], "cpu")
            cpu.append(
                f"N={figures['articles']:,}: site {site:.2f} s, Pelican {pelican:.2f} s "
                f"(ratio {site / pelican:.2f})"
            )
        lines += [f"Processor time of the {label} (all processes): " + "; ".join(cpu) + ".", ""]
    return "\n".join(lines)


def main(arguments=None):
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", default="100,1000,4000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--work", default=WORK, help="where the corpora and builds go")
    parser.add_argument("--results", default=RESULTS, help="where the raw figures go")
    parser.add_argument("--report", default=REPORT, help="the Markdown file to update")
    options = parser.parse_args(arguments)
    counts = [int(count) for count in options.articles.split(",")]
    text = bench(
        counts,
        options.repeats,
        options.saves,
        work=options.work,
        results=options.results,
        report_path=options.report,
    )
    print(text)


if __name__ == "__main__":
    main()
