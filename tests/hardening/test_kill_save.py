"""SIGKILL a process that is saving a session, 250 times: after every kill the file on
disk is the old or the new version, complete (tests/test_session.py kills three times;
this kills at every stage of a save). See killsave.py for how.

Nothing here depends on how fast the machine is: half the kills stop the save at a known
point first (staged), so "kills land mid-save" is a fact, not a count that a busy
machine may miss; the other half land wherever the saving loop happens to be."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from .killsave import STAGES, kill_loop

KILLS = 250


@pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"), reason="needs fork and SIGKILL"
)
def test_every_kill_leaves_a_whole_session(tmp_path: Path) -> None:
    report = kill_loop(tmp_path / "kill", KILLS)
    print(f"\n{report}")
    assert report.kills == KILLS
    assert report.torn == 0 and report.unreadable == 0, report
    # staged kills: at each stage the file holds exactly the version it must (the old one
    # until the rename, the new one after it), and a kill before the rename leaves its
    # temporary file
    assert report.staged == KILLS // 2
    assert report.wrong_version == 0, report
    assert report.temp_missing == 0, report
    before_rename = sum(1 for n in range(1, KILLS, 2) if STAGES[(n // 2) % 4] != "renamed")
    assert report.staged_mid_save == before_rename
    assert report.mid_save >= before_rename
    # every temporary file a killed save left is removed by a later save once it is old
    assert report.leftovers_removed == report.mid_save
