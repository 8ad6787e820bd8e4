"""The reference encoder: the bundled model through sentence-transformers (imports torch).

Slow to start (importing sentence-transformers and torch takes most of ten seconds on a
busy 2-core machine) but it is the pipeline the model was made for: the ONNX path is
checked against it, and :class:`~.embed.Encoder` falls back to it when the ONNX model
cannot be made. Built only by the encoder, so importing this module is never needed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .embed import DIM, TokenVectors, model_path
from .errors import CompareError

__all__ = ["TorchBackend"]

log = logging.getLogger(__name__)


class TorchBackend:
    """Sentence and token vectors from sentence-transformers on the CPU."""

    name = "torch"

    def __init__(self, folder: Path | None = None, *, model: Any = None) -> None:
        folder = Path(folder) if folder else model_path()
        if model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            try:
                from sentence_transformers import SentenceTransformer

                model = SentenceTransformer(str(folder), device="cpu")
            except Exception as err:
                raise CompareError(f"could not load the model from {folder}: {err}") from err
            log.info("sentence-transformers model loaded from %s", folder)
        self.model = model

    def sentence_vectors(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vecs = self.model.encode(
            list(texts),
            batch_size=max(1, len(texts)),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def token_vectors(self, texts: Sequence[str]) -> list[TokenVectors]:
        """sentence-transformers' ``output_value="token_embeddings"``, special tokens
        dropped, each row normalised; spans from the tokenizer's offset mapping."""
        if not texts:
            return []
        texts = list(texts)
        embs = self.model.encode(
            texts,
            batch_size=max(1, len(texts)),
            output_value="token_embeddings",
            show_progress_bar=False,
        )
        feats = self.model.tokenizer(
            texts,
            truncation="longest_first",
            max_length=self.model.max_seq_length,
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
            return_overflowing_tokens=True,
        )
        rows: dict[int, int] = {}
        seen: dict[int, int] = {}
        for row, sample in enumerate(feats["overflow_to_sample_mapping"]):
            rows.setdefault(int(sample), row)
            seen[int(sample)] = seen.get(int(sample), 0) + 1
        out = []
        for i, text in enumerate(texts):
            row = rows[i]
            special = feats["special_tokens_mask"][row]
            keep = [k for k, s in enumerate(special) if not s]
            hidden = np.asarray(embs[i].detach().cpu().numpy(), dtype=np.float32)
            if hidden.shape[0] != len(special):
                raise CompareError("token embeddings do not match the tokenizer's tokens")
            ids = feats["input_ids"][row]
            out.append(
                TokenVectors.build(
                    text,
                    tokens=self.model.tokenizer.convert_ids_to_tokens([ids[k] for k in keep]),
                    spans=[tuple(feats["offset_mapping"][row][k]) for k in keep],
                    vectors=hidden[keep],
                    truncated=seen[i] > 1,
                )
            )
        return out
