"""The site's security and caching headers: one definition, the same on every host."""

import base64
import hashlib
import re

from plugins.security_headers import (
    INLINE_HASHES,
    LONG_CACHE,
    SECURITY_HEADERS,
    content_security_policy,
)
from tests.conftest import ROOT, invoke, read_page

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


def read_nginx_locations(text):
    """Map each nginx `location` to the headers it adds."""
    locations = {}
    for match in re.finditer(r"location\s+([^{]+?)\s*\{(.*?)\}", text, re.S):
        added = re.findall(r'add_header\s+(\S+)\s+"([^"]*)"\s+always;', match[2])
        locations[match[1]] = dict(added)
    return locations


def directives(policy):
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


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


def test_every_path_on_netlify_and_cloudflare_gets_every_security_header(site):
    rules = read_headers_file(site / "_headers")
    assert set(rules["/*"]) == REQUIRED
    assert rules["/*"] == dict(SECURITY_HEADERS)


def test_fingerprinted_theme_files_are_cached_for_a_year_on_netlify_and_cloudflare(site):
    rules = read_headers_file(site / "_headers")
    assert rules["/theme/*"] == {"Cache-Control": LONG_CACHE}
    assert all(path.startswith("theme/") for path in _theme_files(site))
    # The hosts merge a header set by several matching rules; Cache-Control must not be.
    assert "Cache-Control" not in rules["/*"]


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
    everywhere = {name: value for name, value in locations["/"].items() if name != "Cache-Control"}
    assert everywhere == rules["/*"]
    theme = locations["/theme/"]
    assert theme.pop("Cache-Control") == rules["/theme/*"]["Cache-Control"]
    assert theme == rules["/*"]


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
