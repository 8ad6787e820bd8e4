"""Train the learned link scorer on the dev split of the labelled real events.

    .venv/bin/python bench/train_scorer.py [--write]

For every labelled article pair (nyt-fox, nyt-hpo) of the dev events it builds the
features of every sentence pair exactly as the engine does (core.align.score_matrices)
and the label (1 = the gold says the two share a fact). It reports average precision
leave-one-event-out on dev for cosine alone and for the scorer, then fits on all of dev
and reports test AP once (never used to choose anything). ``--write`` saves the model to
resources/link_scorer.json with the command, the event ids, a hash of the labels and the
figures. ``--train dev,extra`` trains on the extra events too (leave one event out over
all of them, each split's held-out events reported apart); never on test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score, precision_recall_curve  # noqa: E402

from factdiff.core import nlp  # noqa: E402
from factdiff.core.align import idf_weights, score_matrices  # noqa: E402
from factdiff.core.compare import clause_vectors, sentence_infos  # noqa: E402
from factdiff.core.embed import default_encoder  # noqa: E402
from factdiff.core.linkscore import FEATURES  # noqa: E402
from factdiff.core.tokens import content_words  # noqa: E402

OUT = HERE.parent / "resources" / "link_scorer.json"


#: One article of an event as the scorer's features are built from it: its sentences'
#: texts, parses and vectors.
Article = tuple[list[str], list[nlp.Parse], np.ndarray]
#: More features for a probe: given the event's articles and an article pair (a, b), an
#: array of shape (n, m, k) for its sentence pairs.
Extra = Callable[[list[Article], int, int], np.ndarray]


def event_matrix(event: str, extra: Extra | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every sentence pair of the event's labelled article pairs
    (with ``extra``'s features after the scorer's)."""
    ev = realdata.load_event(event)
    enc = default_encoder()
    infos, vecs, units, arts = [], [], [], []
    for sents in ev.sentences:
        texts = [s.text for s in sents]
        parses = nlp.parse_many(texts)
        info = sentence_infos(sents, parses)
        sv = enc.encode(texts, keep_tokens=True)
        infos.append(info)
        vecs.append(sv)
        units.append(clause_vectors(enc, sents, info, sv))  # as compare() makes them
        arts.append((texts, parses, sv))
    words = [[content_words(s.text) for s in sents] for sents in ev.sentences]
    weights = idf_weights(*words)
    xs, ys = [], []
    for pg in ev.pairs:
        a, b = pg.a, pg.b
        _, _, _, feats = score_matrices(
            vecs[a],
            vecs[b],
            units[a],
            units[b],
            words[a],
            words[b],
            infos[a],
            infos[b],
            weights=weights,
        )
        if extra is not None:
            feats = np.concatenate([feats, extra(arts, a, b)], axis=-1)
        y = np.zeros(feats.shape[:2], dtype=np.int8)
        for ra, rb in pg.positives:
            y[ra[1], rb[1]] = 1
        xs.append(feats.reshape(-1, feats.shape[-1]))
        ys.append(y.reshape(-1))
    return np.concatenate(xs), np.concatenate(ys)


def fit(
    x: np.ndarray, y: np.ndarray, c: float
) -> tuple[LogisticRegression, np.ndarray, np.ndarray]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    model = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    model.fit((x - mean) / scale, y)
    return model, mean, scale


def predict(model: LogisticRegression, mean: np.ndarray, scale: np.ndarray, x: np.ndarray):
    return model.predict_proba((x - mean) / scale)[:, 1]


def row_col_z(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A probe feature's z within its row and within its column of an article pair."""
    rz = (m - m.mean(1, keepdims=True)) / (m.std(1, keepdims=True) + 1e-6)
    cz = (m - m.mean(0, keepdims=True)) / (m.std(0, keepdims=True) + 1e-6)
    return rz, cz


def recall_at(y: np.ndarray, p: np.ndarray, precision: float) -> float:
    """The highest recall at which the ranking by ``p`` keeps at least ``precision``."""
    pr, rc, _ = precision_recall_curve(y, p)
    ok = rc[pr >= precision]
    return float(ok.max()) if len(ok) else 0.0


def held_out_figures(
    data: dict[str, tuple[np.ndarray, np.ndarray]],
    other: dict[str, tuple[np.ndarray, np.ndarray]],
    cols: list[int],
) -> tuple[float, float, float]:
    """Fitted on every event of ``data`` with the feature columns ``cols``, scored on the
    events of ``other``: average precision per event, pooled, and recall at precision 0.7."""
    x = np.concatenate([data[e][0][:, cols] for e in data])
    y = np.concatenate([data[e][1] for e in data])
    model, mean, scale = fit(x, y, 1.0)
    hy = np.concatenate([other[e][1] for e in other])
    p = predict(model, mean, scale, np.concatenate([other[e][0][:, cols] for e in other]))
    aps = [
        average_precision_score(other[e][1], predict(model, mean, scale, other[e][0][:, cols]))
        for e in other if other[e][1].sum()
    ]
    return float(np.mean(aps)), float(average_precision_score(hy, p)), recall_at(hy, p, 0.7)


def loeo(
    data: dict[str, tuple[np.ndarray, np.ndarray]], events: list[str], cols: list[int]
) -> tuple[float, float, float]:
    """Leave one event out over ``events`` with the feature columns ``cols``: average
    precision per event, pooled, and recall at precision 0.7 of the pooled ranking."""
    aps, py, pp = [], [], []
    for held in events:
        x = np.concatenate([data[e][0][:, cols] for e in events if e != held])
        y = np.concatenate([data[e][1] for e in events if e != held])
        model, mean, scale = fit(x, y, 1.0)
        hx, hy = data[held]
        p = predict(model, mean, scale, hx[:, cols])
        py.append(hy)
        pp.append(p)
        if hy.sum():
            aps.append(average_precision_score(hy, p))
    y, p = np.concatenate(py), np.concatenate(pp)
    return float(np.mean(aps)), float(average_precision_score(y, p)), recall_at(y, p, 0.7)


def labels_hash(events: list[str]) -> str:
    h = hashlib.sha256()
    for e in events:
        for path in sorted(realdata.GOLD.glob(f"{e}_*.json")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--gbt", action="store_true", help="also report gradient-boosted trees")
    ap.add_argument(
        "--train", default="dev",
        help="the splits to train on, comma-separated (dev, extra); never test",
    )
    args = ap.parse_args()
    splits = args.train.split(",")
    if "test" in splits:
        ap.error("the test split is never trained on")
    dev = [e for s in splits for e in realdata.split(s)]
    test = realdata.split("test")
    data = {e: event_matrix(e) for e in dev + test}
    # leave one event out on dev
    cos_ap, unit_ap, model_ap = [], [], []
    pooled_y, pooled_p, pooled_cos = [], [], []
    for held in dev:
        x = np.concatenate([data[e][0] for e in dev if e != held])
        y = np.concatenate([data[e][1] for e in dev if e != held])
        model, mean, scale = fit(x, y, args.c)
        hx, hy = data[held]
        p = predict(model, mean, scale, hx)
        pooled_y.append(hy)
        pooled_p.append(p)
        pooled_cos.append(hx[:, 0])
        if hy.sum():
            cos_ap.append(average_precision_score(hy, hx[:, 0]))
            unit_ap.append(average_precision_score(hy, hx[:, 1]))
            model_ap.append(average_precision_score(hy, p))
    if len(splits) > 1:
        # each split's events held out, the model trained on all the other events
        for sp in splits:
            members = set(realdata.split(sp))
            held_here = [k for k, e in enumerate(dev) if e in members]
            aps = [average_precision_score(pooled_y[k], pooled_p[k])
                   for k in held_here if pooled_y[k].sum()]
            yy = np.concatenate([pooled_y[k] for k in held_here])
            pp = np.concatenate([pooled_p[k] for k in held_here])
            print(f"  {sp} events held out: AP per event {np.mean(aps):.3f}  pooled "
                  f"{average_precision_score(yy, pp):.3f}")
    if args.gbt:
        from sklearn.ensemble import HistGradientBoostingClassifier

        g_ap = []
        for held in dev:
            x = np.concatenate([data[e][0] for e in dev if e != held])
            y = np.concatenate([data[e][1] for e in dev if e != held])
            gbt = HistGradientBoostingClassifier(
                max_iter=200, learning_rate=0.05, max_leaf_nodes=15
            )
            gbt.fit(x, y)
            hx, hy = data[held]
            if hy.sum():
                g_ap.append(average_precision_score(hy, gbt.predict_proba(hx)[:, 1]))
        print(f"  gradient-boosted trees, mean per event AP: {np.mean(g_ap):.3f}")
    py, pp, pc = map(np.concatenate, (pooled_y, pooled_p, pooled_cos))
    print(
        f"dev, leave-one-event-out over {len(dev)} events ({int(py.sum())} positive pairs "
        f"of {len(py)}):"
    )
    print(
        f"  average precision, mean per event: cosine {np.mean(cos_ap):.3f}  "
        f"best unit cosine {np.mean(unit_ap):.3f}  scorer {np.mean(model_ap):.3f}"
    )
    print(
        f"  pooled AP: cosine {average_precision_score(py, pc):.3f}  "
        f"scorer {average_precision_score(py, pp):.3f}"
    )
    x = np.concatenate([data[e][0] for e in dev])
    y = np.concatenate([data[e][1] for e in dev])
    model, mean, scale = fit(x, y, args.c)
    tx = np.concatenate([data[e][0] for e in test])
    ty = np.concatenate([data[e][1] for e in test])
    tp = predict(model, mean, scale, tx)
    test_cos = average_precision_score(ty, tx[:, 0])
    test_model = average_precision_score(ty, tp)
    print(
        f"test ({len(test)} events, {int(ty.sum())} positive pairs): pooled AP cosine "
        f"{test_cos:.3f}  scorer {test_model:.3f}"
    )
    print("coefficients (standardised features):")
    for name, c in sorted(zip(FEATURES, model.coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:14s} {c:+.3f}")
    if args.write:
        params = {
            "name": "logreg-real-v2",
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 6),
            "trained_by": "bench/train_scorer.py --write"
            + (f" --c {args.c}" if args.c != 1.0 else "")
            + (f" --train {args.train}" if args.train != "dev" else ""),
            "model": f"sklearn LogisticRegression(C={args.c:g}), standardised features",
            "data": {
                "events": dev,
                "labels_sha256_16": labels_hash(dev),
                "pairs": int(len(y)),
                "positives": int(y.sum()),
            },
            "figures": {
                "dev_loeo_ap_cosine": round(float(np.mean(cos_ap)), 3),
                "dev_loeo_ap_scorer": round(float(np.mean(model_ap)), 3),
                "test_pooled_ap_cosine": round(float(test_cos), 3),
                "test_pooled_ap_scorer": round(float(test_model), 3),
            },
        }
        OUT.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
