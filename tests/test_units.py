"""Fact units from a parse: they tile the sentence exactly (property), clauses split where
the parse says, quotes and datelines apart. Parses are built by hand: no model needed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factdiff.core.nlp import Parse, Token, fallback_parse
from factdiff.core.units import fact_units

DEPS = ["nsubj", "dobj", "prep", "pobj", "ccomp", "advcl", "relcl", "conj", "acl", "punct", "det"]
POS = ["VERB", "NOUN", "PROPN", "ADP", "DET", "PUNCT", "AUX"]


def build(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Parse:
    text, toks, at = "", [], 0
    for n, w in enumerate(words):
        if n:
            text += " "
            at += 1
        toks.append(Token(n, at, at + len(w), w, w.lower(), pos[n], "", deps[n], heads[n]))
        text += w
        at += len(w)
    return Parse(text=text, tokens=tuple(toks))


@st.composite
def parses(draw: st.DrawFn) -> Parse:
    n = draw(st.integers(1, 30))
    words = draw(
        st.lists(
            st.sampled_from(
                [
                    "Kerry",
                    "met",
                    "“",
                    "”",
                    "said",
                    "the",
                    "talks",
                    ",",
                    "WASHINGTON",
                    "—",
                    "ended",
                    "China",
                ]
            ),
            min_size=n,
            max_size=n,
        )
    )
    root = draw(st.integers(0, n - 1))
    heads = [root] * n
    for i in range(n):
        if i != root:  # attach to an earlier-placed node: always a tree
            placed = [root] + [j for j in range(i) if j != root]
            heads[i] = draw(st.sampled_from(placed))
    deps = [draw(st.sampled_from(DEPS)) if i != root else "ROOT" for i in range(n)]
    pos = [draw(st.sampled_from(POS)) for _ in range(n)]
    return build(words, heads, deps, pos)


@settings(max_examples=300, deadline=None)
@given(parses())
def test_units_tile_the_sentence(p: Parse) -> None:
    units = fact_units(p)
    owned = sorted(i for u in units for i in u.tokens)
    assert owned == list(range(len(p.tokens)))  # every token in exactly one unit
    for u in units:
        for r in u.runs:
            assert 0 <= r.start < r.end <= len(p.text)
            assert p.text[r.start : r.end].strip() == p.text[r.start : r.end]
        assert "".join(p.tokens[i].text for i in u.tokens).replace(" ", "") == u.text(
            p.text
        ).replace(" ", "")
    starts = [u.runs[0].start for u in units]
    assert starts == sorted(starts)


def test_clauses_split_at_verbal_heads() -> None:
    # "Kerry met Wang since China shot down balloons and Russia warned allies"
    words = "Kerry met Wang since China shot down balloons and Russia warned allies".split()
    heads = [1, 1, 1, 5, 5, 1, 5, 5, 1, 10, 1, 10]
    deps = [
        "nsubj",
        "ROOT",
        "dobj",
        "mark",
        "nsubj",
        "advcl",
        "prt",
        "dobj",
        "cc",
        "nsubj",
        "conj",
        "dobj",
    ]
    pos = [
        "PROPN",
        "VERB",
        "PROPN",
        "SCONJ",
        "PROPN",
        "VERB",
        "ADP",
        "NOUN",
        "CCONJ",
        "PROPN",
        "VERB",
        "NOUN",
    ]
    p = build(words, heads, deps, pos)
    got = [(u.kind, u.text(p.text)) for u in fact_units(p)]
    assert got == [
        ("main", "Kerry met Wang and"),
        ("advcl", "since China shot down balloons"),
        ("conj", "Russia warned allies"),
    ]


def test_small_clause_folds_into_its_parent_and_noun_conj_does_not_split() -> None:
    words = "Officials said visits ended".split()
    p = build(
        words, [1, 1, 3, 1], ["nsubj", "ROOT", "nsubj", "ccomp"], ["NOUN", "VERB", "NOUN", "VERB"]
    )
    (u,) = fact_units(p)  # "visits ended": two content words, not a fact on its own
    assert u.text(p.text) == p.text
    words = "Kerry met envoys and ministers".split()
    p = build(
        words,
        [1, 1, 1, 2, 2],
        ["nsubj", "ROOT", "dobj", "cc", "conj"],
        ["PROPN", "VERB", "NOUN", "CCONJ", "NOUN"],
    )
    assert len(fact_units(p)) == 1


def test_quote_and_dateline_are_units_apart() -> None:
    words = ["WASHINGTON", "—", "“", "Talks", "ended", "badly", "today", "”", "Kerry", "said"]
    heads = [9, 9, 4, 4, 9, 4, 4, 4, 9, 9]
    deps = [
        "npadvmod",
        "punct",
        "punct",
        "nsubj",
        "ccomp",
        "advmod",
        "npadvmod",
        "punct",
        "nsubj",
        "ROOT",
    ]
    pos = ["PROPN", "PUNCT", "PUNCT", "NOUN", "VERB", "ADV", "NOUN", "PUNCT", "PROPN", "VERB"]
    p = build(words, heads, deps, pos)
    kinds = {u.kind: u.text(p.text) for u in fact_units(p)}
    assert kinds["dateline"] == "WASHINGTON —"
    assert kinds["quote"] == "Talks ended badly today"
    assert not [u for u in fact_units(p) if u.kind == "dateline"][0].compared


def test_unparsed_sentence_is_one_unit() -> None:
    p = fallback_parse("Kerry met Wang, and China shot down balloons.")
    (u,) = fact_units(p)
    assert u.text(p.text).replace(" ", "") == p.text.replace(" ", "")
