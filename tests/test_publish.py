"""`invoke publish` builds, checks, and deploys only a site that passed every check."""

import os
import subprocess

import pytest

from publishing.staging import MARKER
from tests.conftest import files, invoke

SITEURL = "https://www.example.org"
BROKEN_ARTICLE_LINK = "\nSee [the old handout](/articles/no-such-article/).\n"
BROKEN_STATIC_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Old handout</title></head>
<body><a href="/articles/no-such-article/">The article this handout summarises</a></body></html>
"""


def publish(*arguments, env=None):
    return invoke("publish", *arguments, env=env)


def without(*names):
    return {name: value for name, value in os.environ.items() if name not in names}


def test_publish_without_an_address_says_how_to_give_one(tmp_path):
    result = publish("--target", "check", env=without("SITEURL"))
    assert result.returncode != 0
    assert "--siteurl https://www.example.org or set SITEURL" in result.stderr


def test_publish_without_a_destination_says_where_it_can_go():
    result = publish("--siteurl", SITEURL, env=without("DEPLOY_TARGET"))
    assert result.returncode != 0
    assert "--target github-pages, --target rsync" in result.stderr


def test_rsync_publish_without_a_folder_says_how_to_name_one():
    result = publish("--target", "rsync", "--siteurl", SITEURL, env=without("DEPLOY_RSYNC_TARGET"))
    assert result.returncode != 0
    assert "--rsync-target user@host:/srv/site" in result.stderr


def plant_broken_link(content, where):
    if where == "article":
        with (content / "articles" / "first-steps.md").open("a", encoding="utf-8") as article:
            article.write(BROKEN_ARTICLE_LINK)
    else:
        # A hand-made page: refused as a file the site does not publish (issue 28).
        (content / "extra" / "handout.html").write_text(BROKEN_STATIC_PAGE, encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "target"),
    [("article", "rsync"), ("static page", "rsync"), ("static page", "github-pages")],
)
def test_a_broken_link_stops_publish_before_anything_is_copied(
    tmp_path, minimal_content, where, target
):
    plant_broken_link(minimal_content, where)
    folder = tmp_path / "www"
    remote = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    destination = (
        ["--rsync-target", str(folder)] if target == "rsync" else ["--remote", str(remote)]
    )

    result = publish(
        "--target",
        target,
        "--siteurl",
        SITEURL,
        *destination,
        "--content",
        str(minimal_content),
        "--output",
        str(tmp_path / "staging"),
    )

    assert result.returncode != 0
    said = result.stdout + result.stderr
    # In plain words, as `invoke check` speaks: never a test's traceback.
    assert "Traceback" not in said and "assert " not in said and "tests/" not in said
    if where == "static page":
        assert "content/extra/handout.html (file)" in said and "a web page (HTML)" in said
    else:
        assert "no-such-article" in said
    assert not folder.exists()
    assert not list((remote / "refs" / "heads").iterdir()), "no branch was pushed"


def test_publish_to_a_folder_serves_the_checked_site_through_current(tmp_path, minimal_content):
    folder = tmp_path / "www"
    staging = tmp_path / "staging"

    result = publish(
        "--target",
        "rsync",
        "--siteurl",
        SITEURL,
        "--rsync-target",
        str(folder),
        "--content",
        str(minimal_content),
        "--output",
        str(staging),
        env=without("PYTHONUNBUFFERED"),  # output to a pipe or a log is buffered
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" in result.stdout
    # The build runs in a process of its own, which must not print this process's words again.
    assert result.stdout.count(f"Building {SITEURL} into") == 1
    built = files(staging)
    assert built.pop(MARKER), "publish marks the folder it builds into as its own"
    assert files(folder / "current") == built, "the site is deployed as checked, mark aside"
    assert SITEURL.encode() in (folder / "current" / "index.html").read_bytes()
