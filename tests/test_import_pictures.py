"""The pictures an import places: pictures by their content, from inside --media only, each noted
where it is missing, and Squarespace's image blocks taken once with their description."""

import io
import re
import shutil

from pelican.settings import read_settings
from PIL import Image

from importer import import_posts
from tests.conftest import FIXTURES, ROOT, build, invoke, read_page
from tests.test_import_untrusted import EXPORT  # one post of a WordPress export

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
SQUARESPACE = FIXTURES / "import" / "squarespace.xml"
UPLOADS = "https://old.example.org/wp-content/uploads/2019/05/"


def picture(kind, rgb):
    data = io.BytesIO()
    Image.new("RGB", (8, 6), rgb).save(data, kind)
    return data.getvalue()


def site(folder, body=None):
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    media = folder / "media"
    media.mkdir()
    export = folder / "export.xml"
    if body is not None:
        export.write_text(EXPORT.format(body=body, password=""), encoding="utf-8")
    return content, media, export


def run(export, content, media=None):
    return import_posts(export, SETTINGS, content, media, download=False, log=lambda _: None)


def placed(content):
    """The pictures the import placed: those the smallest site did not have."""
    had = {p.name for p in (FIXTURES / "minimal" / "images").glob("*")}
    return sorted(p.name for p in (content / "images").glob("*") if p.name not in had)


def test_files_that_are_not_pictures_are_never_placed_whatever_their_name(tmp_path):
    names = ["tool.html", "helper.js", "fake.jpg", "drawing.svg", "unsafe.svg", "photo.jpg"]
    body = "".join(f'<p><img src="{UPLOADS}{name}" alt="Picture {name}"></p>' for name in names)
    body += f'<p><a href="{UPLOADS}tool.html">the tool</a></p>'
    content, media, export = site(tmp_path, body)
    (media / "tool.html").write_text("<script>alert(document.cookie)</script>", "utf-8")
    (media / "helper.js").write_text("fetch('/admin')", "utf-8")
    (media / "fake.jpg").write_text("<html><script>alert(1)</script></html>", "utf-8")
    (media / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" '
        'height="4"/></svg>',
        "utf-8",
    )
    (media / "unsafe.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "utf-8"
    )
    (media / "photo.jpg").write_bytes(picture("PNG", (10, 200, 90)))  # a PNG, named .jpg
    report = run(export, content, media)
    assert placed(content) == ["drawing.svg", "photo.png"], (
        "content/images: only files whose content is a picture may be placed; tool.html, "
        "helper.js and an HTML page named fake.jpg are not pictures"
    )
    post = (content / "articles" / "a-post.md").read_text(encoding="utf-8")
    assert "![Picture photo.jpg]({static}/images/photo.png)" in post
    for name in ("tool.html", "helper.js", "fake.jpg"):
        assert f"{UPLOADS}{name}" in report
        assert (
            f"not found: {UPLOADS}{name}, which was not taken: {name} in --media is not a " in post
        )
    assert "unsafe.svg in --media is a drawing (SVG) the site would refuse: it contains a" in post


def test_a_link_in_the_media_folder_that_leads_out_of_it_is_not_followed(tmp_path):
    content, media, export = site(
        tmp_path,
        "".join(
            f'<p><img src="{UPLOADS}{name}" alt="{name}"></p>'
            for name in ("secret.png", "elsewhere.png", "inside.png")
        )
        + '<p><img src="https://old.example.org/wp-content/uploads/../../outside.png" alt="o"></p>',
    )
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(picture("PNG", (1, 2, 3)))
    (outside / "elsewhere.png").write_bytes(picture("PNG", (4, 5, 6)))
    (tmp_path / "outside.png").write_bytes(picture("PNG", (7, 8, 9)))
    (media / "secret.png").symlink_to(outside / "secret.png")  # found by its name
    (media / "linked").symlink_to(outside, target_is_directory=True)  # a folder elsewhere
    (media / "2019" / "05").mkdir(parents=True)
    (media / "2019" / "05" / "inside.png").write_bytes(picture("PNG", (200, 0, 0)))
    report = run(export, content, media)
    assert placed(content) == ["inside.png"], (
        "--media: a link inside the folder led the import to files outside it; only files "
        "that are really in the folder may be read"
    )
    assert f"{UPLOADS}secret.png" in report and f"{UPLOADS}elsewhere.png" in report


def test_a_missing_picture_shown_twice_with_a_caption_is_noted_at_each_place(tmp_path):
    block = (
        '<!-- wp:image {{"id":5}} --><figure class="wp-block-image size-large">'
        '<img src="{src}" alt="" class="wp-image-5"/><figcaption>{caption}</figcaption>'
        "</figure><!-- /wp:image -->\n\n<!-- wp:paragraph --><p>Between.</p><!-- /wp:paragraph -->"
    )
    body = "\n\n".join(
        block.format(src=f"{UPLOADS}gone.jpg", caption=caption)
        for caption in ("The lake at dawn", "The lake again, at dusk")
    )
    content, media, export = site(tmp_path, body)
    run(export, content, media)
    post = (content / "articles" / "a-post.md").read_text(encoding="utf-8")
    notes = re.findall(r"^\[Import note\]: # .*gone\.jpg.*$", post, re.M)
    assert len(notes) == 2, (
        "articles/a-post.md shows gone.jpg twice; each place needs a note saying the picture "
        f"is missing, found {len(notes)}"
    )
    assert "again" in notes[1]
    # Each note is beside its own caption.
    body = post.split("\n\n", 1)[1]
    assert body.index(notes[0]) < body.index("The lake at dawn") < body.index(notes[1])
    checked = invoke("check", "--all", "--content", str(content))
    assert checked.returncode == 0, checked.stdout


def test_a_squarespace_image_block_comes_over_once_with_its_description(tmp_path):
    content, media, _ = site(tmp_path)
    (media / "pebbles.jpg").write_bytes(picture("JPEG", (120, 110, 100)))
    (media / "image-asset.jpeg").write_bytes(picture("JPEG", (20, 60, 90)))
    report = run(SQUARESPACE, content, media)
    post = (content / "articles" / "grounding-in-five-senses.md").read_text(encoding="utf-8")
    assert "<img" not in post and "&lt;img" not in post, (
        "articles/grounding-in-five-senses.md: Squarespace's <noscript> copy of a picture came "
        "over as raw HTML; the picture must be taken once, as Markdown"
    )
    assert post.count("{static}/images/pebbles.jpg") == 1
    assert "![Smooth pebbles in an open hand]({static}/images/pebbles.jpg)" in post
    # Squarespace's alt text "image-asset.jpeg" is a file name, not a description.
    assert "image-asset.jpeg]" not in post
    assert "Describe the image above" in post
    assert "Pictures: 2 pictures placed" in report
    built = build(content, tmp_path / "output")
    assert built.returncode == 0, built.stdout + built.stderr
    page = read_page(tmp_path / "output", "articles/grounding-in-five-senses/index.html")
    figure = page.find("figure")
    assert figure.find("img")["alt"] == "Smooth pebbles in an open hand"
    assert "first of the five senses" in figure.find("figcaption").get_text()


def test_a_squarespace_picture_that_is_not_there_is_noted_with_its_address(tmp_path):
    content, media, _ = site(tmp_path)
    run(SQUARESPACE, content, media)
    post = (content / "articles" / "grounding-in-five-senses.md").read_text(encoding="utf-8")
    assert "None" not in post
    assert re.search(
        r"^\[Import note\]: # \"An image of the old post was not found: "
        r"https://images\.squarespace-cdn\.com/\S+/pebbles\.jpg \(described as 'Smooth pebbles",
        post,
        re.M,
    ), post
    built = build(content, tmp_path / "output")
    assert built.returncode == 0, (
        "a Squarespace export whose pictures are not there yet must still build: "
        + built.stdout
        + built.stderr
    )
