"""The facts pipeline's registries: order checked on import, one component per step."""

from __future__ import annotations

from typing import Any

import pytest

from factdiff.core.facts import pipeline
from factdiff.core.facts.component import Component, RegistryError, check_order


class _Make(Component):
    name = "make"
    requires = ("text",)
    assigns = ("x",)

    def __call__(self, state: dict[str, Any]) -> None:
        state["x"] = 1


class _Use(Component):
    name = "use"
    requires = ("x",)
    assigns = ("y",)

    def __call__(self, state: dict[str, Any]) -> None:
        state["y"] = state["x"] + 1


def test_order_accepts_a_working_order() -> None:
    check_order([_Make(), _Use()], provided=("text",))


def test_order_rejects_a_step_before_what_it_needs() -> None:
    with pytest.raises(RegistryError, match="use requires x"):
        check_order([_Use(), _Make()], provided=("text",))


def test_order_rejects_two_writers_of_one_field() -> None:
    class _Again(_Make):
        name = "again"

    with pytest.raises(RegistryError, match="already assigned"):
        check_order([_Make(), _Again()], provided=("text",))


def test_order_rejects_repeated_names() -> None:
    with pytest.raises(RegistryError, match="repeated name"):
        check_order([_Make(), _Make()], provided=("text",))


def test_the_package_registries_are_in_order() -> None:
    check_order(pipeline.EXTRACTORS, provided=pipeline.EXTRACT_INPUTS)
    check_order(pipeline.CHECKS, provided=pipeline.CHECK_INPUTS)
    kinds = [c.name for c in pipeline.CHECKS]
    assert {"number", "date", "entity", "polarity", "attribution", "certainty"} <= set(kinds)


def test_every_check_lives_in_its_own_module() -> None:
    mods = [type(c).__module__ for c in pipeline.CHECKS]
    assert len(set(mods)) == len(mods)
    assert all(m.startswith("factdiff.core.facts.checks.") for m in mods)
