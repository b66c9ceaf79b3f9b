"""Gives every article its review dates, and warns before a review falls due.

Health pages are trusted when readers can see that a clinician checked them
recently (NHS: "Page last reviewed" and "Next review due"). Each article gets:

- `reviewed`: the `Reviewed` date, or the publication date (publishing is a review);
- `reviewed_by`: `ReviewedBy`, or the article's author;
- `review_due`: `NextReview`, or `reviewed` plus REVIEW_INTERVAL_MONTHS;

each date with a `locale_…` twin written as readers see the published date; and
- `review_overdue`: whether `review_due` had passed on the day the site was built, so the
  page says in words that the review is late instead of showing a past date as if ahead.
"""

import datetime
import re
import string
from pathlib import Path
from urllib.parse import quote

from dateutil.relativedelta import relativedelta
from pelican import signals
from pelican.contents import Article
from pelican.utils import strftime

from plugins.checks.problem import Problem
from plugins.front_matter import parse_date, read_front_matter, site_today
from plugins.posts import every_post


def dates_of(article):
    """(reviewed, review_due, reviewed_by) of an article, from its fields and the settings."""
    settings = article.settings
    metadata = article.metadata
    reviewed = parse_date(metadata.get("reviewed", "")) or article.date
    reviewed = reviewed.date() if isinstance(reviewed, datetime.datetime) else reviewed
    due = parse_date(metadata.get("nextreview", ""))
    due = due.date() if due else reviewed + relativedelta(months=settings["REVIEW_INTERVAL_MONTHS"])
    return reviewed, due, metadata.get("reviewedby") or article.author.name


def review_dates(article):
    # content_object_init: every article, drafts included, before any template sees it.
    if not isinstance(article, Article):
        return
    article.reviewed, article.review_due, article.reviewed_by = dates_of(article)
    # The same format as the published date beside them.
    article.locale_reviewed = strftime(article.reviewed, article.date_format)
    article.locale_review_due = strftime(article.review_due, article.date_format)


def mark_overdue(generators):
    # all_generators_finalized: every build, also for articles read back from Pelican's
    # cache, whose content_object_init ran on the day they were first read. The day is
    # the site's (site_today): two builds of the same sources on the same day are the same.
    # Kept in the metadata, which plugins/unchanged_pages.py fingerprints, so a page whose
    # review falls due is written again although its source did not change.
    today = None
    for article in every_post(generators):
        if isinstance(article, Article) and hasattr(article, "review_due"):
            today = today or site_today(article.settings)
            article.review_overdue = article.review_due < today
            article.metadata["review_overdue"] = article.review_overdue


def review_problems(articles, display, settings, today, front_of=None):
    """Warn about published articles whose review is overdue or due soon, as of `today`.

    `front_of(source_path)` may hand over front matter already read, saving a read per article.
    """
    soon = today + datetime.timedelta(days=settings["REVIEW_WARNING_DAYS"])
    problems = []
    for article in articles:
        if not isinstance(article, Article) or article.status != "published":
            continue
        due = dates_of(article)[1]
        if due < today:
            what = (
                f"The review was due on {due:%Y-%m-%d}, {(today - due).days} days ago. "
                "Readers see that this page has not been checked on time."
            )
            kind = "articles are overdue for review"
        elif due <= soon:
            what = f"The review is due on {due:%Y-%m-%d}, in {(due - today).days} days."
            kind = "articles are due for review soon"
        else:
            continue
        front = (front_of and front_of(article.source_path)) or read_front_matter(
            Path(article.source_path).read_text(encoding="utf-8")
        )
        problems.append(
            Problem(
                "warning",
                display(article.source_path),
                front.lines.get("reviewed") or front.lines.get("date"),
                "Reviewed",
                what,
                "Reread the article, correct anything out of date, then set "
                f"Reviewed: {today:%Y-%m-%d} (and ReviewedBy: if someone else checked it).",
                kind=kind,
            )
        )
    return problems


def register():
    signals.content_object_init.connect(review_dates)
    signals.all_generators_finalized.connect(mark_overdue)


REVIEW_FIELD = "Reviewed"  # the field review_problems' warnings name


def due_for_review(problems):
    """The warnings of `review_problems` among all that `invoke check` found."""
    return [p for p in problems if p.severity == "warning" and p.field == REVIEW_FIELD]


# GitHub finds @mentions and #123 references in the text it has already rendered, where a
# backslash or an entity has become a plain @ or # again: the full-width signs look the
# same to a reader and mention or link nothing.
GITHUB_SIGNS = {"@": "\uff20", "#": "\uff03"}
MARKDOWN_SIGNS = re.compile(f"[{re.escape(string.punctuation)}]")


def markdown_text(text):
    """`text` as Markdown that shows it as it is: no link, picture, tag, emphasis or mention.

    Every ASCII sign is escaped with a backslash, which also keeps GitHub from making
    links of https:// and www. (it looks for them at an unescaped ":" or "w.").
    """
    return MARKDOWN_SIGNS.sub(
        lambda sign: GITHUB_SIGNS.get(sign[0]) or f"\\{sign[0]}", " ".join(text.split())
    )


def code_span(text):
    """`text` in a Markdown code span, fenced by more backticks than it holds in a row."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"


def review_issue(problems, project, edit_url=""):
    """The title and text of the issue that asks for every review due, or None when none is.

    `project` is the folder that `content/` is in; `edit_url`, when given, is where GitHub
    edits the project's files, such as https://github.com/owner/site/edit/main/.
    """
    due = due_for_review(problems)
    if not due:
        return None
    count = f"{len(due)} article{'s are' if len(due) > 1 else ' is'}"
    parts = [
        f"{count} due for review. Each article shows readers when it is next due to be "
        "checked; once that date has passed, it tells them this page has not been checked "
        "on time. These are the same reminders `invoke check` gives."
    ]
    for problem in due:
        front = read_front_matter((Path(project) / problem.file).read_text(encoding="utf-8"))
        # Titles and file names are the content's: shown as text, never read as Markdown.
        title = markdown_text(front.values.get("title", problem.file))
        where = f"{problem.file}, line {problem.line}" if problem.line else problem.file
        section = [f"### {title}", f"{code_span(where)} ({problem.field})", problem.what]
        section.append(f"**How to fix:** {problem.fix}")
        if edit_url:
            section.append(f"[Edit this article]({edit_url}{quote(problem.file)})")
        parts.append("\n\n".join(section))
    parts.append(
        "To do a review in the browser: click **Edit this article**, reread it, correct "
        "anything out of date and change the Reviewed line. Then click **Commit "
        "changes...**, choose **Create a new branch for this commit and start a pull "
        "request**, click **Propose changes** and then **Create pull request**. When the "
        "checks on the pull request pass, **Merge pull request** publishes it. WRITING.md "
        'explains each step, under "Writing in the browser, on GitHub".\n\n'
        "This issue is updated every week while a review is due, and closes by itself "
        "once none is."
    )
    return f"{count} due for review", "\n\n".join(parts) + "\n"
