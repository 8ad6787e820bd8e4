"""The entity check on parsed sentences: names in the same role (crafted sentences)."""

from __future__ import annotations

import pytest
from builders import words_in_conflict

from factdiff.core import nlp
from factdiff.core.facts import compare_facts, extract_facts
from factdiff.core.model import ConflictKind


def _names(a: str, b: str) -> list[tuple[str, str]]:
    fa = extract_facts(a, parse=nlp.parse(a))
    fb = extract_facts(b, parse=nlp.parse(b))
    return words_in_conflict(compare_facts(fa, fb), ConflictKind.ENTITY)


@pytest.mark.model
def test_the_one_name_two_matching_sentences_differ_on_is_one_role() -> None:
    # "is trying to sell" / "offered": the names hang on verbs that do not align
    a = "Goldman is trying to sell the shares to institutional investors at $13.15 each."
    b = "Morgan offered the shares for sale to institutional investors at $13.15 each."
    assert _names(a, b) == [("Goldman", "Morgan")]


@pytest.mark.model
def test_the_one_name_of_two_different_sentences_is_a_detail() -> None:
    a = "Goldman is trying to sell the shares to institutional investors at $13.15 each."
    b = "Morgan expects the economy to slow sharply next year, the bank said."
    assert _names(a, b) == []
