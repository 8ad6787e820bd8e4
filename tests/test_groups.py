"""Fact groups do not chain: invariants over random link sets (no model needed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factdiff.core.compare import build_groups
from factdiff.core.model import Link, Sentence, Status

N_ART, N_SENT = 3, 6
SENTS = tuple(
    tuple(Sentence(index=i, start=i * 2, end=i * 2 + 1, text="x") for i in range(N_SENT))
    for _ in range(N_ART)
)


def link(a: tuple[int, int], b: tuple[int, int], score: float) -> Link:
    if a > b:
        a, b = b, a
    return Link(a=a, b=b, score=score, status=Status.SHARED)


@st.composite
def link_sets(draw: st.DrawFn) -> list[Link]:
    refs = [(a, s) for a in range(N_ART) for s in range(N_SENT)]
    pairs = [(x, y) for x in refs for y in refs if x[0] < y[0]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=40))
    scores = draw(st.lists(st.floats(0.01, 0.99), min_size=len(chosen), max_size=len(chosen)))
    return [link(x, y, s) for (x, y), s in zip(chosen, scores, strict=True)]


@settings(max_examples=200, deadline=None)
@given(link_sets(), st.integers(1, 3))
def test_groups_partition_and_hold_what_they_legitimately_can(links, cap) -> None:  # type: ignore[no-untyped-def]
    groups = build_groups(SENTS, links, max_per_article=cap)
    members = [m for g in groups for m in g.members]
    assert sorted(members) == sorted((a, s) for a in range(N_ART) for s in range(N_SENT))
    linked = {(lk.a, lk.b) for lk in links} | {(lk.b, lk.a) for lk in links}
    for g in groups:
        per_article = [sum(1 for m in g.members if m[0] == a) for a in range(N_ART)]
        assert max(per_article) <= cap
        assert len(g.members) <= cap * N_ART
        if len(g.members) > 1:  # every member is linked to someone in the group
            for m in g.members:
                assert any((m, o) in linked for o in g.members if o != m)


@settings(max_examples=200, deadline=None)
@given(link_sets())
def test_removing_the_weakest_link_never_merges_groups(links) -> None:  # type: ignore[no-untyped-def]
    if not links:
        return
    weakest = max(links, key=lambda lk: (-lk.score, lk.a, lk.b))  # the last one considered
    before = build_groups(SENTS, links)
    after = build_groups(SENTS, [lk for lk in links if lk is not weakest])
    home = {m: n for n, g in enumerate(before) for m in g.members}
    for g in after:  # every group after lies within one group before
        assert len({home[m] for m in g.members}) == 1


def test_a_weak_bridge_does_not_merge_two_facts() -> None:
    one = [link((0, 0), (1, 0), 0.9), link((0, 0), (2, 0), 0.9), link((1, 0), (2, 0), 0.9)]
    two = [link((0, 1), (1, 1), 0.9), link((0, 1), (2, 1), 0.9), link((1, 1), (2, 1), 0.9)]
    bridge = [link((0, 0), (1, 1), 0.3)]
    groups = [g.members for g in build_groups(SENTS, one + two + bridge) if len(g.members) > 1]
    assert groups == [((0, 0), (1, 0), (2, 0)), ((0, 1), (1, 1), (2, 1))]


def test_a_chain_is_not_one_group() -> None:
    # A0-B0, B0-C0, C0-A1, A1-B1 ...: a chain of single links, each to a new sentence
    chain = [
        link((0, 0), (1, 0), 0.9),
        link((1, 0), (2, 0), 0.8),
        link((2, 0), (0, 1), 0.7),
        link((0, 1), (1, 1), 0.6),
        link((1, 1), (2, 1), 0.5),
    ]
    sizes = sorted(len(g.members) for g in build_groups(SENTS, chain))
    assert max(sizes) == 2
