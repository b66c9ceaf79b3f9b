"""Every article says when a clinician last checked it and when she will check it again."""

import datetime
import json

import pytest
from dateutil.relativedelta import relativedelta

from plugins.front_matter import site_today
from tests.conftest import build, invoke, read_page
from tests.trust_helpers import SETTINGS, article_pages, text

# The clinician's today, in her time zone: the machine's date differs for hours every night.
TODAY = site_today({"TIMEZONE": SETTINGS.TIMEZONE})


def write_article(content, slug, **fields):
    fields = {
        "Title": slug.replace("-", " ").title(),
        "Date": "2026-01-10",
        "Summary": "An article used by the review tests.",
        **fields,
    }
    lines = [f"{name}: {value}" for name, value in fields.items()]
    path = content / "articles" / f"{slug}.md"
    path.write_text("\n".join(lines) + "\n\nSome text.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("article", article_pages())
def test_every_article_shows_when_it_was_last_reviewed_and_when_the_next_review_is_due(
    site, article
):
    page = read_page(site, article)
    last = page.select_one(".ps-review__last")
    due = page.select_one(".ps-review__next")
    assert last and text(last).startswith("Page last reviewed:")
    assert due and text(due).startswith("Next review due:")
    reviewed = datetime.date.fromisoformat(last.time["datetime"])
    next_due = datetime.date.fromisoformat(due.time["datetime"])
    assert next_due > reviewed
    # After the text, as on NHS pages; the published date stays under the title.
    assert page.select_one(".ps-prose").find_next(class_="ps-review")
    assert not page.select_one(".ps-article__header .ps-review")
    assert page.select_one(".ps-article__header .ps-meta time")


def test_the_kap_article_counts_publishing_as_its_first_review(site):
    page = read_page(site, "articles/ketamine-assisted-psychotherapy-for-anxiety/index.html")
    assert page.select_one(".ps-review__last time")["datetime"] == "2026-11-26"
    # Three years later, from REVIEW_INTERVAL_MONTHS.
    assert SETTINGS.REVIEW_INTERVAL_MONTHS == 36
    assert page.select_one(".ps-review__next time")["datetime"] == "2029-11-26"
    assert text(page.select_one(".ps-review__next time")) == "26 November 2029"
    assert text(page.select_one(".ps-review__by")) == "Stephanie Post, PsyD"


def test_an_article_can_set_its_reviewer_and_its_own_next_review(minimal_content, tmp_path):
    write_article(
        minimal_content,
        "checked-by-a-colleague",
        Reviewed="2026-03-01",
        ReviewedBy="Alex Example, MD",
        NextReview="2026-09-01",
    )
    output = tmp_path / "output"
    result = build(minimal_content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    page = read_page(output, "articles/checked-by-a-colleague/index.html")
    assert page.select_one(".ps-review__last time")["datetime"] == "2026-03-01"
    assert text(page.select_one(".ps-review__by")) == "Alex Example, MD"
    assert page.select_one(".ps-review__next time")["datetime"] == "2026-09-01"


def test_check_warns_about_an_overdue_review(minimal_content):
    write_article(minimal_content, "overdue", Date="2020-05-01", Reviewed="2021-02-01")
    result = invoke("check", "--content", str(minimal_content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content/articles/overdue.md, line 4 (Reviewed)" in result.stdout
    assert "The review was due on 2024-02-01" in result.stdout
    assert "Reviewed: " + TODAY.isoformat() in result.stdout


def test_check_warns_about_a_review_due_within_sixty_days(minimal_content):
    due_soon = TODAY + datetime.timedelta(days=30)
    reviewed = due_soon - relativedelta(months=SETTINGS.REVIEW_INTERVAL_MONTHS)
    write_article(minimal_content, "due-soon", Date=reviewed.isoformat())
    write_article(minimal_content, "freshly-checked", Reviewed=TODAY.isoformat())
    result = invoke("check", "--content", str(minimal_content))
    assert f"The review is due on {due_soon.isoformat()}, in 30 days." in result.stdout
    assert "due-soon.md, line 2 (Reviewed)" in result.stdout
    assert "freshly-checked.md" not in result.stdout


def test_an_overdue_review_does_not_stop_the_build_but_is_reported(minimal_content, tmp_path):
    write_article(minimal_content, "overdue", Date="2020-05-01", Reviewed="2021-02-01")
    result = build(minimal_content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "overdue.md, line 4 (Reviewed)" in result.stdout


def test_an_old_post_past_its_review_says_so_in_words_not_as_a_date_ahead(
    minimal_content, tmp_path
):
    # An imported 2013 post: due for review in 2016, long before the site was built.
    write_article(minimal_content, "from-the-old-blog", Date="2013-05-15")
    write_article(minimal_content, "checked-this-year", Reviewed=TODAY.isoformat())
    output = tmp_path / "output"
    result = build(minimal_content, output)
    assert result.returncode == 0, result.stdout + result.stderr

    old = read_page(output, "articles/from-the-old-blog/index.html")
    assert text(old.select_one(".ps-review__last")).startswith("Page last reviewed: 15 May 2013")
    assert " ".join(old.select_one(".ps-review__next").get_text().split()) == (
        "Review overdue: this page was due to be checked again by 15 May 2016, "
        "so some of it may be out of date."
    )
    assert old.select_one(".ps-review__next time")["datetime"] == "2016-05-15"
    assert "Next review due" not in text(old.select_one(".ps-review"))
    # What search engines read stays the truth: when it was last reviewed.
    data = json.loads(old.find("script", type="application/ld+json").string)
    assert data["lastReviewed"] == "2013-05-15"

    fresh = read_page(output, "articles/checked-this-year/index.html")
    assert text(fresh.select_one(".ps-review__next")).startswith("Next review due: ")
    assert "overdue" not in text(fresh.select_one(".ps-review"))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"Reviewed": "2025-12-01"}, "Reviewed is earlier than Date."),
        ({"Reviewed": "2999-01-01"}, "The review date 2999-01-01 is in the future ("),
        ({"NextReview": "2025-01-01"}, "NextReview is not after the last review."),
        ({"NextReview": "soon"}, '"soon" is not a date the site can read.'),
    ],
)
def test_impossible_review_dates_stop_the_build_with_an_explanation(
    minimal_content, fields, message
):
    write_article(minimal_content, "odd-dates", **fields)
    result = invoke("check", "--content", str(minimal_content))
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
