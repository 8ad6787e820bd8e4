"""Work around a PySide6 6.12 reference-count bug on Python 3.11; import before Qt.

PySide6 6.12.0 returns ``None``, ``True`` and ``False`` from wrapped calls without taking
a reference, as if they were immortal (they are only from Python 3.12 on). On 3.11 every
``signal.emit()``, every ``QUndoStack.undo()``, every void Qt call then drops a reference
to one of them, and after a few thousand calls Python aborts with "deallocating None".
PySide6 6.11 does not do this. Until the pin excludes 6.12.0, this module gives the three
singletons the huge reference count Python 3.12 gives them, which is exactly the premise
the bindings were built on. Nothing happens on 3.12+, other interpreters or other PySide6.
"""

from __future__ import annotations

import ctypes
import platform
import sys

__all__ = ["APPLIED", "affected"]

_RESERVE = 1 << 40  # references: more than any run of the app can drop


def affected() -> bool:
    """True where the bug bites: CPython < 3.12 with PySide6 6.12."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    try:
        import PySide6
    except ImportError:
        return False
    version = tuple(int(x) for x in PySide6.__version__.split(".")[:2] if x.isdigit())
    return version >= (6, 12)


def _apply() -> bool:
    if not affected():
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object, at id(obj)
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    return True


APPLIED = _apply()
