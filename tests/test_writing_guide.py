"""WRITING.md cannot go stale: its fields, examples, commands and sample messages are all tested."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from skimage import data as skimage_data

from tests.conftest import FIXTURES, ROOT, build, invoke, read_page

sys.path.insert(0, str(ROOT))
from plugins.front_matter import FIELDS, read_front_matter  # noqa: E402

PHOTOS = Path(skimage_data.__file__).parent  # real photographs, shipped in scikit-image
GUIDE = (ROOT / "WRITING.md").read_text(encoding="utf-8")
EXAMPLE_FRONT_MATTER = (
    "Title: Formatting examples\nDate: 2026-01-20\nSummary: Every example.\nCategory: Anxiety\n\n"
)


def blocks(language):
    """The code blocks of a language, also those indented inside a list."""
    found = re.findall(rf"^( *)```{language}\n(.*?)^\1```$", GUIDE, re.M | re.S)
    return [re.sub(rf"^{indent}", "", block, flags=re.M) for indent, block in found]


@pytest.fixture
def real_content(tmp_path):
    """A copy of the site's content, with the image the guide's example uses."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "images").mkdir(exist_ok=True)
    shutil.copy(
        FIXTURES / "minimal" / "images" / "square.png", content / "images" / "calm-lake.png"
    )
    # The share image example names a photo large enough to be shared: a real one.
    Image.open(PHOTOS / "coffee.png").save(content / "images" / "calm-lake.jpg")
    return content


def test_the_field_table_matches_the_one_definition():
    table = GUIDE.split("<!-- fields:start -->")[1].split("<!-- fields:end -->")[0]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in table.strip().splitlines()[2:]
    ]
    assert [row[0] for row in rows] == [field.name for field in FIELDS]
    for row, field in zip(rows, FIELDS, strict=True):
        assert row[1] == ", ".join(f"{kind}s" for kind in field.kinds), field.name
        assert row[2] == ("needed" if field.required else "optional"), field.name
        assert row[3] == field.meaning, field.name
        assert row[4] == (f"`{field.name}: {field.example}`" if field.example else ""), field.name


def test_the_complete_post_builds(real_content, tmp_path):
    (post,) = [block for block in blocks("markdown") if block.startswith("Title:")]
    (real_content / "articles" / "coping.md").write_text(post, encoding="utf-8")
    front = read_front_matter(post)
    assert {"title", "date", "summary", "status"} <= set(front.values)
    output = tmp_path / "output"
    result = build(real_content, output)
    assert result.returncode == 0, result.stderr
    page = read_page(output, "drafts/coping-with-panic-attacks/index.html")
    assert page.find("h2", string=re.compile("What helps")) is not None


def test_every_formatting_example_builds_without_problems(real_content, tmp_path):
    snippets = [block for block in blocks("markdown") if not block.startswith(("Title:", "Image:"))]
    article = real_content / "articles" / "formatting-examples.md"
    article.write_text(EXAMPLE_FRONT_MATTER + "\n\n".join(snippets), encoding="utf-8")
    output = tmp_path / "output"
    result = build(real_content, output)
    assert result.returncode == 0, result.stderr
    assert "formatting-examples.md" not in result.stdout, "no suggestions either"
    page = read_page(output, "articles/formatting-examples/index.html")
    prose = page.find(class_="ps-prose")
    for element in ("h2", "h3", "em", "strong", "ul", "ol", "blockquote"):
        assert prose.find(element) is not None, element
    # Published as smaller copies under its own name, never the file as it was saved.
    assert prose.find("img", alt=re.compile("calm lake"))["src"].startswith("/images/calm-lake.")
    assert not (output / "images" / "calm-lake.png").exists()
    hrefs = [a["href"] for a in prose.find_all("a")]
    assert "/articles/ketamine-assisted-psychotherapy-for-anxiety/" in hrefs
    assert "/articles/ketamine-assisted-psychotherapy-for-anxiety/#what-is-kap" in hrefs
    assert "/contact/" in hrefs
    assert prose.find(class_="references") is not None


def test_the_share_image_example_passes_the_check(real_content):
    (example,) = [block for block in blocks("markdown") if block.startswith("Image:")]
    assert example in [b for b in blocks("markdown") if b.startswith("Title:")][0]
    (real_content / "articles" / "shared.md").write_text(
        EXAMPLE_FRONT_MATTER.rstrip("\n") + "\n" + example + "\nText.\n", encoding="utf-8"
    )
    result = invoke("check", "--content", str(real_content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "shared.md" not in result.stdout


def test_every_command_in_the_guide_works(real_content, tmp_path):
    commands = [
        shlex.split(line)
        for block in blocks("sh")
        for line in block.splitlines()
        if line.strip().startswith("invoke ") and "livereload" not in line
    ]
    assert any(command[1] == "new-post" for command in commands)
    assert any(command[1] == "new-page" for command in commands)
    # The import's example files: the tests' own export, and an empty uploads folder.
    (tmp_path / "uploads").mkdir()
    examples = {
        "wordpress-export.xml": str(FIXTURES / "import" / "wordpress.xml"),
        "uploads": str(tmp_path / "uploads"),
    }
    for command in commands:
        if command[1] == "import-posts":
            command = [examples.get(word, word) for word in command] + ["--no-download"]
        result = invoke(*command[1:], "--content", str(real_content))
        assert "Traceback" not in result.stderr
        if command[1] == "publish":
            # Not set up here (test_publish.py publishes for real): it says what is missing.
            assert result.returncode != 0 and "Say where to publish" in result.stderr
            continue
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"


def test_the_undo_commands_bring_back_an_earlier_version(tmp_path):
    post = "content/articles/coping-with-panic-attacks.md"
    git_lines = [
        shlex.split(line.strip())
        for block in blocks("sh")
        for line in block.splitlines()
        if line.strip().startswith("git ")
    ]
    assert [line[1] for line in git_lines] == [
        *("restore", "log", "restore", "add", "commit", "config", "config")
    ]
    restore, log, restore_from, add, commit, *who_you_are = git_lines
    # A new computer: no one's name yet, and --global writes to this test's own home.
    home = tmp_path / "home"
    home.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    environment = {**os.environ, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    for name in ("AUTHOR", "COMMITTER"):
        for detail in ("NAME", "EMAIL"):
            environment.pop(f"GIT_{name}_{detail}", None)

    def git(*arguments):
        done = subprocess.run(
            ["git", *arguments], cwd=site, capture_output=True, text=True, env=environment
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for line in who_you_are:
        git(*line[1:])
    git("init", "-q")
    path = site / post
    path.parent.mkdir(parents=True)
    path.write_text("First version.\n")
    git("add", post)
    git("commit", "-qm", "First version")
    path.write_text("Second version.\n")
    git("commit", "-qam", "Second version")
    path.write_text("An edit gone wrong.\n")

    git(*restore[1:])
    assert path.read_text() == "Second version.\n"
    versions = git(*log[1:]).splitlines()
    assert len(versions) == 2 and versions[1].endswith("First version")
    assert re.match(r"^[0-9a-f]+ \d{4}-\d{2}-\d{2} First version$", versions[1]), "with its day"
    code = versions[1].split()[0]
    git(*[code if part == "a1b2c3d" else part for part in restore_from[1:]])
    assert path.read_text() == "First version.\n"
    picture = site / "content" / "images" / "calm-lake.png"
    picture.parent.mkdir()
    picture.write_bytes(b"a new picture")
    git(*add[1:])
    git(*commit[1:])
    assert len(git(*log[1:]).splitlines()) == 3
    assert "content/images/calm-lake.png" in git("ls-files"), "new pictures are saved too"
    assert git("log", "-1", "--format=%an <%ae>").strip() == "Your Name <you@example.org>"


@pytest.fixture(scope="module")
def all_mistakes_report(tmp_path_factory):
    """What `invoke check` says about a site with every mistake the tests know."""
    content = tmp_path_factory.mktemp("mistakes") / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    for fixture in sorted((FIXTURES / "mistakes").glob("*.md")):
        folder = "pages" if fixture.stem == "unknown-template" else "articles"
        shutil.copy(fixture, content / folder / fixture.name)
    (content / "articles" / "latin1.md").write_bytes(b"Title: Caf\xe9\n\nText.\n")
    result = invoke("check", "--content", str(content))
    return result.stdout + result.stderr


def test_the_sample_messages_are_what_check_really_says(all_mistakes_report):
    samples = blocks("text")
    assert len(samples) >= 2
    for sample in samples:
        assert " ".join(sample.split()) in " ".join(all_mistakes_report.split())


def test_every_kind_of_message_is_explained(all_mistakes_report):
    explained = " ".join(re.findall(r"^### (.*)$", GUIDE, re.M))
    kinds = set(re.findall(r"^  [✗•] .*?\(([^)]+)\)$", all_mistakes_report, re.M))
    assert len(kinds) >= 10
    for kind in kinds:
        unknown = f'"{kind}" is not a field this site knows.' in all_mistakes_report
        assert unknown or f"({kind})" in explained or kind in explained, kind


BROWSER_TEMPLATE = ROOT / "content" / "new-post-template.md"


def test_the_template_for_writing_in_the_browser_is_what_new_post_writes():
    from plugins.new_post import render

    assert "`content`" in GUIDE and f"`{BROWSER_TEMPLATE.name}`" in GUIDE
    expected = render("article", {"Status": "draft"})
    assert BROWSER_TEMPLATE.read_text(encoding="utf-8") == expected, (
        f"Write this into {BROWSER_TEMPLATE.relative_to(ROOT)}:\n{expected}"
    )


def test_a_post_started_from_the_template_as_the_guide_says_is_a_draft(real_content, tmp_path):
    # Title and Date filled in, a line of text written, saved as the guide's example name.
    text = BROWSER_TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("Title:\n", "Title: Coping with panic attacks\n", 1)
    text = text.replace("Date:\n", "Date: 2026-01-20\n", 1) + "A panic attack passes.\n"
    (real_content / "articles" / "coping-with-panic-attacks.md").write_text(text, "utf-8")
    output = tmp_path / "output"
    result = build(real_content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "drafts" / "coping-with-panic-attacks" / "index.html").is_file()
    assert not (output / "articles" / "coping-with-panic-attacks").exists()
    # The template itself, outside content/articles/, is never a page of the site.
    assert not [path for path in output.rglob("*template*") if "theme" not in path.parts]


def test_every_folder_the_guide_sends_her_to_is_there_in_a_fresh_checkout():
    tracked = subprocess.run(
        ["git", "ls-files", "content"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    folders = set(re.findall(r"`(content/[a-z-]+)/?`", GUIDE))
    assert "content/images" in folders
    missing = [folder for folder in folders if f"{folder}/" not in tracked]
    assert not missing, f"WRITING.md names folders a fresh clone does not have: {missing}"
