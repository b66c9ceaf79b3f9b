"""Every built page is valid HTML by the current Nu HTML Checker (npm's vnu-jar)."""

import shutil
import subprocess

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_passes_the_nu_html_checker(site):
    # One run over the whole site: the checker's Java start-up costs more than the pages.
    assert shutil.which("java"), "Java is missing: run scripts/setup --test"
    assert VNU.is_file(), "vnu.jar is missing: run scripts/setup --test"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format=gnu", str(site)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert len(list(site.rglob("*.html"))) > 1
