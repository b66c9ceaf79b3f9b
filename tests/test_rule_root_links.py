"""A link written as /about/ is refused with the {filename} link, before a publish in a folder."""

import pytest

from plugins.runner import BuildFailed, build
from tests.conftest import ROOT, invoke
from tests.picture_helpers import SAFE_SVG

FOLDER_SITEURL = "https://you.github.io/psych-site"


def with_links(content, body):
    (content / "articles" / "links.md").write_text(
        f"Title: Links\nDate: 2026-01-20\nSummary: Links of every kind.\n\n{body}\n",
        encoding="utf-8",
    )


def checked(content):
    result = invoke("check", "--content", str(content))
    return result.returncode, result.stdout + result.stderr


def test_links_to_a_page_a_picture_and_a_list_get_the_link_that_keeps_working(minimal_content):
    with_links(
        minimal_content,
        "[About me](/about/#training), [the square](/images/square.png), "
        "[first steps](/articles/first-steps/).\n\n[Topics](/categories/)",
    )
    code, said = checked(minimal_content)
    assert code != 0
    assert "Write it as {filename}../pages/about.md#training, which keeps working" in said
    # A photo is published only where a post shows it: the link becomes a picture.
    assert "Show it instead: ![what the picture shows]({static}/images/square.png)" in said
    assert "Write it as {filename}first-steps.md" in said
    assert "content/articles/links.md, line 7 (link)" in said
    assert "Write the site's whole address, as https://www.example.org/categories/" in said


def test_a_publish_in_a_folder_says_where_the_link_would_lead(minimal_content, tmp_path):
    with_links(minimal_content, "[About me](/about/)")
    with pytest.MonkeyPatch.context() as patch, pytest.raises(BuildFailed) as refused:
        patch.setenv("SITEURL", FOLDER_SITEURL)
        overrides = {"PATH": str(minimal_content), "OUTPUT_PATH": str(tmp_path / "output")}
        build(ROOT / "publishconf.py", {**overrides, "CACHE_PATH": str(tmp_path / "cache")})
    said = str(refused.value)
    assert "published in a folder, https://you.github.io/psych-site/, so the link /about/" in said
    assert "lead out of it, to https://you.github.io/about/" in said


def test_a_drawing_shown_from_the_top_of_the_site_gets_its_static_link(minimal_content):
    (minimal_content / "images" / "chart.svg").write_text(SAFE_SVG, encoding="utf-8")
    with_links(minimal_content, "![A chart of sleep hours](/images/chart.svg)")
    code, said = checked(minimal_content)
    assert code != 0 and "content/articles/links.md, line 5 (image)" in said
    assert "The drawing /images/chart.svg is written as an address from the top" in said
    assert "Write it as {static}/images/chart.svg" in said


def test_links_written_with_filename_and_to_other_websites_pass(minimal_content):
    # A photo shown as /images/… is published with the site's whole address.
    with_links(
        minimal_content,
        "[About me]({filename}../pages/about.md), [NIMH](https://nimh.gov/)\n\n"
        "![A grey square](/images/square.png)",
    )
    code, said = checked(minimal_content)
    assert code == 0, said
