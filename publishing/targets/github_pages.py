"""`--target github-pages`: a git branch (GitHub Pages by default), written with ghp-import.

ghp-import writes one commit holding exactly the built folder, plus `.nojekyll` so
GitHub serves files as they are, and `CNAME` when the site has its own domain. It
works in a throwaway repository, so the project's own checkout never changes.

The commit is the site's, not the deployer's: it carries a neutral name and e-mail (or
the ones given as --git-name and --git-email) and a UTC time, never the git identity or
time zone of whoever ran `invoke publish`.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from publishing import DeployRefused, Setting, Target, register

REMOTE_NAME = "site"
CHECKOUT = Path(__file__).resolve().parents[2]  # the project, whose origin is the default
NEUTRAL_NAME = "invoke publish"
NEUTRAL_EMAIL = "publish@localhost"


def _git(*arguments, cwd, env=None):
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, env=env)


def origin_url(checkout):
    """The `origin` remote of the project's own checkout, or None."""
    return _git("remote", "get-url", "origin", cwd=checkout).stdout.strip() or None


def check_remote(remote):
    """Refuse unless the git remote answers."""
    answered = _git("ls-remote", "--heads", str(remote), cwd=tempfile.gettempdir())
    if answered.returncode != 0:
        raise DeployRefused(
            f"Could not reach the git remote {remote}:\n{answered.stderr.strip()}\n"
            "Check the address, and that you may push to it."
        )


def deploy(
    site,
    remote,
    branch="gh-pages",
    cname="",
    message="Publish the site",
    name=NEUTRAL_NAME,
    email=NEUTRAL_EMAIL,
):
    """Commit `site` as the whole content of `branch` and push it to `remote` (a URL or path)."""
    identity = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "TZ": "UTC",
    }
    with tempfile.TemporaryDirectory(prefix="publish-git-") as work:
        _git("init", "-q", cwd=work)
        _git("remote", "add", REMOTE_NAME, str(remote), cwd=work)
        # Start from the branch as it is, so each publish adds to its history.
        fetched = _git("fetch", "-q", REMOTE_NAME, cwd=work)
        if fetched.returncode != 0:
            raise DeployRefused(
                f"Could not reach the git remote {remote}:\n{fetched.stderr.strip()}\n"
                "Check the address, and that you may push to it."
            )
        command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push"]
        command += ["--remote", REMOTE_NAME, "--branch", branch, "--message", message]
        if cname:
            command += ["--cname", cname]
        pushed = subprocess.run(
            [*command, str(site)],
            cwd=work,
            capture_output=True,
            text=True,
            env={**os.environ, **identity},  # ghp-import reads these before git's own config
        )
        if pushed.returncode != 0:
            raise DeployRefused(f"Pushing to {branch} on {remote} failed:\n{pushed.stderr.strip()}")
    print(f"Published to the {branch} branch of {remote}.")


@register
class GitHubPages(Target):
    """Publishes the site as the only content of a branch, which GitHub Pages serves."""

    name = "github-pages"
    summary = "a git branch, for GitHub Pages, Netlify or Cloudflare Pages"
    settings = (
        Setting("remote", "DEPLOY_GIT_REMOTE", "the git remote (else this checkout's origin)."),
        Setting("branch", "DEPLOY_GIT_BRANCH", "the branch to publish to.", "gh-pages"),
        Setting("cname", "DEPLOY_CNAME", "the site's own domain, written to CNAME.", ""),
        Setting("git_name", "DEPLOY_GIT_NAME", "the name the commit carries.", NEUTRAL_NAME),
        Setting("git_email", "DEPLOY_GIT_EMAIL", "the e-mail the commit carries.", NEUTRAL_EMAIL),
    )

    def check(self):
        self.remote = self.values["remote"] or origin_url(CHECKOUT)
        if not self.remote:
            raise DeployRefused(
                "Say which git remote to publish to: --remote URL or DEPLOY_GIT_REMOTE."
            )
        check_remote(self.remote)

    def dry_run(self, site):
        branch = self.values["branch"]
        print(f"Dry run: would publish the site to the {branch} branch of {self.remote}.")

    def deploy(self, site):
        deploy(
            site,
            self.remote,
            branch=self.values["branch"],
            cname=self.values["cname"],
            name=self.values["git_name"],
            email=self.values["git_email"],
        )
