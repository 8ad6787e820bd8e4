"""Synthetic article sets for the benchmarks: N articles of about W words on one story.

Sentences come from the seed articles and are shuffled, sampled and lightly varied per
article (numbers, dropped clauses), so every article is different text (no cache hits
between articles) but on the same story, as real cross-outlet sets are.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from factdiff.core.loaders import load_path
from factdiff.core.model import Article
from factdiff.core.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ["VOA", "CNN", "Reuters", "AP", "BBC", "AFP", "NPR", "Al Jazeera", "DW", "The Guardian",
           "NHK", "ABC", "CBC", "France 24", "SCMP"]


def seeds() -> list[Article]:
    return [load_path(ROOT / "seeds" / "voa.md"), load_path(ROOT / "seeds" / "cnn.md")]


def _vary(sentence: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        sentence = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), sentence)
    if rng.random() < 0.3 and ", " in sentence:
        parts = sentence.split(", ")
        del parts[rng.randrange(1, len(parts))]
        sentence = ", ".join(parts)
        if not sentence.endswith((".", "”", '"')):
            sentence += "."
    return sentence


def articles(n: int, words: int = 800, *, seed: int = 1) -> list[Article]:
    """``n`` distinct articles of about ``words`` words each."""
    rng = random.Random(seed)
    pool = [s.text for art in seeds() for s in split_sentences(art.text)]
    out = []
    for i in range(n):
        picked: list[str] = []
        count = 0
        while count < words:
            s = _vary(rng.choice(pool), rng)
            picked.append(s)
            count += len(s.split())
        text = "\n".join(picked) + f"\nThis is report {i + 1} of {n}."
        out.append(Article(text=text, outlet=OUTLETS[i % len(OUTLETS)], source=f"bench-{i}"))
    return out
