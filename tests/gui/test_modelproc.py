"""The model process started before Qt (gui/modelproc.py) and adopted by the encoder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factdiff.gui import encoding, modelproc


@pytest.fixture
def fake_child(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """spawn() starts a stand-in that waits for the end of its input, and counts starts."""
    started: list[dict[str, str]] = []

    def spawn(overrides=None):  # type: ignore[no-untyped-def]
        started.append(dict(overrides or {}))
        proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; sys.stdin.read()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        return proc, tmp_path / "encoder.log"

    monkeypatch.setattr(modelproc, "spawn", spawn)
    monkeypatch.setattr(modelproc, "_early", None)
    yield started
    modelproc.discard_early()


def test_the_early_child_is_taken_once_when_it_fits(fake_child) -> None:  # type: ignore[no-untyped-def]
    modelproc.start_early()
    modelproc.start_early()  # a second call starts nothing
    assert len(fake_child) == 1
    early = modelproc._early[0]
    got = modelproc.take_early(lambda env: True)
    assert got is not None and got[0] is early and early.poll() is None
    assert modelproc.take_early(lambda env: True) is None  # it is the caller's now
    modelproc.stop(early)
    assert early.poll() is not None


def test_an_early_child_that_does_not_fit_is_stopped(fake_child) -> None:  # type: ignore[no-untyped-def]
    modelproc.start_early()
    early = modelproc._early[0]
    assert modelproc.take_early(lambda env: False) is None
    assert early.poll() is not None  # stopped, not left running


def test_the_encoder_adopts_the_early_child_of_its_backend(fake_child, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(encoding.ENV_BACKEND, raising=False)
    modelproc.start_early()  # no FACTDIFF_ENCODER: the child's backend is "auto"
    early = modelproc._early[0]
    enc = encoding.ProcessEncoder(backend="auto", use_cache=False)
    enc.start()
    try:
        assert enc._proc is early and len(fake_child) == 1
    finally:
        enc.close()
    assert early.poll() is not None


def test_an_encoder_of_another_backend_starts_its_own_child(fake_child, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(encoding.ENV_BACKEND, "torch")
    modelproc.start_early()
    early = modelproc._early[0]
    enc = encoding.ProcessEncoder(backend="onnx", use_cache=False)
    enc.start()
    try:
        assert enc._proc is not early and early.poll() is not None
        assert fake_child[-1] == {encoding.ENV_BACKEND: "onnx"}
    finally:
        enc.close()


def test_the_child_environment_keeps_the_model_offline(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    env = modelproc.child_environment({"FACTDIFF_ENCODER": "onnx"})
    assert env["HF_HUB_OFFLINE"] == "1" and env["FACTDIFF_ENCODER"] == "onnx"
    assert "QT_QPA_PLATFORM" not in env


@pytest.mark.model
def test_an_early_real_child_answers_the_encoder(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The real ``python -m factdiff.gui.encoding``, started before the encoder exists."""
    monkeypatch.setenv("FACTDIFF_HOME", str(tmp_path))
    monkeypatch.delenv(encoding.ENV_BACKEND, raising=False)
    monkeypatch.setattr(modelproc, "_early", None)
    modelproc.start_early()
    early = modelproc._early[0]
    enc = encoding.ProcessEncoder(use_cache=False)
    try:
        (vec,) = enc.encode(["Blinken met Wang on Saturday."])
        assert enc._proc is early
    finally:
        enc.close()
    assert abs(float(vec @ vec) - 1.0) < 1e-4
    assert Path(tmp_path, "cache", "encoder.log").exists()
