"""Deploying with rsync to a real folder: visitors see a whole site, old or new, never half."""

import http.client
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from publishing import DeployRefused
from publishing.targets.rsync import MARKER, Destination, deploy, dry_run
from tests.conftest import REMOVED_ARTICLE, ROOT, files, invoke
from tests.servers import nginx

SITENAME = "Stephanie Post, PsyD"


def snapshot(folder):
    """Everything about a folder a deploy could change: paths, bytes, times and links."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        link = os.readlink(path) if path.is_symlink() else None
        state[path.relative_to(folder).as_posix()] = (content, link, info.st_mtime_ns)
    return state


def test_a_second_deploy_removes_a_deleted_articles_page_and_nothing_else(tmp_path, two_versions):
    before, after = two_versions
    target = tmp_path / "www"
    deploy(before, Destination(str(target)), SITENAME)
    assert files(target / "current") == files(before)
    # Something of the server's own next to the deploys, which a deploy must leave alone.
    (target / "logs").mkdir()
    (target / "logs" / "access.log").write_text("GET / 200\n")

    deploy(after, Destination(str(target)), SITENAME)

    served = files(target / "current")
    assert served == files(after)
    removed = set(files(before)) - set(served)
    # The search index is rebuilt with new file names whenever an article goes.
    assert f"{REMOVED_ARTICLE}/index.html" in removed
    assert all(path.startswith((REMOVED_ARTICLE + "/", "pagefind/")) for path in removed)
    assert (target / "logs" / "access.log").read_text() == "GET / 200\n"
    assert (target / MARKER).is_file()


def test_unchanged_files_are_shared_with_the_previous_release_not_copied_again(
    tmp_path, two_versions
):
    before, after = two_versions
    target = tmp_path / "www"
    deploy(before, Destination(str(target)), SITENAME)
    first = (target / "current").resolve()
    deploy(after, Destination(str(target)), SITENAME)
    second = (target / "current").resolve()
    assert first != second
    favicon = ("favicon.ico",)
    assert (first.joinpath(*favicon)).stat().st_ino == (second.joinpath(*favicon)).stat().st_ino


def test_a_deploy_into_a_folder_that_is_not_ours_is_refused_and_leaves_it_untouched(tmp_path):
    folder = tmp_path / "someone-elses-site"
    (folder / "blog").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>Another site</h1>")
    (folder / "blog" / "post.html").write_text("<p>Keep me</p>")
    before = snapshot(folder)

    result = invoke(
        "publish",
        "--target",
        "rsync",
        "--siteurl",
        "https://www.example.org",
        "--rsync-target",
        str(folder),
    )

    assert result.returncode != 0
    assert f"{folder} does not look like a previous deploy of this site" in result.stderr
    assert "nothing in it was changed" in result.stderr
    assert snapshot(folder) == before


def test_a_folder_holding_another_sites_deploys_is_refused(tmp_path, two_versions):
    folder = tmp_path / "www"
    folder.mkdir()
    (folder / MARKER).write_text("site: Another Practice\n")
    before = snapshot(folder)
    with pytest.raises(DeployRefused, match="does not look like a previous deploy"):
        deploy(two_versions[0], Destination(str(folder)), SITENAME)
    assert snapshot(folder) == before


def test_an_interrupted_deploy_leaves_the_previous_site_intact(tmp_path, two_versions):
    before, after = two_versions
    target = tmp_path / "www"
    deploy(before, Destination(str(target)), SITENAME)
    served_before = files(target / "current")
    # A big new file and a slow link make sure the upload is still running when it is stopped.
    bigger = tmp_path / "bigger"
    shutil.copytree(after, bigger)
    (bigger / "handout.pdf").write_bytes(os.urandom(4_000_000))
    upload = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from publishing.targets.rsync import Destination, deploy; "
            "deploy(sys.argv[1], Destination(sys.argv[2]), sys.argv[3], options=['--bwlimit=100'])",
            str(bigger),
            str(target),
            SITENAME,
        ],
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        while not any((target / "releases").glob(".partial-*/*")):
            assert upload.poll() is None, "the upload ended before it could be interrupted"
            time.sleep(0.05)
    finally:
        os.killpg(upload.pid, signal.SIGKILL)
        upload.wait()

    assert files(target / "current") == served_before
    assert list((target / "releases").glob(".partial-*")), "the upload was really cut short"

    # The next deploy finishes and clears what the interrupted one left behind.
    deploy(after, Destination(str(target)), SITENAME)
    assert files(target / "current") == files(after)
    assert not list((target / "releases").glob(".partial-*"))


def test_a_dry_run_lists_what_would_change_and_changes_nothing(tmp_path, two_versions, capsys):
    before, after = two_versions
    target = tmp_path / "www"
    deploy(before, Destination(str(target)), SITENAME)
    untouched = snapshot(target)
    capsys.readouterr()

    dry_run(after, Destination(str(target)), SITENAME)

    listed = capsys.readouterr().out
    assert f"remove {REMOVED_ARTICLE}/index.html" in listed
    assert snapshot(target) == untouched


def test_old_releases_are_pruned_but_the_served_one_is_kept(tmp_path, two_versions):
    before, after = two_versions
    target = tmp_path / "www"
    for version in (before, after, before, after, before):
        deploy(version, Destination(str(target)), SITENAME)
    releases = sorted(p.name for p in (target / "releases").iterdir())
    assert len(releases) == 3
    assert (target / "current").resolve().name == releases[-1]
    assert files(target / "current") == files(before)


def test_nginx_serving_current_switches_to_the_new_release_in_one_step(tmp_path, two_versions):
    before, after = two_versions
    target = tmp_path / "www"
    deploy(before, Destination(str(target)), SITENAME)
    removed_page = f"/{REMOVED_ARTICLE}/"
    # The web server's root is the `current` link, as the README tells the server's owner.
    with nginx(target / "current", tmp_path / "nginx") as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        def status(path):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status

        assert status(removed_page) == 200
        deploy(after, Destination(str(target)), SITENAME)
        assert status(removed_page) == 404
        assert status("/") == 200


def test_a_server_address_is_reached_through_the_ssh_command(tmp_path, two_versions):
    before, after = two_versions
    # No ssh server here: this stand-in runs what ssh would run on the server, in this
    # machine's shell, so the real rsync protocol and the real remote scripts are exercised.
    shell = tmp_path / "local-ssh"
    shell.write_text(
        '#!/bin/sh\n[ "$1" = "-l" ] && shift 2  # rsync passes the user as -l USER\n'
        'shift\nexec sh -c "$*"\n'
    )
    shell.chmod(0o755)
    target = tmp_path / "srv" / "psych site"

    for version in (before, after):
        deploy(version, Destination(f"web@server:{target}", ssh=str(shell)), SITENAME)

    assert files(target / "current") == files(after)
    untouched = snapshot(target)
    dry_run(before, Destination(f"web@server:{target}", ssh=str(shell)), SITENAME)
    assert snapshot(target) == untouched
    with pytest.raises(DeployRefused, match="does not look like a previous deploy"):
        deploy(after, Destination(f"web@server:{tmp_path}", ssh=str(shell)), SITENAME)
