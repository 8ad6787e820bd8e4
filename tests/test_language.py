"""core.language: English text is recognised whatever its topic; other languages are not."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factdiff.core import language

ENGLISH = (
    "The city council voted on Monday to approve the new bridge over the river. The mayor "
    "said that work would begin in May and that it would cost about $12 million, which is "
    "more than the state had planned. Residents who spoke at the meeting were divided."
)
# Written for this test: the same news in other languages, Latin script and not.
OTHER = {
    "fr": "Le conseil municipal a approuvé lundi la construction du nouveau pont sur la "
    "rivière. Le maire a déclaré que les travaux commenceront en mai et coûteront douze "
    "millions d'euros. Selon lui, on attend depuis des années une solution.",
    "de": "Der Stadtrat hat am Montag den Bau der neuen Brücke über den Fluss genehmigt. Der "
    "Bürgermeister sagte, die Arbeiten würden im Mai beginnen und zwölf Millionen Euro "
    "kosten. Man warte seit Jahren auf eine Lösung für den Verkehr.",
    "es": "El consejo municipal aprobó el lunes la construcción del nuevo puente sobre el "
    "río. El alcalde dijo que las obras comenzarán en mayo y costarán doce millones de "
    "euros. Según él, hace años que se espera una solución para el tráfico.",
    "pt": "O conselho municipal aprovou na segunda-feira a construção da nova ponte sobre o "
    "rio. O prefeito disse que as obras começarão em maio e custarão doze milhões de euros. "
    "Segundo ele, há anos se espera uma solução para o trânsito no centro.",
    "ru": "Городской совет в понедельник одобрил строительство нового моста через реку. Мэр "
    "сказал, что работы начнутся в мае и обойдутся в двенадцать миллионов евро, и что "
    "жители давно ждут решения проблемы движения в центре города.",
}


def test_english_prose_reads_as_english() -> None:
    share = language.english_share(ENGLISH)
    assert share is not None and share > 2 * language.ENGLISH_SHARE
    assert language.looks_english(ENGLISH)


@pytest.mark.parametrize("code", sorted(OTHER))
def test_other_languages_do_not(code: str) -> None:
    share = language.english_share(OTHER[code])
    assert share is not None and share < language.ENGLISH_SHARE, share
    assert not language.looks_english(OTHER[code])


def test_short_or_wordless_text_is_not_judged() -> None:
    assert language.english_share("Le maire a parlé.") is None
    assert language.looks_english("Le maire a parlé.")
    assert language.english_share("12 34 56 — 78 90") is None


def test_an_english_article_quoting_another_language_stays_english() -> None:
    text = ENGLISH + ' He added, in French: "' + OTHER["fr"][:80] + '"'
    assert language.looks_english(text)


def test_note_names_the_article() -> None:
    note = language.not_english_note("Le Monde")
    assert note.startswith("Le Monde does not look like English")


def test_cli_warns_of_an_article_not_in_english(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Once there is a result, the CLI says so on stderr (the model is stubbed)."""
    from factdiff.core import compare as compare_mod
    from factdiff.gui import cli

    a, b = tmp_path / "en.txt", tmp_path / "fr.txt"
    a.write_text(ENGLISH, encoding="utf-8")
    b.write_text(OTHER["fr"], encoding="utf-8")

    class Stop(Exception):
        pass

    def summary(*_a, **_k):  # type: ignore[no-untyped-def]
        raise Stop

    monkeypatch.setattr(compare_mod, "compare", lambda *_a, **_k: None)
    monkeypatch.setattr(cli, "print_summary", summary)
    errs: list[str] = []
    monkeypatch.setattr(sys, "stderr", type("E", (), {
        "write": lambda self, s: errs.append(s), "flush": lambda self: None,
        "isatty": lambda self: False})())
    with pytest.raises(Stop):
        cli.main(["compare", "-q", str(a), str(b)])
    text = "".join(errs)
    assert "warning: fr.txt does not look like English" in text
    assert text.count("does not look like English") == 1  # not en.txt


def test_module_needs_no_heavy_imports() -> None:
    code = (
        "import sys; from factdiff.core import language; "
        "language.looks_english('x ' * 50); "
        "print(sorted(m for m in ('numpy', 'spacy', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
