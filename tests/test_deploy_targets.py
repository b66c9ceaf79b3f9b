"""Every deploy target is offered by `invoke publish` through one interface.

A new target is one module: the test below writes one, a plain copy into a folder, and
`invoke publish` lists it, asks for its setting, and deploys the checked site with it.
"""

import subprocess
import sys

import pytest

from publishing.staging import MARKER
from tests.conftest import ROOT, files, invoke

SITEURL = "https://www.example.org"
NEW_TARGET = '''
"""`--target copy`: a folder on this machine, copied plainly."""

import shutil

from publishing import Setting, Target, register


@register
class Copy(Target):
    name = "copy"
    summary = "a folder on this machine, copied plainly"
    settings = (
        Setting(
            "copy_to",
            "DEPLOY_COPY_TO",
            "the folder to copy the site into.",
            required="Say which folder to copy the site into",
            example="/srv/site",
        ),
    )

    def deploy(self, site):
        shutil.copytree(site, self.values["copy_to"])
'''
# invoke, with the module above imported first, as publishing/targets/ would import it.
INVOKE_WITH_NEW_TARGET = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import copy_target
from invoke import Collection, Program
import tasks
Program(namespace=Collection.from_module(tasks)).run(["invoke", *sys.argv[3:]])
"""
OPTIONS = {
    "--target": "$DEPLOY_TARGET",
    "--siteurl": "$SITEURL",
    "--dry-run": "",
    "--remote": "$DEPLOY_GIT_REMOTE",
    "--branch": "$DEPLOY_GIT_BRANCH",
    "--cname": "$DEPLOY_CNAME",
    "--git-name": "$DEPLOY_GIT_NAME",
    "--git-email": "$DEPLOY_GIT_EMAIL",
    "--rsync-target": "$DEPLOY_RSYNC_TARGET",
    "--ssh": "$DEPLOY_SSH",
    "--rsync-options": "$DEPLOY_RSYNC_OPTIONS",
    "--content": "",
    "--output": "",
}


@pytest.fixture
def with_new_target(tmp_path):
    (tmp_path / "copy_target.py").write_text(NEW_TARGET, encoding="utf-8")

    def run(*arguments):
        return subprocess.run(
            [sys.executable, "-c", INVOKE_WITH_NEW_TARGET, str(tmp_path), str(ROOT), *arguments],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )

    return run


def unwrapped(text):
    return " ".join(text.split())


def test_invoke_help_publish_lists_every_option_and_its_environment_variable():
    listed = unwrapped(invoke("--help", "publish").stdout)
    for option, variable in OPTIONS.items():
        assert option in listed
        assert variable in listed
    for target in ("check", "github-pages", "rsync"):
        assert f"{target} (" in listed


def test_a_new_target_module_is_listed_with_its_setting_by_invoke_help_publish(with_new_target):
    listed = unwrapped(with_new_target("--help", "publish").stdout)
    assert "copy (a folder on this machine, copied plainly)" in listed
    assert "--copy-to=STRING copy: the folder to copy the site into. Default $DEPLOY_COPY_TO." in (
        listed
    )


def test_a_new_target_without_its_setting_asks_for_it_before_building(with_new_target):
    result = with_new_target("publish", "--target", "copy", "--siteurl", SITEURL)
    assert result.returncode != 0
    assert "Say which folder to copy the site into: --copy-to /srv/site or DEPLOY_COPY_TO" in (
        result.stderr
    )
    assert "Building" not in result.stdout


def test_a_new_target_deploys_exactly_the_checked_site(with_new_target, tmp_path, minimal_content):
    staging, copied = tmp_path / "staging", tmp_path / "copied"

    result = with_new_target(
        "publish",
        "--target",
        "copy",
        "--siteurl",
        SITEURL,
        "--copy-to",
        str(copied),
        "--content",
        str(minimal_content),
        "--output",
        str(staging),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    built = files(staging)
    built.pop(MARKER)
    assert files(copied) == built
