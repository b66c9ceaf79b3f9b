"""`invoke handouts` writes an accessible PDF of every article, ready to hand to a client."""

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.runner import build

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITEURL = "https://www.example.org"
KAP = "ketamine-assisted-psychotherapy-for-anxiety"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The real site built for the public address, with its handouts made."""
    output = tmp_path_factory.mktemp("published") / "output"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", SITEURL)
        build(
            ROOT / "publishconf.py",
            {"OUTPUT_PATH": str(output), "CACHE_PATH": str(output) + ".cache"},
        )
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "handouts", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def pdf_text(path):
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_every_article_links_to_a_handout_that_exists(published):
    articles = sorted((published / "articles").glob("*/index.html"))
    assert articles
    for article in articles:
        slug = article.parent.name
        assert f'href="{SITEURL}/handouts/{slug}.pdf"' in article.read_text(encoding="utf-8")
        assert (published / "handouts" / f"{slug}.pdf").is_file()


def test_every_handout_carries_title_address_and_crisis_line(published):
    for article in sorted((published / "articles").glob("*/index.html")):
        slug = article.parent.name
        title = BeautifulSoup(article.read_text(encoding="utf-8"), "html.parser").h1.get_text()
        text = pdf_text(published / "handouts" / f"{slug}.pdf")
        # Long titles and addresses wrap at the end of a line on paper.
        unwrapped = "".join(text.split())
        assert "".join(title.split()) in unwrapped
        assert f"{SITEURL}/articles/{slug}/" in unwrapped
        assert "Stephanie Post, PsyD" in text
        assert "988" in text


def test_handout_is_a_tagged_pdf_for_screen_readers(published):
    info = subprocess.run(
        ["pdfinfo", str(published / "handouts" / f"{KAP}.pdf")], capture_output=True, text=True
    ).stdout
    assert "Tagged:          yes" in info
    assert "Ketamine-Assisted Psychotherapy" in info


def test_handout_is_printed_with_the_sites_print_style_not_as_a_bare_page(published):
    # Without the stylesheet, the skip link, menu and search box would all be printed.
    for handout in sorted((published / "handouts").glob("*.pdf")):
        text = pdf_text(handout)
        assert "Skip to main content" not in text
        assert "Search the articles" not in text
