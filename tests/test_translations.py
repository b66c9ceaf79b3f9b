"""A translation gets a page in its own language, and readers and search engines find both.

The fixture site is the minimal one plus tests/fixtures/translated/primeros-pasos.md, a
Spanish translation of its article First Steps (same Slug, `Lang: es`), written for the tests.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from jinja2.ext import babel_extract
from lxml import etree

from plugins.languages.catalog import CatalogError, read_po
from tests import test_valid_html
from tests.conftest import FIXTURES, ROOT, build, files
from tests.trust_helpers import build_with, soup, text

SITEURL = "https://example.org"
SPANISH = "es/articles/first-steps/index.html"
ENGLISH = "articles/first-steps/index.html"
CATALOG = ROOT / "theme" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
# A short Spanish article has a table of contents too, so the test sees its label.
SHORT_TOC = {"TOC_MIN_WORDS": 10, "TOC_MIN_HEADINGS": 1}
# What the interface says on an English page, and must not say on a Spanish one.
ENGLISH_WORDS = (
    "Skip to main content",
    "In crisis or thinking about suicide?",
    "Call 988",
    "Text 988",
    "More ways to get help now",
    "On this page",
    "min read",
    "Published",
    "Page last reviewed",
    "Next review due",
    "Printable handout",
    "Education, not treatment advice",
    "About the author",
    "All articles",
    "Get help now",
    "Privacy",
    "Search",
    "They do not replace care",
    "Clinical psychologist",
    ">Contact<",
)
SPANISH_WORDS = (
    "Saltar al contenido principal",
    "¿Está en crisis o pensando en el suicidio?",
    "Llame al 988 y oprima 2",
    "En esta página",
    "min de lectura",
    "Publicado el 20 de enero de 2026",
    "Última revisión de la página: 20 de enero de 2026",
    "Próxima revisión: 20 de enero de 2029",
    "Hoja informativa para imprimir (PDF)",
    "Educación, no consejos de tratamiento",
    "Sobre la autora",
    "Todos los artículos",
    "Obtenga ayuda ahora",
    "Privacidad",
    "Buscar",
    "No reemplazan la atención",
    "Contacto",
)


def minimal_content(folder):
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    return content


def translated_content(folder):
    content = minimal_content(folder)
    shutil.copy(FIXTURES / "translated" / "primeros-pasos.md", content / "articles")
    return content


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The public build of the fixture site with its Spanish translation, and without it."""
    folder = tmp_path_factory.mktemp("languages")
    public = {"SITEURL": SITEURL}
    translated = build_with(
        folder / "translated",
        "publishconf",
        content=translated_content(folder / "with"),
        env=public,
        **SHORT_TOC,
    )
    plain = build_with(
        folder / "plain", "publishconf", content=minimal_content(folder / "without"), env=public
    )
    return translated, plain


@pytest.fixture(scope="module")
def site(sites):
    return sites[0]


def page_text(document):
    return text(document.body)


def alternates(document):
    return {
        link["hreflang"]: link["href"]
        for link in document.select("head link[rel=alternate][hreflang]")
    }


def test_the_spanish_page_is_marked_spanish_for_browsers_screen_readers_and_search(site):
    document = soup(site, SPANISH)
    assert document.html["lang"] == "es"
    data = json.loads(document.select_one("script[type='application/ld+json']").string)
    assert data["inLanguage"] == "es"
    assert soup(site, ENGLISH).html["lang"] == "en"


def test_every_interface_word_on_the_spanish_page_is_spanish(site):
    document = soup(site, SPANISH)
    shown = page_text(document) + " ".join(f">{text(a)}<" for a in document.select("nav a"))
    assert [words for words in SPANISH_WORDS if words not in shown] == []
    assert [words for words in ENGLISH_WORDS if words in shown] == []


def test_the_english_original_keeps_its_english_interface(site):
    shown = page_text(soup(site, ENGLISH))
    assert "Skip to main content" in shown
    assert "Published 15 January 2026" in shown
    assert "min de lectura" not in shown


def test_the_crisis_line_on_spanish_pages_gives_988s_spanish_options(site):
    for page in (SPANISH, "es/index.html", "search/es/index.html"):
        block = soup(site, page).select_one("aside.ps-crisis")
        links = {a["href"]: text(a) for a in block.find_all("a")}
        assert links["tel:988"] == "Llame al 988 y oprima 2"
        assert links["sms:988?body=AYUDA"] == "Envíe AYUDA al 988"
        assert links["https://988lifeline.org/es/"] == "Chatee en español en 988lifeline.org"
        assert links["tel:911"] == "Llame al 911"
        # Get help now is in English: the link leads to its Spanish section, and says so.
        assert links[f"{SITEURL}/get-help/#ps-help-es"].endswith("(en inglés)")
    get_help = soup(site, "get-help/index.html")
    assert get_help.find(id="ps-help-es").find_parent("section")["lang"] == "es"


def test_each_version_lists_every_language_and_x_default_with_whole_addresses(site):
    expected = {
        "en": f"{SITEURL}/articles/first-steps/",
        "es": f"{SITEURL}/es/articles/first-steps/",
        "x-default": f"{SITEURL}/articles/first-steps/",
    }
    assert alternates(soup(site, ENGLISH)) == expected
    assert alternates(soup(site, SPANISH)) == expected
    homes = {"en": f"{SITEURL}/", "es": f"{SITEURL}/es/", "x-default": f"{SITEURL}/"}
    assert alternates(soup(site, "index.html")) == homes
    assert alternates(soup(site, "es/index.html")) == homes
    # An article with no translation names no other language.
    assert alternates(soup(site, "articles/second-steps/index.html")) == {}


def test_the_sitemap_lists_every_language_version_of_each_page(site):
    tree = etree.parse(str(site / "sitemap.xml"))
    names = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    by_loc = {
        url.findtext("s:loc", namespaces=names): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", names)
        }
        for url in tree.getroot().findall("s:url", names)
    }
    expected = {
        "en": f"{SITEURL}/articles/first-steps/",
        "es": f"{SITEURL}/es/articles/first-steps/",
        "x-default": f"{SITEURL}/articles/first-steps/",
    }
    assert by_loc[f"{SITEURL}/articles/first-steps/"] == expected
    assert by_loc[f"{SITEURL}/es/articles/first-steps/"] == expected
    assert by_loc[f"{SITEURL}/articles/second-steps/"] == {}


def test_a_visible_switch_leads_to_the_other_language_marked_as_that_language(site):
    to_spanish = soup(site, ENGLISH).select_one("nav.ps-language a")
    assert (text(to_spanish), to_spanish["lang"], to_spanish["hreflang"]) == ("Español", "es", "es")
    assert to_spanish["href"] == f"{SITEURL}/es/articles/first-steps/"
    to_english = soup(site, SPANISH).select_one("nav.ps-language a")
    assert (text(to_english), to_english["lang"], to_english["hreflang"]) == ("English", "en", "en")
    assert to_english["href"] == f"{SITEURL}/articles/first-steps/"
    home_switch = soup(site, "es/index.html").select_one("nav.ps-language a")
    assert home_switch["href"] == f"{SITEURL}/"
    assert soup(site, "articles/second-steps/index.html").select_one("nav.ps-language") is None


def test_the_spanish_home_lists_only_the_spanish_articles_and_has_its_own_feed(site):
    home = soup(site, "es/index.html")
    assert home.html["lang"] == "es"
    data = json.loads(home.select_one("script[type='application/ld+json']").string)
    assert (data["inLanguage"], data["url"]) == ("es", f"{SITEURL}/es/")
    listed = [a["href"] for a in home.select(".ps-list__title a")]
    assert listed == [f"{SITEURL}/es/articles/first-steps/"]
    assert "Artículos más recientes" in text(home.h1)
    feed_link = home.select_one("head link[type='application/atom+xml']")
    assert feed_link["href"] == f"{SITEURL}/feeds/all-es.atom.xml"
    feed = feedparser.parse((site / "feeds" / "all-es.atom.xml").read_bytes())
    assert [entry.link for entry in feed.entries] == [f"{SITEURL}/es/articles/first-steps/"]
    # Its header leads home to the Spanish home, and its search searches in Spanish.
    assert home.select_one(".ps-header__name")["href"] == f"{SITEURL}/es/"
    assert home.select_one("form[role=search]")["action"] == f"{SITEURL}/search/es/"
    english_home = [a["href"] for a in soup(site, "index.html").select(".ps-list__title a")]
    assert f"{SITEURL}/es/articles/first-steps/" not in english_home
    # The English feed is English: a reader of one language gets no copies in another.
    english = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes())
    assert sorted(entry.link for entry in english.entries) == [
        f"{SITEURL}/articles/first-steps/",
        f"{SITEURL}/articles/second-steps/",
    ]


def test_the_spanish_search_page_speaks_spanish_to_its_script(site):
    page = soup(site, "search/es/index.html")
    assert page.html["lang"] == "es"  # Pagefind searches the index of the page's language
    status = page.select_one("[data-search-status]")
    assert status["data-none"] == "Ninguna página coincide con «{query}». Pruebe con otra palabra."
    entry = json.loads(next((site / "pagefind").glob("*/pagefind-entry.json")).read_text())
    assert sorted(entry["languages"]) == ["en", "es"]
    # Pagefind may compile its WebAssembly there, as on the English search page.
    policy = page.select_one("meta[http-equiv=Content-Security-Policy]")["content"]
    assert "'wasm-unsafe-eval'" in policy


def test_the_spanish_page_links_only_to_pages_that_exist(site):
    document = soup(site, SPANISH)
    for link in document.select("a[href^='https://example.org/']"):
        path = link["href"].removeprefix(SITEURL + "/").split("#")[0]
        target = site / path / "index.html" if not path or path.endswith("/") else site / path
        if "handouts/" in path:
            continue  # printed by `invoke publish`, after the build
        assert target.is_file(), f"{link['href']} is not a page"
    # Its neighbours are Spanish: no "Newer" link to an English article.
    assert document.select_one(".ps-neighbors") is None


def test_the_spanish_page_has_its_own_handout_not_the_english_one(site):
    # `invoke publish` prints each page that links to a handout into the file it names.
    handouts = {
        page: soup(site, page).select_one("a[data-handout]")["href"] for page in (ENGLISH, SPANISH)
    }
    assert handouts == {
        ENGLISH: f"{SITEURL}/handouts/first-steps.pdf",
        SPANISH: f"{SITEURL}/handouts/es/first-steps.pdf",
    }


def test_every_page_of_a_site_with_a_translation_is_valid_html(site):
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(test_valid_html.VNU),
            "--skip-non-html",
            "--errors-only",
            "--format=gnu",
            str(site),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_missing_page_says_so_in_spanish_too(sites):
    translated, plain = sites
    spanish = soup(translated, "404.html").find("section", lang="es")
    assert "Página no encontrada" in text(spanish)
    assert spanish.a["href"] == f"{SITEURL}/es/"
    assert soup(plain, "404.html").find(lang="es") is None


def test_a_site_without_translations_shows_nothing_of_this(sites):
    translated, plain = sites
    made = {path.relative_to(plain).as_posix() for path in plain.rglob("*") if path.is_file()}
    assert not [path for path in made if path.startswith("es/") or "all-es" in path]
    spanish_only = {
        path.relative_to(translated).as_posix()
        for path in translated.rglob("*")
        if path.is_file() and "pagefind" not in path.parts
    } - made
    assert {p for p in spanish_only if not p.startswith("images/")} == {
        "es/index.html",
        "search/es/index.html",
        SPANISH,
        "feeds/all-es.atom.xml",
    }
    for path in plain.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "hreflang" not in html and "ps-language" not in html, path
    assert "xhtml:link" not in (plain / "sitemap.xml").read_text(encoding="utf-8")


def test_a_spanish_draft_stays_private_in_the_public_build(tmp_path):
    content = translated_content(tmp_path)
    draft = content / "articles" / "segundos-pasos.md"
    draft.write_text(
        "Title: Segundos pasos\nDate: 2026-01-21\nSummary: Un borrador.\nSlug: second-steps\n"
        "Lang: es\nStatus: draft\n\nUn borrador en español.\n",
        encoding="utf-8",
    )
    output = build_with(tmp_path / "out", "publishconf", content=content, env={"SITEURL": SITEURL})
    assert not (output / "drafts").exists()
    assert not (output / "es" / "articles" / "second-steps").exists()


def test_the_kap_article_with_a_spanish_translation_builds_and_publishes(tmp_path):
    # The translation is a test's own, added to a copy: she has not written one.
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(FIXTURES / "translated" / "kap-es.md", content / "articles")
    output = build_with(tmp_path / "out", "publishconf", content=content, env={"SITEURL": SITEURL})
    slug = "ketamine-assisted-psychotherapy-for-anxiety"
    spanish = soup(output, f"es/articles/{slug}/index.html")
    assert spanish.html["lang"] == "es"
    assert alternates(spanish)["en"] == f"{SITEURL}/articles/{slug}/"
    assert alternates(soup(output, f"articles/{slug}/index.html"))["es"] == (
        f"{SITEURL}/es/articles/{slug}/"
    )


def test_adding_a_translation_to_a_built_site_links_the_original_to_it(tmp_path):
    # A rebuild reuses pages an edit cannot change (plugins/unchanged_pages.py): a new
    # translation changes its original's page, the home and the 404 page.
    content = minimal_content(tmp_path)
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    assert soup(output, ENGLISH).select_one("nav.ps-language") is None
    shutil.copy(FIXTURES / "translated" / "primeros-pasos.md", content / "articles")
    result = build(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert soup(output, ENGLISH).select_one("nav.ps-language a")["hreflang"] == "es"
    assert soup(output, "index.html").select_one("nav.ps-language a")["href"] == "/es/"
    assert soup(output, "404.html").find("section", lang="es") is not None
    # And taken away again, it leaves nothing behind.
    (content / "articles" / "primeros-pasos.md").unlink()
    assert build(content, output).returncode == 0
    assert not (output / "es").exists()
    assert soup(output, ENGLISH).select_one("nav.ps-language") is None


def test_a_site_with_a_translation_builds_the_same_bytes_every_time(site, tmp_path):
    again = build_with(
        tmp_path / "again",
        "publishconf",
        content=translated_content(tmp_path),
        env={"SITEURL": SITEURL},
        **SHORT_TOC,
    )
    assert files(again) == files(site)


# The catalog: another language is a translator's file.


def interface_messages():
    """Every msgid the templates ask for, as Babel would extract them."""
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
    found = set()
    for path in sorted((ROOT / "theme" / "templates").rglob("*.html")):
        with path.open("rb") as file:
            for _, _function, message, _ in babel_extract(
                file, ("_", "gettext", "ngettext", "gettext_in"), [], options
            ):
                messages = message if isinstance(message, tuple) else (message,)
                found.update(m for m in messages if m)
    return found


def placeholders(message):
    return sorted(re.findall(r"%\(\w+\)s|\{\w+\}|<[^>]+>", message))


def test_the_spanish_catalog_translates_every_interface_word(tmp_path):
    catalog = read_po(CATALOG.read_text(encoding="utf-8"), name=str(CATALOG))
    wanted = interface_messages()
    assert len(wanted) > 40
    assert sorted(wanted - set(catalog)) == []
    # A translation keeps every placeholder and tag of the English words.
    for message in wanted:
        assert placeholders(catalog[message]) == placeholders(message), message
    # The theme writes its words as they are, in text and in attributes: words without a
    # tag have no character that HTML reads as markup.
    for message in wanted:
        if "<" not in message:
            assert not set('<>"&') & set(catalog[message]), message


def test_a_broken_catalog_line_is_named_with_its_file_and_line():
    with pytest.raises(CatalogError, match=r"es\.po, line 3: a text must be in double quotes"):
        read_po('msgid "Search"\nmsgstr "Buscar"\nmsgid Search\n', name="es.po")


def test_fuzzy_and_empty_translations_show_the_english_words():
    catalog = read_po(
        '#, fuzzy\nmsgid "Search"\nmsgstr "Buscarr"\n\nmsgid "Tags"\nmsgstr ""\n\n'
        'msgid "Topics"\nmsgstr ""\n"Te"\n"mas"\n',
        name="es.po",
    )
    assert catalog == {"Topics": "Temas"}


def test_the_readme_says_how_to_add_a_language():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Languages", 1)[1].split("\n## ", 1)[0]
    for needed in ("LANGUAGES", "messages.po", "SETTINGS_BY_LANG"):
        assert needed in section


def test_fixture_translation_is_marked_as_written_for_the_tests():
    for path in (FIXTURES / "translated").glob("*.md"):
        assert "prueba" in Path(path).read_text(encoding="utf-8")


def test_the_references_of_a_spanish_article_are_named_in_spanish(tmp_path):
    # The heading and the links back are made while the post is read (plugins/markdown_reader.py).
    content = translated_content(tmp_path / "with")
    translation = content / "articles" / "primeros-pasos.md"
    cited = "\n\nUna frase con fuente.[^guia] Y otra más.[^guia]\n\n[^guia]: Una guía pública.\n"
    translation.write_text(translation.read_text(encoding="utf-8") + cited, encoding="utf-8")
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    document = BeautifulSoup((output / SPANISH).read_text(encoding="utf-8"), "html.parser")
    assert document.select_one("section.references h2").get_text() == "Referencias"
    labels = [link["aria-label"] for link in document.select("a.footnote-backref")]
    assert labels == [
        "Volver a donde se cita la referencia 1",
        "Volver a donde se cita la referencia 1 (cita 2)",
    ]
