"""A picture only a draft shows stays private: the preview shows it, the public site does not."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, build
from tests.picture_helpers import photo

DRAFT = """Title: Planned Post
Date: 2026-11-04
Summary: A post that is still being written.
Status: draft

![A calm lake at dawn]({static}/images/private-lake.png)
"""
# Runs in a process of its own: Pelican connects plugins to signals for the whole process.
PUBLIC_BUILD = "import json, sys; from plugins.runner import build; " + (
    "build('publishconf.py', json.loads(sys.argv[1]))"
)


def with_draft(content):
    photo("astronaut.png").save(content / "images" / "private-lake.png")
    (content / "articles" / "planned-post.md").write_text(DRAFT, encoding="utf-8")


def made_from_the_draft_picture(output):
    return sorted(p.name for p in output.rglob("*") if "private-lake" in p.name)


def test_the_public_site_has_no_version_of_a_picture_only_a_draft_shows(minimal_content, tmp_path):
    with_draft(minimal_content)
    output = tmp_path / "public"
    overrides = {"PATH": str(minimal_content), "OUTPUT_PATH": str(output)}
    overrides["CACHE_PATH"] = str(tmp_path / "cache")

    result = subprocess.run(
        [sys.executable, "-c", PUBLIC_BUILD, json.dumps(overrides)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SITEURL": "https://www.example.org"},
        timeout=600,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert not (output / "drafts").exists()
    assert made_from_the_draft_picture(output) == []
    assert any(p.name.startswith("square.") for p in (output / "images").iterdir())


def test_the_preview_still_shows_the_draft_with_its_picture(minimal_content, tmp_path):
    with_draft(minimal_content)
    output = tmp_path / "output"

    result = build(minimal_content, output)

    assert result.returncode == 0, result.stdout + result.stderr
    assert made_from_the_draft_picture(output)
    page = (output / "drafts" / "planned-post" / "index.html").read_text(encoding="utf-8")
    assert "<picture>" in page and "private-lake" in page
