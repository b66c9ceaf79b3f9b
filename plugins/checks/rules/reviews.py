"""Published articles whose review is overdue, or due within REVIEW_WARNING_DAYS."""

from plugins.checks.rule import site_rule
from plugins.review_dates import review_problems


@site_rule
def check(site):
    def front_of(path):
        source = site.source_of(path)
        return source.front if source else None

    return review_problems(
        site.contents.values(), site.display, site.settings, site.today, front_of=front_of
    )
