"""Attack vectors nobody here wrote leave nothing that could run in the built pages and drawings.

The same corpus, doors and rules as tests/browser/test_no_attack_vector_runs.py, read from
the built files by an HTML5 parser instead of Chromium: a regression shows without a
browser (the browser test also sees what only running the page reveals).
"""

import pytest

from tests import corpus
from tests.corpus_oracle import dangers
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
            for danger in dangers((site.output / file).read_text(encoding="utf-8"), address)
        ]
        + crashes(site)
    )
    assert not failures, report(failures, "left something that could run in the built files")
