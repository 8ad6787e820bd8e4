"""One exception per subsystem, all under :class:`FactdiffError`.

Each carries a short message meant for a person: the front ends print it as is.
"""

from __future__ import annotations

__all__ = ["Cancelled", "CompareError", "ExportError", "FactdiffError", "LoadError", "SessionError"]


class FactdiffError(Exception):
    """Base class: ``str(err)`` is a one-line message for the user."""


class LoadError(FactdiffError):
    """An article could not be loaded; the message names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class CompareError(FactdiffError):
    """The comparison could not run (too few articles, the model failed to load, ...)."""


class SessionError(FactdiffError):
    """A session file could not be read or written."""


class ExportError(FactdiffError):
    """An export (PDF, HTML, CSV, JSON) could not be written."""


class Cancelled(FactdiffError):
    """Raised inside long work when the caller's cancel check returns true."""

    def __init__(self) -> None:
        super().__init__("cancelled")
