"""A broken PDF gets one clear message: pypdf's own warnings are held back (to the debug
log), on the command line and in the library, and only for the thread reading the PDF."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from factdiff.core.errors import LoadError
from factdiff.core.loaders import load_path

ROOT = Path(__file__).resolve().parent.parent


def test_library_holds_pypdf_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(LoadError, match="not a readable PDF"):
        load_path(broken)
    loud = [r for r in caplog.records if r.name.startswith("pypdf")]
    assert not loud, [r.getMessage() for r in loud]
    held = [r.getMessage() for r in caplog.records if r.name == "factdiff.core.loaders"]
    assert any("pypdf: EOF marker not found" in m for m in held), held
    # outside a load, pypdf logs as it always did
    logging.getLogger("pypdf._reader").warning("a note of pypdf's own")
    assert any(r.name == "pypdf._reader" for r in caplog.records)


def test_command_line_prints_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    out = subprocess.run(
        [sys.executable, "-m", "factdiff.gui.cli", "compare", str(broken),
         str(ROOT / "seeds" / "voa.md")],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert lines == [f"factdiff: {broken}: not a readable PDF: Stream has ended unexpectedly"]
