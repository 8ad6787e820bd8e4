"""What a new user met in the first hour (issue 9): the threshold's first reading, F8
across pairs, Ctrl+L, confirmed links, default file names and folders."""

from __future__ import annotations

import dataclasses

import pytest

from factdiff.core.model import Settings

from .conftest import make_comparison


def test_threshold_reads_the_settings_before_and_after(window) -> None:  # type: ignore[no-untyped-def]
    assert window.threshold.threshold() == pytest.approx(Settings().threshold)
    assert window.threshold.value.text() == f"{Settings().threshold:.2f}"
    cmp = make_comparison()
    cmp = dataclasses.replace(cmp, settings=dataclasses.replace(cmp.settings, threshold=0.55))
    window.doc.reset(cmp.articles, comparison=cmp)
    assert window.threshold.threshold() == pytest.approx(0.55)
    assert window.threshold.value.text() == "0.55"
