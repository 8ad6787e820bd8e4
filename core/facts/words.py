"""Word lists of the fact checks (moved verbatim from the one-module facts.py)."""

from __future__ import annotations

import re

from ..tokens import MONTHS, WEEKDAYS

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
#: Personal pronouns: never a name, though capitalised at the start of a quoted
#: sentence inside another ("... movement. We believe ...").
_PRONOUNS = frozenset("i we they he she it you us them him me".split())


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


#: Courtesy titles: they name no role or office ("Mr. Goelman" may be "the attorney").
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx"})
#: Adverbs in -ly that a "not" before them does not take as its focus: sentence, epistemic,
#: frequency and sequence adverbs ("will not ultimately be used", "was not actually
#: yesterday" deny the event), and -ly words that are no manner ("not only", "not likely").
#: Before a manner or degree adverb the negation denies the manner ("not directly dispute").
_NOT_MANNER = frozenset(
    """only likely early really nearly hardly ultimately actually probably certainly
    definitely possibly currently presently previously finally eventually originally
    usually generally normally typically simply merely exactly virtually surely truly
    apparently obviously formerly initially recently newly""".split()
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
    person someone insider insiders government investigator investigators""".split()
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


#: The chambers a committee sits in, and the bodies that have committees: "the Senate
#: committee" and "the Intelligence committee" may be one Senate Intelligence Committee.
_CHAMBERS = frozenset(
    """senate house congress assembly parliament legislature commons lords duma knesset
    bundestag""".split()
)
#: A legislature and the houses it is made of: "Congress" voted as "the Senate" did.
_LEGISLATURES = frozenset("congress parliament legislature".split())
_HOUSES = frozenset("senate house commons lords".split())
#: The names a legislature goes by: "the Legislature" may be any of them.
_LEGISLATURE_NAMES = frozenset(
    {"general assembly", "assembly", "state assembly", "parliament", "congress", "knesset",
     "duma", "bundestag", "diet", "national assembly"}
)
_PANELS = frozenset("committee subcommittee panel".split())


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
    roughly according speaking founded first other another such""".split()
)


# Sentence-initial plural nouns ("Officials said") are not names ("Jones said").
_PLURAL_SUFFIXES = (
    "ers", "ors", "ists", "ants", "ents", "als", "ies", "ans", "ats", "ces", "res", "cks",
    "rts", "lts", "ops", "sts", "ets", "ses", "ges", "ves", "ics", "ons", "ees", "ils",
)


_NOUN_SUFFIXES = ("tion", "sion", "ment", "ity", "ness", "ance", "ence", "ure", "ism")


_WEEKDAYS = WEEKDAYS
_MONTHS = MONTHS


_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}


# Canonical keys for places and bodies known by several names (capitals as metonyms).
_ALIAS_GROUPS: dict[str, tuple[str, ...]] = {
    "us": ("us", "usa", "united states", "united states of america", "america",
           "washington", "white house", "pentagon", "oval office", "west wing"),
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
    "congress": ("congress", "capitol hill", "capitol"),
    "defense department": ("defense department", "department of defense", "pentagon", "dod"),
    "state department": ("state department", "department of state", "foggy bottom"),
    "justice department": ("justice department", "department of justice", "doj"),
    # a party and the committee that runs it: "the GOP chairman" is "the RNC chairman"
    "republican party": ("republican party", "gop", "rnc", "republican national committee"),
    "democratic party": ("democratic party", "dnc", "democratic national committee"),
    "al qaeda": ("al qaeda", "al qaida", "alqaeda", "al quaeda"),
    "federal reserve": (
        "federal reserve", "fed", "federal open market committee", "fomc",
        "federal reserve board",
    ),
}


_ALIAS: dict[str, str] = {name: key for key, names in _ALIAS_GROUPS.items() for name in names}
#: The members of the alias groups that name a country by its seat (a capital, a
#: government's building), not by a name of its own: the same actor in a report, but
#: no detail the country's name tells ("the White House" is not told by "American").
_SEATS = frozenset(
    name.strip() for name in """washington, white house, pentagon, oval office, west wing,
    london, downing street, beijing, moscow, kremlin, kyiv, kiev, paris, elysee, élysée,
    berlin, tokyo, new delhi, tehran, pyongyang, seoul, taipei, ankara, brussels, riyadh,
    damascus, cairo, islamabad, kabul, baghdad, caracas, bogota, bogotá, ottawa, canberra,
    rome, madrid, lisbon, warsaw, yerevan, baku, doha, mexico city, brasilia, capitol hill,
    capitol, foggy bottom""".split(",")
)


#: A party's one-word forms: its members, its adjective, its nickname.
_PARTY_WORDS: dict[str, str] = {
    "democrat": "democratic party", "democrats": "democratic party",
    "democratic": "democratic party", "republican": "republican party",
    "republicans": "republican party", "gop": "republican party",
}


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
    "attorney": "lawyer", "attorneys": "lawyer", "lawyers": "lawyer", "counsel": "lawyer",
    "chief executive": "ceo", "executive": "ceo", "ceo": "ceo", "blaze": "fire",
    "quake": "earthquake", "winner": "win", "winning": "win", "hurt": "injure",
}

# fmt: on
