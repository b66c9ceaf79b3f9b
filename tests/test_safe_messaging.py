"""Which texts count as talking about suicide, and so get the crisis help inside them."""

import pytest

from plugins.safe_messaging import mentions_suicide, unsafe_phrases


@pytest.mark.parametrize(
    "text",
    [
        "After the loss, she thought about suicide.",
        "Suicidal thoughts can come and go.",
        "Some teenagers self-harm when feelings get too big.",
        "Self harm is a way of coping with pain.",
        "Selfharm and self-injury are often hidden.",
        "He said he wanted to kill himself.",
        "Thoughts of killing themselves frightened them.",
        "I keep thinking I should kill myself.",
    ],
)
def test_crisis_help_appears_for_each_way_of_mentioning_suicide(text):
    assert mentions_suicide(text)


@pytest.mark.parametrize(
    "text",
    [
        "Coping skills help you notice worry early.",
        "Self-esteem grows with small wins.",
        "Be kind to yourself and to others.",
        "The weeds killed the roses.",
    ],
)
def test_everyday_words_do_not_bring_up_crisis_help(text):
    assert not mentions_suicide(text)


@pytest.mark.parametrize(
    "text",
    [
        "Después de la pérdida, pensó en el suicidio.",
        "Los pensamientos suicidas pueden ir y venir.",
        "Algunos adolescentes se autolesionan cuando las emociones los desbordan.",
        "La autolesión es una forma de afrontar el dolor.",
        "Dijo que quería quitarse la vida.",
        "A veces pienso en quitarme la vida.",
        "Tenía miedo de hacerse daño.",
        "Le dijo a su madre que quería matarse.",
    ],
)
def test_crisis_help_appears_on_spanish_posts_that_mention_suicide(text):
    assert mentions_suicide(text, "es")


@pytest.mark.parametrize(
    "text",
    [
        "La vida cotidiana trae preocupaciones pequeñas.",
        "Dormir bien ayuda a regular las emociones.",
        "El estrés daña el sueño, pero se puede mejorar.",
        "Cuida de ti y de los demás.",
    ],
)
def test_everyday_spanish_words_do_not_bring_up_crisis_help(text):
    assert not mentions_suicide(text, "es")


@pytest.mark.parametrize(
    "line, phrase, suggested",
    [
        ("Su hermano cometió suicidio en 2019.", "cometió suicidio", "murió por suicidio"),
        ("Muchas personas cometen suicidio cada año.", "cometen suicidio", "murió por suicidio"),
        ("Fue un suicidio exitoso, dijeron.", "suicidio exitoso", "murió por suicidio"),
        ("Tras un suicidio fallido, pidió ayuda.", "suicidio fallido", "intento de suicidio"),
        ("Después de un intento fallido, volvió a casa.", "intento fallido", "intento de suicidio"),
        ("Era una víctima del suicidio.", "víctima del suicidio", "persona que murió por"),
        ("Se habla de una epidemia de suicidios.", "epidemia de suicidios", "tasas de suicidio"),
        ("Sentía que el suicidio era la única salida.", "el suicidio era la única salida", "dolor"),
    ],
)
def test_spanish_wording_the_guidelines_advise_against_is_suggested_in_spanish(
    line, phrase, suggested
):
    ((found, _, fix),) = unsafe_phrases(line, "es")
    assert found == phrase
    assert suggested in fix


@pytest.mark.parametrize(
    "line",
    [
        "Su hermano se suicidó en 2019.",
        "Su hermano murió por suicidio en 2019.",
        "Sobrevivió a un intento de suicidio.",
        "La tasa de suicidio consumado es mayor en hombres.",
        "Pensar en el suicidio es señal de un dolor muy intenso, y ese dolor se puede tratar.",
    ],
)
def test_the_wording_spanish_guidance_advises_is_not_flagged(line):
    assert list(unsafe_phrases(line, "es")) == []


def test_english_posts_keep_the_english_list():
    assert list(unsafe_phrases("Su hermano cometió suicidio.")) == []
    ((found, _, _),) = unsafe_phrases("He committed suicide.", "en")
    assert found == "committed suicide"


def test_invoke_check_suggests_spanish_wording_in_a_spanish_post(minimal_content):
    from tests.conftest import invoke

    post = minimal_content / "articles" / "hablar-del-suicidio.md"
    post.write_text(
        "Title: Hablar del suicidio\nDate: 2026-01-20\nSummary: Cómo hablar del suicidio.\n"
        "Lang: es\nTranslation: false\n\nSu hermano cometió suicidio hace un año.\n",
        encoding="utf-8",
    )
    out = invoke("check", "--content", str(minimal_content)).stdout
    assert "hablar-del-suicidio.md, line 7 (safe messaging)" in out
    assert '"cometió suicidio"' in out and "murió por suicidio" in out


def test_a_spanish_post_about_taking_ones_life_shows_the_crisis_box(minimal_content, tmp_path):
    from tests.conftest import build

    (minimal_content / "articles" / "pensamientos.md").write_text(
        "Title: Cuando aparecen pensamientos oscuros\nDate: 2026-01-20\n"
        "Summary: Qué hacer si piensa en quitarse la vida.\nLang: es\nTranslation: false\n\n"
        "Si piensa en quitarse la vida, hable hoy con alguien de confianza.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = build(minimal_content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    (page,) = [
        path
        for path in output.rglob("*.html")
        if "hable hoy con alguien" in path.read_text(encoding="utf-8")
        and "search" not in path.parts
    ]
    assert 'class="ps-crisis-callout"' in page.read_text(encoding="utf-8")
