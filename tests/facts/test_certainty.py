"""The certainty check: possible on one side, done on the other (crafted sentences)."""

from __future__ import annotations

import pytest
from builders import words_in_conflict

from factdiff.core import nlp
from factdiff.core.facts import compare_facts, extract_facts
from factdiff.core.model import ConflictKind


def _certainty(a: str, b: str) -> list[tuple[str, str]]:
    fa, fb = extract_facts(a, parse=nlp.parse(a)), extract_facts(b, parse=nlp.parse(b))
    return words_in_conflict(compare_facts(fa, fb), ConflictKind.CERTAINTY)


@pytest.mark.model
@pytest.mark.parametrize("swap", [False, True])
def test_what_is_to_happen_and_what_happened_are_one_event_told_twice(swap: bool) -> None:
    # one article written before the plea, the other after: no doubt on either side
    done = "Helen Carter pleaded guilty to one count of tax fraud before the judge."
    for plan in (
        "Her lawyer said Helen Carter would plead guilty to one count of tax fraud.",
        "Helen Carter is expected to plead guilty to one count of tax fraud before the judge.",
        "Helen Carter will plead guilty to one count of tax fraud before the judge.",
    ):
        a, b = (done, plan) if swap else (plan, done)
        assert _certainty(a, b) == []


@pytest.mark.model
def test_what_may_have_happened_against_what_happened_is_the_softer_kind() -> None:
    a = "Helen Carter may have pleaded guilty to one count of tax fraud before the judge."
    b = "Helen Carter pleaded guilty to one count of tax fraud before the judge."
    assert len(_certainty(a, b)) == 1


@pytest.mark.model
def test_the_content_of_a_claim_is_not_reported_as_done() -> None:
    # "a case that the mayor obstructed justice" says what a case would claim
    a = "It could be the cornerstone of a case that Tom Hale obstructed justice in the inquiry."
    b = "The report suggested that Tom Hale may have obstructed justice in the inquiry."
    assert _certainty(a, b) == []
    # a relative clause is no claim's content: "the case that was reported" is reported
    from factdiff.core.facts.predicates import predicates

    rel = "It was the first case that was reported in the state."
    assert all(x.asserted for x in predicates(nlp.parse(rel)))
    # said as done against "may have": the softer kind
    c = "Tom Hale obstructed justice in the inquiry, the report found."
    assert _certainty(c, b) == [("obstructed", "may have obstructed")]


@pytest.mark.model
def test_a_question_told_is_no_doubt_on_what_happened() -> None:
    a = "Tom Hale said he did not know who could have sent the photo to the student."
    b = "Tom Hale said someone sent the photo to the student from his account."
    assert _certainty(a, b) == []
    # "if" / "whether", and a question word after an adverb: questions too
    for q in (
        "Tom Hale was asked if someone could have sent the photo to the student.",
        "Tom Hale asked them to say exactly what photo could have been sent to the student.",
    ):
        assert _certainty(q, b) == []
    # a doubt told as one: the softer kind
    c = "Tom Hale said someone could have sent the photo to the student from his account."
    assert _certainty(c, b) == [("could have sent", "sent")]
