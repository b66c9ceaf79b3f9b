"""A link copied from Google Docs, Gmail, Facebook or Outlook is replaced by the real address."""

import pytest

from plugins.checks.rules import trackers
from tests.rule_helpers import found

REAL = "https://www.nimh.nih.gov/health/topics/anxiety-disorders"
ENCODED = "https%3A%2F%2Fwww.nimh.nih.gov%2Fhealth%2Ftopics%2Fanxiety-disorders"
# As each service writes the links it shows (the h=, usg=, data= values are their codes).
WRAPPED = {
    "Google Docs": f"https://www.google.com/url?q={REAL}&sa=D&source=editors&ust=1764990000000000"
    "&usg=AOvVaw3xYz",
    "Gmail": f"https://www.google.com/url?q={REAL}&source=gmail&ust=1764990000000000"
    "&usg=AOvVaw1AbC",
    "Google search": f"https://www.google.com/url?sa=t&rct=j&q=anxiety+nimh&esrc=s&source=web"
    f"&cd=&url={ENCODED}&ved=2ahUKEwi&usg=AOvVaw2",
    "Google, another country": f"https://www.google.co.uk/url?q={ENCODED}&sa=U",
    "Facebook": f"https://l.facebook.com/l.php?u={ENCODED}%3Ffbclid%3DIwAR02DxZKKF&h=AT3Nx6gLcU9",
    "Facebook on a phone": f"https://lm.facebook.com/l.php?u={ENCODED}&h=AT0q",
    "Messenger": f"https://l.messenger.com/l.php?u={ENCODED}&h=AT1x",
    "Instagram": f"https://l.instagram.com/?u={ENCODED}&e=AT0yz",
    "Outlook": f"https://nam12.safelinks.protection.outlook.com/?url={ENCODED}&data=05%7C02%7C"
    "someone%40example.org%7C6944b678%7C0%7C638690000000000000%7CUnknown&sdata=qPb0a6Xk%3D"
    "&reserved=0",
    "Outlook around Google": "https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2F"
    f"www.google.com%2Furl%3Fq%3D{ENCODED.replace('%', '%25')}&data=04%7C01&reserved=0",
    "Proofpoint": "https://urldefense.com/v3/__https://www.nimh.nih.gov/health/topics/"
    "anxiety-disorders__;!!GuAItXPztq0!jULEM6VDcY$",
    "Proofpoint, version 2": "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.nimh.nih"
    ".gov_health_topics_anxiety-2Ddisorders&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e=",
    "YouTube": f"https://www.youtube.com/redirect?event=video_description&redir_token=QUFF&q={ENCODED}",
    "LinkedIn": f"https://www.linkedin.com/redir/redirect?url={ENCODED}&urlhash=Ab1c",
}


@pytest.mark.parametrize("wrapped", WRAPPED.values(), ids=WRAPPED.keys())
def test_a_wrapped_link_is_refused_with_the_real_address(tmp_path, wrapped):
    (problem,) = found(trackers.check, tmp_path, f"Text.\n\nRead [the NIMH page]({wrapped}).")
    assert problem.line == 7 and problem.field == "link"
    assert "records every click" in problem.what and "site promises not to" in problem.what
    assert problem.fix == f"Replace it with the address it leads to: {REAL}"


def test_a_wrapped_address_typed_bare_is_refused_too(tmp_path):
    (problem,) = found(trackers.check, tmp_path, f"See {WRAPPED['Gmail']} for more.")
    assert problem.fix.endswith(REAL) and "Google" in problem.what


@pytest.mark.parametrize(
    "short", ["https://t.co/AbCdE12345", "https://lnkd.in/eXaMpLe", "https://bit.ly/3xYz"]
)
def test_a_short_link_says_how_to_find_the_real_address(tmp_path, short):
    (problem,) = found(trackers.check, tmp_path, f"[the study]({short})")
    assert short in problem.what and "passes through" in problem.what
    assert "copy the address of the page it arrives at" in problem.fix


@pytest.mark.parametrize(
    "link",
    [
        REAL,
        "https://www.google.com/search?q=anxiety",
        "https://www.facebook.com/NIMHgov",
        "https://www.youtube.com/watch?v=abc123",
        "https://www.linkedin.com/in/someone",
        "https://example.org/share?u=https://example.org/",
        "https://t.co/",
    ],
)
def test_ordinary_links_to_these_websites_pass(tmp_path, link):
    assert found(trackers.check, tmp_path, f"[a page]({link})") == []


def test_an_insecure_address_inside_is_given_as_https(tmp_path):
    wrapped = "https://l.facebook.com/l.php?u=http%3A%2F%2Fexample.org%2Fstudy&h=AT3"
    (problem,) = found(trackers.check, tmp_path, f"[the study]({wrapped})")
    assert "https://example.org/study (check that it opens)." in problem.fix


def test_a_newsletter_click_counter_says_how_to_find_the_address(tmp_path):
    counted = "https://example.us5.list-manage.com/track/click?u=1a2b3c&id=4d5e6f&e=7a8b9c"
    (problem,) = found(trackers.check, tmp_path, f"[the study]({counted})")
    assert "Mailchimp" in problem.what and "open it in your browser" in problem.fix
