"""`invoke publish`: build the public site, check it, and deploy it only if every check passes.

Everything a publish needs is settled before anything is touched: the target and its
settings, the public address, the test tools, the folder to build into, and the target's
own check (an rsync folder that is not this site's, a git remote that does not answer).
Each target's settings become options of the task (`with_target_settings`), so adding a
target to publishing/targets/ adds its options to `invoke --help publish` as well.
"""

import importlib.util
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from publishing import DeployRefused, all_targets, staging

ROOT = Path(__file__).resolve().parent.parent
PUBLISH_SETTINGS = ROOT / "publishconf.py"
STAGING = ROOT / "staging"
# The tests that apply to a built site (see tests/conftest.py); browser tests need the site
# served at its own address, and slow ones are for CI.
SITE_TESTS = "site and not browser and not slow"


def _setting(value, variable, default=None):
    """A deploy setting: the task argument, else the environment variable, else the default."""
    return value or os.environ.get(variable) or default


def _target_settings():
    """Each setting of any target, by name, with the targets that read it."""
    found = {}
    for target in all_targets().values():
        for setting in target.settings:
            found.setdefault(setting.name, (setting, []))[1].append(target.name)
    return found


def task_help():
    """The `help=` of the publish task: its own options, then each target's."""
    offered = ", ".join(f"{name} ({target.summary})" for name, target in all_targets().items())
    options = {
        "target": f"Where to: {offered}. Default $DEPLOY_TARGET.",
        "siteurl": "The public address, e.g. https://www.example.org. Default $SITEURL.",
        "dry_run": "Build and check, then show what would change, changing nothing.",
        "content": "Publish another content folder (used by tests).",
        "output": "Build into another folder instead of staging/ (a new or empty one, "
        "or one publish built before).",
    }
    for name, (setting, readers) in _target_settings().items():
        default = f" or {setting.default}" if setting.default else ""
        options[name] = (
            f"{', '.join(readers)}: {setting.help} Default ${setting.variable}{default}."
        )
    return options


def with_target_settings(before):
    """Give the task one option per target setting, placed before its option `before`.

    The task takes them as **settings; invoke reads the options from the signature.
    """

    def decorate(function):
        signature = inspect.signature(function)
        own = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
        at = next(index for index, p in enumerate(own) if p.name == before)
        added = [
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)
            for name in _target_settings()
        ]
        function.__signature__ = signature.replace(parameters=[*own[:at], *added, *own[at:]])
        return function

    return decorate


def _choose_target(name):
    offered = all_targets()
    name = _setting(name, "DEPLOY_TARGET")
    if name not in offered:
        choices = ", ".join(f"--target {target}" for target in offered)
        raise DeployRefused(
            f"Say where to publish: {choices}, or set DEPLOY_TARGET. "
            "See the README's Deploying section."
        )
    return offered[name]


def _public_address(siteurl):
    from plugins.public_address import problem

    siteurl = (_setting(siteurl, "SITEURL") or "").rstrip("/")
    if not siteurl:
        raise DeployRefused(
            "The public address of the site is missing. Give it as --siteurl "
            "https://www.example.org or set SITEURL."
        )
    if problem(siteurl):
        raise DeployRefused(
            f"--siteurl must be the site's https:// address, such as https://www.example.org "
            f"(http://localhost to try it out here), not {siteurl}"
        )
    return siteurl


def _values(target, given):
    """The target's settings: given, else from the environment, else their defaults."""
    values = {}
    for setting in target.settings:
        values[setting.name] = _setting(given.get(setting.name), setting.variable, setting.default)
        if not values[setting.name] and setting.required:
            raise DeployRefused(
                f"{setting.required}: {setting.flag} {setting.example} or {setting.variable}."
            )
    return values


def _check_test_tools():
    from tools.browser import CHROMIUM

    missing = [] if importlib.util.find_spec("pytest") else ["pytest"]
    missing += [] if Path(CHROMIUM).exists() else [f"Chromium ({CHROMIUM})"]
    missing += [] if shutil.which("nginx") or Path("/usr/sbin/nginx").exists() else ["nginx"]
    if missing:
        raise DeployRefused(
            "Publishing prints the handouts and runs the site's tests, and this machine lacks "
            f"what they need: {', '.join(missing)}. Set them up with `scripts/setup --test`; "
            "nothing was built or changed."
        )


def _run_site_tests(site, siteurl, content):
    """Run every test that applies to a built site over `site`; stop publishing if one fails.

    `content` is the folder it was built from: the server the tests start answers its old
    addresses (content/redirects.txt) as the real one will.
    """
    print("Checking every page of the built site …", flush=True)
    checked = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--tb=no", "--no-header", "-p", "no:cacheprovider"]
        + ["-p", "tests.plain_report", "-m", SITE_TESTS],
        cwd=ROOT,
        env={
            **os.environ,
            "SITE_OUTPUT": str(site),
            "SITE_CONTENT": str(content),
            "SITEURL": siteurl,
        },
        capture_output=True,
        text=True,
    )
    if checked.returncode != 0:
        plain = checked.stdout.partition("PLAIN REPORT\n")[2].partition("END OF PLAIN REPORT")[0]
        said = (checked.stderr.strip() or checked.stdout.strip())[-3000:]
        raise DeployRefused(
            plain
            or "The checks of the built site could not run, so nothing was deployed. This is "
            "a bug in the site's own code or set-up, not a mistake in your writing: pass this "
            f"whole message on to whoever maintains the site.\n\n{said}"
        )
    passed = re.search(r"(\d+) passed", checked.stdout)
    print(f"Every check passed ({passed.group(1) if passed else 'all'}).", flush=True)


def publish(target=None, siteurl=None, dry_run=False, settings=None, content=None, output=None):
    """Build, check, then deploy or dry-run; raise DeployRefused or BuildFailed to stop."""
    from pelican.settings import read_settings

    from plugins import runner
    from tools.handouts import make_handouts

    # 1. Everything the publish needs, before anything is touched.
    chosen = _choose_target(target)
    siteurl = _public_address(siteurl)
    values = _values(chosen, settings or {})
    _check_test_tools()
    folder = Path(output or STAGING).resolve()
    cache = folder.parent / f"{folder.name}.cache"
    overrides = {
        "SITEURL": siteurl,
        "SHOW_DRAFTS": False,
        "OUTPUT_PATH": str(folder),
        "CACHE_PATH": str(cache),
        "OUTPUT_RETENTION": [staging.MARKER],  # the build empties the folder but for this
    }
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    site = read_settings(str(PUBLISH_SETTINGS), override=dict(overrides))
    staging.check(folder, site["SITENAME"], always_ours=STAGING)
    deployer = chosen(values, site)
    deployer.check()

    # 2. Build with the publishing settings, and print the handouts.
    staging.claim(folder, site["SITENAME"])
    print(f"Building {siteurl} into {folder}", flush=True)
    warnings = runner.report(runner.build_then_index(str(PUBLISH_SETTINGS), overrides), overrides)
    if warnings:
        print(f"\n{warnings}\n")
    for handout in make_handouts(folder):
        print(f"Wrote {handout.relative_to(folder)}")

    # 3. Check exactly what will be deployed, then deploy it.
    with staging.without_marker(folder, cache) as checked:
        _run_site_tests(checked, siteurl, site["PATH"])
        print(f"The site in {folder} passed every check.", flush=True)
        if dry_run:
            deployer.dry_run(checked)
        else:
            deployer.deploy(checked)
