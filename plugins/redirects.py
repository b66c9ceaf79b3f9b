"""Keeps the addresses of an old blog working: each one leads to the post that replaced it.

`invoke import-posts` records every old address of an imported post in one file of the
content, `content/redirects.txt`, which she can edit: one line per old address, the
address first, then the post's file. Naming the file rather than its address means a
redirect follows the post if its Slug changes.

    # Old addresses, and the post each now leads to.
    /2019/05/coping-with-worry/   articles/coping-with-worry.md
    /?p=123                       articles/coping-with-worry.md

From this one file every build writes, for every host the site supports:
- a small page at each old path (GitHub Pages, which has no redirects of its own):
  `<meta http-equiv="refresh">` and `rel="canonical"` to the new page, and a link to it;
- `_redirects`, the list Netlify and Cloudflare Pages read;
and `invoke nginx-config` writes an nginx `map` (plugins/security_headers.py).
The rule plugins/checks/rules/redirects.py explains any line that cannot be used.
"""

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from pelican import signals
from pelican.generators import Generator
from pelican.utils import slugify

from plugins.front_matter import read_front_matter

REDIRECTS_FILE = "redirects.txt"
HOST_FILE = "_redirects"
TEMPLATE = "redirect"
# WordPress answers /?p=123 (posts) and /?page_id=45 (pages) for any post, whatever its permalink.
ID_QUERIES = ("p", "page_id")
HEADER = """\
# Old addresses, and the post each one now leads to (see WRITING.md, "Old addresses").
# One per line: the old address, then the post's file in the content folder.
# Lines that start with # are notes. Delete a line to stop redirecting that address.
"""
ALIGN_WIDTH = 40  # the targets line up in a column, unless an old address is longer
SAFE_PATH = re.compile(r"^/[^\s\"'\\{};$<>`]*$")
# What Netlify's and Cloudflare's `_redirects` and `_headers` read as patterns rather than
# letters: copied from an old address, "/*" would send every address of the site to one
# post, and a folder named ":page" would give every page the rules of one.
HOST_PATTERNS = {
    "*": "stands for any address",
    ":": "starts a placeholder for any word",
    "!": "makes a redirect replace a page that exists",
}
DELETE = "or delete the line to stop redirecting that address."


@dataclass(frozen=True)
class Redirect:
    """One old address and the file of the post it now leads to."""

    line: int
    path: str  # the old path, decoded: /2019/05/coping-with-worry/
    query: tuple  # ("p", "123") for an address by number, else ()
    target: str  # the post's file, relative to the content folder: articles/x.md

    @property
    def old(self):
        """The old address as written in the file."""
        if self.query:
            return f"{self.path}?{self.query[0]}={self.query[1]}"
        # A % in the decoded path is a letter of the old address, so it is written %25.
        return quote(self.path, safe="/@$&'()+,;=~-._")

    def save_as(self):
        """The file a static host serves at the old path, or None when it cannot have one."""
        if self.query:
            return None
        if self.path == "/":
            return "index.html"  # the home page: the site's own (is_sites_own)
        relative = self.path.lstrip("/")
        if self.path.endswith("/") or not PurePosixPath(relative).suffix:
            return f"{relative.rstrip('/')}/index.html"
        return relative


def is_sites_own(save_as):
    """Whether a file at this path is one the site writes itself (its home, archives, search…)."""
    from plugins.new_post import RESERVED_PAGE_SLUGS

    own = {"index.html", "404.html", *(f"{slug}/index.html" for slug in RESERVED_PAGE_SLUGS)}
    return save_as in own or save_as.startswith(("theme/", "pagefind/", "images/", "extra/"))


class Unusable(ValueError):
    """A line of the redirects file that cannot be used: what is wrong and how to fix it."""

    def __init__(self, what, fix):
        super().__init__(what)
        self.what, self.fix = what, fix


def parse_address(address):
    """(path, query) of an old address: a path, or a whole address of the old site."""
    try:
        parts = urlsplit(address)
    except ValueError:  # a [ or ] where an IPv6 address would be
        parts = urlsplit("")
    path = unquote(parts.path or "/")
    if not path.startswith("/") or not SAFE_PATH.match(path):
        raise Unusable(
            f'"{address}" is not an address the site can answer.',
            "Write the old address as it appeared in a browser, for example "
            f"/2019/05/coping-with-worry/ or https://old.example.org/?p=123, {DELETE}",
        )
    signs = {f'"{sign}"': meaning for sign, meaning in HOST_PATTERNS.items() if sign in path}
    if signs:
        meanings = "; ".join(f"{sign} {meaning}" for sign, meaning in signs.items())
        raise Unusable(
            f'"{address}" contains {" and ".join(signs)}, which Netlify and Cloudflare Pages '
            f"read as a pattern, not as part of an address ({meanings}), so this line would "
            "move other addresses too.",
            "Delete the line: an old address with *, : or ! in it cannot be redirected.",
        )
    if any(part in (".", "..") for part in path.split("/")):
        raise Unusable(
            f'"{address}" contains "." or ".." between slashes.',
            f"Write the old address without them, {DELETE}",
        )
    query = ()
    if parts.query:
        name, _, value = parts.query.partition("=")
        if name not in ID_QUERIES or not value.isdigit() or "&" in value:
            raise Unusable(
                f'"{address}" asks for "?{parts.query}", which the site cannot answer.',
                "Only the old numbered addresses (?p=123 or ?page_id=45) can be redirected; "
                f"remove the part after ? from this line, {DELETE}",
            )
        query = (name, value)
    return path, query


def parse(text):
    """(redirects, unusable lines as (line, Unusable)) of the redirects file's text."""
    redirects, unusable = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        if len(words) != 2:
            unusable.append(
                (
                    number,
                    Unusable(
                        f"This line has {len(words)} part{'' if len(words) == 1 else 's'}; it "
                        "needs two: the old address, then the post's file.",
                        f"Write it as: /old/address/   articles/the-post.md, {DELETE}",
                    ),
                )
            )
            continue
        try:
            path, query = parse_address(words[0])
        except Unusable as problem:
            unusable.append((number, problem))
            continue
        redirects.append(Redirect(number, path, query, words[1].lstrip("/")))
    return redirects, unusable


def read(content_root):
    """The redirects recorded in a content folder, and the lines that cannot be used."""
    path = Path(content_root) / REDIRECTS_FILE
    if not path.is_file():
        return [], []
    return parse(path.read_text(encoding="utf-8-sig"))


def render(entries):
    """The redirects file for (old address, target file) pairs, aligned for reading."""
    width = min(ALIGN_WIDTH, max((len(old) for old, _ in entries), default=0))
    return HEADER + "".join(f"{old.ljust(width)}   {target}\n" for old, target in entries)


def address_of_file(path, kind, settings):
    """The address a published post's file will have, from its front matter; None for a draft.

    For `invoke nginx-config`, which runs without a build; the build uses Pelican's own.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return address_of_text(text, kind, settings)


def address_of_text(text, kind, settings):
    """The address a published post will have, from its file's text; None for a draft."""
    front = read_front_matter(text)
    if front.values.get("status", "published") != "published":
        return None
    slug = front.values.get("slug") or slugify(
        front.values.get("title", ""),
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=False,
    )
    return "/" + settings["ARTICLE_URL" if kind == "article" else "PAGE_URL"].format(slug=slug)


def moved_without_build(content_root, settings):
    """(Redirect, new address) for each usable line, worked out from the files alone."""
    found, _ = read(content_root)
    moved = []
    for redirect in found:
        top = PurePosixPath(redirect.target).parts[:1]
        kind = "page" if top and top[0] in settings["PAGE_PATHS"] else "article"
        address = address_of_file(Path(content_root) / redirect.target, kind, settings)
        if redirect.save_as() and is_sites_own(redirect.save_as()):
            continue
        if address and address != redirect.path:
            moved.append((redirect, address))
    return moved


def host_lines(moved):
    """`_redirects` for Netlify and Cloudflare Pages, from (Redirect, new address) pairs.

    A path moves with a plain 301, which both hosts read. An address by number matches
    on its query, which only Netlify understands: Cloudflare Pages skips those lines.
    """
    lines = ["# Generated from content/redirects.txt by plugins/redirects.py."]
    for redirect, address in moved:
        if redirect.query:
            name, value = redirect.query
            # `!`: Netlify would otherwise serve the home page, which exists at /.
            lines.append(f"{quote(redirect.path)} {name}={value} {address} 301!")
        else:
            lines.append(f"{redirect.old} {address} 301")
    return "\n".join(lines) + "\n"


class RedirectsGenerator(Generator):
    """Writes a page at each old path and the `_redirects` list, once every post is read."""

    def generate_context(self):
        self.redirects, _ = read(self.path)

    def moved(self):
        """(Redirect, new address) for each redirect to a published post that has a page."""
        by_source = {}
        for name in ("articles", "pages"):
            for post in self.context.get(name, ()):
                by_source[str(Path(post.source_path).resolve())] = post
        taken = {post.save_as for post in by_source.values()}
        moved = []
        for redirect in self.redirects:
            post = by_source.get(str((Path(self.path) / redirect.target).resolve()))
            save_as = redirect.save_as()
            if post is None or save_as in taken or (save_as and is_sites_own(save_as)):
                continue  # explained by the redirects rule
            if f"/{post.url}" != redirect.path:
                moved.append((redirect, post))
        return moved

    def generate_output(self, writer):
        if not self.redirects:
            return
        moved = self.moved()
        template = self.get_template(TEMPLATE)
        written = set()
        for redirect, post in moved:
            save_as = redirect.save_as()
            if save_as and save_as not in written:
                written.add(save_as)
                writer.write_file(
                    save_as, template, self.context, moved_to=post, relative_urls=False
                )
        lines = host_lines([(redirect, f"/{post.url}") for redirect, post in moved])
        output = Path(self.output_path) / HOST_FILE
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(lines, encoding="utf-8")


def add_generator(pelican):
    # get_generators: the redirects are written after the articles and pages are read.
    return RedirectsGenerator


def register():
    signals.get_generators.connect(add_generator)
