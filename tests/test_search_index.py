"""The search index holds every published article and page, and nothing a reader should not find."""

import gzip
import json

from tests.conftest import build


def indexed(output):
    """URL -> indexed text, read from Pagefind's fragments (gzip, after a signature)."""
    found = {}
    for fragment in (output / "pagefind").glob("*/fragment/*.pf_fragment"):
        record = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        text = record.decode("utf-8")
        url = text.split('"url":"', 1)[1].split('"', 1)[0]
        found[url] = text
    return found


def test_search_finds_published_posts_but_never_a_draft(minimal_content, tmp_path):
    (minimal_content / "articles" / "unfinished.md").write_text(
        "Title: Unfinished thoughts\nDate: 2026-02-01\nSummary: Not ready.\nStatus: draft\n\n"
        "A claim she has not checked yet: zanzibarquokka.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    assert build(minimal_content, output).returncode == 0
    found = indexed(output)
    assert {"/articles/first-steps/", "/articles/second-steps/", "/about/"} <= set(found)
    assert not any("zanzibarquokka" in text for text in found.values())
    assert not any(url.startswith("/drafts/") for url in found)
    # Lists of posts (home, tags, archives) hold nothing of their own to find.
    assert not any(url.startswith(("/tags/", "/categories/", "/archives/")) for url in found)


def test_a_hidden_page_is_not_in_the_search_index(minimal_content, tmp_path):
    (minimal_content / "pages" / "thank-you.md").write_text(
        "Title: Thank you\nSummary: Only for people sent here.\nStatus: hidden\n\n"
        "A page reached only from an email: quillfeatherjay.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    assert build(minimal_content, output).returncode == 0
    assert (output / "thank-you" / "index.html").is_file()
    found = indexed(output)
    assert "/about/" in found
    assert not any("quillfeatherjay" in text for text in found.values())


OWN_WORDS = ("amberjack", "birchbark", "cedarwing", "duneflower", "elmwood", "fernbrake")
OWN_WORDS += ("groveland", "heathland")


def write_notes(content, count, word):
    """`count` short articles that all contain `word`, each with one of OWN_WORDS too."""
    for number in range(1, count + 1):
        (content / "articles" / f"note-{number}.md").write_text(
            f"Title: Note {number}\nDate: 2026-03-{number:02d}\nSummary: Note {number}.\n\n"
            f"A short note about {word}, and about {OWN_WORDS[number - 1]}.\n",
            encoding="utf-8",
        )


def build_in_parts(content, output, pages_per_part):
    from plugins.runner import build as run_build
    from tasks import SETTINGS, _overrides

    overrides = _overrides(content=content, output=output)
    run_build(SETTINGS, {**overrides, "SEARCH_PAGES_PER_PART": pages_per_part})
    return json.loads((output / "pagefind" / "parts.json").read_text("utf-8"))


def test_after_an_edit_only_the_part_of_the_index_with_that_post_is_indexed_again(
    minimal_content, tmp_path
):
    write_notes(minimal_content, 8, "quillwort")
    output = tmp_path / "output"
    parts = build_in_parts(minimal_content, output, pages_per_part=3)
    assert len(parts) >= 3
    before = {part: (output / "pagefind" / part).stat().st_ino for part in parts}
    assert {f"/articles/note-{n}/" for n in range(1, 9)} <= set(indexed(output))

    note = minimal_content / "articles" / "note-5.md"
    note.write_text(note.read_text("utf-8").replace("elmwood", "heliotrope"), "utf-8")
    after = build_in_parts(minimal_content, output, pages_per_part=3)

    assert len(after) == len(parts)
    changed = [part for part in after if part not in before]
    assert len(changed) == 1
    untouched = [part for part in after if part in before]
    assert all((output / "pagefind" / part).stat().st_ino == before[part] for part in untouched)
    found = indexed(output)["/articles/note-5/"]
    assert "heliotrope" in found and "elmwood" not in found
    # The replaced part is gone, so the site holds only the index the list names.
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == sorted(
        [*(part.rstrip("/") for part in after), "parts.json"]
    )


def test_a_search_index_part_of_thousands_of_pages_is_still_built(tmp_path):
    # Listed on Pagefind's command line, these pages' addresses would pass the system's
    # limit on the length of one argument (128 KB).
    from plugins.search_index import plan_indexing

    pages = 3_000
    for number in range(pages):
        folder = tmp_path / "articles" / f"a-note-with-a-long-descriptive-address-{number:05d}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>Note {number}</h1>'
            f"<p>A few words.</p></main></body></html>",
            encoding="utf-8",
        )
    settings = {
        "ARTICLE_SAVE_AS": "articles/{slug}/index.html",
        "PAGE_SAVE_AS": "{slug}/index.html",
        "SEARCH_PAGES_PER_PART": pages,
    }
    plan_indexing(tmp_path, settings).run()
    assert len(indexed(tmp_path)) == pages
