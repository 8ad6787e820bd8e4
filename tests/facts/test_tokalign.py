"""Token alignment by words and lemmas (hand-built words: no parse or model needed)."""

from __future__ import annotations

from factdiff.core.facts.tokalign import Word, align_tokens


def _words(spec: str) -> list[Word]:
    """Words from "text/lemma" items (a bare item is its own lemma)."""
    out, at = [], 0
    for n, item in enumerate(spec.split()):
        text, _, lemma = item.partition("/")
        out.append(Word(n, at, at + len(text), text, lemma or text.lower(), "VERB"))
        at += len(text) + 1
    return out


def test_a_word_takes_the_nearer_form_of_its_lemma_before_a_far_exact_one() -> None:
    # "Dell has 32 percent" / "Dell does not have 32 percent ..., it has 10": the "has"
    # of A is the "have" beside it, not the far "has" of B's second clause
    a = _words("Dell has/have percent market world")
    b = _words("Dell does/do not have percent market but it has/have share world")
    al = align_tokens(a, b)
    assert b[al.links[1][0]].text == "have"
    assert al.links[1][1] == 0.95  # a lemma match: a little less sure than the word itself


def test_the_same_word_still_wins_at_the_same_distance() -> None:
    a = _words("they said/say it")
    b = _words("they said/say it says/say")
    al = align_tokens(a, b)
    assert al.links[1] == (1, 1.0)


def test_two_forms_of_one_lemma_are_not_left_crossed() -> None:
    # "Dividends are currently taxed at ordinary income tax rates ..." / "Under current
    # law, dividends are not taxed at standard income tax rates ...": by relative position
    # alone A's "tax" takes B's "taxed" (nearer) and A's "taxed" gets B's "tax", so the
    # negated verb is aligned to a noun and the denial goes unseen
    a = _words("dividends are currently taxed/tax at ordinary income tax rates of as much as "
               "percent")
    b = _words("under current law dividends are not taxed/tax at standard income tax rates up "
               "to percent")
    al = align_tokens(a, b)
    assert al.links[3] == (6, 1.0)  # taxed / taxed
    assert al.links[7] == (10, 1.0)  # tax / tax
    # crossing links of unlike words are left as they are: two clauses told in turn
    a = _words("stocks rose/rise as bonds fell/fall")
    b = _words("bonds fell/fall while stocks rose/rise")
    al = align_tokens(a, b)
    assert al.links[0] == (3, 1.0) and al.links[3] == (0, 1.0)


def test_a_function_word_nearest_in_vectors_does_not_keep_a_word_from_its_match() -> None:
    import numpy as np

    # "Shares rose" / "the shares jumped sharply": "the" is nearer to "rose" in (made-up)
    # vectors than "jumped" is, but a function word is never linked by its vector
    a = [Word(0, 0, 6, "Shares", "share", "NOUN"), Word(1, 7, 11, "rose", "rise", "VERB")]
    b = [Word(0, 0, 3, "the", "the", "DET"), Word(1, 4, 10, "shares", "share", "NOUN"),
         Word(2, 11, 17, "jumped", "jump", "VERB"), Word(3, 18, 25, "sharply", "sharply", "ADV")]

    def unit(*xs: float) -> list[float]:
        v = np.array(xs, dtype=np.float32)
        return list(v / np.linalg.norm(v))

    va = ([(0, 6), (7, 11)], np.array([unit(0, 0, 1, 0), unit(1, 0, 0, 0)]))
    vb = ([(0, 3), (4, 10), (11, 17), (18, 25)], np.array(
        [unit(1, 0.1, 0, 0), unit(0, 0, 1, 0), unit(1, 0.8, 0, 0), unit(0, 0, 0, 1)]))
    al = align_tokens(a, b, a_vectors=va, b_vectors=vb)
    assert al.links[0] == (1, 1.0)  # the same word
    assert al.links[1][0] == 2  # "rose" / "jumped", by vector


def test_a_british_spelling_meets_the_american_one() -> None:
    from factdiff.core.tokens import us_spelling

    a = _words("the Medical Centre/centre in London defended/defend its defence")
    b = _words("the Medical Center/center in Dallas defended/defend its defense")
    al = align_tokens(a, b)
    assert al.links[2][0] == 2 and al.links[7][0] == 7
    for british, american in [("centre", "center"), ("colour", "color"), ("labourer", "laborer"),
                              ("organised", "organized"), ("analyse", "analyze"),
                              ("offence", "offense"), ("catalogue", "catalog"),
                              ("travelled", "traveled")]:
        assert us_spelling(british) == american
        assert us_spelling(american) == american
    # short words and a vowel before the ending are no British spellings
    assert [us_spelling(w) for w in ("acre", "there", "four", "hour", "rise")] == [
        "acre", "there", "four", "hour", "rise"]


def test_a_word_linked_by_its_place_between_two_links_is_marked_so() -> None:
    a = _words("council sent bill")
    b = _words("council passed bill")
    al = align_tokens(a, b)
    assert al.links[1][0] == 1 and al.links[1][1] <= 0.8  # the one word in the gap
    assert al.gapped == frozenset({1})  # by its place, not its form
    assert align_tokens(a, _words("council sent bill")).gapped == frozenset()


def test_a_unit_of_measure_is_never_linked_by_its_vector() -> None:
    import numpy as np

    # "for 35 days" / "for three weeks": "days" and "weeks" read alike in (made-up)
    # vectors, but a unit is a value's own word: by its form only, as the figure is
    a = [Word(0, 0, 6, "unpaid", "unpaid", "ADJ"), Word(1, 7, 11, "days", "day", "NOUN")]
    b = [Word(0, 0, 6, "closed", "close", "VERB"), Word(1, 7, 12, "weeks", "week", "NOUN")]
    same = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    va = ([(0, 6), (7, 11)], same)
    vb = ([(0, 6), (7, 12)], same)
    al = align_tokens(a, b, a_vectors=va, b_vectors=vb)
    assert al.links[0] == (0, 1.0)  # "unpaid" / "closed" by vector
    assert 1 in al.gapped  # the units only by their place after that link, marked so
    # the same unit is still the same word
    c = [Word(0, 0, 6, "closed", "close", "VERB"), Word(1, 7, 11, "days", "day", "NOUN")]
    assert align_tokens(a, c).links[1] == (1, 1.0)


def _parse(spec: str):  # type: ignore[no-untyped-def]
    """A hand-built parse from "text/lemma/POS/dep/head" items (head: a token index)."""
    from factdiff.core.nlp import Parse, Token

    toks, at, words = [], 0, []
    for n, item in enumerate(spec.split()):
        text, lemma, pos, dep, head = item.split("/")
        toks.append(Token(n, at, at + len(text), text, lemma, pos, "", dep, int(head)))
        words.append(text)
        at += len(text) + 1
    return Parse(" ".join(words), tuple(toks))


def _context_links(a_spec: str, b_spec: str) -> list[tuple[str, str]]:
    from factdiff.core.facts.slots import _by_context
    from factdiff.core.facts.tokalign import words_of

    pa, pb = _parse(a_spec), _parse(b_spec)
    al = align_tokens(words_of(pa), words_of(pb))
    out = _by_context(al, pa, pb, None, None)
    return [(out.a[i].text, out.b[j].text) for i, (j, _) in sorted(out.links.items())
            if i not in al.links]


def test_two_verbs_with_their_subject_and_object_aligned_are_one_act() -> None:
    # "Citigroup quickly promoted Carter" / "Citigroup named Carter" (words only, no
    # vectors: "promoted" and "named" share no form, and two words of A's gap keep the
    # gap pass out): the subject and the object each verb governs are aligned in the
    # same roles, so the verbs are one act told two ways
    a = ("Citigroup/citigroup/PROPN/nsubj/2 quickly/quickly/ADV/advmod/2 "
         "promoted/promote/VERB/ROOT/2 Carter/carter/PROPN/dobj/2")
    b = ("Citigroup/citigroup/PROPN/nsubj/1 named/name/VERB/ROOT/1 "
         "Carter/carter/PROPN/dobj/1")
    assert _context_links(a, b) == [("promoted", "named")]


def test_one_aligned_neighbour_or_crossed_roles_make_no_context_link() -> None:
    # only the subject shared (a time word is no context): two acts of one actor ("the
    # council sent the bill today" / "the council rejected the budget today")
    a = ("council/council/NOUN/nsubj/2 soon/soon/ADV/advmod/2 sent/send/VERB/ROOT/2 "
         "bill/bill/NOUN/dobj/2 today/today/NOUN/npadvmod/2")
    b = ("council/council/NOUN/nsubj/1 rejected/reject/VERB/ROOT/1 "
         "budget/budget/NOUN/dobj/1 today/today/NOUN/npadvmod/1")
    assert _context_links(a, b) == []
    # the same two words, in swapped roles: "Tom Hale sued Bill Norton" / "Bill Norton
    # blamed Tom Hale" are no one act
    a = ("Hale/hale/PROPN/nsubj/2 then/then/ADV/advmod/2 sued/sue/VERB/ROOT/2 "
         "Norton/norton/PROPN/dobj/2")
    b = ("Norton/norton/PROPN/nsubj/1 blamed/blame/VERB/ROOT/1 Hale/hale/PROPN/dobj/1")
    assert _context_links(a, b) == []
