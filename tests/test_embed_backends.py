"""The encoder's two backends (ONNX and sentence-transformers), the export and its stamp,
token vectors, and the fallback. Tests marked ``model`` run the bundled model."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factdiff.core import embed, embed_onnx
from factdiff.core.embed import DIM, EmbeddingCache, Encoder, TokenVectors, cache_name
from factdiff.core.errors import CompareError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def unit(n: int, seed: int = 0) -> np.ndarray:
    m = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


# -- TokenVectors ---------------------------------------------------------------------------


def test_token_vectors_are_normalised_and_frozen() -> None:
    tv = TokenVectors.build(
        "Hi there", tokens=["hi", "there"], spans=[(0, 2), (3, 8)], vectors=3 * unit(2)
    )
    assert len(tv) == 2 and tv.spans == ((0, 2), (3, 8))
    assert np.allclose(np.linalg.norm(tv.vectors, axis=1), 1.0)
    with pytest.raises(ValueError):
        tv.vectors[0, 0] = 1.0


@pytest.mark.parametrize(
    ("tokens", "spans", "rows"),
    [
        (["a"], [(0, 1), (2, 3)], 1),  # more spans than tokens
        (["a", "b"], [(0, 1), (2, 3)], 3),  # more rows than tokens
        (["a"], [(0, 9)], 1),  # past the end of the text
        (["a", "b"], [(2, 3), (0, 1)], 2),  # out of order
        (["a"], [(2, 1)], 1),  # end before start
    ],
)
def test_token_vectors_check_their_invariants(tokens, spans, rows) -> None:
    with pytest.raises(ValueError):
        TokenVectors(text="a b c", tokens=tuple(tokens), spans=tuple(spans), vectors=unit(rows))


def test_token_vectors_need_float32() -> None:
    with pytest.raises(ValueError, match="float32"):
        TokenVectors(text="a", tokens=("a",), spans=((0, 1),), vectors=unit(1).astype(np.float64))


# -- pooling, pipeline, cache names ----------------------------------------------------------


def test_pool_is_a_masked_mean_then_unit_length() -> None:
    hidden = np.stack([unit(4, 1), unit(4, 2)])
    mask = np.array([[1, 1, 0, 0], [1, 1, 1, 1]])
    out = embed_onnx.pool(hidden, mask)
    want = hidden[0, :2].mean(axis=0)
    assert np.allclose(out[0], want / np.linalg.norm(want), atol=1e-6)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0)


def test_cache_names_split_only_the_int8_vectors() -> None:
    assert cache_name("onnx") == cache_name("torch") == cache_name("auto") == embed.MODEL_NAME
    assert cache_name("onnx-int8") != embed.MODEL_NAME
    assert Encoder(use_cache=False, backend="onnx-int8").name == cache_name("onnx-int8")


def test_the_bundled_pipeline_is_read_from_its_files() -> None:
    pipe = embed_onnx.read_pipeline(embed.model_path())
    assert pipe.max_seq_length == 256 and pipe.normalize


def _fake_model(folder: Path, *, pooling: str = "pooling_mode_mean_tokens") -> Path:
    (folder / "1_Pooling").mkdir(parents=True)
    modules = [
        {"path": "", "type": "sentence_transformers.models.Transformer"},
        {"path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": DIM, pooling: True})
    )
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 128}))
    (folder / "model.safetensors").write_bytes(b"weights v1")
    return folder


def test_a_pipeline_it_cannot_reproduce_is_refused(tmp_path: Path) -> None:
    folder = _fake_model(tmp_path / "m", pooling="pooling_mode_cls_token")
    with pytest.raises(embed_onnx.OnnxUnavailable, match="mean pooling"):
        embed_onnx.read_pipeline(folder)


def test_backend_choice_comes_from_the_call_then_the_env(monkeypatch) -> None:
    monkeypatch.setattr(embed, "_default_backend", None)
    monkeypatch.setenv("FACTDIFF_ENCODER", "torch")
    assert Encoder(use_cache=False).backend == "torch"
    embed.use_backend("onnx")
    try:
        assert Encoder(use_cache=False).backend == "onnx"
        assert Encoder(use_cache=False, backend="torch").backend == "torch"
    finally:
        embed.use_backend(None)
    with pytest.raises(CompareError, match="unknown encoder"):
        Encoder(use_cache=False, backend="gpu")


# -- the stamp: re-made when the package changes -----------------------------------------------


def _stamped_export(folder: Path) -> Path:
    out = embed_onnx.export_dir(folder)
    out.mkdir(parents=True)
    (out / embed_onnx.ONNX_FILE).write_bytes(b"onnx")
    stamp = {"format": embed_onnx.FORMAT, "model": embed_onnx.fingerprint(folder)}
    (out / embed_onnx.STAMP_FILE).write_text(json.dumps(stamp))
    return out


def test_the_stamp_follows_the_model_files(tmp_path: Path) -> None:
    folder = _fake_model(tmp_path / "m")
    out = _stamped_export(folder)
    assert embed_onnx.current_stamp(folder, out) is not None
    weights = folder / "model.safetensors"
    os.utime(weights, ns=(1, 1))  # same bytes, new mtime (a reinstall): still current
    assert embed_onnx.current_stamp(folder, out) is not None
    saved = json.loads((out / embed_onnx.STAMP_FILE).read_text())
    assert saved["model"]["files"]["model.safetensors"]["mtime_ns"] == 1  # remembered
    weights.write_bytes(b"weights v2")  # new weights: the export is stale
    assert embed_onnx.current_stamp(folder, out) is None
    (folder / "README.md").write_text("docs do not change vectors")
    weights.write_bytes(b"weights v1")
    assert embed_onnx.current_stamp(folder, out) is not None


def test_a_failed_export_is_remembered_and_torch_takes_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _fake_model(tmp_path / "m")
    runs = []

    def failing_run(cmd, **kw):
        runs.append(cmd)
        return subprocess.CompletedProcess(cmd, 1, "", "Traceback...\nexport failed: no torch\n")

    monkeypatch.setattr(embed_onnx.subprocess, "run", failing_run)
    with pytest.raises(embed_onnx.OnnxUnavailable, match="export failed: no torch"):
        embed_onnx.ensure_onnx(folder)
    with pytest.raises(embed_onnx.OnnxUnavailable, match="failed before"):
        embed_onnx.ensure_onnx(folder)  # not tried again for the same files
    assert len(runs) == 1

    import factdiff.core.embed_torch as embed_torch

    class FakeTorch:
        name = "torch"

        def __init__(self, folder):
            self.folder = folder

        def sentence_vectors(self, texts):
            return unit(len(texts))

    monkeypatch.setattr(embed_torch, "TorchBackend", FakeTorch)
    enc = Encoder(folder, use_cache=False, backend="auto")
    with caplog.at_level(logging.WARNING, logger="factdiff.core.embed"):
        assert enc.encode(["a", "b"]).shape == (2, DIM)
    assert enc.backend_name == "torch"
    assert "using sentence-transformers" in caplog.text
    with pytest.raises(CompareError, match="failed before"):
        Encoder(folder, use_cache=False, backend="onnx").load()  # asked for: no fallback


def test_an_unwritable_model_cache_means_no_onnx(tmp_path: Path, monkeypatch) -> None:
    def refuse(folder):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(embed_onnx, "export_dir", refuse)
    with pytest.raises(embed_onnx.OnnxUnavailable, match="Permission denied"):
        embed_onnx.ensure_onnx(_fake_model(tmp_path / "m"))


def test_token_vectors_are_kept_in_memory_by_text() -> None:
    class Counting:
        name = "fake"
        calls: list[list[str]] = []

        def token_vectors(self, texts):
            self.calls.append(list(texts))
            return [
                TokenVectors.build(t, tokens=[t], spans=[(0, len(t))], vectors=unit(1))
                for t in texts
            ]

    backend = Counting()
    enc = Encoder(use_cache=False, token_cache_size=2)
    enc._backend = backend  # type: ignore[assignment]
    first = enc.token_vectors(["aa", "b", "aa"])
    assert [tv.text for tv in first] == ["aa", "b", "aa"] and first[0] is first[2]
    assert enc.token_vectors(["b"])[0] is first[1]
    enc.token_vectors(["c"])  # evicts the least recently used ("aa")
    enc.token_vectors(["aa"])
    assert backend.calls == [["b", "aa"], ["c"], ["aa"]]


def test_importing_the_encoder_loads_no_runtime() -> None:
    code = (
        "import sys, factdiff.core.embed;"
        "bad = [m for m in ('onnxruntime', 'tokenizers', 'torch') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- with the model ----------------------------------------------------------------------------

SENTENCES = [
    "The United States is preparing to host talks this Friday, officials said.",
    "Beijing, in the meantime, has denied the claims.",
    "Café owners in Zürich reported a 12% drop in sales 📉 after the 6.1-magnitude quake.",
    "At least 42 people were killed and 1,300 injured.",
    "x",
    "",
]


@pytest.fixture(scope="module")
def onnx_encoder():
    return Encoder(use_cache=False, backend="onnx")


@pytest.fixture(scope="module")
def torch_encoder():
    return Encoder(use_cache=False, backend="torch")


def _real_sentences() -> list[str]:
    from factdiff.core.loaders import load_path
    from factdiff.core.segment import split_sentences

    out = list(SENTENCES)
    for name in ("voa.md", "cnn.md"):
        out += [s.text for s in split_sentences(load_path(SEEDS / name).text)]
    for path in sorted((ROOT / "tests" / "data" / "align").glob("*.json"))[:8]:
        for art in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            out += art["text"]
    return out


@pytest.mark.model
def test_onnx_and_torch_agree_on_real_sentences(onnx_encoder, torch_encoder) -> None:
    texts = _real_sentences()
    a, b = onnx_encoder.encode(texts), torch_encoder.encode(texts)
    assert onnx_encoder.backend_name == "onnx" and torch_encoder.backend_name == "torch"
    cos = np.sum(a * b, axis=1)
    assert len(texts) > 200 and cos.min() >= 0.999, cos.min()


def _fold(text: str) -> str:
    """What the BERT normaliser does to a word: lower case, accents stripped."""
    import unicodedata

    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn"
    )


@pytest.mark.model
def test_token_vectors_agree_and_point_into_the_text(onnx_encoder, torch_encoder) -> None:
    texts = [*SENTENCES, "word " * 300]
    fast, ref = onnx_encoder.token_vectors(texts), torch_encoder.token_vectors(texts)
    for x, y in zip(fast, ref, strict=True):
        assert x.tokens == y.tokens and x.spans == y.spans and x.truncated == y.truncated
        if len(x):
            assert np.sum(x.vectors * y.vectors, axis=1).min() >= 0.99
            assert x.vectors.dtype == np.float32 and x.vectors.shape == (len(x), DIM)
            assert np.allclose(np.linalg.norm(x.vectors, axis=1), 1.0, atol=1e-5)
    for tv in fast[:5]:  # each span is the piece's own characters in the original text
        for token, (start, end) in zip(tv.tokens, tv.spans, strict=True):
            if token != "[UNK]":
                assert _fold(tv.text[start:end]) == token.removeprefix("##"), (token, tv.text)
    cafe = fast[2]
    assert cafe.text[cafe.spans[0][0] : cafe.spans[0][1]] == "Café"
    emoji = cafe.text.index("📉")
    assert (emoji, emoji + 1) in cafe.spans  # offsets count characters, not bytes
    assert fast[5].tokens == () and fast[5].vectors.shape == (0, DIM)  # the empty text
    long = fast[-1]
    assert long.truncated and len(long) == 254  # 256 minus [CLS] and [SEP]
    assert not fast[0].truncated


@pytest.mark.model
def test_both_encoders_give_the_same_links_on_the_seeds(
    seed_articles, onnx_encoder, torch_encoder
) -> None:
    from factdiff.core.compare import compare

    fast = compare(seed_articles, encoder=onnx_encoder)
    ref = compare(seed_articles, encoder=torch_encoder)
    assert len(ref.links) >= 6
    assert [lk.key for lk in fast.links] == [lk.key for lk in ref.links]
    assert np.allclose([lk.score for lk in fast.links], [lk.score for lk in ref.links], atol=1e-3)


@pytest.mark.model
def test_the_export_was_checked_when_it_was_made(onnx_encoder) -> None:
    onnx_encoder.load()
    out = embed_onnx.export_dir(embed.model_path())
    stamp = json.loads((out / embed_onnx.STAMP_FILE).read_text(encoding="utf-8"))
    assert stamp["check"]["min_sentence_cosine"] >= 0.999
    assert stamp["check"]["min_token_cosine"] >= 0.99
    assert stamp["model"]["package_version"]
    assert "model.safetensors" in stamp["model"]["files"]


@pytest.mark.model
def test_cold_cli_compare_never_imports_torch(tmp_path: Path, onnx_encoder) -> None:
    onnx_encoder.load()  # the export exists (made once per test run)
    code = (
        "import sys; from factdiff.gui.cli import main;"
        f"code = main(['compare', '-q', {str(SEEDS / 'voa.md')!r}, {str(SEEDS / 'cnn.md')!r}]);"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules); sys.exit(code)"
    )
    env = dict(os.environ, FACTDIFF_HOME=str(tmp_path))  # an empty embedding cache
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "links" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "False False"


@pytest.mark.model
def test_the_app_child_gives_token_vectors_too(tmp_path: Path, onnx_encoder) -> None:
    from factdiff.gui.encoding import ProcessEncoder

    enc = ProcessEncoder(use_cache=False, backend="onnx")
    try:
        remote = enc.token_vectors(SENTENCES[:3])
        vecs = enc.encode(SENTENCES[:3])
    finally:
        enc.close()
    local = onnx_encoder.token_vectors(SENTENCES[:3])
    for x, y in zip(remote, local, strict=True):
        assert x.tokens == y.tokens and x.spans == y.spans
        assert np.allclose(x.vectors, y.vectors, atol=1e-5)
    assert np.allclose(vecs, onnx_encoder.encode(SENTENCES[:3]), atol=1e-5)


# -- clause units pooled from the sentence's own token vectors --------------------------------


class PoolingBackend:
    """Words as one-hot pieces: a text's pieces are its words, vector k for word k."""

    name = "fake"

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str]]] = []

    def _tv(self, text: str) -> TokenVectors:
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        vecs = np.eye(len(spans), DIM, dtype=np.float32)
        return TokenVectors.build(text, tokens=[text[a:b] for a, b in spans], spans=spans,
                                  vectors=vecs)

    def sentence_vectors(self, texts):  # type: ignore[no-untyped-def]
        self.calls.append(("sentences", list(texts)))
        return np.stack([unit(1)[0] for _ in texts])

    def token_vectors(self, texts):  # type: ignore[no-untyped-def]
        self.calls.append(("tokens", list(texts)))
        return [self._tv(t) for t in texts]

    def sentence_and_token_vectors(self, texts):  # type: ignore[no-untyped-def]
        self.calls.append(("both", list(texts)))
        return np.stack([unit(1)[0] for _ in texts]), [self._tv(t) for t in texts]


def test_pool_runs_averages_the_pieces_inside_the_clause() -> None:
    from factdiff.core.embed import pool_runs

    tv = PoolingBackend()._tv("police said the bridge closed")
    vec = pool_runs(tv, ((16, 29),))  # "bridge closed"
    assert np.allclose(vec[:5], [0, 0, 0, 0.70711, 0.70711], atol=1e-4)
    two = pool_runs(tv, ((0, 6), (16, 22)))  # "police" + "bridge": a clause in two runs
    assert np.allclose(two[:5], [0.70711, 0, 0, 0.70711, 0], atol=1e-4)
    assert float(np.linalg.norm(pool_runs(tv, ((100, 120),)))) == pytest.approx(1.0)


def test_units_come_from_the_sentence_pass_then_from_the_cache(tmp_path) -> None:  # type: ignore[no-untyped-def]
    backend = PoolingBackend()
    enc = Encoder(cache=EmbeddingCache(tmp_path / "c.sqlite3"))
    enc._backend = backend  # type: ignore[assignment]
    text = "police said the bridge closed"
    enc.encode([text], keep_tokens=True)
    (rows,) = enc.unit_vectors([(text, (((0, 11),), ((12, 29),)))])
    assert rows.shape == (2, DIM)
    assert backend.calls == [("both", [text])]  # no second pass for the units
    # a new process: nothing in memory, the pooled rows come from the disk cache
    again = Encoder(cache=EmbeddingCache(tmp_path / "c.sqlite3"))
    again._backend = PoolingBackend()  # type: ignore[assignment]
    (cached,) = again.unit_vectors([(text, (((0, 11),), ((12, 29),)))])
    assert np.allclose(cached, rows) and again._backend.calls == []  # type: ignore[attr-defined]
    # another clause of a sentence not encoded with keep_tokens: one token pass
    other = Encoder(use_cache=False)
    other._backend = PoolingBackend()  # type: ignore[assignment]
    other.encode([text])
    other.unit_vectors([(text, (((0, 6),),))])
    assert [c[0] for c in other._backend.calls] == ["sentences", "tokens"]  # type: ignore[attr-defined]


def test_clause_vectors_put_the_sentence_vector_first() -> None:
    from factdiff.core.compare import clause_vectors, sentence_infos
    from factdiff.core.segment import split_sentences

    sents = split_sentences("Police said the bridge closed on Monday. It rained.")
    infos = sentence_infos(sents, None)
    infos = [replace(infos[0], units=infos[0].units * 2), infos[1]]  # pretend: two units
    enc = Encoder(use_cache=False)
    enc._backend = PoolingBackend()  # type: ignore[assignment]
    sv = enc.encode([s.text for s in sents], keep_tokens=True)
    mats = clause_vectors(enc, sents, infos, sv)
    assert [m.shape[0] for m in mats] == [3, 1]
    assert np.allclose(mats[0][0], sv[0]) and np.allclose(mats[1][0], sv[1])
