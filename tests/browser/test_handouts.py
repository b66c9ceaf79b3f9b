"""`invoke handouts` writes an accessible PDF of every article, ready to hand to a client."""

import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from plugins.runner import build
from tests.picture_helpers import PHOTOS, content_with

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
    make_handouts(output)
    return output


def make_handouts(output):
    """`invoke handouts`, in its own process: this one already runs the tests' browser."""
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "handouts", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Nothing but the list of handouts written: no warning from the PDF step.
    assert result.stderr == "", result.stderr


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
        assert "Search this site" not in text


def test_a_handout_printed_again_is_the_same_file_so_a_deploy_leaves_it_alone(published):
    handouts = sorted((published / "handouts").glob("*.pdf"))
    before = [handout.read_bytes() for handout in handouts]
    time.sleep(1.1)  # Chromium's own stamp counts seconds
    make_handouts(published)
    assert [handout.read_bytes() for handout in handouts] == before


def test_a_handout_is_dated_by_the_articles_last_change_not_the_day_it_was_printed(published):
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(published / "handouts" / f"{KAP}.pdf")],
        capture_output=True,
        text=True,
    ).stdout
    dates = dict(line.split(":", 1) for line in info.splitlines() if "Date:" in line)
    page = (published / "articles" / KAP / "index.html").read_text(encoding="utf-8")
    modified = datetime.fromisoformat(
        page.split('property="article:modified_time" content="')[1].split('"')[0]
    )
    # pdfinfo writes the offset -08:00 as -08.
    stamped = {name: datetime.fromisoformat(value.strip()) for name, value in dates.items()}
    assert stamped == {"CreationDate": modified, "ModDate": modified}


def test_a_handout_names_neither_the_browser_nor_the_operating_system_it_was_printed_on(
    published,
):
    for handout in sorted((published / "handouts").glob("*.pdf")):
        info = PdfReader(handout).metadata
        assert sorted(info) == ["/CreationDate", "/ModDate", "/Title"]
        assert "Stephanie Post, PsyD" in info["/Title"]
        printed = handout.read_bytes()
        for trace in (b"HeadlessChrome", b"Mozilla/", b"Linux", b"Skia"):
            assert trace not in printed, f"{handout.name} still says {trace.decode()}"


def test_a_site_in_a_folder_gets_its_handouts_where_its_links_point(tmp_path):
    # A GitHub Pages project site lives at https://name.github.io/clinic/.
    output = tmp_path / "output"
    build(
        ROOT / "publishconf.py",
        {
            "SITEURL": "https://name.github.io/clinic",
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output) + ".cache",
        },
    )
    make_handouts(output)
    handout = output / "handouts" / f"{KAP}.pdf"
    assert handout.is_file()
    assert not (output / "clinic").exists()
    # Its stylesheet was found too, under the folder's address.
    assert "Skip to main content" not in pdf_text(handout)


FAKE_NUMBER = "555-0100"
# What could slip into a built page and change the crisis number on paper alone.
SLIPPED_IN = {
    "an inline script": (
        "</body>",
        "<script>document.body.innerHTML = "
        f"document.body.innerHTML.replaceAll('988', '{FAKE_NUMBER}')</script></body>",
    ),
    "a script from another website": (
        "</body>",
        '<script src="https://evil.example/number.js"></script></body>',
    ),
    "an inline style": (
        "</head>",
        "<style>.ps-crisis { display: none } main::before { content: "
        f'"Call {FAKE_NUMBER}" }}</style></head>',
    ),
}


@pytest.mark.parametrize("payload", SLIPPED_IN.values(), ids=SLIPPED_IN.keys())
def test_a_handout_keeps_the_real_crisis_number_when_something_slips_into_the_page(
    published, tmp_path, payload
):
    # The page's own policy refuses inline scripts and styles and other websites' files,
    # for readers; the handout is printed under the same policy, so it says what they see.
    output = tmp_path / "output"
    shutil.copytree(published, output)
    (output / "number.js").write_text(
        f"document.body.innerHTML = document.body.innerHTML.replaceAll('988', '{FAKE_NUMBER}')",
        encoding="utf-8",
    )
    page = output / "articles" / KAP / "index.html"
    before, after = payload
    page.write_text(page.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
    make_handouts(output)
    text = pdf_text(output / "handouts" / f"{KAP}.pdf")
    assert FAKE_NUMBER not in text
    assert "Call 988" in text


def test_a_handout_shows_every_picture_not_only_the_first(tmp_path):
    # Pictures after the first load as a reader scrolls near them. Chromium starts them as
    # it prints, and used to print before some had come: paper has no scroll to wait for.
    content = content_with(tmp_path)
    for name in ("astronaut.png", "chelsea.png", "coffee.png"):
        shutil.copy(PHOTOS / name, content / "images" / name)
    with (content / "articles" / "first-steps.md").open("a", encoding="utf-8") as article:
        article.write("\n\n![An astronaut in front of a flag]({static}/images/astronaut.png)\n")
        article.write("\n\nWords between.\n\n![A tabby cat]({static}/images/chelsea.png)\n")
        article.write("\n\nWords after.\n\n![A cup of coffee]({static}/images/coffee.png)\n")
    output = tmp_path / "output"
    build(
        ROOT / "publishconf.py",
        {
            "PATH": str(content),
            "SITEURL": SITEURL,
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output) + ".cache",
        },
    )
    page = (output / "articles" / "first-steps" / "index.html").read_text(encoding="utf-8")
    assert page.count('loading="lazy"') == 3
    make_handouts(output)
    pictures = subprocess.run(
        ["pdfimages", "-list", str(output / "handouts" / "first-steps.pdf")],
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    assert len(pictures) == 4


def test_a_spanish_translation_gets_its_own_handout_in_spanish(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    original = (content / "articles" / f"{KAP}.md").read_text(encoding="utf-8")
    fields, _ = original.split("\n\n", 1)
    kept = [line for line in fields.splitlines() if line.split(":")[0] in ("Date", "Category")]
    (content / "articles" / f"{KAP}-es.md").write_text(
        "\n".join(
            [
                "Title: Psicoterapia asistida con ketamina para la ansiedad",
                "Summary: Qué es la psicoterapia asistida con ketamina y a quién puede ayudar.",
                *kept,
                f"Slug: {KAP}",
                "Lang: es",
                "Reviewed: 2026-12-01",
                "",
                "La ansiedad puede sentirse como una tormenta que no cesa. Hable con un "
                "profesional de la salud si la preocupación no le deja dormir.",
                "",
            ]
        ),
        encoding="utf-8",
    )
    output = tmp_path / "output"
    build(
        ROOT / "publishconf.py",
        {
            "PATH": str(content),
            "SITEURL": SITEURL,
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output) + ".cache",
        },
    )
    make_handouts(output)
    spanish = output / "handouts" / "es" / f"{KAP}.pdf"
    english = output / "handouts" / f"{KAP}.pdf"
    assert spanish.is_file() and english.is_file()
    assert "Psicoterapia asistida con ketamina" in "".join(pdf_text(spanish).splitlines())
    assert "Psicoterapia" not in pdf_text(english)  # each language keeps its own handout
    assert PdfReader(spanish).trailer["/Root"]["/Lang"] == "es"
    assert PdfReader(english).trailer["/Root"]["/Lang"] == "en"
