"""Quantities: numbers with their unit, scale, bounds and the noun they count."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from ...model import Span
from ..component import Component
from ..records import Quantity
from ..text import _is_past, _stem, _Tok
from ..words import _AUX, _DETERMINERS, _STOP, _WORD_SYNONYMS

INF = math.inf


_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}


_MULT = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
    "one-third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25,
    "one quarter": 0.25, "one-quarter": 0.25, "three quarters": 0.75,
    "three-quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2, "one-fifth": 0.2,
}


_NUMWORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion)"
)


_NUMSTART = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)"
)


_SPELLED = (
    rf"(?:(?:a|an)\s+(?:dozen|hundred|thousand|million|billion)|dozen|{_NUMSTART}"
    rf"(?:(?:\s+and\s+|[\s-]+){_NUMWORD})*(?:\s+dozen)?)"
)


_FRACTION_RE = (
    r"(?:two[\s-]thirds|three[\s-]quarters|(?:a|one)[\s-](?:half|third|quarter|fifth)|half)"
)


#: "1 1/2" (a whole number and a half, a third, a quarter or an eighth) before the plain forms
_MIXED = r"\d+\s[1-7]/[2348](?![\d/])"
_DIGITS = rf"{_MIXED}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"


_NUM_CORE = re.compile(
    rf"(?<![\w.,\-/:])(?:{_DIGITS})(?![\d,]\d)|\b(?:{_FRACTION_RE}|{_SPELLED})\b",
    re.IGNORECASE,
)


# unit regex -> (dimension, factor to the base unit, canonical unit)
_UNITS: tuple[tuple[str, str, float, str], ...] = (
    (r"%|per\s*cent|percent", "percent", 1.0, "%"),
    (r"percentage[\s-]points?", "pp", 1.0, "pp"),
    (r"basis[\s-]points?|bps", "pp", 0.01, "bp"),
    (r"(?:kilomet(?:er|re)s?|km)(?:\s*/\s*h|\s+(?:per|an|a)\s+hour)", "speed", 1.0, "km/h"),
    (r"kph", "speed", 1.0, "km/h"),
    (r"mph|miles?\s+(?:per|an|a)\s+hour", "speed", 1.609, "mph"),
    (r"knots?", "speed", 1.852, "kn"),
    (r"kilomet(?:er|re)s?|km", "length", 1000.0, "km"),
    (r"miles?|mi", "length", 1609.34, "mile"),
    (r"met(?:er|re)s?|m(?=\s)", "length", 1.0, "m"),
    (r"centimet(?:er|re)s?|cm", "length", 0.01, "cm"),
    (r"millimet(?:er|re)s?|mm", "length", 0.001, "mm"),
    (r"feet|foot|ft", "length", 0.3048, "ft"),
    (r"inch(?:es)?|in\.", "length", 0.0254, "in"),
    (r"yards?", "length", 0.9144, "yd"),
    (r"kilo(?:gram)?s?|kg", "mass", 1.0, "kg"),
    (r"grams?|g(?=\s)", "mass", 0.001, "g"),
    (r"pounds?|lbs?", "mass", 0.4536, "lb"),
    (r"tonnes?|metric\s+tons?", "mass", 1000.0, "t"),
    (r"tons?", "mass", 950.0, "ton"),
    (r"acres?", "area", 0.4047, "acre"),
    (r"hectares?|ha", "area", 1.0, "ha"),
    (r"square\s+(?:kilomet(?:er|re)s?|km)|sq\.?\s*km|km2|km²", "area", 100.0, "km2"),
    (r"square\s+miles?|sq\.?\s*mi", "area", 259.0, "sqmi"),
    (r"decades?", "duration", 3652.5, "decade"),
    (r"years?(?!\s*[-\s]?old)", "duration", 365.25, "year"),
    (r"months?", "duration", 30.44, "month"),
    (r"weeks?", "duration", 7.0, "week"),
    (r"days?", "duration", 1.0, "day"),
    (r"hours?|hrs?", "duration", 1 / 24, "hour"),
    (r"minutes?|mins?", "duration", 1 / 1440, "minute"),
    (r"seconds?|secs?", "duration", 1 / 86400, "second"),
    (r"degrees?\s+(?:celsius|c)|°\s*c", "temp_c", 1.0, "°C"),
    (r"degrees?\s+(?:fahrenheit|f)|°\s*f", "temp_f", 1.0, "°F"),
    (r"(?:k|kilo)[\s-]?bytes?|kb", "data", 1e3, "KB"),
    (r"(?:m|mega)[\s-]?bytes?|mb", "data", 1e6, "MB"),
    (r"(?:g|giga)[\s-]?bytes?|gb", "data", 1e9, "GB"),
    (r"(?:t|tera)[\s-]?bytes?|tb", "data", 1e12, "TB"),
    (r"bytes?", "data", 1.0, "B"),
    (r"khz|kilohertz", "frequency", 1e3, "kHz"),
    (r"mhz|megahertz", "frequency", 1e6, "MHz"),
    (r"ghz|gigahertz", "frequency", 1e9, "GHz"),
    (r"hz|hertz", "frequency", 1.0, "Hz"),
    (r"dollars?|usd", "money:USD", 1.0, "$"),
    (r"euros?|eur", "money:EUR", 1.0, "€"),
    (r"pounds?\s+sterling|gbp", "money:GBP", 1.0, "£"),
    (r"yen|jpy", "money:JPY", 1.0, "¥"),
    (r"yuan|renminbi|cny|rmb", "money:CNY", 1.0, "yuan"),
    (r"rupees?|inr", "money:INR", 1.0, "rupee"),
)


_UNIT_RE = re.compile(
    r"\s*(?:-\s*)?(?P<u>" + "|".join(f"(?:{u[0]})" for u in _UNITS) + r")(?![A-Za-z])",
    re.IGNORECASE,
)


_UNIT_PATTERNS = [(re.compile(rf"(?:{u[0]})$", re.IGNORECASE), u[1:]) for u in _UNITS]


#: A scale word after the figure; a quotation may close between them ("we're asking for
#: $5.6” billion": the speaker's figure, the writer's scale).
_SCALE_RE = re.compile(
    r"(?:(?:[”\"]?\s+|-)(?P<w>thousand|million|billion|trillion)\b|(?P<s>bn|mn|tn|m|b|k)\b)",
    re.IGNORECASE,
)


_HALF_SCALE_RE = re.compile(
    r"\s+(?:a|an)\s+(?P<w>million|billion|thousand|dozen|ton|tonne)\b", re.IGNORECASE
)


_QUARTER_OF_RE = re.compile(r"\s+of\s+(?:a|an|one)\s+", re.IGNORECASE)


_CURRENCY_BEFORE = re.compile(r"(?P<c>US\$|A\$|C\$|\$|€|£|¥|Rs\.?)\s?$")


_CURRENCY = {
    "$": "USD",
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "Rs": "INR",
    "Rs.": "INR",
}


_QUALIFIER_BEFORE = re.compile(
    r"(?P<q>more\s+than|over|at\s+least|no\s+fewer\s+than|no\s+less\s+than|upwards\s+of|"
    r"in\s+excess\s+of|nearly|almost|close\s+to|just\s+under|just\s+over|just\s+below|"
    r"about|around|roughly|approximately|some|an\s+estimated|estimated|up\s+to|"
    r"as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|fewer\s+than|less\s+than|under|"
    r"at\s+most|no\s+more\s+than|below|above|exceeding|between|from|almost|around)"
    r"\s+(?:the\s+)?(?:US\$|\$|€|£|¥)?\s?$",
    re.IGNORECASE,
)


_AGE_BEFORE = re.compile(r"\b(?:aged|age\s+of|ages?)\s+$", re.IGNORECASE)


_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+of)?\s+$", re.IGNORECASE)


_MAGNITUDE_AFTER = re.compile(r"[\s-]*magnitude\b", re.IGNORECASE)


_AGE_AFTER = re.compile(r"[\s-]+years?[\s-]+old\b|[\s-]+year[\s-]old\b", re.IGNORECASE)


_RANGE_AFTER = re.compile(rf"\s*(?P<sep>-|–|to|and)\s*(?P<n>{_DIGITS}|{_SPELLED})\b", re.IGNORECASE)


_VOTE_BEFORE = re.compile(r"\b(?:vote\s+of|votes?|voted|voting|by|score\s+of)\s+$", re.IGNORECASE)


# "by 27 votes to 13", "220 votes against 212": a tally written around its noun.
_VOTES_TO = re.compile(
    rf"\s+votes?\s+(?:to|against)\s+(?P<n>{_DIGITS}|{_SPELLED})\b", re.IGNORECASE
)


# "a quarter point", "half a percentage point": a step in percentage points, not a share.
_FRACTION_POINT = re.compile(
    r"(?:[\s-]+|\s+(?:a|an|of\s+a)\s+)(?:percentage[\s-]+)?points?\b", re.IGNORECASE
)


_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)


_MINUTE_AFTER = re.compile(r"\s+minute\b", re.IGNORECASE)


# Values that someone seeks or demands are not the value that came about:
# "prosecutors had sought nine years" / "jailed for six years".
_PROPOSAL_BEFORE = re.compile(
    r"\b(?:sought|seeks?|seeking|demand(?:s|ed|ing)?|ask(?:s|ed|ing)?\s+for|"
    r"call(?:s|ed|ing)?\s+for|propos(?:e|es|ed|ing|al)|request(?:s|ed|ing)?|wants?|wanted|"
    r"bid(?:s|ding)?\s+for|targets?|targeted|targeting)\b(?!\s+to\b)[^;:,]{0,40}$",
    re.IGNORECASE,
)
#: A figure told as a share of one named before it ("Of that, $3 billion ..."; "of which
#: 40 percent"): a part, not the total another sentence gives.
_PART_BEFORE = re.compile(
    r"\b(?:of|among)\s+(?:that|those|these|this|which|whom|them|it|the\s+total|"
    r"the\s+(?:money|amount|sum|funds))\s*,?\s*(?:(?:about|almost|nearly|some|roughly|"
    r"only|just|more\s+than|less\s+than)\s+)?$",
    re.IGNORECASE,
)


# "ten-man Port Marlow", "a nine-member committee": a number inside a compound modifier,
# so a word before it ("a victory over ten-man ...") is a preposition, not a qualifier.
_COMPOUND_AFTER = re.compile(r"-[a-z]+\b(?!-)")


_METRES_AFTER = re.compile(
    r"\s*(?:tall|high|long|deep|wide|away|above|below|from|in\s+(?:length|height|diameter)|"
    r"of\s+(?:water|snow|rain))\b",
    re.IGNORECASE,
)


_NAMED_OF = re.compile(r"\b[A-Z][a-z]+\s+of\s+$")  # "Group of 20"


_APPOSITIVE_AGE = re.compile(r"[A-Za-z],\s*$")


def _parse_spelled(s: str) -> float | None:
    """'twenty-seven' -> 27, 'a dozen' -> 12, 'three million' -> 3e6; None if not a number."""
    s = s.lower().replace("-", " ")
    if s in _FRACTIONS:
        return _FRACTIONS[s]
    words = [w for w in s.split() if w != "and"]
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    total, cur = 0.0, 0.0
    seen = False
    for w in words:
        if w == "dozen":
            cur = (cur or 1) * 12
        elif w in _SMALL:
            cur += _SMALL[w]
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w in _MULT:
            total += (cur or 1) * _MULT[w]
            cur = 0
        else:
            return None
        seen = True
    return total + cur if seen else None


def _parse_number(s: str) -> tuple[float, int] | None:
    """A written number and its count of decimals (-1 for spelled-out numbers)."""
    if s[0].isdigit() and re.fullmatch(_MIXED, s):
        whole, frac = s.split()
        num, den = frac.split("/")
        return int(whole) + int(num) / int(den), 1
    if s[0].isdigit():
        try:
            v = float(s.replace(",", ""))
        except ValueError:
            return None
        dec = len(s.split(".")[1]) if "." in s else 0
        return v, dec
    spelled = _parse_spelled(s)
    return (spelled, -1) if spelled is not None else None


def _unit_info(unit: str) -> tuple[str, float, str] | None:
    for pat, info in _UNIT_PATTERNS:
        if pat.match(unit.strip()):
            return info
    return None


def _context_words(toks: Sequence[_Tok], start: int, end: int) -> frozenset[str]:
    """Stems of the content words just after (and the nearest one before) a quantity."""
    out: set[str] = set()
    after = [t for t in toks if t.start >= end]
    n = 0
    for t in after:
        if not t.is_word:
            if t.text in ',;:.!?()“”"':
                break
            continue
        if t.low in _STOP and n == 0 and t.low in ("of",):
            continue
        if t.low in _STOP:
            if n:
                break
            continue
        out.add(_WORD_SYNONYMS.get(t.low, _stem(t.low)))
        n += 1
        if n >= 3:
            break
    before = [t for t in toks if t.end <= start and t.is_word and t.low not in _STOP]
    for t in before[-2:]:
        out.add(_WORD_SYNONYMS.get(t.low, _stem(t.low)))
    return frozenset(out)


def _qualify(v: float, qual: str) -> tuple[float, float]:
    """Value bounds from a number and its qualifier ("at least", "about", "up to", ...)."""
    q = " ".join(qual.lower().split())
    if q in ("more than", "over", "above", "exceeding", "in excess of", "upwards of"):
        return v * 1.000001, INF
    if q in ("at least", "no fewer than", "no less than"):
        return v, INF
    if q in ("up to", "as many as", "as much as", "as high as", "at most", "no more than"):
        return 0.0, v
    if q in ("fewer than", "less than", "under", "below"):
        return 0.0, v * 0.999999
    if q in ("nearly", "almost", "close to", "just under", "just below"):
        return v * 0.85, v
    if q == "just over":
        return v, v * 1.15
    if q in _APPROX:
        return v * 0.9, v * 1.1
    return v, v


_APPROX = frozenset(
    ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated")
)


def _written_step(core: str, dec: int, value: float) -> float:
    """The precision of a written number: one unit of its last significant digit.

    "12,000" -> 1000, "6.4" -> 0.1, "twelve" -> 1, "three million" -> 1 (times the scale).
    """
    if dec > 0:
        return 10.0**-dec
    v = abs(value)
    if v < 1 or v != int(v):
        return 1.0
    n = int(v)
    step = 1
    while n % (step * 10) == 0 and step < n:
        step *= 10
    return float(step) if core[0].isdigit() else 1.0


def _scale_tolerance(v: float, dec: int, mult: float) -> float:
    """Half a unit of the last written digit of a scaled number, capped at 5%."""
    return min(0.5 * 10 ** (-max(dec, 0)) * mult, 0.05 * v)


def _opens(text: str, at: int) -> bool:
    """Does the word at ``at`` open the sentence or a quotation or bracket in it? Its
    capital is then no sign of a name ('"Approximately 60 per cent', "(About 20")."""
    lead = text[:at].rstrip()
    return not lead or lead[-1] in "\"“‘'(["


def _extract_quantities(text: str, toks: Sequence[_Tok], masked: str) -> list[Quantity]:
    """Numbers with qualifier, currency, scale and unit, found with anchored regexes."""
    out: list[Quantity] = []
    taken_until = -1
    for m in _NUM_CORE.finditer(masked):
        if m.start() < taken_until:
            continue
        core = m.group()
        parsed = _parse_number(core)
        if parsed is None:
            continue
        v, dec = parsed
        low_core = core.lower()
        start, end = m.start(), m.end()
        before = masked[max(0, start - 40) : start]
        # Skip numbers that name things: "Group of 20", "Apollo 11".
        prev_tok = next((t for t in reversed(toks) if t.end <= start), None)
        if (
            prev_tok is not None
            and core[0].isdigit()
            and prev_tok.is_cap
            and not _opens(masked, prev_tok.start)
            and prev_tok.low not in _DETERMINERS
            and not before.rstrip().endswith(",")
        ):
            if not _RANGE_AFTER.match(masked, end):
                continue
        if core[0].isdigit() and _NAMED_OF.search(before):
            continue
        if low_core == "one":
            nxt = masked[end : end + 12].lower()
            if re.match(r"\s+(?:of|another|day|time|way|side|hand|thing)\b", nxt) or re.search(
                r"\b(?:no|any|every|each|the|this|that|which|some|someone)\s+$", before.lower()
            ):
                continue
        if low_core == "half" and not re.match(
            r"\s+(?:of|a|an)\b|[\s-]+(?:percentage[\s-]+)?points?\b", masked[end : end + 20]
        ):
            continue
        dim, factor, unit = "count", 1.0, ""
        # Ordinals rank things ("the 12th day"); "the 12th minute" is a match clock.
        om = _ORDINAL_AFTER.match(masked, end) if core[0].isdigit() else None
        ordinal = om is not None
        if om is not None:
            end = om.end()
        pair: tuple[float, float] | None = None
        qual = ""
        currency = ""
        cm = _CURRENCY_BEFORE.search(before)
        if cm:
            currency = _CURRENCY.get(cm.group("c"), "USD")
            start = m.start() - (len(before) - cm.start())
            before = masked[max(0, start - 40) : start]
        qm = _QUALIFIER_BEFORE.search(masked[max(0, m.start() - 40) : m.start()])
        if qm and (
            qm.group("q").lower() in ("over", "under", "above", "below", "from")
            and _COMPOUND_AFTER.match(masked, m.end())
        ):
            qm = None
        if qm:
            qual = qm.group("q")
            start = min(
                start, m.start() - (len(masked[max(0, m.start() - 40) : m.start()]) - qm.start())
            )
            if currency == "" and (cm2 := _CURRENCY_BEFORE.search(qm.group())):
                currency = _CURRENCY.get(cm2.group("c"), "USD")
        is_frac = low_core.replace("-", " ") in _FRACTIONS or low_core in _FRACTIONS
        fraction = is_frac
        mult = 1.0
        scaled = False
        # Range, score or tally right after the number.
        hi_v: float | None = None
        rm = _RANGE_AFTER.match(masked, end)
        if rm and not is_frac:
            p2 = _parse_number(rm.group("n"))
            sep = rm.group("sep").lower()
            if p2 is not None and not (sep == "and" and qual.lower() != "between"):
                v2 = p2[0]
                after_r = masked[rm.end() : rm.end() + 30]
                unit_follows = bool(_UNIT_RE.match(after_r)) or bool(
                    re.match(r"\s+(?:thousand|million|billion)\b", after_r, re.I)
                )
                if (
                    sep in ("-", "–")
                    and v == int(v)
                    and v2 == int(v2)
                    and not unit_follows
                    and not re.match(r"\s+[a-z]+s\b", after_r)
                    and qual.lower() != "between"
                ):
                    pair = (max(v, v2), min(v, v2))
                    dim = "score"
                    end = rm.end()
                elif sep == "to" and _VOTE_BEFORE.search(before):
                    pair = (max(v, v2), min(v, v2))
                    dim = "score"
                    end = rm.end()
                elif qual.lower() == "from" and sep == "to":
                    pass
                else:
                    hi_v = v2
                    end = rm.end()
        # Scale words: "1.5 billion", "£5.2m", "half a million".
        if pair is None and not ordinal and (vm := _VOTES_TO.match(masked, end)):
            p2 = _parse_number(vm.group("n"))
            if p2 is not None:
                pair = (max(v, p2[0]), min(v, p2[0]))
                dim = "score"
                end = vm.end()
        if pair is None and is_frac and (fp := _FRACTION_POINT.match(masked, end)):
            dim, factor, unit = "pp", 1.0, "pp"
            end = fp.end()
            is_frac = False
        if pair is None:
            if is_frac and (hm := _HALF_SCALE_RE.match(masked, end)):
                w = hm.group("w").lower()
                mult = {"dozen": 12.0, "ton": 1.0, "tonne": 1.0}.get(w, _MULT.get(w, 1.0))
                if w in ("ton", "tonne"):
                    dim, factor, unit = "mass", 1000.0, "t"
                end = hm.end()
                is_frac = False
                scaled = True
            elif sm := _SCALE_RE.match(masked, end):
                w = (sm.group("w") or sm.group("s") or "").lower()
                short = sm.group("s") is not None
                metres = w == "m" and _METRES_AFTER.match(masked, sm.end())
                if not short or currency or not metres and w in ("m", "bn", "mn"):
                    if not metres:
                        mult = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}.get(
                            w, _MULT.get(w, 1.0)
                        )
                        end = sm.end()
                        scaled = True
        if is_frac:
            fm = _QUARTER_OF_RE.match(masked, end)
            um = _UNIT_RE.match(masked, fm.end()) if fm else None
            if um and (info := _unit_info(um.group("u"))):
                dim, factor, unit = info
                end = um.end()
            else:
                v, dec, dim, unit = v * 100, -1, "percent", "%"
                qual = qual or "about"
        # Units.
        if ordinal:
            if _MINUTE_AFTER.match(masked, end):
                dim, factor, unit = "duration", 1 / 1440, "minute"
                hi_v, v = v, v - 1  # the 12th minute runs from 11:00 to 12:00
            else:
                dim = "ordinal"
        elif pair is None and dim == "count":
            am = _AGE_AFTER.match(masked, end)
            if am:
                dim, unit = "age", "y"
                end = am.end()
            elif _AGE_BEFORE.search(before):
                dim, unit = "age", "y"
            elif _MAGNITUDE_BEFORE.search(before) or (
                (mm := _MAGNITUDE_AFTER.match(masked, end)) and (end := mm.end())
            ):
                dim, unit = "magnitude", ""
            elif um := _UNIT_RE.match(masked, end):
                info = _unit_info(um.group("u"))
                if info is not None:
                    dim, factor, unit = info
                    if dim.startswith("money:"):
                        currency = currency or dim.split(":")[1]
                    end = um.end()
            elif (
                _APPOSITIVE_AGE.search(before)
                and re.match(r"\s*,", masked[end : end + 2])
                and v == int(v)
                and 1 <= v <= 120
                and dec == 0
            ):
                dim, unit = "age", "y"
        if currency:
            dim, unit = f"money:{currency}", currency
        value = v * mult * factor
        hi_val = hi_v * mult * factor if hi_v is not None else None
        lo, hi = _qualify(value, qual)
        if scaled and dec >= 0 and not qual:
            tol = _scale_tolerance(v * mult, dec, mult) * factor
            lo, hi = value - tol, value + tol
        elif scaled and dec >= 0:
            tol = _scale_tolerance(v * mult, dec, mult) * factor
            lo, hi = lo - tol, (hi + tol) if not math.isinf(hi) else hi
        if hi_val is not None:
            lo, hi = min(value, hi_val), max(value, hi_val)
        q_norm = " ".join(qual.lower().split())
        bound = hi_val is not None or bool(q_norm and q_norm not in _APPROX)
        # A fraction ("two-thirds") is a rounding in itself: no precision to compare at.
        step = 0.0 if fraction else _written_step(core, dec, v) * mult * factor
        role = ""
        if _PROPOSAL_BEFORE.search(masked[max(0, start - 60) : start]):
            role = "proposal"
        elif _PART_BEFORE.search(masked[max(0, start - 40) : start]):
            role = "part"
        compound = ""
        if dim == "count" and (cw := _COMPOUND_AFTER.match(masked, end)):
            word = cw.group()[1:]
            compound = _WORD_SYNONYMS.get(word, _stem(word))
        span = Span(start, end)
        taken_until = end
        ctx = _context_words(toks, start, end)
        out.append(
            Quantity(
                span=span,
                text=text[start:end],
                low=lo,
                high=hi,
                dim=dim,
                unit=unit,
                context=ctx,
                pair=pair,
                detail=_detail_span(text, toks, start, end),
                written=value,
                step=step,
                bound=bound,
                role=role,
                compound=compound,
            )
        )
    return out


#: Counts told by their order of magnitude, as news writes them ("dozens of arrests",
#: "tens of thousands of people"): the range each is read as. "Dozens" is two dozen up to
#: what would be told as "hundreds"; each range ends a little short of where the next
#: word takes over (the figures' comparison allows half a percent for rounding).
_VAGUE_RANGES = {
    "dozens": (24.0, 190.0), "scores": (40.0, 190.0), "hundreds": (200.0, 1900.0),
    "thousands": (2e3, 95_000.0), "millions": (2e6, 950e6), "billions": (2e9, 950e9),
    "tens of thousands": (2e4, 190_000.0), "hundreds of thousands": (2e5, 1_900_000.0),
    "tens of millions": (2e7, 190e6), "hundreds of millions": (2e8, 1900e6),
    "tens of billions": (2e10, 190e9), "hundreds of billions": (2e11, 1900e9),
}
_VAGUE = re.compile(
    r"(?<![\w$£€.,-])(?:"
    + "|".join(w.replace(" ", r"\s+") for w in sorted(_VAGUE_RANGES, key=len, reverse=True))
    + r")(?=\s+of\s+[a-z])",
    re.IGNORECASE,
)
#: What keeps such a word from being a count of its own: a figure it scales ("5
#: millions"), "the" ("the thousands who came"), "of" ("one of dozens").
_VAGUE_BEFORE = re.compile(r"(?:\d|\b(?:the|these|those|of))\s*$", re.IGNORECASE)


def _vague_counts(
    text: str, toks: Sequence[_Tok], masked: str, found: Sequence[Quantity]
) -> list[Quantity]:
    """Counts told by their order of magnitude (:data:`_VAGUE_RANGES`), as ranges: "dozens of
    arrests" agrees with "36 arrests" and not with "more than 200 people were arrested"."""
    out = []
    for m in _VAGUE.finditer(masked):
        if any(q.span.start < m.end() and m.start() < q.span.end for q in found):
            continue
        if _VAGUE_BEFORE.search(masked, max(0, m.start() - 12), m.start()):
            continue  # "5 millions", "the thousands who came", "one of dozens"
        words = " ".join(m.group().lower().split())
        lo, hi = _VAGUE_RANGES[words]
        out.append(Quantity(
            span=Span(m.start(), m.end()), text=text[m.start() : m.end()], low=lo, high=hi,
            dim="count", unit="", context=_context_words(toks, m.start(), m.end()),
            detail=_detail_span(text, toks, m.start(), m.end()), written=lo, step=lo,
            bound=True, vague=True,
        ))
    return out


def _detail_span(text: str, toks: Sequence[_Tok], start: int, end: int) -> Span:
    """Extend a quantity over the noun it counts ("10 balloon flights") for underlining."""
    stop = end
    n = 0
    for t in toks:
        if t.start < end:
            continue
        if not t.is_word or t.low in _STOP or t.low in _AUX or n >= 3:
            break
        if _is_past(t, None) and n:
            break
        stop = t.end
        n += 1
    return Span(start, stop)


class Quantities(Component):
    """Numbers with their unit, bounds and counted noun (dates masked out first)."""

    name = "quantities"
    requires = ("text", "toks", "covered")
    assigns = ("quantities",)

    def __call__(self, state: dict[str, Any]) -> None:
        text = state["text"]
        masked = list(text)
        for c in state["covered"]:
            masked[c.start : c.end] = " " * (c.end - c.start)
        blanked = "".join(masked)
        found = _extract_quantities(text, state["toks"], blanked)
        vague = _vague_counts(text, state["toks"], blanked, found)
        state["quantities"] = sorted([*found, *vague], key=lambda q: q.span.start)
