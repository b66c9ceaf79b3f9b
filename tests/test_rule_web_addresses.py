"""A link to another website typed without https:// is named as one, with the address to write."""

import pytest

from plugins.checks.rules import links, web_addresses
from tests.rule_helpers import found

NIMH = "www.nimh.nih.gov/health/publications/generalized-anxiety-disorder-gad"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        (NIMH, f"https://{NIMH}"),
        ("nimh.nih.gov/health/topics/anxiety-disorders", None),
        ("988lifeline.org/", None),
        ("www.mind.org.uk/information-support/", None),
        ("psychologytoday.com", None),
        ("https//www.nhs.uk/mental-health/", "https://www.nhs.uk/mental-health/"),
    ],
)
def test_a_web_address_without_https_gets_the_address_to_write(tmp_path, typed, meant):
    (problem,) = found(web_addresses.check, tmp_path, f"Read the [booklet]({typed}).")
    assert problem.line == 5 and problem.field == "link"
    assert f"The link {typed} looks like a web address without https://" in problem.what
    assert f"Write it as {meant or 'https://' + typed} (check that it opens)." == problem.fix


def test_the_file_path_explanation_no_longer_answers_a_web_address(tmp_path):
    assert found(links.check, tmp_path, f"Read the [booklet]({NIMH}).") == []


def test_a_picture_typed_without_https_is_refused_as_loaded_from_elsewhere(tmp_path):
    (problem,) = found(web_addresses.check, tmp_path, "![A lake](www.example.org/lake.jpg)")
    assert problem.field == "image" and "tell that website who is reading" in problem.what


@pytest.mark.parametrize(
    "body",
    [
        "[notes](notes.md)",  # .md is Moldova's ending too: a file name here
        "[sheet](worksheet.pdf)",
        "[pic](images/lake.png)",
        "[mail](someone@example.org)",
        "[ok](https://www.nimh.nih.gov/)",
        "[post]({filename}other.md)",
        "Typed bare, www.nimh.nih.gov/health becomes a link to https:// by itself.",
    ],
)
def test_file_names_and_full_addresses_are_not_taken_for_web_addresses(tmp_path, body):
    assert found(web_addresses.check, tmp_path, body) == []


def test_a_file_that_is_really_there_is_left_to_the_file_checks(tmp_path):
    body = "[the list](reading.org)"
    assert found(web_addresses.check, tmp_path, body, **{"articles/reading.org": "x"}) == []
