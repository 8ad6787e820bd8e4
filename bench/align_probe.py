"""Probe: does the token alignment's share of aligned content words, as a feature of the
link scorer, rank the real dev pairs better? (Not used by the engine.)

    .venv/bin/python bench/align_probe.py [--top K]

For every labelled dev article pair it aligns the tokens (core.facts.tokalign, with the
MiniLM token vectors, as the fact checks do) of each sentence pair among each sentence's
K best by cosine (both ways; others get 0), and adds two features: the aligned share of
the shorter and of the longer sentence's content words. It reports the scorer's average
precision leave-one-event-out on dev with and without them, and recall at precision 0.7
(pooled). Test is not read.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from train_scorer import fit, predict, recall_at  # noqa: E402

from factdiff.core import nlp  # noqa: E402
from factdiff.core.align import idf_weights, score_matrices  # noqa: E402
from factdiff.core.compare import clause_vectors, sentence_infos  # noqa: E402
from factdiff.core.embed import default_encoder  # noqa: E402
from factdiff.core.facts.tokalign import align_tokens, words_of  # noqa: E402
from factdiff.core.linkscore import FEATURES  # noqa: E402
from factdiff.core.tokens import content_words  # noqa: E402


def shares(pa, pb, va, vb) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    wa, wb = words_of(pa), words_of(pb)
    al = align_tokens(wa, wb, a_vectors=(va.spans, va.vectors), b_vectors=(vb.spans, vb.vectors))
    ca = [i for i, w in enumerate(wa) if w.is_content]
    cb = {j for j, w in enumerate(wb) if w.is_content}
    if not ca or not cb:
        return 0.0, 0.0
    hit = sum(1 for i in ca if i in al.links and al.links[i][0] in cb and al.links[i][1] >= 0.7)
    return min(1.0, hit / min(len(ca), len(cb))), min(1.0, hit / max(len(ca), len(cb)))


def event_matrix(event: str, top: int) -> tuple[np.ndarray, np.ndarray]:
    ev = realdata.load_event(event)
    enc = default_encoder()
    infos, vecs, units, parses, toks = [], [], [], [], []
    for sents in ev.sentences:
        texts = [s.text for s in sents]
        ps = nlp.parse_many(texts)
        info = sentence_infos(sents, ps)
        sv = enc.encode(texts, keep_tokens=True)
        infos.append(info)
        vecs.append(sv)
        units.append(clause_vectors(enc, sents, info, sv))
        parses.append(ps)
        toks.append(enc.token_vectors(texts))
    words = [[content_words(s.text) for s in sents] for sents in ev.sentences]
    weights = idf_weights(*words)
    xs, ys = [], []
    for pg in ev.pairs:
        a, b = pg.a, pg.b
        _, _, _, feats = score_matrices(
            vecs[a], vecs[b], units[a], units[b], words[a], words[b], infos[a], infos[b],
            weights=weights,
        )
        n, m = feats.shape[:2]
        extra = np.zeros((n, m, 2), dtype=np.float32)
        cos = feats[:, :, 0]
        cand = np.zeros((n, m), dtype=bool)
        for i in range(n):
            cand[i, np.argsort(-cos[i])[:top]] = True
        for j in range(m):
            cand[np.argsort(-cos[:, j])[:top], j] = True
        for i, j in zip(*np.nonzero(cand), strict=True):
            extra[i, j] = shares(parses[a][i], parses[b][j], toks[a][i], toks[b][j])
        y = np.zeros((n, m), dtype=np.int8)
        for ra, rb in pg.positives:
            y[ra[1], rb[1]] = 1
        xs.append(np.concatenate([feats, extra], axis=2).reshape(-1, len(FEATURES) + 2))
        ys.append(y.reshape(-1))
    return np.concatenate(xs), np.concatenate(ys)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args()
    dev = realdata.split("dev")
    data = {e: event_matrix(e, args.top) for e in dev}
    k = len(FEATURES)
    for name, cols in (("scorer", slice(0, k)), ("scorer + alignment", slice(0, k + 2))):
        aps, py, pp = [], [], []
        for held in dev:
            x = np.concatenate([data[e][0][:, cols] for e in dev if e != held])
            y = np.concatenate([data[e][1] for e in dev if e != held])
            model, mean, scale = fit(x, y, 1.0)
            hx, hy = data[held][0][:, cols], data[held][1]
            p = predict(model, mean, scale, hx)
            py.append(hy)
            pp.append(p)
            if hy.sum():
                aps.append(average_precision_score(hy, p))
        y_all, p_all = np.concatenate(py), np.concatenate(pp)
        pooled = average_precision_score(y_all, p_all)
        print(
            f"{name:20s} AP per event {np.mean(aps):.3f}  pooled AP {pooled:.3f}  "
            f"R@P0.7 {recall_at(y_all, p_all, 0.7):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
