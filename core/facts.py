"""Fact-level comparison of two aligned sentences.

:func:`extract_facts` reads one sentence into a :class:`Facts` record: quantities, dates
and times, named entities, speakers, negations and certainty cues, each with its
sentence-level span. :func:`compare_facts` lines two records up and reports conflicts
(number, date, entity, polarity, attribution, certainty), the details only one side
gives, and whether the two sentences can be the same fact at all.

Everything is compiled regexes and small word lists: no model, no dateparser on the hot
path, so extraction stays well under a millisecond per sentence and a pair comparison
is cheaper still. Spans are offsets into the sentence; the pipeline shifts them.

>>> r = compare_sentences("Five people died on Friday.", "Six people died on Friday.")
>>> [(c.kind.value, c.a_text, c.b_text) for c in r.conflicts]
[('number', 'Five people', 'Six people')]
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from .model import Conflict, ConflictKind, Span

__all__ = [
    "DateFact",
    "Entity",
    "FactResult",
    "Facts",
    "Quantity",
    "Speaker",
    "compare_facts",
    "compare_sentences",
    "extract_facts",
]

log = logging.getLogger(__name__)

INF = math.inf

# --------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------
# fmt: off

_STOP = frozenset(
    """a an the and or but nor so yet of to in on at by for from with without into onto
    over under about after before during since until than then that this these those
    there here it its it's he she they we you i me him her them us our your his their
    my mine is are was were be been being am has have had having do does did doing
    will would shall should can could may might must not no never also just only even
    very more most much many some any each every all both either neither other such
    own same as if while when where which who whom whose what why how up down out off
    again further once per via amid among against between through across around near
    still already ever too now later earlier early late s t one's who's""".split()
)

_DETERMINERS = frozenset(
    "the a an this that these those its his her their our your my some any each every "
    "no another".split()
)

_AUX = frozenset(
    "is are was were be been being am has have had do does did will would shall should "
    "can could may might must".split()
)

_PREPOSITIONS = frozenset(
    "in at near outside inside from to into by for with against on off of over under "
    "across through toward towards".split()
)

# Irregular verb forms -> base, so "met" and "meeting" meet at "meet".
_IRREGULAR = {
    "met": "meet", "won": "win", "lost": "lose", "rose": "rise", "risen": "rise",
    "fell": "fall", "fallen": "fall", "sold": "sell", "bought": "buy", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "made": "make", "went": "go",
    "gone": "go", "came": "come", "told": "tell", "said": "say", "says": "say",
    "held": "hold", "left": "leave", "struck": "strike", "led": "lead", "began": "begin",
    "begun": "begin", "sank": "sink", "sunk": "sink", "shot": "shoot", "fought": "fight",
    "brought": "bring", "found": "find", "kept": "keep", "saw": "see", "seen": "see",
    "spoke": "speak", "spoken": "speak", "thought": "think", "ran": "run", "wrote": "write",
    "written": "write", "chose": "choose", "chosen": "choose", "broke": "break",
    "broken": "break", "drove": "drive", "driven": "drive", "flew": "fly", "flown": "fly",
    "grew": "grow", "grown": "grow", "knew": "know", "known": "know", "paid": "pay",
    "sent": "send", "spent": "spend", "stood": "stand", "withdrew": "withdraw",
    "withdrawn": "withdraw", "rebuilt": "rebuild", "built": "build", "fled": "flee",
    "dealt": "deal", "meant": "mean", "sought": "seek", "caught": "catch", "laid": "lay",
    "felt": "feel", "hit": "hit", "cut": "cut", "put": "put", "set": "set", "shut": "shut",
    "quit": "quit", "beat": "beat", "beaten": "beat", "bid": "bid", "hurt": "hurt",
    "let": "let", "read": "read", "upheld": "uphold", "overthrew": "overthrow",
    "undertook": "undertake", "froze": "freeze", "stole": "steal", "swore": "swear",
    "woke": "wake", "wore": "wear", "arose": "arise", "became": "become", "become": "become",
    "forgave": "forgive", "drew": "draw", "drawn": "draw", "threw": "throw",
    "thrown": "throw", "lent": "lend", "bent": "bend", "wound": "wind", "slid": "slide",
    "stuck": "stick", "dug": "dig", "hung": "hang", "sped": "speed", "heard": "hear",
    "understood": "understand", "oversaw": "oversee", "overtook": "overtake",
    "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "am": "be",
    "has": "have", "had": "have", "does": "do", "did": "do", "done": "do",
    "died": "die", "dies": "die", "dying": "die", "dead": "die", "death": "die",
    "deaths": "die", "killed": "kill", "injured": "injure", "injuries": "injure",
    "injury": "injure", "wounded": "injure",
}

# Irregular past-tense forms (finite "done" verbs).
_PAST_FORMS = frozenset(
    k
    for k in _IRREGULAR
    if k
    not in {
        "says", "dead", "death", "deaths", "dying", "dies", "is", "are", "am", "has",
        "does", "injuries", "injury", "been", "done", "risen", "fallen", "taken", "given",
        "gone", "begun", "seen", "spoken", "written", "chosen", "broken", "driven", "flown",
        "grown", "known", "withdrawn", "beaten", "drawn", "thrown", "become",
    }
)

# Event nouns -> verb stems, so "possible merger" meets "merged".
_DERIVED = {
    "meeting": "meet", "talks": "meet", "merger": "merge", "acquisition": "acquire",
    "resignation": "resign", "election": "elect", "closure": "close", "approval": "approve",
    "arrival": "arrive", "departure": "depart", "withdrawal": "withdraw",
    "invasion": "invade", "agreement": "agree", "announcement": "announce",
    "decision": "decide", "retirement": "retire", "cancellation": "cancel", "sale": "sell",
    "disruption": "disrupt", "confirmation": "confirm", "denial": "deny",
    "rejection": "reject", "acceptance": "accept", "payment": "pay", "reopening": "reopen",
    "expansion": "expand", "completion": "complete", "arrest": "arrest",
    "collapse": "collapse", "visit": "visit", "trip": "travel", "launch": "launch",
    "release": "release", "attack": "attack", "strike": "strike", "sentencing": "sentence",
    "conviction": "convict", "acquittal": "acquit", "victory": "win", "defeat": "lose",
    "signing": "sign", "purchase": "buy", "takeover": "take over", "filing": "file",
    "landfall": "landfall", "evacuation": "evacuate", "explosion": "explode",
    "eruption": "erupt", "increase": "increase", "decrease": "decrease",
}

_SPEECH = frozenset(
    "say tell add announce state write note claim insist argue warn explain declare "
    "describe tweet post report confirm call".split()
)
# Stance verbs: two actors taking the same stance are two facts, not one disputed fact.
_STANCE = frozenset(
    "deny reject dismiss condemn accuse blame criticize criticise welcome praise protest "
    "refute denounce hail slam rebuff decry applaud".split()
)
_STATE_VERBS = frozenset("stay stays remain remains keep keeps continue continues".split())
_GENERIC_EVENTS = frozenset("be have do say tell get go use see know think want".split())

_NEGATORS = frozenset({"not", "never", "cannot"})
# Words that end the reach of a cue: a new clause, or an embedded question.
_CLAUSE_BREAK = frozenset(
    "and but or because while after before since when if whether that which who".split()
)
_NEG_PHRASES = re.compile(
    r"\b(?:no\s+longer|failed\s+to|fails\s+to|refused\s+to|refuses\s+to|declined\s+to|"
    r"declines\s+to|unable\s+to|(?:has|have|had|is|are|was|were)\s+yet\s+to)\b",
    re.IGNORECASE,
)
_NEG_SKIP = frozenset(
    "be been being have has had do does did yet to ever also even immediately fully "
    "publicly officially formally currently still always a an the any single such so very "
    "really necessarily likely going anything anyone anybody any much many new further "
    "fresh additional".split()
)
_SPEECH_NEG_EXEMPT = frozenset(
    "say tell comment specify disclose elaborate reveal give respond answer detail".split()
)

# Opposite outcomes: (x, y) means "x" on one side against "y" on the other is a polarity
# conflict. Stems, as produced by _stem().
_ANTONYMS: tuple[tuple[str, str], ...] = (
    ("win", "lose"), ("rise", "fall"), ("rise", "drop"), ("rise", "decline"),
    ("climb", "fall"), ("climb", "drop"), ("jump", "fall"), ("jump", "drop"),
    ("surge", "plunge"), ("gain", "fall"), ("gain", "drop"), ("increase", "decrease"),
    ("increase", "fall"), ("raise", "lower"), ("raise", "cut"), ("expand", "shrink"),
    ("grow", "shrink"), ("grow", "contract"), ("improve", "worsen"),
    ("approve", "reject"), ("accept", "reject"), ("accept", "decline"),
    ("accept", "refuse"), ("agree", "refuse"), ("agree", "reject"), ("confirm", "deny"),
    ("admit", "deny"), ("pass", "fail"), ("succeed", "fail"), ("acquit", "convict"),
    ("guilty", "innocent"), ("uphold", "overturn"), ("uphold", "overrule"),
    ("support", "oppose"), ("open", "close"), ("reopen", "close"), ("survive", "kill"),
    ("survive", "die"), ("alive", "die"), ("lift", "impose"), ("lift", "extend"),
    ("allow", "ban"), ("allow", "prohibit"), ("legal", "illegal"), ("hire", "fire"),
    ("arrest", "release"), ("free", "detain"), ("release", "detain"),
    ("profit", "loss"), ("success", "failure"), ("adopt", "reject"), ("stay", "leave"),
    ("remain", "leave"), ("stay", "quit"), ("join", "leave"), ("enter", "leave"),
)

_PLANNED_CUES = re.compile(
    r"\b(?:will|would|could|may|might|shall|(?:plan|plans|planning|intends?|intending|"
    r"aims?|aiming|hopes?|hoping|seeks?|seeking|wants?|threatens?|threatened|prepares?)"
    r"\s+to|(?:is|are|was|were)\s+to|(?:expected|set|scheduled|likely|poised|due|"
    r"slated|preparing|going)\s+to|preparing\s+for|in\s+talks|scheduled\s+for|"
    r"considering|weighing|mulling|proposed|possible|potential|prospective|planned|"
    r"upcoming|anticipated|possibly|perhaps|suspects?|believes?|fears?)\b|\w+['’]ll\b",
    re.IGNORECASE,
)
_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|(?:expected|set|scheduled|due|going|poised|slated)\s+to|"
    r"scheduled\s+for|plans?\s+to|planning|preparing|upcoming|next|is\s+to|are\s+to|"
    r"could|may|might|would)\b|\w+['’]ll\b",
    re.IGNORECASE,
)

_TITLES = frozenset(
    """president prime minister secretary senator sen rep representative gov governor
    mayor chancellor coach captain judge justice dr mr mrs ms miss king queen prince
    princess pope general gen chief deputy vice chairman chairwoman chair ceo
    spokesman spokeswoman spokesperson lt col sgt commissioner ambassador premier
    speaker sheikh emir sultan cardinal archbishop bishop rev father sir dame lord lady
    professor prof inspector sergeant detective officer director manager striker
    defender goalkeeper midfielder""".split()
)

_GENERIC_SPEAKERS = frozenset(
    """official officials authority authorities source sources spokesperson spokesman
    spokeswoman spokespeople representative aide aides statement report reports people
    person someone insider insiders""".split()
)
# The kind of source a speaker phrase names, so that "local officials" and "the army", or
# "hospital officials" and "the police", count as different speakers. Earlier kinds win:
# "the health ministry" is a health source, "the defence ministry" a military one; a bare
# "ministry" or "government" has no kind (it may be any of them).
_SOURCE_KINDS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (kind, frozenset(words.split()))
    for kind, words in (
        ("health", "health hospital hospitals medical doctors paramedics clinic coroner"),
        ("fire", "fire firefighters"),
        ("police", "police officers detectives sheriff constabulary"),
        ("military", "military army armed troops soldiers navy pentagon defence defense "
         "commander commanders marines"),
        ("judicial", "court judge judges prosecutor prosecutors prosecution"),
        ("armed group", "rebels rebel militants militant insurgents separatists"),
        ("witness", "witnesses witness residents survivors bystanders onlookers"),
        ("local", "local city county municipal mayor village town council regional "
         "provincial"),
    )
)
# "Half of those polled said", "45 percent of respondents said": poll results, not speakers.
_POLL_SHARE = re.compile(
    r"(?:(?:nearly|almost|about|around|roughly|over|more\s+than|less\s+than|just|only)\s+)?"
    r"(?:\d|half\b|most\b|many\b|some\b|few\b|all\b|none\b|several\b|majority\b|"
    r"minority\b|a\s+(?:majority|minority|third|quarter|fifth)\b|"
    r"(?:one|two|three)[\s-](?:thirds?|quarters?|fifths?)\b)",
    re.IGNORECASE,
)
_ORG_HEADS = frozenset(
    """company firm agency organization organisation group club team airline ministry
    department government administration party bank court council committee embassy
    office board network school university hospital carmaker retailer manufacturer
    operator regulator authority broadcaster newspaper outlet""".split()
)

_ORG_KIND = {
    "organization": "agency", "organisation": "agency", "agency": "agency",
    "body": "agency", "ministry": "ministry", "department": "ministry",
    "university": "university", "college": "university", "bank": "bank", "court": "court",
    "council": "council", "committee": "council", "party": "party", "club": "club",
    "team": "club", "company": "company", "corporation": "company", "inc": "company",
}

_COMMON_INITIAL = frozenset(
    """the a an in on at but however and or so after before when while as if although
    though because since during despite meanwhile also yet still then now today
    yesterday tomorrow this that these those there here it its he she they we i you his
    her their our some many most several few all both each every no none nobody
    officials police witnesses investigators researchers scientists rescuers
    firefighters residents voters shares stocks prices exports results officers
    negotiators lawmakers regulators jurors passengers analysts experts critics
    supporters protesters troops soldiers doctors nurses workers teachers students
    parents fans players heavy last next first second third one two three four five six
    seven eight nine ten half about around nearly almost more over under between some
    roughly according speaking founded first""".split()
)
# Sentence-initial plural nouns ("Officials said") are not names ("Jones said").
_PLURAL_SUFFIXES = (
    "ers", "ors", "ists", "ants", "ents", "als", "ies", "ans", "ats", "ces", "res", "cks",
    "rts", "lts", "ops", "sts", "ets", "ses", "ges", "ves", "ics", "ons", "ees", "ils",
)
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ity", "ness", "ance", "ence", "ure", "ism")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}

# Canonical keys for places and bodies known by several names (capitals as metonyms).
_ALIAS_GROUPS: dict[str, tuple[str, ...]] = {
    "us": ("us", "usa", "united states", "united states of america", "america",
           "washington", "white house", "pentagon"),
    "uk": ("uk", "britain", "great britain", "united kingdom", "london", "downing street"),
    "china": ("china", "beijing", "prc", "people's republic of china"),
    "russia": ("russia", "moscow", "kremlin", "russian federation"),
    "ukraine": ("ukraine", "kyiv", "kiev"),
    "france": ("france", "paris", "elysee", "élysée"),
    "germany": ("germany", "berlin"),
    "japan": ("japan", "tokyo"),
    "india": ("india", "new delhi"),
    "iran": ("iran", "tehran"),
    "north korea": ("north korea", "pyongyang", "dprk"),
    "south korea": ("south korea", "seoul"),
    "taiwan": ("taiwan", "taipei"),
    "turkey": ("turkey", "ankara", "türkiye", "turkiye"),
    "eu": ("eu", "european union", "brussels"),
    "un": ("un", "united nations"),
    "who": ("who", "world health organization", "world health organisation"),
    "imf": ("imf", "international monetary fund"),
    "nato": ("nato",),
    "israel": ("israel",),
    "saudi arabia": ("saudi arabia", "riyadh", "saudi"),
    "syria": ("syria", "damascus"),
    "egypt": ("egypt", "cairo"),
    "pakistan": ("pakistan", "islamabad"),
    "afghanistan": ("afghanistan", "kabul"),
    "iraq": ("iraq", "baghdad"),
    "venezuela": ("venezuela", "caracas"),
    "colombia": ("colombia", "bogota", "bogotá"),
    "canada": ("canada", "ottawa"),
    "australia": ("australia", "canberra"),
    "italy": ("italy", "rome"),
    "spain": ("spain", "madrid"),
    "portugal": ("portugal", "lisbon"),
    "poland": ("poland", "warsaw"),
    "armenia": ("armenia", "yerevan"),
    "azerbaijan": ("azerbaijan", "baku"),
    "qatar": ("qatar", "doha"),
    "mexico": ("mexico", "mexico city"),
    "brazil": ("brazil", "brasilia"),
}
_ALIAS: dict[str, str] = {name: key for key, names in _ALIAS_GROUPS.items() for name in names}

_DEMONYMS: dict[str, str] = {
    "american": "us", "americans": "us", "chinese": "china", "russian": "russia",
    "russians": "russia", "ukrainian": "ukraine", "ukrainians": "ukraine", "british": "uk",
    "french": "france", "german": "germany", "germans": "germany", "japanese": "japan",
    "indian": "india", "israeli": "israel", "israelis": "israel",
    "palestinian": "palestine", "palestinians": "palestine", "iranian": "iran",
    "turkish": "turkey", "syrian": "syria", "italian": "italy", "spanish": "spain",
    "canadian": "canada", "mexican": "mexico", "brazilian": "brazil",
    "australian": "australia", "european": "eu", "korean": "korea",
    "taiwanese": "taiwan", "saudi": "saudi arabia", "egyptian": "egypt",
    "nigerian": "nigeria", "kenyan": "kenya", "pakistani": "pakistan", "afghan": "afghanistan",
    "iraqi": "iraq", "polish": "poland", "dutch": "netherlands", "swedish": "sweden",
    "norwegian": "norway", "greek": "greece", "irish": "ireland", "scottish": "scotland",
    "welsh": "wales", "chilean": "chile", "argentine": "argentina", "argentinian": "argentina",
    "peruvian": "peru", "colombian": "colombia", "venezuelan": "venezuela", "cuban": "cuba",
    "filipino": "philippines", "indonesian": "indonesia", "thai": "thailand",
    "vietnamese": "vietnam", "moroccan": "morocco", "ethiopian": "ethiopia",
    "sudanese": "sudan", "lebanese": "lebanon", "jordanian": "jordan", "qatari": "qatar",
    "emirati": "uae", "belarusian": "belarus", "armenian": "armenia",
    "azerbaijani": "azerbaijan", "hungarian": "hungary", "czech": "czech republic",
    "romanian": "romania", "bulgarian": "bulgaria", "serbian": "serbia",
    "croatian": "croatia", "finnish": "finland", "danish": "denmark", "swiss": "switzerland",
    "austrian": "austria", "belgian": "belgium", "portuguese": "portugal",
}

_WORD_SYNONYMS = {
    "people": "people", "persons": "people", "person": "people", "residents": "people",
    "civilians": "people", "victims": "people", "individuals": "people",
    "vehicles": "vehicle", "vehicle": "vehicle", "cars": "vehicle", "car": "vehicle",
    "jobs": "job", "positions": "job", "workers": "job", "employees": "job",
    "staff": "job", "workforce": "job", "firm": "company", "company": "company",
    "stock": "share", "shares": "share", "power": "electricity", "electricity": "electricity",
    "customers": "household", "homes": "household", "households": "household",
    "matches": "game", "match": "game", "games": "game", "game": "game",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "chief executive": "ceo", "executive": "ceo", "ceo": "ceo", "blaze": "fire",
    "quake": "earthquake", "winner": "win", "winning": "win", "hurt": "injure",
}

# fmt: on

# --------------------------------------------------------------------------------------
# Tokens and stems
# --------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|\S"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str
    stem: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """A light stemmer: irregular forms, event nouns, then common suffixes.

    Crude on purpose: both sides of a pair go through the same rules, so "agreed" and
    "agree" meet at "agre" even if that is not a word.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        w = _IRREGULAR[w]
    elif w in _DERIVED:
        w = _DERIVED[w]
    elif len(w) > 4:
        if w.endswith("ies") or w.endswith("ied"):
            w = w[:-3] + "y"
        elif w.endswith("ing") and len(w) > 5:
            w = w[:-3]
        elif w.endswith("ed"):
            w = w[:-2]
        elif w.endswith("es") and w[-3] in "sxzh":
            w = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


_SPEECH_S = frozenset(map(_stem, _SPEECH))
_STANCE_S = frozenset(map(_stem, _STANCE))
_GENERIC_EVENTS_S = frozenset(map(_stem, _GENERIC_EVENTS))
_LIGHT_VERBS = frozenset(map(_stem, "go take make come get give".split()))
_SPEECH_NEG_EXEMPT_S = frozenset(map(_stem, _SPEECH_NEG_EXEMPT))
_ANTONYM_S: dict[str, frozenset[str]] = {}
for _x, _y in _ANTONYMS:
    _sx, _sy = _stem(_x), _stem(_y)
    _ANTONYM_S[_sx] = _ANTONYM_S.get(_sx, frozenset()) | {_sy}
    _ANTONYM_S[_sy] = _ANTONYM_S.get(_sy, frozenset()) | {_sx}


def _tokenize(text: str) -> list[_Tok]:
    """Words, numbers and single punctuation marks with their offsets."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        out.append(_Tok(t, m.start(), m.end(), t.lower(), _stem(t) if t[0].isalpha() else t))
    return out


def _is_past(tok: _Tok, prev: _Tok | None) -> bool:
    """A finite past-tense (or participle) verb, not an adjective after a determiner."""
    low = tok.low
    if not tok.is_word or tok.is_cap and prev is not None:
        return False
    if prev is not None and (prev.low in _DETERMINERS or prev.low.endswith(("'s", "’s"))):
        return False
    if low in _PAST_FORMS:
        return True
    return len(low) > 4 and low.endswith("ed") and low not in {"need", "speed", "feed"}


# --------------------------------------------------------------------------------------
# Public record types
# --------------------------------------------------------------------------------------


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
    role: str = ""  #: "" for a reported value; "proposal" for one sought or demanded
    #: the noun a count is fused with ("ten-man", "nine-member"): it counts only that
    compound: str = ""

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


@dataclass(frozen=True)
class FactResult:
    """The fact check of one aligned pair.

    Spans are sentence-level offsets; the pipeline shifts them to article offsets.
    """

    conflicts: tuple[Conflict, ...]
    a_details: tuple[Span, ...]  #: details only ``a`` gives
    b_details: tuple[Span, ...]
    compatible: bool = True  #: False when the sentences cannot be the same fact


# --------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------

# fmt: off
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
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
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
    (r"dollars?|usd", "money:USD", 1.0, "$"),
    (r"euros?|eur", "money:EUR", 1.0, "€"),
    (r"pounds?\s+sterling|gbp", "money:GBP", 1.0, "£"),
    (r"yen|jpy", "money:JPY", 1.0, "¥"),
    (r"yuan|renminbi|cny|rmb", "money:CNY", 1.0, "yuan"),
    (r"rupees?|inr", "money:INR", 1.0, "rupee"),
)
# fmt: on
_UNIT_RE = re.compile(
    r"\s*(?:-\s*)?(?P<u>" + "|".join(f"(?:{u[0]})" for u in _UNITS) + r")(?![A-Za-z])",
    re.IGNORECASE,
)
_UNIT_PATTERNS = [(re.compile(rf"(?:{u[0]})$", re.IGNORECASE), u[1:]) for u in _UNITS]
_SCALE_RE = re.compile(
    r"(?:\s+(?P<w>thousand|million|billion|trillion)\b|(?P<s>bn|mn|tn|m|b|k)\b)",
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
            and prev_tok.start > 0
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


# --------------------------------------------------------------------------------------
# Dates and times
# --------------------------------------------------------------------------------------

_MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PREP = (
    r"(?:(?P<prep>since|until|till|through|by|before|after|from|in|on|at|during|of|"
    r"early|late|mid|earlier|later|this|last|next|around|about|shortly\s+after|"
    r"shortly\s+before|just\s+after|just\s+before)\s+(?:the\s+)?"
    r"(?:(?:early|late|mid)[\s-]+(?=[A-Z0-9]))?)?"  # "since early March" is a since-date
)

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "mdy",
        re.compile(
            rf"{_PREP}(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAYNUM})"
            rf"(?:\s*[-–]\s*(?P<d2>{_DAYNUM}))?(?:,?\s+(?P<y>{_YEAR}))?\b(?!:)"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"{_PREP}(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?:the\s+)?(?P<d>{_DAYNUM})"
            rf"(?:\s*[-–]\s*(?P<d2>{_DAYNUM}))?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    ("my", re.compile(rf"{_PREP}(?P<mon>{_MONTH_RE}),?\s+(?P<y>{_YEAR})\b")),
    (
        "rel",
        re.compile(
            r"(?P<prep>)\b(?P<rel>today|tonight|yesterday|tomorrow|overnight|"
            r"(?:earlier|later|early|late)\s+(?:this|last|next)\s+(?:week|month|year)|"
            r"(?:this|last|next)\s+(?:week(?:end)?|month|year|morning|afternoon|evening|"
            r"night)|this\s+past\s+weekend|"
            r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
            r"(?:days?|weeks?|months?|years?)\s+ago)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "wd",
        re.compile(
            rf"{_PREP}(?P<wd>{_WEEKDAY_RE})(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "mon",
        re.compile(
            rf"{_PREP}(?P<mon>(?:January|February|March|April|June|July|August|"
            rf"September|October|November|December)|(?<=in\s)May)\b"
        ),
    ),
    ("decade", re.compile(rf"{_PREP}(?P<dec>(?:1[89]|20)\d0)s\b")),
    ("year", re.compile(rf"{_PREP}(?P<y>{_YEAR})\b(?![,.]?\d)(?!\s*(?:-|–)\s*\d)")),
)
_TIME_RE = re.compile(
    r"(?P<q>(?:at|around|about|by|before|after|until|shortly\s+after|shortly\s+before|"
    r"just\s+after|just\s+before|soon\s+after|approximately)\s+)?"
    r"(?:(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?|"
    r"(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?!\d)|(?P<word>noon|midnight|midday))",
    re.IGNORECASE,
)
_PART_OF_DAY = re.compile(
    r"\b(?:(?P<early>early|late)\s+(?:on\s+)?(?=" + _WEEKDAY_RE + r")|"
    r"(?P<part>morning|afternoon|evening|night)\b|in\s+the\s+early\s+hours)",
    re.IGNORECASE,
)
_PARTS = {
    "morning": (300, 720),
    "afternoon": (720, 1080),
    "evening": (1020, 1320),
    "night": (1140, 1440),
    "early": (0, 720),
    "late": (1020, 1440),
    "hours": (0, 360),
}
_SEASON_RE = re.compile(
    rf"\b(?:in\s+(?:the\s+)?|this\s+|last\s+|next\s+|early\s+|late\s+)"
    rf"(?P<s>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b",
    re.IGNORECASE,
)
_QUARTER_RE = re.compile(
    rf"\b(?P<n>first|second|third|fourth)\s+quarter(?:\s+of\s+(?P<y>{_YEAR}))?\b",
    re.IGNORECASE,
)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}


def _month_num(s: str) -> int:
    return _MONTH_ABBR[
        s.lower().rstrip(".")[:4] if s.lower().startswith("sept") else s.lower().rstrip(".")[:3]
    ]


def _week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _month_bounds(y: int, m: int) -> tuple[dt.date, dt.date]:
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def _tense_near(text: str, start: int, end: int) -> str:
    """'future', 'past' or '' for the clause around a date, from cues before and after it."""
    before = text[max(0, start - 90) : start]
    cut = max(before.rfind(";"), before.rfind(" said "), before.rfind(" that "))
    if cut >= 0:
        before = before[cut:]
    if _FUTURE_CUES.search(before):
        return "future"
    words = (
        re.findall(r"[A-Za-z’']+", before)[-8:]
        + re.findall(r"[A-Za-z’']+", text[end : end + 40])[:4]
    )
    for w in words:
        lw = w.lower()
        if lw in _PAST_FORMS or (len(lw) > 4 and lw.endswith("ed")) or lw in ("was", "were"):
            return "past"
        if lw in ("will", "shall") or lw.endswith(("'ll", "’ll")):
            return "future"
    return ""


def _resolve_weekday(wd: int, pub: dt.date, mode: str, tense: str) -> list[tuple[dt.date, dt.date]]:
    """Candidate dates for a weekday name, given the publication date and the tense."""
    if mode == "this":
        d = _week_start(pub) + dt.timedelta(days=wd)
        return [(d, d)]
    if mode == "last":
        d = _week_start(pub) - dt.timedelta(days=7 - wd)
        back = pub - dt.timedelta(days=(pub.weekday() - wd) % 7 or 7)
        return [(min(d, back), max(d, back))] if d != back else [(d, d)]
    if mode == "next":
        fwd = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        return [(fwd, fwd + dt.timedelta(days=7))]
    past = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    future = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
    if tense == "past" or past == future:
        return [(past, past)]
    if tense == "future":
        return [(future, future)]
    return [(past, past), (future, future)]


def _resolve_relative(rel: str, pub: dt.date) -> tuple[dt.date, dt.date, int] | None:
    """Interval and level for 'yesterday', 'last week', 'earlier this month', ..."""
    r = " ".join(rel.lower().split())
    if r in ("today", "tonight", "this morning", "this afternoon", "this evening", "overnight"):
        return pub, pub, 0
    if r in ("yesterday", "last night"):
        d = pub - dt.timedelta(days=1)
        return d, d, 0
    if r == "tomorrow":
        d = pub + dt.timedelta(days=1)
        return d, d, 0
    ws = _week_start(pub)
    m = re.match(
        r"(?:(earlier|later|early|late)\s+)?(this|last|next|this past)\s+"
        r"(week|weekend|month|year)$",
        r,
    )
    if m:
        edge, which, unit = m.groups()
        if unit in ("week", "weekend"):
            shift = {"this": 0, "last": -7, "next": 7, "this past": -7}[which]
            lo = ws + dt.timedelta(days=shift)
            hi = lo + dt.timedelta(days=6)
            if unit == "weekend":
                lo = lo + dt.timedelta(days=5)
                if which == "this past":
                    lo, hi = lo, hi
            level = 1
        elif unit == "month":
            y, mo = pub.year, pub.month + {"this": 0, "last": -1, "next": 1, "this past": -1}[which]
            if mo < 1:
                y, mo = y - 1, 12
            elif mo > 12:
                y, mo = y + 1, 1
            lo, hi = _month_bounds(y, mo)
            level = 2
        else:
            y = pub.year + {"this": 0, "last": -1, "next": 1, "this past": -1}[which]
            lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
            level = 3
        if which == "this" and edge in ("earlier", "early"):
            hi = min(hi, pub)
            if edge == "early":
                hi = min(hi, lo + (hi - lo) / 2 + dt.timedelta(days=3))
        elif which == "this" and edge in ("later", "late"):
            lo = max(lo, pub)
        elif edge in ("early", "earlier"):
            hi = lo + (hi - lo) / 2 + dt.timedelta(days=3)
        elif edge in ("late", "later"):
            lo = lo + (hi - lo) / 2 - dt.timedelta(days=3)
        return lo, hi, level
    m = re.match(r"(\w+)\s+(day|week|month|year)s?\s+ago$", r)
    if m:
        n = _parse_spelled(m.group(1)) if not m.group(1).isdigit() else float(m.group(1))
        if n is None:
            return None
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)] * int(n)
        d = pub - dt.timedelta(days=days)
        slack = {"day": 0, "week": 3, "month": 15, "year": 183}[m.group(2)]
        lvl = {"day": 0, "week": 1, "month": 2, "year": 3}[m.group(2)]
        return d - dt.timedelta(days=slack), d + dt.timedelta(days=slack), lvl
    return None


def _role_of(prep: str | None) -> str:
    p = (prep or "").lower()
    if p == "since" or p == "from" or p == "after":
        return "since"
    if p in ("until", "till", "by", "before", "through"):
        return "until"
    return "point"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(m: int, d: int, pub: dt.date, tense: str) -> int:
    """The year that puts month/day closest to the publication date (or on the tense's side)."""
    best = pub.year
    best_gap = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, m, min(d, 28) if d > 28 else d)
        if cand is None:
            continue
        gap = (cand - pub).days
        if tense == "past" and gap > 7:
            continue
        if tense == "future" and gap < -7:
            continue
        if best_gap is None or abs(gap) < best_gap:
            best, best_gap = y, abs(gap)
    return best


def _extract_dates(text: str, pub: dt.date | None) -> tuple[list[DateFact], list[Span]]:
    """Dates and times in the sentence, plus the spans they cover (masked from numbers)."""
    found: list[DateFact] = []
    covered: list[Span] = []

    def free(s: int, e: int) -> bool:
        return all(e <= c.start or s >= c.end for c in covered)

    for kind, pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                # Keep the inner match if only the optional preposition overlaps.
                continue
            gd = m.groupdict()
            prep = gd.get("prep")
            role = _role_of(prep)
            tense = _tense_near(text, s, e)
            edge = (prep or "").lower()
            f: dict[str, object] = {"role": role}
            if kind in ("iso", "mdy", "dmy", "my"):
                mon = int(gd["m"]) if kind == "iso" else _month_num(gd["mon"])
                y = int(gd["y"]) if gd.get("y") else None
                if kind == "my":
                    f.update(year=y, month=mon, level=2)
                    if y:
                        f["lo"], f["hi"] = _month_bounds(y, mon)
                else:
                    d = int(re.sub(r"\D", "", gd["d"]))
                    d2 = int(re.sub(r"\D", "", gd["d2"])) if gd.get("d2") else None
                    f.update(
                        month=mon,
                        day=d if d2 is None else None,
                        level=0,
                        days=(d, d2) if d2 else (d, d),
                    )
                    if gd.get("wd"):
                        f["weekday"] = _WEEKDAYS.index(gd["wd"].lower())
                    yy = y or (_nearest_year(mon, d, pub, tense) if pub else None)
                    if y:
                        f["year"] = y
                    if yy:
                        lo = _safe_date(yy, mon, d)
                        hi = _safe_date(yy, mon, d2) if d2 else lo
                        if lo and hi:
                            f["lo"], f["hi"] = lo, hi
                            if d2 is None and "weekday" not in f:
                                f["weekday"] = lo.weekday() if y else None
            elif kind == "rel":
                rel = gd["rel"]
                if pub:
                    r = _resolve_relative(rel, pub)
                    if r:
                        f["lo"], f["hi"], f["level"] = r
                else:
                    f["level"] = (
                        0 if rel.lower() in ("today", "tonight", "yesterday", "tomorrow") else 1
                    )
                    if f["level"] == 1 and "month" in rel.lower():
                        f["level"] = 2
                    elif "year" in rel.lower():
                        f["level"] = 3
            elif kind == "wd":
                wd = _WEEKDAYS.index(gd["wd"].lower())
                f.update(weekday=wd, level=0)
                if pub:
                    mode = edge if edge in ("this", "last", "next") else ""
                    cands = _resolve_weekday(wd, pub, mode, tense)
                    f["lo"], f["hi"] = cands[0]
                    f["alts"] = tuple(cands[1:])
                    if mode == "next":
                        f["level"] = 0
            elif kind == "mon":
                mon = _month_num(gd["mon"])
                f.update(month=mon, level=2)
                if pub:
                    y = pub.year
                    if edge in ("last",):
                        y = pub.year - (mon >= pub.month)
                    elif edge in ("next",):
                        y = pub.year + (mon <= pub.month)
                    elif tense == "future" and mon < pub.month - 1:
                        y = pub.year + 1
                    elif tense != "future" and mon > pub.month + 1:
                        y = pub.year - 1
                    f["lo"], f["hi"] = _month_bounds(y, mon)
                    f["year"] = None
            elif kind == "decade":
                d0 = int(gd["dec"])
                f.update(level=4, lo=dt.date(d0, 1, 1), hi=dt.date(d0 + 9, 12, 31))
            elif kind == "year":
                y = int(gd["y"])
                # A bare four-digit number is a year only with a preposition or "the ... season".
                if not prep and not re.match(
                    r"\s+(?:season|election|census|games|olympics|"
                    r"world\s+cup|campaign|budget)",
                    text[e : e + 20],
                    re.I,
                ):
                    if not re.search(
                        r"\b(?:in|of|since|the|from|until|by|before|after)\s+$",
                        text[max(0, s - 12) : s],
                        re.I,
                    ):
                        continue
                f.update(year=y, level=3, lo=dt.date(y, 1, 1), hi=dt.date(y, 12, 31))
            lo_: object = f.get("lo")
            hi_: object = f.get("hi")
            lo = lo_ if isinstance(lo_, dt.date) else None
            hi = hi_ if isinstance(hi_, dt.date) else None
            if isinstance(lo, dt.date) and isinstance(hi, dt.date) and lo == hi:
                f.setdefault("year", lo.year)
                f.setdefault("month", lo.month)
                f.setdefault("day", lo.day)
                if f.get("weekday") is None:
                    f["weekday"] = lo.weekday()
            elif isinstance(lo, dt.date) and isinstance(hi, dt.date):
                if lo.year == hi.year and f.get("year") is None and kind != "wd":
                    f["year"] = lo.year
                if (
                    lo.year == hi.year
                    and lo.month == hi.month
                    and f.get("month") is None
                    and kind != "wd"
                ):
                    f["month"] = lo.month
            level = f.get("level", 0)
            if isinstance(level, int) and level >= 3 and edge in ("after", "before"):
                f["role"] = "point"  # "after the 2025 season" places the event in that year
            found.append(DateFact(span=Span(s, e), text=text[s:e], **f))  # type: ignore[arg-type]
            covered.append(Span(s, e))
    for m in _SEASON_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        a, b = _SEASONS[m.group("s").lower()]
        y = int(m.group("y")) if m.group("y") else None
        f2: dict[str, object] = {"role": "point", "level": 2, "approx": True}
        if y:
            lo, _ = _month_bounds(y, a)
            _, hi = _month_bounds(y + (b < a), b)
            f2.update(lo=lo, hi=hi, year=y)
        found.append(DateFact(span=Span(m.start(), m.end()), text=m.group(), **f2))  # type: ignore[arg-type]
        covered.append(Span(m.start(), m.end()))
    # Times of day: separate facts, compared only with other times.
    for m in _TIME_RE.finditer(text):
        if not free(m.start("h") if m.group("h") else m.start(), m.end()):
            continue
        if m.group("word"):
            w = m.group("word").lower()
            t = 720 if w in ("noon", "midday") else 0
        elif m.group("h24") is not None:
            t = int(m.group("h24")) * 60 + int(m.group("mi24"))
        else:
            h = int(m.group("h")) % 12
            t = (h + (12 if m.group("ap").lower() == "p" else 0)) * 60 + int(m.group("mi") or 0)
        q = " ".join((m.group("q") or "").lower().split())
        lo_t, hi_t = t, t
        if q in ("around", "about", "approximately"):
            lo_t, hi_t = t - 20, t + 20
        elif q in ("shortly after", "just after", "soon after"):
            lo_t, hi_t = t, t + 45
        elif q in ("shortly before", "just before"):
            lo_t, hi_t = t - 45, t
        elif q in ("before", "until", "by"):
            lo_t, hi_t = 0, t
        elif q == "after":
            lo_t, hi_t = t, 1440
        if t == 0 and hi_t < 720:
            # Midnight ends one day and starts the next.
            lo_t, hi_t = min(lo_t, 0), hi_t
        found.append(
            DateFact(
                span=Span(m.start(), m.end()),
                text=m.group(),
                role="point",
                minutes=(lo_t, hi_t),
                level=-1,
                approx=bool(q),
            )
        )
        covered.append(Span(m.start(), m.end()))
    for m in _PART_OF_DAY.finditer(text):
        if not free(m.start(), m.end()):
            # A part of day inside a weekday match ("Sunday night") still counts as a time.
            inner = m.group("part")
            if not inner:
                continue
        key = (m.group("early") or m.group("part") or "hours").lower()
        if "early hours" in m.group().lower():
            key = "hours"
        lo_t, hi_t = _PARTS[key]
        s, e = (m.start("part"), m.end("part")) if m.group("part") else (m.start(), m.end())
        if any(c.span.start <= s and e <= c.span.end and c.is_time for c in found):
            continue
        found.append(
            DateFact(
                span=Span(s, e),
                text=text[s:e],
                role="point",
                minutes=(lo_t, hi_t),
                level=-1,
                approx=True,
            )
        )
    return found, covered


# --------------------------------------------------------------------------------------
# Entities, speakers, clauses
# --------------------------------------------------------------------------------------

_CONNECTORS = frozenset({"of", "de", "da", "du", "del", "van", "von", "bin", "al", "la", "le"})


def _norm_key(words: Sequence[str]) -> str:
    """Lower-case name without dots, 'the' or possessive; known aliases resolved."""
    ws = [w.lower().replace("’", "'") for w in words]
    if ws and ws[-1].endswith("'s"):
        ws[-1] = ws[-1][:-2]
    ws = [w.replace(".", "") for w in ws if w not in ("the",)]
    key = " ".join(w for w in ws if w)
    if key in _ALIAS:
        return _ALIAS[key]
    if key in _DEMONYMS:
        return _DEMONYMS[key]
    # Resolve aliases inside longer names: "united nations security council" -> "un ...".
    for name in ("united states", "united nations", "united kingdom", "european union"):
        if name in key:
            key = key.replace(name, _ALIAS[name])
    return key


def _initials(key_words: Sequence[str]) -> str:
    return "".join(w[0] for w in key_words if w and w not in ("of", "the", "and", "for"))


def _is_known(word: str) -> bool:
    k = _norm_key([word])
    return k in _ALIAS_GROUPS or word.lower() in _DEMONYMS or word.lower().rstrip(".") in _ALIAS


def _looks_verb(tok: _Tok | None, prev: _Tok | None = None) -> bool:
    """A finite verb or auxiliary right after a name ("Smith scored", "Tesla has")."""
    if tok is None or not tok.is_word or tok.is_cap:
        return False
    low = tok.low
    return (
        low in _AUX
        or low in _PAST_FORMS
        or (len(low) > 4 and low.endswith("ed"))
        or _stem(low) in _SPEECH_S | _STANCE_S
        or low in ("says", "tells", "plans", "wants", "hopes", "denies", "rejects")
    )


def _extract_entities(toks: Sequence[_Tok], covered: Sequence[Span]) -> list[Entity]:
    """Capitalised name sequences (titles stripped), demonyms and known aliases, with roles."""
    out: list[Entity] = []
    n = len(toks)

    def in_date(t: _Tok) -> bool:
        return any(c.start <= t.start < c.end for c in covered)

    def capword(t: _Tok) -> bool:
        return (
            t.is_word
            and t.is_cap
            and not in_date(t)
            and t.low not in _DETERMINERS
            and t.low not in ("i",)
            and t.low.rstrip(".") not in _WEEKDAYS
        )

    i = 0
    while i < n:
        t = toks[i]
        if not capword(t):
            i += 1
            continue
        j = i + 1
        while j < n:
            u = toks[j]
            if capword(u) and not toks[j - 1].low.endswith(("'s", "’s")):
                j += 1
            elif (
                u.low in _CONNECTORS
                and j + 1 < n
                and capword(toks[j + 1])
                and not toks[j - 1].low.endswith(("'s", "’s"))
            ):
                j += 2
            else:
                break
        seq = list(toks[i:j])
        initial = i == 0 or toks[i - 1].text in '“"‘(:—–-'
        i = j
        # Strip titles ("Secretary of State", "Prime Minister", "Coach").
        titles: set[str] = set()
        while seq and (
            seq[0].low.rstrip(".") in _TITLES
            or (seq[0].low == "of" and titles)
            or (seq[0].low == "state" and titles and "secretary" in titles)
        ):
            titles.add(seq[0].low.rstrip("."))
            seq = seq[1:]
        if not seq:
            continue
        if seq[0].low in _CONNECTORS:
            seq = seq[1:]
            if not seq:
                continue
        first = seq[0]
        nxt = toks[toks.index(seq[-1]) + 1] if toks.index(seq[-1]) + 1 < n else None
        if initial and len(seq) == 1 and not titles:
            w = first.low
            w0 = w[:-2] if w.endswith(("'s", "’s")) else w
            ok = (
                _is_known(w0)
                or w.endswith(("'s", "’s"))
                or (first.text.isupper() and len(first.text) > 1)
                or (
                    _looks_verb(nxt)
                    and w0 not in _COMMON_INITIAL
                    and not w0.endswith(_PLURAL_SUFFIXES)
                    and not w0.endswith(_NOUN_SUFFIXES)
                )
            )
            if not ok:
                continue
        elif initial and seq[0].low in _COMMON_INITIAL and len(seq) > 1:
            seq = seq[1:]
        words = [s.text for s in seq]
        key = _norm_key(words)
        if not key:
            continue
        start, end = seq[0].start, seq[-1].end
        text_ = " ".join(words)
        if words[-1].lower().endswith(("'s", "’s")):
            end -= 2
        idx_first = toks.index(seq[0])
        idx_last = toks.index(seq[-1])
        role = _entity_role(toks, idx_first, idx_last, key, covered)
        out.append(
            Entity(
                span=Span(start, end),
                text=text_,
                key=key,
                tokens=frozenset(key.split()),
                role=role,
                titles=frozenset(titles),
            )
        )
    return out


def _entity_role(
    toks: Sequence[_Tok], i: int, j: int, key: str, covered: Sequence[Span] = ()
) -> str:
    """Where a name sits: subject, possessor, modifier, appositive, object, after a preposition."""
    last = toks[j]
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and any(c.start <= nxt.start < c.end for c in covered):
        nxt = None
    if last.low.endswith(("'s", "’s")):
        return "poss"
    if key in set(_DEMONYMS.values()) and toks[j].low in _DEMONYMS:
        return "mod"
    if (
        nxt is not None
        and nxt.is_word
        and not nxt.is_cap
        and not _looks_verb(nxt)
        and nxt.low not in _STOP
        and nxt.low not in _PREPOSITIONS
    ):
        return "mod"
    # Nearest preposition within three words before, skipping determiners and nouns.
    k = i - 1
    steps = 0
    while k >= 0 and steps < 3:
        t = toks[k]
        if t.low in _PREPOSITIONS:
            return {
                "near": "in",
                "at": "in",
                "outside": "in",
                "inside": "in",
                "into": "to",
                "toward": "to",
                "towards": "to",
            }.get(t.low, t.low)
        if not t.is_word or _is_past(t, toks[k - 1] if k else None) or t.low in _AUX:
            break
        k -= 1
        steps += 1
    prev = toks[i - 1] if i else None
    if prev is not None and prev.text == "," and nxt is not None and nxt.text == ",":
        return "appos"
    if prev is not None and (
        _is_past(prev, toks[i - 2] if i > 1 else None)
        or prev.low.endswith("s")
        and prev.low in ("manages", "leads")
    ):
        return "obj"
    # Subject: only determiners, titles or a possessive before it in its clause.
    k = i - 1
    while k >= 0 and (
        toks[k].low in _DETERMINERS
        or toks[k].low.rstrip(".") in _TITLES
        or toks[k].low.endswith(("'s", "’s"))
        or toks[k].low in ("of", "state")
        or toks[k].is_cap
    ):
        k -= 1
    if (k < 0 or toks[k].text in ',“"') and (nxt is None or _looks_verb(nxt) or nxt.text == ","):
        return "subj"
    return "other"


def _same_entity(a: Entity, b: Entity) -> bool:
    """Same referent: equal keys, aliases, a short form (Wang / Wang Yi), acronym, spelling."""
    return _same_key(a.key, b.key, a.text, b.text)


@lru_cache(maxsize=8192)
def _same_key(ka: str, kb: str, ta: str = "", tb: str = "") -> bool:
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    sa, sb = set(wa), set(wb)
    if sa and sb and (sa <= sb or sb <= sa):
        # A short form: every word of the shorter name is in the longer one.
        return True
    flat_a, flat_b = ka.replace(" ", ""), kb.replace(" ", "")
    if len(wb) > 1 and flat_a == _initials(wb) or len(wa) > 1 and flat_b == _initials(wa):
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if all(any(fuzz.ratio(x, y) >= 85 for y in long_) for x in short) and (
        len(short) > 1 or len(short[0]) > 4
    ):
        return True
    return False


def _present_in(e: Entity, other: Facts) -> bool:
    """Is this entity mentioned in the other sentence (by any name, or as a lower-case word)?"""
    for f in other.entities:
        if _same_entity(e, f):
            return True
    if e.key in other.lowered or all(w in other.lowered for w in e.tokens):
        return True
    # "China" vs "Chinese": demonyms were keyed to their country already.
    return False


_SPEAKER_AFTER = re.compile(
    r"[,“”\"]\s*(?P<v>said|says|added|wrote|noted|stated|explained|declared|insisted|"
    r"argued)\s+(?P<sp>[^,.;:“”\"]{2,80}?)\s*(?:[.,;]|$)",
)
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<sp>[^,.;:“”\"]{2,80}?)\s*(?:[.,;]|$)", re.IGNORECASE
)
_SPEECH_VERB = re.compile(
    r"\b(?P<v>said|says|say|told|tells|added|wrote|writes|noted|stated|states|announced|"
    r"warned|explained|declared|insisted|argued|claimed|claims|described|called|calls|"
    r"confirmed|tweeted|posted)\b"
)
_PRONOUNS = frozenset("he she they it we i you who which this that".split())


def _speaker_from(
    text: str, toks: Sequence[_Tok], s: int, e: int, entities: Sequence[Entity]
) -> Speaker | None:
    """A speaker record for the phrase text[s:e] ("the health ministry", "Senator Collins")."""
    while s < e and text[s] in " \t":
        s += 1
    while e > s and text[e - 1] in " \t":
        e -= 1
    if s >= e:
        return None
    phrase_toks = [t for t in toks if t.start >= s and t.end <= e and t.is_word]
    if not phrase_toks or len(phrase_toks) > 9:
        return None
    lows = [t.low for t in phrase_toks]
    if lows[0] in _PRONOUNS and len(lows) == 1:
        return Speaker(Span(s, e), text[s:e], (), "", frozenset(), pronoun=True)
    if _POLL_SHARE.match(text, s):
        return None
    # The head ends the phrase or comes before a modifier ("a spokesperson for the company").
    head_i = len(phrase_toks) - 1
    for k, t in enumerate(phrase_toks):
        if k and t.low in ("for", "of", "from", "at", "with", "in", "on") and k > 0:
            head_i = k - 1
            break
    head_tok = phrase_toks[head_i]
    names = tuple(
        en
        for en in entities
        if en.span.start < head_tok.end
        and en.span.end > head_tok.start - 0
        and en.span.start >= s
        and en.role != "mod"
    )
    if head_tok.low in _PRONOUNS:
        return Speaker(Span(s, e), text[s:e], (), "", frozenset(), pronoun=True)
    roles = frozenset(
        _WORD_SYNONYMS.get(t.low, _stem(t.low))
        for t in phrase_toks
        if (not t.is_cap or t.low.rstrip(".") in _TITLES) and t.low not in _STOP
    ) | frozenset(ti for en in names for ti in en.titles)
    head = "" if names else _WORD_SYNONYMS.get(head_tok.low, _stem(head_tok.low))
    if not names and head_tok.low in _STOP | _DETERMINERS:
        return None
    others = tuple(
        en.key
        for en in entities
        if s <= en.span.start and en.span.end <= e and en not in names and en.role != "mod"
    )
    words = set(lows)
    kind = "" if names else next((k for k, ws in _SOURCE_KINDS if words & ws), "")
    return Speaker(Span(s, e), text[s:e], names, head, roles, others=others, kind=kind)


def _extract_speakers(text: str, toks: Sequence[_Tok], entities: Sequence[Entity]) -> list[Speaker]:
    """Who the sentence credits: 'X said', 'said X', 'according to X'."""
    out: list[Speaker] = []
    for m in _ACCORDING.finditer(text):
        sp = _speaker_from(text, toks, m.start("sp"), m.end("sp"), entities)
        if sp:
            out.append(sp)
    for m in _SPEAKER_AFTER.finditer(text):
        phrase = m.group("sp")
        if re.search(r"\b(?:that|was|were|is|are|had|has|will|would)\b", phrase):
            continue
        sp = _speaker_from(text, toks, m.start("sp"), m.end("sp"), entities)
        if sp:
            out.append(sp)
    for m in _SPEECH_VERB.finditer(text):
        v = m.group("v")
        if v in ("called", "calls", "described") and not re.search(
            r"[“\"]|\bas\b", text[m.end() :]
        ):
            continue
        # Preposed speaker: back to the clause start (sentence start, comma, quote).
        before = text[: m.start()]
        cut = max(
            before.rfind(","),
            before.rfind("”"),
            before.rfind('"'),
            before.rfind(";"),
            before.rfind(" that "),
        )
        s = cut + 1 if cut >= 0 else 0
        if cut >= 0 and before[cut:].startswith(" that "):
            s = cut + 6
        phrase = text[s : m.start()]
        if not phrase.strip() or re.search(
            r"\b(?:was|were|is|are|had|has|have|will|would|"
            r"who|which)\b",
            phrase,
        ):
            phrase_s = phrase.rstrip()
            if not re.search(r"\b(?:has|have|had)\s*$", phrase_s):
                continue
            s2 = re.search(r"\b(?:has|have|had)\s*$", phrase_s)
            assert s2 is not None
            phrase = phrase_s[: s2.start()]
        e = s + len(phrase)
        if any(o.span.start <= s < o.span.end for o in out):
            continue
        sp = _speaker_from(text, toks, s, e, entities)
        if sp:
            out.append(sp)
    return out


# --------------------------------------------------------------------------------------
# Reporting frames
# --------------------------------------------------------------------------------------
# fmt: off
# Verb forms that report speech. A date or addressee attached to one belongs to the act of
# reporting ("said on Tuesday", "told CNN on Saturday"), not to the event reported. Talks
# and testimony ("spoke by phone on Tuesday", "testified on Monday") are events.
_SAY_FORMS = frozenset(
    """say says said saying add adds added write writes wrote writing note notes noted
    state states stated warn warns warned warning explain explains explained declare
    declares declared insist insists insisted argue argues argued claim claims claimed
    tweet tweets tweeted post posts posted reply replies replied stress stresses stressed
    emphasise emphasises emphasised emphasize emphasizes emphasized assert asserts
    asserted caution cautions cautioned concede concedes conceded reiterate reiterates
    reiterated comment comments commented speaking acknowledge acknowledges
    acknowledged""".split()
)
_TELL_FORMS = frozenset(
    "tell tells told telling inform informs informed brief briefs briefed assure assures "
    "assured".split()
)
# These also report, but take objects that are events ("announced the merger on Monday"),
# so before the verb a date counts only when a clause follows ("on Monday confirmed that").
_ANNOUNCE_FORMS = frozenset(
    """announce announces announced confirm confirms confirmed report reports reported
    reveal reveals revealed disclose discloses disclosed deny denies denied estimate
    estimates estimated indicate indicates indicated predict predicts predicted suggest
    suggests suggested admit admits admitted""".split()
)
# A "conference" frames a report only as a news or press conference.
_FRAME_NOUNS = frozenset(
    """statement statements interview interviews conference briefing briefings address
    speech remarks post tweet letter video broadcast appearance podcast message
    communique communiqué""".split()
)
# Words that may stand between a date and the reporting verb after it:
# "officials Wednesday were unwilling to confirm", "the ministry on Tuesday also said".
_REPORT_HEDGES = frozenset(
    """is are was were be been has have had do does did will would could can may might
    not n't also again publicly formally officially repeatedly later separately first
    unwilling unable declined refused reluctant able quick quickly to""".split()
)
_FRAME_PREPS = frozenset("in at on to during with via through from".split())
_PASSIVE_AUX = frozenset("is are was were be been being".split())
_CLAUSE_OPEN = frozenset(',;:“"‘(—–'.split()) | {",", ";", ":", "(", "—", "–"}
# fmt: on
_REPORT_FORMS = _SAY_FORMS | _TELL_FORMS | _ANNOUNCE_FORMS
# Forms that are also nouns ("head of state", "the reports"): a verb only after a subject
# pronoun or name, an auxiliary, "to" or "not".
_NOUN_LIKE_FORMS = frozenset(
    """state states note notes post posts claim claims report reports comment comments
    estimate estimates reply replies stress stresses caution cautions tweet tweets brief
    briefs call calls""".split()
)
_VERB_BEFORE = frozenset("to not n't he she it they we i you who also".split()) | _AUX


def _reporting_verb(toks: Sequence[_Tok], k: int) -> str:
    """'say', 'tell' or 'announce' if toks[k] is an active reporting verb, else ''."""
    t = toks[k]
    low = t.low
    if low not in _REPORT_FORMS or (t.is_cap and k > 0):
        return ""
    j = k - 1
    while j >= 0 and toks[j].low.endswith("ly") and toks[j].is_word:
        j -= 1
    prev = toks[j].low if j >= 0 else ""
    # A noun ("the report", "his claims") or a passive ("were announced") is no report.
    if prev in _DETERMINERS or prev in _PASSIVE_AUX or prev.endswith(("'s", "’s")):
        return ""
    if low in _NOUN_LIKE_FORMS and not (prev in _VERB_BEFORE or j >= 0 and toks[j].is_cap):
        return ""
    if low in _TELL_FORMS:
        return "tell"
    return "say" if low in _SAY_FORMS else "announce"


def _is_clause_verb(t: _Tok, prev: _Tok | None) -> bool:
    return t.is_word and not t.is_cap and (t.low in _AUX or _is_past(t, prev))


def _addressee_end(toks: Sequence[_Tok], k: int) -> int:
    """Index after the noun phrase told something ("told [the BBC] that ...")."""
    j = k + 1
    n = 0
    while j < len(toks) and n < 4:
        t = toks[j]
        if not t.is_word or t.low in _FRAME_PREPS or t.low in ("that", "about", "of"):
            break
        if n and (t.low in _DETERMINERS or not t.is_cap and toks[j - 1].is_cap):
            break
        if _is_clause_verb(t, toks[j - 1]) or t.low in _REPORT_FORMS:
            break
        j += 1
        n += 1
    return j


def _reporting_frames(
    toks: Sequence[_Tok], dates: Sequence[DateFact]
) -> tuple[list[Span], set[int]]:
    """Spans of the reporting frames (verb, addressee, "in a statement", their dates) and
    the indices of the dates that say when something was said rather than when it happened.

    Outlets publish on different days, so "said on Tuesday" against "said Wednesday" is
    not a disagreement about the fact; the pipeline compares only the event dates.
    """
    frames: list[Span] = []
    n = len(toks)
    for k in range(n):
        kind = _reporting_verb(toks, k) if toks[k].low in _REPORT_FORMS else ""
        if kind == "tell":
            end = _addressee_end(toks, k)
            if end > k + 1:
                frames.append(Span(toks[k + 1].start, toks[end - 1].end))
        elif kind and k + 2 < n and toks[k + 1].low == "to":
            # "confirmed to VOA", "said to reporters"
            end = _addressee_end(toks, k + 1)
            if end > k + 2:
                frames.append(Span(toks[k + 1].start, toks[end - 1].end))
        # "in a statement", "at a news conference", "in an interview with the BBC"
        if toks[k].low in ("in", "at", "during"):
            j = k + 1
            while j < n and j <= k + 4 and toks[j].is_word and toks[j].low not in _FRAME_NOUNS:
                if _is_clause_verb(toks[j], toks[j - 1]):
                    break
                j += 1
            if (
                j < n
                and toks[j].low in _FRAME_NOUNS
                and (toks[j].low != "conference" or toks[j - 1].low in ("news", "press"))
            ):
                end = j
                if j + 1 < n and toks[j + 1].low in ("with", "to", "on"):
                    end = _addressee_end(toks, j + 1) - 1
                frames.append(Span(toks[k].start, toks[max(end, j)].end))
    report: set[int] = set()
    for di, d in enumerate(dates):
        i0 = next((k for k, t in enumerate(toks) if t.start >= d.span.start), n)
        i1 = next((k for k, t in enumerate(toks) if t.start >= d.span.end), n)
        if i0 >= n:
            continue
        # (a) after the verb: "said on Tuesday", "told CNN on Saturday", "said in a
        # statement on Monday", "speaking to reporters on Sunday".
        k = i0 - 1
        between: list[_Tok] = []
        verb = ""
        while k >= 0 and len(between) <= 7:
            t = toks[k]
            if t.low in _REPORT_FORMS and (verb := _reporting_verb(toks, k)):
                break
            if not t.is_word or t.low == "that" or _is_clause_verb(t, toks[k - 1] if k else None):
                break
            between.insert(0, t)
            k -= 1
        # Only a frame may stand between ("in a statement", "to reporters"), or whom
        # someone told; an object ("announced the merger on Monday") dates the event.
        if verb and (not between or verb == "tell" or between[0].low in _FRAME_PREPS):
            report.add(di)
            frames.append(Span(toks[k].start, d.span.end))
            continue
        # (b) before the verb: "officials Wednesday were unwilling to confirm that",
        # "CNN on Saturday reported that", "On Tuesday, the ministry said".
        j = i0 - 1
        while j >= 0 and toks[j].low in ("on", "in", "at", "late", "early", "later", "earlier"):
            j -= 1  # "On Tuesday, ...", "Late on Wednesday, ..."
        initial = j < 0 or toks[j].text in _CLAUSE_OPEN or toks[j].low == "that"
        k = i1
        if initial and k < n and toks[k].text == ",":
            k += 1
            m = 0
            while k < n and m < 8 and toks[k].is_word and toks[k].low not in _REPORT_FORMS:
                if _is_clause_verb(toks[k], toks[k - 1]):
                    break
                k += 1
                m += 1
        while k < n and toks[k].low in _REPORT_HEDGES and toks[k].low not in _REPORT_FORMS:
            k += 1
        if k < n and toks[k].low in _REPORT_FORMS:
            kind = "say" if toks[k].low in _SAY_FORMS | _TELL_FORMS else "announce"
            nxt = toks[k + 1].low if k + 1 < n else ""
            if kind == "say" or nxt in ("that", "“", '"', ":", "what", "whether"):
                report.add(di)
                frames.append(Span(d.span.start, toks[k].end))
                continue
        # (c) inside a frame: "At a news conference on Tuesday, ...".
        j = i0 - 1
        m = 0
        while j >= 0 and m < 6 and toks[j].is_word:
            if toks[j].low in _FRAME_NOUNS:
                if any(f.start <= toks[j].start < f.end for f in frames):
                    report.add(di)
                break
            if _is_clause_verb(toks[j], toks[j - 1] if j else None):
                break
            j -= 1
            m += 1
    return frames, report


_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b")
_ASIDE_END = re.compile(r",(?!\d)|[;:()]|\s[—–-]\s")


def _asides(text: str, entities: Sequence[Entity]) -> list[tuple[Span, str]]:
    """Non-restrictive relative clauses on a name (", who beat Holloway 2-0 on Friday,"),
    with the name's key: their numbers and dates belong to that actor's other event."""
    out = []
    for m in _RELATIVE.finditer(text):
        name = next((e for e in entities if text[e.span.end : m.start()] in ("", "'s", "’s")), None)
        if name is None:
            continue
        end = _ASIDE_END.search(text, m.end())
        out.append((Span(m.start(), end.start() if end else len(text)), name.key))
    return out


def _main_clause(toks: Sequence[_Tok], entities: Sequence[Entity]) -> tuple[str, Span | None, str]:
    """Subject (entity key or head noun) and main verb stem of the sentence's main clause."""
    n = len(toks)
    # First finite verb outside a leading prepositional phrase.
    v = -1
    for k in range(n):
        t = toks[k]
        prev = toks[k - 1] if k else None
        if not t.is_word or (t.is_cap and k > 0):
            continue
        if t.low in _AUX or _is_past(t, prev):
            v = k
            break
        nxt = toks[k + 1] if k + 1 < n else None
        if (
            k > 0
            and t.low.endswith("s")
            and not t.low.endswith("ss")
            and prev is not None
            and prev.is_word
            and prev.low not in _DETERMINERS
            and prev.low not in _STOP
            and nxt is not None
            and (nxt.low in _DETERMINERS or nxt.text[0].isdigit() or nxt.low in _STOP)
        ):
            v = k
            break
    if v <= 0:
        return "", None, ""
    # Predicate: skip auxiliaries to the lexical verb.
    p = v
    while p < n and (
        toks[p].low in _AUX or toks[p].low in ("also", "not", "already", "since", "just", "now")
    ):
        p += 1
    pred = toks[p].stem if p < n and toks[p].is_word else ""
    # Subject: the comma-separated chunk before the verb that does not start with a
    # preposition ("In a meeting ..., Blinken said"; "Beijing, meanwhile, has denied").
    chunks: list[list[_Tok]] = [[]]
    for t in toks[:v]:
        if t.text in ",—–":
            chunks.append([])
        else:
            chunks[-1].append(t)
    subj: list[_Tok] = []
    for ch in chunks:
        words = [t for t in ch if t.is_word]
        if not words:
            continue
        if words[0].low in _PREPOSITIONS or words[0].low in (
            "meanwhile",
            "however",
            "speaking",
            "according",
        ):
            continue
        subj = words
        break
    if not subj:
        return "", None, pred
    span = Span(subj[0].start, subj[-1].end)
    for en in entities:
        if span.start <= en.span.start and en.span.end <= span.end and en.role in ("subj", "poss"):
            if en.role == "subj":
                return en.key, en.span, pred
    for en in entities:
        if span.start <= en.span.start and en.span.end <= span.end and en.role != "poss":
            return en.key, en.span, pred
    heads = [t for t in subj if t.low not in _STOP and t.low not in _DETERMINERS]
    if not heads:
        return "", None, pred
    h = heads[-1]
    if h.low in _PRONOUNS:
        return "", None, pred
    return _WORD_SYNONYMS.get(h.low, _stem(h.low)), Span(h.start, h.end), pred


def _marks(
    text: str, toks: Sequence[_Tok], skip: Sequence[Span]
) -> tuple[list[_Mark], list[_Mark], list[_Mark], list[_Mark]]:
    """Negated, planned, done and plain content words, each with the span to show."""
    n = len(toks)
    negated: list[_Mark] = []
    planned: list[_Mark] = []
    neg_idx: set[int] = set()
    plan_idx: set[int] = set()

    def index_at(pos: int) -> int:
        for k, t in enumerate(toks):
            if t.start >= pos:
                return k
        return n

    def target(k: int, limit: int = 5) -> list[int]:
        out: list[int] = []
        steps = 0
        while k < n and steps < limit:
            t = toks[k]
            if not t.is_word:
                break
            if t.low not in _NEG_SKIP and t.low not in _STOP and t.low not in _AUX:
                out.append(k)
                if len(out) >= 2:
                    break
            steps += 1
            k += 1
        return out

    # Negations: "not", "n't", "never", "no longer", "refused to", "no <noun>".
    cues: list[tuple[int, int]] = []  # (cue token index, first token after the cue)
    for k, t in enumerate(toks):
        low = t.low.replace("’", "'")
        if low in _NEGATORS or low.endswith("n't"):
            nxt = toks[k + 1].low if k + 1 < n else ""
            if nxt == "only":  # "not only ... but also" affirms
                continue
            if low == "not" and k and toks[k - 1].low == "or":  # "whether or not"
                continue
            cues.append((k, k + 1))
        elif low == "no" and k + 1 < n and toks[k + 1].low == "one":
            cues.append((k, k + 2))
        elif low in ("nobody", "none", "nothing", "neither", "nor"):
            cues.append((k, k + 1))
        elif (
            low == "no"
            and k + 1 < n
            and toks[k + 1].is_word
            and toks[k + 1].low not in ("longer", "fewer", "less", "more", "later", "sooner")
        ):
            cues.append((k, k + 1))
    for m in _NEG_PHRASES.finditer(text):
        k0 = index_at(m.start())
        cues.append((k0, index_at(m.end())))
    for k0, k1 in cues:
        tg = target(k1, 5)
        if not tg:
            continue
        k = tg[0]
        t = toks[k]
        # "never been higher": a negated comparative is a superlative, not a denial.
        if (
            t.low.endswith("er")
            and len(t.low) > 4
            and (k + 1 >= n or toks[k + 1].text in ".,;" or toks[k + 1].low == "than")
        ):
            continue
        neg_idx.add(k)
        negated.append(_Mark(t.stem, Span(toks[k0].start, t.end), Span(t.start, t.end)))
        # A light verb takes its meaning from the next word: "not go ahead", "not take part".
        if t.stem in _LIGHT_VERBS and len(tg) > 1 and tg[1] == k + 1:
            k2 = tg[1]
            t2 = toks[k2]
            neg_idx.add(k2)
            negated.append(_Mark(t2.stem, Span(toks[k0].start, t2.end), Span(t2.start, t2.end)))
    # Planned / possible: "will", "could", "plans to", "possible", "expected to", ...
    for m in _PLANNED_CUES.finditer(text):
        k1 = index_at(m.end())
        k0 = index_at(m.start())
        cue = m.group().lower()
        # "due to" followed by a noun phrase means "because of".
        if cue.startswith("due") and k1 < n and toks[k1].low in _DETERMINERS:
            continue
        # "suspect", "believe", "fear" hedge only as verbs taking a clause ("suspect the
        # fire was set"), not as nouns ("the suspect was arrested").
        if cue.rstrip("s") in ("suspect", "believe", "fear") and (
            k1 >= n
            or toks[k1].low not in _DETERMINERS | {"that", "it", "he", "she", "they"}
            or (k0 > 0 and toks[k0 - 1].low in _DETERMINERS)
        ):
            continue
        steps = 0
        k = k1
        state = False
        while k < n and steps < 6:
            t = toks[k]
            if not t.is_word or t.low in _CLAUSE_BREAK:
                break
            if t.low not in _STOP and t.low not in _AUX and k not in neg_idx:
                plan_idx.add(k)
                # "will stay open", "will remain closed": a state that goes on, not the
                # event ("opened", "closed") happening later.
                if not state:
                    planned.append(_Mark(t.stem, Span(toks[k0].start, t.end), Span(t.start, t.end)))
                state = state or t.low in _STATE_VERBS
            steps += 1
            k += 1
    # Embedded questions assert nothing: "would not say if the company planned layoffs".
    for k, t in enumerate(toks):
        if t.low in ("whether", "if"):
            k2 = k + 1
            while k2 < n and toks[k2].text not in ",;:.!?":
                plan_idx.add(k2)
                k2 += 1
    done: list[_Mark] = []
    plain: list[_Mark] = []
    for k, t in enumerate(toks):
        if not t.is_word or t.low in _STOP or any(s.start <= t.start < s.end for s in skip):
            continue
        prev = toks[k - 1] if k else None
        if k not in neg_idx:
            plain.append(_Mark(t.stem, Span(t.start, t.end), Span(t.start, t.end)))
        if k in plan_idx or k in neg_idx:
            continue
        is_done = _is_past(t, prev)
        if (
            not is_done
            and prev is not None
            and t.low.endswith("s")
            and not t.is_cap
            and prev.is_word
            and prev.low not in _DETERMINERS
            and prev.low not in _STOP
            and not prev.low.endswith(("'s", "’s"))
            and k + 1 < n
            and (toks[k + 1].low in _DETERMINERS or toks[k + 1].text[0].isdigit())
        ):
            is_done = True
        if is_done:
            done.append(_Mark(t.stem, Span(t.start, t.end), Span(t.start, t.end)))
    return negated, planned, done, plain


def extract_facts(text: str, *, published: dt.date | None = None) -> Facts:
    """Read one sentence into a :class:`Facts` record (cheap: regexes and word lists).

    ``published`` anchors relative dates: in a piece dated Wednesday 15 February 2023,
    "this Friday" is 17 February.

    >>> f = extract_facts("They meet this Friday.", published=dt.date(2023, 2, 15))
    >>> f.dates[0].lo
    datetime.date(2023, 2, 17)
    """
    toks = _tokenize(text)
    dates, covered = _extract_dates(text, published)
    masked = list(text)
    for c in covered:
        masked[c.start : c.end] = " " * (c.end - c.start)
    quantities = _extract_quantities(text, toks, "".join(masked))
    entities = _extract_entities(toks, covered)
    speakers = _extract_speakers(text, toks, entities)
    subject, subject_span, predicate = _main_clause(toks, entities)
    negated, planned, done, plain = _marks(text, toks, covered)
    frames, report = _reporting_frames(toks, dates)
    dates = [
        replace(d, role="report") if i in report and d.role == "point" else d
        for i, d in enumerate(dates)
    ]
    sp_spans = [s.span for s in speakers]
    content = frozenset(
        _WORD_SYNONYMS.get(t.low, t.stem)
        for t in toks
        if t.is_word
        and t.low not in _STOP
        and not any(s.start <= t.start < s.end for s in sp_spans)
    )
    lowered = frozenset(t.low.replace("’", "'").removesuffix("'s") for t in toks if t.is_word)
    lowered |= frozenset(_DEMONYMS[w] for w in lowered if w in _DEMONYMS)
    return Facts(
        text=text,
        published=published,
        quantities=tuple(quantities),
        dates=tuple(dates),
        entities=tuple(entities),
        speakers=tuple(speakers),
        negated=tuple(negated),
        planned=tuple(planned),
        done=tuple(done),
        plain=tuple(plain),
        subject=subject,
        subject_span=subject_span,
        predicate=predicate,
        content=content,
        lowered=lowered,
        frames=_merge_spans(frames),
        asides=tuple(_asides(text, entities)),
    )


# --------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------


class _Builder:
    """Collects conflicts for one pair, keeping spans exact and labels consistent."""

    def __init__(self, a: Facts, b: Facts, a_label: str, b_label: str) -> None:
        self.a, self.b = a, b
        self.al, self.bl = a_label, b_label
        self.conflicts: list[Conflict] = []

    def add(
        self,
        kind: ConflictKind,
        sa: Span,
        sb: Span,
        why: str,
        conf: float,
        a_note: str = "",
        b_note: str = "",
    ) -> None:
        ta, tb = self.a.text[sa.start : sa.end], self.b.text[sb.start : sb.end]
        a_show = f"{ta} ({a_note})" if a_note else ta
        b_show = f"{tb} ({b_note})" if b_note else tb
        self.conflicts.append(
            Conflict(
                kind=kind,
                a_span=sa,
                b_span=sb,
                a_text=ta,
                b_text=tb,
                explanation=f"{self.al}: {a_show} / {self.bl}: {b_show}: {why}",
                confidence=round(max(0.0, min(1.0, conf)), 2),
            )
        )

    def has(self, kind: ConflictKind) -> bool:
        return any(c.kind is kind for c in self.conflicts)


def _dims_match(a: Quantity, b: Quantity) -> bool:
    if a.dim == b.dim:
        return True
    return False


def _overlap(a: Quantity, b: Quantity) -> bool:
    """Do the two quantities' value bounds meet (allowing for unit conversion and rounding)?"""
    if a.pair is not None and b.pair is not None:
        return a.pair == b.pair
    if a.pair is not None or b.pair is not None:
        pa = a.pair or (a.low, a.high)
        pb = b.pair or (b.low, b.high)
        return max(pa) == max(pb) and min(pa) == min(pb)
    if (
        not a.bound
        and not b.bound
        and a.unit == b.unit
        and a.step > 0
        and math.isclose(a.step, b.step, rel_tol=1e-6)
    ):
        # Two point figures written to the same precision ("about 12,000" / "some 14,000",
        # "1.2 million" / "1.1 million"): a reader compares the figures, not the rounding.
        return math.isclose(a.written, b.written, rel_tol=1e-9, abs_tol=a.step * 1e-3)
    tol = 0.005 + (0.03 if a.unit != b.unit else 0.0)
    lo_a, hi_a = a.low * (1 - tol), a.high * (1 + tol)
    return lo_a <= b.high * (1 + tol) and b.low * (1 - tol) <= hi_a


def _ctx_sim(a: Quantity, b: Quantity) -> float:
    if not a.context or not b.context:
        return 0.0
    return len(a.context & b.context) / min(len(a.context), len(b.context))


_DIM_WORDS = {
    "count": "number",
    "percent": "percentage",
    "pp": "change in percentage points",
    "age": "age",
    "length": "distance",
    "mass": "weight",
    "speed": "speed",
    "area": "area",
    "duration": "duration",
    "magnitude": "magnitude",
    "score": "score",
    "temp_c": "temperature",
    "temp_f": "temperature",
}


def _inside(s: Span, spans: Iterable[Span]) -> bool:
    return any(f.start <= s.start and s.end <= f.end for f in spans)


def _aside_of(f: Facts, s: Span) -> str | None:
    return next((key for sp, key in f.asides if sp.start <= s.start and s.end <= sp.end), None)


def _same_event(bld: _Builder, sa: Span, sb: Span) -> bool:
    """Can the values at these spans describe one event? Not when one sits in a side
    clause about an actor the other sentence is not about ("Eastfield, who beat Holloway
    2-0 on Friday," against "Riverside beat Port Marlow 3-1 on Saturday")."""
    ka, kb = _aside_of(bld.a, sa), _aside_of(bld.b, sb)
    if ka is None and kb is None:
        return True
    if ka is not None and kb is not None:
        return _same_key(ka, kb)
    key, other = (ka, bld.b) if ka is not None else (kb, bld.a)
    assert key is not None
    return bool(other.subject) and _same_key(key, other.subject)


def _compare_numbers(bld: _Builder) -> tuple[set[int], set[int]]:
    """Pair quantities by unit and context; report pairs whose values cannot both hold."""
    qa, qb = bld.a.quantities, bld.b.quantities
    fa, fb = bld.a.frames, bld.b.frames
    cands: list[tuple[float, int, int, bool, float]] = []
    for i, x in enumerate(qa):
        if _inside(x.span, fa):
            continue
        for j, y in enumerate(qb):
            if not _dims_match(x, y) or x.role != y.role or _inside(y.span, fb):
                continue
            # "ten-man Port Marlow" counts players, not the "six matches" of another clause.
            if x.compound and x.compound not in y.context | {y.compound}:
                continue
            if y.compound and y.compound not in x.context | {x.compound}:
                continue
            if not _same_event(bld, x.span, y.span):
                continue
            ok = _overlap(x, y)
            sim = _ctx_sim(x, y)
            cands.append((sim + (0.6 if ok else 0.0), i, j, ok, sim))
    cands.sort(key=lambda c: -c[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched: list[tuple[int, int, bool, float]] = []
    for _, i, j, ok, sim in cands:
        if i in used_a or j in used_b:
            continue
        x, y = qa[i], qb[j]
        sole = sum(q.dim == x.dim for q in qa) == 1 and sum(q.dim == y.dim for q in qb) == 1
        if ok or sim >= 0.34 or sole or x.dim not in ("count",):
            used_a.add(i)
            used_b.add(j)
            matched.append((i, j, ok, sim))
    for i, j, ok, sim in matched:
        if ok:
            continue
        x, y = qa[i], qb[j]
        conf = 0.9 if sim >= 0.34 else 0.7
        what = _DIM_WORDS.get(x.dim.split(":")[0], "amount")
        if x.dim.startswith("money"):
            what = "amount"
        sa = x.detail if x.dim == "count" and x.detail else x.span
        sb = y.detail if y.dim == "count" and y.detail else y.span
        bld.add(
            ConflictKind.NUMBER,
            sa,
            sb,
            f"different {what}",
            conf,
        )
    return used_a, used_b


def _date_fields(d: DateFact) -> dict[str, int]:
    out = {}
    for k in ("year", "month", "day", "weekday"):
        v = getattr(d, k)
        if v is not None:
            out[k] = v
    return out


def _intervals(d: DateFact) -> list[tuple[dt.date, dt.date]]:
    if d.lo is None or d.hi is None:
        return []
    return [(d.lo, d.hi), *d.alts]


def _date_relation(x: DateFact, y: DateFact) -> tuple[str, str]:
    """('agree' | 'conflict' | 'none', what differs) for two day-level date facts."""
    ix, iy = _intervals(x), _intervals(y)
    if ix and iy:
        for a0, a1 in ix:
            for b0, b1 in iy:
                if a0 <= b1 and b0 <= a1:
                    return "agree", ""
        what = (
            "day"
            if min(x.level, y.level) <= 0
            else (
                "week"
                if min(x.level, y.level) == 1
                else "month"
                if min(x.level, y.level) == 2
                else "year"
            )
        )
        return "conflict", what
    fx, fy = _date_fields(x), _date_fields(y)
    if (
        x.days
        and y.days
        and x.month == y.month
        and x.month is not None
        and (x.year is None or y.year is None or x.year == y.year)
    ):
        if x.days[0] <= y.days[1] and y.days[0] <= x.days[1]:
            return "agree", ""
        return "conflict", "day"
    shared = [k for k in ("year", "month", "day", "weekday") if k in fx and k in fy]
    if not shared:
        return "none", ""
    for k in shared:
        if fx[k] != fy[k]:
            return "conflict", {"weekday": "day", "day": "day"}.get(k, k)
    return "agree", ""


def _fmt_day(d: DateFact) -> str:
    if d.lo is not None and d.lo == d.hi and not d.alts:
        return d.lo.strftime("%a %d %b %Y").replace(" 0", " ")
    return ""


def _compare_dates(bld: _Builder) -> tuple[set[int], set[int]]:
    """Match date and time expressions; report the leftovers that cannot be the same moment."""
    da, db = bld.a.dates, bld.b.dates
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, int, str, str]] = []
    for i, x in enumerate(da):
        for j, y in enumerate(db):
            if x.is_time != y.is_time or x.role != y.role or x.role == "report":
                continue
            if not _same_event(bld, x.span, y.span):
                continue
            if x.is_time:
                assert x.minutes is not None and y.minutes is not None
                ok = x.minutes[0] <= y.minutes[1] and y.minutes[0] <= x.minutes[1]
                # Midnight: 00:00 is also 24:00.
                if not ok and (x.minutes[0] == 0 or y.minutes[0] == 0):
                    ok = {x.minutes[0], y.minutes[0]} == {0} or 1440 in (x.minutes[1], y.minutes[1])
                rel, what = ("agree", "") if ok else ("conflict", "time")
                if not ok and x.approx and y.approx:
                    rel = "conflict"
            else:
                rel, what = _date_relation(x, y)
                if rel == "conflict" and abs(x.level - y.level) > 1:
                    rel = "none"
            if rel == "none":
                continue
            rank = 0 if rel == "agree" else 1
            # Same granularity first: "Friday" pairs with "Saturday" before it pairs with
            # "earlier this month".
            pairs.append((abs(x.level - y.level), rank, i * 100 + j, rel, what))
    pairs.sort()
    for _, _, ij, rel, what in pairs:
        i, j = divmod(ij, 100)
        if i in used_a or j in used_b:
            continue
        x, y = da[i], db[j]
        used_a.add(i)
        used_b.add(j)
        if rel == "conflict":
            # Parts of day ("morning", "late") are vague: flag only if both are explicit times.
            if (
                x.is_time
                and (x.approx and y.approx)
                and (x.minutes and y.minutes)
                and x.text.lower() in _PARTS
                and y.text.lower() in _PARTS
            ):
                continue
            resolved = x.lo is not None and y.lo is not None
            conf = 0.9 if resolved or x.is_time else 0.85
            if x.alts or y.alts:
                conf -= 0.1
            bld.add(
                ConflictKind.DATE,
                x.span,
                y.span,
                f"different {what}",
                conf,
                _fmt_day(x) if bld.a.published else "",
                _fmt_day(y) if bld.b.published else "",
            )
    return used_a, used_b


def _speaker_relation(x: Speaker, y: Speaker) -> str:
    """'same', 'diff' or 'unknown' for two speakers."""
    if x.pronoun or y.pronoun:
        return "unknown"
    if x.kind and y.kind:
        # "local officials" / "the military"; "military officials" / "the army" may be one.
        return "diff" if x.kind != y.kind else "same" if x.head == y.head else "unknown"
    if x.names and y.names:
        for p in x.names:
            for q in y.names:
                if _same_entity(p, q):
                    return "same"
        return "diff"
    if x.names or y.names:
        named, role = (x, y) if x.names else (y, x)
        if (
            role.kind
            and role.others
            and role.head not in _GENERIC_SPEAKERS
            and not any(en.titles for en in named.names)
            and not any(_same_key(o, en.key) for o in role.others for en in named.names)
        ):
            # "Pakistan's army" / "the Taliban": an institution of one actor against another
            # named actor.
            return "diff"
        if role.head in _GENERIC_SPEAKERS or not role.head:
            return "unknown"
        if role.head in _ORG_HEADS:
            # "the company" may be "Apple"; not "the ministry" against "... Organization".
            kinds = {
                _ORG_KIND.get(w.lower(), w.lower()) for en in named.names for w in en.text.split()
            } & set(_ORG_KIND.values())
            if kinds and _ORG_KIND.get(role.head, role.head) not in kinds:
                return "diff"
            return "unknown"
        if role.head in named.roles:
            return "same"
        return "diff" if named.roles else "unknown"
    if x.head in _GENERIC_SPEAKERS or y.head in _GENERIC_SPEAKERS:
        return "unknown"
    if x.head == y.head:
        # "the mayor of Chicago" is not "the mayor of Boston".
        if x.others and y.others and not any(_same_key(p, q) for p in x.others for q in y.others):
            return "diff"
        return "same"
    return "diff"


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _compare_attribution(bld: _Builder) -> None:
    """Same statement, different speakers (a matching speaker anywhere settles it)."""
    a, b = bld.a, bld.b
    if not a.speakers or not b.speakers:
        return
    rels = [(_speaker_relation(x, y), x, y) for x in a.speakers for y in b.speakers]
    if any(r == "same" for r, _, _ in rels):
        return
    diff = [(x, y) for r, x, y in rels if r == "diff"]
    if not diff:
        return
    overlap = _jaccard(a.content, b.content)
    if overlap < 0.2:
        return
    x, y = diff[0]
    bld.add(
        ConflictKind.ATTRIBUTION,
        x.span,
        y.span,
        "the same statement is credited to different speakers",
        0.85 if overlap >= 0.4 else 0.7,
    )


def _compare_entities(
    bld: _Builder, skip_a: set[Span], skip_b: set[Span]
) -> tuple[set[int], set[int]]:
    """Names in the same role (who, where) that differ between the two sentences."""
    a, b = bld.a, bld.b

    def inside(e: Entity, spans: Iterable[Span]) -> bool:
        return _inside(e.span, spans)

    # Whom something was told, or where it was posted, is not a fact about the event.
    ua = [i for i, e in enumerate(a.entities) if not _present_in(e, b) and not inside(e, a.frames)]
    ub = [j for j, e in enumerate(b.entities) if not _present_in(e, a) and not inside(e, b.frames)]
    missing_a, missing_b = set(ua), set(ub)
    group = {"subj": "agent", "by": "agent"}
    used_b: set[int] = set()
    for i in ua:
        x = a.entities[i]
        # Modifiers ("US forces") and possessors ("Kenya's Kipchoge") qualify another
        # name; comparing them adds noise, not facts.
        if inside(x, skip_a) or x.role in ("other", "mod", "poss"):
            continue
        for j in ub:
            if j in used_b:
                continue
            y = b.entities[j]
            if inside(y, skip_b):
                continue
            if group.get(x.role, x.role) != group.get(y.role, y.role):
                continue
            if not _same_event(bld, x.span, y.span):
                continue
            conf = 0.75
            used_b.add(j)
            what = {
                "in": "place",
                "agent": "actor",
                "subj": "actor",
                "by": "actor",
                "from": "origin",
                "to": "destination",
                "poss": "affiliation",
                "appos": "person",
                "obj": "object",
            }.get(group.get(x.role, x.role), "name")
            bld.add(ConflictKind.ENTITY, x.span, y.span, f"different {what}", conf)
            break
    return missing_a, missing_b


def _compare_polarity(bld: _Builder) -> None:
    """One side says it happened (or will), the other that it did not."""
    a, b = bld.a, bld.b

    def run(x: Facts, y: Facts, flip: bool) -> bool:
        # Two negative sentences phrased differently ("No decision has been made" /
        # "A decision has not yet been taken") are not a clash of polarity.
        if y.negated:
            return False
        y_neg = {m.stem for m in y.negated}
        x_plain = {m.stem for m in x.plain}
        for m in x.negated:
            if m.stem in _SPEECH_NEG_EXEMPT_S or m.stem in _GENERIC_EVENTS_S:
                continue
            if m.stem in y_neg or m.stem in x_plain:
                continue
            hit = next((p for p in y.plain if p.stem == m.stem), None)
            if hit is None:
                continue
            sa, sb = (hit.span, m.span) if flip else (m.span, hit.span)
            bld.add(
                ConflictKind.POLARITY,
                sa,
                sb,
                "one says it happened, the other that it did not",
                0.85,
            )
            return True
        return False

    if run(a, b, False) or run(b, a, True):
        return
    a_plain = {m.stem: m for m in a.plain}
    b_plain = {m.stem: m for m in b.plain}
    a_neg = {m.stem for m in a.negated}
    b_neg = {m.stem for m in b.negated}
    for s, ma in a_plain.items():
        for opp in _ANTONYM_S.get(s, ()):
            mb = b_plain.get(opp)
            if mb is None or opp in a_plain or s in b_plain:
                continue
            if s in a_neg or opp in b_neg:
                continue
            bld.add(ConflictKind.POLARITY, ma.span, mb.span, "opposite outcomes", 0.75)
            return
    # "voted for" / "voted against"
    va = re.search(r"\bvot(?:ed|es|ing|e)\s+(for|against|in\s+favou?r\s+of)\b", a.text, re.I)
    vb = re.search(r"\bvot(?:ed|es|ing|e)\s+(for|against|in\s+favou?r\s+of)\b", b.text, re.I)
    if va and vb and (va.group(1).lower() == "against") != (vb.group(1).lower() == "against"):
        bld.add(
            ConflictKind.POLARITY,
            Span(*va.span()),
            Span(*vb.span()),
            "voted for in one, against in the other",
            0.85,
        )


def _compare_certainty(bld: _Builder) -> None:
    """Possible or planned on one side, reported as done on the other (a soft conflict)."""
    a, b = bld.a, bld.b

    def run(x: Facts, y: Facts, flip: bool) -> bool:
        x_done = {m.stem for m in x.done}
        y_plan = {m.stem for m in y.planned}
        y_neg = {m.stem for m in y.negated}
        for m in x.planned:
            s = m.stem
            if s in _GENERIC_EVENTS_S or s in x_done or s in y_plan or s in y_neg:
                continue
            hit = next((d for d in y.done if d.stem == s), None)
            if hit is None:
                continue
            who_x = bld.bl if flip else bld.al
            who_y = bld.al if flip else bld.bl
            sa, sb = (hit.span, m.span) if flip else (m.span, hit.span)
            bld.add(
                ConflictKind.CERTAINTY,
                sa,
                sb,
                f"possible or planned in {who_x}, reported as done in {who_y}",
                0.7,
            )
            return True
        return False

    run(a, b, False) or run(b, a, True)


def _compatible(a: Facts, b: Facts) -> bool:
    """False when both main clauses take a stance (deny, reject, condemn, ...) with different
    subjects: two actors reacting alike are two facts, not one fact in dispute."""
    if not a.subject or not b.subject or a.subject_span is None or b.subject_span is None:
        return True
    if a.predicate not in _STANCE_S or b.predicate not in _STANCE_S:
        return True
    if _same_key(a.subject, b.subject):
        return True
    return False


def _merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return tuple(out)


def compare_facts(a: Facts, b: Facts, *, a_label: str = "A", b_label: str = "B") -> FactResult:
    """Compare two sentences' facts: conflicts, one-sided details, and compatibility.

    >>> a = extract_facts("The meeting will take place this Friday.",
    ...                   published=dt.date(2023, 2, 15))
    >>> b = extract_facts("They met on Saturday.", published=dt.date(2023, 2, 18))
    >>> [c.kind.value for c in compare_facts(a, b).conflicts]
    ['date']
    """
    bld = _Builder(a, b, a_label, b_label)
    compatible = _compatible(a, b)
    qa_used, qb_used = _compare_numbers(bld)
    da_used, db_used = _compare_dates(bld)
    _compare_attribution(bld)
    # Who said it is attribution's business, not a name clash.
    skip_a = {sp.span for sp in a.speakers}
    skip_b = {sp.span for sp in b.speakers}
    missing_a, missing_b = _compare_entities(bld, skip_a, skip_b)
    _compare_polarity(bld)
    _compare_certainty(bld)
    if not compatible:
        log.debug("incompatible pair: %r / %r", a.subject, b.subject)
    conflict_a = [c.a_span for c in bld.conflicts]
    conflict_b = [c.b_span for c in bld.conflicts]

    def free(s: Span, taken: list[Span]) -> bool:
        return all(s.end <= t.start or s.start >= t.end for t in taken)

    a_det = [q.detail or q.span for i, q in enumerate(a.quantities) if i not in qa_used]
    a_det += [d.span for i, d in enumerate(a.dates) if i not in da_used and d.role != "report"]
    a_det += [a.entities[i].span for i in missing_a]
    b_det = [q.detail or q.span for j, q in enumerate(b.quantities) if j not in qb_used]
    b_det += [d.span for j, d in enumerate(b.dates) if j not in db_used and d.role != "report"]
    b_det += [b.entities[j].span for j in missing_b]
    return FactResult(
        conflicts=tuple(bld.conflicts),
        a_details=_merge_spans(s for s in a_det if free(s, conflict_a)),
        b_details=_merge_spans(s for s in b_det if free(s, conflict_b)),
        compatible=compatible,
    )


def compare_sentences(
    a: str,
    b: str,
    *,
    a_date: dt.date | None = None,
    b_date: dt.date | None = None,
    a_label: str = "A",
    b_label: str = "B",
) -> FactResult:
    """Extract and compare in one call (convenience for tests and one-off checks)."""
    return compare_facts(
        extract_facts(a, published=a_date),
        extract_facts(b, published=b_date),
        a_label=a_label,
        b_label=b_label,
    )
