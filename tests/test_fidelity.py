"""Fidelity: the clinician's words are published as she wrote them."""

import re
import unicodedata

from tests.conftest import FIXTURES, KAP_ARTICLE, ROOT, read_page

MANUSCRIPT = (FIXTURES / "manuscript.txt").read_text(encoding="utf-8")
SEED = ROOT.parent / "shared" / "seeds" / "000_55e8236cc3983bef.txt"
PARAGRAPHS = [line.strip() for line in MANUSCRIPT.splitlines() if line.strip()]
BIO = PARAGRAPHS[-2]  # the last paragraph before the leftover "Comments"
ARTICLE_PARAGRAPHS = PARAGRAPHS[:-2]


def normalise(text):
    """Undo typography, so curly and straight quotes, dashes and spaces compare equal."""
    text = unicodedata.normalize("NFKC", text)
    for fancy, plain in {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "•": "",
        "\u00a0": " ",
    }.items():
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", " ", text).strip()


def sentences(text):
    return [s for s in re.split(r"(?<=[.?!:])\s+", normalise(text)) if s]


def page_text(site, page):
    return normalise(read_page(site, page).find("main").get_text(" "))


def test_the_copy_of_the_manuscript_is_the_clinicians_original():
    if SEED.is_file():
        assert SEED.read_text(encoding="utf-8") == MANUSCRIPT


def test_every_sentence_of_the_manuscript_appears_in_the_kap_article(site):
    text = page_text(site, KAP_ARTICLE)
    missing = [s for p in ARTICLE_PARAGRAPHS for s in sentences(p) if s not in text]
    assert not missing, missing


def test_every_sentence_of_the_bio_appears_on_the_about_page(site):
    text = page_text(site, "about/index.html")
    missing = [s for s in sentences(BIO) if s not in text]
    assert not missing, missing


def test_the_leftover_comments_heading_is_not_published(site):
    assert PARAGRAPHS[-1] == "Comments"
    soup = read_page(site, KAP_ARTICLE)
    assert "Comments" not in soup.find("article").get_text()


def test_the_closing_invitation_links_to_the_contact_page(site):
    soup = read_page(site, KAP_ARTICLE)
    link = soup.find("a", string=re.compile("reach out to me"))
    assert link is not None and link["href"].rstrip("/").endswith("/contact")
