"""A translation is checked like any post; the check says when its original is missing or newer."""

from plugins.checks.rules import front_matter, translations
from tests.conftest import build, invoke
from tests.rule_helpers import article, site_of

ORIGINAL = article(
    "How to breathe slowly when panic starts.",
    title="Coping with panic",
    Slug="coping-with-panic",
    Reviewed="2026-11-20",
)


def translation(**fields):
    fields = {"Slug": "coping-with-panic", "Lang": "es", **fields}
    return article(
        "Cómo respirar despacio cuando empieza el pánico.", "Afrontar el pánico", **fields
    )


def problems_of(rule, tmp_path, files):
    site = site_of(tmp_path, files)
    if rule.per_file:
        return [p for source in site.sources.values() for p in rule(source, site)]
    return rule(site)


def test_a_spanish_translation_of_an_english_post_passes_every_field_check(tmp_path):
    files = {
        "articles/panic.md": ORIGINAL,
        "articles/panic-es.md": translation(Reviewed="2026-11-25"),
    }
    assert problems_of(front_matter.check, tmp_path, files) == []
    assert problems_of(translations.check, tmp_path, files) == []


def test_a_language_the_site_is_not_written_in_is_refused_with_the_code_she_meant(tmp_path):
    files = {"articles/panic-es.md": translation(Lang="Spanish")}
    (problem,) = problems_of(front_matter.check, tmp_path, files)
    assert (problem.severity, problem.file, problem.line, problem.field) == (
        "error",
        "content/articles/panic-es.md",
        5,
        "Lang",
    )
    assert '"spanish" is not one of the languages' in problem.what
    assert "es (Español)" in problem.what
    assert problem.fix == "Did you mean es? Write it as: Lang: es"


def test_a_language_code_with_a_country_is_read_as_the_sites_language(tmp_path):
    (problem,) = problems_of(
        front_matter.check, tmp_path, {"articles/panic-es.md": translation(Lang="es-MX")}
    )
    assert problem.fix == "Did you mean es? Write it as: Lang: es"


def test_a_translation_field_that_is_not_true_or_false_is_refused(tmp_path):
    files = {"articles/panic.md": ORIGINAL, "articles/panic-es.md": translation(Translation="yes")}
    (problem,) = problems_of(front_matter.check, tmp_path, files)
    assert (problem.line, problem.field) == (6, "Translation")
    assert "Translation: true" in problem.fix and "Translation: false" in problem.fix


def test_a_translation_whose_original_is_missing_names_its_slug_and_the_closest_one(tmp_path):
    files = {
        "articles/panic.md": ORIGINAL,
        "articles/panic-es.md": translation(Slug="coping-with-panik"),
    }
    (problem,) = problems_of(translations.check, tmp_path, files)
    assert (problem.severity, problem.file, problem.line, problem.field) == (
        "error",
        "content/articles/panic-es.md",
        4,
        "Translation",
    )
    assert 'no post in English has its slug, "coping-with-panik"' in problem.what
    assert "did you mean Slug: coping-with-panic?" in problem.fix
    assert "Translation: false" in problem.fix


def test_a_translation_without_a_slug_is_told_to_take_its_originals(tmp_path):
    files = {"articles/panic.md": ORIGINAL, "articles/panic-es.md": translation(Slug="x")}
    files["articles/panic-es.md"] = files["articles/panic-es.md"].replace("Slug: x\n", "")
    (problem,) = problems_of(translations.check, tmp_path, files)
    assert '"afrontar-el-panico"' in problem.what


def test_a_post_written_in_spanish_alone_needs_no_original(tmp_path):
    files = {"articles/solo.md": translation(Slug="solo-en-espanol", Translation="false")}
    assert problems_of(translations.check, tmp_path, files) == []


def test_an_english_post_marked_as_a_translation_needs_its_original(tmp_path):
    files = {"articles/panic.md": article("Text.", Slug="from-spanish", Translation="true")}
    (problem,) = problems_of(translations.check, tmp_path, files)
    assert problem.field == "Translation" and '"from-spanish"' in problem.what


def test_a_translation_older_than_its_originals_last_review_is_suggested_for_review(tmp_path):
    files = {
        "articles/panic.md": ORIGINAL,
        "articles/panic-es.md": translation(Reviewed="2026-11-05"),
    }
    (problem,) = problems_of(translations.check, tmp_path, files)
    assert (problem.severity, problem.line, problem.field) == ("warning", 6, "Translation")
    assert problem.what == (
        "The translation may be out of date: its original, content/articles/panic.md, was "
        "reviewed on 2026-11-20, after this translation was last reviewed, on 2026-11-05."
    )
    assert problem.fix == (
        "Compare it with the original and bring it up to date, then set Reviewed: 2026-12-04 here."
    )


def test_a_translation_reviewed_after_its_original_is_not_suggested(tmp_path):
    files = {
        "articles/panic.md": ORIGINAL,
        "articles/panic-es.md": translation(Reviewed="2026-11-21"),
    }
    assert problems_of(translations.check, tmp_path, files) == []


def test_an_original_changed_after_the_translation_was_published_is_noticed(tmp_path):
    original = ORIGINAL.replace("Reviewed: 2026-11-20", "Modified: 2026-11-02")
    files = {"articles/panic.md": original, "articles/panic-es.md": translation()}
    (problem,) = problems_of(translations.check, tmp_path, files)
    assert "was changed on 2026-11-02" in problem.what
    assert "last published, on 2026-11-01" in problem.what


def test_two_spanish_posts_with_one_slug_stop_the_build_naming_both(tmp_path):
    content = tmp_path / "content"
    site_of(
        tmp_path,
        {
            "articles/panic.md": ORIGINAL,
            "articles/panic-es.md": translation(),
            "articles/panic-es-2.md": translation(),
        },
    )
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert "content/articles/panic-es.md" in result.stdout + result.stderr
    assert "panic-es-2.md" in result.stdout + result.stderr
    assert "same web address" in result.stdout + result.stderr  # plugins/checks/rules/addresses.py


def test_invoke_check_lists_a_missing_original_in_plain_words(tmp_path):
    content = tmp_path / "content"
    site_of(tmp_path, {"articles/panic-es.md": translation()})
    result = invoke("check", "--content", str(content))
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "content/articles/panic-es.md, line 4 (Translation)" in out
    assert "Pelican" not in out.split("must be fixed")[1].split("suggestion")[0]
