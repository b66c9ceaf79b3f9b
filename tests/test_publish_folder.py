"""`invoke publish` settles everything it needs before it builds or changes anything."""

import subprocess
import sys

from tests.conftest import ROOT

SITEURL = "https://www.example.org"
# A machine without the test tools: pytest cannot be imported.
WITHOUT_PYTEST = (
    "import sys; sys.modules['pytest'] = None; "
    "from invoke.main import program; program.run(['invoke', *sys.argv[1:]])"
)


def publish(*arguments, python=("-m", "invoke")):
    return subprocess.run(
        [sys.executable, *python, "publish", "--siteurl", SITEURL, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_without_the_test_tools_publish_says_how_to_get_them_and_builds_nothing(tmp_path):
    staging = tmp_path / "staging"

    result = publish("--target", "check", "--output", str(staging), python=("-c", WITHOUT_PYTEST))

    assert result.returncode != 0
    assert "scripts/setup --test" in result.stderr
    assert not staging.exists()


def test_a_git_remote_that_does_not_answer_stops_publish_before_it_builds(tmp_path):
    staging = tmp_path / "staging"

    result = publish(
        "--target", "github-pages", "--remote", str(tmp_path / "no-such.git"), "--output", staging
    )

    assert result.returncode != 0
    assert "Could not reach the git remote" in result.stderr
    assert not staging.exists()
