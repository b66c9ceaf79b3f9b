"""The GitHub workflows check every change, publish only what passed, and give nothing away."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
SITE_WORKFLOW = WORKFLOWS / "site.yml"
BIN = Path(sys.executable).parent
FULL_COMMIT_WITH_VERSION = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    return workflow


def workflows():
    return sorted(WORKFLOWS.glob("*.yml"))


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def uses_lines(path):
    return re.findall(r"^\s*(?:- )?uses: (.*)$", path.read_text(encoding="utf-8"), re.M)


def test_actionlint_finds_nothing_including_in_the_shell_scripts():
    assert shutil.which("shellcheck"), "actionlint checks run: scripts with shellcheck"
    result = subprocess.run(
        [BIN / "actionlint", "-shellcheck", shutil.which("shellcheck")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("path", workflows(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version_beside_it(path):
    used = uses_lines(path)
    assert used
    for line in used:
        assert FULL_COMMIT_WITH_VERSION.match(line), line


@pytest.mark.parametrize("path", workflows(), ids=lambda path: path.name)
def test_no_job_may_do_more_than_it_needs(path):
    workflow = load(path)
    assert workflow["permissions"] == {}, "nothing by default"
    assert "pull_request_target" not in workflow["on"]
    for name, job in workflow["jobs"].items():
        granted = job["permissions"]
        if name == "deploy":
            assert granted == {"pages": "write", "id-token": "write"}
        elif name == "reviews":
            assert granted == {"contents": "read", "issues": "write"}
        else:
            assert granted == {"contents": "read"}, name
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
        # Anything from outside (a branch name, a title) reaches a script only through
        # the environment, never written into the script itself.
        assert "${{" not in step.get("run", ""), step["name"]


@pytest.mark.parametrize("path", workflows(), ids=lambda path: path.name)
def test_caches_are_keyed_by_the_files_that_pin_what_they_hold(path):
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/cache@"):
            pinned = re.findall(r"hashFiles\((.*?)\)", step["with"]["key"])
            assert len(pinned) == 1, step["name"]
            for name in re.findall(r"'([^']+)'", pinned[0]):
                assert (ROOT / name).is_file(), name


def test_the_site_is_published_only_from_main_and_only_after_every_check_passed():
    workflow = load(SITE_WORKFLOW)
    assert set(workflow["on"]) == {"pull_request", "push", "workflow_dispatch"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert deploy["if"] == (
        "github.event_name == 'push' && "
        "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"
    )
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    uploads = [
        step
        for step in workflow["jobs"]["check"]["steps"]
        if "upload-pages" in step.get("uses", "")
    ]
    assert len(uploads) == 1 and "if" not in uploads[0], "only a job that passed uploads"


def test_the_weekly_review_job_runs_the_projects_own_task():
    workflow = load(WORKFLOWS / "reviews-due.yml")
    assert [entry["cron"] for entry in workflow["on"]["schedule"]] == ["17 15 * * 1"]
    scripts = [step["run"] for step in steps(workflow) if "run" in step]
    assert any(script.startswith(".venv/bin/invoke reviews-due") for script in scripts)


# What GitHub would expand in the workflow's environment: a repository without the
# SITEURL variable, so the site is built for GitHub Pages' address of the repository.
EXPRESSIONS = {"vars.SITEURL": ""}
OWNER, REPOSITORY = "Clinician", "psych-site"
PAGES_ADDRESS = f"https://{OWNER.lower()}.github.io/{REPOSITORY}"


def expand(value):
    def known(match):
        assert match[1].strip() in EXPRESSIONS, f"unknown expression {match[0]}"
        return EXPRESSIONS[match[1].strip()]

    return re.sub(r"\$\{\{(.*?)\}\}", known, str(value))


def github_environment(clone, summary, tmp_path):
    """This machine's environment as a GitHub runner shows it to a job's steps."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SITE", "DEPLOY_", "PYTEST", "VIRTUAL_ENV"))
    }
    env.update(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(clone),
        GITHUB_REPOSITORY=f"{OWNER}/{REPOSITORY}",
        GITHUB_REPOSITORY_OWNER=OWNER,
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REF_NAME="main",
        GITHUB_STEP_SUMMARY=str(summary),
        RUNNER_TEMP=str(tmp_path),
    )
    return env


@pytest.mark.slow
def test_the_checking_job_passes_on_a_fresh_clone_and_keeps_the_site_publish_builds(tmp_path):
    from publishing.pipeline import STAGING
    from tasks import ROOT as TASKS_ROOT

    workflow = load(SITE_WORKFLOW)
    job = workflow["jobs"]["check"]
    assert job["defaults"]["run"]["shell"] == "bash"
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    summary = tmp_path / "summary.md"
    summary.touch()
    env = github_environment(clone, summary, tmp_path)
    env.update({name: expand(value) for name, value in workflow.get("env", {}).items()})
    env.update({name: expand(value) for name, value in job.get("env", {}).items()})
    try:
        for step in job["steps"]:
            if "run" not in step:
                continue  # actions: the clone stands for checkout; caches change nothing
            script = tmp_path / "step.sh"
            script.write_text(step["run"], encoding="utf-8")
            # How GitHub runs a step whose shell is bash.
            ran = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=clone,
                env={**env, **{name: expand(value) for name, value in step.get("env", {}).items()}},
                capture_output=True,
                text=True,
                timeout=1200,
            )
            assert ran.returncode == 0, (
                f"{step['name']}\n{ran.stdout[-5000:]}\n{ran.stderr[-5000:]}"
            )
        (upload,) = [step for step in job["steps"] if "upload-pages" in step.get("uses", "")]
        uploaded = (clone / upload["with"]["path"]).resolve()
        # What `invoke publish --target check` builds, for the address GitHub Pages gives.
        assert uploaded == clone / STAGING.relative_to(TASKS_ROOT)
        home = (uploaded / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{PAGES_ADDRESS}/">' in home
        assert list((uploaded / "handouts").glob("*.pdf"))
        assert (uploaded / "pagefind").is_dir()
        # The writer reads the report of `invoke check` on the pull request's page.
        report = subprocess.run(
            [clone / ".venv" / "bin" / "invoke", "check", "--all"],
            cwd=clone,
            capture_output=True,
            text=True,
        ).stdout
        text = summary.read_text(encoding="utf-8")
        assert "## What the checks found" in text
        assert report.strip() in text
        assert f"The site for {PAGES_ADDRESS} was built and passed every check." in text
    finally:
        # The clone's own environment is large (about 600 MB).
        for folder in (".venv", "node_modules"):
            shutil.rmtree(clone / folder, ignore_errors=True)
