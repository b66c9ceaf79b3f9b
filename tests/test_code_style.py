"""The code stays in the house style, so the next person can read it."""

import subprocess
import sys

from tests.conftest import ROOT


def ruff(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments], cwd=ROOT, capture_output=True, text=True
    )


def test_the_code_passes_the_linter():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout


def test_the_code_is_formatted():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout
