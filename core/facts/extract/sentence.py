"""The sentence-wide extractors: tokens first, and the content words last."""

from __future__ import annotations

from typing import Any

from ..component import Component
from ..text import _tokenize
from ..words import _DEMONYMS, _STOP, _WORD_SYNONYMS


class Tokens(Component):
    """Words, numbers and punctuation with offsets and light stems."""

    name = "tokens"
    requires = ("text",)
    assigns = ("toks",)

    def __call__(self, state: dict[str, Any]) -> None:
        state["toks"] = _tokenize(state["text"])


class Content(Component):
    """Content stems outside speaker phrases, and every word lower-cased (for lookups)."""

    name = "content"
    requires = ("toks", "speakers")
    assigns = ("content", "lowered")

    def __call__(self, state: dict[str, Any]) -> None:
        toks = state["toks"]
        sp_spans = [s.span for s in state["speakers"]]
        state["content"] = frozenset(
            _WORD_SYNONYMS.get(t.low, t.stem)
            for t in toks
            if t.is_word
            and t.low not in _STOP
            and not any(s.start <= t.start < s.end for s in sp_spans)
        )
        lowered = frozenset(t.low.replace("’", "'").removesuffix("'s") for t in toks if t.is_word)
        state["lowered"] = lowered | frozenset(_DEMONYMS[w] for w in lowered if w in _DEMONYMS)
