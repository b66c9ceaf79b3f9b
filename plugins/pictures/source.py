"""Opening a picture from the content: upright, in sRGB, and refused in plain words when bad.

A phone photo carries where and with what it was taken. Nothing read here keeps that:
what leaves this module is pixels, turned the way the phone meant and converted to the
colours every screen shows, ready to be encoded afresh.
"""

import io
import warnings

from PIL import Image, ImageCms, ImageOps
from pillow_heif import register_heif_opener

register_heif_opener()

# A 48-megapixel phone photo fits; a scan or a panorama far larger than any page needs
# would take minutes and gigabytes to resize.
MAX_MEGAPIXELS = 50
RASTER_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".heic", ".heif"})
SRGB = ImageCms.createProfile("sRGB")


class PictureProblem(Exception):
    """A picture cannot be used; the message says why and the fix, in plain words."""

    def __init__(self, what, fix):
        super().__init__(what)
        self.what, self.fix = what, fix


def open_upright(path):
    """The picture at path as RGB or RGBA pixels: upright, sRGB, no metadata."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; ours is lower and always stops.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_MEGAPIXELS * 1_000_000:
                    raise _too_large(f"{width} × {height} pixels")
                image.load()
                upright = ImageOps.exif_transpose(image)
                profile = image.info.get("icc_profile")
    except Image.DecompressionBombError:
        raise _too_large("larger than Pillow will open") from None
    except PictureProblem:
        raise
    except (OSError, SyntaxError, ValueError) as error:
        raise PictureProblem(
            f"The picture cannot be read ({error}): it is damaged, cut short, or not a picture.",
            "Open it on your computer and save or export it again as JPEG or PNG, "
            "then put the new file in its place.",
        ) from None
    return _in_srgb(upright, profile)


def _too_large(size):
    return PictureProblem(
        f"The picture is {size}, over the limit of {MAX_MEGAPIXELS} megapixels "
        "and far more than a page needs.",
        "Export it smaller, 4000 pixels wide at most, and put that file in its place.",
    )


def _in_srgb(image, profile):
    """The pixels converted from their colour profile (CMYK, Display P3, ...) to sRGB."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if profile:
        try:
            embedded = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            mode = "RGBA" if has_alpha and image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, embedded, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the plain conversion below is the best left
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    image.info.clear()
    return image
