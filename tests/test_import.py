"""`invoke import-posts`: an old blog comes over whole, safe, and never more public than it was."""

import functools
import http.server
import ipaddress
import re
import shutil
import struct
import threading
import zlib

import pytest
from pelican.settings import read_settings

from importer import MANIFEST, ImportStopped, import_posts
from importer.convert import sanitize
from tests.conftest import FIXTURES, ROOT, build, invoke, read_page

EXPORT = FIXTURES / "import" / "wordpress.xml"
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


def png(rgb):
    """A small PNG of one colour: a picture whose bytes no other file in the content has."""
    rows = b"".join(b"\x00" + bytes(rgb) * 4 for _ in range(4))

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


def is_loopback(address):
    return ipaddress.ip_address(address).is_loopback


def fresh_site(folder):
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    media = folder / "uploads"
    (media / "2019" / "05").mkdir(parents=True)
    (media / "2019" / "05" / "lake.png").write_bytes(png((40, 90, 140)))
    return content, media


def run_import(content, media=None, source=EXPORT, **options):
    return import_posts(
        source, SETTINGS, content, media, download=False, log=lambda _: None, **options
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The test export imported with `invoke import-posts` into the smallest site, then built."""
    folder = tmp_path_factory.mktemp("imported")
    content, media = fresh_site(folder)
    result = invoke(
        "import-posts", str(EXPORT), "--media", str(media), "--no-download",
        "--content", str(content),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    built = build(content, folder / "output")
    assert built.returncode == 0, built.stdout + built.stderr
    return content, folder / "output", result.stdout, built.stdout


def text_of(content, relative):
    return (content / relative).read_text(encoding="utf-8")


def test_the_imported_blog_builds_with_suggestions_only(imported):
    content, _, _, built = imported
    checked = invoke("check", "--all", "--content", str(content))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "✗" not in checked.stdout
    assert "(import)" in checked.stdout and "gone.jpg" in checked.stdout


def test_published_posts_are_published_and_the_rest_are_drafts_listed_with_why(imported):
    content, output, report, _ = imported
    assert (output / "articles" / "coping-with-worry" / "index.html").is_file()
    for slug, why in [
        ("an-unfinished-draft", "a draft"),
        ("waiting-for-review", "pending"),
        ("private-thoughts", "private"),
        ("coming-next-year", "future"),
        ("for-clients-only", "password"),
    ]:
        assert "Status: draft" in text_of(content, f"articles/{slug}.md"), slug
        assert re.search(rf"articles/{slug}\.md: .*{why}", report), slug
        assert not (output / "articles" / slug).exists(), slug


def test_a_published_build_shows_none_of_the_drafts(imported, tmp_path):
    # Published posts link to drafts in the export: the public build refuses such links.
    content = imported[0]
    published = tmp_path / "published"
    result = invoke(
        "publish", "--target", "check", "--siteurl", "https://www.example.org",
        "--content", str(content), "--output", str(published),
    )  # fmt: skip
    text = " ".join(p.read_text(encoding="utf-8") for p in published.rglob("*.html"))
    for private in ("Not ready", "Pending text", "Only for me", "Password text", "Scheduled."):
        assert private not in text
    assert "for-clients-only" not in text
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_bin_menus_and_comments_are_left_out_and_the_report_says_so(imported):
    content, _, report, _ = imported
    assert "Comments: 1 not imported" in report and "personal details" in report
    assert "Not imported: 1 article in the bin." in report
    assert "Not imported: 1 menu entry." in report
    everything = " ".join(p.read_text(encoding="utf-8") for p in content.rglob("*.md"))
    assert "Thank you, this helped" not in everything and "reader@example.net" not in everything
    assert "Binned" not in everything


def test_no_script_event_handler_javascript_address_or_style_reaches_the_page(imported):
    content, output, _, _ = imported
    markdown = text_of(content, "articles/coping-with-worry.md")
    page = (output / "articles" / "coping-with-worry" / "index.html").read_text(encoding="utf-8")
    for unsafe in ("steal()", "javascript:", "color:red", "old tracker", "widgets.js", "<iframe"):
        assert unsafe not in markdown and unsafe not in page
    assert "Click here." in markdown


def test_the_sanitizer_keeps_only_what_the_sites_allow_list_allows():
    cleaned = sanitize(
        '<p onclick="x()" style="color:red" class="lead">Hi <a href="javascript:alert(1)">a</a>'
        '<a href="data:text/html,x">b</a><img src="x.png" srcset="y.png 2x" alt="d">'
        "<svg><script>alert(1)</script></svg><abbr title='t'>T</abbr></p>"
    )
    kept = '<p class="lead">Hi <a>a</a><a>b</a><img src="x.png" alt="d"><abbr title="t">T</abbr>'
    assert cleaned == kept + "</p>"


def test_front_matter_is_what_the_sites_checks_want(imported):
    content = imported[0]
    post = text_of(content, "articles/coping-with-worry.md")
    # 16:30 GMT is 09:30 in Los Angeles in May.
    assert "\nDate: 2019-05-06 09:30\n" in post
    assert "\nCategory: Anxiety\n" in post  # "Uncategorized" is not a category
    assert "\nTags: Stress, Worry, breathing\n" in post  # "worry" merged into "Worry"
    assert "\nSlug: coping-with-worry\n" in post
    summary = re.search(r"^Summary: (.*)$", post, re.M).group(1)
    assert summary.startswith("Worry is the mind") and len(summary) <= 200
    assert "Summary: Why worry keeps you awake" in text_of(content, "articles/sleep-and-worry.md")
    assert "Slug: lanxiete" in text_of(content, "articles/lanxiete.md")
    untitled = text_of(content, "articles/13.md")
    assert "Title: Untitled post of 12 August 2019" in untitled
    assert "no title on the old blog" in untitled


def test_a_page_keeps_its_place_under_its_parent_in_its_address(imported):
    content, output, _, _ = imported
    assert "Slug: services-fees" in text_of(content, "pages/services-fees.md")
    assert (output / "services-fees" / "index.html").is_file()


def test_a_caption_becomes_a_figure_with_its_caption(imported):
    output = imported[1]
    page = read_page(output, "articles/coping-with-worry/index.html")
    figure = page.find("figure")
    assert figure.find("img")["alt"] == "A calm lake at dawn"
    assert figure.find("figcaption").get_text() == "The lake near the office at dawn"


def test_the_original_of_a_resized_picture_is_placed_in_the_content(imported):
    content, output, _, _ = imported
    assert (content / "images" / "lake.png").read_bytes() == png((40, 90, 140))
    assert not list((content / "images").glob("lake-*"))
    post = text_of(content, "articles/coping-with-worry.md")
    assert "![A calm lake at dawn]({static}/images/lake.png)" in post
    # The gallery showed another size of the same picture: the same file serves both.
    assert "({static}/images/lake.png)" in text_of(content, "articles/sleep-and-worry.md")


def test_a_missing_picture_is_listed_and_nothing_is_left_remote(imported):
    content, output, report, _ = imported
    assert "https://old.example.org/wp-content/uploads/2019/05/gone.jpg" in report
    for page in output.rglob("*.html"):
        for source in re.findall(r'src="([^"]+)"', page.read_text(encoding="utf-8")):
            assert "old.example.org" not in source, page


def test_embedded_videos_and_posts_become_links_with_their_title(imported):
    output = imported[1]
    page = read_page(output, "articles/coping-with-worry/index.html")
    links = {a.get_text().replace("\xa0", " "): a["href"] for a in page.find_all("a")}
    assert links["Box breathing, step by step (on YouTube)"] == (
        "https://www.youtube.com/watch?v=abc123XYZ"
    )
    assert links["Watch the video on YouTube"] == "https://www.youtube.com/watch?v=def456"
    assert links["Breathing slowly calms the body. (on X)"] == (
        "https://twitter.com/aclinic/status/123456"
    )
    sleep = read_page(output, "articles/sleep-and-worry/index.html")
    assert "A bedtime routine (on Instagram)" in sleep.get_text().replace("\xa0", " ")


def test_links_between_old_posts_lead_to_the_imported_posts(imported):
    content, output, _, _ = imported
    assert "({filename}/articles/sleep-and-worry.md)" in text_of(
        content, "articles/coping-with-worry.md"
    )
    page = read_page(output, "articles/coping-with-worry/index.html")
    assert page.find("a", string="the post on sleep")["href"] == "/articles/sleep-and-worry/"
    assert page.find("a", string="this study")["href"] == "https://example.com/research"


def test_a_link_to_a_post_that_is_a_draft_here_becomes_its_words_and_a_note(imported):
    content, output, report, _ = imported
    post = text_of(content, "articles/sleep-and-worry.md")
    assert "\nClients have a sleep diary; there is more in [an older post](" in post
    assert "{filename}/articles/for-clients-only.md" not in post
    note = re.search(r'^\[Import note\]: # "The words \'a sleep diary\'(.*)"$', post, re.M)
    assert note and "'For clients only' (articles/for-clients-only.md)" in note.group(1)
    assert "once that post is published" in note.group(1)
    assert "1 link from published posts to drafts" in report


def test_a_link_to_an_old_address_that_was_not_exported_stays_with_a_note(imported):
    content, _, report, _ = imported
    post = text_of(content, "articles/sleep-and-worry.md")
    old = "https://old.example.org/2018/03/an-older-post/"
    assert f"[an older post]({old})" in post
    note = rf'^\[Import note\]: # "The words \'an older post\' link to {old} on the old blog'
    assert re.search(note, post, re.M)
    assert "1 link to the old blog's addresses that were not in the export" in report


def test_structure_comes_over_lists_tables_definitions_code_and_references(imported):
    output = imported[1]
    prose = read_page(output, "articles/coping-with-worry/index.html").find(class_="ps-prose")
    assert [h.name for h in prose.find_all(["h1", "h2", "h3", "h4"])][:2] == ["h2", "h3"]
    nested = prose.find("ul").find("ul").find("li")
    assert nested.get_text().replace("\xa0", " ") == "One and a half"
    assert [th.get_text() for th in prose.find("table").find_all("th")] == ["Time", "What to do"]
    assert prose.find("dt").get_text() == "Worry"
    assert "breathe in\nbreathe out" in prose.find("pre").get_text()
    assert "1986. A year to remember." in prose.get_text().replace("\xa0", " ")  # not a list
    sleep = read_page(output, "articles/sleep-and-worry/index.html")
    reference = sleep.find(class_="references").find("li")
    assert "Smith J. Worry and sleep." in reference.get_text()
    assert reference.find("a", href="https://doi.org/10.1000/182") is not None


def test_old_addresses_are_recorded_beside_the_new_files(imported):
    content = imported[0]
    recorded = text_of(content, "redirects.txt")
    assert re.search(
        r"^/2019/05/coping-with-worry/\s+articles/coping-with-worry\.md$", recorded, re.M
    )
    assert re.search(r"^/\?p=10\s+articles/coping-with-worry\.md$", recorded, re.M)
    assert re.search(r"^/services/fees/\s+pages/services-fees\.md$", recorded, re.M)
    assert "private-thoughts" not in recorded  # it never had a public address
    assert not re.search(r"^/services/\s", recorded, re.M)  # the same address as before


def test_a_second_import_writes_nothing_and_keeps_her_changes(tmp_path):
    content, media = fresh_site(tmp_path)
    run_import(content, media)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    edited = content / "articles" / "coping-with-worry.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMy own words.\n", encoding="utf-8")
    deleted = content / "articles" / "lanxiete.md"
    deleted.unlink()
    report = run_import(content, media)
    assert "coping-with-worry.md: you have changed it since it was imported" in report
    assert "lanxiete.md: you deleted it after the last import" in report
    assert "Posts: 0 articles and 0 pages written." in report
    assert "Pictures: 0 pictures placed in content/images; 1 picture already there." in report
    assert edited.read_text(encoding="utf-8").endswith("My own words.\n")
    assert not deleted.exists()
    after = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    changed = {p for p in after if before.get(p) != after[p]}
    assert changed == {edited}


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(tmp_path):
    content, media = fresh_site(tmp_path)
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    report = run_import(content, media, dry_run=True)
    assert report.startswith("Dry run: nothing was written.")
    assert "Posts: 9 articles and 2 pages would be written" in report
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before
    assert not (content / MANIFEST).exists()


def test_a_dry_run_foresees_the_report_of_the_import_line_for_line(tmp_path):
    content, media = fresh_site(tmp_path)
    foreseen = run_import(content, media, dry_run=True)
    report = run_import(content, media)
    # The Services page answers its old address itself, written or not yet.
    assert "Old addresses: 13 would be recorded" in foreseen
    assert foreseen.replace("would be ", "").splitlines()[1:-1] == report.splitlines()[1:-1]


def test_a_picture_is_downloaded_when_the_old_site_answers(tmp_path):
    content, _ = fresh_site(tmp_path)
    served = tmp_path / "old-site" / "wp-content" / "uploads" / "2019" / "05"
    served.mkdir(parents=True)
    (served / "walk.png").write_bytes(png((200, 120, 30)))
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "old-site")
    )
    handler.log_message = lambda *args: None
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        address = f"http://127.0.0.1:{server.server_address[1]}"
        export = tmp_path / "export.xml"
        export.write_text(
            EXPORT.read_text(encoding="utf-8").replace(
                "https://old.example.org/wp-content/uploads/2019/05/gone.jpg",
                f"{address}/wp-content/uploads/2019/05/walk-150x150.png",
            ),
            encoding="utf-8",
        )
        # Tests can reach only this computer, which an import never contacts by itself.
        report = import_posts(
            export, SETTINGS, content, log=lambda _: None, first_hop_allowed=is_loopback
        )
        server.shutdown()
    assert (content / "images" / "walk.png").read_bytes() == png((200, 120, 30))
    assert "![A photo that was lost]({static}/images/walk.png)" in text_of(
        content, "articles/coping-with-worry.md"
    )
    assert "downloaded" in report


def test_a_bare_ampersand_in_a_squarespace_export_is_mended(imported):
    report = imported[2]
    assert "bare &" in report
    assert "Title: Sleep & worry" in text_of(imported[0], "articles/sleep-and-worry.md")


def test_an_export_that_cannot_be_read_stops_with_its_line_and_a_fix(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(EXPORT.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    content, _ = fresh_site(tmp_path)
    with pytest.raises(
        ImportStopped, match=r"(?s)line \d+, column \d+.*Export it again"
    ) as stopped:
        run_import(content, source=broken)
    assert "text editor" in str(stopped.value)
    result = invoke("import-posts", str(broken), "--content", str(content))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not well-formed XML" in result.stderr


@pytest.mark.parametrize("feed", ["feed.rss", "feed.atom"])
def test_a_feed_comes_over_as_published_posts(tmp_path, feed):
    content, _ = fresh_site(tmp_path)
    report = run_import(content, source=FIXTURES / "import" / feed)
    assert "Posts: 2 articles and 0 pages written." in report
    post = text_of(content, "articles/box-breathing.md")
    assert "Date: 2024-03-01 04:00" in post  # 12:00 UTC, in Los Angeles
    assert "Status: published" in post
    assert "[the first post]({filename}/articles/a-first-post.md)" in post
    assert "Tags: breathing" in post
    assert "/2024/03/box-breathing/" in text_of(content, "redirects.txt")
    checked = invoke("check", "--all", "--content", str(content))
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("first, second", [("feed.rss", "feed.atom"), ("feed.atom", "feed.rss")])
def test_the_same_blog_from_its_rss_and_then_its_atom_feed_comes_over_once(tmp_path, first, second):
    # The two feeds name each post differently (its address; a tag: id), as real ones do.
    content, _ = fresh_site(tmp_path)
    run_import(content, source=FIXTURES / "import" / first)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    foreseen = run_import(content, source=FIXTURES / "import" / second, dry_run=True)
    report = run_import(content, source=FIXTURES / "import" / second)
    assert not list(content.glob("articles/*-2.md")), (
        f"{second} after {first}: the same posts came over twice; a post already imported "
        "from another export of the blog (same old address, or same title on the same day) "
        "must be skipped with a line in the report"
    )
    assert "Posts: 0 articles and 0 pages written." in report
    assert "Already imported from another export of the same blog" in report
    assert 'content/articles/box-breathing.md: "Box breathing"' in report
    assert foreseen.replace("would be ", "").splitlines()[1:-1] == report.splitlines()[1:-1]
    after = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert {p for p in after if before.get(p) != after[p]} <= {content / MANIFEST}


def test_a_post_already_imported_is_recognised_by_its_title_and_day(tmp_path):
    # A blog that moved to another address: its new feed has the same posts, on the same days.
    content, _ = fresh_site(tmp_path)
    run_import(content, source=FIXTURES / "import" / "feed.rss")
    moved = tmp_path / "moved.atom"
    moved.write_text(
        (FIXTURES / "import" / "feed.atom")
        .read_text(encoding="utf-8")
        .replace("blog.example.org", "calmnotes.example.net"),
        encoding="utf-8",
    )
    report = run_import(content, source=moved)
    assert "Posts: 0 articles and 0 pages written." in report
    assert not list(content.glob("articles/*-2.md"))


def test_another_blogs_post_with_the_same_slug_imports_beside_the_first(tmp_path):
    content, _ = fresh_site(tmp_path)
    run_import(content, source=FIXTURES / "import" / "feed.atom")
    first = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    other = tmp_path / "other.rss"
    other.write_text(
        (FIXTURES / "import" / "feed.rss")
        .read_text(encoding="utf-8")
        .replace("blog.example.org", "other.example.net")
        .replace("2024", "2023"),
        encoding="utf-8",
    )
    foreseen = run_import(content, source=other, dry_run=True)
    report = run_import(content, source=other)
    assert "Posts: 2 articles and 0 pages written." in report
    # The dry run foresaw exactly this.
    assert foreseen.replace("would be ", "").splitlines()[1:-1] == report.splitlines()[1:-1]
    assert "Slug: box-breathing-2" in text_of(content, "articles/box-breathing-2.md")
    redirects = content / "redirects.txt"
    assert redirects.read_bytes().startswith(first.pop(redirects))  # its addresses are added
    assert all(p.read_bytes() == data for p, data in first.items() if p.name != MANIFEST)
    again = run_import(content, source=other)
    assert "Posts: 0 articles and 0 pages written." in again
    assert not list(content.glob("articles/*-3.md"))


def test_an_import_that_cannot_finish_leaves_the_content_as_it_was(tmp_path):
    content, media = fresh_site(tmp_path)
    (content / "redirects.txt").mkdir()  # a file the import cannot write, once posts are
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    result = invoke(
        "import-posts", str(EXPORT), "--media", str(media), "--no-download",
        "--content", str(content),
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "nothing was imported" in result.stderr
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before
    (content / "redirects.txt").rmdir()
    report = run_import(content, media)
    assert "Posts: 9 articles and 2 pages written." in report
    assert not list(content.glob("articles/*-2.md"))


def test_the_help_of_the_import_names_its_options():
    result = invoke("import-posts", "--help")
    assert result.returncode == 0 and "There is no file" not in result.stderr, (
        "`invoke import-posts --help` read --help as the name of an export"
    )
    for option in ("--media", "--dry-run", "--no-download", "WordPress.com"):
        assert option in result.stdout


def test_the_writing_guide_says_where_wordpress_com_users_get_their_pictures():
    guide = (ROOT / "WRITING.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Bringing posts from another blog") :]
    section = section[: section.index("\n## ", 1)]
    assert "WordPress.com" in section and "Export media library" in section
    assert "--media" in section
