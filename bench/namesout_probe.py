"""Probe: the cosine of two sentences with their names left out, as a link feature. Not
used by the engine.

    .venv/bin/python bench/namesout_probe.py [names-out|verbs|content]

Look-alike pairs share names and topic and differ in what happened. Each sentence's
vector is pooled again from its own contextual token vectors (no inference beyond the
sentence's encoding), leaving out the word pieces inside named entities (people,
organisations, places, groups); its cosine, and its z within the row and column, join
the scorer's features. The same with only the verbs' pieces ("verbs": what happened),
or only the content words' (no names). Dev, leave one event out, as train_scorer.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from train_scorer import Article, event_matrix, loeo, row_col_z  # noqa: E402

from factdiff.core import nlp  # noqa: E402
from factdiff.core.embed import default_encoder, pool_runs  # noqa: E402
from factdiff.core.linkscore import FEATURES  # noqa: E402

NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def names_out(text: str, parse: nlp.Parse) -> tuple[tuple[int, int], ...]:
    """The runs of the sentence outside its named entities."""
    cut = sorted((parse.tokens[s].start, parse.tokens[e - 1].end)
                 for s, e, lb in parse.ents if lb in NAMES)
    runs, at = [], 0
    for start, end in cut:
        if start > at:
            runs.append((at, start))
        at = max(at, end)
    if at < len(text):
        runs.append((at, len(text)))
    return tuple(runs)


def pos_runs(parse: nlp.Parse, tags: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """The runs of the sentence's tokens of the given parts of speech (outside names)."""
    named = {i for s, e, lb in parse.ents if lb in NAMES for i in range(s, e)}
    return tuple((t.start, t.end) for t in parse.tokens if t.pos in tags and t.i not in named)


MODES = {
    "names-out": lambda t, p: names_out(t, p),
    "verbs": lambda t, p: pos_runs(p, frozenset({"VERB"})),
    "content": lambda t, p: pos_runs(p, frozenset({"VERB", "NOUN", "ADJ", "NUM", "ADV"})),
}
MODE = sys.argv[1] if len(sys.argv) > 1 else "names-out"


def pooled_features(arts: list[Article], a: int, b: int) -> np.ndarray:
    """The cosine of the two sentences' vectors pooled by :data:`MODE`, and its z within
    the row and column."""
    enc = default_encoder()
    outs = []
    for texts, parses, _ in (arts[a], arts[b]):
        tvs = enc.token_vectors(texts)
        outs.append(np.stack([pool_runs(tv, MODES[MODE](t, p))
                              for t, p, tv in zip(texts, parses, tvs, strict=True)]))
    cos = outs[0] @ outs[1].T
    return np.stack([cos, *row_col_z(cos)], axis=-1)


def main() -> int:
    dev = realdata.split("dev")
    data = {e: event_matrix(e, pooled_features) for e in dev}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base), (f"+ {MODE} cosine", base + [k]),
                       (f"+ {MODE} cosine, row / col z", base + [k, k + 1, k + 2])):
        ap_e, ap_p, r7 = loeo(data, dev, cols)
        print(f"{name:32s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
