"""A conflict's confidence in the pipeline: the link's probability, names both articles
know, the show level, and facts read on the parse the comparison made."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from factdiff.core import compare as cmpmod
from factdiff.core import nlp
from factdiff.core.compare import conflict_confidence, link_pair
from factdiff.core.model import SHOW_LEVEL, Article, Conflict, ConflictKind, Span
from factdiff.core.segment import split_sentences


def _pair(text_a: str, text_b: str) -> tuple[list[Article], list[list]]:
    arts = [Article(text=text_a, outlet="A"), Article(text=text_b, outlet="B")]
    return arts, [split_sentences(a.text) for a in arts]


def _conflict(kind: ConflictKind, confidence: float) -> Conflict:
    return Conflict(
        kind=kind,
        a_span=Span(0, 1),
        b_span=Span(0, 1),
        a_text="x",
        b_text="y",
        explanation="",
        confidence=confidence,
    )


def test_the_link_probability_scales_the_confidence() -> None:
    assert conflict_confidence(0.9, 1.0) == 0.9
    assert conflict_confidence(0.9, 0.4) < conflict_confidence(0.9, 0.7) < 0.9
    assert conflict_confidence(0.9, 0.0) == pytest.approx(0.72)


def test_under_the_show_level_a_hard_kind_is_possible() -> None:
    above = _conflict(ConflictKind.NUMBER, min(1.0, SHOW_LEVEL + 0.05))
    below = _conflict(ConflictKind.NUMBER, SHOW_LEVEL - 0.05)
    soft = _conflict(ConflictKind.CERTAINTY, 1.0)
    assert not above.possible and not above.show_level_note
    assert below.possible and "under the show level" in below.show_level_note
    assert soft.possible and soft.soft and not soft.show_level_note


def _entity_link(text_a: str, text_b: str):
    arts, sents = _pair(text_a, text_b)
    link = link_pair((0, 0), (1, 0), 1.0, arts, sents)
    assert link is not None
    return [c for c in link.conflicts if c.kind is ConflictKind.ENTITY]


def test_a_name_swap_is_shown_when_the_other_article_never_names_it() -> None:
    found = _entity_link(
        "The storm hit Ohio on Monday, officials said.",
        "The storm hit Indiana on Monday, officials said.",
    )
    assert found and not found[0].possible


def test_names_both_articles_use_elsewhere_are_only_possible() -> None:
    found = _entity_link(
        "The storm hit Ohio on Monday, officials said. Indiana was spared.",
        "The storm hit Indiana on Monday, officials said. Ohio sent help.",
    )
    assert found
    assert all(c.possible and "both articles name both" in c.explanation for c in found)


def test_two_parts_of_one_name_an_article_writes_whole_are_no_conflict() -> None:
    a = "Officials of the Senate sent a subpoena to Helen Carter on Monday."
    b = "Officials of the Intelligence Committee sent a subpoena to Helen Carter on Monday."
    assert _entity_link(a, b), "the two committees, told apart, are a name conflict"
    whole = " The Senate Intelligence Committee has met twice."
    assert _entity_link(a + whole, b) == []
    assert _entity_link(a, b + whole) == []
    # a name that holds a word of each side but not the whole of either is a third body
    ta, tb = "House Foreign Affairs Committee", "Senate Intelligence Committee"
    c = Conflict(ConflictKind.ENTITY, Span(0, len(ta)), Span(0, len(tb)), ta, tb, "")
    assert not cmpmod._one_name_holds_both(c, ["He sits on the House Intelligence Committee."])
    # two bodies written side by side ("and") or in other sentences are still two
    assert _entity_link(a + " The Senate and Intelligence staff met.", b)
    assert _entity_link(a + " He met Senate leaders. Intelligence officials left.", b)


def _link_conflicts(text_a: str, text_b: str, kind: ConflictKind) -> list[Conflict]:
    arts, sents = _pair(text_a, text_b)
    arts = [dataclasses.replace(a, date=dt.date(2012, 12, 10)) for a in arts]
    link = link_pair((0, 0), (1, 0), 1.0, arts, sents)
    assert link is not None
    return [c for c in link.conflicts if c.kind is kind]


def test_two_days_both_articles_give_are_only_possible() -> None:
    # two meetings, each outlet reporting both: not a dispute over the day
    found = _link_conflicts(
        "The two leaders met at the White House on Sunday. Aides talked on Thursday.",
        "The two leaders met at the White House on Thursday. They spoke on Sunday too.",
        ConflictKind.DATE,
    )
    assert found and all(c.possible for c in found)
    assert "each article gives the other's day elsewhere" in found[0].explanation
    # one article alone knows both days: shown
    found = _link_conflicts(
        "The two leaders met at the White House on Sunday. Aides talked on Thursday.",
        "The two leaders met at the White House on Thursday. Nothing else happened.",
        ConflictKind.DATE,
    )
    assert found and not found[0].possible
    # a coarser date that holds both days ("this week") gives neither
    found = _link_conflicts(
        "The two leaders met at the White House on Sunday. Aides talked this week.",
        "The two leaders met at the White House on Thursday. Talks went on this week.",
        ConflictKind.DATE,
    )
    assert found and not found[0].possible


def test_only_sentences_that_can_state_a_day_or_figure_are_read() -> None:
    from factdiff.core.facts import could_state

    assert could_state(ConflictKind.DATE, "They spoke on Sunday too.")
    assert could_state(ConflictKind.DATE, "It happened on 3 March.")
    assert not could_state(ConflictKind.DATE, "Nothing else happened.")
    assert could_state(ConflictKind.NUMBER, "It was 31 percent.")
    assert could_state(ConflictKind.NUMBER, "Seven people died.")
    assert not could_state(ConflictKind.NUMBER, "Nobody died.")


def test_two_figures_both_articles_give_are_only_possible() -> None:
    found = _link_conflicts(
        "The couple paid a rate of 34.2 percent. In 2014 they paid 35.7 percent.",
        "The couple paid a rate of 35.7 percent. The year before it was 34.2 percent.",
        ConflictKind.NUMBER,
    )
    assert found and all(c.possible for c in found)
    assert "each article gives the other's figure elsewhere" in found[0].explanation
    found = _link_conflicts(
        "The couple paid a rate of 34.2 percent. In 2014 they paid 35.7 percent.",
        "The couple paid a rate of 35.7 percent. The year before it was 31 percent.",
        ConflictKind.NUMBER,
    )
    assert found and not found[0].possible


def _parse_with_marker(text: str) -> nlp.Parse:
    base = nlp.fallback_parse(text)
    return dataclasses.replace(base, parsed=True)


def test_facts_are_read_on_the_parse_the_comparison_made(monkeypatch) -> None:
    seen: list[nlp.Parse | None] = []
    real = cmpmod.factmod.extract_facts

    def spy(text, *, published=None, parse=None):
        seen.append(parse)
        return real(text, published=published, parse=parse)

    monkeypatch.setattr(cmpmod.factmod, "extract_facts", spy)
    cmpmod.clear_caches()
    arts, sents = _pair("Five people died on Friday.", "Six people died on Friday.")
    parses = [_parse_with_marker(s.text) for ss in sents for s in ss]
    nlp.remember(parses)
    try:
        link_pair((0, 0), (1, 0), 1.0, arts, sents)
        assert [p is not None and p.parsed for p in seen] == [True, True]
        cmpmod.clear_caches()  # forgotten: the pattern reading again
        seen.clear()
        link_pair((0, 0), (1, 0), 1.0, arts, sents)
        assert seen == [None, None]
    finally:
        cmpmod.clear_caches()
