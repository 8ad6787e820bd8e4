"""Kill a process that keeps saving a session, many times, and check the file each time.

A *zygote* process imports factdiff once and loads the two versions, A and B. For every
kill it forks a child that saves A, B, A, B... to the same path in a tight loop; the
zygote kills the child with SIGKILL after the delay the test asks for (0-50 ms), reaps
it and answers. Forking is cheap (no Python start-up, no imports), so hundreds of kills
take seconds. After every kill the test reads the file: it must be A or B byte for byte,
and load. A kill that lands between creating the temporary file and the rename leaves
that temporary file behind; the report counts them, and the end of the run checks that
a later save removes them once they are old (core/atomic.py).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, replace
from pathlib import Path

from factdiff.core import session as sm
from factdiff.core.model import Article, Comparison
from factdiff.core.review import Review
from factdiff.core.segment import split_sentences

ZYGOTE = textwrap.dedent(
    """
    import mmap, os, signal, struct, sys, time
    from factdiff.core import session as sm

    path, a_file, b_file = sys.argv[1:4]
    versions = [sm.load_session(a_file), sm.load_session(b_file)]
    counter = mmap.mmap(-1, 8)
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "quit":
            break
        delay = float(line)
        struct.pack_into("Q", counter, 0, 0)
        pid = os.fork()
        if pid == 0:  # the child: save A, B, A, B, ... until killed
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            n = 0
            while True:
                sm.save_session(path, versions[n % 2])
                n += 1
                struct.pack_into("Q", counter, 0, n)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        print(struct.unpack_from("Q", counter, 0)[0], flush=True)
    """
)


@dataclass
class KillReport:
    kills: int = 0
    saves: int = 0  #: saves the children completed in all
    torn: int = 0  #: kills after which the file was neither A nor B (must be 0)
    unreadable: int = 0  #: kills after which load_session failed (must be 0)
    mid_save: int = 0  #: kills that landed inside a save (a temporary file was left)
    leftovers_removed: int = 0  #: of those, removed by the next save once old enough
    seconds: float = 0.0


def versions(size: int = 2_000_000) -> tuple[sm.Session, sm.Session]:
    """Two sessions of about ``size`` bytes that differ throughout: most of each is one
    long note, so a save spends its time writing (where a kill matters), not in
    serialising."""
    text = "The council approved the bridge on Monday by a vote of 7 to 2.\nIt costs 12 million."
    arts = (Article(text, outlet="Wire"), Article(text.replace("7 to 2", "6 to 3"), outlet="Paper"))
    cmp = Comparison(arts, tuple(split_sentences(a.text) for a in arts), (), (), ())
    a = sm.new_session(cmp, review=Review().set_note((0, 0), "A" * size))
    b = replace(a, review=Review().set_note((0, 0), "B" * size).set_note((1, 1), "second"))
    return a, b


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def kill_loop(
    folder: Path, kills: int = 250, *, seed: int = 6, max_delay: float = 0.05
) -> KillReport:
    """Run ``kills`` kill rounds in ``folder``; see the module docstring."""
    folder.mkdir(parents=True, exist_ok=True)
    a, b = versions()
    a_file, b_file, path = folder / "a.ref", folder / "b.ref", folder / "work.factdiff"
    sm.save_session(a_file, a)
    sm.save_session(b_file, b)
    allowed = {a_file.read_bytes(), b_file.read_bytes()}
    sm.save_session(path, a)
    rng = random.Random(seed)
    report = KillReport()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(path), str(a_file), str(b_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()  # type: ignore[union-attr]
        left = 0
        for _ in range(kills):
            proc.stdin.write(f"{rng.uniform(0.0, max_delay):.4f}\n")
            proc.stdin.flush()
            answer = proc.stdout.readline()
            assert answer, proc.stderr.read()  # type: ignore[union-attr]
            report.saves += int(answer)
            report.kills += 1
            if path.read_bytes() not in allowed:
                report.torn += 1
            try:
                sm.load_session(path)
            except sm.SessionError:
                report.unreadable += 1
            now = len(_leftovers(folder))
            report.mid_save += now - left
            left = now
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()  # type: ignore[union-attr]
    report.seconds = time.perf_counter() - started
    # Leftovers of killed saves: a save right now must leave fresh ones alone (another
    # process could be writing them), and remove them once they are old.
    stale = _leftovers(folder)
    assert len(stale) == report.mid_save
    sm.save_session(path, a)
    assert len(_leftovers(folder)) == len(stale), "a fresh temporary file was removed"
    old = time.time() - 3600
    for p in stale:
        os.utime(p, (old, old))
    sm.save_session(path, b)
    report.leftovers_removed = len(stale) - len(_leftovers(folder))
    return report
