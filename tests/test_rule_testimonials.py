"""Client testimonials are suggested for removal; a quotation that is not praise is not."""

import pytest

from plugins.checks.rules import testimonials
from tests.rule_helpers import found

MUST_FLAG = [
    "“Working with her changed my life,” said one client.",
    "“I finally feel like myself again.” — Maria, former client",
    '"Best decision I ever made." -- J.S., client since 2021',
    "As one of my patients put it, “KAP gave me my life back.”",
    "Clients often tell me, “I wish I had found you sooner.”",
    "## What my clients say",
    "Read client reviews before you book.",
    "Testimonials from people I have worked with are below.",
    "Five-star reviews on every directory.",
]

MUST_NOT_FLAG = [
    "Many clients describe a sense of detachment from their usual thought patterns.",
    "Many clients report that ketamine induces a state of calm awareness.",
    "A client once asked me, “Will this work for me?”",
    "“Ketamine is a promising treatment,” said Dr. Smith, who led the study.",
    "Some people call this feeling “the anxiety loop”.",
    "- Those with social anxiety who struggle with avoidance and self-criticism",
    "Clients can ask for a Good Faith Estimate before they book.",
]


@pytest.mark.parametrize("paragraph", MUST_FLAG)
def test_quoted_praise_from_a_client_or_a_reviews_section_is_suggested(paragraph):
    assert testimonials.testimonial(paragraph)


@pytest.mark.parametrize("paragraph", MUST_NOT_FLAG)
def test_quotations_and_mentions_of_clients_that_are_not_praise_are_left_alone(paragraph):
    assert testimonials.testimonial(paragraph) is None


def test_a_quotation_and_its_attribution_on_the_next_line_are_found(tmp_path):
    body = "> I finally feel like myself again.\n>\n> — A former client"
    (problem,) = found(testimonials.check, tmp_path, body)
    assert (problem.severity, problem.line, problem.field) == ("warning", 7, "testimonial")
    assert "5.05" in problem.what and "You decide" in problem.fix
