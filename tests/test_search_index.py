"""The search index holds every published article and page, and nothing a reader should not find."""

import gzip

from tests.conftest import build


def indexed(output):
    """URL -> indexed text, read from Pagefind's fragments (gzip, after a signature)."""
    found = {}
    for fragment in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
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
