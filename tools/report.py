"""Weighs each type of page as a reader's browser loads it, and asks Lighthouse for its scores.

`invoke report` writes the figures to reports/page-weight.md. The budget is 14 KB (14,336
bytes): what fits in the first round trip of a new connection, so even a slow phone
can show the page after one exchange with the server.
"""

import gzip
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from tools.browser import CHROMIUM, CHROMIUM_ARGS, launch, serve

BUDGET = 14 * 1024
ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_PAGES = {
    "Home": "index.html",
    "KAP article": "articles/ketamine-assisted-psychotherapy-for-anxiety/index.html",
    "About": "about/index.html",
}
# Formats that are compressed already; a host sends them as they are.
PRECOMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff2", ".pdf")

# Page types, each named after what the reader sees, with the path that identifies it.
PAGE_TYPES = (
    ("KAP article", lambda p: p == LIGHTHOUSE_PAGES["KAP article"]),
    ("Other articles", lambda p: p.startswith("articles/")),
    ("Home", lambda p: p == "index.html"),
    ("Home, later pages", lambda p: p.startswith("page/")),
    ("Search", lambda p: p.startswith("search/")),
    ("All articles", lambda p: p.startswith("archives/")),
    ("Tag list", lambda p: p == "tags/index.html"),
    ("Tag", lambda p: p.startswith("tags/")),
    ("Topic list", lambda p: p == "categories/index.html"),
    ("Topic", lambda p: p.startswith("categories/")),
    ("Author list", lambda p: p == "authors/index.html"),
    ("Author", lambda p: p.startswith("authors/")),
    ("Not found (404)", lambda p: p == "404.html"),
    ("Page (About, Contact…)", lambda p: p.count("/") == 1),
)


def page_type(page):
    return next((name for name, matches in PAGE_TYPES if matches(page)), "Other")


def served_size(url, body):
    """Bytes on the wire from a host that gzips text (level 6, as nginx and most hosts do)."""
    if urlsplit(url).path.lower().endswith(PRECOMPRESSED):
        return len(body)
    return min(len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))


def weigh(browser, url, search=None):
    """Load `url` in a fresh tab; return (bytes served, requests, HTML bytes, JavaScript bytes)."""
    context = browser.new_context()  # an empty cache, as on a first visit
    tab = context.new_page()
    responses = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(url, wait_until="networkidle")
    if search:
        tab.locator(search).first.wait_for()
    bodies = [(response, response.body()) for response in responses]
    context.close()
    total = html = scripts = 0
    for response, body in bodies:
        size = served_size(response.url, body)
        total += size
        if response.request.resource_type == "document":
            html += size
        if response.request.resource_type == "script":
            scripts += size
    return total, len(responses), html, scripts


def weigh_pages(output, address, browser):
    """The heaviest page of each type: {type: (page, bytes, requests, HTML, JavaScript)}."""
    heaviest = {}
    pages = sorted(p.relative_to(output).as_posix() for p in Path(output).rglob("*.html"))
    for page in pages:
        if page.startswith(("drafts/", "pagefind/")):
            continue
        kind = page_type(page)
        weight = weigh(browser, f"{address}/{page.removesuffix('index.html')}")
        if kind not in heaviest or weight[0] > heaviest[kind][1]:
            heaviest[kind] = (page, *weight)
    search = weigh(browser, f"{address}/search/?q=ketamine", "[data-search-results] a")
    return heaviest, search


def lighthouse(url, attempts=2):
    """Lighthouse's four category scores (0–100) for `url`, on its mobile preset."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
    ]
    for _ in range(attempts):
        result = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}
        )
        if result.returncode == 0:
            categories = json.loads(result.stdout)["categories"]
            return {name: round(categories[name]["score"] * 100) for name in LIGHTHOUSE_CATEGORIES}
        # On a busy machine Lighthouse sometimes fails to connect to the Chromium it started;
        # that says nothing about the page, so it gets one more go.
    raise RuntimeError(f"Lighthouse failed {attempts} times on {url}:\n{result.stderr[-2000:]}")


def render(heaviest, search, scores):
    lines = [
        "# Page weight and Lighthouse scores",
        "",
        "Written by `invoke report` from the built site; do not edit by hand.",
        "",
        f"Budget: {BUDGET:,} bytes (14 KB) per page: the HTML and everything the browser",
        "fetches to show it, gzipped at level 6 as a host serves it. The heaviest built page",
        "of each type is listed. No page needs JavaScript to be read.",
        "",
        "| Page type | Heaviest page | Bytes | Requests | HTML bytes | JavaScript | Budget |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for kind, _ in PAGE_TYPES:
        if kind in heaviest:
            page, total, requests, html, scripts = heaviest[kind]
            verdict = "within" if total <= BUDGET else "**over**"
            figures = f"{total:,} | {requests} | {html:,} | {scripts:,}"
            lines.append(f"| {kind} | `{page}` | {figures} | {verdict} |")
    total, requests, _, scripts = search
    lines += [
        "",
        "Searching is the one thing that needs JavaScript. A search for “ketamine” loads",
        f"Pagefind's script, WebAssembly and index: {total:,} bytes in {requests} requests in all,",
        f"{scripts:,} of them JavaScript.",
        "",
        "## Lighthouse (mobile preset)",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO |",
        "| --- |" + " ---: |" * len(LIGHTHOUSE_CATEGORIES),
    ]
    for page, page_scores in scores.items():
        lines.append(
            f"| {page} | " + " | ".join(str(page_scores[c]) for c in LIGHTHOUSE_CATEGORIES) + " |"
        )
    return "\n".join(lines) + "\n"


def write_report(output, report):
    """Measure the built site at `output` and write the report; return its text."""
    with serve(output) as address:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            heaviest, search = weigh_pages(Path(output), address, browser)
            browser.close()
        scores = {
            name: lighthouse(f"{address}/{page.removesuffix('index.html')}")
            for name, page in LIGHTHOUSE_PAGES.items()
        }
    text = render(heaviest, search, scores)
    Path(report).parent.mkdir(parents=True, exist_ok=True)
    Path(report).write_text(text, encoding="utf-8")
    return text
