"""The bad-input catalogue (tests/hardening/cases.py), one test per case.

Each case asserts its own outcome: the clear error it must give (exception type, message,
one line) or the result it must produce. A :class:`~.helpers.Crash` (an exception that is
not a FactdiffError, or a traceback out of the command line) fails the case, and so does
a reviewer's file (an earlier session or export) that did not survive.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from .cases import CASES, Case, run_case


def _param(c: Case) -> object:
    marks = []
    if c.known:
        marks.append(pytest.mark.xfail(reason=c.known, strict=True))
    return pytest.param(c, id=c.id, marks=marks)


@pytest.mark.parametrize("c", [_param(c) for c in CASES])
def test_case(c: Case, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    why = c.available()
    if why:
        pytest.skip(why)
    if c.needs == "qt":
        request.getfixturevalue("qapp")  # a QApplication, before anything makes a bare one
    out = run_case(c, tmp_path)
    assert out.lost == [], f"data lost: {out.lost}"


def test_the_catalogue_is_broad() -> None:
    """At least 25 distinct cases, every area covered, both kinds of outcome in each of
    the areas where both make sense."""
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)) >= 25
    areas = Counter(c.area for c in CASES)
    assert set(areas) == {"loaders", "engine", "cli", "sessions", "export"}, areas
    for area in ("loaders", "engine", "cli", "sessions"):
        assert {c.expect for c in CASES if c.area == area} == {"error", "result"}, area
