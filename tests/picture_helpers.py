"""Pictures for the tests, made from skimage's real photos: a phone's, a see-through one..."""

import os
import shutil
import subprocess
import sys
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


SITEURL = "https://example.org"
WIDTHS = (160, 320)  # small, so the tests stay quick; the site's own are in pelicanconf
BODY = """\
![A tabby cat looking up]({static}/images/phone.jpg)

![An astronaut, fading out]({static}/images/clear.png)

![A cup of coffee on a saucer](/images/cmyk.jpg)

![A rocket on its launch pad]({static}/images/rocket.heic)

![Two shapes: a white circle on green]({static}/images/drawing.svg)
"""


def build(content, output, siteurl=SITEURL):
    """Build with the site's settings, her portrait and small widths; return the process."""
    settings_file = output.parent / f"{output.name}-settings.py"
    settings_file.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT)!r}]\n"
        f"SITEURL = {siteurl!r}\nPICTURE_WIDTHS = {WIDTHS!r}\n"
        'AUTHOR_PHOTO = "images/portrait.jpg"\n'
        'AUTHOR_PHOTO_ALT = "Stephanie Post in her office"\n',
        encoding="utf-8",
    )
    script = (
        "import sys; from plugins.runner import build;"
        "build(sys.argv[1], {'PATH': sys.argv[2], 'OUTPUT_PATH': sys.argv[3],"
        " 'CACHE_PATH': sys.argv[3] + '.cache'})"
    )
    command = [sys.executable, "-c", script, str(settings_file), str(content), str(output)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def picture_site(work, siteurl=SITEURL):
    """The minimal site with an article of every kind of picture and her portrait, built."""
    content = content_with(work)
    images = content / "images"
    phone_photo(images / "phone.jpg")
    see_through_png(images / "clear.png")
    cmyk_jpeg(images / "cmyk.jpg")
    heic(images / "rocket.heic")
    (images / "drawing.svg").write_text(SAFE_SVG, encoding="utf-8")
    photo("coffee.png").save(images / "unused.jpg")
    photo("astronaut.png").save(images / "portrait.jpg", quality=90)
    article(content, "with-pictures", BODY)
    about = content / "pages" / "about.md"
    about.write_text(about.read_text().replace("Slug: about\n", "Slug: about\nTemplate: about\n"))
    output = work / "output"
    return content, output, build(content, output, siteurl)
