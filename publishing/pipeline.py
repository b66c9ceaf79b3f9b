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

from publishing import DeployRefused, all_targets, staging, stored

ROOT = Path(__file__).resolve().parent.parent
PUBLISH_SETTINGS = ROOT / "publishconf.py"
STAGING = ROOT / "staging"
# The tests that apply to a built site (see tests/conftest.py); browser tests need the site
# served at its own address, and slow ones are for CI.
SITE_TESTS = "site and not browser and not slow"


def _setting(value, variable, default=None):
    """A deploy setting: the task argument, else the environment variable, else the default.

    The default is the one stored in publishconf.py (publishing/stored.py), if any.
    """
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
        "target": f"Where to: {offered}. Default $DEPLOY_TARGET, else PUBLISH_TARGET in "
        "publishconf.py.",
        "siteurl": "The public address, e.g. https://www.example.org. Default $SITEURL, else "
        "PUBLISH_SITEURL in publishconf.py.",
        "dry_run": "Build and check, then show what would change, changing nothing.",
        "save": "Store the target, the address and the target's options in publishconf.py, "
        "so that `invoke publish` alone publishes there from now on.",
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


def _choose_target(name, kept=None):
    offered = all_targets()
    name = _setting(name, "DEPLOY_TARGET", (kept or {}).get("target"))
    if name not in offered:
        choices = ", ".join(f"--target {target}" for target in offered)
        unknown = f'"{name}" is not a place the site can be published to. ' if name else ""
        raise DeployRefused(
            f"{unknown}Say where to publish: {choices}, or set DEPLOY_TARGET. "
            "Add --save to keep your answer (and the other settings you give) in "
            "publishconf.py, so that next time `invoke publish` alone publishes there. "
            "See the README's Deploying section."
        )
    return offered[name]


def _public_address(siteurl, kept=None):
    from plugins.public_address import problem

    siteurl = (_setting(siteurl, "SITEURL", (kept or {}).get("siteurl")) or "").rstrip("/")
    if not siteurl:
        raise DeployRefused(
            "The public address of the site is missing. Give it as --siteurl "
            "https://www.example.org or set SITEURL (add --save to keep it)."
        )
    if problem(siteurl):
        raise DeployRefused(
            f"--siteurl must be the site's https:// address, such as https://www.example.org "
            f"(http://localhost to try it out here), not {siteurl}"
        )
    return siteurl


def _values(target, given, kept=None):
    """The target's settings: given, else from the environment, else stored, else defaults."""
    values = {}
    kept = (kept or {}).get("options", {})
    for setting in target.settings:
        default = kept.get(setting.name) or setting.default
        values[setting.name] = _setting(given.get(setting.name), setting.variable, default)
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


def _save(chosen, siteurl, values):
    """Keep what this publish was told in publishconf.py; a target's defaults stay unwritten."""
    options = {
        setting.name: values[setting.name]
        for setting in chosen.settings
        if values[setting.name] and values[setting.name] != setting.default
    }
    stored.save(PUBLISH_SETTINGS, chosen.name, siteurl, options)
    print(
        f"Saved in {PUBLISH_SETTINGS.name}: --target {chosen.name} --siteurl {siteurl}"
        + "".join(f" --{name.replace('_', '-')} {value}" for name, value in options.items())
        + ". From now on `invoke publish` alone publishes there.",
        flush=True,
    )


def publish(
    target=None, siteurl=None, dry_run=False, settings=None, content=None, output=None, save=False
):
    """Build, check, then deploy or dry-run; raise DeployRefused or BuildFailed to stop.

    `save`: store the target and its settings in publishconf.py once they are settled.
    """
    from pelican.settings import read_settings

    from plugins import runner
    from tools.handouts import make_handouts

    # 1. Everything the publish needs, before anything is touched.
    kept = stored.read(PUBLISH_SETTINGS)
    chosen = _choose_target(target, kept)
    siteurl = _public_address(siteurl, kept)
    values = _values(chosen, settings or {}, kept)
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
    if save:
        _save(chosen, siteurl, values)

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
