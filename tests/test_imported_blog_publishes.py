"""Her old blog, from the exports real blogs make, imports and then passes the publish gate.

Each export is one nobody on this team wrote: Pelican's own test exports and the feeds Pelican
built (shipped in its wheel, pinned in requirements.lock), WordPress's theme unit test data
and block test data (when fetched), and a Squarespace export. Each is imported offline, as
`invoke import-posts … --no-download` does, into a copy of the project, and then published
with `invoke publish --target check`: the real build, every site check, and nginx answering
each old address with its 301. A picture the import could not bring is a suggestion, so she
can publish her blog at once and add the pictures later.
"""

import importlib.resources
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pelican.settings import read_settings

from importer import import_posts
from tests.conftest import FIXTURES, ROOT, invoke
from tests.test_publish_gate import SITEURL, project_copy

PELICAN_TESTS = importlib.resources.files("pelican") / "tests"
PELICAN_WORDPRESS = PELICAN_TESTS / "content" / "wordpressexport.xml"
PELICAN_BLOGGER = PELICAN_TESTS / "content" / "bloggerexport.xml"
PELICAN_FEEDS = PELICAN_TESTS / "output" / "custom" / "feeds"
THEME_TEST_DATA = Path("/work/.mirror/WordPress+theme-test-data/repo")


def imported_project(folder, *exports):
    """A copy of the project with each export imported in turn, as she runs the import."""
    folder.mkdir(exist_ok=True)
    project = project_copy(folder)
    for export in exports:
        copy = folder / Path(str(export)).name
        copy.write_bytes(export.read_bytes())
        imported = invoke("import-posts", str(copy), "--no-download", cwd=project)
        assert imported.returncode == 0, imported.stdout + imported.stderr
        # Nothing for her to puzzle over: no library's warning on the way.
        assert "Warning" not in imported.stderr, imported.stderr
    return project


def assert_publishes(project):
    """`invoke check` finds nothing she must fix, and the publish gate passes, nginx included."""
    checked = invoke("check", cwd=project)
    assert checked.returncode == 0 and "✗" not in checked.stdout, checked.stdout
    published = invoke("publish", "--target", "check", "--siteurl", SITEURL, cwd=project)
    assert published.returncode == 0, published.stdout + published.stderr
    assert "Every check passed" in published.stdout
    return published


def old_addresses(project):
    text = (project / "content" / "redirects.txt").read_text(encoding="utf-8")
    return [line.split()[0] for line in text.splitlines() if line and not line.startswith("#")]


def published_pages(project):
    """The imported posts that are published here: each has its page in the built site."""
    found = []
    for folder in ("articles", "pages"):
        for post in (project / "content" / folder).glob("*.md"):
            text = post.read_text(encoding="utf-8")
            if "Status: draft" not in text:
                found.append(post.stem)
    return found


def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


def test_posts_an_edited_export_gives_the_same_number_each_come_over(tmp_path):
    # Pelican's test export repeats post ids 175, 176 and 334, as a hand-edited or merged
    # export can: each post still gets its own file, and none is called one she deleted.
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    export = tmp_path / "wordpressexport.xml"
    export.write_bytes(PELICAN_WORDPRESS.read_bytes())

    report = import_posts(export, settings(), content, download=False, log=lambda _: None)

    assert "Posts: 11 articles and 2 pages written." in report
    assert "you deleted it" not in report
    for slug in ("code-in-list-test", "html-entity-test", "caption-on-image", "complete-draft"):
        assert (content / "articles" / f"{slug}.md").is_file(), report
    assert (content / "pages" / "empty.md").is_file() and (
        content / "pages" / "contact.md"
    ).is_file()


def test_a_blogger_export_brings_its_posts_and_pages_not_its_settings_or_comments(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    export = tmp_path / "bloggerexport.xml"
    export.write_bytes(PELICAN_BLOGGER.read_bytes())

    report = import_posts(export, settings(), content, download=False, log=lambda _: None)

    assert "Blogger export of http://youngdoctornotes.blogspot.com/" in report
    assert "Posts: 2 articles and 2 pages written." in report
    assert "Not imported: 59 Blogger settings and templates." in report
    assert "Comments: 1 not imported." in report
    # A post that was a draft on Blogger stays a draft, and gets no old address.
    draft = (content / "articles" / "black-as-egypts-night.md").read_text(encoding="utf-8")
    assert "Status: draft" in draft and "Tags: Interesting cases, amputations" in draft
    assert "kind#post" not in draft
    redirects = (content / "redirects.txt").read_text(encoding="utf-8")
    assert "/2010/11/the-steel-windpipe.html   articles/the-steel-windpipe.md" in redirects
    assert "black-as-egypts-night" not in redirects


@pytest.mark.slow
def test_a_wordpress_blog_from_its_export_publishes(tmp_path):
    project = imported_project(tmp_path, PELICAN_WORDPRESS)
    assert_publishes(project)
    staging = project / "staging"
    assert (staging / "articles" / "with-comments" / "index.html").is_file()
    assert (staging / "articles" / "caption-on-image" / "index.html").is_file()
    # Drafts stay off the public site.
    assert not (staging / "articles" / "complete-draft").exists()
    assert "/?p=422" in old_addresses(project)


@pytest.mark.slow
def test_a_blog_from_its_rss_and_then_its_atom_feed_publishes(tmp_path):
    project = imported_project(
        tmp_path, PELICAN_FEEDS / "all.rss.xml", PELICAN_FEEDS / "all.atom.xml"
    )
    assert_publishes(project)
    staging = project / "staging"
    assert len(old_addresses(project)) == 12
    assert (staging / "articles" / "oh-yeah" / "index.html").is_file()
    assert (staging / "articles" / "this-is-a-super-article" / "index.html").is_file()


@pytest.mark.slow
def test_a_squarespace_blog_publishes(tmp_path):
    project = imported_project(tmp_path, FIXTURES / "import" / "squarespace.xml")
    assert_publishes(project)
    assert (project / "staging" / "articles" / "grounding-in-five-senses" / "index.html").is_file()


@pytest.mark.slow
def test_a_blogger_blog_publishes(tmp_path):
    project = imported_project(tmp_path, PELICAN_BLOGGER)
    assert_publishes(project)
    staging = project / "staging"
    assert (staging / "articles" / "the-steel-windpipe" / "index.html").is_file()
    assert (staging / "2010" / "11" / "the-steel-windpipe.html").is_file()


def theme_test_data(folder):
    exports = []
    for name in ("themeunittestdata.wordpress.xml", "64-block-test-data.xml"):
        shown = ["git", "-C", str(THEME_TEST_DATA), "show", f"HEAD:{name}"]
        export = folder / "exports" / name
        export.parent.mkdir(exist_ok=True)
        export.write_bytes(subprocess.run(shown, capture_output=True, check=True).stdout)
        exports.append(export)
    return exports


@pytest.mark.slow
@pytest.mark.skipif(
    not THEME_TEST_DATA.is_dir(),
    reason="WordPress's theme test data carries no licence, so it is not in this repository",
)
@pytest.mark.parametrize("which", [0, 1], ids=["theme unit test data", "block test data"])
def test_wordpress_theme_and_block_test_data_publish(tmp_path, which):
    export = theme_test_data(tmp_path)[which]
    project = imported_project(tmp_path / "site", export)
    assert_publishes(project)
    assert old_addresses(project)


def test_a_wordpress_com_export_still_zipped_says_to_open_it_first(tmp_path):
    zipped = tmp_path / "psychsite.wordpress.com-2026-12-07.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("psychsite.wordpress.2026-12-07.000.xml", PELICAN_WORDPRESS.read_bytes())
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)

    result = invoke("import-posts", str(zipped), "--content", str(content))

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is a zip file, with the export inside it. Open it (double-click)" in result.stderr
    assert "not well-formed XML" not in result.stderr


def test_a_feed_that_lists_a_post_twice_brings_it_over_once(tmp_path):
    feed = (PELICAN_FEEDS / "all.rss.xml").read_text(encoding="utf-8")
    first = feed[feed.index("<item>") : feed.index("</item>") + len("</item>")]
    twice = tmp_path / "all.rss.xml"
    twice.write_text(feed.replace(first, first + first, 1), encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    before = len(list(content.glob("articles/*.md")))

    report = import_posts(twice, settings(), content, download=False, log=lambda _: None)

    assert "Posts: 12 articles and 0 pages written." in report
    assert "you deleted it" not in report
    assert len(list(content.glob("articles/*.md"))) == before + 12
