"""The same sources always build the same bytes, so a deploy changes only what really changed."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, files

BUILD = """
import sys
from plugins.runner import build
output = sys.argv[2]
build(sys.argv[1], {"OUTPUT_PATH": output, "CACHE_PATH": output + ".cache"})
"""


def clean_build(settings, output):
    """Build from scratch into a fresh output folder with a fresh cache."""
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(ROOT / settings), str(output)],
        cwd=ROOT,
        env={**os.environ, "SITEURL": "https://www.example.org"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return files(output)


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_two_clean_builds_of_the_same_sources_are_byte_identical(tmp_path, settings):
    first = clean_build(settings, tmp_path / "first")
    second = clean_build(settings, tmp_path / "second")
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, f"these files differ between two builds: {differing}"
