"""Kill a process that is saving a session, many times, and check the file each time.

A *zygote* process imports factdiff once and loads the two versions, A and B. For every
kill it forks a child that saves, and kills it with SIGKILL; forking is cheap (no Python
start-up, no imports), so hundreds of kills take seconds. Two kinds of round:

* **staged**: the child saves one version and stops at a chosen point of the save (half
  the data written, before the fsync, before the rename, just after the rename), tells
  the zygote over a pipe, and is killed there. Where the kill lands does not depend on
  how fast the machine is, so the test can say exactly which version the file must hold
  (the old one before the rename, the new one after) and that a temporary file was left.
* **random**: the child saves A, B, A, B... in a tight loop and is killed after a random
  delay (0-50 ms), wherever it happens to be. On a fast machine that is mid-write, on a
  loaded one maybe before the first save: either way the file must be A or B and load.

After every kill the test reads the file: it must be A or B byte for byte, and load. A
kill between creating the temporary file and the rename leaves that file behind; the end
of the run checks that a later save removes such files once they are old
(core/atomic.py), and leaves fresh ones alone.
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

#: Where a staged round stops the save, in order; all but the last are before the rename.
STAGES = ("write", "fsync", "rename", "renamed")

ZYGOTE = textwrap.dedent(
    """
    import os, signal, sys, time

    from factdiff.core import session as sm

    path, a_file, b_file = sys.argv[1:4]
    versions = [sm.load_session(a_file), sm.load_session(b_file)]
    real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace


    def stop_here(ready):
        os.write(ready, b"!")  # the zygote kills us now
        while True:
            signal.pause()


    def stage_hooks(stage, ready):
        # In the child only: make the save stop at ``stage`` (see killsave.STAGES).
        if stage == "write":
            class HalfWriter:
                def __init__(self, fh):
                    self.fh = fh
                def __enter__(self):
                    return self
                def __exit__(self, *exc):
                    return False
                def write(self, data):
                    self.fh.write(data[: len(data) // 2])
                    self.fh.flush()
                    stop_here(ready)
                def __getattr__(self, name):
                    return getattr(self.fh, name)
            os.fdopen = lambda *a, **k: HalfWriter(real_fdopen(*a, **k))
        elif stage == "fsync":
            os.fsync = lambda fd: stop_here(ready)
        elif stage == "rename":
            os.replace = lambda src, dst: stop_here(ready)
        elif stage == "renamed":
            def replace_then_stop(src, dst):
                real_replace(src, dst)
                stop_here(ready)
            os.replace = replace_then_stop
        else:
            raise SystemExit(f"unknown stage {stage}")


    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if words == ["quit"]:
            break
        ready, tell = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child saves until it is killed
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.close(ready)
            if words[0] == "stage":
                stage_hooks(words[1], tell)
                sm.save_session(path, versions[int(words[2])])
                os._exit(3)  # not reached: the hook stops the save
            os.close(tell)
            n = 0
            while True:
                sm.save_session(path, versions[n % 2])
                n += 1
        os.close(tell)
        if words[0] == "stage":
            got = os.read(ready, 1)  # b"" if the child died before reaching the stage
        else:
            got = b"-"
            time.sleep(float(words[1]))
        os.close(ready)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        print("killed" if got and killed else f"bad {got!r} {status}", flush=True)
    """
)


@dataclass
class KillReport:
    kills: int = 0
    staged: int = 0  #: staged rounds (the kill landed at a known point of a save)
    staged_mid_save: int = 0  #: of those, stopped before the rename
    wrong_version: int = 0  #: staged rounds whose file was not the expected version (0)
    temp_missing: int = 0  #: staged rounds before the rename that left no temp file (0)
    torn: int = 0  #: kills after which the file was neither A nor B (must be 0)
    unreadable: int = 0  #: kills after which load_session failed (must be 0)
    mid_save: int = 0  #: kills that landed inside a save (a temporary file was left)
    leftovers_removed: int = 0  #: of those, removed by the next save once old enough
    seconds: float = 0.0  #: for the record only; no test asserts it


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
    """Run ``kills`` kill rounds in ``folder``, staged and random in turn (the module
    docstring says how); the staged rounds cycle through :data:`STAGES`."""
    folder.mkdir(parents=True, exist_ok=True)
    a, b = versions()
    a_file, b_file, path = folder / "a.ref", folder / "b.ref", folder / "work.factdiff"
    sm.save_session(a_file, a)
    sm.save_session(b_file, b)
    refs = [a_file.read_bytes(), b_file.read_bytes()]
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
        for n in range(kills):
            before = path.read_bytes()
            stage = STAGES[(n // 2) % len(STAGES)] if n % 2 else None
            if stage is None:
                proc.stdin.write(f"delay {rng.uniform(0.0, max_delay):.4f}\n")
            else:
                new = 1 - refs.index(before)  # save the other version
                proc.stdin.write(f"stage {stage} {new}\n")
            proc.stdin.flush()
            answer = proc.stdout.readline().strip()
            assert answer == "killed", answer or proc.stderr.read()  # type: ignore[union-attr]
            report.kills += 1
            after = path.read_bytes()
            if after not in refs:
                report.torn += 1
            try:
                sm.load_session(path)
            except sm.SessionError:
                report.unreadable += 1
            now = len(_leftovers(folder))
            if stage is not None:
                report.staged += 1
                expected = refs[new] if stage == "renamed" else before
                report.wrong_version += after != expected
                if stage != "renamed":
                    report.staged_mid_save += 1
                    report.temp_missing += now != left + 1
            report.mid_save += now - left
            left = now
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=60)
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
