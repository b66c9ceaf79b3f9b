"""What a phone downloads for an article with three photos, against the photos as she saved them.

`invoke report` builds a small site whose one article shows three of skimage's real
photos, each enlarged to 4000 × 3000 and saved as a phone saves them (JPEG, quality 92),
opens the article in Chromium as a 375-pixel phone at double density, scrolls to the end
so every lazy picture loads, and adds up the pictures it fetched. It times the build too:
the first, which makes the pictures, and an unchanged one, which makes none.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import skimage
from PIL import Image
from playwright.sync_api import sync_playwright

from plugins.pictures import process
from tools.browser import launch, serve

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = Path(os.path.dirname(skimage.__file__)) / "data"
THREE = (
    ("chelsea.png", "A tabby cat"),
    ("coffee.png", "A cup of coffee"),
    ("astronaut.png", "An astronaut"),
)
SCREENS = {"Phone, 375 px at 2x": (375, 2), "Desktop, 1280 px at 1x": (1280, 1)}
ARTICLE = """\
Title: Three Photos
Date: 2026-02-01
Summary: An article with three photos, to weigh.
Category: Testing

## Three photos

{pictures}
"""


def _sample_content(work):
    content = work / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    lines = []
    for name, alt in THREE:
        photo = Image.open(PHOTOS / name).convert("RGB").resize((4000, 3000), Image.BICUBIC)
        saved = content / "images" / f"{Path(name).stem}.jpg"
        photo.save(saved, "JPEG", quality=92)
        lines.append(f"![{alt}]({{static}}/images/{saved.name})\n")
    (content / "articles" / "three-photos.md").write_text(
        ARTICLE.format(pictures="\n".join(lines)), encoding="utf-8"
    )
    return content


def _timed_build(content, output):
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "build",
            "--content",
            str(content),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"The sample site did not build:\n{result.stdout}{result.stderr}")
    return time.monotonic() - started


def _downloaded(browser, url, width, density):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=density
    )
    tab = context.new_page()
    images = []
    tab.on("response", lambda r: images.append(r) if r.request.resource_type == "image" else None)
    tab.goto(url, wait_until="networkidle")
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    tab.wait_for_timeout(500)
    tab.wait_for_load_state("networkidle")
    weights = [(r.url.rsplit("/", 1)[-1], len(r.body())) for r in images]
    context.close()
    return weights


def measure(work):
    """The figures: bytes per screen, the originals' bytes, and the build's times."""
    content = _sample_content(work)
    originals = sum(p.stat().st_size for p in (content / "images").glob("*.jpg"))
    output = work / "output"
    first = _timed_build(content, output)
    again = _timed_build(content, output)
    one = content / "images" / "chelsea.jpg"
    started = time.monotonic()
    process.made_of(one, work / "alone", process_widths())
    per_photo = time.monotonic() - started
    with serve(output) as address, sync_playwright() as playwright:
        browser = launch(playwright)
        screens = {
            name: _downloaded(browser, f"{address}/articles/three-photos/", *screen)
            for name, screen in SCREENS.items()
        }
        browser.close()
    return originals, screens, first, again, per_photo


def process_widths():
    sys.path.insert(0, str(ROOT))
    import pelicanconf

    return pelicanconf.PICTURE_WIDTHS


def render(originals, screens, first, again, per_photo):
    lines = [
        "# What readers download for pictures",
        "",
        "Written by `invoke report` (tools/picture_report.py); do not edit by hand.",
        "",
        "An article with three photos, each 4000 × 3000 as a phone saves it (JPEG, quality 92):",
        f"**{originals:,} bytes** as saved. What a reader's browser fetches, every picture",
        "scrolled into view:",
        "",
        "| Screen | Picture bytes | Files | Of the originals |",
        "| --- | ---: | --- | ---: |",
    ]
    for name, weights in screens.items():
        total = sum(size for _, size in weights)
        files = ", ".join(f"`{file}`" for file, _ in sorted(weights))
        lines.append(f"| {name} | {total:,} | {files} | {total / originals:.1%} |")
    lines += [
        "",
        f"Budgets, in bits per pixel: {process.BITS_PER_PIXEL} (tests/test_pictures.py).",
        "",
        "| Build | Seconds |",
        "| --- | ---: |",
        f"| First build of the sample site, making the three photos on every core | {first:.1f} |",
        f"| Making one photo alone, every width and format, one core | {per_photo:.1f} |",
        f"| The same build again, nothing changed (no picture made) | {again:.1f} |",
    ]
    return "\n".join(lines) + "\n"


def write_picture_report(report):
    """Measure the sample article and write the report; return its text."""
    with tempfile.TemporaryDirectory(prefix="pictures-") as work:
        text = render(*measure(Path(work)))
    Path(report).parent.mkdir(parents=True, exist_ok=True)
    Path(report).write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(write_picture_report(ROOT / "reports" / "pictures.md"))
