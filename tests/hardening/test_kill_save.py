"""SIGKILL a process that keeps saving a session, 250 times: after every kill the file on
disk is the old or the new version, complete (tests/test_session.py kills three times;
this runs enough kills to hit every stage of a save). See killsave.py for how."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from .killsave import kill_loop

KILLS = 250


@pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"), reason="needs fork and SIGKILL"
)
def test_every_kill_leaves_a_whole_session(tmp_path: Path) -> None:
    report = kill_loop(tmp_path / "kill", KILLS)
    print(f"\n{report}")
    assert report.kills == KILLS
    assert report.torn == 0 and report.unreadable == 0
    # the kills hit saves at every stage, not only between them
    assert report.saves > KILLS
    assert report.mid_save >= KILLS // 10, report
    # every temporary file a killed save left is removed by a later save once it is old
    assert report.leftovers_removed == report.mid_save
