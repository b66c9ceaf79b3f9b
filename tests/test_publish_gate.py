"""The checks `invoke publish` runs over the built site before deploying it.

An imported blog's old addresses pass them, as the real server answers them, and when a
check fails the message says whose it is to fix: her writing, or the site's own code.
"""

import shutil

import pytest

from publishing import DeployRefused
from publishing.pipeline import _run_site_tests
from publishing.staging import MARKER
from tests.conftest import ROOT, invoke

SITEURL = "https://www.example.org"
# The addresses WordPress gives posts by default, /year/month/day/slug/, and by number.
WORDPRESS_ADDRESSES = """\
/2009/05/15/first-steps/     articles/first-steps.md
/2009/06/02/second-steps/    articles/second-steps.md
/2009/06/02/second-steps     articles/second-steps.md
/?p=12                       articles/first-steps.md
"""


# What a copy of the project leaves out: her content (a test brings its own), what builds
# and tools write, and what only the browser tests read.
NOT_COPIED = {"content", "output", "cache", "staging", "node_modules", "reports", "screenshots"}


def project_copy(folder):
    """A copy of the project in `folder` with the small test site as its content/.

    Publishing from it is publishing as she does: from the project, without --content.
    """
    for item in ROOT.iterdir():
        if item.name.startswith(".") or item.name in NOT_COPIED or item.name.endswith(".cache"):
            continue
        if item.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
            shutil.copytree(item, folder / item.name, ignore=ignore)
        else:
            shutil.copy(item, folder / item.name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", folder / "content")
    shutil.copytree(ROOT / "content" / "extra", folder / "content" / "extra")
    return folder


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(content, the folder publish built, the publish) of an imported blog with old addresses."""
    project = project_copy(tmp_path_factory.mktemp("project"))
    (project / "content" / "redirects.txt").write_text(WORDPRESS_ADDRESSES, encoding="utf-8")
    published = invoke("publish", "--target", "check", "--siteurl", SITEURL, cwd=project)
    return project / "content", project / "staging", published


def test_an_imported_wordpress_blog_passes_every_check_before_publishing(imported):
    _, staging, published = imported
    assert published.returncode == 0, published.stdout + published.stderr
    assert "Every check passed" in published.stdout
    # The old address has its page, for hosts without redirects; nginx answers it with a 301.
    assert (staging / "2009" / "05" / "15" / "first-steps" / "index.html").is_file()


def tampered_copy(staging, folder):
    """A copy of the built site, without the marker publish leaves, for a test to break."""
    site = folder / "site"
    shutil.copytree(staging, site, ignore=shutil.ignore_patterns(MARKER))
    return site


def refusal(site, content):
    with pytest.raises(DeployRefused) as refused:
        _run_site_tests(site, SITEURL, content)
    return str(refused.value)


def test_a_check_the_sites_own_code_fails_is_reported_as_a_bug_in_the_site(imported, tmp_path):
    content, staging, _ = imported
    site = tampered_copy(staging, tmp_path)
    # What a mistake in a template would do: every page loses the language it declares.
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace('<html lang="en"', "<html", 1), encoding="utf-8")

    said = refusal(site, content)

    assert "This is a bug in the site, not a mistake in your writing" in said
    assert "✗ every page declares its language" in said
    assert f"on {len(pages)} pages: " in said and f"and {len(pages) - 5} more" in said
    assert "pass this whole message on to whoever maintains the site" in said
    # Nothing she could run or change would help: she is not sent to look for it.
    assert "invoke check" not in said.replace("`invoke check` cannot find it", "")
    assert "Traceback" not in said and "assert " not in said


def test_a_link_in_her_writing_and_a_bug_in_the_site_are_told_apart(imported, tmp_path):
    content, staging, _ = imported
    site = tampered_copy(staging, tmp_path)
    about = site / "about" / "index.html"
    html = about.read_text(encoding="utf-8")
    html = html.replace("</main>", '<a href="/articles/no-such-article/">x</a></main>', 1)
    about.write_text(html.replace('<html lang="en"', "<html", 1), encoding="utf-8")

    said = refusal(site, content)

    writing, _, own = said.partition("The site's own code or settings also fail")
    assert "✗ about/index.html" in writing and "/articles/no-such-article/" in writing
    assert "How to fix: run `invoke check`" in writing
    assert "This is a bug in the site" in own and "invoke check`, which names" not in own
