"""Links and conflicts as rows for editors: CSV and JSON, plus the numbering the PDF uses.

Every row carries the fact number ``[n]`` that the PDF and HTML exports print next to
counterpart sentences, so a spreadsheet row and a highlighted page point at each other.
Rows list every link the engine found (rejected ones too, marked so) and every link a
reviewer made, with both sentences, each conflict's two wordings and explanation, the
reviewer's decisions and the notes on both sentences. No Qt here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .facts.names import names_in, told_by
from .model import Comparison, Link, Ref, Span, Status
from .review import Review, apply_review, conflict_key
from .tokens import MONTHS, STOP_WORDS, WEEKDAYS, word_stems

__all__ = [
    "CSV_COLUMNS",
    "ConflictRow",
    "LinkRow",
    "NoteRow",
    "WHOLE_SENTENCE",
    "clause_marks",
    "fact_numbers",
    "link_rows",
    "links_csv",
    "links_json",
    "note_rows",
    "one_sided_details",
    "sentence_kinds",
]


@dataclass(frozen=True)
class ConflictRow:
    kind: str  #: number, date, entity, polarity, attribution, quote, certainty
    soft: bool  #: certainty: worth a look, not a contradiction
    a_text: str  #: the exact words on side a
    b_text: str
    explanation: str
    confidence: float
    a_span: tuple[int, int]  #: where ``a_text`` is in article ``a``'s text
    b_span: tuple[int, int]
    decision: str  #: "confirmed", "rejected" or "" (not reviewed)
    shown: bool  #: highlighted in the reviewed view (neither it nor its link rejected)
    #: shown as "possible": the softer kind, or under the show level (``Conflict.possible``)
    possible: bool = False


@dataclass(frozen=True)
class LinkRow:
    fact: int | None  #: the cross-reference number; None when the link is rejected
    a: Ref
    b: Ref
    a_label: str
    b_label: str
    a_sentence: str
    b_sentence: str
    score: float
    manual: bool  #: made by the reviewer
    decision: str  #: the reviewer's decision on the link: "confirmed", "rejected" or ""
    status: str  #: as the reviewer sees it: "shared", "conflict" or "rejected"
    conflicts: tuple[ConflictRow, ...]
    a_note: str
    b_note: str


@dataclass(frozen=True)
class NoteRow:
    ref: Ref
    label: str
    sentence: str
    text: str
    fact: int | None


def _among(cmp: Comparison, among: Iterable[int] | None) -> list[int]:
    return list(range(len(cmp.articles))) if among is None else sorted(set(among))


def fact_numbers(reviewed: Comparison, *, among: Iterable[int] | None = None) -> dict[Ref, int]:
    """Number each fact (a group of linked sentences) 1, 2, ... in reading order; every
    sentence of a group gets the group's number. Only links between ``among`` count.
    ``reviewed`` is the comparison after :func:`~.review.apply_review`."""
    from .compare import build_groups

    keep = set(_among(reviewed, among))
    links = [lk for lk in reviewed.links if lk.a[0] in keep and lk.b[0] in keep]
    out: dict[Ref, int] = {}
    n = 0
    for group in build_groups(reviewed.sentences, links):
        if len(group.members) > 1:
            n += 1
            out.update(dict.fromkeys(group.members, n))
    return out


def sentence_kinds(
    reviewed: Comparison, article: int, *, among: Iterable[int] | None = None
) -> list[str]:
    """Each sentence's look: ``shared``, ``added``, ``conflict`` or ``soft`` (every conflict
    of the sentence is a softer 'certainty' one). Only counterparts in ``among`` count."""
    keep = set(_among(reviewed, among))
    out = []
    for s in reviewed.sentences[article]:
        ref = (article, s.index)
        kind = "added"
        for link in reviewed.links_of(ref):
            if link.other(ref)[0] not in keep:
                continue
            if link.hard_conflicts:
                kind = "conflict"
                break
            if link.status is Status.CONFLICT:
                kind = "soft"
            elif kind == "added":
                kind = "shared"
        out.append(kind)
    return out


#: Clause marks that together cover this share of a sentence's characters say nothing the
#: sentence's own highlight does not: the whole sentence is the shared fact.
WHOLE_SENTENCE = 0.9


def clause_marks(comparison: Comparison, article: int, links: Iterable[Link]) -> list[Span]:
    """The clauses to mark in ``article``'s sentences as the shared fact: the matched units
    (``a_unit`` / ``b_unit``) of ``links`` on that article's side, except in a sentence
    where they cover :data:`WHOLE_SENTENCE` of it (two links matching two clauses of one
    sentence can cover it all). App and PDF mark the same clauses."""
    by_sentence: dict[int, list[Span]] = {}
    for link in links:
        for ref, unit in ((link.a, link.a_unit), (link.b, link.b_unit)):
            if ref[0] == article and unit is not None:
                by_sentence.setdefault(ref[1], []).append(unit)
    out = []
    for index, units in sorted(by_sentence.items()):
        sent = comparison.sentences[article][index]
        covered: set[int] = set()
        for u in units:
            covered.update(range(max(u.start, sent.start), min(u.end, sent.end)))
        if len(covered) < WHOLE_SENTENCE * (sent.end - sent.start):
            out.extend(sorted(units, key=lambda u: (u.start, u.end)))
    return out


def one_sided_details(
    links: Iterable[Link], texts: Sequence[str] | None = None
) -> dict[tuple[Ref, int], list[Span]]:
    """The details each sentence gives that another article does not: for a sentence and
    an article it is linked to, the detail spans (``a_details`` / ``b_details``) that
    every one of its links into that article names. A value one linked sentence lacks
    but another states ("President Trump agreed on Friday ..." linked to "Trump said
    Friday ..." and to "He said the deal would keep ...") is no detail only this side
    gives. With the articles' ``texts``, a name (capitalised words, no figure or day) the
    other article mentions anywhere is none either: "Trump said" against "he added" in a
    story about Trump. App, facts list and PDF mark the same ones.

    >>> from .model import Link, Span, Status
    >>> one = Link(a=(0, 0), b=(1, 0), score=0.9, status=Status.SHARED,
    ...            a_details=(Span(0, 5), Span(9, 14)))
    >>> two = Link(a=(0, 0), b=(1, 3), score=0.6, status=Status.SHARED,
    ...            a_details=(Span(9, 14),))
    >>> one_sided_details([one, two])
    {((0, 0), 1): [Span(start=9, end=14)]}
    """
    per: dict[tuple[Ref, int], list[tuple[Span, ...]]] = {}
    for link in links:
        for ref, other, spans in ((link.a, link.b, link.a_details),
                                  (link.b, link.a, link.b_details)):
            per.setdefault((ref, other[0]), []).append(tuple(spans))
    out: dict[tuple[Ref, int], list[Span]] = {}
    said: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    for key, lists in per.items():
        first, rest = lists[0], lists[1:]
        kept = [s for s in first
                if all(any(t.start < s.end and s.start < t.end for t in spans) for spans in rest)]
        if texts is not None:
            mine, there = key
            if there not in said:
                folded = _fold_initials(texts[there])
                said[there] = (word_stems(folded), frozenset(_ACRONYM.findall(folded)))
            own = texts[mine[0]]
            kept = [s for s in kept
                    if not _named_in(own[s.start : s.end], *said[there])
                    and not _alias_in(_with_stop(own, s), texts[there])]
        if kept:
            out[key] = sorted(kept, key=lambda s: (s.start, s.end))
    return out


_WORDS = re.compile(r"\w+")
_DAYS = frozenset(WEEKDAYS) | frozenset(MONTHS)
#: Initials written with stops ("F.B.I.", "U.S."), as some outlets spell every acronym.
_INITIALS = re.compile(r"\b(?:[A-Za-z]\.){2,}")
#: A word in capitals, two letters or more: an acronym, even where its letters spell a
#: stop word ("US", "IT").
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


#: What follows a name to tell a father from a son: no word the other article must give.
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
_GENERATIONS_UPPER = frozenset(w.upper() for w in _GENERATIONS)


def _fold_initials(text: str) -> str:
    """The text with initials written with stops joined: "the F.B.I." -> "the FBI"."""
    return _INITIALS.sub(lambda m: m.group(0).replace(".", ""), text)


def _named_in(
    detail: str, words: frozenset[str], acronyms: frozenset[str] = frozenset()
) -> bool:
    """Is the detail a name (its content words capitalised; no figure, weekday or month)
    whose words all occur among ``words`` (another article's :func:`word_stems`) and whose
    acronyms among ``acronyms`` (its words in capitals), initials folded on both sides
    ("F.B.I." is named by "FBI") and a middle initial left out ("Donald J. Trump" is
    named by "Donald Trump")?"""
    detail = _fold_initials(detail)
    content = [w for w in _WORDS.findall(detail)
               if w.lower() not in STOP_WORDS or _ACRONYM.fullmatch(w)]
    if not content or any(not w[:1].isupper() or w.lower() in _DAYS for w in content):
        return False
    caps = {w for w in content if _ACRONYM.fullmatch(w)}
    # a middle initial or a generation says nothing the name's other words do not
    # ("Donald J. Trump", "Robert S. Mueller III")
    own = {w for w in word_stems(detail) if len(w) > 1 and w not in _GENERATIONS}
    return own <= words and caps - _GENERATIONS_UPPER <= acronyms


def _with_stop(text: str, span: Span) -> str:
    """The span's words with the stop right after them, which an abbreviation's span
    leaves out ("Calif" of "R-Calif.")."""
    end = span.end + 1 if text[span.end : span.end + 1] == "." else span.end
    return text[span.start : end]


def _alias_in(detail: str, text: str) -> bool:
    """Is the detail a name the other article gives by another name, an acronym or an
    abbreviation ("U.S." / "the United States", "American" / "America", "WHO" / "World
    Health Organization", "Calif." / "California"; :func:`.facts.names.told_by`)?"""
    if not detail[:1].isupper() or any(c.isdigit() for c in detail):
        return False
    if any(w.lower() in _DAYS for w in _WORDS.findall(detail)):
        return False
    return any(told_by(detail, name) for name in names_in(text))


def link_rows(
    comparison: Comparison, review: Review, *, among: Iterable[int] | None = None
) -> list[LinkRow]:
    """Every engine link (with the reviewer's verdicts) and every reviewer-made link between
    the ``among`` articles, ordered by fact number, rejected links last."""
    keep = set(_among(comparison, among))
    reviewed = apply_review(comparison, review)
    numbers = fact_numbers(reviewed, among=keep)
    shown = {lk.key: lk for lk in reviewed.links}
    links = list(comparison.links) + [lk for lk in reviewed.links if lk.manual]
    rows = []
    for link in links:
        if not (link.a[0] in keep and link.b[0] in keep):
            continue
        decision = review.links.get(link.key)
        after = shown.get(link.key)
        conflicts = []
        for c in link.conflicts:
            verdict = review.conflicts.get(conflict_key(link, c))
            conflicts.append(
                ConflictRow(
                    kind=c.kind.value,
                    soft=c.soft,
                    possible=c.possible,
                    a_text=c.a_text,
                    b_text=c.b_text,
                    explanation=c.explanation,
                    confidence=round(c.confidence, 4),
                    a_span=(c.a_span.start, c.a_span.end),
                    b_span=(c.b_span.start, c.b_span.end),
                    decision=verdict.value if verdict else "",
                    shown=after is not None and c in after.conflicts,
                )
            )
        a_art, b_art = comparison.articles[link.a[0]], comparison.articles[link.b[0]]
        rows.append(
            LinkRow(
                fact=numbers.get(link.a) if after is not None else None,
                a=link.a,
                b=link.b,
                a_label=a_art.label,
                b_label=b_art.label,
                a_sentence=comparison.sentence(link.a).text,
                b_sentence=comparison.sentence(link.b).text,
                score=round(link.score, 4),
                manual=link.manual,
                decision=decision.value if decision else "",
                status=after.status.value if after is not None else "rejected",
                conflicts=tuple(conflicts),
                a_note=review.notes.get(link.a, ""),
                b_note=review.notes.get(link.b, ""),
            )
        )
    rows.sort(key=lambda r: (r.fact is None, r.fact or 0, r.a, r.b))
    return rows


def note_rows(
    comparison: Comparison, review: Review, *, among: Iterable[int] | None = None
) -> list[NoteRow]:
    """Every note on a sentence of the ``among`` articles, in reading order."""
    keep = set(_among(comparison, among))
    numbers = fact_numbers(apply_review(comparison, review), among=keep)
    out = []
    for ref, text in sorted(review.notes.items()):
        art, idx = ref
        if art not in keep or idx >= len(comparison.sentences[art]):
            continue
        out.append(
            NoteRow(
                ref=ref,
                label=comparison.articles[art].label,
                sentence=comparison.sentence(ref).text,
                text=text,
                fact=numbers.get(ref),
            )
        )
    return out


# -- CSV ---------------------------------------------------------------------------------

#: One row per link, then one per conflict of that link, then one per note on a sentence
#: that no row lists. ``record`` says which.
CSV_COLUMNS = (
    "record",
    "fact",
    "article_a",
    "sentence_a",
    "outlet_a",
    "text_a",
    "article_b",
    "sentence_b",
    "outlet_b",
    "text_b",
    "status",
    "score",
    "manual",
    "link_decision",
    "kind",
    "soft",
    "possible",
    "wording_a",
    "wording_b",
    "explanation",
    "confidence",
    "conflict_decision",
    "conflict_shown",
    "note_a",
    "note_b",
)


def _cell(text: str) -> str:
    """Article text is untrusted: a leading ``= + - @`` would run as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def links_csv(comparison: Comparison, review: Review, *, among: Iterable[int] | None = None) -> str:
    """The links and conflicts as CSV text (columns :data:`CSV_COLUMNS`). Sentence and
    article numbers count from 1, as people do; text cells are guarded against formulas."""
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    out.writeheader()
    listed: set[Ref] = set()
    for row in link_rows(comparison, review, among=among):
        listed |= {row.a, row.b}
        base: dict[str, Any] = {
            "fact": row.fact or "",
            "article_a": row.a[0] + 1,
            "sentence_a": row.a[1] + 1,
            "outlet_a": _cell(row.a_label),
            "text_a": _cell(row.a_sentence),
            "article_b": row.b[0] + 1,
            "sentence_b": row.b[1] + 1,
            "outlet_b": _cell(row.b_label),
            "text_b": _cell(row.b_sentence),
            "status": row.status,
            "score": f"{row.score:.4f}",
            "manual": "yes" if row.manual else "no",
            "link_decision": row.decision,
            "note_a": _cell(row.a_note),
            "note_b": _cell(row.b_note),
        }
        out.writerow({**base, "record": "link"})
        for c in row.conflicts:
            out.writerow(
                {
                    **base,
                    "record": "conflict",
                    "kind": c.kind,
                    "soft": "yes" if c.soft else "no",
                    "possible": "yes" if c.possible else "no",
                    "wording_a": _cell(c.a_text),
                    "wording_b": _cell(c.b_text),
                    "explanation": _cell(c.explanation),
                    "confidence": f"{c.confidence:.2f}",
                    "conflict_decision": c.decision,
                    "conflict_shown": "yes" if c.shown else "no",
                }
            )
    for note in note_rows(comparison, review, among=among):
        if note.ref in listed:
            continue
        out.writerow(
            {
                "record": "note",
                "fact": note.fact or "",
                "article_a": note.ref[0] + 1,
                "sentence_a": note.ref[1] + 1,
                "outlet_a": _cell(note.label),
                "text_a": _cell(note.sentence),
                "note_a": _cell(note.text),
            }
        )
    return buf.getvalue()


# -- JSON --------------------------------------------------------------------------------

LINKS_FORMAT = "factdiff.links"
LINKS_VERSION = 1


def _side(comparison: Comparison, ref: Ref, note: str) -> dict[str, Any]:
    return {
        "article": ref[0],
        "sentence": ref[1],
        "outlet": comparison.articles[ref[0]].label,
        "text": comparison.sentence(ref).text,
        "note": note,
    }


def links_json(
    comparison: Comparison, review: Review, *, among: Sequence[int] | None = None
) -> str:
    """The links and conflicts as JSON text (``format: factdiff.links``; indices from 0)."""
    reviewed = apply_review(comparison, review)
    keep = _among(comparison, among)
    counts = dict.fromkeys(("shared", "added", "conflict", "soft"), 0)
    for art in keep:
        for kind in sentence_kinds(reviewed, art, among=keep):
            counts[kind] += 1
    data = {
        "format": LINKS_FORMAT,
        "version": LINKS_VERSION,
        "articles": [
            {
                "index": i,
                "outlet": a.outlet,
                "title": a.title,
                "date": a.date.isoformat() if a.date else None,
                "url": a.url,
                "sha256": a.digest,
            }
            for i, a in enumerate(comparison.articles)
            if i in keep
        ],
        "settings": {
            k: getattr(comparison.settings, k)
            for k in type(comparison.settings).__dataclass_fields__
        },
        "counts": counts,
        "links": [
            {
                "fact": row.fact,
                "a": _side(comparison, row.a, row.a_note),
                "b": _side(comparison, row.b, row.b_note),
                "score": row.score,
                "manual": row.manual,
                "decision": row.decision or None,
                "status": row.status,
                "conflicts": [
                    {
                        "kind": c.kind,
                        "soft": c.soft,
                        "possible": c.possible,
                        "a_text": c.a_text,
                        "b_text": c.b_text,
                        "explanation": c.explanation,
                        "confidence": c.confidence,
                        "a_span": list(c.a_span),
                        "b_span": list(c.b_span),
                        "decision": c.decision or None,
                        "shown": c.shown,
                    }
                    for c in row.conflicts
                ],
            }
            for row in link_rows(comparison, review, among=keep)
        ],
        "notes": [
            {
                "article": n.ref[0],
                "sentence": n.ref[1],
                "outlet": n.label,
                "text": n.sentence,
                "note": n.text,
                "fact": n.fact,
            }
            for n in note_rows(comparison, review, among=keep)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
