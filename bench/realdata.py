"""Real labelled events for the bench scripts: articles from ../shared/devdata, labels from
bench/gold (substrings only), mapped onto the sentences the engine's segmenter makes.

A gold substring names the sentence that contains its first character; a label whose
substring is missing from the article raises, so a stale gold file cannot pass silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from factdiff.core.loaders import load_path
from factdiff.core.model import Article, Sentence
from factdiff.core.segment import split_sentences

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
DEVDATA = HERE.parent.parent / "shared" / "devdata"
BASIL = DEVDATA / "basil-dev"
OUTLETS = ("nyt", "fox", "hpo")

#: a sentence pair across two articles: ((article, sentence), (article, sentence)), a < b
Pair = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class PairGold:
    """The labels of one article pair, as sentence refs of the three-article comparison."""

    a: int
    b: int
    shared: set[Pair] = field(default_factory=set)
    conflict: dict[Pair, dict] = field(default_factory=dict)
    not_shared: set[Pair] = field(default_factory=set)
    added: set[tuple[int, int]] = field(default_factory=set)

    @property
    def positives(self) -> set[Pair]:
        return self.shared | set(self.conflict)


@dataclass
class Event:
    id: str
    articles: list[Article]
    sentences: list[tuple[Sentence, ...]]
    pairs: list[PairGold]


def split(name: str) -> list[str]:
    """Event ids of the dev or test split (or both with ``all``) that have gold files;
    ``extra``: the events outside the split (:func:`outside`) labelled since, a further
    development set never used to tune the links."""
    if name == "extra":
        return [e for e in outside() if any(GOLD.glob(f"{e}_*.json"))]
    s = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))
    ids = s["dev"] + s["test"] if name == "all" else s[name]
    return [e for e in ids if any(GOLD.glob(f"{e}_*.json"))]


def outside() -> list[str]:
    """Events of basil-dev that neither split holds (an article over 1,300 words)."""
    s = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))
    split_ids = set(s["dev"]) | set(s["test"])
    return sorted(
        p.name for p in BASIL.iterdir()
        if p.is_dir() and p.name not in split_ids and (p / "nyt.md").exists()
    )


def available() -> bool:
    return BASIL.is_dir()


def _locate(art: Article, sents: tuple[Sentence, ...], sub: str, where: str) -> int:
    at = art.text.find(sub)
    if at < 0 or art.text.find(sub, at + 1) >= 0:
        raise ValueError(f"{where}: {sub!r} is not in the article exactly once")
    for s in sents:
        if s.start <= at < s.end:
            return s.index
    for s in sents:  # begins in a dropped dateline: the sentence the substring runs into
        if at <= s.start < at + len(sub):
            return s.index
    raise ValueError(f"{where}: {sub!r} falls between sentences")


def load_event(event: str) -> Event:
    articles = [load_path(BASIL / event / f"{o}.md") for o in OUTLETS]
    sentences = [tuple(split_sentences(a.text)) for a in articles]
    pairs = []
    for path in sorted(GOLD.glob(f"{event}_*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        ia, ib = OUTLETS.index(g["a"]), OUTLETS.index(g["b"])
        pg = PairGold(a=min(ia, ib), b=max(ia, ib))

        def ref(side: str, sub: str, where: str, g: dict = g, path: Path = path) -> tuple[int, int]:
            art = OUTLETS.index(g[side])
            return (art, _locate(articles[art], sentences[art], sub, f"{path.name} {where}"))

        def pair(x: str, y: str, where: str) -> Pair:
            ra, rb = ref("a", x, where), ref("b", y, where)
            return (ra, rb) if ra < rb else (rb, ra)

        for n, (x, y) in enumerate(g["shared"]):
            pg.shared.add(pair(x, y, f"shared[{n}]"))
        for n, c in enumerate(g["conflict"]):
            pg.conflict[pair(c["a"], c["b"], f"conflict[{n}]")] = c
        for n, (x, y) in enumerate(g["not_shared"]):
            pg.not_shared.add(pair(x, y, f"not_shared[{n}]"))
        for side in ("a", "b"):
            for n, sub in enumerate(g[f"added_{side}"]):
                pg.added.add(ref(side, sub, f"added_{side}[{n}]"))
        # a sentence the segmenter merged with a linked one is not "added" any more
        linked = {r for p in pg.positives for r in p}
        pg.added -= linked
        pg.not_shared -= pg.positives
        pairs.append(pg)
    return Event(event, articles, sentences, pairs)
