"""The events bootstrap of bench/eval_real.py, on crafted counts (no ../shared, no model)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import eval_real  # noqa: E402


def _event(tp: int, pred: int, gold: int) -> Counter:
    return Counter(tp=tp, pred=pred, gold=gold, pairs=2, lookalike=4, added=10, added_ok=9)


def _figure(lines: list[str], name: str) -> str:
    return next(line for line in lines if line.strip().startswith(name))


def test_intervals_hold_the_figure_and_widen_with_unlike_events() -> None:
    alike = {f"e{k}": _event(7, 10, 20) for k in range(8)}
    line = _figure(eval_real.bootstrap(alike, 200), "link precision")
    assert "0.700  95% [0.700, 0.700]" in line  # every draw is the same
    unlike = {f"e{k}": _event(k, 10, 20) for k in range(8)}  # precision 0.0 to 0.7
    line = _figure(eval_real.bootstrap(unlike, 500), "link precision")
    lo, hi = (float(x) for x in line.split("[")[1].rstrip("]").split(", "))
    assert lo < 0.35 < hi and hi - lo > 0.1  # pooled 28/80 = 0.35 inside a wide interval


def test_a_paired_run_gives_the_change_over_the_same_events() -> None:
    before = {f"e{k}": _event(k, 10, 20) for k in range(8)}
    after = {e: c + Counter(tp=1) for e, c in before.items()}  # one more hit per event
    line = _figure(eval_real.bootstrap(after, 300, before), "link precision")
    assert "change +0.100" in line and "95% [+0.100, +0.100]" in line
    recall = _figure(eval_real.bootstrap(after, 300, before), "link recall")
    assert "change +0.050" in recall


def test_spread_names_how_a_count_is_spread_over_events() -> None:
    per = {
        "e1": Counter(pairs=2, false_alarm_shown=8),
        "e2": Counter(pairs=2, false_alarm_shown=1),
        "e3": Counter(pairs=2),
    }
    assert eval_real.spread(per, "false_alarm_shown") == (
        "2 of 3 events have any (8, 1); without the largest, 0.25 per article pair"
    )
    assert eval_real.spread({"e3": Counter(pairs=2)}, "false_alarm_shown") == "none"
