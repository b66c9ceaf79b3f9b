"""Making the published versions of one picture: a few widths, each as AVIF, WebP and JPEG.

A reader's browser picks the smallest file that is sharp on its screen: AVIF where it
can show it, WebP next, and a JPEG (PNG when the picture has see-through parts) that
every browser shows. Each version is encoded afresh from upright sRGB pixels, so nothing
of the original file, its bytes or its metadata, reaches the site.
"""

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from plugins.pictures import store
from plugins.pictures.source import open_upright

# Quality and speed chosen on skimage's photos: at these settings no difference shows at
# the width a page displays them, and the bytes stay inside BITS_PER_PIXEL.
QUALITY = {"avif": 52, "webp": 74, "jpeg": 78}
AVIF_SPEED = 7  # 0 is smallest and slowest; 7 takes about a second for 1280 pixels
# A picture whose AVIF versions are not done in this time is published without them:
# WebP costs a few more bytes, a build that hangs on one picture costs her the afternoon.
AVIF_BUDGET_SECONDS = 20
# What a version may weigh, in bits per pixel, by format; tests hold real photos to it.
BITS_PER_PIXEL = {"avif": 1.2, "webp": 1.8, "jpeg": 2.6, "png": 16.0}
MANIFEST = ".json"


@dataclass(frozen=True)
class Version:
    """One published file: its format, width and height, and its name in the cache."""

    format: str
    width: int
    height: int
    name: str


def settings_key(widths):
    """Everything besides the source's bytes that shapes the files made of it."""
    return (tuple(widths), sorted(QUALITY.items()), AVIF_SPEED)


def made_of(path, cache_folder, widths, budget=AVIF_BUDGET_SECONDS):
    """The manifest of a picture's versions, making them first when the cache lacks them.

    The manifest records what was made, AVIF left out included, so a later build
    publishes exactly the same files without timing anything again.
    """
    name = store.key(Path(path).read_bytes(), *settings_key(widths))
    manifest = Path(cache_folder) / (name + MANIFEST)
    if manifest.exists():
        return json.loads(manifest.read_text(encoding="utf-8"))
    data = _make(path, cache_folder, name, widths, budget)
    store.cached(cache_folder, manifest.name, lambda partial: partial.write_text(json.dumps(data)))
    return data


def known(path, cache_folder, widths):
    """The manifest of a picture already made with these settings, or None."""
    name = store.key(Path(path).read_bytes(), *settings_key(widths))
    manifest = Path(cache_folder) / (name + MANIFEST)
    return json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else None


def _make(path, cache_folder, name, widths, budget):
    image = open_upright(path)
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # fully opaque: a JPEG is far smaller than a PNG
    fallback = "png" if image.mode == "RGBA" else "jpeg"
    # Never wider than the original: enlarging adds bytes, not detail.
    chosen = sorted({min(width, image.width) for width in widths})
    sized = {width: _resized(image, width) for width in chosen}
    versions, avif_left_out = [], False
    avif_started = time.monotonic()
    for width in chosen:  # smallest first, so a slow picture still gets its phone sizes
        if time.monotonic() - avif_started > budget:
            avif_left_out = True
            break
        versions.append(_encode(sized[width], "avif", cache_folder, name))
    if avif_left_out:
        versions = [v for v in versions if v.format != "avif"]
        for leftover in Path(cache_folder).glob(f"{name}-*.avif"):
            leftover.unlink()
    for kind in ("webp", fallback):
        versions += [_encode(sized[width], kind, cache_folder, name) for width in chosen]
    return {
        "width": image.width,
        "height": image.height,
        "fallback": fallback,
        "avif_left_out": avif_left_out,
        "versions": [vars(version) for version in versions],
    }


def _resized(image, width):
    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    # reducing_gap: a fast box reduction first, then Lanczos, indistinguishable and 4x faster.
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(image, kind, cache_folder, name):
    file_name = f"{name}-{image.width}.{'jpg' if kind == 'jpeg' else kind}"

    def save(partial):
        with open(partial, "wb") as handle:
            if kind == "avif":
                # One thread: the build already runs one picture per core.
                image.save(handle, "AVIF", quality=QUALITY["avif"], speed=AVIF_SPEED, max_threads=1)
            elif kind == "webp":
                image.save(handle, "WEBP", quality=QUALITY["webp"], method=4)
            elif kind == "jpeg":
                image.save(handle, "JPEG", quality=QUALITY["jpeg"], optimize=True, progressive=True)
            else:
                image.save(handle, "PNG", optimize=True)

    store.cached(cache_folder, file_name, save)
    return Version(kind, image.width, image.height, file_name)


def cores():
    """How many processor cores this build may use."""
    return len(os.sched_getaffinity(0))
