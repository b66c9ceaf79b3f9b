"""Run one check rule on a few files, without building a site (pelican-plugins style)."""

import datetime
from functools import cache

from pelican.settings import read_settings

from plugins.checks.source import Site, key, read_source, source_files
from tests.conftest import ROOT

TODAY = datetime.date(2026, 12, 4)


@cache
def _settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


def site_of(tmp_path, files, today=TODAY):
    """A Site of `files` ({"articles/x.md": text, "images/y.png": bytes}), read as the checks do."""
    content = tmp_path / "content"
    for name, body in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    site = Site({**_settings(), "PATH": str(content)}, content, today)
    for path, kind in source_files(content, site.settings):
        source, _ = read_source(path, kind, site)
        if source is not None:
            site.sources[key(path)] = source
    return site


def article(body, title="A Note", **fields):
    """The text of a published article with `body` under its front matter."""
    lines = [f"Title: {title}", "Date: 2026-11-01", "Summary: A note for a test."]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"


def found(rule, tmp_path, body, **files):
    """What `rule` finds in an article with `body` (other files beside it in `files`)."""
    site = site_of(tmp_path, {"articles/note.md": article(body), **files})
    source = site.source_of(site.content_root / "articles" / "note.md")
    return rule(source, site)
