"""Issue 10's bad inputs through the real command line, with the real model: each gives a
result or a clear message in bounded time, never a hang.

    .venv/bin/python bench/bad_input_bench.py [--timeout 900]

Runs ``factdiff compare -q`` in a fresh process (empty embedding and parse caches; the
ONNX export made by ``make setup`` is kept) on:

* a 5,000-sentence article (the most ``compare`` accepts; real MSRP sentences read from
  ../shared/devdata at run time) against a seed article;
* one 150,000-word "sentence" (MSRP words, no punctuation at all) against a seed article;
* 5,001 sentences (one over the limit): refused with a message;
* an article in French (written for this benchmark) against a seed article.

For each it prints the wall time, the exit code, the peak RSS and the first line of the
result or the message. Nothing is asserted: the figures go to bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MSRP = ROOT.parent / "shared" / "devdata" / "mrpc" / "msr_paraphrase_train.txt"
SEED = str(ROOT / "seeds" / "voa.md")
MODEL_CACHE = os.environ.get("FACTDIFF_MODEL_CACHE") or str(
    Path.home() / ".cache" / "factdiff" / "models"
)
FRENCH = (
    "Le conseil municipal a approuvé lundi la construction du nouveau pont sur la rivière. "
    "Le maire a déclaré que les travaux commenceront en mai et coûteront douze millions "
    "d'euros. Selon lui, on attend depuis des années une solution pour la circulation dans "
    "le centre-ville, et il a promis que le chantier serait terminé avant la fin de l'année "
    "prochaine. L'opposition a dénoncé un projet trop cher et demandé un référendum."
)


def msrp_sentences() -> list[str]:
    rows = MSRP.read_text(encoding="utf-8").splitlines()[1:]
    out = []
    for row in rows:
        cols = row.split("\t")
        out += [cols[3], cols[4]]
    return out


def exactly(lines: list[str], n: int) -> list[str]:
    """The first lines of ``lines`` that factdiff splits into exactly ``n`` sentences
    (some MSRP lines hold two)."""
    from factdiff.core.segment import split_sentences

    out: list[str] = []
    count = 0
    for line in lines:
        k = len(split_sentences(line))
        if count + k > n:
            continue
        out.append(line)
        count += k
        if count == n:
            return out
    raise SystemExit(f"only {count} sentences")


def run(name: str, paths: list[str], timeout: float) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FACTDIFF_HOME=home, FACTDIFF_MODEL_CACHE=MODEL_CACHE,
                   HF_HUB_OFFLINE="1")
        cmd = [sys.executable, "-m", "factdiff.gui.cli", "compare", "-q", *paths]
        t0 = time.perf_counter()
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, env=env)
            code: object = "timeout"
            while True:  # wait4, not Popen.wait: it gives this child's own peak RSS
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    code = os.waitstatus_to_exitcode(status)
                    break
                if time.perf_counter() - t0 > timeout:
                    proc.kill()
                    _, _, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
            proc.returncode = -1  # reaped above
            took = time.perf_counter() - t0
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().strip(), err.read().strip()
        first = stdout.splitlines()[0] if stdout else ""
        if code != 0 and stderr:
            first = stderr.splitlines()[-1]
        elif stderr.startswith("warning:"):
            first = stderr.splitlines()[0] + " / " + first
        peak = f"{usage.ru_maxrss / 1024:.0f}"
        print(f"| {name} | {took:.1f} | {code} | {peak} | {first[:110]} |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=900.0)
    args = ap.parse_args()
    if not MSRP.exists():
        print(f"no MSRP data at {MSRP}", file=sys.stderr)
        return 2
    sents = msrp_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = exactly(sents, 5000)
        many = folder / "many.txt"
        many.write_text("\n".join(lines) + "\n", encoding="utf-8")
        over = folder / "over.txt"
        over.write_text("\n".join(lines + ["One sentence over the limit."]) + "\n",
                        encoding="utf-8")
        words = " ".join(sents).replace(".", " ").replace("?", " ").replace("!", " ").split()
        huge = folder / "huge.txt"
        huge.write_text(" ".join((words * 3)[:150_000]), encoding="utf-8")
        french = folder / "lemonde.txt"
        french.write_text(FRENCH, encoding="utf-8")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load "
              f"{os.getloadavg()[0]:.1f}; huge.txt {huge.stat().st_size:,} bytes")
        print("| input | seconds | exit | peak RSS MB | first line of the answer |")
        print("|---|---|---|---|---|")
        run("5,000 sentences vs a seed", [str(many), SEED], args.timeout)
        run("5,001 sentences vs a seed", [str(over), SEED], args.timeout)
        run("one 150,000-word sentence vs a seed", [str(huge), SEED], args.timeout)
        run("French vs a seed", [str(french), SEED], args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
