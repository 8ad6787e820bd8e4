"""Time the desktop app from launch: to the window shown, and to the seeds highlighted.

Each run starts the real command (``factdiff seeds/voa.md seeds/cnn.md``, as ``make run``
does) in a fresh process with ``FACTDIFF_TIMING_FILE`` set; the app writes a line with a
wall-clock time at each milestone, and this script subtracts the time it launched it.

* shown: the window is on screen (no articles given, so nothing else runs).
* cold: an empty ``FACTDIFF_HOME`` each run, so an empty embedding cache: the model
  process starts, loads the model and encodes every sentence.
* warm: the same home again: every sentence is in the cache, the model is never loaded.

The app also reports the longest stall of its GUI thread (a 10 ms timer) while it loads
and compares, and how long the engine preload (imported in the GUI thread right after the
first paint, so that a worker importing it cannot stall the window later) takes. Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_startup.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [str(ROOT / "seeds" / "voa.md"), str(ROOT / "seeds" / "cnn.md")]
# The ONNX export made by `make setup` (once per model package), outside the fresh homes.
MODEL_CACHE = os.environ.get("FACTDIFF_MODEL_CACHE") or str(
    Path(platformdirs.user_cache_dir("factdiff", appauthor=False)) / "models"
)


def launch_command() -> list[str]:
    script = Path(sys.executable).with_name("factdiff")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from factdiff.gui.cli import main; sys.exit(main())"]


def compile_sources() -> None:
    """factdiff's own modules byte-compiled, as `make run` leaves them (`make compile`)."""
    import compileall

    for part in ("core", "gui", "resources"):
        compileall.compile_dir(str(ROOT / part), quiet=1)


def run_once(files: list[str], home: Path, quit_at: str, timeout: float) -> dict[str, float]:
    """Launch the app once; seconds from launch to each milestone, and the worst stall."""
    marks = home / "timing.txt"
    marks.unlink(missing_ok=True)
    env = dict(os.environ)
    env.update(
        FACTDIFF_HOME=str(home),
        FACTDIFF_TIMING_FILE=str(marks),
        FACTDIFF_BENCH_QUIT=quit_at,
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("FACTDIFF_MODEL_CACHE", MODEL_CACHE)  # cold means no vectors, not no export
    t0 = time.time()
    proc = subprocess.run(
        launch_command() + files, env=env, timeout=timeout, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"the app failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    out: dict[str, float] = {}
    for line in marks.read_text(encoding="utf-8").splitlines():
        event, stamp, torch = line.split()
        if event.startswith("stall-ms="):
            out["stall_ms"] = float(event.split("=")[1])
            continue
        out[event] = float(stamp) - t0
        if event == "shown":
            out["torch_at_shown"] = float(torch == "torch=True")
    return out


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--timeout", type=float, default=300)
    args = p.parse_args()
    compile_sources()

    shown, cold, warm, stalls_cold, stalls_warm, preload = [], [], [], [], [], []
    torch_seen = 0.0
    for _ in range(args.runs):
        home = Path(tempfile.mkdtemp(prefix="factdiff-bench-"))
        try:
            r = run_once([], home, "shown", args.timeout)
            shown.append(r["shown"])
            torch_seen += r.get("torch_at_shown", 0.0)
            r = run_once(SEEDS, home, "highlighted", args.timeout)  # empty cache: cold
            cold.append(r["highlighted"])
            preload.append((r["engine-ready"] - r["event-loop"]) * 1000)
            stalls_cold.append(r["stall_ms"])
            r = run_once(SEEDS, home, "highlighted", args.timeout)  # cache filled: warm
            warm.append(r["highlighted"])
            stalls_warm.append(r["stall_ms"])
        finally:
            shutil.rmtree(home, ignore_errors=True)
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, runs: {args.runs}")
    print(f"launch -> window shown:            {summary(shown)}; torch imported: "
          f"{'yes' if torch_seen else 'no'}")
    print(f"launch -> seeds highlighted, cold: {summary(cold)}")
    print(f"launch -> seeds highlighted, warm: {summary(warm)}")
    print(f"engine preload after first paint:  {statistics.median(preload):.0f} ms "
          f"(GUI thread, before any work starts)")
    print(f"worst GUI-thread stall, cold:      {max(stalls_cold):.0f} ms "
          f"(median {statistics.median(stalls_cold):.0f})")
    print(f"worst GUI-thread stall, warm:      {max(stalls_warm):.0f} ms "
          f"(median {statistics.median(stalls_warm):.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
