"""Attack vectors nobody on this project wrote: published XSS lists and sanitizers' own tests.

`scripts/setup --test` downloads them, pinned by hash, into .corpora/ (never committed):
- Debian's wfuzz 3.1.0-2: its word lists Injections/XSS.txt and All_attack.txt;
- bleach 6.2.0's sdist: tests/data/*.test (the XSS cheat sheet) and the inputs of
  tests/test_clean.py (the mutation-XSS and sanitizer bypasses bleach is tested against);
- lxml_html_clean 0.4.3's sdist: the inputs of tests/test_clean.py and its doctests.
"""

import ast
import doctest
import functools
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / ".corpora"
MISSING = (
    f"The attack corpus is not in {CORPORA.relative_to(ROOT)}/: run `scripts/setup --test`, "
    "which downloads it."
)
# What makes a line of a mixed word list (All_attack.txt also holds SQL and path tricks)
# something a browser could run.
BROWSER_WORDS = ("<", "javascript:", "vbscript:", "data:", "expression(", "onerror", "onload")


def missing():
    """True when the corpus was not downloaded: the tests that need it skip (not in CI)."""
    return not (CORPORA / "wfuzz" / "XSS.txt").is_file()


def skip_when_missing():
    if missing():
        pytest.skip(MISSING)


def _word_list(path, only_browser_words=False):
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        vector = line.strip("\r\n")
        if not vector.strip():
            continue
        if only_browser_words and not any(word in vector.lower() for word in BROWSER_WORDS):
            continue
        yield vector


def _cheat_sheet(folder):
    # Each file: the input, a line "--", then what bleach makes of it.
    for path in sorted(folder.glob("*.test"), key=lambda p: int(p.stem)):
        yield path.read_text(encoding="utf-8").split("\n--\n")[0].strip("\n")


def _first_string(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Tuple | ast.List) and node.elts:
        return _first_string(node.elts[0])
    return None


def _inputs_of(source, calls):
    """String inputs in a test module: first arguments of `calls` and parametrize cases."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else None
            called = called or (node.func.id if isinstance(node.func, ast.Name) else None)
            if called == "parametrize" and len(node.args) >= 2:
                cases = node.args[1]
                if isinstance(cases, ast.List | ast.Tuple):
                    for case in cases.elts:
                        # pytest.param(input, expected) or (input, expected) or input
                        if isinstance(case, ast.Call) and case.args:
                            case = case.args[0]
                        found = _first_string(case)
                        if found is not None:
                            yield found
            elif called in calls and node.args:
                found = _first_string(node.args[0])
                if found is not None:
                    yield found


def _strings_with_markup(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<" in node.value:
            yield node.value


def _doctest_inputs(path):
    for example in doctest.DocTestParser().get_examples(path.read_text(encoding="utf-8")):
        try:
            tree = ast.parse(example.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value


def _sources():
    wfuzz = CORPORA / "wfuzz"
    yield "wfuzz XSS.txt", _word_list(wfuzz / "XSS.txt")
    yield "wfuzz All_attack.txt", _word_list(wfuzz / "All_attack.txt", only_browser_words=True)
    bleach = CORPORA / "bleach" / "tests"
    yield "bleach tests/data", _cheat_sheet(bleach / "data")
    yield (
        "bleach test_clean.py",
        _inputs_of((bleach / "test_clean.py").read_text(encoding="utf-8"), {"clean"}),
    )
    lxml_clean = CORPORA / "lxml_html_clean" / "tests"
    # Its inputs are named in too many ways to pick out: every string with markup is taken,
    # the cleaned results too (they must be harmless anyway).
    yield "lxml_html_clean test_clean.py", _strings_with_markup(lxml_clean / "test_clean.py")
    for doctests in sorted(lxml_clean.glob("test_clean*.txt")):
        yield f"lxml_html_clean {doctests.name}", _doctest_inputs(doctests)


@functools.cache
def vectors():
    """Every vector once, in a stable order: [(index, where it comes from, the vector)].

    Only strings that hold markup or an address scheme count: the sanitizers' tests also
    pass plain words, which test nothing here.
    """
    seen, found = set(), []
    for origin, strings in _sources():
        for vector in strings:
            if vector in seen or not any(word in vector.lower() for word in BROWSER_WORDS):
                continue
            seen.add(vector)
            found.append((len(found), origin, vector))
    return found


def required():
    """In CI the corpus must be there: a missing one would make the attack tests skip quietly."""
    return os.environ.get("CI") == "true"
