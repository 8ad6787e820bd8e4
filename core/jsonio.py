"""The comparison as plain JSON data: a documented, versioned schema (see docs/schema.md).

``comparison_to_dict`` and ``comparison_from_dict`` are exact inverses; sessions embed the
same dictionary. Readers check ``schema`` and ``version`` and refuse what they don't know.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .model import (
    LEGACY_SCORER,
    Article,
    Candidate,
    Comparison,
    Conflict,
    ConflictKind,
    FactGroup,
    Link,
    Ref,
    Sentence,
    Settings,
    Span,
    Status,
)

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "article_to_dict",
    "comparison_from_dict",
    "comparison_to_dict",
    "settings_to_dict",
    "write_json",
]

SCHEMA = "factdiff.comparison"
SCHEMA_VERSION = 2


def _span(s: Span) -> list[int]:
    return [s.start, s.end]


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "soft": c.soft,
        "a_text": c.a_text,
        "b_text": c.b_text,
        "a_span": _span(c.a_span),
        "b_span": _span(c.b_span),
        "explanation": c.explanation,
        "confidence": round(c.confidence, 4),
    }


def article_to_dict(art: Article) -> dict[str, Any]:
    """An article's text and metadata as plain data (sessions store the same)."""
    return {
        "outlet": art.outlet,
        "title": art.title,
        "date": art.date.isoformat() if art.date else None,
        "url": art.url,
        "source": art.source,
        "encoding": art.encoding,
        "sha256": art.digest,
        "text": art.text,
    }


def settings_to_dict(s: Settings) -> dict[str, Any]:
    """Every :class:`Settings` field, so a field added there is written without more code."""
    return {name: getattr(s, name) for name in Settings.__dataclass_fields__}


def comparison_to_dict(cmp: Comparison) -> dict[str, Any]:
    """Plain data for ``cmp``: see docs/schema.md for every field."""
    articles = []
    for i, (art, sents) in enumerate(zip(cmp.articles, cmp.sentences, strict=True)):
        statuses = cmp.statuses(i)
        articles.append(
            article_to_dict(art)
            | {
                "sentences": [
                    {"start": s.start, "end": s.end, "text": s.text, "status": st.value}
                    for s, st in zip(sents, statuses, strict=True)
                ],
            }
        )
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "settings": settings_to_dict(cmp.settings),
        "counts": {k.value: v for k, v in cmp.counts().items()},
        "articles": articles,
        "links": [
            {
                "a": list(lk.a),
                "b": list(lk.b),
                "score": round(lk.score, 4),
                "status": lk.status.value,
                "manual": lk.manual,
                "conflicts": [_conflict(c) for c in lk.conflicts],
                "a_details": [_span(s) for s in lk.a_details],
                "b_details": [_span(s) for s in lk.b_details],
                "a_unit": None if lk.a_unit is None else _span(lk.a_unit),
                "b_unit": None if lk.b_unit is None else _span(lk.b_unit),
            }
            for lk in cmp.links
        ],
        "groups": [
            {"members": [list(m) for m in g.members], "status": g.status.value} for g in cmp.groups
        ],
        "candidates": [
            [
                c.a[0],
                c.a[1],
                c.b[0],
                c.b[1],
                c.semantic,
                c.lexical,
                c.score,
                c.background,
                c.unit,
            ]
            for c in cmp.candidates
        ],
    }


def _ref(x: Any) -> Ref:
    a, s = x
    if not (isinstance(a, int) and isinstance(s, int)):
        raise TypeError(f"sentence reference {x!r} is not two integers")
    return (a, s)


def _mkspan(x: Any) -> Span:
    start, end = x
    return Span(int(start), int(end))


def comparison_from_dict(data: Mapping[str, Any]) -> Comparison:
    """Rebuild a comparison; raises ValueError naming the problem if the data is bad."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a factdiff comparison (schema is {data.get('schema')!r})")
    version = data.get("version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ValueError(
            f"comparison format version {version} is newer than this factdiff reads "
            f"({SCHEMA_VERSION}); update factdiff"
        )
    try:
        articles, sentences = [], []
        for i, a in enumerate(data["articles"]):
            date = dt.date.fromisoformat(a["date"]) if a.get("date") else None
            art = Article(
                text=a["text"],
                outlet=a.get("outlet", ""),
                title=a.get("title", ""),
                date=date,
                url=a.get("url", ""),
                source=a.get("source", ""),
                encoding=a.get("encoding", "utf-8"),
            )
            if "sha256" in a and a["sha256"] != art.digest:
                raise ValueError(f"article {i}: text does not match its sha256")
            articles.append(art)
            sents = []
            for j, s in enumerate(a["sentences"]):
                start, end = int(s["start"]), int(s["end"])
                sents.append(Sentence(index=j, start=start, end=end, text=art.text[start:end]))
            sentences.append(tuple(sents))
        links = []
        for lk in data["links"]:
            a_ref, b_ref = _ref(lk["a"]), _ref(lk["b"])
            conflicts = tuple(
                Conflict(
                    kind=ConflictKind(c["kind"]),
                    a_span=_mkspan(c["a_span"]),
                    b_span=_mkspan(c["b_span"]),
                    a_text=c["a_text"],
                    b_text=c["b_text"],
                    explanation=c["explanation"],
                    confidence=float(c.get("confidence", 1.0)),
                )
                for c in lk.get("conflicts", [])
            )
            links.append(
                Link(
                    a=a_ref,
                    b=b_ref,
                    score=float(lk["score"]),
                    status=Status(lk["status"]),
                    conflicts=conflicts,
                    a_details=tuple(_mkspan(s) for s in lk.get("a_details", [])),
                    b_details=tuple(_mkspan(s) for s in lk.get("b_details", [])),
                    manual=bool(lk.get("manual", False)),
                    a_unit=None if lk.get("a_unit") is None else _mkspan(lk["a_unit"]),
                    b_unit=None if lk.get("b_unit") is None else _mkspan(lk["b_unit"]),
                )
            )
        groups = tuple(
            FactGroup(members=tuple(_ref(m) for m in g["members"]), status=Status(g["status"]))
            for g in data.get("groups", [])
        )
        for k, g in enumerate(groups):  # views index sentences by these: check them
            if not g.members:
                raise ValueError(f"group {k} has no members")
            for a, s in g.members:
                if not (0 <= a < len(sentences) and 0 <= s < len(sentences[a])):
                    raise ValueError(f"group {k} names a missing sentence {[a, s]}")
        candidates = tuple(
            Candidate(
                a=(int(c[0]), int(c[1])),
                b=(int(c[2]), int(c[3])),
                semantic=float(c[4]),
                lexical=float(c[5]),
                score=float(c[6]),
                background=float(c[7]) if len(c) > 7 else 0.0,
                unit=float(c[8]) if len(c) > 8 else 0.0,
            )
            for c in data.get("candidates", [])
        )
        st = dict(data.get("settings", {}))
        if version < 2:  # format 1 scored links with the hand-set combination
            st.setdefault("scorer", LEGACY_SCORER)
        settings = Settings(**{k: st[k] for k in st if k in Settings.__dataclass_fields__})
        return Comparison(
            articles=tuple(articles),
            sentences=tuple(sentences),
            candidates=candidates,
            links=tuple(links),
            groups=groups,
            settings=settings,
        )
    except (KeyError, IndexError) as err:
        raise ValueError(f"missing field {err}") from err
    except TypeError as err:
        raise ValueError(f"wrong type: {err}") from err


def write_json(cmp: Comparison, path: Path) -> None:
    """Write the comparison to ``path`` as UTF-8 JSON (atomically: temp file + rename)."""
    from .atomic import atomic_write_text

    atomic_write_text(path, json.dumps(comparison_to_dict(cmp), ensure_ascii=False, indent=1))
