"""Export the bundled model to ONNX once, and check it against sentence-transformers.

    python -m factdiff.core.onnx_export [--model FOLDER] [--out FOLDER] [--force]

Run by :func:`factdiff.core.embed_onnx.ensure_onnx` in a child process on first use (and by
``make setup``). This is the one place on the ONNX path that imports torch. The graph
outputs the transformer's last hidden state (``last_hidden_state``: batch x tokens x 384),
so sentence vectors (mean pooling) and token vectors both come from it in numpy. Before
the export is moved into place, a fixed sample is encoded both ways: every sentence
vector must agree with sentence-transformers' to cosine >= 0.999, and every token vector
to >= 0.99. With ``--int8`` (asked for by ``--encoder onnx-int8``) an int8 copy (dynamic
quantisation of the weights) is made beside it; its agreement is recorded, not required.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shutil
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .atomic import atomic_write_text
from .embed import model_path
from .embed_onnx import (
    FAILED_FILE,
    FORMAT,
    INT8_FILE,
    ONNX_FILE,
    STAMP_FILE,
    OnnxBackend,
    current_stamp,
    export_dir,
    fingerprint,
)

log = logging.getLogger("factdiff.core.onnx_export")  # not __main__: run with -m

MIN_SENTENCE_COSINE = 0.999
MIN_TOKEN_COSINE = 0.99

#: Texts the export is checked on: short and long (past 256 word pieces), numbers,
#: accents, emoji, CJK, odd spacing, and one empty text.
SAMPLE = (
    "The United States is preparing to host talks this Friday between the two sides.",
    "Beijing, in the meantime, has denied the claims.",
    "At least 42 people were killed and 1,300 injured when the 6.1-magnitude quake struck.",
    "  Officials   said the vote would be held on March 3rd, 2024.  ",
    "Café owners in Zürich — and São Paulo — reported a 12% drop in sales 📉.",
    "東京で会議が開かれた。",
    "Short.",
    "",
    "The central bank raised its key rate by 0.25 percentage points to 5.5%, the highest level "
    "in 22 years, and signalled that further increases were possible if inflation, which has "
    "fallen from a peak of 9.1% last summer, did not continue to ease. " * 4,
    "He said: \"We will not back down,\" adding that the company's shares fell 3.2 percent.",
)


def _reference(folder: Path) -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu")


def _hf_model(st: Any) -> Any:
    module = st[0]
    for attr in ("auto_model", "model"):
        model = getattr(module, attr, None)
        if model is not None:
            return model
    raise RuntimeError("cannot find the transformer inside the sentence-transformers model")


def export(folder: Path, target: Path, st: Any) -> None:
    """Write ``target / model.onnx`` from ``st``'s transformer (dynamic batch and length)."""
    import torch

    hf = _hf_model(st).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.hf = hf

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.hf(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    # Trace with padding, so the mask's path through attention is the one that is recorded.
    feats = st.tokenizer(
        [SAMPLE[0], SAMPLE[6]], padding=True, truncation=True, return_tensors="pt"
    )
    args = (feats["input_ids"], feats["attention_mask"], torch.zeros_like(feats["input_ids"]))
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHidden().eval(),
            args,
            str(target / ONNX_FILE),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "last_hidden_state": axes,
            },
            opset_version=17,
            do_constant_folding=True,
            dynamo=False,
        )


def check(folder: Path, model_file: Path, st: Any, texts: Sequence[str]) -> dict[str, float]:
    """Lowest sentence and token cosine between the ONNX file and sentence-transformers;
    raises if the word pieces or their spans differ."""
    from .embed_torch import TorchBackend

    onnx = OnnxBackend(folder, model_file=model_file)
    ref = TorchBackend(folder, model=st)
    a, b = onnx.sentence_vectors(texts), ref.sentence_vectors(texts)
    sent = float(np.min(np.sum(a * b, axis=1)))
    tok = 1.0
    for x, y in zip(onnx.token_vectors(texts), ref.token_vectors(texts), strict=True):
        if x.tokens != y.tokens or x.spans != y.spans:
            raise RuntimeError(f"word pieces differ for {x.text[:60]!r}")
        if len(x):
            tok = min(tok, float(np.min(np.sum(x.vectors * y.vectors, axis=1))))
    return {"min_sentence_cosine": sent, "min_token_cosine": tok, "texts": len(texts)}


def quantize(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the weights (activations stay float)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)


def add_int8(folder: Path, out: Path, st: Any | None = None) -> dict[str, float]:
    """Make ``out / model-int8.onnx`` from the current export, check it, note it in the stamp."""
    st = st if st is not None else _reference(folder)
    tmp = out / f".{INT8_FILE}.tmp-{os.getpid()}"
    try:
        quantize(out / ONNX_FILE, tmp)
        checked = check(folder, tmp, st, SAMPLE)
        tmp.replace(out / INT8_FILE)
    finally:
        tmp.unlink(missing_ok=True)
    stamp = json.loads((out / STAMP_FILE).read_text(encoding="utf-8"))
    stamp["int8_check"] = checked
    atomic_write_text(out / STAMP_FILE, json.dumps(stamp, indent=1))
    return checked


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("torch", "transformers", "sentence-transformers", "onnx", "onnxruntime"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


def make(folder: Path, out: Path, *, int8: bool = False) -> dict[str, Any]:
    """Export, check and stamp into a temporary folder, then move it to ``out``."""
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        st = _reference(folder)
        export(folder, tmp, st)
        checked = check(folder, tmp / ONNX_FILE, st, SAMPLE)
        if checked["min_sentence_cosine"] < MIN_SENTENCE_COSINE:
            raise RuntimeError(f"ONNX vectors disagree with sentence-transformers: {checked}")
        if checked["min_token_cosine"] < MIN_TOKEN_COSINE:
            raise RuntimeError(f"ONNX token vectors disagree with sentence-transformers: {checked}")
        stamp: dict[str, Any] = {
            "format": FORMAT,
            "model": fingerprint(folder),
            "made_with": _versions(),
            "check": checked,
        }
        (tmp / STAMP_FILE).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
        if int8:
            add_int8(folder, tmp, st)
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
        out.with_name(f"{out.name}.{FAILED_FILE}").unlink(missing_ok=True)
        return dict(json.loads((out / STAMP_FILE).read_text(encoding="utf-8")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m factdiff.core.onnx_export", description=__doc__)
    p.add_argument("--model", type=Path, default=None, help="model folder (the bundled one)")
    p.add_argument("--out", type=Path, default=None, help="export folder (the model cache)")
    p.add_argument("--force", action="store_true", help="export even if the stamp is current")
    p.add_argument("--int8", action="store_true", help="also make the int8 copy")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("factdiff").setLevel(logging.INFO)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    folder = args.model or model_path()
    out = args.out or export_dir(folder)
    try:
        if not args.force and current_stamp(folder, out) is not None:
            if args.int8 and not (out / INT8_FILE).is_file():
                log.info("int8 copy made: %s", add_int8(folder, out))
            log.info("%s is current", out)
            return 0
        stamp = make(folder, out, int8=args.int8)
    except Exception as err:  # noqa: BLE001 - the parent reads the last line
        log.debug("export failed", exc_info=True)
        print(f"export failed: {type(err).__name__}: {err}", file=sys.stderr)  # noqa: T201
        return 1
    log.info("exported to %s: %s %s", out, stamp["check"], stamp.get("int8_check", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
