"""Check findings are remembered while a file and what the rule reads are unchanged."""

from pelican.settings import read_settings

from plugins.checks.cache import Findings
from plugins.checks.rule import file_rule
from tests.conftest import ROOT
from tests.rule_helpers import article, site_of

calls = []


@file_rule("html")
def counting(source, site):
    calls.append(source.shown)
    return []


def findings(tmp_path):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return Findings({**settings, "CACHE_PATH": str(tmp_path / "cache"), "BUILD_SHORTCUTS": True})


def test_an_unchanged_file_is_not_checked_again_and_an_edited_one_is(tmp_path):
    site = site_of(tmp_path, {"articles/note.md": article("First text.")})
    (source,) = site.sources.values()
    calls.clear()
    first = findings(tmp_path)
    first.of(counting, source, site)
    first.save()
    findings(tmp_path).of(counting, source, site)
    assert len(calls) == 1

    edited = site_of(tmp_path, {"articles/note.md": article("Edited text.")})
    findings(tmp_path).of(counting, *edited.sources.values(), edited)
    assert len(calls) == 2


def test_without_build_shortcuts_every_file_is_checked_every_time(tmp_path):
    site = site_of(tmp_path, {"articles/note.md": article("Text.")})
    (source,) = site.sources.values()
    calls.clear()
    for _ in range(2):
        plain = findings(tmp_path)
        plain.enabled = False
        plain.of(counting, source, site)
    assert len(calls) == 2
