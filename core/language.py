"""Is an article in English? The engine's model, parse and rules are for English, and an
article in another language gets no links without a word about why; this tells the app
and the CLI when to say so.

The test is the share of an article's words that are among the commonest English function
words (``resources/english_common.txt``): high in any English prose, whatever its topic,
and near zero in other languages, including those written in the Latin alphabet. Text too
short to judge is taken as English.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

__all__ = ["ENGLISH_SHARE", "MIN_WORDS", "english_share", "looks_english", "not_english_note"]

#: Below this share of common English words a text is taken as not English. English
#: articles of ``../shared/devdata`` are all above 0.26 (``bench/README.md``).
ENGLISH_SHARE = 0.12
#: Fewer words than this: too short to judge.
MIN_WORDS = 20
#: Only the first characters are read: a long text's language shows in its start.
SAMPLE_CHARS = 20_000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.cache
def _common() -> frozenset[str]:
    text = files("factdiff.resources").joinpath("english_common.txt").read_text("utf-8")
    return frozenset(
        w for ln in text.splitlines() if not ln.startswith("#") for w in ln.lower().split()
    )


@functools.lru_cache(maxsize=64)
def english_share(text: str) -> float | None:
    """Share of the words of ``text`` (its first :data:`SAMPLE_CHARS`) that are common
    English words, or None when it has fewer than :data:`MIN_WORDS` words.

    >>> english_share("The council said on Monday that the bridge would open in May, and "
    ...               "that it was paid for by the state and the city of Springfield.") > 0.3
    True
    """
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if len(words) < MIN_WORDS:
        return None
    common = _common()
    return sum(w in common for w in words) / len(words)


def looks_english(text: str) -> bool:
    """False only when the text is long enough to judge and reads as another language."""
    share = english_share(text)
    return share is None or share >= ENGLISH_SHARE


def not_english_note(label: str) -> str:
    """What the app and the CLI say of an article that is not in English."""
    return (
        f"{label} does not look like English: factdiff's model and rules read English, so "
        "its links and conflicts will be missing or unreliable."
    )
