"""Claims a licensing board would object to are suggested for rewording; honest words never are."""

import pytest

from plugins.checks.rules import claims, service_area, testimonials
from tests.conftest import ROOT, invoke
from tests.rule_helpers import found, site_of

KAP = ROOT / "content" / "articles" / "ketamine-assisted-psychotherapy-for-anxiety.md"

MUST_FLAG = [
    ("KAP cures anxiety in a single session.", "cures"),
    ("Ketamine can cure treatment-resistant depression.", "cure"),
    ("I guarantee you will feel better after three sessions.", "guarantee"),
    ("Results guaranteed, or your first session is free.", "guaranteed"),
    ("This therapy will eliminate your panic attacks.", "will eliminate"),
    ("Get rid of your anxiety for good.", "Get rid of your anxiety for good"),
    ("EMDR offers permanent relief from trauma.", "permanent relief"),
    ("You will never feel anxious again.", "never feel anxious again"),
    ("Instant relief from racing thoughts, from the first session.", "Instant relief"),
    ("This approach is proven to work for everyone.", "proven to work"),
    ("EMDR works for everyone, whatever happened to them.", "works for everyone"),
    ("Ketamine is a miracle for depression.", "miracle"),
    ("Clients call it a miraculous recovery.", "miraculous"),
    ("There is finally a magic bullet for anxiety.", "magic bullet"),
    ("90% of my clients report lasting relief.", "90% of my clients"),
    ("Over 85 percent of clients feel better within a month.", "85 percent of clients"),
    ("Our success rate is the highest in the Bay Area.", "Our success rate"),
    ("KAP has a 95% success rate in my practice.", "95% success rate"),
    ("9 out of 10 clients feel better after three sessions.", "9 out of 10 clients"),
    ("I have helped over 500 clients overcome trauma.", "helped over 500 clients"),
    ("She is the best therapist in the Bay Area.", "the best therapist"),
    ("A top-rated psychologist for anxiety.", "top-rated"),
]

MUST_NOT_FLAG = [
    # Honest limits: a negation before the phrase.
    "There is no cure for anxiety, but it can be managed well.",
    "No therapist can guarantee results.",
    "KAP is not a quick fix, and it is not a miracle.",
    "Nothing works for everyone.",
    "Ketamine has not been proven to work for everyone with depression.",
    # Hedged, as honest writing is.
    "KAP may help some people feel less anxious.",
    "Therapy can help, and so can medication.",
    "In one study, 60% of participants felt less anxious after four weeks.",
    "The FDA gave esketamine a Breakthrough Therapy designation.",
    "Healing takes time, and setbacks are part of it.",
    # Words that only look like a claim.
    "The law guarantees that what you say in sessions stays confidential.",
    "Your privacy is guaranteed: nothing you say leaves the room.",
    "Secure your own oxygen mask before helping others.",
    "Anxiety can feel like it will last forever.",
    "Many clients describe a sense of detachment from their usual thought patterns.",
]

# Sentences from her KAP article that come closest: none of them is a claim.
KAP_SENTENCES = [
    "While traditional treatments like cognitive-behavioral therapy (CBT) and medications "
    "work for many, they aren’t always effective for everyone.",
    "This is where Ketamine-Assisted Psychotherapy (KAP) comes in—a promising approach that "
    "combines the rapid-acting benefits of ketamine with the long-term support of psychotherapy.",
    "Unlike traditional medications that take weeks to work, ketamine can create noticeable "
    "shifts in mood and perception within hours to days.",
    "This process, called neuroplasticity, can help rewire anxious thought patterns, making "
    "therapy more effective.",
    "Many clients report that ketamine induces a state of calm awareness.",
    "While KAP shows great promise, it’s not for everyone.",
    "KAP offers a new pathway for healing anxiety, helping clients experience freedom from "
    "overthinking, emotional regulation, and a renewed sense of self.",
    "If traditional treatments haven’t worked for you, this innovative approach may be worth "
    "exploring.",
]


@pytest.mark.parametrize(("sentence", "phrase"), MUST_FLAG, ids=[s for s, _ in MUST_FLAG])
def test_a_promise_rate_or_superlative_is_suggested_for_rewording(sentence, phrase):
    (found_phrase, why, rewording) = claims.claims(sentence)[0]
    assert found_phrase.lower() == phrase.lower()
    assert "§651" in why or "5.01" in why
    assert rewording


@pytest.mark.parametrize("sentence", MUST_NOT_FLAG + KAP_SENTENCES)
def test_honest_wording_is_left_alone(sentence):
    assert claims.claims(sentence) == []


def test_a_claim_is_a_suggestion_at_its_line_with_the_reason_and_a_rewording(tmp_path):
    (problem,) = found(claims.check, tmp_path, "A first line.\n\nKAP cures anxiety.")
    assert problem.severity == "warning"
    assert (problem.line, problem.field) == (7, "claims")
    assert '"cures"' in problem.what and "§651(b)(3)(A)" in problem.what
    assert "may help" in problem.fix and "You decide" in problem.fix


def test_a_claim_in_the_summary_is_found_but_not_in_a_cited_source(tmp_path):
    text = (
        "Title: A Note\nDate: 2026-11-01\nSummary: A miracle for worry.\n\n"
        "Worry is common.[^1]\n\n[^1]: Smith J. A cure for worry? Journal. 2020.\n"
    )
    site = site_of(tmp_path, {"articles/note.md": text})
    problems = claims.check(site.source_of(site.content_root / "articles" / "note.md"), site)
    assert [(p.line, p.what.split(":")[0]) for p in problems] == [(3, '"miracle"')]


def test_her_real_pages_get_no_claims_testimonial_or_service_area_suggestion(tmp_path):
    pages = {
        f"pages/{path.name}": path.read_text(encoding="utf-8")
        for path in (ROOT / "content" / "pages").glob("*.md")
    }
    site = site_of(tmp_path, {"articles/kap.md": KAP.read_text(encoding="utf-8"), **pages})
    for source in site.sources.values():
        for rule in (claims.check, testimonials.check, service_area.check):
            assert rule(source, site) == [], (source.shown, rule.name)


def test_invoke_check_on_her_site_suggests_only_the_license_number_once():
    result = invoke("check", "--all")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for field in ("(claims)", "(testimonial)", "(where sessions are offered)"):
        assert field not in output
    assert output.count("(LICENSE_NUMBER)") == 1
