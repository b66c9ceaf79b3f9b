"""No post or page silently replaces another page: every address belongs to one thing."""

import pytest

from tests.conftest import build, invoke

PAGE = "Title: {title}\nSummary: A page with a taken address.\nSlug: {slug}\n\nText.\n"


@pytest.mark.parametrize(
    ("slug", "owner"),
    [
        ("search", "the site's search page"),
        ("tags", "the site's tags page"),
        ("archives", "the site's archives page"),
        ("theme", "the site's design files"),
        ("pagefind", "the search index"),
    ],
)
def test_a_page_named_like_one_of_the_sites_own_is_refused(minimal_content, slug, owner):
    (minimal_content / "pages" / "taken.md").write_text(PAGE.format(title="Taken", slug=slug))

    result = invoke("check", "--content", str(minimal_content))

    assert result.returncode != 0
    assert "content/pages/taken.md, line 3 (Slug)" in result.stderr
    assert owner in result.stderr and "Add a Slug: line with another name" in result.stderr


def test_two_pages_with_one_address_are_both_named_and_nothing_is_written(
    minimal_content, tmp_path
):
    for name in ("one", "two"):
        (minimal_content / "pages" / f"{name}.md").write_text(
            PAGE.format(title=f"Page {name}", slug="same")
        )
    output = tmp_path / "output"

    result = build(minimal_content, output)

    assert result.returncode != 0
    assert "content/pages/one.md, line 3 (Slug)" in result.stderr
    assert "as content/pages/two.md" in result.stderr
    assert not output.exists()
