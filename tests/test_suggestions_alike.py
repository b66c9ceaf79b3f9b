"""Many suggestions alike are counted in one line by `invoke check`; `--all` shows each one."""

from plugins.checks.problem import Problem, report
from tests.conftest import invoke

OVERDUE = "The review was due on"
OLD_POSTS = ("a-2012-post", "a-2013-post", "a-2014-post", "a-2015-post")


def write_old_post(content, slug, year):
    (content / "articles" / f"{slug}.md").write_text(
        f"Title: {slug.replace('-', ' ').title()}\nDate: {year}-05-15\n"
        "Summary: A post from the old blog.\n\nSome text.\n",
        encoding="utf-8",
    )


def test_many_overdue_reviews_are_one_line_that_says_how_many_and_how_to_see_them(
    minimal_content,
):
    for year, slug in enumerate(OLD_POSTS, start=2012):
        write_old_post(minimal_content, slug, year)

    checked = invoke("check", "--content", str(minimal_content))

    assert checked.returncode == 0, checked.stdout + checked.stderr
    said = checked.stdout
    assert OVERDUE not in said, "not repeated for each article"
    assert (
        "4 articles are overdue for review: content/articles/a-2012-post.md, "
        "content/articles/a-2013-post.md, content/articles/a-2014-post.md and 1 more." in said
    )
    assert "How to fix: Reread the article, correct anything out of date" in said
    assert "To see each one: invoke check --all" in said

    every = invoke("check", "--all", "--content", str(minimal_content)).stdout
    assert every.count(OVERDUE) == len(OLD_POSTS)
    for slug in OLD_POSTS:
        assert f"content/articles/{slug}.md, line 2 (Reviewed)" in every


def test_two_suggestions_alike_are_still_shown_one_by_one(minimal_content):
    for year, slug in enumerate(OLD_POSTS[:2], start=2012):
        write_old_post(minimal_content, slug, year)

    said = invoke("check", "--content", str(minimal_content)).stdout

    assert said.count(OVERDUE) == 2
    assert "overdue for review:" not in said


def problem(severity, file, what="Something to look at.", **fields):
    return Problem(severity, file, 3, "Summary", what, "Do this.", **fields)


def test_errors_alike_are_never_counted_in_one_line():
    errors = [problem("error", f"content/articles/{n}.md") for n in "abcd"]
    said = report(errors)
    assert said.count("✗ ") == 4 and said.count("Something to look at.") == 4
    assert "invoke check --all" not in said


def test_suggestions_with_the_same_words_are_counted_in_one_line_where_the_first_was():
    alike = [problem("warning", f"content/articles/{n}.md") for n in "bcde"]
    other = problem("warning", "content/articles/a.md", "Something else.")
    said = report([other, *alike])
    assert said.startswith("5 suggestions (these do not stop the build):")
    assert said.index("Something else.") < said.index("4 suggestions alike (Summary)")
    assert said.count("Something to look at.") == 1
    assert "in content/articles/b.md, content/articles/c.md, content/articles/d.md and 1 more" in (
        said
    )
    assert report([other, *alike], everything=True).count("Something to look at.") == 4
