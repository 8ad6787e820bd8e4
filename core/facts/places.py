"""Is one place inside another? A small gazetteer (``resources/places.tsv.gz``, built by
``bench/make_places.py`` from GeoNames data, CC BY 4.0): the countries, the US states and
the cities of 15,000 people or more, each city name once (its most populous place).

A city named in one sentence and its country or state in the other ("near Sendai" / "in
northern Japan", "Seattle" / "Washington state") are one place told at two levels of
detail, not two places in the same role.

>>> within("Sendai", "Japan"), within("Japan", "Sendai"), within("Seattle", "Wash.")
(True, False, True)
>>> nested("the U.S.", "Texas"), nested("Texas", "New Jersey")
(True, False)
>>> within("France", "Europe"), within("Cairo", "the Middle East"), within("Texas", "Asia")
(True, True, False)
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass, field
from importlib.resources import files

from ..tokens import fold_accents
from .extract.entities import _norm_key
from .lexicon import cues
from .words import _DEMONYMS

__all__ = ["nested", "within"]

#: The AP style's state abbreviations ("Bellingham, Wash."), dots dropped.
_AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "ky": "KY",
    "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS",
    "mo": "MO", "mont": "MT", "neb": "NE", "nev": "NV", "nh": "NH", "nj": "NJ", "nm": "NM",
    "ny": "NY", "nc": "NC", "nd": "ND", "okla": "OK", "ore": "OR", "pa": "PA", "ri": "RI",
    "sc": "SC", "sd": "SD", "tenn": "TN", "vt": "VT", "va": "VA", "wash": "WA", "wva": "WV",
    "wis": "WI", "wyo": "WY", "dc": "DC",
}  # fmt: skip
#: Words around a place's name that say which part of it ("northern Japan", "New York
#: state", "the state of Washington").
_PART_WORDS = frozenset(
    "the northern southern eastern western central north south east west state of city "
    "county province region".split()
)


@dataclass
class _Gazetteer:
    countries: dict[str, str] = field(default_factory=dict)  #: name key -> country code
    country_names: set[str] = field(default_factory=set)  #: the countries' own plain names
    states: dict[str, str] = field(default_factory=dict)  #: plain name -> US state code
    cities: dict[str, tuple[str, str]] = field(default_factory=dict)  #: -> (country, state)
    continents: dict[str, str] = field(default_factory=dict)  #: country code -> continent


def _plain(text: str) -> str:
    """Lower case, accents folded, dots and part words ("northern", "state") gone."""
    words = fold_accents(text.replace("’", "'")).lower().replace(".", "").split()
    return " ".join(w.strip(",") for w in words if w.strip(",") not in _PART_WORDS)


@functools.cache
def _gazetteer() -> _Gazetteer:
    g = _Gazetteer()
    raw = files("factdiff.resources").joinpath("places.tsv.gz").read_bytes()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, *cols = line.split("\t")
        if kind == "C":
            code, name, continent = cols
            g.countries.setdefault(_norm_key(_plain(name).split()), code)
            g.country_names.add(_plain(name))
            g.continents[code] = continent
        elif kind == "S":
            _, code, name = cols
            g.states[_plain(name)] = code
        elif kind == "P":
            code, state, name = cols
            g.cities.setdefault(_plain(name), (code, state))
    for abbr, code in _AP_STATES.items():
        g.states.setdefault(abbr, code)
    return g


def _country(name: str) -> str:
    """The country code ``name`` names (aliases too: "the U.S.", "Britain"; not a capital
    standing for its country: Lisbon is a city beside Porto), or ""."""
    g, plain = _gazetteer(), _plain(name)
    if not plain or plain in g.cities and plain not in g.country_names:
        return ""
    return g.countries.get(_norm_key(plain.split()), "")


def _state(name: str) -> str:
    """The US state code ``name`` names ("Washington state", "Wash."), or ""."""
    return _gazetteer().states.get(_plain(name), "")


#: Parts of the world by the continents of their countries, and the Middle East by its
#: countries (GeoNames puts them in Asia, Egypt in Africa).
_REGIONS: dict[str, frozenset[str]] = {
    "europe": frozenset({"EU"}), "asia": frozenset({"AS"}), "africa": frozenset({"AF"}),
    "north america": frozenset({"NA"}), "south america": frozenset({"SA"}),
    "americas": frozenset({"NA", "SA"}), "oceania": frozenset({"OC"}),
    "antarctica": frozenset({"AN"}),
}  # fmt: skip
_MIDDLE_EAST = frozenset(
    "AE BH EG IL IQ IR JO KW LB OM PS QA SA SY TR YE".split()
)


def _region_holds(region: str, inner: str) -> bool:
    """Is ``inner`` (a country, a US state or a city) in the part of the world
    ``region`` names ("Europe", "the Americas", "the Middle East")?"""
    g = _gazetteer()
    key = " ".join(fold_accents(region).lower().replace(".", "").split()).removeprefix("the ")
    if key not in _REGIONS and key != "middle east":
        return False
    country = _country(inner) or ("US" if _state(inner) else "")
    if not country:
        city = g.cities.get(_plain(inner))
        country = city[0] if city is not None else ""
    if not country:
        return False
    if key == "middle east":
        return country in _MIDDLE_EAST
    return g.continents.get(country, "") in _REGIONS[key]


def within(inner: str, outer: str) -> bool:
    """Is the place ``inner`` inside the country or US state ``outer``, or in the part of
    the world it names ("France" in "Europe", "the U.S." in "the Americas")?"""
    g = _gazetteer()
    plain = _plain(inner)
    if not plain or plain == _plain(outer):
        return False
    if _region_holds(outer, inner):
        return True
    country, state = _country(outer), _state(outer)  # "Georgia" may be either
    city = g.cities.get(plain)
    inner_state = _state(inner)
    if state and country == "US":
        country = ""  # "Washington": the state (Kentucky is not inside it), not the country
    if country and not _country(inner):
        if city is not None and city[0] == country or country == "US" and inner_state:
            return True
    return bool(state) and city == ("US", state) and not inner_state


def nested(a: str, b: str) -> bool:
    """Is either place inside the other (one place at two levels of detail)? A people
    counts as its place ("Californians" / "Americans": California is in the U.S.).

    >>> nested("Californians", "Americans"), nested("Floridians", "Texans")
    (True, False)
    """
    a, b = _place_of_people(a), _place_of_people(b)
    return within(a, b) or within(b, a)


#: How a people's name is made from its place's: "Californians" <- California, "Floridians"
#: <- Florida, "Texans" <- Texas, "New Yorkers" <- New York.
_PEOPLE_ENDINGS = (
    ("ians", "ia"), ("ians", "a"), ("ians", ""), ("ans", "a"), ("ans", "as"), ("ers", ""),
)


def _place_of_people(name: str) -> str:
    """The place a people's name stands for, when the gazetteer knows it; else the name."""
    low = name.strip()
    key = low.lower().removeprefix("the ").strip()
    if key in _DEMONYMS:
        return _DEMONYMS[key]
    places = [key[: -len(end)] + repl for end, repl in _PEOPLE_ENDINGS
              if key.endswith(end) and len(key) > len(end) + 2]
    # a country or a state before a city ("Floridians": Florida, not Floridia in Sicily)
    for place in places:
        if _country(place) or _state(place):
            return place
    for place in places:
        if _plain(place) in _gazetteer().cities:
            return place
    return name


#: Endings that make a people's name of a place's: "Iraqi", "Japanese", "Ghanaian",
#: "Texans", "Kenyan", "Turkish".
_PEOPLE_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "ers", "er", "is", "i", "ish", "ic")


@functools.cache
def _place_words() -> frozenset[str]:
    """Each word of each country's, US state's and part of the world's name."""
    g = _gazetteer()
    return frozenset(w for p in g.country_names | set(g.states) | set(_REGIONS) for w in p.split())


def reads_as_people(name: str) -> bool:
    """Can ``name`` be a people, a faith or a party (what spaCy's NORP tag says)? A word
    of it a people's word (``peoples`` in facts_cues.json: "Muslim", "Democrats",
    "Kurdish") or a demonym we know, or a place's name with a people's ending ("Ghanaian",
    "Guyanese", "Californians"). "Oracle managers", "the Axcan shares": no; the tag was a
    guess."""
    peoples = cues()["peoples"]
    g, places = _gazetteer(), _place_words()
    if _plain(name) in g.country_names:
        return True  # "Seychelles": a country's name is its people's too
    for word in fold_accents(name).lower().replace("’", "'").replace("-", " ").split():
        word = word.strip(".,'").removesuffix("'s")
        if word in peoples or word in _DEMONYMS:
            return True
        for end in _PEOPLE_SUFFIXES:
            stem = word[: -len(end)]
            if not word.endswith(end) or len(stem) < 3:
                continue
            if any(p.startswith(stem[: max(4, len(stem) - 2)]) for p in places):
                return True
        # "Floridians", "New Yorkers": a city's people too (its endings are among ours)
        if _place_of_people(word) != word:
            return True
    return False
