"""The date check: roles of dates (crafted sentences)."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import words_in_conflict

from factdiff.core import nlp
from factdiff.core.facts import compare_facts, compare_sentences, extract_facts
from factdiff.core.model import ConflictKind

MON = dt.date(2012, 12, 10)


def _dates(result) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return words_in_conflict(result, ConflictKind.DATE)


def test_a_relative_day_inside_a_quotation_is_not_resolved_against_publication() -> None:
    a = "The two leaders met at the White House on Sunday."
    quoted = '"This afternoon, the two leaders met at the White House," the statement said.'
    plain = "This afternoon, the two leaders met at the White House, the statement said."
    # said on Sunday, printed on Monday: "this afternoon" is the speaker's day
    assert _dates(compare_sentences(a, quoted, a_date=MON, b_date=MON)) == []
    # the reporter's own words are relative to the article's date: Monday is not Sunday
    assert _dates(compare_sentences(a, plain, a_date=MON, b_date=MON)) == [
        ("on Sunday", "This afternoon")
    ]


def test_a_named_day_inside_a_quotation_still_counts() -> None:
    a = "The two leaders met at the White House on Sunday."
    b = '"On Saturday, the two leaders met at the White House," the statement said.'
    assert _dates(compare_sentences(a, b, a_date=MON, b_date=MON)) == [("on Sunday", "Saturday")]


def _parsed(text: str, day: dt.date | None):  # type: ignore[no-untyped-def]
    return extract_facts(text, published=day, parse=nlp.parse(text))


def _parsed_dates(a: str, b: str, day: dt.date | None) -> list[tuple[str, str]]:
    """The date conflicts of two parsed sentences, both printed on ``day``."""
    return _dates(compare_facts(_parsed(a, day), _parsed(b, day)))


@pytest.mark.model
@pytest.mark.parametrize("swap", [False, True])
def test_a_bare_day_and_on_day_date_the_same_verb(swap: bool) -> None:
    a = "Intel unveiled Wednesday its new processor for mobile phones."
    b = "Intel on Friday unveiled its new processor for mobile phones."
    a, b = (b, a) if swap else (a, b)
    day = dt.date(2003, 9, 12)
    got = _parsed_dates(a, b, day)
    assert got == ([("on Friday", "Wednesday")] if swap else [("Wednesday", "on Friday")])


@pytest.mark.model
@pytest.mark.parametrize("swap", [False, True])
def test_the_day_of_a_statement_and_of_the_same_verb_as_an_event_are_one_slot(
    swap: bool,
) -> None:
    # "announced on Friday that ..." dates a statement; "It was announced on Sunday that"
    # reads as an event. One verb, aligned, is one act: its two days differ.
    a = "Helen Carter announced on Friday that she would leave the Senate in June."
    b = "It was announced on Sunday that Helen Carter would leave the Senate in June."
    a, b = (b, a) if swap else (a, b)
    got = _parsed_dates(a, b, None)
    assert got == ([("on Sunday", "on Friday")] if swap else [("on Friday", "on Sunday")])


@pytest.mark.model
def test_the_day_of_a_statement_and_of_another_verb_stay_details() -> None:
    a = "Helen Carter announced on Friday that she would leave the Senate in June."
    b = "Helen Carter was elected on Sunday and would leave the Senate in June."
    assert _parsed_dates(a, b, None) == []


@pytest.mark.model
def test_days_of_two_different_verbs_are_details() -> None:
    a = "Intel unveiled its new processor on Wednesday."
    b = "Intel unveiled its new processor, which will ship on Friday."
    day = dt.date(2003, 9, 12)
    assert _parsed_dates(a, b, day) == []


@pytest.mark.model
def test_a_day_on_a_verb_in_the_present_may_be_the_day_planned() -> None:
    # "face trial" says neither done nor planned; "are scheduled to go on trial" is to come:
    # one trial, two months. Against guards reported as convicted, the days stay two events.
    # (Undated, as the sentence pairs of a paraphrase corpus: a dated article would also
    # resolve each month to a year by the tense.)
    day = None
    a = (
        "Two clerks were fired for taking bribes, and four guards face trial in Millbrook"
        " in December over a May breakout."
    )
    b = (
        "Two clerks were fired for taking bribes, and four guards are scheduled to go on"
        " trial in Millbrook in July for a breakout in May."
    )
    held = (
        "Two clerks were fired for taking bribes, and four guards were convicted in"
        " Millbrook in December over a May breakout."
    )
    assert _parsed_dates(a, b, day) == [("in December", "in July")]
    assert _parsed_dates(held, b, day) == []


@pytest.mark.model
def test_the_only_days_of_two_matching_sentences_are_one_slot() -> None:
    day = dt.date(2003, 9, 12)
    a = "Shares in Juniper Networks jumped on Monday after its sales deal with Lucent."
    b = "The stock of Juniper Networks rose Tuesday after the sales deal with Lucent."
    got = _parsed_dates(a, b, day)
    assert got == [("on Monday", "Tuesday")]


@pytest.mark.model
def test_the_only_days_of_two_different_sentences_stay_details() -> None:
    day = dt.date(2003, 9, 12)
    a = "Shares in Juniper Networks jumped on Monday after its sales deal with Lucent."
    b = "Lucent said on Tuesday that its chief executive would retire next year."
    assert _parsed_dates(a, b, day) == []


@pytest.mark.model
@pytest.mark.parametrize("swap", [False, True])
def test_the_day_of_a_subordinate_clause_dates_that_clause(swap: bool) -> None:
    day = dt.date(2013, 2, 20)
    a = "After winning re-election in November, he resigned, citing his health."
    b = "Sandra Jackson was an alderman before she resigned last month."
    fa, fb = _parsed(a, day), _parsed(b, day)
    assert _dates(compare_facts(fb, fa) if swap else compare_facts(fa, fb)) == []
    # November is the election's month; moved onto "resigned", one event, two months
    c = "After winning re-election, he resigned last November, citing his health."
    fc = _parsed(c, day)
    got = compare_facts(fb, fc) if swap else compare_facts(fc, fb)
    want = ("last November", "last month")
    assert _dates(got) == [want[::-1] if swap else want]


@pytest.mark.model
def test_the_day_of_a_conjoined_verb_or_a_complement_still_dates_the_event() -> None:
    day = dt.date(2003, 10, 1)
    pairs = [
        ("Dotson was arrested and charged on July 21 in Waco.",
         "Dotson was arrested September 21 in Waco.", ("on July 21", "September 21")),
        ("His truck was found abandoned June 25 in a parking lot.",
         "His truck was found November 25 in a parking lot.", ("June 25", "November 25")),
    ]  # fmt: skip
    for a, b, want in pairs:
        assert _parsed_dates(a, b, day) == [want], a


@pytest.mark.parametrize("swap", [False, True])
def test_a_day_after_the_other_article_was_printed_is_another_occurrence(swap: bool) -> None:
    sun, thu = dt.date(2012, 12, 9), dt.date(2012, 12, 13)
    a, da = "The president and the speaker met privately at the White House on Sunday.", sun
    b, db = "The president and the speaker met at the White House on Thursday evening.", thu
    if swap:
        (a, da), (b, db) = (b, db), (a, da)
    # printed on Sunday, the first article cannot be reporting Thursday's meeting
    assert _dates(compare_sentences(a, b, a_date=da, b_date=db)) == []
    # both printed after both days: one meeting, two days
    got = _dates(compare_sentences(a, b, a_date=thu, b_date=thu))
    assert len(got) == 1


def test_a_day_still_to_come_may_be_the_day_the_other_reports() -> None:
    wed, sat = dt.date(2023, 2, 15), dt.date(2023, 2, 18)
    a = "The two ministers will meet this Friday in Munich."
    b = "The two ministers met on Saturday in Munich."
    got = _dates(compare_sentences(a, b, a_date=wed, b_date=sat))
    assert got == [("this Friday", "on Saturday")]


def test_a_weekend_runs_from_friday() -> None:
    wed = dt.date(2011, 6, 1)
    a = "The offending photo was sent out from his account late Friday."
    b = "Last weekend, the offending photo was sent out from his account."
    assert _dates(compare_sentences(a, b, a_date=wed, b_date=wed)) == []
    c = "The offending photo was sent out from his account on Thursday."
    got = _dates(compare_sentences(c, b, a_date=wed, b_date=wed))
    assert got == [("on Thursday", "Last weekend")]


@pytest.mark.model
def test_a_day_in_the_same_gap_of_the_alignment_is_one_slot_beside_other_days() -> None:
    # "were rejected" / "pulled out" do not align, and A gives another day
    a = (
        "Truss, who flew to Riyadh on August 14, said the Government did not know the real"
        " reason the sheep were rejected on August 21."
    )
    b = (
        "He said the Government did not know the real reason the original buyer pulled out"
        " on September 21."
    )
    day = dt.date(2003, 10, 1)
    got = _parsed_dates(a, b, day)
    assert got == [("on August 21", "on September 21")]


@pytest.mark.model
def test_a_day_against_a_week_is_a_less_sure_conflict_than_two_days() -> None:
    day = dt.date(2014, 2, 26)  # a Wednesday: "Monday" is the 24th, "last week" 17-23

    def conf(b: str) -> float:
        a = "The Arizona Legislature passed the bill on Monday."
        res = compare_facts(_parsed(a, day), _parsed(b, day))
        (c,) = [c for c in res.conflicts if c.kind is ConflictKind.DATE]
        return c.confidence

    week = conf("The Arizona Legislature passed the bill last week.")
    thursday = conf("The Arizona Legislature passed the bill on Thursday.")
    assert week < thursday


@pytest.mark.model
def test_the_days_two_different_speakers_spoke_are_two_statements() -> None:
    a = (
        "Intelligence committee chairman Sen. Richard Burr said Tuesday that the panel sent "
        "a letter to the lawyer of Mr. Flynn."
    )
    other = (
        "Mr. Flynn's lawyer said on Monday that Flynn would not comply with subpoenas from "
        "the Senate intelligence committee."
    )
    same = (
        "Sen. Richard Burr said on Monday that the committee had sent a letter to Flynn's "
        "lawyer."
    )

    def dates(x: str, y: str) -> list[tuple[str, str]]:
        return _parsed_dates(x, y, None)

    assert dates(a, other) == []
    assert dates(a, same) == [("Tuesday", "on Monday")]


@pytest.mark.parametrize(("text", "dates"), [
    ("Stocks passed 9,000 for the first time since May.", ["since May"]),
    ("Shares remain below their level before the May overstatement.", ["before the May"]),
    ("The deal may close by May.", ["by May"]),
    ("Officials may meet again soon.", []),
    ("Theresa May spoke to reporters.", []),
])  # fmt: skip
def test_may_alone_is_the_month_after_a_word_that_takes_one(text: str, dates: list[str]) -> None:
    assert [d.text for d in extract_facts(text).dates] == dates


def test_a_span_of_years_holds_each_of_its_years() -> None:
    span = "From 1976 to 1980, six percent of children aged six to 18 were overweight."
    inside = "In 1980, six percent of children aged six to 18 were overweight."
    outside = "In 1970, six percent of children aged six to 18 were overweight."
    assert _dates(compare_sentences(inside, span)) == []
    assert _dates(compare_sentences(outside, span)) == [("1970", "From 1976 to 1980")]


def test_about_an_hour_is_half_an_hour_either_way() -> None:
    a = "At about 3 p.m. on Friday, a relative of the man called police to report the death."
    near = "At 3:22 p.m. on Friday, a relative of the man called police to report the death."
    far = "At 4:10 p.m. on Friday, a relative of the man called police to report the death."
    assert _dates(compare_sentences(a, near)) == []
    assert _dates(compare_sentences(a, far)) == [("about 3 p.m.", "At 4:10 p.m.")]


def test_by_the_end_of_a_month_is_a_deadline_like_by_late_month() -> None:  # no parse
    (d,) = extract_facts("The council hopes to pass the budget by the end of September.").dates
    assert (d.text, d.role, d.month) == ("by the end of September", "until", 9)
    (s,) = extract_facts("Prices have risen since the start of March.").dates
    assert (s.text, s.role) == ("since the start of March", "since")


@pytest.mark.model
def test_a_deadline_at_the_end_of_a_month_against_another_month() -> None:
    a = "The mayor hoped the council would finish work on the budget by the end of September."
    b = "The mayor hoped the council would finish work on the budget by late October."
    got = _parsed_dates(a, b, None)
    assert got == [("by the end of September", "by late October")]


@pytest.mark.model
def test_a_briefing_in_a_sentence_that_reports_no_words_dates_an_event() -> None:
    # the data were sent in late July: not the day someone spoke, so it meets B's day
    a = (
        "The decision to change the rules was prompted by data sent to Ottawa by the agency"
        " in a private briefing in late July."
    )
    b = (
        "The board's decision to change the rules was prompted by new data sent to Ottawa"
        " by the agency in late May."
    )
    assert [d.role for d in _parsed(a, None).dates] == ["point"]
    assert _parsed_dates(a, b, None) == [
        ("in late July", "in late May")
    ]
    # where the sentence reports words, the briefing's day is the day they were said
    said = "The minister said at a briefing on Tuesday that the data were sent in late July."
    assert [d.role for d in _parsed(said, None).dates] == ["report", "point"]


@pytest.mark.model
def test_a_month_against_a_day_of_another_named_month() -> None:
    a = "A senior member of the group testified in June that Varga had approved them."
    b = "A senior member of the group testified on October 26 that Varga had approved them."
    got = _parsed_dates(a, b, None)
    assert got == [("in June", "on October 26")]
    # a month given relatively against a day may hold that day
    day = dt.date(2012, 12, 10)
    c = "A senior member of the group testified earlier this month that Varga approved them."
    d = "A senior member of the group testified on Friday that Varga approved them."
    assert _parsed_dates(c, d, day) == []


@pytest.mark.model
def test_the_only_days_are_counted_at_their_own_precision() -> None:
    # "last year's standoff" is a year, not a second day beside "Friday"
    a = (
        "Minister Ana Ruiz named the rebel leader blamed for last year's siege of a hotel in"
        " the capital as a threat to national security Friday."
    )
    b = (
        "Minister Ana Ruiz on Tuesday named rebel leader Tomas Vell a threat to the security"
        " of the country and to its citizens."
    )
    got = _parsed_dates(a, b, None)
    assert got == [("Friday", "on Tuesday")]


@pytest.mark.model
def test_an_until_day_of_a_negated_verb_is_the_day_it_happens() -> None:
    def roles(text: str) -> list[tuple[str, str]]:
        return [(d.text, d.role) for d in _parsed(text, None).dates]

    assert roles("The state's primary isn't until March 9, after 28 other states.") == [
        ("until March 9", "point")
    ]
    assert roles("The office stays open until Friday.") == [("until Friday", "until")]


@pytest.mark.model
def test_not_until_a_day_against_the_day_itself() -> None:
    a = "The state's primary isn't until March 9, following 28 other states."
    b = "The state's primary will be January 9, after 28 states' primaries or caucuses."
    got = _parsed_dates(a, b, None)
    assert got == [("until March 9", "January 9")]


@pytest.mark.model
def test_a_speech_still_to_come_dates_an_event_not_words_said() -> None:
    def roles(text: str) -> list[tuple[str, str]]:
        return [(d.text, d.role) for d in _parsed(text, None).dates]

    # "is to announce", "will announce": no words said yet, so the speech's day is an event's
    assert roles("Ortega is to formally announce the plan in a speech Sunday in Leeds.") == [
        ("Sunday", "point")
    ]
    assert roles(
        "Ortega will announce the plan at a news conference on Monday, officials said."
    ) == [("on Monday", "point")]
    # words already said: the day they were said
    assert roles("Ortega announced the plan in a speech Sunday in Leeds.") == [
        ("Sunday", "report")
    ]
    a = "Ortega said he would formally announce the new party on Wednesday in Leeds."
    b = "Ortega is to formally announce the party in a speech Sunday in Leeds."
    got = _parsed_dates(a, b, None)
    assert got == [("on Wednesday", "Sunday")]


@pytest.mark.model
def test_a_date_inside_the_noun_after_a_preposition_names_that_nouns_day() -> None:
    def roles(text: str) -> list[tuple[str, str]]:
        return [(d.text, d.role) for d in _parsed(text, None).dates]

    # "since" governs the attacks, "after" opens a clause: the date is a point
    assert roles("Much has changed since the March 4 2009 floods.") == [
        ("since the March 4 2009", "point")
    ]
    assert roles("The pound fell after October retail sales figures came in weak.") == [
        ("after October", "point")
    ]
    # the preposition governs the date itself: its role stays
    assert roles("Much has changed since March 4, 2009.") == [("since March 4, 2009", "since")]
    assert roles("The council hopes to pass the budget by the end of September.") == [
        ("by the end of September", "until")
    ]
    a = "Analysts say much has changed since the March 4 2009 floods in the valley."
    b = "Analysts say much has changed since the floods in the valley of May 4 2009."
    got = _parsed_dates(a, b, None)
    assert got == [("since the March 4 2009", "of May 4 2009")]


@pytest.mark.model
def test_may_before_a_noun_is_the_month_where_the_parse_says_so() -> None:
    def dates(text: str) -> list[str]:
        return [d.text for d in _parsed(text, None).dates]

    assert dates("But May sales were revised to a 1.2 percent increase.") == ["May"]
    assert dates("The May figures were weak, Theresa May said.") == ["May"]
    assert dates("May prices rise again?") == []
    a = "But August sales were revised to a 1.2 percent increase from a 0.6 percent gain."
    b = "But May sales were revised to a 1.2 percent increase from a 0.6 percent gain."
    assert _parsed_dates(a, b, None) == [("August", "May")]


@pytest.mark.model
def test_the_days_on_the_main_verbs_of_two_sentences_are_one_slot() -> None:
    # "jumped" / "rose" are not aligned firmly and less than half the rest is worded alike,
    # but each sentence gives one day, on its main verb: the day of the one move
    a = (
        "Shares in Contoso jumped more than 10 percent on Monday after the software maker"
        " signed a sales and marketing deal with Fabrikam."
    )
    b = (
        "The stock of Contoso Inc. rose sharply Tuesday after the Redmond-based software"
        " maker announced a distribution deal with Fabrikam Corp."
    )
    assert _parsed_dates(a, b, None) == [("on Monday", "Tuesday")]
    # a day on a verb below the main one is another event's ("the deal it signed on Monday")
    c = (
        "Shares in Contoso jumped more than 10 percent after the software maker signed a"
        " sales deal with Fabrikam on Monday."
    )
    assert _parsed_dates(c, b, None) == []


@pytest.mark.model
def test_a_day_that_names_a_thing_the_other_side_leaves_undated_is_another_day() -> None:
    # "the Sept. 11 attacks" / "voted Wednesday ... in the attacks": the day of the
    # attacks and the day of the vote
    day = dt.date(2016, 9, 29)
    a = (
        "The Senate voted to override the veto of a bill letting families of those killed"
        " in the Sept. 11 attacks sue the kingdom."
    )
    b = (
        "The Senate voted Wednesday to override the veto of a bill letting families sue"
        " the kingdom for its role in the attacks."
    )
    assert _parsed_dates(a, b, day) == []
    # the day of the thing against a day hung on the same thing: one slot
    c = a.replace("Sept. 11", "Sept. 12")
    assert _parsed_dates(a, c, day) == [
        ("in the Sept. 11", "in the Sept. 12")
    ]


@pytest.mark.model
def test_the_time_set_for_an_event_and_the_time_it_happened_are_two_moments() -> None:
    day = dt.date(2015, 6, 30)
    a = "He will make the announcement at 11am at the high school in his hometown."
    b = "He made the announcement in the afternoon at the high school in his hometown."
    assert _parsed_dates(a, b, day) == []
    # two reports of the one moment that differ: a conflict
    c = "He made the announcement at 11am at the high school in his hometown."
    assert _parsed_dates(c, b, day) == [("at 11am", "afternoon")]


def test_a_time_word_inside_another_word_is_no_time() -> None:
    text = "He made the announcement in the afternoon; he said that 5 p.m. was late."
    got = sorted((d.text, d.minutes) for d in extract_facts(text).dates)
    assert got == [("5 p.m.", (1020, 1020)), ("afternoon", (720, 1080))]


@pytest.mark.model
def test_verbs_aligned_only_by_their_place_between_links_are_not_one_event() -> None:
    # "sent the budget bill" / "passed the budget bill": the verbs sit in the same gap
    # between "the council" and "the budget bill", yet name two acts
    day = dt.date(2014, 2, 26)
    a = (
        "As the council sent the budget bill to the mayor on Monday, protesters gathered"
        " outside city hall to demand a veto."
    )
    b = "The council passed the budget bill on Friday, allowing new taxes on hotels."
    assert _parsed_dates(a, b, day) == []
    # the same verb: one act, two days
    c = a.replace("sent", "passed")
    assert _parsed_dates(c, b, day) == [("on Monday", "on Friday")]


@pytest.mark.model
@pytest.mark.parametrize("swap", [False, True])
def test_a_day_with_a_when_clause_dates_that_clause(swap: bool) -> None:
    # "since May 1, when Hale signed the order": May 1 is the day of the signing, which
    # the other side dates on its own verb
    a = "Ten clinics have closed since May 1, when Governor Tom Hale signed the order."
    b = "Ten clinics have closed since Governor Tom Hale signed the order on August 1."
    a, b = (b, a) if swap else (a, b)
    got = _parsed_dates(a, b, None)
    want = [("since May 1", "on August 1")]
    assert got == ([(y, x) for x, y in want] if swap else want)
    # the clause's verb not the other's: two events, each with its day
    c = "Ten clinics have closed since Governor Tom Hale was elected on August 1."
    assert _parsed_dates(a if not swap else b, c, None) == []


@pytest.mark.model
@pytest.mark.parametrize("swap", [False, True])
def test_midnight_is_where_two_days_meet(swap: bool) -> None:
    a = "The strike began on Dec. 22, the union said."
    b = "The workers walked out at midnight Dec. 21, the union said."
    a, b = (b, a) if swap else (a, b)
    day = dt.date(2018, 12, 28)
    assert _parsed_dates(a, b, day) == []
    # two days apart, or one day apart without midnight: still two days
    c = "The workers walked out at midnight Dec. 20, the union said."
    d = "The workers walked out on Dec. 21, the union said."
    e = "The strike began on Dec. 22, the union said."
    assert _parsed_dates(e, c, day) != []
    assert _parsed_dates(e, d, day) != []


@pytest.mark.model
def test_before_midnight_is_still_that_day() -> None:
    a = "The strike at the plant began late on Wednesday, the union said."
    b = "The strike at the plant began shortly before midnight on Tuesday, the union said."
    day = dt.date(2018, 12, 28)
    assert _parsed_dates(a, b, day) != []


def test_a_fiscal_year_is_about_the_year_it_names() -> None:
    (d,) = extract_facts("Arrests fell in the last fiscal year.", published=MON).dates
    assert d.text == "last fiscal year" and d.approx
    assert (d.lo, d.hi, d.level) == (dt.date(2011, 1, 1), dt.date(2011, 12, 31), 3)
    (e,) = extract_facts("Arrests fell last year.", published=MON).dates
    assert not e.approx and (e.lo, e.hi) == (d.lo, d.hi)


@pytest.mark.model
def test_the_day_of_one_announcement_told_with_two_reporting_verbs() -> None:
    # "announced on Monday" / "said Tuesday": the two reporting verbs share no form, but
    # each has the hospital as its subject and the clinic's figures as its complement
    a = ("Opened last week, the new clinic has treated over 500 patients so far, the "
         "hospital announced on Monday.")
    b = ("The hospital's new clinic treated more than 500 patients in its first week, the "
         "hospital said Tuesday.")
    assert _parsed_dates(a, b, dt.date(2003, 9, 12)) == [("on Monday", "Tuesday")]
