"""Start the model process (``python -m factdiff.gui.encoding``) with the standard library
alone, so the app can start it first thing, before Qt and numpy are imported.

:class:`~factdiff.gui.encoding.ProcessEncoder` starts its child here; :func:`start_early`
starts one before the encoder exists, and the encoder adopts it if it was started with the
environment the encoder would give it (:func:`take_early`).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from factdiff.core import paths

log = logging.getLogger(__name__)

_early: tuple[subprocess.Popen[bytes], Path, dict[str, str]] | None = None


def spawn(overrides: Mapping[str, str] | None = None) -> tuple[subprocess.Popen[bytes], Path]:
    """The child, its stdin and stdout piped, its stderr appended to ``encoder.log`` in the
    cache; ``overrides`` go into its environment. Raises OSError if it cannot start."""
    log_path = paths.cache_dir() / "encoder.log"
    env = child_environment(overrides)
    with open(log_path, "ab") as errlog:
        proc = subprocess.Popen(
            [sys.executable, "-m", "factdiff.gui.encoding"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errlog,
            env=env,
        )
    return proc, log_path


def child_environment(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env.pop("QT_QPA_PLATFORM", None)
    env.update(overrides or {})
    return env


def start_early() -> None:
    """Start a child now, for the encoder made later; a failure is logged (the encoder
    starts its own and reports it)."""
    global _early
    if _early is not None:
        return
    try:
        proc, log_path = spawn()
    except OSError:
        log.warning("could not start the model process early", exc_info=True)
        return
    _early = (proc, log_path, child_environment())


def take_early(
    fits: Callable[[Mapping[str, str]], bool],
) -> tuple[subprocess.Popen[bytes], Path] | None:
    """The early child, if it is still running and ``fits`` its environment; it is then
    the caller's. Otherwise it is stopped and None returned."""
    global _early
    if _early is None:
        return None
    proc, log_path, env = _early
    _early = None
    if proc.poll() is None and fits(env):
        return proc, log_path
    stop(proc)
    return None


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a child that never got a request."""
    try:
        if proc.stdin:
            proc.stdin.close()  # end of input: its loop ends
        proc.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait(timeout=5)
    if proc.stdout:
        proc.stdout.close()


def discard_early() -> None:
    """Stop an early child nobody took (the app quits before any comparison)."""
    global _early
    if _early is not None:
        proc = _early[0]
        _early = None
        stop(proc)
