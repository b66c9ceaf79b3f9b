"""Pictures of one page of each type, on two phones and a laptop, in light and dark mode.

`invoke screenshots` writes them to screenshots/, so a person can review the look at a glance.
Each picture is the whole page; its top (the viewport's height) is the reader's first screen.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import launch, serve
from tools.report import page_type

# The viewports tests/browser/test_first_screen.py measures: two phones and a laptop.
VIEWPORTS = {"375": (375, 667), "390": (390, 844), "1280": (1280, 800)}
SCHEMES = ("light", "dark")


def one_page_per_type(output):
    """The first built page of each type, such as the KAP article, About and a tag."""
    chosen = {}
    for page in sorted(p.relative_to(output).as_posix() for p in Path(output).rglob("*.html")):
        if not page.startswith(("drafts/", "pagefind/")):
            chosen.setdefault(page_type(page), page)
    return list(chosen.values())


def picture_name(page):
    """get-help/index.html -> get-help; index.html -> home."""
    name = page.removesuffix("index.html").removesuffix(".html").strip("/").replace("/", "-")
    return name or "home"


def take_screenshots(output, folder, pages=None):
    """Write full-page PNGs of `pages` (default: one of each type) into `folder`; return them."""
    output, folder = Path(output), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    pages = pages or one_page_per_type(output)
    with serve(output) as address, sync_playwright() as playwright:
        browser = launch(playwright)
        for width, (pixels, height) in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": pixels, "height": height}, color_scheme=scheme
                )
                tab = context.new_page()
                for page in pages:
                    url = f"{address}/{page.removesuffix('index.html')}"
                    if page_type(page) == "Search":
                        url += "?q=ketamine"
                    tab.goto(url, wait_until="networkidle")
                    target = folder / f"{picture_name(page)}-{width}-{scheme}.png"
                    tab.screenshot(path=target, full_page=True)
                    written.append(target)
                context.close()
        browser.close()
    return written
