"""Netlify and Cloudflare Pages can build the public site themselves, handouts aside."""

import os
import shutil
import subprocess
import tomllib

import pytest

from tests.conftest import ROOT, invoke

ADDRESS = "https://psych-site.netlify.app"


def without(*names):
    return {name: value for name, value in os.environ.items() if name not in names}


@pytest.fixture(scope="module")
def host_built(tmp_path_factory):
    output = tmp_path_factory.mktemp("host") / "output"
    result = invoke(
        "host-build", "--output", str(output), env={**without("SITE_OUTPUT"), "SITEURL": ADDRESS}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_the_host_builds_the_public_site_with_its_search_and_headers(host_built):
    home = (host_built / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{ADDRESS}/">' in home
    assert (host_built / "pagefind").is_dir()
    assert (host_built / "_headers").is_file()
    assert (host_built / "sitemap.xml").is_file()


def test_no_article_links_to_a_handout_the_host_cannot_print(host_built):
    for page in host_built.rglob("*.html"):
        assert "data-handout" not in page.read_text(encoding="utf-8"), page
    assert not (host_built / "handouts").exists()


def test_a_host_build_without_an_address_says_where_to_set_it(tmp_path):
    result = invoke("host-build", "--output", str(tmp_path / "output"), env=without("SITEURL"))
    assert result.returncode != 0
    assert "Set SITEURL in the host's settings" in result.stderr


def test_netlify_runs_the_build_script_and_publishes_what_it_builds():
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"] == {
        "command": "scripts/host-build",
        "publish": "output",
        "environment": {"PYTHON_VERSION": "3.11"},
    }


@pytest.mark.slow
def test_the_build_script_sets_up_and_builds_for_the_hosts_address_on_a_fresh_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    try:
        # Netlify names the site's address URL; nothing else is set up on its machines.
        env = {**without("SITEURL", "SITE_OUTPUT", "VIRTUAL_ENV"), "URL": ADDRESS}
        built = subprocess.run(
            ["scripts/host-build"], cwd=clone, env=env, capture_output=True, text=True, timeout=900
        )
        assert built.returncode == 0, built.stdout[-5000:] + built.stderr[-5000:]
        home = (clone / "output" / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{ADDRESS}/">' in home
    finally:
        shutil.rmtree(clone / ".venv", ignore_errors=True)
