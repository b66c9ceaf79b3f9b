"""`invoke publish` settles everything first, and empties only a folder it built before."""

import subprocess
import sys

from tests.conftest import NOTE, REMOVED_ARTICLE, ROOT

SITEURL = "https://www.example.org"
# A machine without the test tools: pytest cannot be imported.
WITHOUT_PYTEST = (
    "import sys; sys.modules['pytest'] = None; "
    "from invoke.main import program; program.run(['invoke', *sys.argv[1:]])"
)


def publish(*arguments, python=("-m", "invoke")):
    return subprocess.run(
        [sys.executable, *python, "publish", "--siteurl", SITEURL, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def test_a_folder_with_someones_documents_is_never_emptied_by_publish(tmp_path):
    documents = tmp_path / "Documents"
    (documents / "Taxes").mkdir(parents=True)
    (documents / "letter to Sam.txt").write_text("Dear Sam,\n")
    (documents / "Taxes" / "2026.pdf").write_bytes(b"%PDF-1.7 receipts")
    before = snapshot(documents)

    result = publish("--target", "check", "--output", str(documents))

    assert result.returncode != 0
    assert f"{documents} is not a folder that publish built for this site" in result.stderr
    assert "letter to Sam.txt" in result.stderr
    assert snapshot(documents) == before


def test_without_the_test_tools_publish_says_how_to_get_them_and_builds_nothing(tmp_path):
    staging = tmp_path / "staging"

    result = publish("--target", "check", "--output", str(staging), python=("-c", WITHOUT_PYTEST))

    assert result.returncode != 0
    assert "scripts/setup --test" in result.stderr
    assert not staging.exists()


def test_a_git_remote_that_does_not_answer_stops_publish_before_it_builds(tmp_path):
    staging = tmp_path / "staging"

    result = publish(
        "--target", "github-pages", "--remote", str(tmp_path / "no-such.git"), "--output", staging
    )

    assert result.returncode != 0
    assert "Could not reach the git remote" in result.stderr
    assert not staging.exists()


def test_publishing_again_replaces_its_own_previous_build(tmp_path, minimal_content):
    staging = tmp_path / "staging"
    note = minimal_content / "articles" / "a-note-to-remove.md"
    note.write_text(NOTE, encoding="utf-8")
    common = ("--target", "check", "--content", str(minimal_content), "--output", str(staging))
    first = publish(*common)
    assert first.returncode == 0, first.stdout + first.stderr
    note.unlink()

    again = publish(*common)

    assert again.returncode == 0, again.stdout + again.stderr
    assert not (staging / REMOVED_ARTICLE).exists(), "the old build was replaced"
    assert (staging / "articles" / "first-steps" / "index.html").is_file()
