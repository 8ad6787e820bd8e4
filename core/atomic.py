"""Atomic file writes: a temporary file in the same folder, flushed, synced, renamed.

A failure or a kill at any moment leaves either the old file or the new one, never half.
A kill between creating the temporary file and the rename leaves that file behind (no
process is left to remove it); the next successful write to the same path removes such
leftovers once they are old enough that no other save can still be writing them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import tempfile
import time
from pathlib import Path

__all__ = ["STALE_AFTER", "atomic_write_bytes", "atomic_write_text", "remove_stale_temps"]

log = logging.getLogger(__name__)

#: Seconds after its last write that a leftover temporary file counts as abandoned.
STALE_AFTER = 600.0
#: What ``tempfile.mkstemp`` puts between our prefix and suffix.
_RANDOM = re.compile(r"[a-z0-9_]{8}")


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Read once, at import (before any worker thread): setting the umask is process-wide.
_UMASK = _current_umask()


def _mode_for(path: Path) -> int:
    """The permission bits ``path`` has, or those a new file gets (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; raises OSError and leaves ``path`` as it was."""
    path = Path(path)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with contextlib.suppress(OSError):  # mkstemp makes 0600; keep what the file had
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where we can
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    remove_stale_temps(path)


def remove_stale_temps(path: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove temporary files that killed writes to ``path`` left behind, if they were
    last written more than ``older_than`` seconds ago; returns those removed."""
    path = Path(path)
    prefix = _temp_prefix(path)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        if not _RANDOM.fullmatch(name[len(prefix) : -len(".tmp")]):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    if removed:
        log.info("removed %d leftover temporary file(s) next to %s", len(removed), path)
    return removed


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
