"""The quote check: one quotation given in different words (crafted sentences)."""

from __future__ import annotations

import pytest
from builders import words_in_conflict

from factdiff.core.facts import compare_sentences
from factdiff.core.facts.text import quoted_spans
from factdiff.core.model import ConflictKind


def _quote_conflicts(a: str, b: str) -> list[tuple[str, str]]:
    return words_in_conflict(compare_sentences(a, b), ConflictKind.QUOTE)


@pytest.mark.parametrize("swap", [False, True])
def test_one_word_changed_at_the_end_of_the_same_quote(swap: bool) -> None:
    a = "“We don’t want him. We reject his visit,” the minister said."
    b = "“We do not like him, we don’t want him. We reject his message.”"
    a, b = (b, a) if swap else (a, b)
    want = [("message", "visit")] if swap else [("visit", "message")]
    assert _quote_conflicts(a, b) == want


def test_one_word_changed_between_shared_words() -> None:
    a = '"The committee will review the decision next month," she said.'
    b = '"The committee will reverse the decision next month," she told reporters.'
    assert _quote_conflicts(a, b) == [("review", "reverse")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same words: one outlet quotes more at the end
        ('"We will rebuild the bridge," he said.', '"We will rebuild the bridge by spring."'),
        # spelling and hyphenation variants
        ('"About 60 per cent of voters agree," he said.', '"About 60 percent of voters agree."'),
        (
            '"It gives clear tax-filing guidance to couples."',
            '"It gives clear tax filing guidance to couples."',
        ),
        # the same word inflected
        ('"The people have spoken and they said no."', '"The people have spoken and they say no."'),
        # a paraphrase, not one quotation: words differ in more than one place
        (
            '"I used money I shouldn’t have used for personal purposes."',
            '"I used money that should have been used for my campaign."',
        ),
        # too few shared words to be one quotation
        ('"We have a real challenge," he said.', '"Frankly, we have a big challenge ahead."'),
        # outside quotation marks: reporters' own words may differ
        (
            "The minister rejected his visit on Monday.",
            "The minister rejected his message on Monday.",
        ),
    ],
)
def test_near_misses_are_not_misquotes(a: str, b: str) -> None:
    assert _quote_conflicts(a, b) == []


def test_a_changed_figure_is_the_number_checks() -> None:
    a = '"We counted 40 ballots in the second district," she said.'
    b = '"We counted 50 ballots in the second district," she said.'
    kinds = [c.kind for c in compare_sentences(a, b).conflicts]
    assert ConflictKind.QUOTE not in kinds


def test_quoted_spans_of_a_quote_carried_over_from_the_sentence_before() -> None:
    t = "We will not back down,” he said, “not now.”"
    assert [t[s.start : s.end] for s in quoted_spans(t)] == ["We will not back down,", "not now."]


@pytest.mark.parametrize("masked", ["f***ing", "f-----g", "F***ING"])
def test_a_coarse_word_with_its_letters_masked_is_the_same_word(masked: str) -> None:
    a = f"“I’m not going to pay for that {masked} wall!” he told the interviewer."
    b = "“I’m not going to pay for that fucking wall,” he said in an interview."
    assert _quote_conflicts(a, b) == []
    assert _quote_conflicts(a.replace(masked, "stupid"), b) == [("stupid", "fucking")]


@pytest.mark.parametrize(("a", "b"), [
    ("“I will support an amendment which would honour marriage,” he said.",
     "“I will support an amendment which would honor marriage,” he said."),
    ("“We welcome a greater NATO role in Iraq's stabilisation,” Powell said.",
     "“We welcome a greater NATO role in Iraq's stabilization,” Mr. Powell said."),
])  # fmt: skip
def test_house_spelling_is_not_a_misquote(a: str, b: str) -> None:
    assert _quote_conflicts(a, b) == []


def test_words_an_outlet_adds_in_brackets_are_not_the_quotes() -> None:
    a = "“We are fully prepared to roll out the [touch-screen] machines for the primary,” he said."
    b = "“We are fully prepared to roll out the revised Diebold machines,” he said."
    assert _quote_conflicts(a, b) == []
    c = "“We are fully prepared to roll out the old machines for the primary,” he said."
    assert _quote_conflicts(c, a.replace("[touch-screen] ", "new ")) == [("old", "new")]


@pytest.mark.parametrize(("a", "b"), [
    ("“They support Bin Laden and Al Qaeda,” Baer said.",
     "“They support bin Laden and al-Qaida,” the judge said."),
    ("“I am being forced into exile by the world superpower,” he said.",
     "“I am being forced into exile by the world's superpower,” Taylor said."),
    ("“We were accused of complicity in the attacks of September 11, 2001,” he said.",
     "“We were accused of complicity in the attacks of Sept. 11, 2001,” the prince said."),
    ("“They went into a closet, met with themselves, and announced a 'compromise.'”",
     "“They went into a closet, met with themselves, and announced a compromise,” he said."),
])  # fmt: skip
def test_one_word_printed_two_ways_is_not_a_misquote(a: str, b: str) -> None:
    assert _quote_conflicts(a, b) == []


def test_two_lower_case_words_a_letter_apart_are_still_two_words() -> None:
    a = "“The committee will publish a weekly report on the decision,” she said."
    b = "“The committee will publish a weakly report on the decision,” she said."
    assert _quote_conflicts(a, b) == [("weekly", "weakly")]
