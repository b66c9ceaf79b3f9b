"""From `<img>` in a post to `<picture>` on the page, and the files it names in output/."""

import multiprocessing
import os
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from plugins import boundary, compat
from plugins.content_paths import PLACEHOLDER, display, resolve
from plugins.pictures import process, svg
from plugins.pictures.source import RASTER_SUFFIXES, PictureProblem
from plugins.posts import every_post
from plugins.problem import ContentProblems, Problem

# The theme's column is 42rem less 1rem of padding each side: 640 CSS pixels at most, the
# screen's width less the padding below that (theme/static/css/site.css, .ps-main).
CONTENT_SIZES = "(min-width: 42rem) 640px, calc(100vw - 2rem)"
PORTRAIT_SIZES = "8rem"  # .ps-portrait in the theme
# The width a browser that ignores srcset shows: sharp in the column on most screens.
PLAIN_WIDTH = 720
# From this many new pictures on, the build says how far it has got instead of going quiet.
PROGRESS_FROM = 3
MADE_BY_THE_BUILD = frozenset({"src", "srcset", "sizes", "width", "height", "loading", "decoding"})
MIME = {"avif": "image/avif", "webp": "image/webp"}


def ignore_originals(pelican):
    """Tell Pelican to leave raster files alone, whatever the case of their suffix."""
    # Sorted: the same settings in every build, or every page would look changed to
    # unchanged_pages.py (a set's order differs from one process to the next).
    patterns = [
        "*" + "".join(f"[{c.lower()}{c.upper()}]" for c in s) for s in sorted(RASTER_SUFFIXES)
    ]
    ignored = pelican.settings["IGNORE_FILES"]
    pelican.settings["IGNORE_FILES"] = [*ignored, *(p for p in patterns if p not in ignored)]


def widths(settings):
    """The widths each picture is made at: PICTURE_WIDTHS in pelicanconf.py."""
    return tuple(settings["PICTURE_WIDTHS"])


def picture_path(src, source_path, content_root):
    """The file an image address names in the content folder, or None when it is elsewhere."""
    placeholder = PLACEHOLDER.match(src)
    if placeholder:
        return resolve(placeholder.group(2).partition("#")[0], source_path, content_root)
    if src.startswith("/") and not src.startswith("//"):
        return resolve(src.partition("?")[0].partition("#")[0], source_path, content_root)
    return None


def shows_pictures(html):
    """Whether a post's HTML can hold an <img>, found without parsing it (most hold none)."""
    return "<img" in html.lower()


def make_pictures(generators):
    """Make every picture a post or the portrait uses, and show each as a <picture>."""
    settings, context = generators[0].settings, generators[0].context
    content_root = Path(settings["PATH"])
    folder = settings.get("IMAGE_CACHE_PATH") or os.path.join(settings["CACHE_PATH"], "images")
    # Only posts this build writes: the public one writes no draft (publishconf.py), so a
    # picture only drafts show is neither made nor published there.
    posts = [post for post in every_post(generators) if post.save_as and compat.body_of(post)]
    used = set()
    for post in posts:
        if not shows_pictures(compat.body_of(post)):
            continue
        for img in boundary.elements(compat.body_of(post), "img"):
            src = (img.attributes.get("src") or "").strip()
            path = picture_path(src, post.source_path, content_root)
            if path is not None and path.suffix.lower() in RASTER_SUFFIXES and path.is_file():
                used.add(path)
    portrait = None
    if settings.get("AUTHOR_PHOTO"):
        portrait = Path(os.path.normpath((content_root / settings["AUTHOR_PHOTO"]).absolute()))
    if portrait is not None and portrait.is_file():
        used.add(portrait)
    made = make_all(sorted(used), folder, widths(settings), content_root)
    published = {}  # path in output/ -> the file in the cache it is a copy of
    for path, manifest in made.items():
        # The checks hand in where their warnings go (plugins/checks/run.py); a build by
        # Pelican alone has no one to tell.
        results = settings.get("CHECK_RESULTS")
        if manifest["avif_left_out"] and results is not None:
            results.warnings.append(
                Problem(
                    "warning",
                    display(path, content_root),
                    None,
                    "image",
                    f"Making it as AVIF took over {process.AVIF_BUDGET_SECONDS} seconds, so "
                    "it is published as WebP and JPEG only, a little heavier.",
                    "Nothing to do; export it smaller (4000 pixels wide at most) to get AVIF.",
                )
            )
    for post in posts:
        if shows_pictures(compat.body_of(post)):
            compat.replace_body(post, _with_pictures(post, made, settings, published))
    if portrait is not None and portrait.is_file():
        manifest = made[portrait]
        urls = _urls(manifest, portrait, settings, published)
        alt = {"alt": settings.get("AUTHOR_PHOTO_ALT", "")}
        largest = max(
            (v for v in manifest["versions"] if v["format"] == manifest["fallback"]),
            key=lambda v: v["width"],
        )
        author_picture = {
            "first": written(picture(manifest, urls, alt, lazy=False, sizes=PORTRAIT_SIZES)),
            "later": written(picture(manifest, urls, alt, lazy=True, sizes=PORTRAIT_SIZES)),
            "url": urls[largest["name"]],
        }
        settings["AUTHOR_PICTURE"] = context["AUTHOR_PICTURE"] = author_picture
    settings["PICTURES_PUBLISHED"] = {"folder": folder, "files": published}


def _with_pictures(post, made, settings, published):
    """A post's HTML, each made picture's <img> now a <picture>, lazy after the first."""
    content_root = Path(settings["PATH"])
    shown_before = False

    def as_picture(element):
        nonlocal shown_before
        if element.tag != "img":
            return None
        found = dict(element.attributes)
        path = picture_path((found.get("src") or "").strip(), post.source_path, content_root)
        if path is None or not path.is_file():
            return None
        if path.suffix.lower() == ".svg":
            return _with_size(found, path)
        manifest = made.get(Path(os.path.normpath(path.absolute())))
        if manifest is None:
            return None
        # The first picture may be what a reader sees at once: it must not wait.
        lazy, shown_before = shown_before, True
        return picture(manifest, _urls(manifest, path, settings, published), found, lazy)

    # Written by the one door to the page, which escapes every value the <img> carried.
    return boundary.publish(compat.body_of(post), replace=as_picture)


def _urls(manifest, path, settings, published):
    """Each version's address, noting in `published` which file goes where."""
    relative = path.relative_to(Path(settings["PATH"]).absolute()).parent.as_posix()
    urls = {}
    for version in manifest["versions"]:
        digest, _, rest = version["name"].partition("-")
        name = f"{relative}/{_plain_name(path.stem)}.{digest[:12]}-{rest}"
        published[name] = version["name"]
        urls[version["name"]] = f"{settings['SITEURL']}/{name}"
    return urls


def _plain_name(stem):
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower() or "picture"


def picture(manifest, urls, found, lazy, sizes=CONTENT_SIZES):
    """The <picture> for a made picture, keeping the <img>'s own attributes (alt, title...)."""
    by_format = {}
    for version in manifest["versions"]:
        by_format.setdefault(version["format"], []).append(version)

    def srcset(versions):
        return ", ".join(f"{urls[v['name']]} {v['width']}w" for v in versions)

    sources = tuple(
        boundary.Made(
            "source",
            (("type", MIME[kind]), ("srcset", srcset(by_format[kind])), ("sizes", sizes)),
        )
        for kind in ("avif", "webp")
        if kind in by_format
    )
    fallbacks = by_format[manifest["fallback"]]
    plain = next((v for v in fallbacks if v["width"] >= PLAIN_WIDTH), fallbacks[-1])
    largest = fallbacks[-1]
    made = (
        ("src", urls[plain["name"]]),
        ("srcset", srcset(fallbacks)),
        ("sizes", sizes),
        ("width", str(largest["width"])),
        ("height", str(largest["height"])),
    )
    # Her values as the parser read them (alt, title...): the writer escapes them.
    kept = tuple((name, value) for name, value in found.items() if name not in MADE_BY_THE_BUILD)
    loading = (("loading", "lazy"), ("decoding", "async")) if lazy else ()
    img = boundary.Made("img", made + kept + loading)
    return boundary.Made("picture", children=(*sources, img))


def written(made):
    """A picture the templates show as it is, written by plugins/boundary.py."""
    return boundary.serialise_made(made)


def _with_size(found, path):
    if "width" in found and "height" in found:
        return None
    size = svg.size_of(path)
    if size is None:
        return None
    return boundary.Made("img", (*found.items(), ("width", str(size[0])), ("height", str(size[1]))))


def make_all(paths, folder, chosen_widths, content_root):
    """Each picture's manifest, the new ones made on every core, saying how far it has got."""
    made = {path: process.known(path, folder, chosen_widths) for path in paths}
    new = [path for path, manifest in made.items() if manifest is None]
    if not new:
        return made
    workers = min(process.cores(), len(new))
    started, total = time.monotonic(), len(new)
    if workers < 2:
        results = ((path, _make_one(path, folder, chosen_widths)) for path in new)
        return _collect(made, results, total, started, content_root)
    # fork: the workers need nothing from this process but the paths.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(_make_one, path, folder, chosen_widths): path for path in new}
        results = ((futures[future], future.result()) for future in as_completed(futures))
        return _collect(made, results, total, started, content_root)


def _make_one(path, folder, chosen_widths):
    """A manifest, or the problem in plain words (an exception would not cross processes)."""
    try:
        return process.made_of(path, folder, chosen_widths)
    except PictureProblem as problem:
        return {"problem": (problem.what, problem.fix)}


def _collect(made, results, total, started, content_root):
    for done, (path, manifest) in enumerate(results, start=1):
        if "problem" in manifest:
            # The checks open every new picture first; this one changed since.
            what, fix = manifest["problem"]
            shown = display(path, content_root)
            raise ContentProblems([Problem("error", shown, None, "image", what, fix)])
        made[path] = manifest
        _progress(done, total, started)
    return made


def _progress(done, total, started):
    if total < PROGRESS_FROM:
        return
    spent = time.monotonic() - started
    left = spent / done * (total - done)
    print(
        f"Pictures: {done} of {total} new ones made, about {round(left)} s left",
        file=sys.stderr,
        flush=True,
    )


def copy_to_output(pelican):
    """Copy the versions the pages name into output/, and remove any original left there."""
    published = pelican.settings.get("PICTURES_PUBLISHED")
    if not published:
        return
    output = Path(pelican.output_path)
    for name, cached in published["files"].items():
        target = output / name
        source = Path(published["folder"]) / cached
        if target.exists() and target.stat().st_size == source.stat().st_size:
            continue  # names say what they hold: same name and size is the same file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    # A build from before pictures were made copied the originals as they were.
    content_root = Path(pelican.settings["PATH"])
    for folder in pelican.settings["STATIC_PATHS"]:
        for path in (content_root / folder).rglob("*"):
            if path.suffix.lower() in RASTER_SUFFIXES:
                (output / path.relative_to(content_root)).unlink(missing_ok=True)
