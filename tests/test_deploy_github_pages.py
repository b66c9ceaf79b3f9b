"""Publishing to a GitHub Pages branch, tested against a real local bare git repository."""

import os
import subprocess

import pytest

from publishing.staging import MARKER
from publishing.targets.github_pages import deploy
from tests.conftest import ROOT, files, invoke


def git(*arguments, cwd):
    return subprocess.run(
        ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def branch_files(remote, branch, into):
    """Check the branch out of `remote` into a fresh folder; return its files."""
    git("clone", "-q", "--branch", branch, str(remote), str(into), cwd=remote.parent)
    return {path: data for path, data in files(into).items() if not path.startswith(".git/")}


@pytest.fixture
def remote(tmp_path):
    bare = tmp_path / "site.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    return bare


def test_publish_puts_exactly_the_built_site_on_the_gh_pages_branch(
    tmp_path, remote, minimal_content
):
    staging = tmp_path / "staging"
    branches_before = git("branch", "--list", cwd=ROOT)

    result = invoke(
        "publish",
        "--target",
        "github-pages",
        "--siteurl",
        "https://www.example.org",
        "--remote",
        str(remote),
        "--cname",
        "www.example.org",
        "--content",
        str(minimal_content),
        "--output",
        str(staging),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    published = branch_files(remote, "gh-pages", tmp_path / "checkout")
    assert published.pop(".nojekyll") == b""
    assert published.pop("CNAME") == b"www.example.org"
    built = files(staging)
    assert built.pop(MARKER), "publish marks the folder it builds into as its own"
    assert published == built, "the site is deployed as checked, mark aside"
    # The project's own checkout gained no branch: the commit was made elsewhere.
    assert git("branch", "--list", cwd=ROOT) == branches_before


def test_a_second_publish_adds_a_commit_that_holds_only_the_new_site(
    tmp_path, remote, two_versions
):
    before, after = two_versions
    deploy(before, remote, branch="site")

    deploy(after, remote, branch="site")

    published = branch_files(remote, "site", tmp_path / "checkout")
    published.pop(".nojekyll")
    assert "CNAME" not in published, "no domain was given"
    assert published == files(after)
    assert set(files(before)) - set(published), "the deleted article's page is gone"
    assert len(git("log", "--format=%H", "site", cwd=remote).split()) == 2


def test_the_published_commit_names_neither_the_deployer_nor_their_time_zone(
    tmp_path, remote, minimal_content
):
    deployer = tmp_path / "deployer.gitconfig"
    deployer.write_text("[user]\n\tname = Dana Deployer\n\temail = dana@home.example\n")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(deployer), "TZ": "MST7"}

    result = invoke(
        "publish",
        "--target",
        "github-pages",
        "--siteurl",
        "https://www.example.org",
        "--remote",
        str(remote),
        "--content",
        str(minimal_content),
        "--output",
        str(tmp_path / "staging"),
        env=env,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    commit = git("log", "-1", "--format=%an <%ae>%n%cn <%ce>%n%ci", "gh-pages", cwd=remote)
    author, committer, date = commit.splitlines()
    assert "Dana" not in commit and "dana@" not in commit
    assert author == committer == "invoke publish <publish@localhost>"
    assert date.endswith("+0000")


def test_a_name_and_e_mail_given_for_the_site_are_the_ones_the_commit_carries(
    tmp_path, remote, two_versions
):
    deploy(two_versions[0], remote, branch="site", name="The Practice", email="web@example.org")
    commit = git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "site", cwd=remote)
    assert commit.strip() == "The Practice <web@example.org>|The Practice <web@example.org>"
