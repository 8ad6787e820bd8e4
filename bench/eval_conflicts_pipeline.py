"""Conflict detection as a reviewer meets it: the real pipeline on the alignment stories.

    .venv/bin/python bench/eval_conflicts_pipeline.py --split dev
    .venv/bin/python bench/eval_conflicts_pipeline.py --split test --errors

Each story in tests/data/align/ lists its gold links and, under ``conflicts``, the gold
links whose two sentences truly disagree (with the kinds). The stories are encoded with
the bundled model and aligned by ``compare_embeddings`` at the default settings, exactly
as ``factdiff compare`` does, and every link the pipeline keeps is scored:

- correctly aligned links (in the gold set): precision and recall of the flagged
  conflicts by kind against the labels, and the false-alarm rate on the agreeing ones;
- wrongly aligned links: how many carry a conflict (noise a reviewer has to dismiss);
- gold conflict links the pipeline did not keep (missed by the aligner, or dropped by
  ``conflict_floor``), so end-to-end recall is visible too.

A second block runs the fact check alone on every gold link (no aligner, no model
needed for it): the detector's own figures on real story sentences.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_align import load, prepare  # noqa: E402

from factdiff.core.compare import compare_embeddings, link_pair  # noqa: E402
from factdiff.core.model import ConflictKind, Link, Ref, Settings  # noqa: E402

KINDS = [k.value for k in ConflictKind]
Pair = tuple[Ref, Ref]


def _key(a: Sequence[int], b: Sequence[int]) -> Pair:
    x, y = (int(a[0]), int(a[1])), (int(b[0]), int(b[1]))
    return (x, y) if x <= y else (y, x)


def gold_conflicts(story: dict) -> dict[Pair, set[str]]:
    """The labelled disagreements: gold link -> conflict kinds."""
    return {_key(c["a"], c["b"]): set(c["kinds"]) for c in story.get("conflicts", [])}


@dataclass
class Tally:
    """Counts for one evaluation; ``lines()`` renders them."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    conflict_links: int = 0  #: correctly aligned links labelled as disagreeing
    caught: int = 0  #: ... of which at least one conflict was flagged
    agree_links: int = 0  #: correctly aligned links labelled as agreeing
    false_alarms: int = 0  #: ... of which at least one conflict was flagged
    soft_only_alarms: int = 0  #: ... and every flagged conflict was soft (certainty)
    wrong_links: int = 0  #: links the pipeline kept that are not gold links
    wrong_flagged: int = 0  #: ... of which carry a conflict
    wrong_conflicts: int = 0  #: conflicts shown on wrong links
    gold_conflict_total: int = 0  #: labelled disagreeing gold links in the split
    gold_conflict_lost: int = 0  #: ... that the pipeline did not keep as links
    gold_conflict_floored: int = 0  #: ... of which ``conflict_floor`` dropped
    errors: list[str] = field(default_factory=list)

    def add_correct(self, name: str, text: str, want: set[str], link: Link) -> None:
        found = {c.kind.value for c in link.conflicts}
        shown = "; ".join(c.explanation for c in link.conflicts) or "-"
        if want:
            self.conflict_links += 1
            self.caught += bool(found)
        else:
            self.agree_links += 1
            if found:
                self.false_alarms += 1
                self.soft_only_alarms += all(c.soft for c in link.conflicts)
                self.errors.append(f"[{name}] FALSE ALARM {text}\n      {shown}")
        for k in KINDS:
            if k in want and k in found:
                self.tp[k] += 1
            elif k in want:
                self.fn[k] += 1
                self.errors.append(f"[{name}] MISSED {k} {text}\n      got {shown}")
            elif k in found:
                self.fp[k] += 1
                if want:
                    self.errors.append(f"[{name}] WRONG KIND {k} {text}\n      {shown}")

    def add_wrong(self, name: str, text: str, link: Link) -> None:
        self.wrong_links += 1
        if link.conflicts:
            self.wrong_flagged += 1
            self.wrong_conflicts += len(link.conflicts)
            shown = "; ".join(c.explanation for c in link.conflicts)
            self.errors.append(f"[{name}] ON WRONG LINK {text}\n      {shown}")

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else float("nan")

    def lines(self, *, pipeline: bool) -> list[str]:
        out = ["| kind | precision | recall | labelled |", "| --- | --- | --- | --- |"]
        for k in KINDS:
            tp, fp, fn = self.tp[k], self.fp[k], self.fn[k]
            if not tp + fp + fn:
                continue  # neither labelled nor flagged
            out.append(
                f"| {k} | {self.ratio(tp, tp + fp):.2f} | {self.ratio(tp, tp + fn):.2f} "
                f"| {tp + fn} |"
            )
        tp, fp, fn = (sum(d.values()) for d in (self.tp, self.fp, self.fn))
        out.append(
            f"| all kinds (micro) | {self.ratio(tp, tp + fp):.2f} | "
            f"{self.ratio(tp, tp + fn):.2f} | {tp + fn} |"
        )
        flagged = self.caught + self.false_alarms
        out.append(
            f"| any conflict (link level) | {self.ratio(self.caught, flagged):.2f} | "
            f"{self.ratio(self.caught, self.conflict_links):.2f} | {self.conflict_links} |"
        )
        out += [
            "",
            f"false alarms on agreeing links: {self.false_alarms}/{self.agree_links} "
            f"({100 * self.ratio(self.false_alarms, self.agree_links):.1f}%), "
            f"{self.soft_only_alarms} of them soft (certainty) only",
        ]
        if pipeline:
            out += [
                f"wrong links kept: {self.wrong_links}, {self.wrong_flagged} of them with a "
                f"conflict ({self.wrong_conflicts} conflicts shown)",
                f"gold conflict links not kept as links: {self.gold_conflict_lost}/"
                f"{self.gold_conflict_total} ({self.gold_conflict_floored} dropped by "
                "conflict_floor, the rest not aligned); end-to-end recall "
                f"{self.ratio(self.caught, self.gold_conflict_total):.2f}",
            ]
        return out


def _text(sentences: Sequence[Sequence[object]], a: Ref, b: Ref) -> str:
    sa = sentences[a[0]][a[1]].text  # type: ignore[attr-defined]
    sb = sentences[b[0]][b[1]].text  # type: ignore[attr-defined]
    return f"{a}-{b}\n      A: {sa}\n      B: {sb}"


def evaluate(stories: Iterable[dict], settings: Settings) -> tuple[Tally, Tally]:
    """(pipeline tally, gold-links tally) over the stories."""
    pipe, oracle = Tally(), Tally()
    for story in stories:
        name = story["name"]
        articles, sentences, embeddings, gold = prepare(story)
        labels = gold_conflicts(story)
        unknown = set(labels) - gold
        if unknown:
            raise SystemExit(f"{name}: conflicts on non-gold links {sorted(unknown)}")
        cmp = compare_embeddings(articles, sentences, embeddings, settings=settings)
        kept = set()
        for link in cmp.links:
            key = _key(link.a, link.b)
            kept.add(key)
            text = _text(sentences, *key)
            if key in gold:
                pipe.add_correct(name, text, labels.get(key, set()), link)
            else:
                pipe.add_wrong(name, text, link)
        lost = set(labels) - kept
        if lost:
            unfloored = replace(settings, conflict_floor=0.0)
            loose = compare_embeddings(articles, sentences, embeddings, settings=unfloored)
            floored = lost & {_key(lk.a, lk.b) for lk in loose.links}
        else:
            floored = set()
        pipe.gold_conflict_total += len(labels)
        pipe.gold_conflict_lost += len(lost)
        pipe.gold_conflict_floored += len(floored)
        for key in sorted(lost):
            why = "dropped by conflict_floor" if key in floored else "not aligned"
            pipe.errors.append(f"[{name}] NOT KEPT ({why}) {_text(sentences, *key)}")
        for a, b in sorted(gold):
            link = link_pair(a, b, 1.0, articles, sentences, manual=True)
            assert link is not None
            oracle.add_correct(name, _text(sentences, a, b), labels.get((a, b), set()), link)
    return pipe, oracle


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = ap.parse_args(argv)
    stories = load(args.split)
    settings = Settings()
    pipe, oracle = evaluate(stories, settings)
    n_links = pipe.conflict_links + pipe.agree_links + pipe.wrong_links
    print(f"split: {args.split} ({len(stories)} stories), default settings")
    print()
    print(
        f"Pipeline: {n_links} links kept, {pipe.conflict_links + pipe.agree_links} of them "
        "gold links; scores on the gold links it kept"
    )
    print()
    print("\n".join(pipe.lines(pipeline=True)))
    print()
    print(f"Fact check alone on every gold link ({oracle.conflict_links + oracle.agree_links})")
    print()
    print("\n".join(oracle.lines(pipeline=False)))
    if args.errors:
        print()
        print("Pipeline errors:")
        print("\n".join(pipe.errors) or "none")
        print()
        print("Gold-link errors:")
        print("\n".join(oracle.errors) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
