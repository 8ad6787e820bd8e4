"""Token alignment by words and lemmas (hand-built words: no parse or model needed)."""

from __future__ import annotations

from factdiff.core.facts.tokalign import Word, align_tokens


def _words(spec: str) -> list[Word]:
    """Words from "text/lemma" items (a bare item is its own lemma)."""
    out, at = [], 0
    for n, item in enumerate(spec.split()):
        text, _, lemma = item.partition("/")
        out.append(Word(n, at, at + len(text), text, lemma or text.lower(), "VERB"))
        at += len(text) + 1
    return out


def test_a_word_takes_the_nearer_form_of_its_lemma_before_a_far_exact_one() -> None:
    # "Dell has 32 percent" / "Dell does not have 32 percent ..., it has 10": the "has"
    # of A is the "have" beside it, not the far "has" of B's second clause
    a = _words("Dell has/have percent market world")
    b = _words("Dell does/do not have percent market but it has/have share world")
    al = align_tokens(a, b)
    assert b[al.links[1][0]].text == "have"
    assert al.links[1][1] == 0.95  # a lemma match: a little less sure than the word itself


def test_the_same_word_still_wins_at_the_same_distance() -> None:
    a = _words("they said/say it")
    b = _words("they said/say it says/say")
    al = align_tokens(a, b)
    assert al.links[1] == (1, 1.0)
