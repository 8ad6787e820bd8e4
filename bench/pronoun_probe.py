"""Probe: pronouns read as the person they stand for, as link evidence. Not used by the engine.

    .venv/bin/python bench/pronoun_probe.py [--extra]

A sentence that says "He repaid ..." names nobody, so the scorer's shared-names feature
and the sentence vector miss the person another outlet names ("Hunter repaid ...").
Each personal pronoun (he, she, him, his, her, hers) is read as the person last named
before it in the article (spaCy's PERSON entities; the surname), and two features are
added: the person names the pair shares only through a pronoun (count, capped), and the
cosine of the two sentences encoded with each subject pronoun replaced by that name (the
sentence's own vector where nothing was replaced).

Dev, leave one event out, as train_scorer.py; ``--extra``: trained on all dev events,
scored on the extra split's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from train_scorer import Article, event_matrix, held_out_figures, loeo  # noqa: E402

from factdiff.core.embed import default_encoder  # noqa: E402
from factdiff.core.linkscore import FEATURES, sentence_info  # noqa: E402
from factdiff.core.tokens import stem  # noqa: E402

_PRONOUNS = {"he", "she", "him", "his", "her", "hers"}
_SUBJECT = {"he", "she"}


def _resolved(art: Article) -> tuple[list[set[str]], list[str]]:
    """Per sentence: the surnames its pronouns stand for, and its text with subject
    pronouns replaced by the full name."""
    texts, parses, _ = art
    last: tuple[str, str] | None = None  # (surname stem, full name)
    names_out, texts_out = [], []
    for text, p in zip(texts, parses, strict=True):
        ents = {s: (e, lab) for s, e, lab in p.ents}
        got: set[str] = set()
        pieces, cut = [], 0
        i = 0
        while i < len(p.tokens):
            if i in ents and ents[i][1] == "PERSON":
                e = ents[i][0]
                words = [t.text for t in p.tokens[i:e] if t.text[:1].isalpha()]
                if words:
                    last = (stem(words[-1].lower().strip(".’'")), " ".join(words))
                i = e
                continue
            t = p.tokens[i]
            w = t.text.lower()
            if w in _PRONOUNS and last is not None:
                got.add(last[0])
                if w in _SUBJECT and t.dep.startswith("nsubj"):
                    pieces.append(text[cut:t.start])
                    pieces.append(last[1])
                    cut = t.end
            i += 1
        pieces.append(text[cut:])
        names_out.append(got)
        texts_out.append("".join(pieces))
    return names_out, texts_out


_CACHE: dict[int, tuple[list[set[str]], np.ndarray]] = {}


def _prepared(art: Article) -> tuple[list[set[str]], np.ndarray]:
    key = id(art)
    if key not in _CACHE:
        names, texts = _resolved(art)
        vec = art[2].copy()
        changed = [i for i, (t, o) in enumerate(zip(texts, art[0], strict=True)) if t != o]
        if changed:
            enc = default_encoder().encode([texts[i] for i in changed])
            vec[changed] = enc
        _CACHE[key] = (names, vec)
    return _CACHE[key]


def pronouns(arts: list[Article], a: int, b: int) -> np.ndarray:
    ra, va = _prepared(arts[a])
    rb, vb = _prepared(arts[b])
    own_a = [sentence_info(p).names for p in arts[a][1]]
    own_b = [sentence_info(p).names for p in arts[b][1]]
    n, m = len(ra), len(rb)
    out = np.zeros((n, m, 3), dtype=np.float32)
    for i in range(n):
        for j in range(m):
            full_a, full_b = own_a[i] | ra[i], own_b[j] | rb[j]
            extra = (full_a & full_b) - (own_a[i] & own_b[j])
            out[i, j, 0] = min(len(extra), 2)
    cos = va @ vb.T
    out[:, :, 1] = cos
    out[:, :, 2] = cos - arts[a][2] @ arts[b][2].T
    return out


def main() -> int:
    dev = realdata.split("dev")
    data = {e: event_matrix(e, pronouns) for e in dev}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base),
                       ("+ names through pronouns", base + [k]),
                       ("+ resolved cosine", base + [k + 1]),
                       ("+ resolved cosine gain", base + [k + 2]),
                       ("+ all three", base + [k, k + 1, k + 2])):
        ap_e, ap_p, r7 = loeo(data, dev, cols)
        print(f"{name:28s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
    return 0


def held_out(split: str = "extra") -> None:
    dev = realdata.split("dev")
    data = {e: event_matrix(e, pronouns) for e in dev}
    other = {e: event_matrix(e, pronouns) for e in realdata.split(split)}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base), ("+ names through pronouns", base + [k]),
                       ("+ all three", base + [k, k + 1, k + 2])):
        ap_e, ap_p, r7 = held_out_figures(data, other, cols)
        print(f"{split} {name:24s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  "
              f"R@P0.7 {r7:.3f}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--extra"]:
        held_out("extra")
        sys.exit(0)
    sys.exit(main())
