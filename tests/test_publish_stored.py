"""Where to publish is said once: `invoke publish --save` keeps it, and `invoke publish` alone
publishes there; an argument, then the environment, still come first."""

import os
import shutil
import subprocess
import sys

import pytest

from publishing import DeployRefused, stored
from publishing.pipeline import _choose_target, _public_address, _values
from publishing.targets.check import Check
from publishing.targets.rsync import Rsync
from tests.conftest import ROOT, invoke
from tests.test_publish_gate import project_copy

SITEURL = "https://www.example.org"
SETTINGS = ("DEPLOY_TARGET", "SITEURL", "DEPLOY_RSYNC_TARGET", "DEPLOY_GIT_REMOTE")


def without_publish_settings():
    return {name: value for name, value in os.environ.items() if name not in SETTINGS}


def test_publish_alone_publishes_where_the_saved_settings_say(tmp_path):
    (tmp_path / "project").mkdir()
    project = project_copy(tmp_path / "project")
    env = without_publish_settings()

    saved = invoke(
        "publish", "--target", "check", "--siteurl", SITEURL, "--save", cwd=project, env=env
    )
    assert saved.returncode == 0, saved.stdout + saved.stderr
    assert "From now on `invoke publish` alone publishes there." in saved.stdout
    kept = stored.read(project / "publishconf.py")
    assert (kept["target"], kept["siteurl"]) == ("check", SITEURL)

    alone = invoke("publish", cwd=project, env=env)

    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert f"Building {SITEURL} into" in alone.stdout
    assert "Nothing was deployed: --target check only builds and checks." in alone.stdout
    assert SITEURL.encode() in (project / "staging" / "index.html").read_bytes()


def test_publish_alone_without_saved_settings_says_how_to_keep_the_answer():
    said = invoke("publish", env=without_publish_settings()).stderr
    assert "Say where to publish: --target check, --target github-pages" in said
    assert "Add --save to keep your answer" in said


@pytest.fixture
def settings_file(tmp_path):
    copy = tmp_path / "publishconf.py"
    shutil.copy(ROOT / "publishconf.py", copy)
    shutil.copy(ROOT / "pelicanconf.py", tmp_path / "pelicanconf.py")
    return copy


def test_saved_settings_stay_tidy_python_that_the_next_publish_reads(settings_file):
    stored.save(settings_file, "rsync", SITEURL, {"rsync_target": "me@example.org:/srv/site"})
    stored.save(settings_file, "rsync", SITEURL, {"rsync_target": "me@example.org:/srv/café"})

    assert stored.read(settings_file) == {
        "target": "rsync",
        "siteurl": SITEURL,
        "options": {"rsync_target": "me@example.org:/srv/café"},
    }
    text = settings_file.read_text(encoding="utf-8")
    assert text.count("PUBLISH_OPTIONS = ") == 1, "saved again, not added again"
    # The project's own style check still passes on her copy of the file.
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--diff", str(settings_file)],
        capture_output=True,
        text=True,
    )
    assert formatted.returncode == 0, formatted.stdout


def test_a_password_in_an_address_is_never_saved_into_the_repository(settings_file):
    before = settings_file.read_bytes()
    with pytest.raises(DeployRefused, match="holds a password or token"):
        stored.save(
            settings_file, "github-pages", SITEURL, {"remote": "https://me:ghp_x@github.com/a/b"}
        )
    assert settings_file.read_bytes() == before


def test_an_argument_comes_before_the_environment_and_the_environment_before_the_setting(
    monkeypatch,
):
    kept = {"target": "check", "siteurl": SITEURL, "options": {"rsync_target": "/srv/kept"}}
    monkeypatch.delenv("DEPLOY_TARGET", raising=False)
    monkeypatch.delenv("SITEURL", raising=False)
    monkeypatch.delenv("DEPLOY_RSYNC_TARGET", raising=False)
    assert _choose_target(None, kept) is Check
    assert _public_address(None, kept) == SITEURL
    assert _values(Rsync, {}, kept)["rsync_target"] == "/srv/kept"

    monkeypatch.setenv("DEPLOY_TARGET", "rsync")
    monkeypatch.setenv("SITEURL", "https://env.example.org")
    monkeypatch.setenv("DEPLOY_RSYNC_TARGET", "/srv/from-env")
    assert _choose_target(None, kept) is Rsync
    assert _public_address(None, kept) == "https://env.example.org"
    assert _values(Rsync, {}, kept)["rsync_target"] == "/srv/from-env"

    assert _choose_target("check", kept) is Check
    assert _public_address("https://arg.example.org", kept) == "https://arg.example.org"
    assert _values(Rsync, {"rsync_target": "/srv/arg"}, kept)["rsync_target"] == "/srv/arg"
