"""Is one name another name for the same person, place or body? Aliases and short forms:
"Mr. Smith" / "Ben Smith", "Sandi" / "Sandra", "Bill Clinton" / "William J. Clinton",
"Senator Warren" / "Mrs Warren", "WHO" / "World Health Organization", "Beijing" / "China".

>>> same_name("Mr. Christie", "Gov. Chris Christie", person=True)
True
>>> same_name("Sandi", "Sandra", person=True)
True
>>> same_name("House Foreign Affairs Committee", "House Foreign Relations Committee")
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..tokens import fold_accents
from .extract.entities import _acronym, _extract_entities, _norm_key, _same_key
from .lexicon import nicknames
from .text import _tokenize
from .words import _PARTY_WORDS, _SEATS, _TITLES

__all__ = ["name_words", "names_in", "same_name", "told_by"]

_SPLIT = re.compile(r"[\s\-–]+")
_EXTRA_TITLES = frozenset("mr mrs ms dr sen rep gov the former jr sr".split())


def name_words(text: str, *, place: bool = True) -> list[str]:
    """Lower-cased words of a name without titles, dots, a possessive or (with ``place``)
    "of <place>" ("Nancy Pelosi of California")."""
    t = fold_accents(text.replace("’", "'"))
    t = re.sub(r"'s?$", "", t.strip())  # "Trump's"; not "Lowe's Motor Speedway"
    if place and " of " in t and t[:1].isupper():
        t = re.split(r"\s+of\s+", t)[0]
    words = [w.strip(".,").lower() for w in _SPLIT.split(t) if w.strip(".,")]
    return [w for w in words if w not in _TITLES and w not in _EXTRA_TITLES]


def _same_first(x: str, y: str) -> bool:
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:  # an initial
        return x[0] == y[0]
    nx, ny = nicknames().get(x, frozenset({x})), nicknames().get(y, frozenset({y}))
    return bool(nx & ny) or len(x) >= 3 and len(y) >= 3 and x[:3] == y[:3]


def _abbreviates(short: str, full: str) -> bool:
    """"Calif." / "California", "Ariz." / "Arizona", "Gen. Motors" / "General Motors":
    each word with a dot is the start of the matching word of the other name."""
    ws, wf = short.replace("’", "'").split(), full.replace("’", "'").split()
    if len(ws) != len(wf) or not any(w.endswith(".") and len(w) > 2 for w in ws):
        return False
    for x, y in zip(ws, wf, strict=True):
        x, y = x.lower(), y.lower()
        if x.endswith(".") and len(x) > 2:
            if not y.startswith(x[:-1]):
                return False
        elif x != y:
            return False
    return True


def same_name(a: str, b: str, *, person: bool = False) -> bool:
    """True when ``a`` and ``b`` can name the same entity; ``person`` allows the rules
    for people (a surname alone, a short first name)."""
    # "of <place>" goes from a person's name only: "Nancy Pelosi of California" is Nancy
    # Pelosi, but "Bank of America" is not the Bank of England.
    wa, wb = name_words(a, place=person), name_words(b, place=person)
    if not wa or not wb:
        return False
    ka, kb = _norm_key(wa), _norm_key(wb)
    if _same_key(ka, kb) or _abbreviates(a, b) or _abbreviates(b, a):
        return True
    if not person:
        return False
    if wa[-1] == wb[-1] and len(wa[-1]) > 1:
        if len(wa) == 1 or len(wb) == 1:
            return True  # "Mr. Smith" / "Ben Smith"
        if _same_first(wa[0], wb[0]):
            return True
        # a word in front of the first name that no title list knows ("Senate President
        # Mike Thibodeau" / "Michael Thibodeau"): any two full first names that match
        return any(
            _same_first(x, y) for x in wa[:-1] for y in wb[:-1] if len(x) > 1 and len(y) > 1
        )
    if len(wa) == 1 and len(wb) == 1:
        return _same_first(wa[0], wb[0])
    # one first name and a surname spelled a letter apart ("Jorge Manzon" / "Jorge
    # Monzon"): one person whose name two outlets transliterate or misspell
    return (
        len(wa) >= 2 and len(wb) >= 2 and _same_first(wa[0], wb[0])
        and min(len(wa[-1]), len(wb[-1])) >= 5 and _one_letter_apart(wa[-1], wb[-1])
    )


@lru_cache(maxsize=64)
def names_in(text: str) -> tuple[str, ...]:
    """The names a text (an article) gives, each once: its capitalised runs, titles and
    first words of sentences left out, as the fact checks read names without a parse.

    >>> names_in("The FBI fired him. Later, the United States and Mr. Smith agreed.")
    ('FBI', 'United States', 'Smith')
    """
    return tuple(dict.fromkeys(e.text for e in _extract_entities(_tokenize(text), ())))


@lru_cache(maxsize=65536)
def told_by(detail: str, name: str) -> bool:
    """Does another article's ``name`` name what ``detail`` names by an alias ("U.S." /
    "the United States" / "America"), an acronym ("FBI" / "Federal Bureau of
    Investigation") or an abbreviation ("Calif." / "California")? Not by a short form
    ("the House" is not the "House Intelligence Committee", nor the "White House"), nor
    a place for the body seated there ("American officials" / "the White House").

    >>> told_by("United States", "U.S."), told_by("FBI", "Federal Bureau of Investigation")
    (True, True)
    >>> told_by("Democratic", "Democrats"), told_by("Republican", "Democrats")
    (True, False)
    >>> told_by("White House", "House"), told_by("White House", "American")
    (False, False)
    """
    wd, wn = name_words(detail, place=False), name_words(name, place=False)
    if not wd or not wn:
        return False
    if _abbreviates(detail, name) or _abbreviates(name, detail):
        return True
    flat_d, flat_n = "".join(wd).replace(".", ""), "".join(wn).replace(".", "")
    if len(wn) > 1 and _acronym(flat_d, wn) or len(wd) > 1 and _acronym(flat_n, wd):
        return True  # the initials of the other's words ("U.S.", "N.Y.", "FBI")
    # one alias key ("America" / "the United States", "Russian" / "Russia"), not by a
    # seat of government ("the White House" / "American officials")
    if " ".join(wd) in _SEATS or " ".join(wn) in _SEATS:
        return False
    if len(wd) == len(wn) == 1 and _PARTY_WORDS.get(wd[0], "") == _PARTY_WORDS.get(wn[0], "?"):
        return True  # "Democratic senators" / "the Democrats", "Republican" / "the GOP"
    return _norm_key(wd) == _norm_key(wn)


def _one_letter_apart(x: str, y: str) -> bool:
    """Do two words differ by one letter changed, added or dropped (case aside)?"""
    x, y = x.lower(), y.lower()
    if x == y or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(c != d for c, d in zip(x, y, strict=True)) == 1
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))
