"""The one module that owns where factdiff keeps files (platformdirs).

Set ``FACTDIFF_HOME`` to put data, cache and config under one folder instead (tests do).
``FACTDIFF_MODEL_CACHE`` moves only the exported models (:func:`model_cache_dir`), so a test
run can share one export across tests that each get their own home.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "factdiff"


def _base(kind: str) -> Path:
    home = os.environ.get("FACTDIFF_HOME")
    if home:
        path = Path(home) / kind
    elif kind == "cache":
        path = Path(platformdirs.user_cache_dir(APP, appauthor=False))
    elif kind == "data":
        path = Path(platformdirs.user_data_dir(APP, appauthor=False))
    else:
        path = Path(platformdirs.user_config_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Where re-computable things go (the embedding cache)."""
    return _base("cache")


def data_dir() -> Path:
    """Where the user's work goes (autosaved sessions)."""
    return _base("data")


def config_dir() -> Path:
    """Where settings go (recent files, window geometry)."""
    return _base("config")


def model_cache_dir() -> Path:
    """Where models exported from the bundled one go (the ONNX file), re-made when it changes."""
    override = os.environ.get("FACTDIFF_MODEL_CACHE")
    path = Path(override) if override else cache_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path
