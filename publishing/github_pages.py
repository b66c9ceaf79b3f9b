"""Publishes the site to a git branch (GitHub Pages by default) with ghp-import.

ghp-import writes one commit holding exactly the built folder, plus `.nojekyll` so
GitHub serves files as they are, and `CNAME` when the site has its own domain. It
works in a throwaway repository, so the project's own checkout never changes.
"""

import subprocess
import sys
import tempfile

from publishing import DeployRefused

REMOTE_NAME = "site"


def _git(*arguments, cwd):
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True)


def deploy(site, remote, branch="gh-pages", cname="", message="Publish the site"):
    """Commit `site` as the whole content of `branch` and push it to `remote` (a URL or path)."""
    with tempfile.TemporaryDirectory(prefix="publish-git-") as work:
        _git("init", "-q", cwd=work)
        _git("remote", "add", REMOTE_NAME, str(remote), cwd=work)
        for key, fallback in (("user.name", "invoke publish"), ("user.email", "publish@localhost")):
            if _git("config", key, cwd=work).returncode != 0:
                _git("config", key, fallback, cwd=work)
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
        pushed = subprocess.run([*command, str(site)], cwd=work, capture_output=True, text=True)
        if pushed.returncode != 0:
            raise DeployRefused(f"Pushing to {branch} on {remote} failed:\n{pushed.stderr.strip()}")
    print(f"Published to the {branch} branch of {remote}.")
