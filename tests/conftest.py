"""Shared fixtures: every test gets its own factdiff home (data, cache, config)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# The suite must give the same verdict on every run: property tests draw the same examples
# each time (FACTDIFF_HYPOTHESIS=explore draws new ones, to hunt for bugs by hand).
settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("FACTDIFF_HYPOTHESIS", "suite"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory):
    """One folder for the ONNX export for the whole run (the first model test makes it),
    outside the per-test homes; ``FACTDIFF_MODEL_CACHE`` set by the caller is kept."""
    before = os.environ.get("FACTDIFF_MODEL_CACHE")
    if before is None:
        os.environ["FACTDIFF_MODEL_CACHE"] = str(tmp_path_factory.mktemp("models"))
    yield Path(os.environ["FACTDIFF_MODEL_CACHE"])
    if before is None:
        os.environ.pop("FACTDIFF_MODEL_CACHE", None)


@pytest.fixture(autouse=True)
def factdiff_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Redirect platformdirs folders so no test touches the user's real files."""
    home = tmp_path_factory.mktemp("factdiff-home")
    monkeypatch.setenv("FACTDIFF_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """Fail a test that leaves Python threads running (workers must be joined)."""
    before = {t.ident for t in threading.enumerate()}
    yield
    extra = [
        t for t in threading.enumerate() if t.ident not in before and t.is_alive() and not t.daemon
    ]
    for t in extra:
        t.join(timeout=5)
    still = [t.name for t in extra if t.is_alive()]
    assert not still, f"threads left running: {still}"


@pytest.fixture(scope="session")
def seed_articles():
    from factdiff.core.loaders import load_path

    return [load_path(SEEDS / "voa.md"), load_path(SEEDS / "cnn.md")]


@pytest.fixture(scope="session")
def encoder(tmp_path_factory: pytest.TempPathFactory):
    """The real model, loaded once per test run, with a cache in a temp folder."""
    from factdiff.core.embed import EmbeddingCache, Encoder

    enc = Encoder(cache=EmbeddingCache(tmp_path_factory.mktemp("emb") / "emb.sqlite3"))
    yield enc
    if enc.cache:
        enc.cache.close()


@pytest.fixture(scope="session")
def seed_comparison(seed_articles, encoder):
    from factdiff.core.compare import compare

    return compare(seed_articles, encoder=encoder)
