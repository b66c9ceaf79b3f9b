"""A link copied from Google Docs, Gmail, Facebook or Outlook leads straight to its page.

Those services wrap every link they show in one of their own, so that a click passes
through them first and is recorded (https://www.google.com/url?q=…,
https://l.facebook.com/l.php?u=…, https://…safelinks.protection.outlook.com/?url=…).
Copied into a post, such a link would report each reader's click to that company,
against the site's promise to tell no one who reads it. The real address is written
inside most of them, so the message gives it; the source stays as she wrote it until
she replaces it, rather than the build changing it unseen. A short link (t.co, bit.ly)
holds no address, so the message says how to find it.
"""

import re
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from plugins.checks.problem import Problem
from plugins.checks.rule import file_rule

# host -> (who records the click, the page that passes clicks on, the parameter with the address)
WRAPPERS = {
    "l.facebook.com": ("Facebook", "/l.php", "u"),
    "lm.facebook.com": ("Facebook", "/l.php", "u"),
    "m.facebook.com": ("Facebook", "/l.php", "u"),
    "www.facebook.com": ("Facebook", "/l.php", "u"),
    "facebook.com": ("Facebook", "/l.php", "u"),
    "l.messenger.com": ("Facebook Messenger", "/l.php", "u"),
    "l.instagram.com": ("Instagram", "/", "u"),
    "l.threads.net": ("Threads", "/", "u"),
    "l.threads.com": ("Threads", "/", "u"),
    "www.youtube.com": ("YouTube", "/redirect", "q"),
    "www.linkedin.com": ("LinkedIn", "/redir/redirect", "url"),
    "slack-redir.net": ("Slack", "/link", "url"),
    "urldefense.proofpoint.com": ("Proofpoint", "/v2/url", "u"),
}
GOOGLE = re.compile(r"^(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$")
SAFE_LINKS = (".safelinks.protection.outlook.com", ".safelinks.protection.office365.us")
# Short links that keep their address to themselves: host -> who records the click.
SHORTENERS = {
    "t.co": "X (Twitter)",
    "lnkd.in": "LinkedIn",
    "bit.ly": "Bitly",
    "ow.ly": "Hootsuite",
    "buff.ly": "Buffer",
}
# Proofpoint's URL Defense, version 3: https://urldefense.com/v3/__REAL__;…
PROOFPOINT_V3 = re.compile(r"^/v3/__(?P<real>.+?)__;")
CLICK_IDS = frozenset({"fbclid", "gclid"})
SHORT = 60  # characters of a wrapped link shown in a message: they run to hundreds


@file_rule("html")
def check(source, site):
    for element in source.elements:
        target = (element.attributes.get("href") or "").strip() if element.tag == "a" else ""
        unwrapped = unwrap(target)
        if unwrapped is None:
            continue
        who, real = unwrapped
        shown = target if len(target) <= SHORT else target[:SHORT] + "…"
        what = (
            f"The link {shown} passes through {who}, which records every click on it: "
            f"readers who follow it would be reported to {who}, which the site promises not "
            "to do. Links copied from emails, documents and social media are often written so."
        )
        if real.startswith("http://"):
            fix = f"Replace it with the address it leads to, made secure: https://{real[7:]} "
            fix += "(check that it opens)."
        elif real:
            fix = f"Replace it with the address it leads to: {real}"
        else:
            fix = (
                "The link does not show where it leads: open it in your browser, copy the "
                "address of the page it arrives at, and write that address instead."
            )
        line = source.line_of(f"({target}") or source.line_of(target)
        yield Problem("error", source.shown, line, "link", what, fix)


def unwrap(address, depth=0):
    """(who records the click, the real address or "") for a wrapped link, else None."""
    try:
        parts = urlsplit(address)
    except ValueError:  # not an address a browser opens: rules/links.py says so
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or depth > 4:
        return None
    host, path = parts.hostname.lower(), parts.path or "/"
    query = parse_qs(parts.query)
    if host in SHORTENERS:
        return (SHORTENERS[host], "") if path != "/" else None
    if host == "urldefense.com":
        found = PROOFPOINT_V3.match(parts.path + ("?" + parts.query if parts.query else ""))
        # Version 3 writes some characters of the address as *, listed in code after it.
        real = found.group("real") if found and "*" not in found.group("real") else ""
        return "Proofpoint", _inner(real, depth) if real else ""
    if GOOGLE.match(host) and path == "/url":
        who, names = "Google", ("q", "url")
    elif host.endswith(SAFE_LINKS):
        who, names = "Microsoft (Outlook Safe Links)", ("url",)
    elif host in WRAPPERS and path == WRAPPERS[host][1]:
        who, _, name = WRAPPERS[host]
        names = (name,)
    elif host.endswith(".list-manage.com") and path.startswith("/track/click"):
        return "Mailchimp", ""
    else:
        return None
    values = [query[name][0] for name in names if query.get(name)]
    if host == "urldefense.proofpoint.com":
        values = [_proofpoint_v2(value) for value in values]
    # Google's search results put the search in q= and the address in url=.
    real = next((v for v in values if v.startswith(("http://", "https://"))), "")
    return who, _inner(real, depth) if real else ""


def _inner(real, depth):
    # A link may be wrapped twice (Outlook around Google): name the address inside both.
    again = unwrap(real, depth + 1)
    return again[1] if again else _without_click_ids(real)


def _without_click_ids(address):
    # Facebook and Google add a click's own number (fbclid=…) to the address they pass on.
    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    kept = [p for p in parts.query.split("&") if p and p.split("=")[0] not in CLICK_IDS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def _proofpoint_v2(encoded):
    # u=https-3A__www.example.org_page: "-XX" is a %XX escape and "_" a slash.
    return unquote(re.sub(r"-([0-9A-F]{2})", r"%\1", encoded.replace("_", "/")))
