"""The quoted denial check: one verbatim quotation denied in the other (crafted sentences)."""

from __future__ import annotations

import pytest
from builders import words_in_conflict

from factdiff.core import nlp
from factdiff.core.facts import compare_facts, extract_facts
from factdiff.core.model import ConflictKind


def _polarity(a: str, b: str) -> list[tuple[str, str]]:
    fa = extract_facts(a, parse=nlp.parse(a))
    fb = extract_facts(b, parse=nlp.parse(b))
    return words_in_conflict(compare_facts(fa, fb), ConflictKind.POLARITY)


_WILL = (
    '"We will clearly change some parts of our plans as well as their running," Helen'
    " Carter said in a letter to the members."
)
_WILL_NOT = (
    '"We will not clearly change some parts of our plans as well as their running,"'
    " Carter said in her letter."
)


@pytest.mark.model
def test_one_quotation_denied_in_the_other_is_opposite_either_way() -> None:
    # the added "not" is marked on the other side's word before it
    assert _polarity(_WILL, _WILL_NOT) == [("will", "not")]
    assert _polarity(_WILL_NOT, _WILL) == [("not", "will")]


@pytest.mark.model
def test_a_denial_in_the_middle_of_a_longer_remark() -> None:
    a = (
        '"The rise in prices has only begun to be seen in the figures of the company,"'
        " chief executive Tom Hale said."
    )
    b = (
        '"The rise in prices has not only begun to be seen in the figures of the company,"'
        " Hale said in a statement."
    )
    assert _polarity(a, b) == [("has", "not")]


@pytest.mark.model
def test_two_denials_and_one_quotation_twice_are_no_opposite() -> None:
    twice = _WILL.replace("will clearly", "will not clearly")
    assert _polarity(twice, _WILL_NOT) == []
    assert _polarity(_WILL, _WILL.replace("a letter to the members", "her letter")) == []


@pytest.mark.model
def test_a_denial_beside_other_changed_words_is_a_paraphrase() -> None:
    # two differences inside the quotations: not one quotation, so left alone
    b = _WILL_NOT.replace("their running", "their upkeep")
    assert _polarity(_WILL, b) == []
