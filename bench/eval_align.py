"""Alignment quality on the hand-labelled stories in tests/data/align/.

    .venv/bin/python bench/eval_align.py [--split dev|test|all] [--grid]

Prints link precision, recall and F1 against the gold links at the default settings;
``--grid`` searches threshold / semantic weight / min_gain on the chosen split (tune on
dev, then report test once at the chosen defaults).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from factdiff.core.compare import compare_embeddings  # noqa: E402
from factdiff.core.embed import default_encoder  # noqa: E402
from factdiff.core.model import Article, Sentence, Settings  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "align"


def load(split: str) -> list[dict]:
    stories = []
    for path in sorted(DATA.glob("*.json")):
        story = json.loads(path.read_text(encoding="utf-8"))
        if split in ("all", story["split"]):
            story["name"] = path.stem
            stories.append(story)
    return stories


def prepare(story: dict):
    """Articles with one sentence per line, so gold indices are the segmenter-free truth."""
    import datetime as dt

    articles, sentences = [], []
    for a in story["articles"]:
        text = "\n".join(a["text"])
        date = dt.date.fromisoformat(a["date"]) if a.get("date") else None
        art = Article(text=text, outlet=a["outlet"], date=date)
        sents, at = [], 0
        for i, s in enumerate(a["text"]):
            sents.append(Sentence(index=i, start=at, end=at + len(s), text=s))
            at += len(s) + 1
        articles.append(art)
        sentences.append(tuple(sents))
    flat = [s.text for sents in sentences for s in sents]
    vecs = default_encoder().encode(flat)
    embeddings, at = [], 0
    for sents in sentences:
        embeddings.append(vecs[at : at + len(sents)])
        at += len(sents)
    gold = {tuple(sorted((tuple(x), tuple(y)))) for x, y in story["links"]}
    return articles, sentences, embeddings, gold


def score(prepared, settings: Settings) -> tuple[int, int, int, list]:
    tp = fp = fn = 0
    errors = []
    for name, (articles, sentences, embeddings, gold) in prepared:
        cmp = compare_embeddings(articles, sentences, embeddings, settings=settings)
        found = {tuple(sorted((lk.a, lk.b))) for lk in cmp.links}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        for kind, refs in (("extra", found - gold), ("missed", gold - found)):
            for a, b in sorted(refs):
                errors.append((name, kind, sentences[a[0]][a[1]].text, sentences[b[0]][b[1]].text))
    return tp, fp, fn, errors


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list extra and missed links")
    args = ap.parse_args()
    prepared = [(s["name"], prepare(s)) for s in load(args.split)]
    gold_n = sum(len(p[1][3]) for p in prepared)
    sents_n = sum(len(x) for p in prepared for x in p[1][1])
    print(f"{args.split}: {len(prepared)} stories, {sents_n} sentences, {gold_n} gold links")
    base = Settings(**json.loads(os.environ.get("FD_SETTINGS", "{}")))
    if args.grid:
        results = []
        for t, w, g, m in itertools.product(
            (0.37, 0.4, 0.43),
            (0.6, 0.7, 0.8),
            (0.15,),
            (0.0, 0.42, 0.45, 0.5, 0.55),
        ):
            st = replace(base, threshold=t, semantic_weight=w, min_gain=g, conflict_floor=m)
            tp, fp, fn, _ = score(prepared, st)
            results.append((prf(tp, fp, fn), t, w, g, m))
        results.sort(key=lambda r: -r[0][2])
        print(
            "| threshold | semantic_weight | min_gain | conflict_floor | precision | recall | F1 |"
        )
        print("|---|---|---|---|---|---|---|")
        for (p, r, f), t, w, g, m in results[:12]:
            print(f"| {t} | {w} | {g} | {m} | {p:.3f} | {r:.3f} | {f:.3f} |")
    tp, fp, fn, errors = score(prepared, base)
    p, r, f = prf(tp, fp, fn)
    print(
        f"defaults {base}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})"
    )
    if args.errors:
        for name, kind, a, b in errors:
            print(f"[{name}] {kind}: {a[:80]!r} <> {b[:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
