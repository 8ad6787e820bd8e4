"""Run the bad-input catalogue and the kill test; print (or write) the hardening table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/hardening_table.py [--kills 250] [--write]

Each case of tests/hardening/cases.py runs in its own temporary folder (and factdiff
home). A case counts as a *crash* if the code under test raised anything but a clear
FactdiffError (or the command line printed a traceback), as a *wrong outcome* if it gave
a clear error where a result was due (or the reverse, or the wrong message), and as
*data lost* for each reviewer's file (an earlier session or export) that did not survive
byte for byte. Then the kill test (tests/hardening/killsave.py) kills a saving process
``--kills`` times. ``--write`` replaces the table in bench/README.md (between the
``hardening-table`` markers); without it the table is printed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from hardening.cases import CASES, Case, run_case  # noqa: E402
from hardening.helpers import Crash  # noqa: E402
from hardening.killsave import KillReport, kill_loop  # noqa: E402

README = HERE / "README.md"
START, END = "<!-- hardening-table:start -->", "<!-- hardening-table:end -->"


@dataclass
class Row:
    case: Case
    status: str  # "ok", "crash", "wrong", "skipped"
    kind: str = ""
    detail: str = ""
    guarded: int = 0
    lost: int = 0
    seconds: float = 0.0


def run_one(c: Case) -> Row:
    why = c.available()
    if why:
        return Row(c, "skipped", detail=why)
    with tempfile.TemporaryDirectory(prefix=f"hardening-{c.id}-") as folder:
        tmp = Path(folder)
        home = tmp / "home"
        home.mkdir()
        os.environ["FACTDIFF_HOME"] = str(home)
        try:
            out = run_case(c, tmp)
        except Crash as err:
            return Row(c, "crash", detail=_clean(str(err).splitlines()[0], tmp))
        except AssertionError as err:
            return Row(c, "wrong", detail=_clean(str(err).splitlines()[0], tmp))
        detail = _clean(out.detail, tmp)
        return Row(c, "ok", out.kind, detail, out.guarded, len(out.lost), out.seconds)


def _clean(text: str, tmp: Path) -> str:
    """Messages name files by their temporary paths: keep the file names only."""
    text = text.replace(str(tmp) + "/", "")
    # other temporary folders (made by the case itself): the folder is "<tmp>", files keep
    # their names
    text = re.sub(r"/tmp/[^\s/:;,]+/(?=[^\s/:;,]+)", "", text)
    text = re.sub(r"/tmp/[^\s/:;,]+", "<tmp>", text)
    text = text.replace("|", "\\|")
    return text if len(text) <= 110 else text[:109] + "…"


def table(rows: list[Row], kills: KillReport | None) -> str:
    ran = [r for r in rows if r.status != "skipped"]
    crashes = sum(r.status == "crash" for r in rows)
    wrong = sum(r.status == "wrong" for r in rows)
    guarded = sum(r.guarded for r in rows)
    lost = sum(r.lost for r in rows)
    lines = [
        "| Cases tried | Clear errors | Correct results | Crashes | Wrong outcomes | "
        "Reviewer files guarded | Data lost |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(ran)} | {sum(r.kind == 'error' for r in ran)} | "
        f"{sum(r.kind == 'result' for r in ran)} | **{crashes}** | {wrong} | {guarded} | "
        f"**{lost}** |",
        "",
    ]
    if kills is not None:
        lines += [
            "| Kill test | Kills (SIGKILL mid-loop) | Saves completed | Kills inside a save "
            "| File torn | File unreadable | Leftover temp files removed later | Time |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            f"| 2 MB session, A/B alternating | {kills.kills} | {kills.saves} | {kills.mid_save} | "
            f"**{kills.torn}** | **{kills.unreadable}** | {kills.leftovers_removed} of "
            f"{kills.mid_save} | {kills.seconds:.1f} s |",
            "",
        ]
    lines += [
        "| # | Area | Case | Expected | Outcome | Message or result | Crash | Data lost |",
        "|---:|---|---|---|---|---|---:|---:|",
    ]
    for n, r in enumerate(rows, 1):
        title = r.case.title.replace("|", "\\|")
        if r.status == "ok":
            outcome = "clear error" if r.kind == "error" else "correct result"
        elif r.status == "skipped":
            outcome = "not run here"
        else:
            outcome = "**crash**" if r.status == "crash" else "**wrong outcome**"
        if r.case.known and r.status != "ok":
            outcome += " (known, reported)"
        expected = "clear error" if r.case.expect == "error" else "correct result"
        lost = f"{r.lost} of {r.guarded}" if r.guarded else "–"
        lines.append(
            f"| {n} | {r.case.area} | {title} | {expected} | {outcome} | {r.detail} | "
            f"{int(r.status == 'crash')} | {lost} |"
        )
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        raise SystemExit(f"{README}: no {START} ... {END} markers")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=250, help="kill-test rounds (0: skip it)")
    p.add_argument("--write", action="store_true", help="update the table in bench/README.md")
    args = p.parse_args()

    from factdiff.gui.export import ensure_app

    ensure_app()
    rows = []
    for c in CASES:
        row = run_one(c)
        rows.append(row)
        print(
            f"{row.status:8s} {c.area:8s} {c.id:28s} {row.seconds:5.2f} s  {row.detail}",
            file=sys.stderr,
        )
    kills = None
    if args.kills:
        with tempfile.TemporaryDirectory(prefix="hardening-kill-") as folder:
            kills = kill_loop(Path(folder), args.kills)
        print(kills, file=sys.stderr)
    text = table(rows, kills)
    if args.write:
        write_readme(text)
        print(f"wrote the table to {README}", file=sys.stderr)
    else:
        print(text)
    bad = [r for r in rows if r.status in ("crash", "wrong") and not r.case.known]
    return 1 if bad or (kills and (kills.torn or kills.unreadable)) else 0


if __name__ == "__main__":
    sys.exit(main())
