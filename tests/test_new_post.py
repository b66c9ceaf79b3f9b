"""`invoke new-post` starts a draft from the one front-matter definition, for any title."""

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, build, invoke, read_page

sys.path.insert(0, str(ROOT))
from plugins.front_matter import FIELDS, read_front_matter  # noqa: E402

AWKWARD_TITLE = "Café, l’été & “panic” — don't worry 🌞 不安"
READABLE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def words(element):
    """The words of a heading, whatever spaces typography put between them."""
    return (element if isinstance(element, str) else element.get_text()).split()


def created_path(result):
    return Path(re.search(r"^Created (.+\.md)$", result.stdout, re.M).group(1))


def test_new_post_with_an_awkward_title_is_a_draft_then_published(minimal_content, tmp_path):
    result = invoke("new-post", "--content", str(minimal_content), "--title", AWKWARD_TITLE)
    assert result.returncode == 0, result.stderr
    path = created_path(result)
    assert path.parent == minimal_content / "articles"
    slug = path.stem
    assert READABLE_SLUG.match(slug) and slug.startswith("cafe-lete-panic-dont-worry")
    assert f"http://localhost:8000/drafts/{slug}/" in result.stdout

    front = read_front_matter(path.read_text(encoding="utf-8"))
    assert front.values["title"] == AWKWARD_TITLE
    assert front.values["status"] == "draft"
    assert front.values["slug"] == slug

    output = tmp_path / "output"
    built = build(minimal_content, output)
    assert built.returncode == 0, built.stderr
    draft = read_page(output, f"drafts/{slug}/index.html")
    assert "Draft" in draft.find(class_="ps-draft-note").get_text()
    assert words(draft.h1) == words(AWKWARD_TITLE.replace("'", "’"))
    assert not (output / "articles" / slug).exists()

    text = path.read_text(encoding="utf-8")
    text = text.replace("Status: draft", "Status: published")
    text = text.replace("Summary:", "Summary: What to do when worry will not stop.", 1)
    path.write_text(text, encoding="utf-8")
    built = build(minimal_content, output)
    assert built.returncode == 0, built.stderr
    published = read_page(output, f"articles/{slug}/index.html")
    assert words(published.h1) == words(draft.h1)
    assert published.find(class_="ps-draft-note") is None
    home = read_page(output, "index.html")
    assert f"/articles/{slug}/" in [a.get("href") for a in home.find_all("a")]


def test_new_post_writes_every_field_from_the_one_definition(minimal_content):
    result = invoke(
        "new-post",
        "--content",
        str(minimal_content),
        "--title",
        "Sleep and worry",
        "--category",
        "Sleep",
        "--tags",
        "sleep,  anxiety",
        "--summary",
        "Why worry keeps you awake, and what helps.",
    )
    text = created_path(result).read_text(encoding="utf-8")
    front = read_front_matter(text)
    wanted = [f.name for f in FIELDS if f.new_post and "article" in f.kinds]
    assert list(front.names.values()) == wanted
    assert front.values["category"] == "Sleep"
    assert front.values["tags"] == "sleep, anxiety"
    assert front.values["summary"] == "Why worry keeps you awake, and what helps."
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", front.values["date"])
    for field in FIELDS:
        if field.new_post and "article" in field.kinds:
            assert field.meaning in text, f"the note explains {field.name}"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Тревога и сон", "trevoga-i-son"),
        ("🌞🌞🌞", "post"),
        ("L'anxiété: qu'est-ce que c'est ?", "lanxiete-quest-ce-que-cest"),
    ],
)
def test_slugs_are_readable_ascii_for_any_title(minimal_content, title, slug):
    result = invoke("new-post", "--content", str(minimal_content), "--title", title)
    assert result.returncode == 0, result.stderr
    assert created_path(result).name == f"{slug}.md"


def test_new_post_never_overwrites_an_existing_post(minimal_content):
    first = minimal_content / "articles" / "first-steps.md"
    before = first.read_bytes()
    result = invoke("new-post", "--content", str(minimal_content), "--title", "First Steps")
    assert created_path(result).name == "first-steps-2.md"
    again = invoke("new-post", "--content", str(minimal_content), "--title", "First Steps")
    assert created_path(again).name == "first-steps-3.md"
    assert first.read_bytes() == before


def test_new_post_without_a_title_says_how_to_give_one(minimal_content):
    result = invoke("new-post", "--content", str(minimal_content), "--title", "   ")
    assert result.returncode != 0
    assert 'invoke new-post --title "' in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("task", "example"),
    [
        ("new-post", 'invoke new-post --title "Coping with panic attacks"'),
        ("new-page", 'invoke new-page --title "About me"'),
    ],
)
def test_leaving_out_the_title_says_how_to_give_one_in_plain_words(minimal_content, task, example):
    result = invoke(task, "--content", str(minimal_content))
    assert result.returncode != 0
    assert example in result.stderr
    assert "positional" not in result.stderr and "Traceback" not in result.stderr


def test_new_post_typed_in_a_terminal_without_a_title_asks_for_it(minimal_content):
    # A terminal of its own, as when she types the command: the task can ask and read.
    main, terminal = pty.openpty()
    task = subprocess.Popen(
        [sys.executable, "-m", "invoke", "new-post", "--category", "Anxiety"]
        + ["--content", str(minimal_content)],
        cwd=ROOT,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    os.write(main, b"Coping with panic attacks\n")
    printed = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the task has finished and closed the terminal
            break
        if not chunk:
            break
        printed += chunk
    os.close(main)
    assert task.wait(timeout=60) == 0, printed.decode()
    assert "What is the title of the new post?" in printed.decode()
    assert (minimal_content / "articles" / "coping-with-panic-attacks.md").is_file()


def test_new_page_is_a_draft_page_that_does_not_take_a_site_folder(minimal_content, tmp_path):
    result = invoke("new-page", "--content", str(minimal_content), "--title", "Tags")
    assert result.returncode == 0, result.stderr
    path = created_path(result)
    assert path.parent == minimal_content / "pages" and path.name == "tags-2.md"
    front = read_front_matter(path.read_text(encoding="utf-8"))
    assert list(front.names.values()) == [
        f.name for f in FIELDS if f.new_post and "page" in f.kinds
    ]
    assert "http://localhost:8000/drafts/pages/tags-2/" in result.stdout
    output = tmp_path / "output"
    assert build(minimal_content, output).returncode == 0
    assert (output / "drafts" / "pages" / "tags-2" / "index.html").is_file()


@pytest.mark.parametrize("argument", ["--title", "--category", "--tags", "--summary"])
def test_a_line_break_in_an_argument_never_becomes_a_field_of_its_own(minimal_content, argument):
    value = "anxiety\nSave_as: leaked/index.html"
    arguments = ["--title", "Sleep"] if argument != "--title" else []
    result = invoke("new-post", *arguments, argument, value, "--content", str(minimal_content))

    assert result.returncode != 0
    assert f"The {argument} value contains a line break" in result.stderr
    assert "Type it on one line" in result.stderr
    assert sorted(p.name for p in (minimal_content / "articles").iterdir()) == [
        "first-steps.md",
        "second-steps.md",
    ]


def translate(content, *arguments):
    return invoke("new-post", "--content", str(content), *arguments)


def test_a_translation_starts_as_a_draft_copy_with_the_same_slug(minimal_content, tmp_path):
    result = translate(minimal_content, "--lang", "es", "--from", "articles/first-steps.md")
    assert result.returncode == 0, result.stderr
    path = created_path(result)
    assert path == minimal_content / "articles" / "first-steps-es.md"
    assert "drafts/es/first-steps/" in result.stdout
    text = path.read_text(encoding="utf-8")
    front = read_front_matter(text)
    assert front.values["slug"] == "first-steps"  # the original's, made from its title
    assert front.values["lang"] == "es" and front.values["status"] == "draft"
    assert front.values["title"] == "First Steps"  # for her to translate in place
    assert (front.values["category"], front.values["tags"]) == ("Testing", "example")
    assert "Translate the Title, the Summary" in text
    assert "This article is here so that a fixture site has something to show." in text

    translated = text.replace("Title: First Steps", "Title: Primeros pasos")
    path.write_text(translated.replace("Status: draft", "Status: published"), encoding="utf-8")
    checked = invoke("check", "--content", str(minimal_content))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "first-steps-es.md" not in checked.stdout
    output = tmp_path / "output"
    built = build(minimal_content, output)
    assert built.returncode == 0, built.stdout + built.stderr
    spanish = [p for p in output.rglob("*.html") if "Primeros pasos" in p.read_text("utf-8")]
    assert spanish, "the translation is published"


def test_a_translation_may_be_given_its_translated_title_at_once(minimal_content):
    result = translate(
        minimal_content,
        "--lang",
        "es",
        "--from",
        "articles/first-steps.md",
        "--title",
        "Primeros pasos",
    )
    front = read_front_matter(created_path(result).read_text(encoding="utf-8"))
    assert (front.values["title"], front.values["slug"]) == ("Primeros pasos", "first-steps")


def test_translating_a_file_that_does_not_exist_names_the_nearest_one(minimal_content):
    result = translate(minimal_content, "--lang", "es", "--from", "articles/frist-steps.md")
    assert result.returncode != 0
    assert 'There is no file "articles/frist-steps.md" to translate.' in result.stderr
    assert "Did you mean content/articles/first-steps.md?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_language_the_site_is_not_translated_into_is_refused(minimal_content):
    result = translate(minimal_content, "--lang", "spanish", "--from", "articles/first-steps.md")
    assert result.returncode != 0
    assert '"spanish" is not a language this site is translated into (es (Español))' in (
        result.stderr
    )
    assert "Did you mean --lang es?" in result.stderr
    french = translate(minimal_content, "--lang", "fr", "--from", "articles/first-steps.md")
    assert french.returncode != 0 and "LANGUAGES in pelicanconf.py" in french.stderr
    assert not list((minimal_content / "articles").glob("*-es.md"))


def test_a_second_translation_into_the_same_language_points_to_the_first(minimal_content):
    first = translate(minimal_content, "--lang", "es", "--from", "articles/first-steps.md")
    assert first.returncode == 0, first.stderr
    again = translate(minimal_content, "--lang", "es", "--from", "articles/first-steps.md")
    assert again.returncode != 0
    assert "content/articles/first-steps-es.md already translates" in again.stderr
    assert len(list((minimal_content / "articles").glob("first-steps-es*.md"))) == 1


def test_a_translation_is_not_translated_again(minimal_content):
    translate(minimal_content, "--lang", "es", "--from", "articles/first-steps.md")
    again = translate(minimal_content, "--lang", "es", "--from", "articles/first-steps-es.md")
    assert "is itself a translation" in again.stderr


def test_lang_without_from_says_how_to_name_the_original(minimal_content):
    result = translate(minimal_content, "--lang", "es", "--title", "Hola")
    assert result.returncode != 0
    assert "invoke new-post --lang es --from content/articles/" in result.stderr
    assert "Translation: false" in result.stderr
