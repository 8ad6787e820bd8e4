"""Session and export benchmark: saving, loading and exporting a real comparison.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/export_bench.py [--runs 5]
        [--png docs/seeds-page1.png [--page 1]] [--keep DIR]

Runs the real engine once per set (the two seeds; 10 synthetic articles of ~800 words from
bench/corpus.py), adds review decisions and notes, then reports the median of --runs runs
of: PDF export (side-by-side columns and one after another, A4), HTML export, CSV + JSON,
session save and load. Model loading and comparing are not part of the figures.
``--png`` renders a page of the seeds' PDF (pypdfium2, 80 dpi); ``--keep`` keeps the files.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import corpus  # noqa: E402

from factdiff.core import session as sm  # noqa: E402
from factdiff.core.exports import links_csv, links_json  # noqa: E402
from factdiff.core.model import Comparison  # noqa: E402
from factdiff.core.review import Decision, Review, conflict_key  # noqa: E402


def reviewed_session(cmp: Comparison) -> sm.Session:
    """A session with the kind of work a reviewer leaves: verdicts on about a third of the
    links and conflicts, and a few notes."""
    review = Review()
    for n, link in enumerate(cmp.links):
        if n % 3 == 0:
            review = review.decide_link(link.key, Decision.CONFIRMED)
        for k, c in enumerate(link.conflicts):
            verdict = Decision.REJECTED if c.soft else Decision.CONFIRMED
            if (n + k) % 2 == 0:
                review = review.decide_conflict(conflict_key(link, c), verdict)
    conflicted = [lk for lk in cmp.links if lk.conflicts][:5]
    for link in conflicted:
        c = link.conflicts[0]
        review = review.set_note(
            link.a, f"Checked with the desk: {c.a_text!r} vs {c.b_text!r}. Ask both outlets."
        )
    return sm.new_session(cmp, review=review)


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(n: int, name: str, cmp: Comparison, out: Path, runs: int) -> tuple[dict, Path]:
    """Median timings of every export and of save/load for one comparison."""
    from pypdf import PdfReader

    from factdiff.gui.export import export_html, export_pdf

    s = reviewed_session(cmp)
    pdf, seq = out / f"set{n}.pdf", out / f"set{n}-sequential.pdf"
    html, path = out / f"set{n}.html", out / f"set{n}.factdiff"
    figures = {
        "PDF columns": median_time(lambda: export_pdf(s, pdf), runs),
        "PDF sequential": median_time(lambda: export_pdf(s, seq, layout="sequential"), runs),
        "HTML": median_time(lambda: export_html(s, html), runs),
        "CSV + JSON": median_time(
            lambda: (links_csv(cmp, s.review), links_json(cmp, s.review)), runs
        ),
        "save": median_time(lambda: sm.save_session(path, s), runs),
        "load": median_time(lambda: sm.load_session(path), runs),
    }
    row = {
        "set": name,
        "sentences": sum(len(x) for x in cmp.sentences),
        "links": len(cmp.links),
        "conflicts": sum(len(lk.conflicts) for lk in cmp.links),
        "pages": len(PdfReader(pdf).pages),
        "pdf_kb": pdf.stat().st_size / 1024,
        "session_kb": path.stat().st_size / 1024,
        **figures,
    }
    return row, pdf


KEYS = ["PDF columns", "PDF sequential", "HTML", "CSV + JSON", "save", "load"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--png", type=Path, help="render a page of the seeds' PDF here")
    ap.add_argument("--page", type=int, default=1, help="which page --png renders (1: cover)")
    ap.add_argument("--keep", type=Path, help="keep the sessions and exports in this folder")
    args = ap.parse_args()

    from PySide6.QtGui import QGuiApplication

    from factdiff.core.compare import compare

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    sets = {"seeds (2 articles)": corpus.seeds(), "10 x 800 words": corpus.articles(10)}
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ.setdefault("FACTDIFF_HOME", str(tmp / "home"))
        out = args.keep or tmp
        out.mkdir(parents=True, exist_ok=True)
        for n, (name, arts) in enumerate(sets.items()):
            t = time.perf_counter()
            cmp = compare(arts)
            compare_s = time.perf_counter() - t
            row, pdf = measure(n, name, cmp, out, args.runs)
            rows.append({**row, "compare_s": compare_s})
            if n == 0 and args.png:
                render_png(pdf, args.png, args.page)

    print(
        f"median of {args.runs} runs, milliseconds; Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs\n"
    )
    print(
        "| set | sentences | links | conflicts | pages | PDF KB | session KB | "
        + " | ".join(KEYS)
        + " |"
    )
    print("| --- " * (7 + len(KEYS)) + "|")
    for r in rows:
        print(
            f"| {r['set']} | {r['sentences']} | {r['links']} | {r['conflicts']} | {r['pages']} "
            f"| {r['pdf_kb']:.0f} | {r['session_kb']:.0f} | "
            + " | ".join(f"{r[k] * 1000:.0f}" for k in KEYS)
            + " |"
        )
    print(
        "\n(comparing, not timed above: "
        + ", ".join(f"{r['set']} {r['compare_s']:.1f} s" for r in rows)
        + ")"
    )
    return 0


def render_png(pdf: Path, png: Path, page: int) -> None:
    """Page ``page`` (1-based) at 80 dpi, by pypdfium2 (a wheel: no poppler needed)."""
    import numpy as np
    import pypdfium2
    from PySide6.QtGui import QImage

    doc = pypdfium2.PdfDocument(str(pdf))
    rgb = np.ascontiguousarray(doc[page - 1].render(scale=80 / 72).to_numpy()[:, :, :3])
    height, width, _ = rgb.shape
    QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_BGR888).save(str(png))
    print(f"wrote {png}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
