"""The built site served by real nginx with the generated config, read by real Chromium."""

import http.client
import json
import os
import shutil
import subprocess
from urllib.parse import quote, unquote

import pytest

from plugins.security_headers import LONG_CACHE, SHORT_CACHE, security_headers
from tests.conftest import ROOT, built_content, built_pages
from tests.servers import nginx, self_signed_certificate

# Collects every Content-Security-Policy violation a page reports, from before it loads.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""
HIDDEN_FILES = (".env", ".git/config", "images/.DS_Store", "theme/.htpasswd", "search/.env")
INJECTED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>untouched</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebPage"}</script>
</head><body><p>A page an attacker managed to write a script into.</p>
<script>document.title = "script ran";</script>
</body></html>
"""


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    """The built site, plus a page with an injected script, served by nginx; yield its address."""
    root = tmp_path_factory.mktemp("nginx") / "root"
    shutil.copytree(site, root)
    (root / "injected").mkdir()
    (root / "injected" / "index.html").write_text(INJECTED_PAGE, encoding="utf-8")
    # Files that must never be served, should a careless upload put them there.
    for hidden in HIDDEN_FILES:
        (root / hidden).parent.mkdir(parents=True, exist_ok=True)
        (root / hidden).write_text("secret\n", encoding="utf-8")
    (root / ".well-known").mkdir()
    (root / ".well-known" / "security.txt").write_text("Contact: mailto:x@example.org\n")
    work = tmp_path_factory.mktemp("nginx-work")
    with nginx(root, work, content=built_content()) as port:
        yield f"127.0.0.1:{port}"


@pytest.fixture(scope="module")
def moved(site):
    """{built page at an old address: the address of the post it now leads to}.

    Read from `_redirects`, the list of old addresses the build writes beside those pages
    (plugins/redirects.py); nginx answers them itself with a 301, so they are never served.
    """
    listed = site / "_redirects"
    lines = listed.read_text(encoding="utf-8").splitlines() if listed.is_file() else []
    found = {}
    for line in lines:
        words = line.split()
        if len(words) == 3 and not line.startswith("#"):  # an address by number has 4
            old, new, _ = words
            page = unquote(old).lstrip("/")
            page = f"{page}index.html" if not page or page.endswith("/") else page
            found[page] = new
    return found


def fetch(address, path):
    connection = http.client.HTTPConnection(address, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.headers, response.read()


def url_of(page):
    """The address a visitor types for a built file: articles/x/index.html is /articles/x/.

    Percent-encoded, as a browser sends it: an imported blog's old addresses may hold accents.
    """
    return quote("/" + page.removesuffix("index.html"))


def assert_security_headers(headers, path="/"):
    for name, value in security_headers(path):
        assert headers.get_all(name) == [value], name


def test_every_page_is_served_with_every_security_header(served, moved, page):
    status, headers, _ = fetch(served, url_of(page))
    if page in moved:
        # An old address of an imported post: moved for good, to the post's new page.
        assert (status, headers["Location"]) == (301, moved[page])
    else:
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert_security_headers(headers, url_of(page))
    assert headers["Cache-Control"] == SHORT_CACHE


def test_fingerprinted_stylesheet_is_cached_for_a_year(served, site):
    for stylesheet in (site / "theme").rglob("*.css"):
        status, headers, _ = fetch(served, "/" + stylesheet.relative_to(site).as_posix())
        assert status == 200
        assert headers["Cache-Control"] == LONG_CACHE
        assert headers["Content-Type"] == "text/css"
        assert_security_headers(headers, "/theme/")


def test_unknown_address_shows_the_sites_404_page_with_status_404(served, site):
    status, headers, body = fetch(served, "/articles/no-such-article/")
    assert status == 404
    assert body == (site / "404.html").read_bytes()
    assert_security_headers(headers)


def test_missing_theme_file_also_gets_the_404_page(served, site):
    status, headers, body = fetch(served, "/theme/css/gone.0123456789.css")
    assert status == 404
    assert body == (site / "404.html").read_bytes()
    assert_security_headers(headers)


def test_host_instructions_are_not_served(served):
    status, _, _ = fetch(served, "/_headers")
    assert status == 404


@pytest.mark.parametrize("hidden", HIDDEN_FILES)
def test_a_hidden_file_on_the_server_is_never_served(served, site, hidden):
    status, headers, body = fetch(served, f"/{hidden}")
    assert status == 404
    assert body == (site / "404.html").read_bytes()
    assert_security_headers(headers)


def test_the_well_known_folder_stays_reachable_for_certificates(served):
    status, _, body = fetch(served, "/.well-known/security.txt")
    assert status == 200
    assert body.startswith(b"Contact:")


def test_address_without_trailing_slash_redirects_to_the_page(served):
    article = next(page for page in built_pages() if page.startswith("articles/"))
    status, headers, _ = fetch(served, url_of(article).rstrip("/"))
    assert status == 301
    assert headers["Location"] == url_of(article)


@pytest.fixture(scope="module")
def chromium(browser):
    return browser


@pytest.fixture
def tab(chromium):
    context = chromium.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.console_messages = []
    tab.on("console", lambda message: tab.console_messages.append(message.text))
    yield tab
    context.close()


def csp_problems(tab):
    reported = tab.evaluate("window.__cspViolations")
    logged = [text for text in tab.console_messages if "Content Security Policy" in text]
    return reported + logged


@pytest.mark.browser
def test_no_page_breaks_the_content_security_policy_in_chromium(served, tab, page):
    response = tab.goto(f"http://{served}{url_of(page)}", wait_until="load")
    assert response.status == 200
    assert csp_problems(tab) == []
    # The stylesheet really applied: the policy did not block it silently.
    assert tab.evaluate("document.styleSheets.length") >= 1
    assert tab.evaluate("document.styleSheets[0].cssRules.length") > 0


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked_but_json_ld_is_not_reported(served, tab):
    tab.goto(f"http://{served}/injected/", wait_until="load")
    assert tab.title() == "untouched"
    reported = tab.evaluate("window.__cspViolations")
    assert reported == ["script-src-elem inline"]


# The smallest WebAssembly module there is: the magic number and version 1.
COMPILE_WEBASSEMBLY = """
WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
  () => "compiled", (error) => error.message)
"""


@pytest.mark.browser
def test_only_the_search_page_may_compile_webassembly(served, tab):
    # The worker the search page starts has its own policy: see WASM_PATHS.
    tab.goto(f"http://{served}/about/", wait_until="load")
    assert "violates the following Content Security policy" in tab.evaluate(COMPILE_WEBASSEMBLY)
    tab.goto(f"http://{served}/search/", wait_until="load")
    assert tab.evaluate(COMPILE_WEBASSEMBLY) == "compiled"


@pytest.mark.browser
def test_search_still_works_under_the_policy(served, site, tab):
    tab.goto(f"http://{served}/search/", wait_until="load")
    search_box = tab.locator("main input[type=search], main input[type=text]").first
    search_box.fill("ketamine")
    search_box.press("Enter")
    result = tab.locator("main a[href*='/articles/ketamine-assisted-psychotherapy-for-anxiety/']")
    result.first.wait_for(timeout=15000)
    assert csp_problems(tab) == []


OBSERVATORY = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory" / "src" / "scan.js"


@pytest.mark.slow
@pytest.mark.skipif(
    os.geteuid() != 0, reason="the scanner probes ports 80 and 443 only; run as root"
)
def test_mozilla_observatory_grades_the_headers_a_plus(site, tmp_path, record_property):
    cert, key = self_signed_certificate(tmp_path)
    with nginx(site, tmp_path / "nginx", port=443, certificate=(cert, key), redirect_http=True):
        # The scanner's `bin` wrapper overwrites NODE_EXTRA_CA_CERTS, so run its scan.js.
        scanned = subprocess.run(
            ["node", str(OBSERVATORY), "127.0.0.1"],
            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)},
            capture_output=True,
            text=True,
            timeout=120,
        )
    report = json.loads(scanned.stdout or "{}")
    assert "scan" in report, scanned.stdout + scanned.stderr
    scan = report["scan"]
    record_property("observatory_grade", scan["grade"])
    record_property("observatory_score", scan["score"])
    print(f"\nMozilla HTTP Observatory: grade {scan['grade']}, score {scan['score']}")
    failed = {name: test["result"] for name, test in report["tests"].items() if not test["pass"]}
    assert failed == {}
    assert scan["grade"] == "A+"
