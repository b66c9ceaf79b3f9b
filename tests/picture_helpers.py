"""Pictures for the tests, made from skimage's real photos: a phone's, a see-through one..."""

import os
import shutil
from pathlib import Path

import skimage
from PIL import Image
from pillow_heif import register_heif_opener

from tests.conftest import FIXTURES, ROOT

register_heif_opener()
PHOTOS = Path(os.path.dirname(skimage.__file__)) / "data"
REAL_PHOTOS = ("astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg")
GPS, MAKE, MODEL, ORIENTATION = 0x8825, 0x010F, 0x0110, 0x0112
SAFE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60">'
    '<rect width="120" height="60" fill="#2a6"/><circle cx="30" cy="30" r="20" fill="#fff"/></svg>'
)
SCRIPTED_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)


def photo(name="chelsea.png"):
    return Image.open(PHOTOS / name).convert("RGB")


def phone_photo(path, size=(4000, 3000)):
    """A large JPEG as a phone saves it: turned by EXIF (6), with GPS, make and model."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was held upright: turn 90° clockwise to show it
    exif[MAKE], exif[MODEL] = "PhoneMaker", "Phone 15 Pro"
    exif.get_ifd(GPS).update({1: "N", 2: (37.0, 46.0, 30.0), 3: "W", 4: (122.0, 25.0, 10.0)})
    photo().resize(size, Image.Resampling.BICUBIC).save(
        path, "JPEG", quality=90, exif=exif, comment=b"Taken at home"
    )
    return path


def see_through_png(path):
    """Astronaut with a fading alpha channel: a PNG that needs its transparency."""
    image = photo("astronaut.png").convert("RGBA")
    alpha = Image.linear_gradient("L").resize(image.size)
    image.putalpha(alpha)
    image.save(path)
    return path


def cmyk_jpeg(path):
    photo("coffee.png").convert("CMYK").save(path, "JPEG", quality=90)
    return path


def heic(path):
    photo("rocket.jpg").save(path, quality=80)
    return path


def truncated(path):
    phone_photo(path, size=(800, 600))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def content_with(tmp_path):
    """A copy of the minimal site, ready for pictures."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    return content


def article(content, name, body):
    text = (
        f"Title: {name.replace('-', ' ').title()}\nDate: 2026-02-01\n"
        f"Summary: An article with pictures.\nCategory: Testing\n\n{body}\n"
    )
    (content / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
