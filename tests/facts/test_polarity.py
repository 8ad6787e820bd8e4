"""The polarity check on parsed sentences: predicates in scope (crafted sentences)."""

from __future__ import annotations

import pytest
from builders import words_in_conflict

from factdiff.core import nlp
from factdiff.core.facts import compare_facts, extract_facts
from factdiff.core.facts.predicates import predicates
from factdiff.core.model import ConflictKind


def _negated(text: str) -> dict[str, bool]:
    """Each predicate's lemma and whether it is negated."""
    return {x.lemma: x.negated for x in predicates(nlp.parse(text))}


def _polarity(a: str, b: str) -> list[tuple[str, str]]:
    fa = extract_facts(a, parse=nlp.parse(a))
    fb = extract_facts(b, parse=nlp.parse(b))
    return words_in_conflict(compare_facts(fa, fb), ConflictKind.POLARITY)


@pytest.mark.model
@pytest.mark.parametrize(
    "open_question",
    [
        "Twitter has declined to say whether the congressman's account was hacked.",
        "Twitter will not say if the congressman's account was hacked.",
    ],
)
def test_a_clause_of_whether_or_if_says_neither(open_question: str) -> None:
    denied = "A spokesman said the congressman's account was not hacked."
    said = "Twitter said the congressman's account was hacked."
    hacked = [x for x in predicates(nlp.parse(open_question)) if x.lemma == "hack"]
    assert hacked and hacked[0].open and not hacked[0].asserted
    assert _polarity(open_question, denied) == []
    assert _polarity(denied, open_question) == []
    # asserted on both sides, one negated: a clash
    assert _polarity(said, denied) == [("hacked", "not hacked")]


@pytest.mark.model
def test_a_conjoined_predicate_inside_the_whether_clause_is_open_too() -> None:
    a = "Steele will announce whether he plans to step down or will seek a second term."
    b = "Steele is expected to announce that he will not seek a second term."
    seek = [x for x in predicates(nlp.parse(a)) if x.lemma == "seek"]
    assert seek and seek[0].open
    assert _polarity(a, b) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "manner",
    [
        "The special counsel did not directly dispute the report.",
        "The special counsel did not publicly dispute the report.",
    ],
)
def test_a_not_before_a_manner_adverb_denies_the_manner_not_the_event(manner: str) -> None:
    disputed = "The special counsel disputed the report on Friday."
    (x,) = [x for x in predicates(nlp.parse(manner)) if x.lemma == "dispute"]
    assert not x.negated
    assert _polarity(manner, disputed) == []
    # the plain denial is a clash
    assert _polarity("The special counsel did not dispute the report.", disputed) == [
        ("not dispute", "disputed")
    ]


@pytest.mark.model
def test_a_not_before_a_sentence_adverb_still_denies_the_event() -> None:
    text = "The seal will not ultimately be used on department materials."
    (x,) = [x for x in predicates(nlp.parse(text)) if x.lemma == "use"]
    assert x.negated


@pytest.mark.model
def test_the_main_predicates_of_two_matching_sentences_clash_when_one_is_denied() -> None:
    # the two verbs differ, so the alignment does not pair them; the rest matches
    a = "Wireless networking products will dominate the trade show in Las Vegas this week."
    b = "Wireless networking products will not be prevalent at the trade show in Las Vegas."
    assert _polarity(a, b) == [("dominate", "not be")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same denial, once with "not", once with a prefix
        (
            "The description of the statements by the special counsel's office is not accurate.",
            "The special counsel's office said the description of its statements was inaccurate.",
        ),
        # two denials, worded differently
        (
            "Tea Party groups say there is no racism within the movement.",
            "Poulter said he has seen no evidence of racism within the movement.",
        ),
    ],
)
def test_two_ways_of_saying_the_same_denial_do_not_clash(a: str, b: str) -> None:
    assert _polarity(a, b) == []


@pytest.mark.model
@pytest.mark.parametrize("denial", [
    "The congressman denied on Wednesday that he had sent the photo to a student.",
    "The congressman denied sending the photo to a student.",
])  # fmt: skip
@pytest.mark.parametrize("swap", [False, True])
def test_a_denial_agrees_with_a_plain_no(denial: str, swap: bool) -> None:
    no = "The congressman said he did not send the photo to a student."
    a, b = (no, denial) if swap else (denial, no)
    assert _polarity(a, b) == []
    (send,) = [x for x in predicates(nlp.parse(denial)) if x.lemma == "send"]
    assert send.denied and not send.negated  # one party's word, not a negation


@pytest.mark.model
def test_a_denial_is_not_turned_into_a_negation() -> None:
    # the office disputes what another outlet's source reported: both outlets agree
    disputed = "The special counsel's office denied that the president directed the lawyer."
    reported = "The site reported that the president directed the lawyer."
    assert _polarity(disputed, reported) == []
    # a plain no still clashes with a plain yes
    assert _polarity("The congressman did not send the photo.",
                     "The congressman sent the photo.") == [("not send", "sent")]


@pytest.mark.model
@pytest.mark.parametrize("swap", [False, True])
def test_two_parties_disagreeing_is_not_the_articles_disagreeing(swap: bool) -> None:
    both = ("Despite Mr. Hale's promises that the city will pay for the bridge, "
            "Mr. Okafor vowed in May that it would never happen.")
    one = "Okafor railed against Hale, promising that the city would never pay for the bridge."
    a, b = (one, both) if swap else (both, one)
    assert _polarity(a, b) == []  # Hale's promise against Okafor's vow: both report both


@pytest.mark.model
def test_two_names_of_one_source_still_disagree() -> None:
    a = "The SEC said its staff was preparing rules to combat trading abuses."
    b = ("The Securities and Exchange Commission said its staff was not preparing rules "
         "to combat trading abuses.")
    assert _polarity(a, b) == [("preparing", "not preparing")]


@pytest.mark.model
def test_a_negative_implicative_reaches_its_own_complement_only() -> None:
    text = "The group has avoided calling them out and demanding them to be responsible."
    got = _negated(text)
    assert got["call"] and got["demand"]  # it did not call them out, nor demand
    assert not got["be"]  # what it did not demand is not denied
    plain = "It is time for them to be responsible members of the community."
    assert _polarity(text, plain) == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "negated"), [
    ("None of his opponents picked him as a partner, nor was he asked the question.",
     {"pick": True, "ask": True}),
    ("He neither confirmed nor denied the report.", {"confirm": True, "deny": True}),
    ("His opponents picked him as a partner, and he was asked the question.",
     {"pick": False, "ask": False}),
])  # fmt: skip
def test_none_neither_and_nor_negate_their_verbs(text: str, negated: dict[str, bool]) -> None:
    got = _negated(text)
    assert {k: got[k] for k in negated} == negated


@pytest.mark.model
def test_nor_and_not_say_the_same() -> None:
    a = "None of his opponents picked him as a partner, nor was he asked that question."
    b = "None of his opponents picked him as a partner and he was not asked the question."
    assert _polarity(a, b) == []


@pytest.mark.model
def test_a_reporting_verb_in_the_passive_states_a_fact() -> None:
    a = "The dispute over music sales was disclosed in documents filed with the court."
    b = "The dispute over music sales was not disclosed in documents filed with the court."
    assert _polarity(a, b) == [("disclosed", "not disclosed")]
    # in the active voice a non-disclosure is no denial
    assert _polarity("The company did not disclose the price of the deal.",
                     "The company disclosed the terms of the deal.") == []


@pytest.mark.model
def test_a_light_verb_with_the_same_object_is_compared() -> None:
    a = "Firefighters had an advantage on the northern flank because of a firebreak."
    b = "Firefighters did not have an advantage on the northern flank because of a firebreak."
    assert _polarity(a, b) == [("had", "not have")]
    # nothing in common under the two "have"s: not compared
    c = "The crews did not have any water left by Tuesday night."
    assert _polarity("The crews had a long rest after the storm.", c) == []


@pytest.mark.model
def test_a_reporting_verb_with_a_thing_for_object_states_a_fact() -> None:
    a = "The island nation reported 65 new cases on May 22, a one-day record."
    b = "Taiwan did not report 65 new cases on May 22, a one-day record."
    assert _polarity(a, b) != []


@pytest.mark.model
def test_a_reporting_verb_with_a_statement_or_an_addressee_stays_exempt() -> None:
    a = "The ministry reported that 65 new cases were found on May 22."
    b = "The ministry did not report how many new cases were found on May 22."
    assert _polarity(a, b) == []
    a = "The ministry told reporters the cases were found on May 22."
    b = "The ministry did not tell reporters where the cases were found on May 22."
    assert _polarity(a, b) == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "negated"), [
    ("He said he wasn't going to pay for that wall.", {"pay": True}),
    ("He never bothered to respond to the letter.", {"respond": True}),
    ("He is going to pay for the wall.", {"pay": False}),
    ("He managed to respond to the letter.", {"respond": False}),
])  # fmt: skip
def test_a_negated_go_or_bother_negates_its_complement(text: str, negated: dict[str, bool]) -> None:
    got = _negated(text)
    assert {k: got[k] for k in negated} == negated


@pytest.mark.model
def test_not_going_to_pay_agrees_with_never_pay() -> None:
    a = "Fox said he wasn't going to pay for that wall, referring to his remarks last year."
    b = "Fox promised that Mexico would never pay for that wall."
    assert _polarity(a, b) == []


@pytest.mark.model
def test_a_verb_given_both_ways_in_one_sentence_agrees_with_either() -> None:
    from factdiff.core.facts.checks.polarity import _said_both_ways

    pa = nlp.parse("Officials said the president would not meet with the prime minister.")
    pb = nlp.parse(
        'The president said he will not meet with the prime minister, saying it would be '
        '"inappropriate" to meet with him two weeks before the vote.'
    )
    a, b = predicates(pa), predicates(pb)
    x = next(p for p in a if p.lemma == "meet")
    first, second = (p for p in b if p.lemma == "meet")
    assert x.negated and first.negated and not second.negated
    # paired with the second mention, the first agrees with A: no clash
    assert _said_both_ways(pb, second, x)
    po = nlp.parse("The president said he will meet with the prime minister.")
    one = predicates(po)
    y = next(p for p in one if p.lemma == "meet")
    assert not _said_both_ways(po, y, x) and not _said_both_ways(pa, x, y)


@pytest.mark.model
@pytest.mark.parametrize(("text", "negated"), [
    ('The lone "no" vote in the Senate was the minority leader.', {"be": False}),
    ("The no vote came from the minority leader.", {"come": False}),
    ("No senator voted against the bill.", {"vote": True}),
])  # fmt: skip
def test_no_beside_another_determiner_names_a_vote(text: str, negated: dict[str, bool]) -> None:
    got = _negated(text)
    assert {k: got[k] for k in negated} == negated


@pytest.mark.model
def test_a_speakers_denial_of_their_own_act_is_their_word_not_the_articles() -> None:
    denial = "The congressman said Wednesday he did not send the photo to a college student."
    narrative = "Last weekend, the photo was sent to a college student from his account."
    assert _polarity(denial, narrative) == []
    assert _polarity(narrative, denial) == []
    # the same speaker saying the opposite is still a clash
    said = "The congressman said Wednesday he sent the photo to a college student."
    assert _polarity(denial, said) == [("not send", "sent")]
    # someone else's act denied in the article's own words is still a clash
    plain = "The congressman did not send the photo to a college student."
    assert _polarity(plain, narrative) == [("not send", "sent")]
    # a quotation is the speaker's own words on both sides
    quote = '"We do not preserve the essential tools for competition," the chairman said.'
    assert _polarity("Today, we preserve the essential tools for competition.", quote) == [
        ("preserve", "not preserve")
    ]


@pytest.mark.model
def test_a_participle_modifying_a_noun_is_no_second_mention_of_the_verb() -> None:
    a = "Microsoft this week released a critical update to fix a bug in its new suite."
    b = "Microsoft has not released a critical update for its newly released office suite."
    assert _polarity(a, b) == [("released", "not released")]


@pytest.mark.model
def test_a_request_and_a_plan_of_opposite_polarity_do_not_clash() -> None:
    urged = "For weeks, council members urged the mayor not to declare a state of emergency."
    planned = "The leader said that the mayor planned to declare a state of emergency."
    assert _polarity(urged, planned) == []
    # the same hedge both ways is a clash
    not_planned = "The leader said that the mayor planned not to declare a state of emergency."
    assert _polarity(not_planned, planned) == [("not to declare", "declare")]
    got = {x.lemma: x.hedge for x in predicates(nlp.parse(urged))}
    assert got["declare"] == "urge"


@pytest.mark.model
def test_only_restricting_the_positive_side_to_something_else_is_no_clash() -> None:
    a = ("Charters cannot be overridden by the mayor's action: they can be changed or "
         "undone only by large majorities in the council or the courts.")
    b = "The city charter cannot be changed by the mayor's order, the professor said."
    assert _polarity(a, b) == []
    # restricted to the very thing the other denies: a clash
    c = "These frogs are found only in the Seychelles in the Indian Ocean."
    d = "These frogs are not found in the Seychelles in the Indian Ocean."
    assert _polarity(c, d) == [("found", "not found")]


@pytest.mark.model
def test_a_not_before_the_clauses_conjunction_is_not_its_verbs() -> None:
    text = "A compromise can be reached, but not while the president continues to keep it shut."
    got = _negated(text)
    assert got["continue"] is False
    plain = "A compromise can be reached while the president does not continue to keep it shut."
    assert _negated(plain)["continue"] is True


@pytest.mark.model
def test_a_refusal_or_failure_to_act_negates_the_act() -> None:
    a = "The dispute stemmed from the cardinal's initial refusal to participate in the survey."
    b = "The dispute began when the cardinal initially refused to participate in the survey."
    got = _negated(a)
    assert got["participate"] is True
    assert _polarity(a, b) == []


@pytest.mark.model
def test_not_adequately_agrees_with_not() -> None:
    a = "The court said that drug makers did not adequately show why the plan should be stopped."
    b = "The judge said that the drug makers had not shown why the plan should be stopped."
    assert _polarity(a, b) == []
    c = "The judge said that the drug makers had shown why the plan should be stopped."
    assert _polarity(b, c) == [("not shown", "shown")]


@pytest.mark.model
@pytest.mark.parametrize(("a", "b"), [
    ("No data exists to indicate that the stations pose a safety concern.",
     "The spokeswoman said no data indicate that the stations pose safety problems."),
    ("In the town, residents had nothing but praise for the soldier.",
     "In the town, residents had effusive praise for the soldier."),
    ("The number is not known, since ferry operators rarely keep full passenger lists.",
     "The number is not known because ferry operators do not keep accurate passenger lists."),
])  # fmt: skip
def test_two_ways_of_saying_no_do_not_clash(a: str, b: str) -> None:
    assert _polarity(a, b) == []


@pytest.mark.model
@pytest.mark.parametrize("until", [
    "Republicans said they will not vote on the plan until the budget office scores it.",
    "Republicans said they would not vote on the plan till Friday.",
])  # fmt: skip
def test_a_not_with_until_says_when_not_that_it_never_happens(until: str) -> None:
    vote = "With the plan scored, we can vote on the plan that both sides support."
    assert _polarity(until, vote) == []
    assert _polarity(vote, until) == []
    # without "until" the same "not" is a clash
    never = "Republicans said they will not vote on the plan."
    assert _polarity(never, "Republicans said they will vote on the plan.") != []


@pytest.mark.model
def test_none_of_inside_the_subject_negates_its_verb_where_the_parse_hangs_it() -> None:
    # the parse makes "none" the subject of "nominated", inside the subject phrase
    text = ("Officials said that last year none of about two dozen nominated Ruritanian "
            "singers received visas in time to attend the festival.")
    assert _negated(text)["receive"]
    assert not _negated("Officials said two dozen nominated singers received visas.")["receive"]


@pytest.mark.model
def test_a_not_over_a_span_from_until_says_it_was_not_so_then() -> None:
    # "from 1995 until 1999" is how long, not when it started: the "not" denies the post
    a = "Mr. Vance was the finance chief from 1995 until his departure in 1999."
    b = "Mr. Vance was not the chief financial officer from 1995 until his departure."
    assert _polarity(a, b) == [("was", "was not")]


@pytest.mark.model
def test_a_light_verb_whose_complement_verbs_align_is_one_fact() -> None:
    # "have to dig" / "do not have to dig": what one has to do is the same, so the "have"s
    # pair (a bare "have" against another pairs only with the same object)
    a = "You have to dig deep against teams who are out there."
    b = "You do not have to dig deep against teams that are out there."
    assert _polarity(a, b) == [("have", "not have")]


@pytest.mark.model
def test_a_not_the_parse_hangs_on_the_auxiliary_negates_the_verb() -> None:
    # the parse makes "not" a child of "is" in "is not also charged"
    a = "Varga, 33, a salesman, is also charged with the bombings across the region."
    b = "Varga, 33, a salesman, is not also charged with a series of bombings across the region."
    assert _polarity(a, b) == [("charged", "not also charged")]


@pytest.mark.model
def test_a_light_verb_whose_complement_clauses_align_is_one_fact() -> None:
    a = "It appears that the server was cracked using a known exploit by a local user."
    b = "It does not appear that the server was cracked using a known exploit by a local user."
    assert _polarity(a, b) == [("appears", "not appear")]


@pytest.mark.model
def test_a_report_of_the_same_words_confirmed_and_not_confirmed_is_a_clash() -> None:
    a = "Police spokesman Gen. Tomas Vell confirmed Saturday that another two had been arrested."
    b = "Gen. Tomas Vell, a police spokesman, did not confirm that another two had been arrested."
    assert _polarity(a, b) == [("confirmed", "not confirm")]
    # a report with nothing in common, or a question, is still no denial of the fact
    said = "He said the plan would go ahead."
    assert _polarity(said, "He did not say whether the plan would go ahead.") == []
    assert _polarity(said, "He did not say anything.") == []


@pytest.mark.model
def test_did_so_against_did_not_do_so() -> None:
    # "did" of A aligns to the auxiliary "did" of B: the verb it helps is the counterpart,
    # and "so" is what was done on both sides
    a = '"The board did so and accepted that resignation," said Hale, who chaired the meeting.'
    b = '"The board did not do so, and accepted that resignation," said the chairman, Tom Hale.'
    assert _polarity(a, b) == [("did", "not do")]


@pytest.mark.model
def test_a_light_verb_with_the_same_gerund_object_is_one_fact() -> None:
    # "adds to growing pressure": the preposition takes a clause ("growing ..."), not a noun
    a = "Envoys say Japan adds to growing international pressure by saying it will halt its aid."
    b = "JAPAN did not add to growing international pressure on Ruritania yesterday."
    assert _polarity(a, b) == [("adds", "not add")]


@pytest.mark.model
def test_two_ways_of_saying_what_is_to_happen_are_one_modality() -> None:
    will_not = "From Saturday, every infected computer will not start flooding the service."
    expected = "From Saturday, every infected computer is expected to start flooding the service."
    assert _polarity(expected, will_not) == [("start", "not start")]
    # a hope is no forecast: "hopes to start" / "will not start" are a wish and a plan
    hopes = "From Saturday, the company hopes to start flooding the update service."
    wont = "From Saturday, the company will not start flooding the update service."
    assert _polarity(hopes, wont) == []


@pytest.mark.model
@pytest.mark.parametrize(("a", "b", "clash"), [
    # one thing moving both ways: a clash
    ("By noon the Nasdaq composite index rose 2 points to 1,612.",
     "By noon the Nasdaq composite index fell 10 points to 1,601.", True),
    # two things moving: the heads of the subjects differ, or a name in A's is not in B's
    ("The company's operating loss rose 59 percent from a year earlier.",
     "Operating revenue fell 4.5 percent from a year earlier.", False),
    ("Shares of Contoso rose more than 2 percent in early trade.",
     "Shares of Fabrikam fell 16 percent in early trade.", False),
    # a verb with a particle is another verb: "closed in on" closes nothing
    ("The shutdown of the government was opened to talks on Wednesday.",
     "The shutdown of the government closed in on the two-week mark on Wednesday.", False),
    ("The shutdown of the government was opened to talks on Wednesday.",
     "The shutdown of the government was closed to talks on Wednesday.", True),
])  # fmt: skip
def test_opposite_verbs_clash_only_about_one_subject(a: str, b: str, clash: bool) -> None:
    assert (_polarity(a, b) != []) is clash


@pytest.mark.model
def test_a_participle_after_a_noun_describes_it() -> None:
    # "a camp organised by the diocese" is no report that the diocese organised one
    a = "I never organised a youth camp for the diocese of Millbrook."
    b = "I never attended a youth camp organised by that diocese."
    assert _polarity(a, b) == []


@pytest.mark.model
def test_a_direct_question_asserts_nothing() -> None:
    a = 'She said she told the actress, "Your mother died of breast cancer.'
    b = 'Vell replied, "Didn\'t your mother die of breast cancer?'
    assert _polarity(a, b) == []


@pytest.mark.model
def test_two_names_in_the_same_gap_are_not_one_subject() -> None:
    # the alignment pairs "Contoso" with "Fabrikam" by their place (a gap between anchors):
    # a match of place, not of name
    rose = "Contoso rose 5 percent in early trade."
    assert _polarity(rose, "Fabrikam fell 5 percent in early trade.") == []
    assert _polarity(rose, "Contoso fell 5 percent in early trade.") != []


@pytest.mark.model
def test_what_two_different_sources_report_is_their_word_not_the_articles() -> None:
    a = ("Senior officials have stated that the agency does not collect records on millions "
         "of people.")
    b = ("A newspaper report that revealed how the agency was collecting phone records from "
         "millions set off a fierce debate in Congress this week.")
    assert _polarity(a, b) == []
    # one source's words told both ways are a disagreement
    assert _polarity(a, "Senior officials have stated that the agency collects records on "
                        "millions of people.") == [("not collect", "collects")]


@pytest.mark.model
def test_a_quoted_denial_against_the_other_articles_own_account_is_the_speakers_word() -> None:
    a = ("“The court has never ruled on whether the rule applies to visitors,” Senator Tom "
         "Hale told reporters on Tuesday.")
    b = "The court ruled in 1898 that a child born in the country was a citizen."
    assert _polarity(a, b) == []
    # one statement told both ways, quoted in one and told as the account in the other:
    # a disagreement
    assert _polarity("“The state court has never ruled on the new voting case,” Hale said.",
                     "The state court has ruled on the new voting case.") == [
        ("never ruled", "ruled")]


def test_a_consequence_of_a_condition_is_not_the_plain_statement() -> None:
    # "could issue ... if ..." holds only on its condition: against a plain "could not be
    # issued" it is no contradiction, either way round
    a = "The permits could not be issued without some support from the county board."
    b = "Bill Norton said the county board could issue more permits if the builders pay."
    assert _polarity(a, b) == [] and _polarity(b, a) == []
    # both conditional, one denied: still a disagreement
    c = "Bill Norton said the county board could not issue more permits if the builders pay."
    assert _polarity(b, c) == [("issue", "not issue")]


@pytest.mark.model
def test_a_participle_hung_on_a_noun_is_no_opposite_outcome() -> None:
    # "passed by the House" tells the bill's past; the sentence's outcome is "fell short"
    a = "Two competing measures to reopen the county offices failed on the council floor."
    b = "A second measure, already passed by the county board, also fell short."
    assert _polarity(a, b) == []
    # the same verb as the outcome is one
    c = "A second measure to reopen the county offices passed on the council floor."
    assert _polarity(a, c) == [("failed", "passed")]


@pytest.mark.model
def test_a_copula_the_alignment_leaves_is_paired_through_its_complement() -> None:
    # the inserted "not" breaks the step the alignment links a function word in
    a = "Helen Carter is the first December winner of the prize since the jury began in 1987."
    b = "She is not the first winner of the prize in December."
    assert _polarity(a, b) == [("is", "is not")]
    assert _polarity(b, a) == [("is not", "is")]


@pytest.mark.model
def test_two_complements_qualified_apart_say_different_things() -> None:
    a = "Helen Carter is the second December winner of the prize since the jury began in 1987."
    b = "She is not the first winner of the prize in December."
    assert _polarity(a, b) == []
    a = a.replace("second", "first")
    assert _polarity(a, b) == [("is", "is not")]


@pytest.mark.model
def test_a_copula_is_not_paired_through_a_word_deep_in_the_other_complement() -> None:
    a = "Tom Hale is the new head of the city council since May."
    b = "It is not a matter for the head of the city council."
    assert _polarity(a, b) == []


@pytest.mark.model
def test_a_denied_restriction_is_no_denial_of_the_predicate() -> None:
    assert _polarity("The shop sold shoes.", "The shop did not sell only shoes.") == []
    assert _polarity("The shop sold only shoes.", "The shop did not sell only shoes.") == [
        ("sold", "not sell")
    ]
    assert _polarity(
        "Most buyers are interested only in the best assets.",
        "Other buyers are not interested in acquiring only the music business.",
    ) == []
    assert _polarity("The shop sold shoes.", "The shop did not sell shoes.") == [
        ("sold", "not sell")
    ]
    # an "only" of the subject restricts the denial itself
    assert _polarity(
        "Only four companies have licensed the protocols.",
        "Only four companies have not licensed the protocols.",
    ) == [("licensed", "not licensed")]


@pytest.mark.model
def test_what_a_copula_says_can_be_restricted_by_only() -> None:
    assert _polarity(
        "The drug is available only by prescription.",
        "The drug is not available over the counter.",
    ) == []
    assert _polarity(
        "The drug is available by prescription.", "The drug is not available by prescription."
    ) == [("is", "is not")]


@pytest.mark.model
def test_a_restriction_sharing_one_word_is_another_restriction() -> None:
    assert _polarity(
        "The committee is interested only in the deleted emails about the attack.",
        "The committee is not interested in emails about private matters.",
    ) == []
    assert _polarity(
        "The committee is interested only in the deleted emails about the attack.",
        "The committee is not interested in the deleted emails about the attack.",
    ) == [("is", "is not")]


@pytest.mark.model
def test_the_same_restriction_denied_still_clashes() -> None:
    assert _polarity(
        "The flood was the only break in the growth of the town.",
        "The flood was not the only break in the growth of the town.",
    ) == [("was", "was not")]
