"""The learned link scorer's features, on crafted inputs (no model, no ../shared)."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from factdiff.core import nlp
from factdiff.core.linkscore import (
    FEATURES,
    LinkScorer,
    SentenceInfo,
    default_scorer,
    overlap,
    pair_features,
    sentence_info,
)


def info(  # type: ignore[no-untyped-def]
    *, names=(), numbers=(), quoted=(), roots=(), bigrams=(), dates=(), words=10
) -> SentenceInfo:
    return SentenceInfo(
        units=(),
        names=frozenset(names),
        numbers=frozenset(numbers),
        quoted=frozenset(quoted),
        words=words,
        roots=frozenset(roots),
        bigrams=frozenset(bigrams),
        dates=frozenset(dates),
    )


def col(feats: np.ndarray, name: str) -> np.ndarray:
    return feats[:, :, FEATURES.index(name)]


def test_overlap_matches_set_intersections() -> None:
    rng = random.Random(3)
    pool = [f"w{k}" for k in range(30)]
    a = [frozenset(rng.sample(pool, rng.randint(0, 8))) for _ in range(9)]
    b = [frozenset(rng.sample(pool, rng.randint(0, 8))) for _ in range(7)]
    weight = {x: rng.random() for x in pool}
    count, mass = overlap(a, b, weight.__getitem__)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            assert count[i, j] == len(x & y)
            assert mass[i, j] == pytest.approx(sum(weight[t] for t in x & y), abs=1e-5)
    empty, none = overlap([], b)
    assert empty.shape == (0, 7) and none.shape == (0, 7)


def test_name_number_and_quote_features() -> None:
    a = [
        info(names={"blinken", "wang"}, numbers={"3"}, quoted={"violat"}),
        info(names={"sherman"}, quoted={"lie"}),
        info(),
    ]
    b = [
        info(names={"blinken", "wang", "munich"}, numbers={"5"}, quoted={"violat", "sovereign"}),
        info(names={"biden"}, numbers={"3"}),
    ]
    sem = np.array([[0.9, 0.2], [0.1, 0.3], [0.0, 0.0]], dtype=np.float32)
    feats = pair_features(sem, sem, sem, a, b, weights={"munich": 8.0})
    assert feats.shape == (3, 2, len(FEATURES))
    assert col(feats, "ent_jaccard")[0, 0] == pytest.approx(2 / 3)
    assert col(feats, "ent_shared")[0, 0] == pytest.approx(0.5)  # 2 names of weight 4 / 16
    assert col(feats, "ent_clash")[1, 1] == 1.0 and col(feats, "ent_clash")[0, 0] == 0.0
    assert col(feats, "ent_clash")[2, 0] == 0.0  # no names at all: no clash
    assert col(feats, "num_clash")[0, 0] == 1.0 and col(feats, "num_shared")[0, 1] == 1.0
    assert col(feats, "num_clash")[1, 1] == 0.0  # one side has no figure
    assert col(feats, "quote_shared")[0, 0] == 1.0  # of the shorter quote's words
    # two quotations that share a word, two that share none, one side quoting no one
    assert col(feats, "quote_both")[0, 0] == 1.0 and col(feats, "quote_clash")[0, 0] == 0.0
    assert col(feats, "quote_both")[1, 0] == 1.0 and col(feats, "quote_clash")[1, 0] == 1.0
    assert col(feats, "quote_both")[2, 0] == 0.0 and col(feats, "quote_clash")[2, 0] == 0.0
    assert col(feats, "quote_both")[0, 1] == 0.0 and col(feats, "quote_clash")[0, 1] == 0.0
    assert col(feats, "cos")[0, 0] == pytest.approx(0.9)


def test_the_dates_of_a_sentence_and_a_shared_day() -> None:
    text = "Hale met Carter on Sept. 5, 2023 and may resign in May."
    words = [(0, 4, "Hale", "PROPN", ""), (5, 8, "met", "VERB", ""), (9, 15, "Carter", "PROPN", ""),
             (16, 18, "on", "ADP", ""), (19, 24, "Sept.", "PROPN", "DATE"),
             (25, 26, "5", "NUM", "DATE"), (26, 27, ",", "PUNCT", "DATE"),
             (28, 32, "2023", "NUM", "DATE"), (33, 36, "and", "CCONJ", ""),
             (37, 40, "may", "AUX", ""), (41, 47, "resign", "VERB", ""), (48, 50, "in", "ADP", ""),
             (51, 54, "May", "PROPN", "DATE"), (54, 55, ".", "PUNCT", "")]
    toks = tuple(
        nlp.Token(k, s, e, t, t, pos, "", "dep", 1, ent)
        for k, (s, e, t, pos, ent) in enumerate(words)
    )
    parse = nlp.Parse(text=text, tokens=toks, ents=((4, 8, "DATE"), (12, 13, "DATE")))
    # months written out, day and year figures; the modal "may" is no date
    assert sentence_info(parse).dates == {"september", "5", "2023", "may"}
    a = [info(dates={"saturday", "18"}), info(dates={"friday"}), info()]
    b = [info(dates={"saturday"}), info()]
    sem = np.zeros((3, 2), dtype=np.float32)
    feats = pair_features(sem, sem, sem, a, b)
    assert col(feats, "date_shared").tolist() == [[1.0, 0.0], [0.0, 0.0], [0.0, 0.0]]


def test_rank_margin_position_and_neighbour_features() -> None:
    sem = np.array(
        [[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.2, 0.7, 0.6]], dtype=np.float32
    )
    infos = [info() for _ in range(3)]
    feats = pair_features(sem, sem, sem, infos, infos)
    assert col(feats, "row_rank")[0, 0] == 0.0 and col(feats, "row_rank")[0, 1] > 0
    assert col(feats, "row_margin")[0, 0] == pytest.approx(0.7)  # 0.9 - best other 0.2
    assert col(feats, "row_margin")[0, 1] == pytest.approx(-0.8)
    assert col(feats, "col_rank")[2, 1] > 0  # 0.7 is second in its column (0.8 above)
    assert col(feats, "pos_diff")[0, 2] == pytest.approx(1.0)
    assert col(feats, "neighbour")[1, 1] == pytest.approx(0.9)  # the pair before it
    assert col(feats, "lead")[2, 2] == 1.0


def test_the_scorer_rises_with_the_evidence_and_checks_its_features() -> None:
    scorer = default_scorer()
    base = np.zeros(len(FEATURES))
    low, high = base.copy(), base.copy()
    low[FEATURES.index("cos")], high[FEATURES.index("cos")] = 0.2, 0.9
    low[FEATURES.index("lex")], high[FEATURES.index("lex")] = 0.1, 0.8
    p = scorer.probability(np.stack([low, high]))
    assert 0.0 < p[0] < p[1] < 1.0
    # more of any kind of likeness never lowers the probability (a linear model with
    # these weights is monotone in them: a sentence repeated word for word stays linked)
    coef = dict(zip(FEATURES, scorer.params["coef"], strict=True))
    for name in ("cos", "unit_cos", "lex", "lex_mass", "quote_shared"):
        assert coef[name] >= 0.0, name
    params = dict(scorer.params, features=list(FEATURES[:-1]))
    with pytest.raises(ValueError, match="do not match"):
        LinkScorer(params)


def test_the_shipped_scorer_records_how_it_was_made() -> None:
    from importlib import resources

    data = json.loads(
        resources.files("factdiff.resources").joinpath("link_scorer.json").read_text("utf-8")
    )
    assert data["trained_by"].startswith("bench/train_scorer.py --write")
    assert len(data["data"]["events"]) >= 16 and len(data["data"]["labels_sha256_16"]) == 16
    assert set(data["figures"]) >= {"dev_loeo_ap_scorer", "test_pooled_ap_scorer"}
