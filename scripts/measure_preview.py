#!/usr/bin/env python3
"""Measure the time from saving an article to the refreshed page in `invoke livereload`.

    .venv/bin/python scripts/measure_preview.py [--articles 0 500 1000] [--saves 5]

For each size it copies content/ into a temporary folder, adds that many generated
articles of about 1,000 words, starts `invoke livereload` on them, opens the edited
article in Chromium (when Playwright is installed; otherwise it polls over HTTP),
then saves a change several times and reports how long the page took to show it.
"""

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "anxiety worry breath body calm feeling thought therapy support sleep rest morning "
    "evening notice gentle practice moment change help friend family work pattern slowly "
    "often sometimes usually kind steady safe place mind heart pain care simple small "
    "step habit routine walk talk listen write read learn try again together with without"
).split()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sentence(rng):
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def article(number, rng):
    sections = []
    for section in range(5):
        paragraphs = [" ".join(sentence(rng) for _ in range(6)) for _ in range(3)]
        items = "\n".join(f"- {sentence(rng)}" for _ in range(3))
        sections.append(f"## Section {section + 1}\n\n" + "\n\n".join(paragraphs) + f"\n\n{items}")
    return (
        f"Title: Generated article {number}\n"
        f"Date: 2026-01-01 {number // 60 % 24:02d}:{number % 60:02d}\n"
        f"Summary: A generated article for measuring the preview.\nCategory: Testing\n"
        f"Slug: generated-{number}\n\n"
        "Read [the KAP article]({filename}ketamine-assisted-psychotherapy-for-anxiety.md).\n\n"
        + "\n\n".join(sections)
        + "\n"
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait(condition, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise SystemExit("Timed out.")


def measure(count, saves):
    work = Path(tempfile.mkdtemp(prefix="preview-"))
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    rng = random.Random(count)
    for number in range(count):
        (content / "articles" / f"generated-{number}.md").write_text(article(number, rng), "utf-8")
    edited = content / "articles" / "ketamine-assisted-psychotherapy-for-anxiety.md"
    port = free_port()
    lines = []
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port)]
        + ["--content", str(content), "--output", str(work / "output")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    url = f"http://localhost:{port}/articles/ketamine-assisted-psychotherapy-for-anxiety/"
    started = time.monotonic()
    wait(lambda: "Previewing at" in "".join(lines) and get(url))
    first_build = time.monotonic() - started
    timings = []
    try:
        browser = page = None
        try:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.goto(url)
            wait(lambda: "Browser Connected" in "".join(lines))  # livereload.js is listening
        except ImportError:
            pass
        for save in range(saves):
            marker = f"Saved-change-{save}-of-{count}"  # one word: typography cannot split it
            text = edited.read_text("utf-8")
            before = sum("Updated the preview" in line for line in lines)
            edited.write_text(text + f"\n{marker}\n", "utf-8")
            saved = time.monotonic()
            if page is not None:
                page.wait_for_function(
                    f"document.body && document.body.innerText.includes({marker!r})",
                    timeout=600_000,
                    polling=20,
                )
            else:
                wait(lambda m=marker: m in get(url))
            timings.append(time.monotonic() - saved)
            # The next save waits until this rebuild has finished, as a writer would.
            wait(lambda b=before: sum("Updated the preview" in line for line in lines) > b)
            time.sleep(1)
        if browser is not None:
            browser.close()
            playwright.stop()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        rebuilds = [line.strip() for line in lines if "Updated the preview" in line]
        shutil.rmtree(work, ignore_errors=True)
    how = "Chromium" if page is not None else "HTTP polling"
    print(
        f"{count + 1:>5} articles: first build {first_build:5.1f} s; save→refreshed page "
        f"({how}) median {statistics.median(timings):.2f} s, "
        f"min {min(timings):.2f} s, max {max(timings):.2f} s over {len(timings)} saves; "
        f"rebuilds reported: {', '.join(r.split(' in ')[-1] for r in rebuilds[1:])}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[0, 500, 1000])
    parser.add_argument("--saves", type=int, default=5)
    arguments = parser.parse_args()
    for count in arguments.articles:
        measure(count, arguments.saves)


if __name__ == "__main__":
    main()
