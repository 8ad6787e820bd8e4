"""Article sets for the benchmarks: the seeds, and N articles of about W words.

The N articles are dealt from every sentence the project has (the seeds, the labelled
alignment stories and fact pairs), each sentence used once, so each article is different
text (no cache hits between articles or runs of different sizes), as real sets are.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from factdiff.core.loaders import load_path
from factdiff.core.model import Article
from factdiff.core.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUTLETS = ["VOA", "CNN", "Reuters", "AP", "BBC", "AFP", "NPR", "Al Jazeera", "DW", "Guardian",
           "NHK", "ABC", "CBC", "France 24", "SCMP"]  # fmt: skip


def seeds() -> list[Article]:
    return [load_path(ROOT / "seeds" / "voa.md"), load_path(ROOT / "seeds" / "cnn.md")]


def _pool() -> list[str]:
    pool = [s.text for art in seeds() for s in split_sentences(art.text)]
    for path in sorted((DATA / "align").glob("*.json")):
        for art in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            pool += art["text"]
    for path in sorted(DATA.glob("factpairs_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pair = json.loads(line)
                pool += [pair["a"], pair["b"]]
    return list(dict.fromkeys(pool))


def articles(n: int, words: int = 800, *, seed: int = 1) -> list[Article]:
    """``n`` distinct articles of about ``words`` words each."""
    pool = _pool()
    random.Random(seed).shuffle(pool)
    out = []
    for i in range(n):
        picked: list[str] = []
        count = 0
        while count < words and pool:
            s = pool.pop()
            picked.append(s)
            count += len(s.split())
        if count < words:
            raise ValueError(f"not enough sentences for {n} articles of {words} words")
        text = "\n".join(picked)
        out.append(Article(text=text, outlet=OUTLETS[i % len(OUTLETS)], source=f"bench-{i}"))
    return out
