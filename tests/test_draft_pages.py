"""A draft's preview page says what is true of a draft: not published, and not reviewed, yet."""

from tests.conftest import build, read_page
from tests.trust_helpers import text

DRAFT = """Title: Planned Post
Date: 2026-11-04
Summary: A post that is still being written.
Status: {status}

Some text.
"""


def build_post(content, output, status):
    (content / "articles" / "planned-post.md").write_text(
        DRAFT.format(status=status), encoding="utf-8"
    )
    result = build(content, output)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_draft_says_it_is_not_published_yet_and_which_date_it_carries(minimal_content, tmp_path):
    build_post(minimal_content, tmp_path / "output", "draft")
    page = read_page(tmp_path / "output", "drafts/planned-post/index.html")
    meta = text(page.select_one(".ps-article__header .ps-meta"))
    assert "Published" not in text(page.main)
    assert meta.startswith("Not published yet: a draft dated 4 November 2026")
    assert page.select_one(".ps-meta time")["datetime"].startswith("2026-11-04")


def test_a_draft_does_not_claim_a_review_it_has_not_had(minimal_content, tmp_path):
    build_post(minimal_content, tmp_path / "output", "draft")
    page = read_page(tmp_path / "output", "drafts/planned-post/index.html")
    assert "Page last reviewed" not in text(page.main)
    assert text(page.select_one(".ps-review")).startswith("Not reviewed yet")


def test_once_published_the_same_post_says_published_and_reviewed(minimal_content, tmp_path):
    build_post(minimal_content, tmp_path / "output", "published")
    page = read_page(tmp_path / "output", "articles/planned-post/index.html")
    assert text(page.select_one(".ps-article__header .ps-meta")).startswith(
        "Published 4 November 2026"
    )
    assert text(page.select_one(".ps-review__last")).startswith(
        "Page last reviewed: 4 November 2026"
    )
