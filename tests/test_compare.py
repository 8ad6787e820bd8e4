"""The pipeline on crafted vectors (no model), the JSON round trip, review decisions."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from factdiff.core.compare import build_groups, compare_embeddings, reclassify
from factdiff.core.errors import Cancelled, CompareError
from factdiff.core.jsonio import SCHEMA_VERSION, comparison_from_dict, comparison_to_dict
from factdiff.core.model import Article, Settings, Status
from factdiff.core.review import Decision, Review, apply_review
from factdiff.core.segment import split_sentences

A = Article(
    text="The storm killed 12 people on Monday. Schools were closed. The mayor spoke.",
    outlet="Wire",
    date=dt.date(2024, 3, 5),
)
B = Article(
    text="Officials said schools stayed shut. The storm left 15 people dead on Monday.",
    outlet="Paper",
    date=dt.date(2024, 3, 5),
)
C = Article(text="Schools were closed across the city. Rain is expected.", outlet="TV")


def axis(k: int, dim: int = 16) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[k] = 1.0
    return v


def vectors(*axes: int) -> np.ndarray:
    return np.stack([axis(k) for k in axes])


def run(articles=(A, B), embeddings=None, **kw):
    sentences = [split_sentences(a.text) for a in articles]
    if embeddings is None:
        embeddings = [vectors(0, 1, 2), vectors(1, 0)]
    return compare_embeddings(list(articles), sentences, embeddings, **kw)


def test_pure_twin_links_reordered_sentences_and_flags_the_number() -> None:
    cmp = run()
    assert {(lk.a, lk.b) for lk in cmp.links} == {((0, 0), (1, 1)), ((0, 1), (1, 0))}
    assert cmp.statuses(0) == [Status.CONFLICT, Status.SHARED, Status.ADDED]
    storm = next(lk for lk in cmp.links if lk.a == (0, 0))
    assert storm.status is Status.CONFLICT
    kinds = {c.kind.value for c in storm.conflicts}
    assert "number" in kinds
    for c in storm.conflicts:  # spans are article-level and exact
        assert A.text[c.a_span.start : c.a_span.end] == c.a_text
        assert B.text[c.b_span.start : c.b_span.end] == c.b_text


def test_three_articles_form_fact_groups() -> None:
    emb = [vectors(0, 1, 2), vectors(1, 0), vectors(1, 5)]
    cmp = run((A, B, C), emb)
    schools = next(g for g in cmp.groups if (0, 1) in g.members)
    assert set(schools.members) == {(0, 1), (1, 0), (2, 0)}
    assert schools.status is Status.SHARED
    rain = next(g for g in cmp.groups if (2, 1) in g.members)
    assert rain.members == ((2, 1),) and rain.status is Status.ADDED
    assert cmp.status((0, 1), among=[2]) is Status.SHARED
    assert cmp.status((0, 0), among=[2]) is Status.ADDED


def test_threshold_reclassifies_without_vectors() -> None:
    emb = [vectors(0, 1, 2), np.stack([axis(1), (axis(0) + axis(3)) / np.sqrt(2)])]
    probe = run(embeddings=emb, settings=Settings(threshold=0.0))
    scores = sorted({c.score for c in probe.candidates}, reverse=True)
    assert len(scores) >= 2  # the threshold moves along the scorer's probability
    high, low = scores[0], scores[1]
    cmp = reclassify(probe, threshold=high)
    assert all(lk.score >= high for lk in cmp.links) and cmp.links
    lower = reclassify(cmp, threshold=low)
    assert len(lower.links) > len(cmp.links) and lower.settings.threshold == low
    assert reclassify(lower, threshold=high).links == cmp.links


def test_json_round_trip_is_exact() -> None:
    cmp = run()
    data = comparison_to_dict(cmp)
    assert data["version"] == SCHEMA_VERSION
    back = comparison_from_dict(json.loads(json.dumps(data)))
    assert back.links == cmp.links and back.sentences == cmp.sentences
    assert back.articles == cmp.articles and back.candidates == cmp.candidates
    assert back.groups == cmp.groups and back.settings == cmp.settings
    sent = data["articles"][0]["sentences"][0]
    assert set(sent) == {"start", "end", "text", "status"}
    link = data["links"][0]
    assert {"a", "b", "score", "status", "conflicts"} <= set(link)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(version=SCHEMA_VERSION + 1), "newer"),
        (lambda d: d.update(schema="x"), "not a factdiff comparison"),
        (lambda d: d["articles"][0].pop("text"), "missing field"),
        (lambda d: d["articles"][0].update(text="changed"), "sha256"),
        (lambda d: d["links"][0].update(a=["x", 0]), "wrong type"),
        # found by the session fuzz test: an offset past sys.maxsize made len(span) overflow
        (lambda d: d["links"][0]["conflicts"][0].update(a_span=[0, 2**63 + 10]), "span"),
    ],
)
def test_json_reader_refuses_bad_data(mutate, message: str) -> None:
    data = comparison_to_dict(run())
    mutate(data)
    with pytest.raises(ValueError, match=message):
        comparison_from_dict(data)


def test_review_rejects_confirms_links_by_hand_and_notes() -> None:
    cmp = run()
    storm = next(lk for lk in cmp.links if lk.a == (0, 0))
    review = Review().decide_link(storm.key, Decision.REJECTED)
    seen = apply_review(cmp, review)
    assert seen.status((0, 0)) is Status.ADDED and cmp.status((0, 0)) is Status.CONFLICT
    review = review.add_link((0, 2), (1, 0)).set_note((0, 2), "check with the mayor's office")
    seen = apply_review(cmp, review)
    assert any(lk.manual and lk.a == (0, 2) for lk in seen.links)
    assert Review.from_dict(json.loads(json.dumps(review.to_dict()))) == review
    assert review.set_note((0, 2), "  ").notes == {}


def test_rejecting_every_conflict_makes_the_link_shared() -> None:
    from factdiff.core.review import conflict_key

    cmp = run()
    storm = next(lk for lk in cmp.links if lk.a == (0, 0))
    review = Review()
    for c in storm.conflicts:
        review = review.decide_conflict(conflict_key(storm, c), Decision.REJECTED)
    assert apply_review(cmp, review).status((0, 0)) is Status.SHARED


def test_cancel_stops_the_work() -> None:
    with pytest.raises(Cancelled):
        run(cancel=lambda: True)


def test_progress_is_reported() -> None:
    seen = []
    run(progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen and all(0 <= d <= t for d, t, _ in seen)


def test_needs_two_articles_and_matching_vectors() -> None:
    with pytest.raises(CompareError):
        run((A,), [vectors(0, 1, 2)])
    with pytest.raises(CompareError):
        run(embeddings=[vectors(0, 1), vectors(1, 0)])


def test_groups_of_unlinked_sentences() -> None:
    sents = [split_sentences(A.text), split_sentences(B.text)]
    groups = build_groups(sents, [])
    assert len(groups) == 5 and all(g.status is Status.ADDED for g in groups)
