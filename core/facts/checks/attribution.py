"""Attribution check: the same statement credited to different speakers."""

from __future__ import annotations

import re
from typing import Any

from ...model import ConflictKind, Span
from ..checks.base import _Builder, _inside
from ..component import Component
from ..extract.entities import _acronym, _same_entity, _same_key
from ..names import same_name
from ..records import Facts, Speaker
from ..slots import top_token
from ..text import _stem, open_quote, quoted_spans
from ..words import _GENERIC_SPEAKERS, _ORG_HEADS, _ORG_KIND, _TITLES


def _stems(words: frozenset[str]) -> frozenset[str]:
    return words | frozenset(_stem(w) for w in words)


#: Speaker heads compared as stems (a speaker's ``head`` is stemmed: "sources" -> "sourc").
_GENERIC = _stems(_GENERIC_SPEAKERS)
_ORGS = _stems(
    _ORG_HEADS | frozenset("league association coalition alliance union federation".split())
)
#: Documents: what one outlet credits to "the report" the other may credit to its author.
_DOCUMENTS = _stems(frozenset(
    """report document documents warrant extract extracts poll survey statement filing
    study record records letter memo complaint indictment affidavit transcript papers
    release account posting post website notice""".split()
))
#: Words that make a tagged "name" a description ("the Connecticut Democrat").
_PARTY_WORDS = frozenset("democrat democrats republican republicans".split())


#: :data:`_ORG_KIND` keyed by each word and its stem (a speaker's head is stemmed).
_ORG_KINDS: dict[str, str] = {}
for _w, _k in _ORG_KIND.items():
    _ORG_KINDS.setdefault(_w, _k)
    _ORG_KINDS.setdefault(_stem(_w), _k)


def _org_kind(head: str) -> str:
    return _ORG_KINDS.get(head, head)


def _described(x: Speaker) -> bool:
    """Is the speaker described rather than named ("the Connecticut Democrat")?"""
    return bool(x.names) and all(
        en.text.split()[-1].lower() in _PARTY_WORDS for en in x.names
    )


_LEAD_ARTICLE = re.compile(r"(?:the|a|an)\b", re.IGNORECASE)


def _untagged_name(x: Speaker) -> bool:
    """A speaker the tagger found no name in whose words are a name ("The ISM")."""
    words = x.text.split()
    if words and _LEAD_ARTICLE.fullmatch(words[0]):
        words = words[1:]
    return not x.names and bool(words) and all(w[:1].isupper() for w in words)


def _one_body(ka: str, kb: str) -> bool:
    """Do two name keys name one body, in full or by its initials ("cdc" / "centers for
    disease control and prevention")? Not a name that merely holds the other's words
    ("cia" / "cia director george tenet")."""
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    flat_a, flat_b = ka.replace(" ", ""), kb.replace(" ", "")
    return len(wb) > 1 and _acronym(flat_a, wb) or len(wa) > 1 and _acronym(flat_b, wa)


#: Titles used with a first name alone ("Sir John", "Dame Judi").
_FIRST_NAME_TITLES = frozenset({"sir", "dame"})


def _first_name_only(sp: Speaker) -> bool:
    return all(len(en.key.split()) == 1 and en.titles & _FIRST_NAME_TITLES for en in sp.names)


def _surname_only(sp: Speaker) -> bool:
    return all(len(en.key.split()) == 1 and not en.titles & _FIRST_NAME_TITLES for en in sp.names)


def _speaker_relation(x: Speaker, y: Speaker) -> str:
    """'same', 'diff' or 'unknown' for two speakers."""
    if x.pronoun or y.pronoun:
        return "unknown"
    if x.head in _DOCUMENTS or y.head in _DOCUMENTS:
        return "unknown"  # "according to the report" / "Mrs Clinton writes"
    if x.head != y.head and (x.head and x.head in y.roles or y.head and y.head in x.roles):
        return "unknown"  # "Telemarketers argue" / "Lawyers for the telemarketers said"
    if _described(x) or _described(y):
        return "unknown"
    if x.kind and y.kind:
        # "local officials" / "the military"; "military officials" / "the army" may be one.
        return "diff" if x.kind != y.kind else "same" if x.head == y.head else "unknown"
    if x.names and y.names:
        for p in x.names:
            for q in y.names:
                if _same_entity(p, q):
                    return "same"
        if any(_one_body(o, q.key) for o in x.others for q in y.names) or any(
            _one_body(o, p.key) for o in y.others for p in x.names
        ):
            return "unknown"  # "Dr. Ana Ruiz of the CDC" / "the CDC": one speaks for the other
        if _first_name_only(x) and _surname_only(y) or _first_name_only(y) and _surname_only(x):
            return "unknown"  # "Sir John" / "Mr. Stevens": a knight goes by his first name
        return "diff"
    if x.names or y.names:
        named, role = (x, y) if x.names else (y, x)
        if (
            _untagged_name(role)
            and not role.roles
            and not _LEAD_ARTICLE.fullmatch(role.text.split()[0])
        ):
            # a name the tagger missed ("Russell, 46, said")
            return (
                "same"
                if any(same_name(en.text, role.text, person=True) for en in named.names)
                else "diff"
            )
        if (
            role.kind
            and role.others
            and role.head not in _GENERIC
            and not any(en.titles for en in named.names)
            and not any(_same_key(o, en.key) for o in role.others for en in named.names)
        ):
            # "Pakistan's army" / "the Taliban": an institution of one actor against another
            # named actor.
            return "diff"
        if role.head in _GENERIC or not role.head:
            return "unknown"
        if role.head in _ORGS:
            # "the company" may be "Apple"; not "the ministry" against "... Organization".
            kinds = {
                _ORG_KIND.get(w.lower(), w.lower()) for en in named.names for w in en.text.split()
            } & set(_ORG_KIND.values())
            if kinds and role.head in _ORG_KINDS and _org_kind(role.head) not in kinds:
                return "diff"  # a head of no known kind ("the group") may be any body
            return "unknown"
        if role.head in named.roles:
            return "same"
        return "diff" if named.roles else "unknown"
    if x.head == y.head:
        # "the mayor of Chicago" is not "the mayor of Boston".
        if x.others and y.others and not any(_same_key(p, q) for p in x.others for q in y.others):
            return "diff"
        return "same"
    if x.head in _GENERIC or y.head in _GENERIC:
        return "unknown"
    if _untagged_name(x) or _untagged_name(y):
        return "unknown"  # "The ISM" / "the Arizona-based group"
    if x.head in _ORGS and y.head in _ORGS:
        # "the group" / "the companies": one body may be called either; "the ministry" /
        # "the court" are two
        known = x.head in _ORG_KINDS and y.head in _ORG_KINDS
        return "diff" if known and _org_kind(x.head) != _org_kind(y.head) else "unknown"
    return "diff"


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _compare_attribution(bld: _Builder) -> None:
    """Same statement, different speakers (a matching speaker anywhere settles it)."""
    a, b = bld.a, bld.b
    # A speaker inside the quotation is part of what was said, not its source.
    parsed = bld.view.parsed
    diff = _different_sources(a, b, parsed)
    if not diff:
        return
    overlap = _jaccard(a.content, b.content)
    if overlap < 0.2:
        return
    link = None
    if parsed:
        # With a parse: the statements themselves must be aligned, word for word.
        link = _statement_overlap(bld)
        if link < _MIN_STATEMENT:
            return
        if _statement_overlap(bld, of_longer=True) < _MIN_STATEMENT_LONGER:
            return  # one short remark inside a longer statement of other things
    x, y = diff[0]
    bld.add(
        ConflictKind.ATTRIBUTION,
        x.span,
        y.span,
        "the same statement is credited to different speakers",
        0.85 if overlap >= 0.4 else 0.7,
        link=link,
    )


def _different_sources(a: Facts, b: Facts, parsed: bool) -> list[tuple[Speaker, Speaker]]:
    """The pairs of the two sentences' sources that are different speakers, or none when
    any source of one may be a source of the other (or a side names none)."""
    speakers_a, speakers_b = _sources(a), _sources(b)
    if not speakers_a or not speakers_b:
        return []
    rels = [(_relation(x, y, parsed), x, y) for x in speakers_a for y in speakers_b]
    if any(r == "same" for r, _, _ in rels):
        return []
    return [(x, y) for r, x, y in rels if r == "diff"]


def sources_differ(a: Facts, b: Facts, parsed: bool) -> bool:
    """Are the two sentences the words of different speakers ("Sen. Burr said Tuesday" /
    "Flynn's lawyer said on Monday"), no source of one possibly a source of the other?"""
    return bool(_different_sources(a, b, parsed))


def _person_part(span: Span, text: str) -> Span:
    """The words of a speaker's name after its last title and before "of": "Putnam
    President George Scalise" names the person George Scalise; "Putnam" is where he works, a
    name like any other (the parse reads the two apart), as is "the Fire Center" of "Tracey
    Powers of the Fire Center"."""
    of = re.search(r"\s+of\s+", text)
    before = text[: of.start()].split() if of else []
    if of and len(before) >= 2 and all(
        w[:1].isupper() and w.lower().rstrip(".,") not in _TITLES | _ORG_HEADS for w in before
    ):
        # "Tracey Powers of the Fire Center": the body after "of" is a name of its own
        # (not "Secretary of State X", "Bank of America")
        text, span = text[: of.start()], Span(span.start, span.start + of.start())
    words = list(re.finditer(r"\S+", text))
    last = max((k for k, w in enumerate(words[:-1])
                if k and w.group().lower().rstrip(".,") in _TITLES), default=None)
    if last is None:
        return span
    return Span(span.start + words[last + 1].start(), span.end)


def _speaker_names(f: Facts) -> set[Span]:
    """The spans that say who spoke: a speaker's names (and the role they are in
    apposition to), or its whole phrase if unnamed."""
    out: set[Span] = set()
    for sp in f.speakers:
        if sp.names:
            out.update(_person_part(en.span, en.text) for en in sp.names)
            if sp.role_span is not None:
                out.update(_outside_names(sp.role_span, f))
        else:
            out.update(_outside_names(sp.span, f))
    return out


def _outside_names(span: Span, f: Facts) -> list[Span]:
    """The pieces of a role's phrase outside the names in it: the body a speaker works
    for ("X, spokeswoman for the Fire Center, said") is a name like any other."""
    names = sorted((e.span for e in f.entities
                    if span.start <= e.span.start and e.span.end <= span.end),
                   key=lambda x: x.start)
    out, at = [], span.start
    for n in names:
        if n.start > at:
            out.append(Span(at, n.start))
        at = max(at, n.end)
    if at < span.end:
        out.append(Span(at, span.end))
    return out


def _subjects(f: Facts) -> set[Span]:
    """The names of the speakers that are the subject of their verb, by the words around
    the name ("their father Tom Hale said") or by the parse ("Yesterday, Mr. Castro
    said", where the words miss it)."""
    out = {en.span for sp in f.speakers for en in sp.names if en.role == "subj"}
    p = f.parse
    if p is None or not p.parsed:
        return out
    for sp in f.speakers:
        for en in sp.names:
            top = top_token(p, en.span)
            if top is not None and p.tokens[top].dep in ("nsubj", "nsubjpass"):
                out.add(en.span)
    return out


def _sources(f: Facts) -> list[Speaker]:
    """The speakers outside the sentence's quotations; one named by "according to" only
    when no other says who spoke (it may be who relayed the words)."""
    quoted = quoted_spans(f.text)
    # a quotation left open runs on to the sentence's end: who it names is in the words
    runs_on = open_quote(f.text)
    if runs_on is not None:
        quoted = [*quoted, Span(runs_on, len(f.text))]
    out = [sp for sp in f.speakers if not _inside(sp.span, quoted)]
    direct = [sp for sp in out if not sp.relayed]
    return direct or out


#: The least share of the shorter statement's content words aligned to the other's.
_MIN_STATEMENT = 0.5
#: ... and of the longer statement's.
_MIN_STATEMENT_LONGER = 0.35


def _relation(x: Speaker, y: Speaker, parsed: bool) -> str:
    if parsed and x.names and y.names:
        for p in x.names:
            for q in y.names:
                if same_name(p.text, q.text, person=True):
                    return "same"
    return _speaker_relation(x, y)


def _statement_overlap(bld: _Builder, *, of_longer: bool = False) -> float:
    """The share of content words outside the speaker phrases that are aligned (exact,
    lemma, alias or vectors) to content words outside the other's speaker phrases (of the
    shorter statement's, or with ``of_longer`` of the longer's)."""
    return bld.view.aligned_share(
        [sp.span for sp in bld.a.speakers], [sp.span for sp in bld.b.speakers],
        of_longer=of_longer,
    )


class AttributionCheck(Component):
    """The same statement credited to different speakers."""

    name = "attribution"
    requires = ("builder",)
    assigns = ("speaker_spans", "firm_spans")

    def __call__(self, state: dict[str, Any]) -> None:
        bld = state["builder"]
        _compare_attribution(bld)
        # Who said it is attribution's business, not a name clash; the other names of a
        # speaker's phrase ("the SIA" of "George Scalise, president of the SIA") are not.
        # A side that credits no one leaves the other's speaker a name like any other
        # ("Prime Minister X told TV ..." / "Prime Minister Y denounced ...").
        skip_a, skip_b = _speaker_names(bld.a), _speaker_names(bld.b)
        firm_a = _subjects(bld.a) & skip_a if not _sources(bld.b) else set()
        firm_b = _subjects(bld.b) & skip_b if not _sources(bld.a) else set()
        state["speaker_spans"] = (skip_a - firm_a, skip_b - firm_b)
        state["firm_spans"] = (firm_a, firm_b)
