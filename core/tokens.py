"""One vocabulary for word matching: the tokeniser, stop list and stemmer that alignment
and the fact checks share (defined once, imported everywhere)."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "MONTHS", "STOP_WORDS", "TOKEN_RE", "WEEKDAYS", "content_words", "stem", "word_stems",
]

#: words in any script (letters, then letters, apostrophes, hyphens) and figures
TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*|\d+(?:[.,]\d+)*")
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told according added would also its it's s""".split()
)
#: the names of the days of the week and of the months, lower-cased, in calendar order
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)


def fold_accents(text: str) -> str:
    """``text`` without its accents ("Peña" -> "Pena", "Zoë" -> "Zoe"): one outlet prints
    a name with its diacritics, another without."""
    if text.isascii():
        return text
    parts = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in parts if not unicodedata.combining(c)))


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


#: British spellings and the American ones they stand for, as word endings: an outlet in
#: London writes "the Children's Medical Centre", one in Dallas "Center".
_SPELLINGS = tuple((re.compile(a), b) for a, b in (
    (r"(?<=[^aeiou\W])re(s|d)?$", r"er\1"),  # centre, theatres, metred
    (r"(?<=\w\w[^aeiou\W])our(s|ed|ing|ite|ites|able|er|ers)?$", r"or\1"),  # colour, labourer
    (r"(?<=\w\w)is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),  # organise, realisation
    (r"(?<=\w\w)ys(e|es|ed|ing)$", r"yz\1"),  # analyse
    (r"(?<=[fc]en|ten)ce$", "se"),  # defence, offence, licence, pretence
    (r"(?<=\w\w)ogue(s)?$", r"og\1"),  # catalogue, dialogues
    (r"(?<=[aeiou])ll(ed|ing|er|ers)$", r"l\1"),  # travelled, cancelling
))


def us_spelling(word: str) -> str:
    """A lower-case word with its British ending spelled the American way: "centre" ->
    "center", "defence" -> "defense", "organised" -> "organized". Words of both spellings
    meet; a word that only looks British ("acre", "fire") changes on both sides alike, so
    two spellings of one word match and two different words stay apart."""
    if len(word) < 5:
        return word
    for pattern, repl in _SPELLINGS:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, crudely stemmed content words of ``text``.

    >>> sorted(content_words("The officials met on Saturday."))
    ['met', 'official', 'saturday']
    """
    words = (w.lower().replace("’", "'") for w in TOKEN_RE.findall(text))
    return frozenset(stem(w) for w in words if w not in STOP_WORDS)


_WORD_RUN = re.compile(r"\w+")


def word_stems(text: str) -> frozenset[str]:
    """:func:`content_words` split at every character that is no letter or digit, so a
    possessive or a figure's parts are words of their own ("Mueller’s" gives "mueller",
    "1,000" gives "1" and "000"): what two texts share however either writes the name.

    A final "y" is read as the "i" of its plural's stem, so "party" meets "parties".

    >>> sorted(word_stems("Mueller’s team met on Saturday."))
    ['met', 'mueller', 'saturdai', 'team']
    >>> word_stems("the Tea Party") == word_stems("Tea Parties")
    True
    """
    return frozenset(
        _Y_END.sub("i", stem(w)) for w in _WORD_RUN.findall(text.lower()) if w not in STOP_WORDS
    )


_Y_END = re.compile(r"(?<=\w\w\w)y$")
