"""Sentence boundaries: exact spans, abbreviations, quotations."""

from __future__ import annotations

import pytest

from factdiff.core.segment import DATELINE, sentence_spans, split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. shot it down. China objected.",
        "Sen. Warren spoke first. Then Rep. Jordan replied.",
        "The No. 2 official arrived at 3 p.m. on Friday. She left at 5 p.m. Saturday.",
        "Dr. Smith met Mr. Jones at the U.N. on Jan. 5. They talked.",
        "It cost $1.5 billion, or 2.5% of the budget. Critics balked.",
    ],
)
def test_abbreviations_do_not_break_sentences(text: str) -> None:
    assert len(texts(text)) == 2, texts(text)


def test_quotation_stays_with_its_attribution() -> None:
    text = "“I know there are others. We will see,” Sherman said. Then she left."
    assert texts(text) == [
        "“I know there are others. We will see,” Sherman said.",
        "Then she left.",
    ]


def test_straight_quotes_stay_together() -> None:
    text = '"It is over. We lost," the coach said. Fans left early.'
    assert texts(text) == ['"It is over. We lost," the coach said.', "Fans left early."]


def test_paragraphs_are_boundaries_and_wordless_lines_dropped() -> None:
    text = "Blinken met Wang on Saturday\n—\nThey talked about Ukraine."
    assert texts(text) == ["Blinken met Wang on Saturday", "They talked about Ukraine."]


def test_datelines_alone_are_not_sentences() -> None:
    assert texts("CNN\n—\nBlinken met Wang.") == ["Blinken met Wang."]
    assert texts("WASHINGTON —\nBlinken met Wang.") == ["Blinken met Wang."]
    assert texts("(CNN) —\nBlinken met Wang.") == ["Blinken met Wang."]
    # a dateline that starts a sentence stays in it; a short capitalised line is kept
    assert texts("WASHINGTON — Blinken met Wang.") == ["WASHINGTON — Blinken met Wang."]
    assert texts("NATO\nLeaders met.") == ["NATO", "Leaders met."]


@pytest.mark.parametrize("dash", ["—", "–", "―", "-"])
def test_a_dateline_ends_with_any_dash_an_outlet_prints(dash: str) -> None:
    # the horizontal bar (U+2015) some outlets print is a dash like the others
    assert texts(f"WASHINGTON {dash}\nBlinken met Wang.") == ["Blinken met Wang."]
    m = DATELINE.match(f"WASHINGTON {dash} Blinken met Wang.")
    assert m is not None and m.group().strip() == f"WASHINGTON {dash}"


def test_spans_are_exact_and_trimmed() -> None:
    text = "  First one.   Second one!\r\n\n  Third?  "
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["First one.", "Second one!", "Third?"]
    for i, s in enumerate(sents):
        assert s.index == i and text[s.start : s.end] == s.text
        assert not s.text[0].isspace() and not s.text[-1].isspace()


def test_repeated_sentences_get_their_own_spans() -> None:
    text = "Yes. Yes. Yes."
    assert sentence_spans(text) == [(0, 4), (5, 9), (10, 14)]


def test_empty_and_wordless_text_has_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\t— … \n") == ()


def test_one_enormous_sentence_is_cut_but_covered() -> None:
    text = ("word " * 30_000).strip()
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_seed_sentences(seed_articles) -> None:
    voa = split_sentences(seed_articles[0].text)
    assert any(s.text == "The U.S. has rejected both claims." for s in voa)
    assert sum("Sherman said" in s.text for s in voa) >= 1
    assert all(s.text.count("“") == s.text.count("”") for s in voa)


@pytest.mark.parametrize("tag", ["R-Ky.", "D-Ore.", "R-Calif."])
def test_a_party_tag_ending_in_a_dot_does_not_end_the_sentence(tag: str) -> None:
    text = f"Sen. Ann Hollis, {tag}, said the bill would pass. Others disagreed."
    assert texts(text) == [
        f"Sen. Ann Hollis, {tag}, said the bill would pass.",
        "Others disagreed.",
    ]


def test_two_spaces_after_a_sentence_end_are_a_boundary() -> None:
    text = "He said “it is over.”  Senator Brandt said more.  Mr.  Lee agreed."
    assert texts(text) == [
        "He said “it is over.”",
        "Senator Brandt said more.",
        "Mr.  Lee agreed.",
    ]


def test_two_spaces_inside_a_quotation_keep_it_whole() -> None:
    text = '"We lost.  We will be back," the coach said.'
    assert texts(text) == [text]
