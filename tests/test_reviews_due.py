"""Reviews come due on their own: the weekly workflow's issue says what `invoke check` says."""

import re

from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser

from plugins.review_dates import markdown_text
from tests.conftest import invoke
from tests.test_review_dates import TODAY, write_article

EDIT_URL = "https://github.com/clinic/site/edit/main/"


def reviews_due(content, output):
    return invoke(
        "reviews-due", "--content", str(content), "--output", str(output), "--edit-url", EDIT_URL
    )


def test_an_overdue_article_gets_an_issue_in_the_words_of_the_check(minimal_content, tmp_path):
    write_article(
        minimal_content,
        "coping-with-worry",
        Title="Coping With Worry",
        Date="2020-05-01",
        Reviewed="2021-02-01",
    )
    result = reviews_due(minimal_content, tmp_path / "issue")
    assert result.returncode == 0, result.stdout + result.stderr
    title = (tmp_path / "issue" / "title.txt").read_text(encoding="utf-8")
    body = (tmp_path / "issue" / "body.md").read_text(encoding="utf-8")
    assert title == "1 article is due for review"
    assert "### Coping With Worry" in body
    assert "`content/articles/coping-with-worry.md, line 4` (Reviewed)" in body
    assert f"{EDIT_URL}content/articles/coping-with-worry.md" in body
    # Each line of the check's own message is in the issue, word for word.
    check = invoke("check", "--content", str(minimal_content)).stdout
    message = check.split("content/articles/coping-with-worry.md, line 4 (Reviewed)\n")[1]
    what, fix = (line.strip() for line in message.splitlines()[:2])
    assert what.startswith("The review was due on 2024-02-01,")
    assert what in body
    assert fix.removeprefix("How to fix: ") in body
    assert f"Reviewed: {TODAY.isoformat()}" in body
    assert body in result.stdout, "the workflow's log shows the text too"


def test_only_published_articles_due_for_review_are_listed(minimal_content, tmp_path):
    write_article(minimal_content, "overdue", Date="2020-05-01")
    write_article(minimal_content, "overdue-draft", Date="2020-05-01", Status="draft")
    write_article(minimal_content, "freshly-checked", Reviewed=TODAY.isoformat())
    result = reviews_due(minimal_content, tmp_path / "issue")
    assert result.returncode == 0, result.stdout + result.stderr
    body = (tmp_path / "issue" / "body.md").read_text(encoding="utf-8")
    assert re.findall(r"^### (.*)$", body, re.M) == ["Overdue"]
    # Suggestions about other things (reading grade, wording) belong to the pull request.
    assert "(readability)" not in body


def test_when_nothing_is_due_there_is_no_issue_and_an_old_one_is_cleared(minimal_content, tmp_path):
    issue = tmp_path / "issue"
    issue.mkdir()
    (issue / "title.txt").write_text("1 article is due for review", encoding="utf-8")
    (issue / "body.md").write_text("Last week's text.", encoding="utf-8")
    result = reviews_due(minimal_content, issue)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(issue.iterdir()) == []
    assert "No article is due for review." in result.stdout


def test_a_mistake_in_the_content_stops_with_the_checks_explanation(minimal_content, tmp_path):
    write_article(minimal_content, "odd-dates", NextReview="soon")
    result = reviews_due(minimal_content, tmp_path / "issue")
    assert result.returncode != 0
    assert '"soon" is not a date the site can read.' in result.stdout + result.stderr
    assert not (tmp_path / "issue" / "body.md").exists()


# Titles as someone could write or import them, to reach the people GitHub notifies.
TITLES = {
    "mention": "Ask @octocat and @clinic/team",
    "link": "Read [click](https://evil.example) first",
    "picture": "See ![x](https://evil.example/a.png) now",
    "reference": "Answers #1 and clinic/site#2",
    "address": "Go to https://evil.example or www.evil.example",
    "emphasis": "Some **bold**, _slanted_ | ~~struck~~ `code` text",
}


def rendered(markdown):
    """HTML as CommonMark makes it, with GitHub's tables and strikethrough."""
    renderer = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return LexborHTMLParser(renderer.render(markdown))


def test_a_tag_in_a_title_is_shown_as_text(minimal_content):
    # `invoke check` refuses a title with a tag before any issue is written; all the same.
    page = rendered(f"### {markdown_text('A picture <img src=x onerror=alert(1)> here')}")
    assert page.css_first("h3").text() == "A picture <img src=x onerror=alert(1)> here"
    assert page.css("img") == []


def test_titles_in_the_review_issue_are_text_with_no_mention_link_or_picture(
    minimal_content, tmp_path
):
    for slug, title in TITLES.items():
        write_article(minimal_content, slug, Title=title, Date="2020-05-01")
    result = reviews_due(minimal_content, tmp_path / "issue")
    assert result.returncode == 0, result.stdout + result.stderr
    body = (tmp_path / "issue" / "body.md").read_text(encoding="utf-8")
    page = rendered(body)
    headings = [h3.text() for h3 in page.css("h3")]
    shown = {heading.replace("\uff20", "@").replace("\uff03", "#") for heading in headings}
    assert shown == set(TITLES.values()), "each title reads as written"
    for heading in page.css("h3"):
        assert [node.tag for node in heading.traverse(include_text=False)] == ["h3"]
    assert all(a.attributes["href"].startswith(EDIT_URL) for a in page.css("a"))
    assert not page.css("img, script, table, del")
    # What GitHub itself links in the text: people, issues, and web addresses.
    text = page.body.text()
    assert not re.search(r"(?:^|\W)@\w", text)
    assert not re.search(r"(?:^|\W|\w/\w+)#\d", text)
    assert not re.search(r"https?:|www\.", body.replace(EDIT_URL, ""))
