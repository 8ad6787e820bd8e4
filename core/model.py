"""Typed results of a comparison: articles, sentences, links, conflicts, fact groups.

Every class here is a frozen dataclass that checks its own invariants when built, so a
view, the JSON writer or a session can trust what it is given. Spans are character
offsets into the article text (``text[start:end]``), so every view can highlight exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Article",
    "Candidate",
    "Comparison",
    "Conflict",
    "ConflictKind",
    "FactGroup",
    "Link",
    "Ref",
    "Sentence",
    "Settings",
    "Span",
    "Status",
    "link_key",
    "LEGACY_SCORER",
]

#: The hand-weighted score of format-1 comparisons: ``w * cosine + (1 - w) * overlap``.
LEGACY_SCORER = "weighted-v1"

#: A sentence address: ``(article index, sentence index)``.
Ref = tuple[int, int]


def link_key(a: Ref, b: Ref) -> tuple[Ref, Ref]:
    """Order-independent identity of a link between ``a`` and ``b``: its ends, sorted."""
    a, b = (a[0], a[1]), (b[0], b[1])  # JSON gives lists
    return (a, b) if a <= b else (b, a)


class Status(StrEnum):
    """What a sentence (or a link) is, after comparison."""

    SHARED = "shared"  #: another outlet reports the same fact and agrees
    ADDED = "added"  #: no other outlet reports it
    CONFLICT = "conflict"  #: another outlet reports it and disagrees


class ConflictKind(StrEnum):
    """The kind of disagreement between two aligned sentences."""

    NUMBER = "number"
    DATE = "date"
    ENTITY = "entity"
    POLARITY = "polarity"
    ATTRIBUTION = "attribution"
    QUOTE = "quote"  #: the same quotation in different words
    CERTAINTY = "certainty"  #: softer: possible/planned in one, done in the other

    @property
    def soft(self) -> bool:
        """Soft kinds are worth a look but are not contradictions."""
        return self is ConflictKind.CERTAINTY


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into some text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def shift(self, offset: int) -> Span:
        """This span moved by ``offset`` characters (sentence -> article offsets)."""
        return Span(self.start + offset, self.end + offset)

    def __len__(self) -> int:
        return self.end - self.start


def _source_name(source: str) -> str:
    """The file name of a path or URL (``stdin`` and ``clipboard`` stay as they are)."""
    source = source.strip()
    if "://" in source:
        rest = source.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0]
        host, _, path = rest.partition("/")
        return path.rstrip("/").rsplit("/", 1)[-1] or host
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its exact text and what is known about where it came from."""

    text: str
    outlet: str = ""
    title: str = ""
    date: dt.date | None = None
    url: str = ""
    source: str = ""  #: file path, "stdin", "clipboard" or the URL it was loaded from
    encoding: str = "utf-8"  #: the encoding the text was decoded from

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError("Article.text must be str")
        if self.date is not None and not isinstance(self.date, dt.date):
            raise TypeError("Article.date must be a datetime.date or None")

    @property
    def label(self) -> str:
        """A short human name: the outlet, else the file name of the source, else the title.

        >>> Article("x", source="/long/path/000_b8a0.txt").label
        '000_b8a0.txt'
        >>> Article("x", source="https://example.com/news/bridge.html?ref=rss").label
        'bridge.html'
        """
        return self.outlet or _source_name(self.source) or self.title or "article"

    @property
    def digest(self) -> str:
        """SHA-256 of the text: identifies the text in caches and sessions."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, with its exact span into the article text."""

    index: int
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end):
            raise ValueError(f"sentence {self.index}: bad span [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"sentence {self.index}: text length does not match its span")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


#: A conflict of a hard kind is shown as a conflict only from this confidence up; under
#: it, as "possible" (with the reason in the tooltip). The confidence combines the
#: check's kind, how surely the two slots fill the same role and the link's probability;
#: the level is set on the dev split by ``bench/eval_real.py --show-sweep``: the lowest
#: level whose shown false alarms are at most 0.2 per article pair there.
SHOW_LEVEL = 0.75


@dataclass(frozen=True, slots=True)
class Conflict:
    """One disagreement between two aligned sentences, with both sides' words.

    Spans are article-level character offsets; ``a_text``/``b_text`` are the exact
    words at those spans.
    """

    kind: ConflictKind
    a_span: Span
    b_span: Span
    a_text: str
    b_text: str
    explanation: str
    confidence: float = 1.0

    def __post_init__(self) -> None:
        kind: object = self.kind
        if not isinstance(kind, ConflictKind):  # a plain string from JSON
            object.__setattr__(self, "kind", ConflictKind(str(kind)))
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1]")
        a_len = self.a_span.end - self.a_span.start  # not len(): a hand-edited file may
        b_len = self.b_span.end - self.b_span.start  # hold offsets beyond sys.maxsize
        if len(self.a_text) != a_len or len(self.b_text) != b_len:
            raise ValueError("conflict text does not match its span")

    @property
    def soft(self) -> bool:
        """The kind is the softer one (certainty): a difference, not a contradiction."""
        return self.kind.soft

    @property
    def possible(self) -> bool:
        """Shown as "possible", not as a conflict: a softer kind, or under :data:`SHOW_LEVEL`."""
        return self.kind.soft or self.confidence < SHOW_LEVEL

    @property
    def show_level_note(self) -> str:
        """Why a hard-kind conflict is shown only as "possible" ("" for any other)."""
        if self.kind.soft or self.confidence >= SHOW_LEVEL:
            return ""
        return f"possible: confidence {self.confidence:.2f}, under the show level {SHOW_LEVEL:.2f}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored sentence pair before the threshold is applied.

    Kept in the comparison so that a new threshold re-classifies without re-encoding.
    """

    a: Ref
    b: Ref
    semantic: float  #: cosine similarity of the embeddings
    lexical: float  #: content-word overlap in [0, 1]
    score: float  #: the combined score the threshold applies to
    #: the typical score of these two sentences against the rest of the other article (the
    #: topic level); a link must rise above it by ``Settings.min_gain``
    background: float = 0.0
    unit: float = 0.0  #: the best cosine of the two sentences' clause units

    def __post_init__(self) -> None:
        if self.a[0] >= self.b[0]:
            raise ValueError(f"candidate {self.a}->{self.b}: a must be the earlier article")


@dataclass(frozen=True, slots=True)
class Link:
    """Two sentences in different articles that report the same fact."""

    a: Ref
    b: Ref
    score: float
    status: Status  #: SHARED or CONFLICT
    conflicts: tuple[Conflict, ...] = ()
    a_details: tuple[Span, ...] = ()  #: article-level spans of details only ``a`` gives
    b_details: tuple[Span, ...] = ()  #: article-level spans of details only ``b`` gives
    manual: bool = False  #: linked by a reviewer, not by the engine
    #: article-level spans of the clause units that matched best (the shared fact inside
    #: each sentence); None when the whole sentence is the unit or the link is manual
    a_unit: Span | None = None
    b_unit: Span | None = None

    def __post_init__(self) -> None:
        if self.a[0] == self.b[0]:
            raise ValueError(f"link {self.a}->{self.b} joins an article to itself")
        if self.status is Status.ADDED:
            raise ValueError("a link is shared or conflict, never added")
        if (self.status is Status.CONFLICT) != bool(self.conflicts):
            raise ValueError(f"link {self.a}->{self.b}: status {self.status} vs conflicts")

    @property
    def key(self) -> tuple[Ref, Ref]:
        """Order-independent identity of the link, used by review decisions."""
        return link_key(self.a, self.b)

    def other(self, ref: Ref) -> Ref:
        """The end of this link that is not ``ref``."""
        if ref == self.a:
            return self.b
        if ref == self.b:
            return self.a
        raise KeyError(ref)

    @property
    def hard_conflicts(self) -> tuple[Conflict, ...]:
        """The conflicts shown as conflicts (not "possible": see :attr:`Conflict.possible`)."""
        return tuple(c for c in self.conflicts if not c.possible)


@dataclass(frozen=True, slots=True)
class FactGroup:
    """One fact and the sentences that carry it, across any number of articles."""

    members: tuple[Ref, ...]
    status: Status

    def articles(self) -> set[int]:
        return {a for a, _ in self.members}


@dataclass(frozen=True, slots=True)
class Settings:
    """The knobs a comparison ran with; stored with it so a session can tell if it is stale."""

    model: str = "all-MiniLM-L6-v2"
    #: the link scorer: the learned one (``resources/link_scorer.json``), or
    #: :data:`LEGACY_SCORER`, the hand-set combination of sessions saved before it
    scorer: str = "logreg-real-v2"
    #: what a candidate needs to become a link: the scorer's probability that the two
    #: sentences share a fact (the legacy scorer: its combined score)
    threshold: float = 0.4
    semantic_weight: float = 0.7  #: weight of the cosine in the combined score
    floor: float = 0.05  #: candidates below this are not kept at all
    margin: float = 1.0  #: how far below a sentence's best match another match may be
    #: how far a link must rise above the topic level (background); the legacy scorer
    #: only: the learned one reads the background among its features
    min_gain: float = 0.15
    max_fanout: int = 4  #: most links one sentence may have into one other article
    #: a pair that disagrees must score at least this to be one fact in dispute; below
    #: it, two loosely similar sentences with different facts are two different facts
    conflict_floor: float = 0.0

    def __post_init__(self) -> None:
        for name in (
            "threshold",
            "semantic_weight",
            "floor",
            "margin",
            "min_gain",
            "conflict_floor",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name}={value} outside [0, 1]")
        fanout: object = self.max_fanout
        if isinstance(fanout, float) and fanout.is_integer():
            object.__setattr__(self, "max_fanout", int(fanout))  # from JSON numbers
        if not (isinstance(self.max_fanout, int) and self.max_fanout >= 1):
            raise ValueError(f"max_fanout={self.max_fanout} must be a positive integer")


@dataclass(frozen=True)
class Comparison:
    """Two or more articles, their sentences, and the links the engine found between them."""

    articles: tuple[Article, ...]
    sentences: tuple[tuple[Sentence, ...], ...]
    candidates: tuple[Candidate, ...]
    links: tuple[Link, ...]
    groups: tuple[FactGroup, ...]
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        if len(self.articles) != len(self.sentences):
            raise ValueError("one sentence list per article")
        for art, sents in zip(self.articles, self.sentences, strict=True):
            for i, sent in enumerate(sents):
                if sent.index != i or art.text[sent.start : sent.end] != sent.text:
                    raise ValueError(f"sentence {i} of {art.label!r} does not match the text")
        for link in self.links:
            for a, s in (link.a, link.b):
                if not (0 <= a < len(self.articles) and 0 <= s < len(self.sentences[a])):
                    raise ValueError(f"link to missing sentence {(a, s)}")

    # -- queries the views need -------------------------------------------------------

    def sentence(self, ref: Ref) -> Sentence:
        return self.sentences[ref[0]][ref[1]]

    def links_of(self, ref: Ref) -> list[Link]:
        """Every link that has ``ref`` at one end."""
        return self._index().get(ref, [])

    def pair_links(self, i: int, j: int) -> list[Link]:
        """Links between article ``i`` and article ``j`` (either order)."""
        return [lk for lk in self.links if {lk.a[0], lk.b[0]} == {i, j}]

    def status(self, ref: Ref, *, among: Iterable[int] | None = None) -> Status:
        """A sentence's status; ``among`` limits the counterparts to those articles."""
        allowed = None if among is None else set(among)
        found = Status.ADDED
        for link in self.links_of(ref):
            if allowed is not None and link.other(ref)[0] not in allowed:
                continue
            if link.status is Status.CONFLICT:
                return Status.CONFLICT
            found = Status.SHARED
        return found

    def statuses(self, article: int, *, among: Iterable[int] | None = None) -> list[Status]:
        among = None if among is None else list(among)
        return [self.status((article, s.index), among=among) for s in self.sentences[article]]

    def counts(self) -> dict[Status, int]:
        """Sentences per status, over all articles."""
        out = dict.fromkeys(Status, 0)
        for a in range(len(self.articles)):
            for st in self.statuses(a):
                out[st] += 1
        return out

    def conflicts(self) -> Iterator[tuple[Link, Conflict]]:
        for link in self.links:
            for c in link.conflicts:
                yield link, c

    def _index(self) -> dict[Ref, list[Link]]:
        cached = self.__dict__.get("_link_index")
        if cached is None:
            cached = {}
            for link in self.links:
                cached.setdefault(link.a, []).append(link)
                cached.setdefault(link.b, []).append(link)
            object.__setattr__(self, "_link_index", cached)
        return cached
