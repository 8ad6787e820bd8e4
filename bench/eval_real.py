"""Link and conflict quality on real, hand-labelled three-outlet events (bench/gold).

    .venv/bin/python bench/eval_real.py --split dev|test|all [--per-event] [--msrp]

Runs ``compare()`` on each event's three articles (NYT, Fox News, HuffPost) as the app does,
then scores the labelled article pairs (nyt-fox, nyt-hpo; fox-hpo links are not scored):

- link recall and precision against the gold sentence pairs (shared + conflict);
- look-alike pairs (gold ``not_shared``) that were linked;
- sentences with no counterpart (gold ``added``) that the engine left unlinked;
- conflicts: flagged links that are not gold conflicts (false alarms per article pair),
  and gold conflicts found; shown/possible split by the conflict's confidence;
- fact-group sizes.

``--third`` scores the conflicts flagged on the pair no gold file labels (fox-hpo): each
is a false alarm unless ``bench/gold/judged-third-pair.json`` judges it genuine (judged by
hand after it was flagged; this counts false alarms, not recall); ``--list-third`` prints
those not judged yet.

``--outside`` does the same for all three pairs of the events the split leaves out (an
article over 1,300 words; in neither split, so usable for development).

``--msrp`` adds the recall on MSRP's real paraphrase pairs (quality 1), shuffled into
pseudo-articles of 60 pairs each. Texts are read from ../shared/devdata at run time.

After the figures it prints how the shown false alarms spread over the split's events
(one event can carry a split's rate).

How much of a figure is the events drawn: ``--bootstrap N`` resamples the split's events
with replacement N times and prints each headline figure's 95% interval; ``--save F``
writes the per-event counts to F, and ``--paired F`` (a file saved on the same split by
another build, e.g. before a change) prints this build's figures minus that one's, with
the 95% interval of the difference over the same resampled events:

    .venv/bin/python bench/eval_real.py --split dev --save /tmp/before.json   # old build
    .venv/bin/python bench/eval_real.py --split dev --paired /tmp/before.json # new build
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import realdata  # noqa: E402

from factdiff.core.compare import compare, reclassify  # noqa: E402
from factdiff.core.model import SHOW_LEVEL, Article, Comparison, Link, Settings  # noqa: E402


def _key(a: tuple[int, int], b: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    return (a, b) if a < b else (b, a)


def _shown(lk: Link, show_level: float) -> bool:
    """Does the link show a conflict at this level (a hard kind, at or above it)?"""
    return any(not x.soft and x.confidence >= show_level for x in lk.conflicts)


def score_event(ev: realdata.Event, cmp: Comparison, show_level: float) -> Counter:
    c: Counter = Counter()
    for pg in ev.pairs:
        links = {_key(lk.a, lk.b): lk for lk in cmp.pair_links(pg.a, pg.b)}
        pos = pg.positives
        c["pairs"] += 1
        c["gold"] += len(pos)
        c["pred"] += len(links)
        c["tp"] += len(pos & set(links))
        c["lookalike"] += len(pg.not_shared)
        c["lookalike_linked"] += len(pg.not_shared & set(links))
        for ref in pg.added:
            other = pg.b if ref[0] == pg.a else pg.a
            c["added"] += 1
            c["added_ok"] += not any(lk.other(ref)[0] == other for lk in cmp.links_of(ref))
        for key, lk in links.items():
            hard = [x for x in lk.conflicts if not x.soft]
            if not lk.conflicts:
                continue
            shown = _shown(lk, show_level)
            if key in pg.conflict:
                c["conflict_true_flag"] += 1
            else:
                c["false_alarm_any"] += 1
                c["false_alarm_hard"] += bool(hard)
                c["false_alarm_shown"] += shown
        for key in pg.conflict:
            c["gold_conflicts"] += 1
            lk = links.get(key)
            c["gold_conflicts_linked"] += lk is not None
            c["gold_conflicts_found"] += bool(lk is not None and lk.conflicts)
            c["gold_conflicts_shown"] += lk is not None and _shown(lk, show_level)
    for g in cmp.groups:
        if len(g.members) > 1:
            c[f"group_size_{min(len(g.members), 10)}"] += 1
    return c


THIRD = (1, 2)  #: fox-hpo: the article pair no gold file labels


def _judged() -> list[dict]:
    path = realdata.GOLD / "judged-third-pair.json"
    return json.loads(path.read_text(encoding="utf-8"))["judged"]


def score_unlabelled(
    event: str, cmp: Comparison, pairs: list[tuple[int, int]], show_level: float, show: bool
) -> Counter:
    """Conflicts flagged on article pairs no gold file labels: false alarms unless judged
    genuine. A judgement names the event and a substring of each sentence under its
    outlet ("fox", "hpo")."""
    c: Counter = Counter(pairs=len(pairs))
    judged = [j for j in _judged() if j["event"] == event]
    for pa, pb in pairs:
        oa, ob = realdata.OUTLETS[pa], realdata.OUTLETS[pb]
        for lk in cmp.pair_links(pa, pb):
            hard = [x for x in lk.conflicts if not x.soft]
            if not hard:
                continue
            ta, tb = cmp.sentence(lk.a).text, cmp.sentence(lk.b).text
            if lk.a[0] != pa:
                ta, tb = tb, ta
            verdict = next(
                (j for j in judged if j.get(oa, "\0") in ta and j.get(ob, "\0") in tb), None
            )
            shown = _shown(lk, show_level)
            if verdict is not None and verdict["genuine"]:
                c["genuine_hard"] += 1
                c["genuine_shown"] += shown
                continue
            c["false_alarm_hard"] += 1
            c["false_alarm_shown"] += shown
            c["unjudged"] += verdict is None
            if show and verdict is None:
                what = "; ".join(
                    f"{x.kind.value} {x.a_text!r} / {x.b_text!r} {x.confidence:.2f}" for x in hard
                )
                print(f"-- {event} {'shown' if shown else 'possible'}: {what}\n   {oa}: {ta}\n"
                      f"   {ob}: {tb}")
    return c


def report_third(name: str, c: Counter, what: str = "third pair (fox-hpo, unlabelled)") -> None:
    n = max(c["pairs"], 1)
    print(
        f"{what}, {name}: false alarms per article pair: shown "
        f"{c['false_alarm_shown'] / n:.2f}, hard {c['false_alarm_hard'] / n:.2f} "
        f"({c['unjudged']} of {c['false_alarm_hard']} not judged); judged genuine: "
        f"{c['genuine_shown']} shown of {c['genuine_hard']}"
    )


def outside(settings: Settings, show_level: float, show: bool) -> int:
    """The basil-dev events the split leaves out (an article over 1,300 words), unlabelled:
    conflicts flagged on all three pairs, scored as :func:`score_unlabelled` does."""
    total: Counter = Counter()
    events = realdata.outside()
    for event in events:
        arts = [realdata.load_path(realdata.BASIL / event / f"{o}.md") for o in realdata.OUTLETS]
        cmp = compare(arts, settings=settings)
        total += score_unlabelled(event, cmp, [(0, 1), (0, 2), (1, 2)], show_level, show)
    report_third(f"{len(events)} events", total, "outside the split (unlabelled, all pairs)")
    return 0


#: The headline figures, by name, each from summed counts: what :func:`report` prints and
#: :func:`bootstrap` resamples.
FIGURES: dict[str, Any] = {
    "link precision": lambda c: c["tp"] / max(c["pred"], 1),
    "link recall": lambda c: c["tp"] / max(c["gold"], 1),
    "look-alikes linked": lambda c: c["lookalike_linked"] / max(c["lookalike"], 1),
    "no-counterpart unlinked": lambda c: c["added_ok"] / max(c["added"], 1),
    "shown false alarms / pair": lambda c: c["false_alarm_shown"] / max(c["pairs"], 1),
    "hard false alarms / pair": lambda c: c["false_alarm_hard"] / max(c["pairs"], 1),
    "gold conflicts found": lambda c: c["gold_conflicts_found"] / max(c["gold_conflicts"], 1),
}


def bootstrap(
    per_event: dict[str, Counter], runs: int, before: dict[str, Counter] | None = None,
    seed: int = 11,
) -> list[str]:
    """95% intervals of :data:`FIGURES` over events drawn with replacement; with
    ``before`` (the same events, another build), of this build's figure minus that one's."""
    events = sorted(per_event)
    if before is not None:
        missing = set(events) ^ set(before)
        if missing:
            raise SystemExit(f"--paired: the two runs differ in events: {sorted(missing)}")
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {name: [] for name in FIGURES}
    for _ in range(runs):
        picked = [rng.choice(events) for _ in events]
        now = sum((per_event[e] for e in picked), Counter())
        then = sum((before[e] for e in picked), Counter()) if before is not None else None
        for name, fig in FIGURES.items():
            draws[name].append(fig(now) - (fig(then) if then is not None else 0.0))
    total = sum(per_event.values(), Counter())
    base = sum(before.values(), Counter()) if before is not None else None
    lines = []
    for name, fig in FIGURES.items():
        xs = sorted(draws[name])
        lo, hi = xs[int(0.025 * (runs - 1))], xs[int(0.975 * (runs - 1))]
        if base is None:
            lines.append(f"  {name:27s} {fig(total):.3f}  95% [{lo:.3f}, {hi:.3f}]")
        else:
            d = fig(total) - fig(base)
            lines.append(
                f"  {name:27s} {fig(base):.3f} -> {fig(total):.3f}  change {d:+.3f}  "
                f"95% [{lo:+.3f}, {hi:+.3f}]"
            )
    return lines


def spread(per_event: dict[str, Counter], key: str) -> str:
    """How a count is spread over the events: the events that have any, largest first,
    and the rate per article pair without the largest (one event can carry a split)."""
    counts = sorted(((c[key], e) for e, c in per_event.items()), reverse=True)
    some = [n for n, _ in counts if n]
    if not some:
        return "none"
    rest = sum(some[1:]) / max(sum(c["pairs"] for e, c in per_event.items()
                                   if e != counts[0][1]), 1)
    return (f"{len(some)} of {len(counts)} events have any ({', '.join(map(str, some))}); "
            f"without the largest, {rest:.2f} per article pair")


def report(name: str, c: Counter) -> None:
    p, r = FIGURES["link precision"](c), FIGURES["link recall"](c)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"== {name}: {c['pairs']} article pairs")
    print(
        f"links: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  ({c['tp']}/{c['pred']} "
        f"predicted, {c['gold']} gold)"
    )
    la = FIGURES["look-alikes linked"](c)
    print(f"look-alike pairs linked: {c['lookalike_linked']}/{c['lookalike']} ({la:.1%})")
    ad = FIGURES["no-counterpart unlinked"](c)
    print(f"no-counterpart sentences left unlinked: {c['added_ok']}/{c['added']} ({ad:.1%})")
    print(
        f"conflicts: false alarms per article pair: shown "
        f"{FIGURES['shown false alarms / pair'](c):.2f}, "
        f"hard {FIGURES['hard false alarms / pair'](c):.2f}, "
        f"any {c['false_alarm_any'] / max(c['pairs'], 1):.2f}; "
        f"gold conflicts found {c['gold_conflicts_found']}/{c['gold_conflicts']} "
        f"(shown {c['gold_conflicts_shown']}, linked {c['gold_conflicts_linked']})"
    )
    sizes = {k: v for k, v in c.items() if k.startswith("group_size_")}
    dist = ", ".join(
        f"{k.removeprefix('group_size_')}{'+' if k.endswith('10') else ''}: {v}"
        for k, v in sorted(sizes.items(), key=lambda kv: int(kv[0].rsplit("_", 1)[1]))
    )
    print(f"fact-group sizes (members: groups): {dist}")


def msrp_recall(settings: Settings, pairs_per_article: int = 60, seed: int = 7) -> None:
    """Recall on MSRP's real paraphrase pairs, shuffled into pseudo-articles."""
    path = realdata.DEVDATA / "mrpc" / "msr_paraphrase_train.txt"
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()[1:]]
    good = [(r[3].strip(), r[4].strip()) for r in rows if r[0] == "1"]
    rng = random.Random(seed)
    rng.shuffle(good)
    tp = gold = pred = 0
    for at in range(0, len(good) - pairs_per_article + 1, pairs_per_article):
        chunk = good[at : at + pairs_per_article]
        order = list(range(len(chunk)))
        rng.shuffle(order)
        a = Article(text="\n\n".join(x for x, _ in chunk), outlet="A")
        b = Article(text="\n\n".join(chunk[k][1] for k in order), outlet="B")
        cmp = compare([a, b], settings=settings)

        # map each pseudo-article paragraph back to its pair number
        def para_of(art: int, idx: int, cmp: Comparison = cmp) -> int:
            s = cmp.sentences[art][idx]
            return cmp.articles[art].text.count("\n\n", 0, s.start)

        found = set()
        for lk in cmp.links:
            pa = para_of(lk.a[0], lk.a[1])
            pb = order[para_of(lk.b[0], lk.b[1])]
            pred += 1
            if pa == pb:
                found.add(pa)
        tp += len(found)
        gold += len(chunk)
    print(f"== MSRP paraphrase pairs (quality 1) in {pairs_per_article}-pair pseudo-articles")
    print(f"recall {tp / gold:.3f} ({tp}/{gold}); links made {pred}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all", "extra"])
    ap.add_argument("--per-event", action="store_true")
    ap.add_argument("--msrp", action="store_true")
    ap.add_argument("--third", action="store_true", help="score the unlabelled fox-hpo pair")
    ap.add_argument("--list-third", action="store_true", help="print its unjudged conflicts")
    ap.add_argument(
        "--outside", action="store_true",
        help="instead: the events outside the split, all three pairs, as --third scores one",
    )
    ap.add_argument("--show-level", type=float, default=None)
    ap.add_argument(
        "--show-sweep", default="", help="comma-separated show levels to try (dev only)"
    )
    ap.add_argument("--sweep", default="", help="comma-separated thresholds to try (dev only)")
    ap.add_argument("--margin", type=float, default=None)
    ap.add_argument("--fanout", type=int, default=None)
    ap.add_argument("--bootstrap", type=int, default=0, metavar="N",
                    help="95%% intervals over N resamplings of the events")
    ap.add_argument("--save", default="", metavar="F", help="write the per-event counts to F")
    ap.add_argument("--paired", default="", metavar="F",
                    help="figures minus those of a run saved with --save (same split)")
    args = ap.parse_args()
    if not realdata.available():
        print(f"no real data at {realdata.BASIL}", file=sys.stderr)
        return 2
    settings = Settings()
    if args.margin is not None:
        settings = replace(settings, margin=args.margin)
    if args.fanout is not None:
        settings = replace(settings, max_fanout=args.fanout)
    show_level = SHOW_LEVEL if args.show_level is None else args.show_level
    levels = [float(t) for t in args.show_sweep.split(",") if t]
    sweep = [float(t) for t in args.sweep.split(",") if t]
    if args.outside:
        return outside(settings, show_level, args.list_third)
    if (sweep or levels) and args.split != "dev":
        print("sweeps tune: dev split only", file=sys.stderr)
        return 2
    by_level: dict[float, Counter] = {t: Counter() for t in levels}
    total: Counter = Counter()
    third: Counter = Counter()
    swept: dict[float, Counter] = {t: Counter() for t in sweep}
    per_event: dict[str, Counter] = {}
    for event in realdata.split(args.split):
        ev = realdata.load_event(event)
        cmp = compare(ev.articles, settings=settings)
        c = score_event(ev, cmp, show_level)
        if args.third or args.list_third:
            third += score_unlabelled(event, cmp, [THIRD], show_level, args.list_third)
        if args.per_event:
            report(event, c)
        per_event[event] = c
        total += c
        for t in sweep:
            swept[t] += score_event(ev, reclassify(cmp, threshold=t), show_level)
        for t in levels:
            by_level[t] += score_event(ev, cmp, t)
    report(f"{args.split} split, {len(realdata.split(args.split))} events", total)
    print(f"shown false alarms by event: {spread(per_event, 'false_alarm_shown')}")
    if args.third or args.list_third:
        report_third(f"{args.split} split", third)
    for t in sweep:
        c = swept[t]
        p = c["tp"] / max(c["pred"], 1)
        r = c["tp"] / max(c["gold"], 1)
        print(
            f"threshold {t:.2f}: P {p:.3f} R {r:.3f} look-alike "
            f"{c['lookalike_linked'] / max(c['lookalike'], 1):.1%} added-ok "
            f"{c['added_ok'] / max(c['added'], 1):.1%} false alarms/pair "
            f"{c['false_alarm_hard'] / max(c['pairs'], 1):.2f}"
        )
    for t in levels:
        c = by_level[t]
        print(
            f"show level {t:.2f}: shown false alarms/pair "
            f"{c['false_alarm_shown'] / max(c['pairs'], 1):.2f}, gold conflicts shown "
            f"{c['gold_conflicts_shown']}/{c['gold_conflicts']}"
        )
    if args.save:
        Path(args.save).write_text(
            json.dumps({"split": args.split, "events": per_event}, indent=1) + "\n",
            encoding="utf-8",
        )
    if args.bootstrap or args.paired:
        runs = args.bootstrap or 2000
        before = None
        if args.paired:
            saved = json.loads(Path(args.paired).read_text(encoding="utf-8"))
            if saved["split"] != args.split:
                print(f"--paired: {args.paired} is of the {saved['split']} split", file=sys.stderr)
                return 2
            before = {e: Counter(c) for e, c in saved["events"].items()}
        what = "change against " + args.paired if before is not None else "figures"
        print(f"{what}, {runs} resamplings of the {len(per_event)} events:")
        print("\n".join(bootstrap(per_event, runs, before)))
    if args.msrp:
        msrp_recall(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
