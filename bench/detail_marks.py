"""What the app, the facts list and the PDF mark as "Extra detail" on real events.

    .venv/bin/python bench/detail_marks.py --split dev [--top 30] [--save F] [--diff F]

Runs ``compare()`` three-way per event, as the app does, and counts the detail spans
``core.exports.one_sided_details`` keeps (each sentence, against each article it is
linked to): how many, and the texts marked most often, where noise shows first (a
pronoun, half a name, an alias of a name the other article gives). ``--save`` writes the
marks (event, article, sentence, other article, text) to F; ``--diff F`` prints which
marks went and came against a file saved by another build. No label is used: this is
for reading, not a score to drive down (a detail only one outlet gives is the point).
Reads ../shared/devdata at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import realdata  # noqa: E402

from factdiff.core.compare import compare  # noqa: E402
from factdiff.core.exports import one_sided_details  # noqa: E402

Mark = tuple[str, int, int, int, str]


def marks(split: str) -> list[Mark]:
    out: list[Mark] = []
    for event in realdata.split(split):
        cmp = compare(realdata.load_event(event).articles)
        texts = [a.text for a in cmp.articles]
        for (ref, other), spans in one_sided_details(cmp.links, texts).items():
            out += [(event, ref[0], ref[1], other, texts[ref[0]][s.start : s.end])
                    for s in spans]
    return sorted(set(out))  # one mark per span, however many links name it


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "extra", "all"], default="dev")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--diff", type=Path)
    args = ap.parse_args(argv)
    got = marks(args.split)
    print(f"{args.split}: {len(got)} detail marks; most often marked:")
    print(", ".join(f"{t!r} {n}" for t, n in Counter(m[4] for m in got).most_common(args.top)))
    if args.save:
        args.save.write_text(json.dumps(got))
    if args.diff:
        before = {tuple(m) for m in json.loads(args.diff.read_text())}
        now = set(got)
        gone = Counter(m[4] for m in before - now)
        came = Counter(m[4] for m in now - before)
        print(f"against {args.diff}: {len(before)} -> {len(now)}")
        print("gone:", ", ".join(f"{t!r} {n}" for t, n in gone.most_common(args.top)) or "-")
        print("new:", ", ".join(f"{t!r} {n}" for t, n in came.most_common(args.top)) or "-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
