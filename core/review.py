"""A reviewer's decisions on a comparison, kept apart from what the engine found.

A :class:`Review` is immutable: every change returns a new one, so the GUI's undo stack
just keeps the before and after. :func:`apply_review` gives the comparison as the
reviewer sees it: rejected links gone, hand-made links added, rejected conflicts cleared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from .model import Comparison, Conflict, Link, Ref, Status, link_key

__all__ = [
    "ConflictKey",
    "Decision",
    "LinkKey",
    "Review",
    "apply_review",
    "conflict_key",
    "link_key",
]

#: Order-independent identity of a link: its two ends, sorted.
LinkKey = tuple[Ref, Ref]
#: Identity of a conflict: its link, its kind and both sides' start offsets.
ConflictKey = tuple[LinkKey, str, int, int]


class Decision(StrEnum):
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


def conflict_key(link: Link, conflict: Conflict) -> ConflictKey:
    return (link.key, conflict.kind.value, conflict.a_span.start, conflict.b_span.start)


def _frozen(d: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(d))


@dataclass(frozen=True)
class Review:
    """Decisions on links and conflicts, hand-made links, and notes on sentences."""

    links: Mapping[LinkKey, Decision] = field(default_factory=lambda: _frozen({}))
    conflicts: Mapping[ConflictKey, Decision] = field(default_factory=lambda: _frozen({}))
    manual: tuple[LinkKey, ...] = ()
    notes: Mapping[Ref, str] = field(default_factory=lambda: _frozen({}))

    def __post_init__(self) -> None:
        for key in self.manual:
            if key[0][0] == key[1][0]:
                raise ValueError(f"manual link {key} joins an article to itself")
        for name in ("links", "conflicts", "notes"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    # -- changes: each returns a new Review -------------------------------------------

    def decide_link(self, key: LinkKey, decision: Decision | None) -> Review:
        links = dict(self.links)
        if decision is None:
            links.pop(key, None)
        else:
            links[key] = Decision(decision)
        return replace(self, links=links)

    def decide_conflict(self, key: ConflictKey, decision: Decision | None) -> Review:
        conflicts = dict(self.conflicts)
        if decision is None:
            conflicts.pop(key, None)
        else:
            conflicts[key] = Decision(decision)
        return replace(self, conflicts=conflicts)

    def add_link(self, a: Ref, b: Ref) -> Review:
        key = link_key(a, b)
        if key[0][0] == key[1][0]:
            raise ValueError("a link joins sentences of two different articles")
        if key in self.manual:
            return self
        links = {k: v for k, v in self.links.items() if k != key}
        return replace(self, manual=(*self.manual, key), links=links)

    def remove_link(self, key: LinkKey) -> Review:
        return replace(self, manual=tuple(k for k in self.manual if k != key))

    def set_note(self, ref: Ref, text: str) -> Review:
        notes = dict(self.notes)
        if text.strip():
            notes[tuple(ref)] = text  # type: ignore[index]
        else:
            notes.pop(tuple(ref), None)  # type: ignore[arg-type]
        return replace(self, notes=notes)

    @property
    def empty(self) -> bool:
        return not (self.links or self.conflicts or self.manual or self.notes)

    # -- plain data for sessions ------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "links": [
                {"a": list(k[0]), "b": list(k[1]), "decision": d.value}
                for k, d in sorted(self.links.items())
            ],
            "conflicts": [
                {
                    "a": list(k[0][0]),
                    "b": list(k[0][1]),
                    "kind": k[1],
                    "a_start": k[2],
                    "b_start": k[3],
                    "decision": d.value,
                }
                for k, d in sorted(self.conflicts.items())
            ],
            "manual": [{"a": list(k[0]), "b": list(k[1])} for k in self.manual],
            "notes": [{"ref": list(r), "text": t} for r, t in sorted(self.notes.items())],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Review:
        """Inverse of :meth:`to_dict`; raises KeyError/TypeError/ValueError on bad data."""

        def ref(x: Any) -> Ref:
            a, s = x
            if not (isinstance(a, int) and isinstance(s, int)):
                raise TypeError(f"sentence reference {x!r} is not two integers")
            return (a, s)

        links = {
            link_key(ref(d["a"]), ref(d["b"])): Decision(d["decision"])
            for d in data.get("links", [])
        }
        conflicts = {
            (
                link_key(ref(d["a"]), ref(d["b"])),
                str(d["kind"]),
                int(d["a_start"]),
                int(d["b_start"]),
            ): Decision(d["decision"])
            for d in data.get("conflicts", [])
        }
        manual = tuple(link_key(ref(d["a"]), ref(d["b"])) for d in data.get("manual", []))
        notes = {}
        for d in data.get("notes", []):
            if not isinstance(d["text"], str):
                raise TypeError("a note must be text")
            notes[ref(d["ref"])] = d["text"]
        return cls(links=links, conflicts=conflicts, manual=manual, notes=notes)


def apply_review(comparison: Comparison, review: Review) -> Comparison:
    """The comparison as the reviewer decided it. Pure: the engine's result is untouched."""
    from .compare import build_groups, link_pair

    if review.empty:
        return comparison
    n = len(comparison.articles)
    found = [lk for lk in comparison.links if review.links.get(lk.key) is not Decision.REJECTED]
    present = {lk.key for lk in found}
    for a, b in review.manual:
        if (a, b) in present or not (0 <= a[0] < n and 0 <= b[0] < n):
            continue
        if a[1] >= len(comparison.sentences[a[0]]) or b[1] >= len(comparison.sentences[b[0]]):
            continue
        made = link_pair(a, b, 1.0, comparison.articles, comparison.sentences, manual=True)
        if made is not None:
            found.append(made)
    links: list[Link] = []
    for link in found:
        kept = tuple(
            c
            for c in link.conflicts
            if review.conflicts.get(conflict_key(link, c)) is not Decision.REJECTED
        )
        if kept != link.conflicts:
            link = replace(link, conflicts=kept, status=Status.CONFLICT if kept else Status.SHARED)
        links.append(link)
    return replace(comparison, links=tuple(links), groups=build_groups(comparison.sentences, links))
