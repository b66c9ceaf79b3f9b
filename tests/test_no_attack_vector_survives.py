"""Attack vectors nobody here wrote leave nothing that could run in the built pages and drawings.

The same corpus, doors and rules as tests/browser/test_no_attack_vector_runs.py, read from
the built files by an HTML5 parser instead of Chromium: a regression shows without a
browser (the browser test also sees what only running the page reveals).
"""

import pytest

from tests import corpus
from tests.corpus_oracle import dangers, drawing_dangers
from tests.corpus_site import built, case_of, crashes, describe, one_line, published_files, report


def test_the_attack_corpus_is_there_when_ci_runs_the_tests():
    # CI's setup downloads it; were it missing, the attack tests would skip and prove nothing.
    if corpus.missing():
        assert not corpus.required(), corpus.MISSING
        pytest.skip(corpus.MISSING)
    found = corpus.vectors()
    assert len(found) > 150, f"only {len(found)} vectors were read from the corpus"
    assert {origin.split()[0] for _, origin, _ in found} == {"wfuzz", "bleach", "lxml_html_clean"}


@pytest.mark.slow
def test_no_attack_vector_leaves_anything_that_could_run_in_the_built_files():
    corpus.skip_when_missing()
    site, address = built()
    failures = sorted(
        [
            f"{describe(site, case_of(file))} | {file} | {one_line(danger)}"
            for file in published_files(site.output)
            for danger in (drawing_dangers if file.endswith(".svg") else dangers)(
                (site.output / file).read_text(encoding="utf-8"), address
            )
        ]
        + crashes(site)
    )
    assert not failures, report(failures, "left something that could run in the built files")


def test_the_rules_find_what_could_run_and_leave_the_sites_own_scripts_and_words_alone():
    # The judge of both attack tests, tried on a page whose answer is known.
    page = (
        '<html><head><script src="http://127.0.0.1:1/theme/js/search.js"></script>'
        '<script type="application/ld+json">{}</script></head><body>'
        '<img src=x onerror=alert(1)><a href=" jav&#x09;ascript:alert(1)">x</a>'
        '<img alt="javascript: a word" title="javascript:">'
        "<iframe></iframe><script>alert(1)</script>"
        '<script src="http://evil.example/x.js"></script>'
        '<meta http-equiv="refresh" content="0;url=http://evil.example"></body></html>'
    )
    found = [danger.split(":")[0] for danger in dangers(page, "http://127.0.0.1:1")]
    assert found == [
        "event handler onerror",
        "href= jav\tascript",
        "<iframe>",
        "inline script",
        "foreign script http",
        "meta refresh in the body",
    ]
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><iframe/>'
        '<a href="javascript:x"><rect onload="x"/></a></svg>'
    )
    assert [danger.split(":")[0] for danger in drawing_dangers(drawing)] == [
        "script",
        "href=javascript",
        "event handler onload",
    ]
