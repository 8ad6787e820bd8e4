"""Fact units: the clauses of a sentence, from its dependency parse.

A long news sentence often carries two or three facts: "…could be the first talks between
the two since the U.S. shot down a Chinese balloon, officials said." Embedding the whole
sentence blurs each of them, so the linker also compares clause-level units: the main
clause, conjoined clauses, complement, adverbial and relative clauses, and a quotation
apart from its attribution. A dateline ("WASHINGTON —") is a unit of its own that is never
compared.

Units tile the sentence: every token belongs to exactly one unit; a unit is the runs of its
tokens (an embedded clause can sit inside its parent), given as sentence-level spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Span
from .nlp import Parse, Token
from .segment import DATELINE
from .tokens import STOP_WORDS

__all__ = ["MIN_WORDS", "Unit", "fact_units"]

#: dependency labels whose verbal head starts a clause of its own
_CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "acl", "parataxis"})
_VERBAL = frozenset({"VERB", "AUX"})
#: a clause with fewer content words than this is folded into the clause it hangs on
MIN_WORDS = 3
_OPEN_QUOTES = '“"‘'
_CLOSE_QUOTES = '”"’'


@dataclass(frozen=True, slots=True)
class Unit:
    """One clause of a sentence: its token runs (sentence-level spans) and its kind."""

    runs: tuple[Span, ...]
    kind: str  #: "main", a dependency label ("ccomp", "relcl", ...), "quote" or "dateline"
    tokens: tuple[int, ...]

    def text(self, sentence: str) -> str:
        """The unit's words, runs joined by a space (what gets embedded)."""
        return " ".join(sentence[r.start : r.end] for r in self.runs)

    @property
    def extent(self) -> Span:
        """From the unit's first character to its last."""
        return Span(self.runs[0].start, self.runs[-1].end)

    @property
    def compared(self) -> bool:
        return self.kind != "dateline"


def _is_clause_head(tok: Token, parse: Parse) -> bool:
    if tok.is_root:
        return True
    if tok.dep not in _CLAUSE_DEPS or tok.pos not in _VERBAL:
        return False
    if tok.dep == "conj":  # "said X and Y": a conjoined verb, not a conjoined noun
        return parse.tokens[tok.head].pos in _VERBAL
    return True


def _content(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.text[:1].isalnum() and t.text.lower() not in STOP_WORDS)


def _quote_regions(parse: Parse) -> list[tuple[int, int]]:
    """Token ranges [first, last] inside quotation marks (curly or straight)."""
    regions, opened = [], None
    for t in parse.tokens:
        if opened is None and t.text in _OPEN_QUOTES:
            opened = t.i
        elif opened is not None and (t.text in _CLOSE_QUOTES or t.text.endswith("”")):
            if t.i - opened > 1:
                regions.append((opened + 1, t.i - 1))
            opened = None
    if opened is not None and len(parse.tokens) - opened > 2:  # a quote that runs on
        regions.append((opened + 1, len(parse.tokens) - 1))
    return regions


def fact_units(parse: Parse) -> tuple[Unit, ...]:
    """The clause units of a parsed sentence, in order of their first token.

    An unparsed sentence (``parse.parsed`` is False) is one unit, less its dateline.
    """
    toks = parse.tokens
    if not toks:
        return ()
    owner = [0] * len(toks)
    kind: dict[int, str] = {}
    dateline = DATELINE.match(parse.text)
    date_end = dateline.end() if dateline else 0
    heads = {t.i for t in toks if parse.parsed and _is_clause_head(t, parse)}
    for t in toks:
        x, seen = t.i, 0
        while x not in heads and toks[x].head != x and seen < len(toks):
            x, seen = toks[x].head, seen + 1
        owner[t.i] = x if x in heads else -1  # -1: an unparsed sentence's single unit
    for h in heads:
        kind[h] = "main" if toks[h].is_root else toks[h].dep
    kind.setdefault(-1, "main")

    # fold clauses too small to be a fact into the clause they hang on
    def depth(i: int) -> int:
        d = 0
        while toks[i].head != i and d < len(toks):
            i, d = toks[i].head, d + 1
        return d

    changed = True
    while changed:  # deepest clauses first, so a parent counts what was folded into it
        changed = False
        for h in sorted(heads, key=depth, reverse=True):
            if toks[h].is_root:
                continue
            members = [t for t in toks if owner[t.i] == h]
            if members and _content(members) < MIN_WORDS:
                parent = owner[toks[h].head]
                for t in members:
                    owner[t.i] = parent
                heads.discard(h)
                changed = True
    # a quotation of a few words or more is a unit apart from its attribution
    next_id = -2
    total = _content(list(toks))  # once: a long text can hold thousands of quotes
    for first, last in _quote_regions(parse):
        inside = list(toks[first : last + 1])
        words = _content(inside)
        if words >= MIN_WORDS and total - words >= 1:
            for t in inside:
                owner[t.i] = next_id
            kind[next_id] = "quote"
            next_id -= 1
    # the dateline is its own unit
    if date_end:
        for t in toks:
            if t.end <= date_end:
                owner[t.i] = next_id
        kind[next_id] = "dateline"
    groups: dict[int, list[int]] = {}
    for i, o in enumerate(owner):
        groups.setdefault(o, []).append(i)
    # a unit left with no content (punctuation around a quote) joins its neighbour
    units = []
    for o, idx in sorted(groups.items(), key=lambda kv: kv[1][0]):
        runs: list[Span] = []
        prev = None
        for i in idx:
            if prev is not None and i == prev + 1:
                runs[-1] = Span(runs[-1].start, toks[i].end)
            else:
                runs.append(Span(toks[i].start, toks[i].end))
            prev = i
        units.append(Unit(runs=tuple(runs), kind=kind.get(o, "main"), tokens=tuple(idx)))
    return tuple(units)
