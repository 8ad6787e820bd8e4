"""Evaluate fact-level conflict detection on the labelled sentence pairs (issue 3).

    .venv/bin/python bench/eval_facts.py --split test
    .venv/bin/python bench/eval_facts.py --split dev --errors   # show misses and false alarms
    .venv/bin/python bench/eval_facts.py --split dev --seeds    # also time the seed articles

Prints per-kind precision/recall, pair-level conflict precision/recall, the false-alarm
rate on agreements, incompatibility accuracy, and the time per sentence and per pair.
A conflict pair counts as caught for kind K when a conflict of kind K is reported; an
agreement with any reported conflict is a false alarm. Pairs labelled "incompatible"
must come out ``compatible=False``; a conflict pair dropped as incompatible is a miss.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factdiff.core.facts import FactResult, compare_facts, extract_facts
from factdiff.core.model import ConflictKind

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
KINDS = [k.value for k in ConflictKind]


@dataclass
class Scores:
    """Counts behind the report; ``table()`` turns them into rows."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    pair_tp: int = 0
    pair_fp: int = 0
    pair_fn: int = 0
    agree: int = 0
    false_alarms: int = 0
    agree_dropped: int = 0
    incompatible: int = 0
    incompatible_ok: int = 0
    conflict_dropped: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else float("nan")

    def overall(self) -> tuple[float, float]:
        return (
            self.ratio(self.pair_tp, self.pair_tp + self.pair_fp),
            self.ratio(self.pair_tp, self.pair_tp + self.pair_fn),
        )

    def kind(self, k: str) -> tuple[float, float, int]:
        tp, fp, fn = self.tp[k], self.fp[k], self.fn[k]
        return self.ratio(tp, tp + fp), self.ratio(tp, tp + fn), tp + fn


def load(split: str) -> list[dict]:
    path = DATA / f"factpairs_{split}.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def evaluate(rows: Sequence[dict]) -> tuple[Scores, float, float]:
    """Score every pair; returns the counts, ms per sentence and ms per pair comparison."""
    sc = Scores()
    t_extract = 0.0
    t_compare = 0.0
    for row in rows:
        t0 = time.perf_counter()
        fa = extract_facts(row["a"], published=_date(row.get("a_date")))
        fb = extract_facts(row["b"], published=_date(row.get("b_date")))
        t1 = time.perf_counter()
        res: FactResult = compare_facts(fa, fb, a_label="A", b_label="B")
        t2 = time.perf_counter()
        t_extract += t1 - t0
        t_compare += t2 - t1
        score_pair(sc, row, res)
    n = max(len(rows), 1)
    return sc, 1000 * t_extract / (2 * n), 1000 * t_compare / n


def score_pair(sc: Scores, row: dict, res: FactResult) -> None:
    label = row["label"]
    found = {c.kind.value for c in res.conflicts} if res.compatible else set()
    shown = "; ".join(c.explanation for c in res.conflicts) or "-"
    if label == "incompatible":
        sc.incompatible += 1
        if not res.compatible:
            sc.incompatible_ok += 1
        else:
            sc.errors.append(f"NOT DROPPED {row['id']}: {shown}")
        return
    if not res.compatible and label == "agree":
        sc.agree_dropped += 1
        sc.errors.append(f"AGREE DROPPED {row['id']}")
    if label == "agree":
        sc.agree += 1
        if found:
            sc.false_alarms += 1
            sc.pair_fp += 1
            sc.errors.append(f"FALSE ALARM {row['id']}: {shown}")
        for k in found:
            sc.fp[k] += 1
        return
    want = set(row["kinds"])
    if not res.compatible:
        sc.conflict_dropped += 1
    if found:
        sc.pair_tp += 1
    else:
        sc.pair_fn += 1
    for k in KINDS:
        if k in want and k in found:
            sc.tp[k] += 1
        elif k in want:
            sc.fn[k] += 1
            sc.errors.append(f"MISSED {k} {row['id']}: got {shown}")
        elif k in found:
            sc.fp[k] += 1
            sc.errors.append(f"WRONG KIND {k} {row['id']}: {shown}")


def report(split: str, sc: Scores, ms_sentence: float, ms_pair: float, n: int) -> str:
    lines = [
        f"split: {split} ({n} pairs)",
        "",
        "| kind | precision | recall | pairs |",
        "| --- | --- | --- | --- |",
    ]
    for k in KINDS:
        p, r, support = sc.kind(k)
        lines.append(f"| {k} | {p:.2f} | {r:.2f} | {support} |")
    micro_tp = sum(sc.tp.values())
    micro_p = sc.ratio(micro_tp, micro_tp + sum(sc.fp.values()))
    micro_r = sc.ratio(micro_tp, micro_tp + sum(sc.fn.values()))
    lines.append(
        f"| all kinds (micro) | {micro_p:.2f} | {micro_r:.2f} | {micro_tp + sum(sc.fn.values())} |"
    )
    p, r = sc.overall()
    lines.append(f"| any conflict (pair level) | {p:.2f} | {r:.2f} | {sc.pair_tp + sc.pair_fn} |")
    lines += [
        "",
        f"false alarms on agreements: {sc.false_alarms}/{sc.agree} "
        f"({100 * sc.ratio(sc.false_alarms, sc.agree):.1f}%)",
        f"agreements dropped as incompatible: {sc.agree_dropped}/{sc.agree}",
        f"conflicts dropped as incompatible: {sc.conflict_dropped}",
        f"incompatible pairs found: {sc.incompatible_ok}/{sc.incompatible}",
        f"speed: {ms_sentence:.3f} ms per sentence extraction, "
        f"{ms_pair:.3f} ms per pair comparison",
    ]
    return "\n".join(lines)


def time_seeds(repeat: int) -> str:
    """Extraction and comparison time on the seed articles' real (long) sentences."""
    from factdiff.core.loaders import load_path
    from factdiff.core.segment import split_sentences

    root = DATA.parent.parent / "seeds"
    arts = [load_path(root / "voa.md"), load_path(root / "cnn.md")]
    sents = [[s.text for s in split_sentences(a.text)] for a in arts]
    n_sent = sum(map(len, sents))
    best_s = best_p = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        facts = [
            [extract_facts(s, published=a.date) for s in ss]
            for a, ss in zip(arts, sents, strict=True)
        ]
        t1 = time.perf_counter()
        for fa in facts[0]:
            for fb in facts[1]:
                compare_facts(fa, fb)
        t2 = time.perf_counter()
        best_s = min(best_s, (t1 - t0) / n_sent)
        best_p = min(best_p, (t2 - t1) / (len(facts[0]) * len(facts[1])))
    return (
        f"seeds: {n_sent} sentences, {1000 * best_s:.3f} ms per sentence extraction; "
        f"{len(sents[0]) * len(sents[1])} pairs (all VOA x CNN), {1000 * best_p:.3f} ms per pair"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms")
    ap.add_argument("--repeat", type=int, default=5, help="timing runs (best is reported)")
    ap.add_argument("--seeds", action="store_true", help="also time the seed articles")
    args = ap.parse_args(argv)
    rows = load(args.split)
    sc, ms_s, ms_p = evaluate(rows)
    for _ in range(max(args.repeat - 1, 0)):
        _, s2, p2 = evaluate(rows)
        ms_s, ms_p = min(ms_s, s2), min(ms_p, p2)
    print(report(args.split, sc, ms_s, ms_p, len(rows)))
    if args.seeds:
        print(time_seeds(args.repeat))
    if args.errors:
        print()
        print("\n".join(sc.errors) or "no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
