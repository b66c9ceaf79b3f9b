"""The site's security and caching headers: one definition, the same on every host."""

import base64
import hashlib
import re
from fnmatch import fnmatchcase

from plugins.security_headers import (
    INLINE_HASHES,
    LONG_CACHE,
    NOT_IN_META,
    SHORT_CACHE,
    WASM_PATHS,
    content_security_policy,
    security_headers,
)
from tests.conftest import ROOT, invoke, read_page
from tests.trust_helpers import SETTINGS

REQUIRED = {
    "Content-Security-Policy",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
}
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


def read_headers_file(path):
    """Parse a Netlify / Cloudflare Pages `_headers` file into {path pattern: {name: value}}."""
    rules, pattern = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            pattern = line.strip()
            rules[pattern] = {}
        else:
            name, _, value = line.strip().partition(":")
            rules[pattern][name] = value.strip()
    return rules


def headers_for(rules, path):
    """The headers Netlify or Cloudflare Pages send for `path`: every matching rule's.

    Both join the values of a header that two matching rules set, so none may: the test
    then holds whichever way a host combines them.
    """
    sent = {}
    for pattern, headers in rules.items():
        if pattern == path or ("*" in pattern and fnmatchcase(path, pattern)):
            for name, value in headers.items():
                assert name not in sent, f"{path}: {name} is set by two rules"
                sent[name] = value
    return sent


def read_nginx_locations(text):
    """Map each nginx `location` to the headers it adds."""
    locations = {}
    for match in re.finditer(r"location\s+([^{]+?)\s*\{(.*?)\}", text, re.S):
        added = re.findall(r'add_header\s+(\S+)\s+"([^"]*)"\s+always;', match[2])
        locations[match[1]] = dict(added)
    return locations


def nginx_headers_for(locations, path):
    """The headers of the prefix location nginx chooses for `path`: the longest that matches."""
    prefixes = [match for match in locations if match.startswith("/") and path.startswith(match)]
    return locations[max(prefixes, key=len)]


def directives(policy):
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def site_paths(site):
    """The address of every file in the built site, and of every page as readers type it."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name != "_headers":
            address = "/" + path.relative_to(site).as_posix()
            yield address.removesuffix("index.html")


def test_the_policy_lets_only_the_sites_own_files_run_and_nothing_inline():
    policy = directives(content_security_policy())
    assert policy["default-src"] == "'none'"
    for name in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert "'self'" in policy[name].split(), name
    assert policy["base-uri"] == "'none'"
    assert policy["form-action"] in ("'none'", "'self'")
    assert policy["frame-ancestors"] == "'none'"
    for value in policy.values():
        assert "'unsafe-inline'" not in value and "'unsafe-eval'" not in value
        assert "*" not in value and "http" not in value, "only the site's own origin"


def test_only_the_search_page_and_its_index_may_compile_webassembly():
    assert WASM_PATHS == (SETTINGS.SEARCH_URL, "pagefind/")
    for path in ("search/", "search/index.html", "/search/?q=calm", "pagefind/1/worker.js"):
        assert "'wasm-unsafe-eval'" in directives(content_security_policy(path))["script-src"]
    for path in ("", "index.html", "articles/calm/", "404.html", "searching/", "tags/search/"):
        assert directives(content_security_policy(path))["script-src"] == "'self'", path


def test_every_path_on_netlify_and_cloudflare_gets_every_security_header_once(site):
    rules = read_headers_file(site / "_headers")
    for path in site_paths(site):
        if path.startswith("/handouts/"):
            continue  # printed after the build, and never a web page
        sent = headers_for(rules, path)
        sent.pop("Cache-Control", None)
        assert sent == dict(security_headers(path)), path
        assert set(sent) == REQUIRED


def test_fingerprinted_theme_files_are_cached_for_a_year_on_netlify_and_cloudflare(site):
    rules = read_headers_file(site / "_headers")
    assert all(path.startswith("theme/") for path in _theme_files(site))
    for path in site_paths(site):
        cache = headers_for(rules, path).get("Cache-Control")
        assert cache == (LONG_CACHE if path.startswith("/theme/") else None), path


def _theme_files(site):
    return [p.relative_to(site).as_posix() for p in (site / "theme").rglob("*") if p.is_file()]


def test_theme_files_carry_a_fingerprint_of_their_content(site):
    for relative in _theme_files(site):
        digest = hashlib.sha256((site / relative).read_bytes()).hexdigest()[:10]
        assert f".{digest}." in relative, relative


def test_nginx_serves_exactly_the_headers_netlify_and_cloudflare_get(tmp_path, site):
    config = tmp_path / "site.conf"
    result = invoke("nginx-config", "--output", str(config))
    assert result.returncode == 0, result.stderr
    locations = read_nginx_locations(config.read_text())
    rules = read_headers_file(site / "_headers")
    for path in site_paths(site):
        if path.startswith("/handouts/"):
            continue  # nginx sends them the policy of /; _headers none
        served = dict(nginx_headers_for(locations, path))
        expected = headers_for(rules, path)
        # Where _headers leaves Cache-Control to the host, its default is SHORT_CACHE.
        assert served.pop("Cache-Control") == expected.pop("Cache-Control", SHORT_CACHE), path
        assert served == expected, path


def test_the_nginx_config_is_not_written_into_the_public_site(site):
    assert not list(site.rglob("*.conf"))
    assert not (ROOT / "output" / "nginx-site.conf").exists()


def _hash(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_page_has_no_inline_script_or_style_the_policy_would_block(site, page):
    html = read_page(site, page)
    for script in html.find_all("script"):
        if script.get("src") or script.get("type", "").lower() in DATA_BLOCK_TYPES:
            continue
        assert _hash(script.string or "") in INLINE_HASHES, f"inline script: {script}"
    for style in html.find_all("style"):
        assert _hash(style.string or "") in INLINE_HASHES, f"inline style: {style}"
    for element in html.find_all(True):
        assert "style" not in element.attrs, f"style attribute on {element.name}"
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"inline event handler {handlers} on {element.name}"


def test_each_page_carries_the_policy_its_address_is_served_with_less_what_a_tag_cannot_say(
    site, page
):
    # Hosts that send no headers (GitHub Pages) have only the page's own <meta> policy.
    tags = read_page(site, page).select('meta[http-equiv="Content-Security-Policy"]')
    assert len(tags) == 1
    in_page = directives(tags[0]["content"])
    header = directives(content_security_policy(page))
    assert in_page == {name: value for name, value in header.items() if name not in NOT_IN_META}
    assert set(header) - set(in_page) == {"frame-ancestors"}


def test_the_policy_in_the_page_comes_before_anything_it_governs(site, page):
    # A <meta> policy applies only to what the browser reads after it.
    head = read_page(site, page).head
    first, second = head.find_all(True)[:2]
    assert first.attrs == {"charset": "utf-8"}
    assert second.get("http-equiv") == "Content-Security-Policy"
