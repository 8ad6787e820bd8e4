"""The public record types: what one sentence states, and the check of a pair."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..model import Conflict, Span
from ..nlp import Parse


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit and the noun it counts; ``low``/``high`` bound its value."""

    span: Span  #: the number with qualifier and unit ("more than 10", "$1.5 billion")
    text: str
    low: float
    high: float
    dim: str  #: count, money:USD, percent, pp, age, length, mass, speed, area, ...
    unit: str  #: the unit as written, normalised ("km", "mile", "")
    context: frozenset[str]  #: stems of the nouns and verbs around it
    pair: tuple[float, float] | None = None  #: a score or tally ("3-1", "220 to 212")
    detail: Span | None = None  #: the span with the counted noun, for underlining
    written: float = 0.0  #: the value as written, in the base unit ("about 12,000" -> 12000)
    step: float = 0.0  #: the precision it is written to ("12,000" -> 1000, "1.2m" -> 1e5)
    bound: bool = False  #: a bound ("more than", "up to", "nearly"), not a point estimate
    #: "" for a reported value; "proposal" for one sought or demanded; "part" for a share
    #: of one named before it ("Of that, $3 billion")
    role: str = ""
    #: the noun a count is fused with ("ten-man", "nine-member"): it counts only that
    compound: str = ""
    #: a count told by its order of magnitude ("dozens", "tens of thousands"): a range
    #: against a figure; against another such count, no disagreement ("thousands of
    #: dollars" of "tens of thousands of dollars" is still true)
    vague: bool = False

    @property
    def value(self) -> float:
        if math.isinf(self.high):
            return self.low
        return (self.low + self.high) / 2


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date or time expression, resolved to an interval when the publication date is known.

    ``lo``/``hi`` are inclusive day bounds; ``fields`` holds what the words say on their
    own (year, month, day, weekday); ``minutes`` is a time-of-day range for times.
    """

    span: Span
    text: str
    role: str  #: point, since, until; report: when something was said, not when it happened
    lo: dt.date | None = None
    hi: dt.date | None = None
    alts: tuple[tuple[dt.date, dt.date], ...] = ()  #: other readings (bare weekdays)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    days: tuple[int, int] | None = None  #: a day range within the month ("June 12-13")
    weekday: int | None = None
    minutes: tuple[int, int] | None = None
    level: int = 0  #: 0 day, 1 week, 2 month, 3 year, 4 decade, -1 time of day
    approx: bool = False

    @property
    def is_time(self) -> bool:
        return self.minutes is not None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, place or organisation mention with its role in the sentence."""

    span: Span
    text: str
    key: str  #: normalised name: titles, "the", possessive dropped; aliases resolved
    tokens: frozenset[str]
    role: str  #: subj, poss, mod, appos, obj, a preposition ("in", "from"), other
    titles: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement is credited to: a named entity, a role ("the mayor") or a pronoun."""

    span: Span
    text: str
    names: tuple[Entity, ...]  #: named head ("Senator Collins"), empty for a role
    head: str  #: stem of the head noun for a role ("mayor"), "" for a name
    roles: frozenset[str]  #: stems of role and title words
    pronoun: bool = False
    others: tuple[str, ...] = ()  #: keys of other names in the phrase ("the mayor of Chicago")
    kind: str = ""  #: the kind of source a role names ("military", "health", "local", ...)
    #: named by "according to": who passed the words on when the sentence also says who
    #: spoke ("the speaker said, according to a reporter")
    relayed: bool = False
    #: the role a name is in apposition to ("the Interior Minister" of "the Interior
    #: Minister, X, said"): part of the phrase, named by no name of its own
    role_span: Span | None = None


@dataclass(frozen=True, slots=True)
class _Mark:
    """A word with a polarity or certainty mark (negated, planned, done)."""

    stem: str
    span: Span  #: the cue and the word ("not attend", "possible meeting")
    word: Span  #: the word alone


@dataclass(frozen=True)
class Facts:
    """What one sentence states, with sentence-level spans. Cheap to build; cache per sentence."""

    text: str
    published: dt.date | None
    quantities: tuple[Quantity, ...]
    dates: tuple[DateFact, ...]
    entities: tuple[Entity, ...]
    speakers: tuple[Speaker, ...]
    negated: tuple[_Mark, ...]
    planned: tuple[_Mark, ...]
    done: tuple[_Mark, ...]
    plain: tuple[_Mark, ...]  #: content words outside any negation, with spans
    subject: str  #: entity key or head noun of the main clause's subject ("" if unknown)
    subject_span: Span | None
    predicate: str  #: stem of the main verb
    content: frozenset[str]  #: content stems outside speaker phrases
    lowered: frozenset[str]  #: every word, lower-cased (entity lookups)
    #: reporting frames ("told the BBC", "in a statement on Monday"): who was told and
    #: when it was said, which are not facts about the event
    frames: tuple[Span, ...] = ()
    #: side clauses about another actor (", who beat Holloway 2-0 on Friday,") with the key
    #: of the name they describe
    asides: tuple[tuple[Span, str], ...] = ()
    #: the sentence's dependency parse (core.nlp), when the caller had one; None compares
    #: the sentence without it, by the patterns alone
    parse: Parse | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.parse is not None and self.parse.text != self.text:
            raise ValueError("the parse is of another text")


@dataclass(frozen=True)
class FactResult:
    """The fact check of one aligned pair.

    Spans are sentence-level offsets; the pipeline shifts them to article offsets.
    """

    conflicts: tuple[Conflict, ...]
    a_details: tuple[Span, ...]  #: details only ``a`` gives
    b_details: tuple[Span, ...]
    compatible: bool = True  #: False when the sentences cannot be the same fact
    #: True when both sentences had a parse; False: compared by the patterns alone (a
    #: sentence too long to parse, or spaCy unavailable), without roles or scope
    parsed: bool = False
