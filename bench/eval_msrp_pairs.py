"""Recall per kind on real cross-outlet pairs with one disagreement put in, and false
alarms on clean agreements (issue 11); the pairs are built by bench/msrp_pairs.py.

    .venv/bin/python bench/eval_msrp_pairs.py --split dev
    .venv/bin/python bench/eval_msrp_pairs.py --split test
    .venv/bin/python bench/eval_msrp_pairs.py --split dev --errors 20   # misses, false alarms
    .venv/bin/python bench/eval_msrp_pairs.py --split dev --plain       # no parse/vectors
    .venv/bin/python bench/eval_msrp_pairs.py --split dev --paraphrases # the pairs as printed
    .venv/bin/python bench/eval_msrp_pairs.py --split dev --related --errors 60  # not paraphrases

An injected pair is caught when a conflict of its kind is reported (for a swapped name,
``entity`` or ``attribution``) (``any`` also counts
another kind, ``shown`` only conflicts at or above the package's SHOW_LEVEL); a clean pair
with any conflict is a false alarm. Reads ../shared/devdata/mrpc at run time.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factbench import Checker, show_level  # noqa: E402
from msrp_pairs import KINDS, build, rows, split_of  # noqa: E402

#: A swapped name caught as a different speaker is caught (the name was a speaker's).
ACCEPT = {"entity": {"entity", "attribution"}}


def paraphrases(split: str, errors: int, quality: str = "1") -> int:
    """Conflicts flagged on the split's MSRP paraphrase pairs as printed (nothing put in):
    two outlets' rewordings of one report. A flagged name, speaker, quote or polarity is
    almost always a false alarm there; figures and days may truly differ (prices at two
    times of day), so those kinds are counted apart. With ``quality`` "0", the pairs
    judged not paraphrases: related sentences, often of other facts (other companies'
    shares, another spokesman), where a flagged conflict may be real: to be read, a
    source of false alarm shapes, not a rate to drive to zero."""
    data = [(i1, i2, a, b) for i1, i2, a, b in rows(quality) if split_of(i1, i2) == split]
    check = Checker()
    check.prepare([t for r in data for t in r[2:]])
    level = show_level()
    shown: Counter[str] = Counter()
    flagged = 0
    listed: list[str] = []
    for i1, i2, a, b in data:
        res = check(a, b)
        kinds = {c.kind.value for c in res.conflicts if c.confidence >= level}
        shown.update(kinds)
        words = kinds - {"number", "date"}
        flagged += bool(words)
        if words and len(listed) < errors:
            got = [(c.kind.value, c.a_text, c.b_text, round(c.confidence, 2))
                   for c in res.conflicts if c.confidence >= level]
            listed.append(f"  {i1}-{i2} {got}\n    A: {a}\n    B: {b}")
    what = "paraphrase pairs as printed" if quality == "1" else "pairs judged not paraphrases"
    print(f"split: {split}, {len(data)} {what} (show level {level:.2f})")
    print(f"pairs with a shown conflict of a kind other than figures and days: {flagged} "
          f"({flagged / max(len(data), 1):.1%})")
    print(f"shown, by kind (pairs): {dict(sorted(shown.items()))}")
    for line in listed:
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses per kind")
    ap.add_argument("--plain", action="store_true", help="no parse and no token vectors")
    ap.add_argument("--no-vectors", action="store_true", help="the parse, no token vectors")
    ap.add_argument(
        "--related", action="store_true",
        help="instead: conflicts flagged on the split's pairs judged not paraphrases",
    )
    ap.add_argument(
        "--paraphrases", action="store_true",
        help="instead: conflicts flagged on the split's paraphrase pairs as printed",
    )
    args = ap.parse_args(argv)
    if args.paraphrases or args.related:
        return paraphrases(args.split, args.errors, "0" if args.related else "1")

    pairs = build(args.split)
    check = Checker(parse=not args.plain, vectors=not (args.plain or args.no_vectors))
    check.prepare([t for p in pairs for t in (p.a, p.b)])
    level = show_level()
    n: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    hit_shown: Counter[str] = Counter()
    hit_any: Counter[str] = Counter()
    fa_kinds: Counter[str] = Counter()
    errors: dict[str, list[str]] = {k: [] for k in ("clean", *KINDS)}
    for p in pairs:
        res = check(p.a, p.b)
        kinds = {c.kind.value for c in res.conflicts}
        shown = {c.kind.value for c in res.conflicts if c.confidence >= level}
        n[p.kind] += 1
        if p.kind == "clean":
            hit[p.kind] += bool(kinds)
            hit_shown[p.kind] += bool(shown)
            fa_kinds.update(kinds)
            if kinds:
                got = [(c.kind.value, c.a_text, c.b_text, round(c.confidence, 2))
                       for c in res.conflicts]
                errors["clean"].append(f"  {p.id} {got}\n    A: {p.a}\n    B: {p.b}")
            continue
        ok = ACCEPT.get(p.kind, {p.kind})
        hit[p.kind] += bool(ok & kinds)
        hit_shown[p.kind] += bool(ok & shown)
        hit_any[p.kind] += bool(kinds)
        if not ok & shown:
            got = [(c.kind.value, c.a_text, c.b_text, round(c.confidence, 2))
                   for c in res.conflicts]
            errors[p.kind].append(
                f"  {p.id} {p.a_edit!r} -> {p.b_edit!r} got {got}\n    A: {p.a}\n    B: {p.b}"
            )

    mode = "plain" if args.plain else (
        f"parse={'on' if check.parse else 'n/a'}, vectors={'on' if check.vectors else 'n/a'}"
    )
    print(f"split: {args.split} ({mode}; show level {level:.2f})")
    print()
    print("| injected kind | pairs | caught (same kind) | caught, shown | any conflict |")
    print("| --- | --- | --- | --- | --- |")
    tot = tot_hit = tot_shown = 0
    for k in KINDS:
        tot += n[k]
        tot_hit += hit[k]
        tot_shown += hit_shown[k]
        print(f"| {k} | {n[k]} | {hit[k] / max(n[k], 1):.3f} | "
              f"{hit_shown[k] / max(n[k], 1):.3f} | {hit_any[k] / max(n[k], 1):.3f} |")
    print(f"| all | {tot} | {tot_hit / max(tot, 1):.3f} | {tot_shown / max(tot, 1):.3f} | |")
    print()
    c = n["clean"]
    print(f"clean agreements flagged: {hit['clean']}/{c} ({hit['clean'] / max(c, 1):.1%}); "
          f"shown: {hit_shown['clean']}/{c} ({hit_shown['clean'] / max(c, 1):.1%}); "
          f"by kind {dict(sorted(fa_kinds.items()))}")
    if args.errors:
        for k, errs in errors.items():
            print(f"\n{k}: {len(errs)} {'false alarms' if k == 'clean' else 'misses'}")
            print("\n".join(errs[: args.errors]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
