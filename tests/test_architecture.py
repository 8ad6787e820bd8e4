"""The layering rules: core/ never imports Qt, nothing heavy at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "factdiff.gui")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):  # function-level imports count too
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
    return out


def test_core_never_imports_qt() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "core").rglob("*.py"))
        for line, name in _imports(path)
        if name.startswith(FORBIDDEN_IN_CORE)
    ]
    assert not bad, "core/ must not import Qt or the GUI:\n" + "\n".join(bad)


def test_the_check_would_catch_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from PySide6.QtCore import QObject\n")
    assert _imports(sample) == [(2, "PySide6.QtCore")]


def test_import_linter_contract() -> None:
    """The same rule, as an import-linter contract (pyproject.toml), as napari does."""
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_core_loads_no_model() -> None:
    code = (
        "import sys, factdiff.core.compare, factdiff.core.embed, factdiff.core.loaders;"
        "bad = [m for m in ('torch', 'sentence_transformers', 'PySide6') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
