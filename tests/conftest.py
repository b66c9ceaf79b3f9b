"""Shared helpers: build sites the way the clinician does, with `invoke build`, and read them."""

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KAP_ARTICLE = "articles/ketamine-assisted-psychotherapy-for-anxiety/index.html"


def invoke(*arguments, cwd=ROOT, env=None):
    """Run an invoke task as a person would, and return what happened."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def build(content, output):
    """Build `content` into `output` with `invoke build`; return the finished process."""
    return invoke("build", "--content", str(content), "--output", str(output))


@functools.cache
def built_site():
    """The real site, built once per test run; or the site `invoke publish` is about to deploy."""
    if os.environ.get("SITE_OUTPUT"):
        return Path(os.environ["SITE_OUTPUT"]).resolve()
    folder = tempfile.mkdtemp(prefix="site-")
    # Made while tests are collected, before any fixture could clean up after it.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    output = Path(folder) / "output"
    result = build(ROOT / "content", output)
    if result.returncode != 0:
        raise RuntimeError(f"The site did not build:\n{result.stdout}\n{result.stderr}")
    return output


def built_content():
    """The content folder the built site came from: the one `invoke publish` built, if any."""
    return Path(os.environ.get("SITE_CONTENT") or ROOT / "content").resolve()


def built_pages():
    return sorted(p.relative_to(built_site()).as_posix() for p in built_site().rglob("*.html"))


def read_page(output, relative):
    return BeautifulSoup((output / relative).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site():
    return built_site()


@pytest.fixture(scope="session")
def browser():
    """One real Chromium for the whole run: Playwright's sync API cannot run twice at once."""
    from playwright.sync_api import sync_playwright

    from tools.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


# The built-site tests that a mistake in the writing can fail, such as a link to a page that
# does not exist. When one fails, publishing sends her to `invoke check`; when any other
# `site` test fails, the site's own code or settings are at fault (tests/plain_report.py).
WRITING_TESTS = ("tests/test_links.py",)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "writing: a `site` test that the content can fail; publishing sends her to "
        "`invoke check` (else the failure is a bug in the site's own code or settings)",
    )


def pytest_collection_modifyitems(items):
    # A test run over every page checks something true of any built site: `invoke publish`
    # runs those (marked `site`) over the site it is about to deploy (SITE_OUTPUT).
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)
        if item.nodeid.startswith(WRITING_TESTS):
            item.add_marker(pytest.mark.writing)


def own_path(address):
    """The path of an address on this site, or None when it leads to another website.

    A published build links to itself with absolute https:// addresses.
    """
    siteurl = os.environ.get("SITEURL", "").rstrip("/") if os.environ.get("SITE_OUTPUT") else ""
    if siteurl and (address == siteurl or address.startswith(siteurl + "/")):
        return address[len(siteurl) :] or "/"
    return None if urlsplit(address).scheme or address.startswith("//") else address


def pytest_generate_tests(metafunc):
    # Tests that take `page` run once for every page of the built site.
    if "page" in metafunc.fixturenames:
        metafunc.parametrize("page", built_pages())


@pytest.fixture
def minimal_content(tmp_path):
    """A copy of the smallest valid site, ready for a test to add a mistake to."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    return content


REMOVED_ARTICLE = "articles/a-note-to-remove"
NOTE = """\
Title: A Note to Remove
Date: 2026-01-20
Summary: An article that is published once and then deleted.
Category: Testing

A short note.
"""


def files(folder):
    """Every file under `folder` with its bytes, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def two_versions(tmp_path_factory):
    """The minimal site built twice: before and after one of its articles was deleted."""
    work = tmp_path_factory.mktemp("versions")
    content = work / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    note = content / "articles" / "a-note-to-remove.md"
    note.write_text(NOTE, encoding="utf-8")
    built = build(content, work / "before")
    assert built.returncode == 0, built.stdout + built.stderr
    note.unlink()
    built = build(content, work / "after")
    assert built.returncode == 0, built.stdout + built.stderr
    return work / "before", work / "after"
