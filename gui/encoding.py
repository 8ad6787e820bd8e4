"""The sentence model in a child process, so the app never loads it in its own.

Loading a model holds Python's GIL for long stretches (importing torch for most of a
second at a time, when the fallback encoder is used); in a worker thread that would still
freeze the window. So the app encodes through :class:`ProcessEncoder`, which has the
``encode(texts, progress=, cancel=)`` and ``token_vectors(texts, cancel=)`` of
:class:`factdiff.core.embed.Encoder` and uses the same on-disk cache, but runs the model in
``python -m factdiff.gui.encoding``. The child uses the fast ONNX encoder (torch only as
the fallback), starts loading it as soon as it starts, and then serves requests until it
is told to quit; :meth:`ProcessEncoder.start` may be called early to overlap that with
the window's own start.

Protocol (child's stdin/stdout, binary): a request is one JSON line
``{"id": n, "texts": [...]}`` (with ``"keep_tokens": true``, the child keeps the token
vectors of that pass for a following ``tokens`` request), ``{"id": n, "tokens": [...]}``,
``{"id": n, "parse": [...]}`` (with ``"ahead": [...]``, texts to encode meanwhile for
the next ``texts`` request) or ``{"quit": true}``; the
child answers with JSON lines ``{"id": n, "progress": [done, total]}``,
``{"id": n, "loading": true}``, ``{"id": n, "error": "..."}`` or
``{"id": n, "rows": r, "dim": d}`` followed by ``r * d`` little-endian float32 values.
For ``tokens`` the last line also carries ``"token_vectors": [{"tokens": [...],
"spans": [[start, end], ...], "truncated": bool}, ...]``, and the rows are every text's
token vectors one after the other. This module does not import Qt.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np

from factdiff.core.embed import (
    DIM,
    ENV_BACKEND,
    POOLED,
    EmbeddingCache,
    Runs,
    TokenVectors,
    cache_name,
    configured_backend,
    pooled_unit_vectors,
)
from factdiff.core.errors import Cancelled, CompareError

from . import modelproc

__all__ = ["ProcessEncoder", "shared_encoder", "shutdown_shared_encoder"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]

_POLL = 0.05  # seconds between cancel checks while waiting for the child


class ProcessEncoder:
    """Encodes sentences in a child process that holds the model; thread-safe.

    Cached vectors are read here (no child at all when every sentence is cached); only
    new sentences go to the child. ``cancel()`` returns at once: the child's late answer
    is dropped by its request id.
    """

    def __init__(
        self,
        *,
        cache: EmbeddingCache | None = None,
        use_cache: bool = True,
        backend: str | None = None,
    ) -> None:
        self.backend = backend or configured_backend()
        self.name = cache_name(self.backend)
        self._cache = cache
        self._use_cache = use_cache
        self._lock = threading.Lock()  # one request at a time
        self._proc: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._inbox: queue.Queue[tuple[dict[str, Any], np.ndarray | None] | None] = queue.Queue()
        self._next_id = 0
        self._log_path: Path | None = None

    @property
    def cache(self) -> EmbeddingCache | None:
        if self._use_cache and self._cache is None:
            self._cache = EmbeddingCache()
        return self._cache if self._use_cache else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    # -- the Encoder interface ----------------------------------------------------------

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
        keep_tokens: bool = False,
    ) -> np.ndarray:
        """Normalised embeddings, one row per text, reusing the disk cache; with
        ``keep_tokens`` the child keeps the token vectors of this pass for
        :meth:`unit_vectors`."""
        cache = self.cache
        cached = cache.get_many(self.name, texts) if cache else {}
        todo = sorted({t for t in texts if t not in cached}, key=len)
        fresh: dict[str, np.ndarray] = {}
        if progress:
            progress(0, len(todo), "Encoding sentences")
        if todo:
            vectors = self._remote(todo, progress, cancel, keep_tokens=keep_tokens)
            fresh = dict(zip(todo, vectors, strict=True))
            if cache:
                cache.put_many(self.name, fresh)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = cached[text] if text in cached else fresh[text]
        return out

    def unit_vectors(
        self,
        items: Sequence[tuple[str, Sequence[Runs]]],
        *,
        cancel: CancelCheck | None = None,
    ) -> list[np.ndarray]:
        """Clause units' pooled vectors, as :meth:`factdiff.core.embed.Encoder.unit_vectors`:
        the disk cache here, then the token vectors the child kept from :meth:`encode`."""
        return pooled_unit_vectors(
            items,
            cache=self.cache,
            name=self.name + POOLED,
            token_vectors=lambda texts: self.token_vectors(texts, cancel=cancel),
        )

    def token_vectors(
        self, texts: Sequence[str], *, cancel: CancelCheck | None = None
    ) -> list[TokenVectors]:
        """Each text's word pieces, spans and contextual vectors, from the child."""
        if not texts:
            return []
        head, rows = self._remote_head(list(texts), None, cancel, kind="tokens")
        out, at = [], 0
        for text, item in zip(texts, head["token_vectors"], strict=True):
            n = len(item["tokens"])
            out.append(
                TokenVectors.build(
                    text,
                    tokens=item["tokens"],
                    spans=item["spans"],
                    vectors=rows[at : at + n],
                    truncated=bool(item["truncated"]),
                )
            )
            at += n
        return out

    def parse_many(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> list[Any]:
        """The sentences' dependency parses, made by spaCy in the child process, so the
        app never imports spaCy (its import holds the GIL for seconds)."""
        from factdiff.core.nlp import parse_from_json

        if not texts:
            return []
        # the sentences the next encode() will ask for: the child encodes them while it
        # parses
        cache = self.cache
        cached = cache.get_many(self.name, texts) if cache else {}
        ahead = sorted({t for t in texts if t not in cached}, key=len)
        head, _ = self._remote_head(
            list(texts), progress, cancel, kind="parse", extra={"ahead": ahead} if ahead else None
        )
        return [parse_from_json(item) for item in head["parses"]]

    # -- the child process --------------------------------------------------------------

    def start(self) -> None:
        """Start the child (it loads the model on its first request)."""
        if self.running:
            return
        started = modelproc.take_early(
            lambda env: (env.get(ENV_BACKEND) or "auto") == self.backend
        )
        if started is None:
            try:
                started = modelproc.spawn({ENV_BACKEND: self.backend})
            except OSError as err:
                raise CompareError(f"could not start the model process: {err}") from err
        self._proc, self._log_path = started
        self._inbox = queue.Queue()
        self._reader = threading.Thread(
            target=_read_answers,
            args=(self._proc.stdout, self._inbox),
            name="factdiff-encoder-reader",
            daemon=True,
        )
        self._reader.start()

    def close(self, timeout: float = 5.0) -> None:
        """Ask the child to quit, then make sure it is gone."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.poll() is None and proc.stdin:
                proc.stdin.write(b'{"quit": true}\n')
                proc.stdin.flush()
                proc.stdin.close()
            proc.wait(timeout=timeout)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait(timeout=timeout)
        if self._reader is not None:
            self._reader.join(timeout=timeout)
            self._reader = None
        if proc.stdout:
            proc.stdout.close()

    def _remote(
        self,
        texts: list[str],
        progress: Progress | None,
        cancel: CancelCheck | None,
        *,
        keep_tokens: bool = False,
    ) -> np.ndarray:
        extra = {"keep_tokens": True} if keep_tokens else None
        return self._remote_head(texts, progress, cancel, extra=extra)[1]

    def _remote_head(
        self,
        texts: list[str],
        progress: Progress | None,
        cancel: CancelCheck | None,
        *,
        kind: str = "texts",
        extra: dict[str, Any] | None = None,
    ) -> tuple[dict[str, Any], np.ndarray]:
        with self._lock:
            self.start()
            proc = self._proc
            assert proc is not None and proc.stdin is not None
            self._next_id += 1
            rid = self._next_id
            try:
                req = {"id": rid, kind: texts, **(extra or {})}
                proc.stdin.write(json.dumps(req).encode() + b"\n")
                proc.stdin.flush()
            except OSError as err:
                self.close()
                raise CompareError(f"the model process stopped: {err}") from err
            while True:
                if cancel and cancel():
                    raise Cancelled()
                try:
                    item = self._inbox.get(timeout=_POLL)
                except queue.Empty:
                    continue
                if item is None:
                    self.close()
                    raise CompareError(f"the model process stopped: {self._last_log_line()}")
                head, data = item
                if head.get("id") != rid:
                    continue  # the answer to a cancelled request
                if "error" in head:
                    raise CompareError(str(head["error"]))
                if head.get("loading"):
                    if progress:
                        progress(0, 0, "Loading the language model")
                elif "progress" in head:
                    if progress:
                        done, total = head["progress"]
                        progress(int(done), int(total), "Encoding sentences")
                elif data is not None:
                    return head, data

    def _last_log_line(self) -> str:
        try:
            assert self._log_path is not None
            lines = self._log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except (OSError, AssertionError):
            return "no details"
        lines = [ln for ln in lines if ln.strip()]
        return lines[-1][:200] if lines else "no details"


def _read_answers(
    stream: IO[bytes],
    inbox: queue.Queue[tuple[dict[str, Any], np.ndarray | None] | None],
) -> None:
    """Reader thread: parse the child's answers into ``inbox``; None when it ends."""
    try:
        for line in iter(stream.readline, b""):
            head = json.loads(line)
            data = None
            if "rows" in head:
                rows, dim = int(head["rows"]), int(head["dim"])
                raw = _read_exact(stream, rows * dim * 4)
                data = np.frombuffer(raw, dtype="<f4").reshape(rows, dim).copy()
            inbox.put((head, data))
    except (OSError, ValueError, EOFError) as err:
        log.warning("model process answer unreadable: %s", err)
    inbox.put(None)


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("model process closed its output")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_shared: ProcessEncoder | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> ProcessEncoder:
    """The app-wide encoder, so the model process is started at most once."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ProcessEncoder()
        return _shared


def shutdown_shared_encoder() -> None:
    global _shared
    with _shared_lock:
        enc, _shared = _shared, None
    if enc is not None:
        enc.close()


# -- the child ---------------------------------------------------------------------------


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """The child's loop: read requests, answer with vectors, until quit or end of input."""
    from factdiff.core.embed import Encoder

    # One thread for onnxruntime: spaCy loads and parses beside it on the other core (the
    # parse is the first result's critical path), and the GUI needs a core too.
    encoder = Encoder(use_cache=False, threads=1)

    def send(head: dict[str, Any], payload: bytes = b"") -> None:
        out.write(json.dumps(head).encode() + b"\n" + payload)
        out.flush()

    # Load while the first request is on its way (the app starts us before it needs us):
    # the encoder and spaCy side by side (a parse request waits for spaCy alone).
    loader = threading.Thread(target=_try_load, args=(encoder,), name="preload", daemon=True)
    loader.start()
    threading.Thread(target=_try_load_parser, name="preload-parser", daemon=True).start()
    # Sentences a parse request says are coming next ("ahead") are encoded in a thread
    # while they are parsed (onnxruntime runs outside the GIL): the two overlap on two
    # cores, and the following "texts" request takes its vectors from here.
    ahead: dict[str, np.ndarray] = {}
    ahead_jobs: list[threading.Thread] = []

    def encode_ahead(texts: list[str]) -> None:
        try:
            loader.join()
            ahead.update(zip(texts, encoder.encode(texts, keep_tokens=True), strict=True))
        except Exception:  # noqa: BLE001 - the "texts" request encodes again and reports it
            logging.getLogger(__name__).exception("encoding ahead failed")

    for line in iter(inp.readline, b""):
        try:
            req = json.loads(line)
        except ValueError:
            continue
        if req.get("quit"):
            break
        rid = req.get("id")
        try:
            if "parse" in req:
                from factdiff.core import nlp

                if req.get("ahead"):
                    job = threading.Thread(
                        target=encode_ahead, args=(list(req["ahead"]),), name="ahead", daemon=True
                    )
                    job.start()
                    ahead_jobs.append(job)
                if not nlp.loaded():
                    send({"id": rid, "loading": True})
                parses = nlp.parse_many(req["parse"])  # waits for the preload's spaCy
                send(
                    {
                        "id": rid,
                        "parses": [nlp.parse_to_json(x) for x in parses],
                        "rows": 0,
                        "dim": DIM,
                    }
                )
                continue
            if not encoder.loaded:
                send({"id": rid, "loading": True})
                loader.join()
                encoder.load()  # raises what the preload met
            if "tokens" in req:
                items = encoder.token_vectors(req["tokens"])
                rows = [tv.vectors for tv in items]
                vecs = np.ascontiguousarray(
                    np.concatenate(rows) if rows else np.zeros((0, DIM)), dtype="<f4"
                )
                meta = [
                    {"tokens": list(tv.tokens), "spans": tv.spans, "truncated": tv.truncated}
                    for tv in items
                ]
                send(
                    {"id": rid, "token_vectors": meta, "rows": vecs.shape[0], "dim": DIM},
                    vecs.tobytes(),
                )
                continue
            for job in ahead_jobs:
                job.join()
            ahead_jobs.clear()
            texts = list(req["texts"])
            rest = [t for t in texts if t not in ahead]
            fresh: dict[str, np.ndarray] = {}
            if rest:
                made = encoder.encode(
                    rest,
                    keep_tokens=bool(req.get("keep_tokens")),
                    progress=lambda done, total, _what, rid=rid: send(
                        {"id": rid, "progress": [done, total]}
                    ),
                )
                fresh = dict(zip(rest, made, strict=True))
            rows = [ahead[t] if t in ahead else fresh[t] for t in texts]
            ahead.clear()
            vecs = np.ascontiguousarray(
                np.stack(rows) if rows else np.zeros((0, DIM)), dtype="<f4"
            )
            send({"id": rid, "rows": vecs.shape[0], "dim": vecs.shape[1]}, vecs.tobytes())
        except Exception as err:  # noqa: BLE001 - every failure goes back as a message
            logging.getLogger(__name__).exception("encoding failed")
            send({"id": rid, "error": str(err) or type(err).__name__})


def _try_load(encoder: Any) -> None:
    try:
        encoder.load()
    except Exception:  # noqa: BLE001 - the first request loads again and reports it
        logging.getLogger(__name__).exception("preloading the model failed")


def _try_load_parser() -> None:
    from factdiff.core import nlp

    nlp.preload()  # logs and falls back to no parse on failure


def _child_main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not break answers
    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    _child_main()
