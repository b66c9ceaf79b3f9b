"""Pictures of one page of each type, on a phone and a desktop, in light and dark mode.

`invoke screenshots` writes them to screenshots/, so a person can review the look at a glance.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import launch, serve
from tools.report import page_type

WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = ("light", "dark")


def one_page_per_type(output):
    """The first built page of each type, such as the KAP article, About and a tag."""
    chosen = {}
    for page in sorted(p.relative_to(output).as_posix() for p in Path(output).rglob("*.html")):
        if not page.startswith(("drafts/", "pagefind/")):
            chosen.setdefault(page_type(page), page)
    return chosen


def take_screenshots(output, folder):
    """Write full-page PNGs of each page type into `folder`; return the paths written."""
    output, folder = Path(output), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    pages = one_page_per_type(output)
    with serve(output) as address, sync_playwright() as playwright:
        browser = launch(playwright)
        for device, width in WIDTHS.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": width, "height": 800}, color_scheme=scheme
                )
                tab = context.new_page()
                for kind, page in pages.items():
                    url = f"{address}/{page.removesuffix('index.html')}"
                    if kind == "Search":
                        url += "?q=ketamine"
                    tab.goto(url, wait_until="networkidle")
                    name = (
                        page.removesuffix("index.html")
                        .removesuffix(".html")
                        .strip("/")
                        .replace("/", "-")
                    )
                    target = folder / f"{name or 'home'}-{device}-{scheme}.png"
                    tab.screenshot(path=target, full_page=True)
                    written.append(target)
                context.close()
        browser.close()
    return written
