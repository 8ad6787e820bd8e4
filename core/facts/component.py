"""The component interface of the facts pipeline, and the order check of its registry.

Like spaCy's pipeline factories, every extractor and check is a small class that says what
it reads (``requires``) and what it writes (``assigns``); :func:`check_order` proves, when
the package is imported, that each component finds what it needs already written by one
before it, and that no two components write the same thing.

>>> class A(Component):
...     name, requires, assigns = "a", ("text",), ("x",)
>>> class B(Component):
...     name, requires, assigns = "b", ("x",), ("y",)
>>> check_order([A(), B()], provided=("text",))
>>> check_order([B(), A()], provided=("text",))
Traceback (most recent call last):
...
factdiff.core.facts.component.RegistryError: b requires x, which nothing before it assigns
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

__all__ = ["Component", "RegistryError", "check_order"]


class RegistryError(ValueError):
    """A registry whose order cannot work (a requirement unmet, a field written twice)."""


class Component:
    """One step: reads the fields named in ``requires``, writes those in ``assigns``."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


def check_order(components: Iterable[Component], *, provided: Iterable[str] = ()) -> None:
    """Raise :class:`RegistryError` unless every requirement is assigned earlier."""
    have = set(provided)
    names: set[str] = set()
    for c in components:
        if not c.name or c.name in names:
            raise RegistryError(f"component {c!r}: missing or repeated name")
        names.add(c.name)
        for r in c.requires:
            if r not in have:
                raise RegistryError(f"{c.name} requires {r}, which nothing before it assigns")
        for w in c.assigns:
            if w in have:
                raise RegistryError(f"{c.name} assigns {w}, already assigned before it")
            have.add(w)
