"""The public build: absolute addresses, a feed, a sitemap, robots.txt and canonical links."""

import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from plugins.runner import BuildFailed, build
from tests.conftest import KAP_ARTICLE, ROOT, read_page

SITEURL = "https://www.example.org"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("public")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", SITEURL)
        build(
            ROOT / "publishconf.py",
            {"OUTPUT_PATH": str(folder / "output"), "CACHE_PATH": str(folder / "cache")},
        )
    return folder / "output"


def test_every_public_page_names_its_canonical_address(public_site):
    for page in public_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        canonical = read_page(public_site, page.relative_to(public_site)).find(
            "link", rel="canonical"
        )
        expected = f"{SITEURL}/{page.relative_to(public_site).as_posix()}".replace("index.html", "")
        assert canonical["href"] == expected


def test_public_pages_link_with_absolute_addresses(public_site):
    soup = read_page(public_site, KAP_ARTICLE)
    assert soup.select_one(".ps-byline a")["href"] == f"{SITEURL}/about/"
    assert soup.find("link", rel="stylesheet")["href"].startswith(f"{SITEURL}/theme/")


def test_the_atom_feed_lists_the_article_with_absolute_links(public_site):
    feed = ElementTree.parse(public_site / "feeds" / "all.atom.xml").getroot()
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    links = [link.get("href") for link in feed.findall("atom:entry/atom:link", namespace)]
    assert f"{SITEURL}/{KAP_ARTICLE}".replace("index.html", "") in links


def test_the_sitemap_lists_public_pages_but_not_drafts_or_the_404_page(public_site):
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITEURL}/articles/ketamine-assisted-psychotherapy-for-anxiety/" in sitemap
    assert f"{SITEURL}/about/" in sitemap
    assert "404.html" not in sitemap and "/drafts/" not in sitemap


def test_robots_txt_points_search_engines_at_the_sitemap(public_site):
    robots = (public_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def test_building_for_the_public_without_siteurl_stops_with_a_clear_message():
    result = subprocess.run(
        [sys.executable, "-c", "from plugins.runner import build; build('publishconf.py')"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "SITEURL is not set" in result.stderr
    assert "SITEURL=https://" in result.stderr


def test_a_draft_never_reaches_the_public_site(minimal_content, tmp_path, monkeypatch):
    (minimal_content / "articles" / "unfinished.md").write_text(
        "Title: Unfinished thoughts\nDate: 2026-02-01\nSummary: Not ready.\nStatus: draft\n\n"
        "A claim she has not checked yet: zanzibarquokka.\n",
        encoding="utf-8",
    )
    (minimal_content / "pages" / "unfinished-page.md").write_text(
        "Title: Unfinished page\nSummary: Not ready.\nStatus: draft\n\nzanzibarquokka\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SITEURL", SITEURL)
    output = tmp_path / "output"
    overrides = {"PATH": str(minimal_content), "OUTPUT_PATH": str(output)}
    build(ROOT / "publishconf.py", {**overrides, "CACHE_PATH": str(tmp_path / "cache")})
    assert (output / "articles" / "first-steps" / "index.html").exists()
    assert not (output / "drafts").exists()
    assert not any(b"zanzibarquokka" in path.read_bytes() for path in output.rglob("*.*"))


def test_a_link_to_a_draft_is_advice_in_the_preview_and_stops_the_public_build(
    minimal_content, tmp_path, monkeypatch
):
    (minimal_content / "articles" / "unfinished.md").write_text(
        "Title: Unfinished thoughts\nDate: 2026-02-01\nSummary: Not ready.\nStatus: draft\n\n"
        "Not ready yet.\n",
        encoding="utf-8",
    )
    linking = minimal_content / "articles" / "first-steps.md"
    linking.write_text(
        linking.read_text("utf-8") + "\nMore soon in [my next note]({filename}unfinished.md).\n",
        "utf-8",
    )
    line = len(linking.read_text("utf-8").splitlines())  # the link is the last line
    overrides = {"PATH": str(minimal_content), "CACHE_PATH": str(tmp_path / "cache")}

    warnings = build(ROOT / "pelicanconf.py", {**overrides, "OUTPUT_PATH": str(tmp_path / "local")})
    advice = [w for w in warnings if "still a draft" in w.what]
    assert [(w.file, w.line) for w in advice] == [("content/articles/first-steps.md", line)]
    assert "content/articles/unfinished.md" in advice[0].what

    monkeypatch.setenv("SITEURL", SITEURL)
    with pytest.raises(BuildFailed) as failure:
        build(ROOT / "publishconf.py", {**overrides, "OUTPUT_PATH": str(tmp_path / "public")})
    message = str(failure.value)
    assert f"content/articles/first-steps.md, line {line} (link)" in message
    assert (
        'content/articles/unfinished.md ("Unfinished thoughts"), which is still a draft' in message
    )
    assert "change its Status: draft to Status: published" in message
