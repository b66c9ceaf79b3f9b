"""Sessions promised outside the states where she is licensed are suggested for rewording."""

import pytest

from plugins.checks.rules import service_area
from tests.rule_helpers import found

MUST_FLAG = [
    ("I see clients anywhere in the US.", "anywhere in the US"),
    ("Online sessions are available anywhere in the United States.", "anywhere in the United"),
    ("Therapy from anywhere, on your schedule.", "from anywhere"),
    ("Because sessions are online, we can work together wherever you are.", "wherever you are"),
    ("I offer telehealth in all 50 states.", "all 50 states"),
    ("KAP sessions are now offered nationwide.", "nationwide"),
    ("I welcome out-of-state clients.", "out-of-state clients"),
    ("Virtual therapy for clients worldwide.", "worldwide"),
]

MUST_NOT_FLAG = [
    "Anxiety is common across the country.",
    "About 300 million people worldwide live with an anxiety disorder.",
    "Breathing slowly helps wherever you are.",
    "Sessions are online, for people who are in California at the time of the session.",
    "Stephanie Post is an online clinical psychologist serving the San Francisco Bay Area "
    "and throughout California.",
    "I cannot see clients anywhere in the US: only in California.",
]


@pytest.mark.parametrize(("sentence", "phrase"), MUST_FLAG)
def test_sessions_offered_beyond_the_licensed_states_are_suggested(sentence, phrase):
    assert service_area.elsewhere(sentence).startswith(phrase)


@pytest.mark.parametrize("sentence", MUST_NOT_FLAG)
def test_where_the_world_is_not_where_sessions_are(sentence):
    assert service_area.elsewhere(sentence) is None


def test_the_suggestion_names_her_licensed_states_and_the_setting(tmp_path):
    (problem,) = found(service_area.check, tmp_path, "I see clients anywhere in the US.")
    assert (problem.severity, problem.line, problem.field) == (
        "warning",
        5,
        "where sessions are offered",
    )
    assert "people who are in California" in problem.what and "LICENSED_STATES" in problem.what
    assert "Sessions are online, for people who are in California" in problem.fix
