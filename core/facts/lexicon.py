"""The facts package's data files (``factdiff.resources``): antonyms, first-name short
forms and the cue words of the parse-based checks, read once on first use."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

__all__ = ["antonyms", "cues", "nicknames"]


def _lines(name: str) -> list[list[str]]:
    text = files("factdiff.resources").joinpath(name).read_text(encoding="utf-8")
    return [ln.split() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def antonyms() -> dict[str, frozenset[str]]:
    """Lemma -> its opposites (symmetric).

    >>> "fall" in antonyms()["rise"] and "rise" in antonyms()["fall"]
    True
    """
    out: dict[str, set[str]] = {}
    for row in _lines("facts_antonyms.txt"):
        x, y = row[0], row[1]
        out.setdefault(x, set()).add(y)
        out.setdefault(y, set()).add(x)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def nicknames() -> dict[str, frozenset[str]]:
    """First name or short form -> the full first names it can stand for.

    >>> sorted(nicknames()["pat"]), sorted(nicknames()["william"])
    (['patricia', 'patrick'], ['william'])
    """
    out: dict[str, set[str]] = {}
    for row in _lines("facts_nicknames.txt"):
        for name in row:
            out.setdefault(name, set()).add(row[0])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def cues() -> dict[str, frozenset[str]]:
    """Named cue lists (negators, modals, hedges, ...), each a set of lemmas."""
    data = json.loads(files("factdiff.resources").joinpath("facts_cues.json").read_text("utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}
