"""The learned link scorer: features of a sentence pair and the probability that the two
report a common fact.

The features describe a pair against the whole pair of articles, not alone: sentence cosine,
the best cosine of their clause units, IDF-weighted word overlap, shared names, figures and
quoted words, and where the pair stands in its row and column (rank, margin over the next
best, distance above the sentence's background level). A logistic regression over them was
trained on labelled real news by ``bench/train_scorer.py``; its parameters ship as
``resources/link_scorer.json`` with the data it saw and its figures. Applying it needs
only numpy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from .nlp import Parse
from .tokens import MONTHS, STOP_WORDS, WEEKDAYS, stem
from .units import Unit, fact_units

__all__ = [
    "FEATURES",
    "LinkScorer",
    "SentenceInfo",
    "best_units",
    "default_scorer",
    "pair_features",
    "sentence_info",
    "overlap",
    "which_units",
]

#: feature names, in the order of the model's coefficients
FEATURES = (
    "cos",
    "unit_cos",
    "lex",
    "ent_shared",
    "ent_jaccard",
    "ent_clash",
    "num_shared",
    "num_clash",
    "quote_shared",
    "row_rank",
    "col_rank",
    "row_margin",
    "col_margin",
    "row_z",
    "col_z",
    "unit_row_z",
    "unit_col_z",
    "len_min",
    "lex_mass",
    "pos_diff",
    "neighbour",
    "lead",
    "root_match",
    "bigram",
    "quote_both",
    "quote_clash",
    "date_shared",
)
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
_NUM_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DIGITS = re.compile(r"\d[\d,.]*")
_DATE_LABELS = frozenset({"DATE", "TIME"})
_MONTHS = {m[:3]: m for m in MONTHS} | {"sept": "september"}
_DAY_WORDS = frozenset(WEEKDAYS) | {"today", "yesterday", "tomorrow", "tonight"}
_OPEN = "“\"‘"
_CLOSE = "”\"’"


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """What the scorer reads of one sentence besides its vector."""

    units: tuple[Unit, ...]  #: the compared clause units (datelines left out)
    names: frozenset[str]  #: name keys: each word of each named entity, stemmed
    numbers: frozenset[str]  #: figures as written, digits only ("1,200" -> "1200")
    quoted: frozenset[str]  #: content stems inside quotation marks
    words: int  #: word tokens in the sentence
    roots: frozenset[str] = frozenset()  #: lemmas of the clause heads (main verbs)
    bigrams: frozenset[tuple[str, str]] = frozenset()  #: adjacent content stems
    #: the words of its dates and times: weekdays, months (written out), day and year
    #: figures, "today" / "yesterday" ("on Sept. 5" -> {"september", "5"})
    dates: frozenset[str] = frozenset()


def sentence_info(parse: Parse) -> SentenceInfo:
    """Read the scorer's inputs off a parse (an unparsed sentence gives fewer names)."""
    toks = parse.tokens
    names: set[str] = set()
    numbers: set[str] = set()
    for start, end, label in parse.ents:
        if label in _NAME_LABELS:
            for t in toks[start:end]:
                w = t.text.lower().strip(".’'")
                if w and w not in STOP_WORDS and w[:1].isalpha():
                    names.add(stem(w))
    for t in toks:
        if _DIGITS.fullmatch(t.text) and (t.ent in _NUM_LABELS or t.pos == "NUM" or not t.pos):
            numbers.add(t.text.replace(",", "").rstrip("."))
    dates: set[str] = set()
    for start, end, label in parse.ents:
        if label in _DATE_LABELS:
            for t in toks[start:end]:
                w = t.text.lower().rstrip(".")
                if w in _DAY_WORDS:
                    dates.add(w)
                elif w[:3] in _MONTHS and _MONTHS[w[:3]].startswith(w):
                    dates.add(_MONTHS[w[:3]])
                elif w.isdigit() and len(w) <= 4:
                    dates.add(w.lstrip("0") or "0")
    quoted: set[str] = set()
    inside = False
    for t in toks:
        if t.text in _OPEN and not inside:
            inside = True
        elif t.text in _CLOSE or t.text.endswith("”"):
            inside = False
        elif inside and t.text[:1].isalpha() and t.text.lower() not in STOP_WORDS:
            quoted.add(stem(t.text.lower()))
    units = tuple(u for u in fact_units(parse) if u.compared)
    words = sum(1 for t in toks if t.text[:1].isalnum())
    roots = frozenset(
        t.lemma.lower()
        for t in toks
        if t.pos in ("VERB", "AUX") and (t.is_root or t.dep in ("ccomp", "conj", "advcl"))
        and t.lemma.lower() not in ("say", "be", "have", "tell")
    )
    content = [
        stem(t.text.lower()) for t in toks
        if t.text[:1].isalnum() and t.text.lower() not in STOP_WORDS
    ]
    bigrams = frozenset(zip(content, content[1:], strict=False))
    return SentenceInfo(
        units, frozenset(names), frozenset(numbers), frozenset(quoted), words, roots, bigrams,
        frozenset(dates),
    )


def best_units(
    unit_vecs_a: Sequence[np.ndarray], unit_vecs_b: Sequence[np.ndarray]
) -> np.ndarray:
    """Best clause-unit cosine of every sentence pair, shape ``(n, m)``.

    ``unit_vecs_a[i]`` holds the unit vectors of sentence ``i`` (at least one row: a
    sentence of one unit gives its sentence vector).
    """
    n, m = len(unit_vecs_a), len(unit_vecs_b)
    if not n or not m:
        return np.zeros((n, m), dtype=np.float32)
    sims = np.concatenate(unit_vecs_a) @ np.concatenate(unit_vecs_b).T
    starts_a = np.r_[0, np.cumsum([len(u) for u in unit_vecs_a])[:-1]]
    starts_b = np.r_[0, np.cumsum([len(u) for u in unit_vecs_b])[:-1]]
    rows = np.maximum.reduceat(sims, starts_a, axis=0)
    best = np.maximum.reduceat(rows, starts_b, axis=1)
    return np.clip(best, -1.0, 1.0).astype(np.float32)


def which_units(ua: np.ndarray, ub: np.ndarray) -> tuple[int, int]:
    """The pair of units (row of ``ua``, row of ``ub``) with the highest cosine."""
    sims = ua @ ub.T
    k = int(np.argmax(sims))
    return divmod(k, sims.shape[1])


def _rank(mat: np.ndarray, axis: int) -> np.ndarray:
    order = np.argsort(-mat, axis=axis, kind="stable")
    ranks = np.empty_like(order)
    if axis == 1:
        np.put_along_axis(ranks, order, np.arange(mat.shape[1])[None, :], axis=1)
    else:
        np.put_along_axis(ranks, order, np.arange(mat.shape[0])[:, None], axis=0)
    return ranks


def _margin(mat: np.ndarray, axis: int) -> np.ndarray:
    """Each cell minus the best other cell of its row (axis=1) or column (axis=0)."""
    if mat.shape[axis] < 2:
        return mat.copy()
    top2 = -np.partition(-mat, 1, axis=axis)
    first = np.take(top2, [0], axis=axis)
    second = np.take(top2, [1], axis=axis)
    other = np.where(mat >= first, second, first)
    return mat - other


def _z(mat: np.ndarray, axis: int) -> np.ndarray:
    mean = mat.mean(axis=axis, keepdims=True)
    std = mat.std(axis=axis, keepdims=True)
    return (mat - mean) / np.maximum(std, 0.02)


def overlap(
    sets_a: Sequence[frozenset[str]],
    sets_b: Sequence[frozenset[str]],
    weight: Callable[[str], float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """For every pair (i, j): how many items ``sets_a[i]`` and ``sets_b[j]`` share, and
    the sum of ``weight`` over them (zeros without ``weight``), as two ``(n, m)`` float32
    matrices; one product of 0/1 indicator matrices instead of n x m set intersections.

    >>> c, w = overlap([frozenset("ab"), frozenset()], [frozenset("bc")], lambda x: 0.5)
    >>> c.tolist(), w.tolist()
    ([[1.0], [0.0]], [[0.5], [0.0]])
    """
    n, m = len(sets_a), len(sets_b)
    vocab = {x: k for k, x in enumerate(sorted(set().union(*sets_a) & set().union(*sets_b)))}
    if not n or not m or not vocab:
        zeros = np.zeros((n, m), dtype=np.float32)
        return zeros, zeros.copy()
    ind_a = np.zeros((n, len(vocab)), dtype=np.float32)
    ind_b = np.zeros((m, len(vocab)), dtype=np.float32)
    for ind, sets in ((ind_a, sets_a), (ind_b, sets_b)):
        for row, items in enumerate(sets):
            cols = [vocab[x] for x in items if x in vocab]
            ind[row, cols] = 1.0
    shared = ind_a @ ind_b.T
    if weight is None:
        return shared, np.zeros((n, m), dtype=np.float32)
    wv = np.array([weight(x) for x in vocab], dtype=np.float32)
    return shared, (ind_a * wv) @ ind_b.T


def pair_features(
    sem: np.ndarray,
    unit: np.ndarray,
    lex: np.ndarray,
    info_a: Sequence[SentenceInfo],
    info_b: Sequence[SentenceInfo],
    *,
    weights: Mapping[str, float] | None = None,
    lex_words: tuple[Sequence[frozenset[str]], Sequence[frozenset[str]]] | None = None,
) -> np.ndarray:
    """Features of every sentence pair of two articles, shape ``(n, m, len(FEATURES))``.

    ``sem`` is the sentence cosine matrix, ``unit`` the best unit cosine, ``lex`` the
    IDF-weighted word overlap.
    """
    n, m = sem.shape
    out = np.zeros((n, m, len(FEATURES)), dtype=np.float32)
    if not n or not m:
        return out
    w = weights or {}

    def weight(x: str) -> float:
        return min(w.get(x, 4.0), 16.0) / 16.0

    def count(sa: Sequence[frozenset], sb: Sequence[frozenset]) -> np.ndarray:
        return overlap(sa, sb)[0]

    roots = np.minimum(count([a.roots for a in info_a], [b.roots for b in info_b]), 1.0)
    bigram = np.minimum(count([a.bigrams for a in info_a], [b.bigrams for b in info_b]), 3.0)
    date_shared = np.minimum(count([a.dates for a in info_a], [b.dates for b in info_b]), 1.0)
    names_a, names_b = [a.names for a in info_a], [b.names for b in info_b]
    both, ent_shared = overlap(names_a, names_b, weight)
    size_a = np.array([len(x) for x in names_a], dtype=np.float32)[:, None]
    size_b = np.array([len(x) for x in names_b], dtype=np.float32)[None, :]
    union = size_a + size_b - both
    ent_jacc = np.divide(both, union, out=np.zeros_like(both), where=union > 0)
    ent_clash = ((size_a > 0) & (size_b > 0) & (both == 0)).astype(np.float32)
    nums_a = np.array([bool(a.numbers) for a in info_a])[:, None]
    nums_b = np.array([bool(b.numbers) for b in info_b])[None, :]
    num_shared = count([a.numbers for a in info_a], [b.numbers for b in info_b])
    num_clash = (nums_a & nums_b & (num_shared == 0)).astype(np.float32)
    q_a = np.array([len(a.quoted) for a in info_a], dtype=np.float32)[:, None]
    q_b = np.array([len(b.quoted) for b in info_b], dtype=np.float32)[None, :]
    q_min = np.minimum(q_a, q_b)
    q_both = count([a.quoted for a in info_a], [b.quoted for b in info_b])
    quote = np.divide(q_both, q_min, out=np.zeros_like(q_both), where=q_min > 0)
    # both quote someone, and do the quotations share a word? (quote_shared alone is 0
    # for two unquoted sentences as for two different remarks)
    quote_both = (q_min > 0).astype(np.float32)
    quote_clash = ((q_min > 0) & (q_both == 0)).astype(np.float32)
    lex_mass = np.zeros((n, m), dtype=np.float32)
    if lex_words is not None:
        lex_mass = overlap(lex_words[0], lex_words[1], weight)[1]
    pos_a = np.arange(n, dtype=np.float32) / max(n - 1, 1)
    pos_b = np.arange(m, dtype=np.float32) / max(m - 1, 1)
    pad = np.pad(sem, 1, constant_values=0.0)
    neighbour = np.maximum(pad[:-2, :-2], pad[2:, 2:])
    lead = ((np.arange(n) < 3)[:, None] & (np.arange(m) < 3)[None, :]).astype(np.float32)
    len_a = np.array([x.words for x in info_a], dtype=np.float32)
    len_b = np.array([x.words for x in info_b], dtype=np.float32)
    cols = {
        "cos": sem,
        "unit_cos": unit,
        "lex": lex,
        "ent_shared": ent_shared,
        "ent_jaccard": ent_jacc,
        "ent_clash": ent_clash,
        "num_shared": np.minimum(num_shared, 3.0),
        "num_clash": num_clash,
        "quote_shared": quote,
        "row_rank": np.log1p(_rank(sem, 1)).astype(np.float32),
        "col_rank": np.log1p(_rank(sem, 0)).astype(np.float32),
        "row_margin": _margin(sem, 1),
        "col_margin": _margin(sem, 0),
        "row_z": _z(sem, 1),
        "col_z": _z(sem, 0),
        "unit_row_z": _z(unit, 1),
        "unit_col_z": _z(unit, 0),
        "len_min": np.log1p(np.minimum(len_a[:, None], len_b[None, :])),
        "lex_mass": np.minimum(lex_mass, 4.0),
        "pos_diff": np.abs(pos_a[:, None] - pos_b[None, :]),
        "neighbour": neighbour,
        "lead": lead,
        "root_match": roots,
        "bigram": bigram,
        "quote_both": quote_both,
        "quote_clash": quote_clash,
        "date_shared": date_shared,
    }
    for k, name in enumerate(FEATURES):
        out[:, :, k] = cols[name]
    return out


class LinkScorer:
    """A logistic regression over :data:`FEATURES`, read from its JSON parameters."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        names = tuple(params["features"])
        if names != FEATURES:
            raise ValueError(f"scorer features {names} do not match this engine's {FEATURES}")
        self.params = dict(params)
        self.name = str(params.get("name", "link-scorer"))
        self.mean = np.asarray(params["mean"], dtype=np.float64)
        self.scale = np.asarray(params["scale"], dtype=np.float64)
        self.coef = np.asarray(params["coef"], dtype=np.float64)
        self.intercept = float(params["intercept"])
        self.threshold = float(params.get("threshold", 0.5))

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(the pair shares a fact) for feature rows of shape ``(..., len(FEATURES))``."""
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@cache
def default_scorer() -> LinkScorer:
    """The scorer that ships in ``factdiff.resources`` (trained on the dev split)."""
    text = resources.files("factdiff.resources").joinpath("link_scorer.json").read_text("utf-8")
    return LinkScorer(json.loads(text))
