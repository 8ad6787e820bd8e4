"""A conflict test set built from real cross-outlet sentence pairs (MSRP), at run time.

The Microsoft Research Paraphrase pairs labelled as paraphrases (Quality 1) are two
outlets' sentences reporting the same thing. From them, seeded and deterministic:

- **injected**: one disagreement put into sentence B of a pair, one kind at a time, only
  where the fact is stated on both sides, so the edit makes the pair disagree on it:
  - ``number``: a figure (digits) that occurs in both sentences is changed in B: doubled
    (30% of the time) or moved by 15-60% up or down, keeping its format (commas,
    decimals). Years, and digits inside what spaCy tags a date, time or name ("June 25",
    "5:30", "S&P 500"), are not figures.
  - ``date``: a weekday or month name that occurs in both is replaced in B by another one.
  - ``entity``: a name spaCy tags PERSON, ORG or GPE in B that also occurs in A is replaced
    by another name of the same type that spaCy tags so in at least two other sentences
    (not in A or B). A speaker's name swapped is caught as ``attribution`` too.
  - ``polarity``: B's main predicate (the complement of a reporting verb when the root is
    "said") is negated: "was" -> "was not", "has risen" -> "has not risen", "rose" ->
    "did not rise"; only when B has no negation already.
- **clean**: the unedited pairs whose digits, weekday and month names and spaCy names are
  the same on both sides (and that state at least one of them): every conflict flagged
  there is a false alarm.

Split: a pair is in ``test`` when sha256("factdiff-msrp-" + id1 + "-" + id2) starts with a
byte below 77 (30%), else ``dev``. Never tune on test. The texts stay in ../shared; nothing
is written to the project.

    .venv/bin/python bench/msrp_pairs.py --split dev --show 5   # print a few of each kind
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factbench import MSRP, parse, parses  # noqa: E402

from factdiff.core import nlp  # noqa: E402

SEED = "factdiff-msrp-v1"
KINDS = ("number", "date", "entity", "polarity")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_NUM = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[.,]\d)")
_DAYNAME = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(m for m in MONTHS if m != "May") + r"|May(?= \d))\b")
_NEG = re.compile(r"\b(?:not|never|no|n't)\b|n't\b", re.IGNORECASE)
_AUX_NEG = {"is", "was", "were", "are", "will", "would", "has", "have", "had", "can",
            "could", "should", "am"}  # fmt: skip
_SPEECH = {"say", "tell", "report", "announce", "add", "state", "write"}
NAME_LABELS = ("PERSON", "ORG", "GPE")


@dataclass(frozen=True)
class Pair:
    id: str
    split: str
    kind: str  #: "clean" or one of KINDS
    a: str
    b: str
    original_b: str
    a_edit: str  #: the words changed in B (as they were)
    b_edit: str  #: what they became


def split_of(id1: str, id2: str) -> str:
    h = hashlib.sha256(f"factdiff-msrp-{id1}-{id2}".encode()).digest()
    return "test" if h[0] < 77 else "dev"


def rows(quality: str = "1") -> Iterator[tuple[str, str, str, str]]:
    """The pairs of one Quality: "1" paraphrases, "0" pairs judged not paraphrases."""
    with MSRP.open(encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 5 and parts[0] == quality:
                yield parts[1], parts[2], parts[3], parts[4]


def _rng(pid: str, kind: str) -> random.Random:
    return random.Random(hashlib.sha256(f"{SEED}-{pid}-{kind}".encode()).digest())


def _fmt_like(orig: str, value: float) -> str:
    dec = len(orig.split(".")[1]) if "." in orig else 0
    s = f"{value:,.{dec}f}" if "," in orig else f"{value:.{dec}f}"
    return s


def _is_year(s: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", s))


def _replace_at(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


_NOT_FIGURE = {"DATE", "TIME", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT"}


def _is_figure(p: nlp.Parse, start: int, end: int) -> bool:
    """A figure, not part of a date, a time or a name ("June 25", "5:30", "S&P 500")."""
    if p.text[max(0, start - 1) : start] in "/:" and start > 0 or p.text[end : end + 1] in "/:":
        return False
    return not any(t.ent in _NOT_FIGURE for t in p.tokens if t.start < end and start < t.end)


def inject_number(pid: str, a: str, b: str) -> tuple[str, str, str] | None:
    na = {m.group() for m in _NUM.finditer(a)}
    pb = parse(b)
    cands = [
        m for m in _NUM.finditer(b)
        if m.group() in na and not _is_year(m.group()) and _is_figure(pb, m.start(), m.end())
    ]
    if not cands:
        return None
    rng = _rng(pid, "number")
    m = rng.choice(cands)
    old = m.group()
    v = float(old.replace(",", ""))
    if v == 0:
        return None
    if rng.random() < 0.3:
        new_v = v * 2
    else:
        f = rng.uniform(0.15, 0.6)
        new_v = v * (1 + f) if rng.random() < 0.5 or v < 3 else v * (1 - f)
    new = _fmt_like(old, new_v)
    if float(new.replace(",", "")) == v:
        new = _fmt_like(old, v + 1)
    return _replace_at(b, m.start(), m.end(), new), old, new


def inject_date(pid: str, a: str, b: str) -> tuple[str, str, str] | None:
    rng = _rng(pid, "date")
    cands = []
    for pat, names in ((_DAYNAME, WEEKDAYS), (_MONTH, MONTHS)):
        sa = {m.group() for m in pat.finditer(a)}
        cands += [(m, names) for m in pat.finditer(b) if m.group() in sa]
    if not cands:
        return None
    m, names = rng.choice(cands)
    new = rng.choice([n for n in names if n != m.group()])
    return _replace_at(b, m.start(), m.end(), new), m.group(), new


def _ents(p: nlp.Parse) -> list[tuple[int, int, str, str]]:
    out = []
    for s, e, label in p.ents:
        if label in NAME_LABELS:
            cs, ce = p.tokens[s].start, p.tokens[e - 1].end
            out.append((cs, ce, label, p.text[cs:ce]))
    return out


def inject_entity(
    pid: str, a: str, b: str, pool: dict[str, list[str]]
) -> tuple[str, str, str] | None:
    pb = parse(b)
    cands = [x for x in _ents(pb) if x[3] in a and len(x[3]) > 2]
    if not cands:
        return None
    rng = _rng(pid, "entity")
    cs, ce, label, old = rng.choice(cands)
    words = len(old.split())
    options = [n for n in pool[label] if n not in a and n not in b and len(n.split()) == words
               and n.split()[-1] not in old]
    if not options:
        return None
    new = _possessive_like(old, rng.choice(options))
    return _replace_at(b, cs, ce, new), old, new


def _possessive_like(old: str, new: str) -> str:
    """The new name with the old one's possessive ending, or without one it lacks: the
    tagger's span may hold "'s", and "Jensen new show" for "Cowell's new show" is no
    sentence a reporter writes (its parse is not the original's).

    >>> _possessive_like("Grant Thornton's", "Jane Doe"), _possessive_like("Ohio", "Kay's")
    ("Jane Doe's", 'Kay')
    """
    end = re.search(r"['’]s?$", old)
    bare = re.sub(r"['’]s?$", "", new)
    return bare + end.group(0) if end else bare


def _predicate(p: nlp.Parse) -> int | None:
    roots = [t for t in p.tokens if t.dep == "ROOT"]
    if not roots:
        return None
    r = roots[0]
    if r.lemma in _SPEECH:
        comp = [t for t in p.children(r.i) if t.dep in ("ccomp",) and t.pos in ("VERB", "AUX")]
        if comp:
            r = comp[0]
    return r.i if r.pos in ("VERB", "AUX") else None


def inject_polarity(pid: str, a: str, b: str) -> tuple[str, str, str] | None:
    if _NEG.search(b) or _NEG.search(a):
        return None
    p = parse(b)
    if not p.parsed:
        return None
    k = _predicate(p)
    if k is None:
        return None
    v = p.tokens[k]
    kids = p.children(k)
    auxes = [t for t in kids if t.dep in ("aux", "auxpass") and t.text.lower() in _AUX_NEG]
    lemmas_a = {t.lemma.lower() for t in parse(a).tokens}
    if v.lemma.lower() not in lemmas_a:
        return None  # negate only a predicate that A states too
    if auxes:
        t = auxes[0]
        return _replace_at(b, t.end, t.end, " not"), t.text, t.text + " not"
    if v.text.lower() in _AUX_NEG and v.lemma == "be":
        return _replace_at(b, v.end, v.end, " not"), v.text, v.text + " not"
    if v.tag in ("VBD", "VBZ", "VBP") and v.lemma.isalpha() and v.lemma != "be":
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[v.tag]
        new = f"{do} not {v.lemma}"
        return _replace_at(b, v.start, v.end, new), v.text, new
    return None


def _names(p: nlp.Parse) -> set[str]:
    return {x[3] for x in _ents(p)}


def is_clean(a: str, b: str) -> bool:
    """Same digits, weekday and month names and names on both sides (and some of them)."""
    na = sorted(m.group() for m in _NUM.finditer(a))
    nb = sorted(m.group() for m in _NUM.finditer(b))
    da = sorted(m.group() for p in (_DAYNAME, _MONTH) for m in p.finditer(a))
    db = sorted(m.group() for p in (_DAYNAME, _MONTH) for m in p.finditer(b))
    ea, eb = _names(parse(a)), _names(parse(b))
    return na == nb and da == db and ea == eb and bool(na or da or ea)


def build(split: str) -> list[Pair]:
    """Every injected and clean pair of ``split``, in file order."""
    data = list(rows())
    parses([t for r in data for t in (r[2], r[3])])
    # Replacement names: tagged with the same type in at least two sentences.
    seen: Counter[tuple[str, str]] = Counter()
    for _, _, a, b in data:
        for text in (a, b):
            for _, _, label, name in _ents(parse(text)):
                if name[:1].isupper() and name.replace(" ", "").replace(".", "").isalpha():
                    seen[label, name] += 1
    sorted_pool = {
        label: sorted(n for (lb, n), c in seen.items() if lb == label and c >= 2)
        for label in NAME_LABELS
    }
    out = []
    for id1, id2, a, b in data:
        if split_of(id1, id2) != split:
            continue
        pid = f"{id1}-{id2}"
        if is_clean(a, b):
            out.append(Pair(pid, split, "clean", a, b, b, "", ""))
        for kind in KINDS:
            if kind == "entity":
                got = inject_entity(pid, a, b, sorted_pool)
            else:
                got = {"number": inject_number, "date": inject_date,
                       "polarity": inject_polarity}[kind](pid, a, b)
            if got is not None:
                nb, old, new = got
                out.append(Pair(pid, split, kind, a, nb, b, old, new))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    pairs = build(args.split)
    for kind in ("clean", *KINDS):
        sel = [p for p in pairs if p.kind == kind]
        print(f"{kind}: {len(sel)}")
        for p in sel[: args.show]:
            print(f"  {p.id}: {p.a_edit!r} -> {p.b_edit!r}\n    A: {p.a}\n    B: {p.b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
