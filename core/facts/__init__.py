"""Fact-level comparison of two aligned sentences (a package of components).

:func:`extract_facts` reads one sentence into a :class:`Facts` record: quantities, dates
and times, named entities, speakers, negations and certainty cues, each with its
sentence-level span. :func:`compare_facts` lines two records up and reports conflicts
(number, date, entity, polarity, attribution, certainty), the details only one side
gives, and whether the two sentences can be the same fact at all.

Everything is compiled regexes and small word lists: no model, no dateparser on the hot
path, so extraction stays well under a millisecond per sentence and a pair comparison
is cheaper still. Spans are offsets into the sentence; the pipeline shifts them.

Layout: ``extract/`` reads a sentence (quantities, dates, entities, speakers, clauses),
``checks/`` holds one check per conflict kind, ``pipeline`` runs them in order.

>>> r = compare_sentences("Five people died on Friday.", "Six people died on Friday.")
>>> [(c.kind.value, c.a_text, c.b_text) for c in r.conflicts]
[('number', 'Five people', 'Six people')]
"""

from __future__ import annotations

from .elsewhere import could_state, stated_elsewhere
from .pipeline import compare_facts, compare_sentences, extract_facts
from .records import DateFact, Entity, FactResult, Facts, Quantity, Speaker

__all__ = [
    "DateFact",
    "Entity",
    "FactResult",
    "Facts",
    "Quantity",
    "Speaker",
    "compare_facts",
    "compare_sentences",
    "could_state",
    "extract_facts",
    "stated_elsewhere",
]
