"""Defines the site's HTTP security and caching headers once, for every kind of host.

From this one definition the build writes `output/_headers` (read by Netlify and
Cloudflare Pages), every page carries its Content-Security-Policy in a `<meta>` tag
(for hosts that send no headers, such as GitHub Pages), and `invoke nginx-config`
writes an nginx include for any web server. All say the same thing, so the site is
equally strict wherever it lives.
"""

from pathlib import Path

from pelican import signals

# Content-Security-Policy: only the site's own files may load, and nothing inline runs.
# Data blocks such as JSON-LD are never executed, so need no hash.
CSP_DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# Pagefind compiles its WebAssembly on the search page (SEARCH_URL in pelicanconf.py), the
# only page that runs a script, and in the worker it starts from the index (output/pagefind/),
# which a browser holds to the policy its own response carries. 'wasm-unsafe-eval' allows
# that, not eval() nor inline scripts, and only there: every other page refuses WebAssembly.
WASM_PATHS = ("search/", "pagefind/")
# Browsers ignore these in a <meta> policy: only a header can say who may frame a page.
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")
# Hashes ('sha256-…') of inline scripts or styles the site cannot avoid. There are none:
# tests/test_security_headers.py fails if a page gains one that is not listed here.
INLINE_HASHES = ()

# Browser features the site never uses, switched off for it and anything it could embed.
DISABLED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
    "browsing-topics",
)


def content_security_policy(path="", meta=False):
    """The policy for the page at `path` in the site (such as search/ or search/index.html).

    With `meta`, the policy as a page's <meta> tag carries it: without what a tag cannot say.
    """
    path = path.lstrip("/")
    directives = dict(CSP_DIRECTIVES)
    if path.startswith(WASM_PATHS):
        directives["script-src"] += " 'wasm-unsafe-eval'"
    for hash_source in INLINE_HASHES:
        for directive in ("script-src", "style-src"):
            directives[directive] += f" '{hash_source}'"
    if meta:
        directives = {name: value for name, value in directives.items() if name not in NOT_IN_META}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


# Sent with every response, error pages included, with the policy of the page's path.
OTHER_HEADERS = (
    ("Referrer-Policy", "no-referrer"),
    # Two years; no includeSubDomains, because other services may share the domain.
    ("Strict-Transport-Security", "max-age=63072000"),
    ("X-Content-Type-Options", "nosniff"),
    ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)


def security_headers(path=""):
    """Every security header, as sent with the response for `path` in the site."""
    return (("Content-Security-Policy", content_security_policy(path)), *OTHER_HEADERS)


# Caching: fingerprinted theme files never change under the same name (plugins/theme_assets.py),
# so browsers keep them a year; everything else, HTML above all, is checked on every visit.
FINGERPRINTED_PREFIX = "/theme/"
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=0, must-revalidate"

HEADERS_FILE = "_headers"


def headers_file(entries):
    """The `_headers` file for Netlify and Cloudflare Pages.

    `entries` are the names of the site's top-level files and folders (folders end in /).
    """
    lines = ["# Generated from plugins/security_headers.py; edit that file, not this one.", "/*"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS]
    # Both hosts apply every rule that matches a path and join the values of a header that
    # several of them set, which for two policies means both apply: the search page could
    # never be allowed more than the rest. So each path gets its policy and its Cache-Control
    # from one rule only: one for each top-level file and folder, "/" for the home page, and
    # the search index, which is written after this file.
    # Their default Cache-Control for everything but the theme is already SHORT_CACHE.
    for entry in sorted({"", *entries, *WASM_PATHS} - {HEADERS_FILE}):
        pattern = f"/{entry}*" if entry.endswith("/") else f"/{entry}"
        lines += ["", pattern, f"  Content-Security-Policy: {content_security_policy(entry)}"]
        if pattern == f"{FINGERPRINTED_PREFIX}*":
            lines.append(f"  Cache-Control: {LONG_CACHE}")
    return "\n".join([*lines, ""])


def nginx_config():
    """An nginx include for a `server` block whose `root` is the built site."""

    def location(match, path, try_files, cache_control):
        # nginx drops inherited add_header lines in any block that adds its own, so each
        # location repeats all of them; `always` sends them with error pages too.
        pairs = [*security_headers(path), ("Cache-Control", cache_control)]
        headers = "\n".join(f'        add_header {name} "{value}" always;' for name, value in pairs)
        return f"location {match} {{\n        try_files {try_files};\n{headers}\n}}\n"

    locations = [
        location("/", "", "$uri $uri/ =404", SHORT_CACHE),
        location(FINGERPRINTED_PREFIX, FINGERPRINTED_PREFIX, "$uri =404", LONG_CACHE),
        *(location(f"/{path}", path, "$uri $uri/ =404", SHORT_CACHE) for path in WASM_PATHS),
    ]
    locations = "\n".join(locations)
    return f"""\
# Generated by `invoke nginx-config` from plugins/security_headers.py; edit that file instead.
# Include it inside a server block whose root is the published site, for example:
#   server {{
#       listen 443 ssl; server_name www.example.org;
#       ssl_certificate ...; ssl_certificate_key ...;
#       root /srv/psych-site/current;
#       include /etc/nginx/snippets/psych-site.conf;
#   }}
index index.html;
charset utf-8;
server_tokens off;
absolute_redirect off;
error_page 404 /404.html;

{locations}
# Instructions for other hosts and deploy bookkeeping are not part of the site.
location = /{HEADERS_FILE} {{
        return 404;
}}

# Hidden files (.env, .git/, .DS_Store) are never published; should one reach the server's
# folder all the same, it is not served. /.well-known/ stays reachable for certificates.
location ~ /\\.(?!well-known/) {{
        return 404;
}}
"""


# Old addresses (plugins/redirects.py, content/redirects.txt): nginx answers each with a
# permanent redirect. `map` belongs in nginx's http block, so it is a file of its own.
MOVED_VARIABLE = "$psych_site_moved"
MOVED_BY_NUMBER = {"p": "$psych_site_moved_post", "page_id": "$psych_site_moved_page"}


def _nginx_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# nginx's own map_hash_max_size and map_hash_bucket_size (a cache line), and the size of
# a pointer on the 64-bit servers it runs on: what its hash tables are built from.
NGINX_MAP_HASH = (2048, 64)
POINTER = 8


def _nginx_hash(key):
    # ngx_hash_key over the key as nginx stores it, lower-cased (ngx_hash_add_key).
    value = 0
    for byte in key.lower().encode():
        value = (value * 31 + byte) % 2**64
    return value


def _element_size(key):
    # NGX_HASH_ELT_SIZE: the value's pointer, then the key's length and bytes, aligned.
    return POINTER + (len(key.encode()) + 2 + POINTER - 1) // POINTER * POINTER


def _fits(tables, max_size, bucket_size):
    """Whether nginx's ngx_hash_init finds a table size for each map: else it warns.

    `tables` holds, for each map, (hash, bytes) of each key. nginx tries every size from
    a first guess up to max_size, and takes the first in which no bucket overflows.
    """
    room = bucket_size - POINTER
    for table in tables:
        if not table:
            continue
        if max(length for _, length in table) > room:
            return False
        start = max(1, len(table) // (room // (2 * POINTER)))
        if max_size > 10000 and max_size // len(table) < 100:
            start = max_size - 1000
        for size in range(start, max_size + 1):
            filled = {}
            for hashed, length in table:
                slot = hashed % size
                filled[slot] = filled.get(slot, 0) + length
                if filled[slot] > room:
                    break
            else:
                break
        else:
            return False
    return True


def _map_hash_sizes(maps):
    """(map_hash_max_size, map_hash_bucket_size) with which nginx builds every map quietly."""
    tables = [[(_nginx_hash(key), _element_size(key)) for key in keys] for keys in maps]
    default_max, bucket_size = NGINX_MAP_HASH
    while True:
        # nginx's advice: a larger table first (more memory, one key a bucket), then
        # larger buckets (more keys a bucket, each lookup reads a little more).
        for max_size in (default_max, default_max * 2, default_max * 4):
            if _fits(tables, max_size, bucket_size):
                return max_size, bucket_size
        bucket_size *= 2


def nginx_redirects(moved):
    """(the http-block `map` file, the lines for the server block) for (Redirect, address) pairs.

    Both are "" when nothing moved. A path is matched with and without its last slash; an
    old address by number (?p=123) only at / and /index.php, as WordPress answered it.
    """
    if not moved:
        return "", ""
    by_path, by_number = {}, {name: {} for name in MOVED_BY_NUMBER}
    for redirect, address in moved:
        if redirect.query:
            name, value = redirect.query
            by_number[name].setdefault(value, address)
        elif "$" not in redirect.path and redirect.path not in ("/", "/index.php"):
            by_path.setdefault(redirect.path, address)
            by_path.setdefault(redirect.path.rstrip("/") or "/", address)
    maps = [
        "# Generated by `invoke nginx-config` from content/redirects.txt.",
        "# Include it in nginx's http block: Debian's nginx reads /etc/nginx/conf.d/*.conf.",
    ]
    # nginx's defaults build a map of a few hundred short keys; an old blog's addresses can
    # be longer or more, and then nginx warns at every start. Each size is set only when
    # the default will not do: nginx refuses a directive set twice in its http block.
    max_size, bucket_size = _map_hash_sizes(
        [by_number["p"], by_number["page_id"], ["/", "/index.php", *by_path]]
    )
    if bucket_size != NGINX_MAP_HASH[1]:
        maps.append(f"map_hash_bucket_size {bucket_size};")
    if max_size != NGINX_MAP_HASH[0]:
        maps.append(f"map_hash_max_size {max_size};")
    for name, variable in MOVED_BY_NUMBER.items():
        maps += [f"map $arg_{name} {variable} {{", '    default "";']
        maps += [f"    {value} {_nginx_string(a)};" for value, a in sorted(by_number[name].items())]
        maps.append("}")
    maps += [f"map $uri {MOVED_VARIABLE} {{", '    default "";']
    maps += [
        f"    {where} {MOVED_BY_NUMBER['p']}{MOVED_BY_NUMBER['page_id']};"
        for where in ('"/"', '"/index.php"')
    ]
    maps += [
        f"    {_nginx_string(path)} {_nginx_string(a)};" for path, a in sorted(by_path.items())
    ]
    maps.append("}")
    pairs = [*security_headers(), ("Cache-Control", SHORT_CACHE)]
    server = "\n".join(
        [
            "",
            "# Old addresses of imported posts (content/redirects.txt) move for good. The map",
            "# that names them is in the http block (nginx-redirects.conf).",
            *[f'add_header {name} "{value}" always;' for name, value in pairs],
            f"if ({MOVED_VARIABLE}) {{",
            f"        return 301 {MOVED_VARIABLE};",
            "}",
            "location = /_redirects {",
            "        return 404;",
            "}",
            "",
        ]
    )
    return "\n".join(maps) + "\n", server


def write_headers_file(pelican):
    # `finalized` runs after Pelican may have emptied the output folder, and after every
    # page is written: the rules name the site's top-level files and folders.
    output = Path(pelican.output_path)
    entries = [f"{path.name}/" if path.is_dir() else path.name for path in output.iterdir()]
    (output / HEADERS_FILE).write_text(headers_file(entries), encoding="utf-8")


def offer_policy_to_templates(generator):
    # generator_init: base.html writes each page's policy into a <meta> tag with it.
    generator.env.globals["content_security_policy"] = content_security_policy


def register():
    signals.generator_init.connect(offer_policy_to_templates)
    signals.finalized.connect(write_headers_file)
