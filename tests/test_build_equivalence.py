"""The shortcuts that make the build fast never change a byte of the site.

A build that reads on every core, reuses its cache and skips unchanged pages,
after a series of edits, must equal a plain serial build of the same sources
made from nothing.
"""

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import edit_one_article, file_name, write_corpus

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 40  # enough for the reader to start worker processes


def build(content, output, shortcuts):
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / f"{output.name}.cache"),
        "BUILD_SHORTCUTS": shortcuts,
        "CACHE_CONTENT": shortcuts,
        "LOAD_CONTENT_CACHE": shortcuts,
        "SEARCH_PAGES_PER_PART": 8,  # a search index in parts, so edits re-index only some
    }
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "from plugins.runner import build;"
        "build(sys.argv[1] + '/pelicanconf.py', json.loads(sys.argv[2]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), json.dumps(overrides)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def files(output):
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def resummarise(content, number, summary):
    path = content / "articles" / file_name(number)
    lines = path.read_text("utf-8").split("\n")
    lines[2] = f"Summary: {summary}"
    path.write_text("\n".join(lines), "utf-8")


def test_a_fast_rebuild_after_edits_equals_a_plain_build_from_nothing(tmp_path):
    content = write_corpus(tmp_path / "content", ARTICLES)
    fast = tmp_path / "fast"
    build(content, fast, shortcuts=True)  # cold: every article read in worker processes
    resummarise(content, 3, "Note: a new summary for the third note")
    build(content, fast, shortcuts=True)  # a summary, which list pages show
    edit_one_article(content, ARTICLES, "first, longer: " + "more words " * 300)
    build(content, fast, shortcuts=True)  # an article's text and reading time
    build(content, fast, shortcuts=True)  # nothing changed
    edit_one_article(content, ARTICLES, "second, longer: " + "more words " * 300)
    build(content, fast, shortcuts=True)  # only its text: same length, same reading time
    about = content / "pages" / "about.md"  # a page, not an article: indexed all the same
    about.write_text(about.read_text("utf-8") + "\n\nA sentence added to the About page.\n")
    build(content, fast, shortcuts=True)

    plain = tmp_path / "plain"
    build(content, plain, shortcuts=False)

    fast_files, plain_files = files(fast), files(plain)
    assert len(json.loads(plain_files["pagefind/parts.json"])) > 1
    assert sorted(fast_files) == sorted(plain_files)
    different = [name for name in plain_files if fast_files[name] != plain_files[name]]
    assert different == []
    lists = b"".join(plain_files[name] for name in plain_files if name.startswith("page/"))
    assert b"Note: a new summary for the third" in lists
    assert b"A sentence added to the About" in plain_files["about/index.html"]
