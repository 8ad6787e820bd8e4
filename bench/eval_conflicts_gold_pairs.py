"""False alarms of the fact check on real linked sentences (issue 11), from bench/gold.

    .venv/bin/python bench/eval_conflicts_gold_pairs.py --split dev
    .venv/bin/python bench/eval_conflicts_gold_pairs.py --split test
    .venv/bin/python bench/eval_conflicts_gold_pairs.py --split dev --errors
    .venv/bin/python bench/eval_conflicts_gold_pairs.py --split dev --plain  # no parse/vectors

Every gold ``shared`` pair (two sentences of two outlets that report a common fact, named
by substrings, found with core.segment in the article body) is run through the fact check
as the pipeline does, without the aligner: each conflict flagged on it is a false alarm.
Every gold ``conflict`` pair should come out with a conflict. Reported twice: all
conflicts, and only those at or above the package's ``SHOW_LEVEL`` (what the GUI shows by
default). Reads ../shared/devdata/basil-dev at run time; the articles are not copied.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factbench import Checker, article, find, gold_files, show_level  # noqa: E402

KIND_OF = {"negation": "polarity"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "extra"], default="dev")
    ap.add_argument("--errors", action="store_true", help="print each false alarm")
    ap.add_argument("--plain", action="store_true", help="no parse and no token vectors")
    args = ap.parse_args(argv)

    files = gold_files(args.split)
    check = Checker(parse=not args.plain, vectors=not args.plain)
    level = show_level()
    rows = []  # (file, kind, a, b, da, db, gold kind or None)
    for g in files:
        ev, oa, ob = g["event"], g["a"], g["b"]
        _, da = article(ev, oa)
        _, db = article(ev, ob)
        for sa, sb in g["shared"]:
            rows.append((g["file"], "shared", find(ev, oa, sa), find(ev, ob, sb), da, db, None))
        for c in g["conflict"]:
            a, b = find(ev, oa, c["a"]), find(ev, ob, c["b"])
            rows.append((g["file"], "conflict", a, b, da, db, KIND_OF.get(c["kind"], c["kind"])))
    check.prepare([r[2] for r in rows] + [r[3] for r in rows])

    fa_all = fa_shown = flagged_all = flagged_shown = 0
    n_shared = n_conf = found_all = found_shown = kind_all = kind_shown = 0
    by_kind: Counter[str] = Counter()
    errors = []
    for file, what, a, b, da, db, gk in rows:
        res = check(a, b, da, db)
        shown = [c for c in res.conflicts if c.confidence >= level]
        if what == "shared":
            n_shared += 1
            fa_all += len(res.conflicts)
            fa_shown += len(shown)
            flagged_all += bool(res.conflicts)
            flagged_shown += bool(shown)
            for c in res.conflicts:
                by_kind[c.kind.value] += 1
                errors.append(
                    f"FALSE ALARM {file} {c.kind.value} {c.confidence:.2f} "
                    f"{'shown' if c.confidence >= level else 'possible'}: "
                    f"{c.a_text!r} / {c.b_text!r} ({c.explanation})\n    A: {a}\n    B: {b}"
                )
        else:
            n_conf += 1
            found_all += bool(res.conflicts)
            found_shown += bool(shown)
            kind_all += any(c.kind.value == gk for c in res.conflicts)
            kind_shown += any(c.kind.value == gk for c in shown)
            if not any(c.kind.value == gk for c in shown):
                got = [(c.kind.value, c.a_text, c.b_text, round(c.confidence, 2))
                       for c in res.conflicts]
                errors.append(f"MISSED {file} {gk}: got {got}\n    A: {a}\n    B: {b}")

    n_files = len(files)
    mode = "plain" if args.plain else (
        f"parse={'on' if check.parse else 'n/a'}, vectors={'on' if check.vectors else 'n/a'}"
    )
    print(f"split: {args.split} ({n_files} article pairs, {n_shared} shared pairs, "
          f"{n_conf} conflict pairs; {mode}; show level {level:.2f})")
    print()
    print("| conflicts counted | false alarms | per article pair | shared pairs flagged "
          "| labelled conflicts found (right kind) |")
    print("| --- | --- | --- | --- | --- |")
    for name, fa, fl, fo, kd in (
        ("all", fa_all, flagged_all, found_all, kind_all),
        ("shown (>= show level)", fa_shown, flagged_shown, found_shown, kind_shown),
    ):
        print(f"| {name} | {fa} | {fa / max(n_files, 1):.2f} | {fl}/{n_shared} "
              f"| {fo}/{n_conf} ({kd}/{n_conf}) |")
    print()
    print("false alarms by kind (all):", dict(sorted(by_kind.items())))
    if args.errors:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
