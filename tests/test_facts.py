"""Fact-level conflict detection (issue 3): each kind both ways, near-misses, seeds, spans."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from factdiff.core import facts as facts_module
from factdiff.core.facts import FactResult, compare_facts, compare_sentences, extract_facts
from factdiff.core.model import ConflictKind

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "bench"))

K = ConflictKind


def kinds(res: FactResult) -> set[ConflictKind]:
    return {c.kind for c in res.conflicts}


def check_spans(a: str, b: str, res: FactResult) -> None:
    """Every conflict quotes exactly the words at its spans; details stay inside the text."""
    for c in res.conflicts:
        assert a[c.a_span.start : c.a_span.end] == c.a_text
        assert b[c.b_span.start : c.b_span.end] == c.b_text
        assert c.a_text.strip() and c.b_text.strip()
        assert 0.0 <= c.confidence <= 1.0
        assert c.explanation.count("/") >= 1
    for s in res.a_details:
        assert 0 <= s.start < s.end <= len(a)
    for s in res.b_details:
        assert 0 <= s.start < s.end <= len(b)


# -- one conflict per kind, checked in both directions ---------------------------------

CONFLICTS = [
    # (kind, a, b, a_date, b_date, words expected in a's span, in b's span)
    (
        K.NUMBER,
        "Three patients remain in critical condition.",
        "Five patients remain in critical condition.",
        None,
        None,
        "Three",
        "Five",
    ),
    (
        K.NUMBER,
        "The firm was fined $2.3 billion.",
        "The firm was fined $3.2 billion.",
        None,
        None,
        "2.3",
        "3.2",
    ),
    (
        K.NUMBER,
        "The bridge spans 1.2 miles.",
        "The bridge spans 3 kilometres.",
        None,
        None,
        "1.2 miles",
        "3 kilometres",
    ),
    (K.NUMBER, "Arsenal beat Chelsea 3-1.", "Arsenal beat Chelsea 4-1.", None, None, "3-1", "4-1"),
    (
        K.NUMBER,
        "The driver, 34, was arrested.",
        "The 43-year-old driver was arrested.",
        None,
        None,
        "34",
        "43",
    ),
    (
        K.DATE,
        "The verdict was delivered on Tuesday.",
        "The verdict was delivered on Wednesday.",
        None,
        None,
        "Tuesday",
        "Wednesday",
    ),
    (
        K.DATE,
        "The suspect was arrested yesterday.",
        "The suspect was arrested on Thursday.",
        dt.date(2023, 6, 10),
        dt.date(2023, 6, 10),
        "yesterday",
        "Thursday",
    ),
    (K.DATE, "Polls close at 7 p.m.", "Polls close at 8 p.m.", None, None, "7 p.m.", "8 p.m."),
    (
        K.DATE,
        "The law takes effect on January 1, 2025.",
        "The law takes effect on 1 July 2025.",
        None,
        None,
        "January 1",
        "1 July",
    ),
    (
        K.ENTITY,
        "The fire broke out at a warehouse in Ohio.",
        "The fire broke out at a warehouse in Indiana.",
        None,
        None,
        "Ohio",
        "Indiana",
    ),
    (
        K.ENTITY,
        "Tesla recalled 120,000 vehicles.",
        "Ford recalled 120,000 vehicles.",
        None,
        None,
        "Tesla",
        "Ford",
    ),
    (
        K.POLARITY,
        "The president will attend the summit.",
        "The president will not attend the summit.",
        None,
        None,
        "attend",
        "not attend",
    ),
    (
        K.POLARITY,
        "The court upheld the ban.",
        "The court overturned the ban.",
        None,
        None,
        "upheld",
        "overturned",
    ),
    (
        K.ATTRIBUTION,
        "“We will rebuild,” the mayor said.",
        "“We will rebuild,” the governor said.",
        None,
        None,
        "mayor",
        "governor",
    ),
    (
        K.ATTRIBUTION,
        "Biden told reporters the economy was strong.",
        "Harris told reporters the economy was strong.",
        None,
        None,
        "Biden",
        "Harris",
    ),
    (
        K.CERTAINTY,
        "The storm could make landfall in Florida.",
        "The storm made landfall in Florida.",
        None,
        None,
        "could make",
        "made",
    ),
    (
        K.CERTAINTY,
        "The government plans to raise the minimum wage.",
        "The government raised the minimum wage.",
        None,
        None,
        "raise",
        "raised",
    ),
]


@pytest.mark.parametrize(("kind", "a", "b", "ad", "bd", "wa", "wb"), CONFLICTS)
@pytest.mark.parametrize("flip", [False, True], ids=["a-b", "b-a"])
def test_conflict_each_kind_both_ways(kind, a, b, ad, bd, wa, wb, flip) -> None:
    if flip:
        a, b, ad, bd, wa, wb = b, a, bd, ad, wb, wa
    res = compare_sentences(a, b, a_date=ad, b_date=bd, a_label="X", b_label="Y")
    check_spans(a, b, res)
    assert res.compatible
    hits = [c for c in res.conflicts if c.kind is kind]
    assert hits, [c.explanation for c in res.conflicts]
    assert wa in hits[0].a_text and wb in hits[0].b_text, hits[0]
    assert hits[0].explanation.startswith("X: ")
    assert " / Y: " in hits[0].explanation


def test_certainty_is_soft() -> None:
    res = compare_sentences("The minister is likely to resign.", "The minister resigned.")
    assert kinds(res) == {K.CERTAINTY}
    assert all(c.soft for c in res.conflicts)


# -- near-misses: agreement that must not be flagged -----------------------------------

AGREEMENTS = [
    ("The company reported revenue of $1.5 billion.", "Revenue came in at 1.5 billion dollars."),
    ("The city's population is about 1.5 million.", "The city has 1,498,000 residents."),
    ("At least 98 people died in the floods.", "Officials said 100 people had died in the floods."),
    ("More than 10 balloon flights were detected.", "Twelve balloon flights were detected."),
    ("Three firefighters were injured.", "3 firefighters were injured."),
    ("The project will cost an estimated €4bn.", "The project will cost about 4 billion euros."),
    ("Roughly two-thirds of voters backed the measure.", "66% of voters backed the measure."),
    ("Between 20 and 30 homes were destroyed.", "Some 25 homes were destroyed."),
    ("A dozen passengers were taken to hospital.", "12 passengers were hospitalised."),
    (
        "The agency seized about 450 kilograms of cocaine.",
        "Nearly 1,000 pounds of cocaine was seized.",
    ),
    (
        "The storm killed 12 people and left 300,000 homes without power.",
        "Twelve people died in the storm.",
    ),
    ("The blast occurred at 3 p.m. local time.", "The explosion happened at 15:00 local time."),
    ("The deal was signed in March 2020.", "The agreement was signed on March 14, 2020."),
    ("The ceasefire took effect at midnight on Sunday.", "The truce began at 00:00 on Sunday."),
    ("The factory closed in the 1990s.", "The factory shut down in 1994."),
    ("The company did not respond to a request for comment.", "The firm declined to comment."),
    ("No one was injured in the blast.", "The explosion caused no injuries."),
    ("Prices have never been higher.", "Prices are at a record high."),
    (
        "The U.S. imposed new sanctions on Iran.",
        "The United States imposed fresh sanctions on Iran.",
    ),
    ("Secretary of State Antony Blinken met Wang Yi in Munich.", "Blinken met Wang in Munich."),
    ("President Volodymyr Zelenskyy visited the front line.", "Zelensky visited the front line."),
    ("The World Health Organization declared an emergency.", "The WHO declared an emergency."),
    (
        "Police said the driver had been drinking.",
        "The driver had been drinking, according to police.",
    ),
    ("The suspected gunman was arrested.", "The gunman was arrested."),
    ("The leaders will meet on Friday.", "The leaders are expected to meet on Friday."),
    (
        "The spokesman did not say how many troops would be sent.",
        "The spokesman said troops would be sent.",
    ),
    ("The ministry did not say whether or not Wang would attend.", "Wang will attend."),
]


@pytest.mark.parametrize(("a", "b"), AGREEMENTS)
def test_near_misses_are_not_flagged(a: str, b: str) -> None:
    for x, y in ((a, b), (b, a)):
        res = compare_sentences(x, y)
        check_spans(x, y, res)
        assert res.compatible
        assert not res.conflicts, [c.explanation for c in res.conflicts]


def test_compatible_relative_dates_agree() -> None:
    res = compare_sentences(
        "Blinken will travel to Beijing this Sunday.",
        "Blinken is due in Beijing on Feb. 5.",
        a_date=dt.date(2023, 2, 1),
        b_date=dt.date(2023, 2, 2),
    )
    assert not res.conflicts
    res = compare_sentences(
        "The concert was cancelled last week.",
        "The concert was cancelled on July 5.",
        a_date=dt.date(2023, 7, 12),
        b_date=dt.date(2023, 7, 12),
    )
    assert not res.conflicts


def test_this_friday_resolves_against_the_publication_date() -> None:
    f = extract_facts("They meet this Friday.", published=dt.date(2023, 2, 15))
    (d,) = f.dates
    assert d.lo == d.hi == dt.date(2023, 2, 17)
    f = extract_facts("They met earlier this month.", published=dt.date(2023, 2, 18))
    (d,) = f.dates
    assert (d.lo, d.hi) == (dt.date(2023, 2, 1), dt.date(2023, 2, 18))


def test_added_detail_is_a_span_not_a_conflict() -> None:
    a = (
        "China later charged that the U.S. has conducted more than 10 balloon flights "
        "over China since May 2022."
    )
    b = "China later charged that the U.S. has flown balloons over China."
    res = compare_sentences(a, b)
    assert not res.conflicts
    shown = [a[s.start : s.end] for s in res.a_details]
    assert "more than 10 balloon flights" in shown
    assert any("May 2022" in s for s in shown)
    assert res.b_details == ()


def test_a_dateline_or_a_value_the_other_side_says_is_no_added_detail() -> None:
    # where the story was filed is no detail of the fact
    a = "LONDON — Tom Hale met Bill Norton on Friday to discuss the merger."
    b = "WASHINGTON — Tom Hale met Bill Norton on Friday to discuss the merger."
    res = compare_sentences(a, b)
    assert res.a_details == () and res.b_details == ()
    # a day both sentences give, in two roles (the day of the act, the day it was told):
    # not told by one side only; the length only one gives still is
    a = "President Tom Hale agreed on Friday to reopen the agency for three weeks."
    b = "President Tom Hale said Friday that he will reopen the agency."
    res = compare_sentences(a, b)
    assert [a[s.start : s.end] for s in res.a_details] == ["three weeks"]
    # one word in two forms is one value; words the other sentence lacks are not
    from factdiff.core.facts.pipeline import _told_in
    from factdiff.core.tokens import word_stems

    assert _told_in("billions of dollars", word_stems("a billion dollars in aid"))
    assert _told_in("on Friday", word_stems("said Friday"))
    assert not _told_in("three weeks", word_stems("for three months"))


def test_quantity_parsing() -> None:
    (q,) = extract_facts("It cost $1.5 billion.").quantities
    assert q.dim == "money:USD" and q.low < 1.5e9 < q.high
    (q,) = extract_facts("Twenty-seven people were hurt.").quantities
    assert q.low == q.high == 27
    (q,) = extract_facts("At least 98 died.").quantities
    assert q.low == 98 and q.high == float("inf")
    (q,) = extract_facts("Beat them 3-1.").quantities
    assert q.pair == (3, 1)


def test_numbers_in_names_and_dates_are_not_quantities() -> None:
    f = extract_facts("The Group of 20 met in Bali on November 15, 2022, after COVID-19.")
    assert f.quantities == ()
    assert [d.text for d in f.dates] == ["on November 15, 2022"]


# -- the seed articles ------------------------------------------------------------------

VOA_MEETING = (
    "The United States is preparing for a possible meeting between Secretary of State Antony "
    "Blinken and top Chinese diplomat Wang Yi during a regional security conference in Europe "
    "this Friday, a diplomatic source confirmed to VOA on the condition of anonymity."
)
CNN_MEETING = (
    "US Secretary of State Antony Blinken met with China’s high diplomat Wang Yi on Saturday, "
    "within the first face-to-face between senior US and Chinese language officers since the US "
    "military shot down a suspected Chinese language surveillance balloon earlier this month."
)
VOA_REJECTED = "The U.S. has rejected both claims."
CNN_DENIED = (
    "Beijing, in the meantime, has denied these claims, and in flip accused the US, with out "
    "offering proof, of flying balloons over its airspace with out permission."
)
VOA_DATE = dt.date(2023, 2, 15)
CNN_DATE = dt.date(2023, 2, 18)
VOA_UNWILLING = (
    "However, officials Wednesday were unwilling to confirm that Blinken will meet with his "
    "Chinese counterpart this week."
)
VOA_PHONE_CALL = (
    "Blinken told Wang Yi in a phone call on February 3 that the spy balloon, which drifted "
    "across the continental United States, was “an irresponsible act and a clear violation of "
    "U.S. sovereignty and international law that undermined the purpose” of Blinken’s trip."
)
CNN_REPORTED = (
    "CNN reported Wednesday that US intelligence officers are assessing the chance that the "
    "balloon was not intentionally maneuvered into the continental US by the Chinese language "
    "authorities and are analyzing whether or not it was diverted astray by robust winds, "
    "based on a number of individuals briefed on the intelligence."
)


def test_seed_sentences_are_verbatim() -> None:
    voa = (SEEDS / "voa.md").read_text(encoding="utf-8")
    cnn = (SEEDS / "cnn.md").read_text(encoding="utf-8")
    assert VOA_MEETING in voa and VOA_REJECTED in voa
    assert VOA_UNWILLING in voa and VOA_PHONE_CALL in voa
    assert CNN_MEETING in cnn and CNN_DENIED in cnn and CNN_REPORTED in cnn


def test_seed_meeting_date_and_certainty() -> None:
    res = compare_sentences(
        VOA_MEETING, CNN_MEETING, a_date=VOA_DATE, b_date=CNN_DATE, a_label="VOA", b_label="CNN"
    )
    check_spans(VOA_MEETING, CNN_MEETING, res)
    assert res.compatible
    (date,) = [c for c in res.conflicts if c.kind is K.DATE]
    assert date.a_text == "this Friday" and date.b_text == "on Saturday"
    assert "Fri 17 Feb 2023" in date.explanation and "Sat 18 Feb 2023" in date.explanation
    assert date.explanation.startswith("VOA: this Friday")
    (cert,) = [c for c in res.conflicts if c.kind is K.CERTAINTY]
    assert "possible meeting" in cert.a_text and cert.b_text == "met"
    assert cert.soft
    assert kinds(res) == {K.DATE, K.CERTAINTY}


def test_seed_opposite_subjects_are_incompatible() -> None:
    res = compare_sentences(VOA_REJECTED, CNN_DENIED, a_date=VOA_DATE, b_date=CNN_DATE)
    assert res.compatible is False
    res = compare_sentences(CNN_DENIED, VOA_REJECTED)
    assert res.compatible is False


def test_incompatibility_is_a_general_rule_not_a_seed_string() -> None:
    # Different known actors taking the same stance: two facts.
    for a, b in [
        ("Russia condemned the attack.", "Ukraine condemned the attack."),
        ("India denied the claims.", "Pakistan has rejected the claims."),
        ("Washington dismissed the report.", "Moscow, meanwhile, dismissed the report."),
    ]:
        assert compare_sentences(a, b).compatible is False, (a, b)
    # The same actor under another name, or an event verb: still the same fact.
    assert compare_sentences("Beijing denied the claims.", "China denied the claims.").compatible
    res = compare_sentences(
        "Microsoft agreed to buy the studio.", "Google agreed to buy the studio."
    )
    assert res.compatible and kinds(res) == {K.ENTITY}


def test_seed_reporting_days_are_not_meeting_days() -> None:
    # "officials Wednesday were unwilling to confirm": Wednesday is when they spoke; "this
    # week" (13-19 Feb) holds CNN's Saturday. Only the planned/done difference is left.
    res = compare_sentences(VOA_UNWILLING, CNN_MEETING, a_date=VOA_DATE, b_date=CNN_DATE)
    check_spans(VOA_UNWILLING, CNN_MEETING, res)
    assert kinds(res) == {K.CERTAINTY}
    # A phone call reported on 3 February and a CNN report on Wednesday: two reports.
    res = compare_sentences(VOA_PHONE_CALL, CNN_REPORTED, a_date=VOA_DATE, b_date=CNN_DATE)
    assert K.DATE not in kinds(res)


def test_paraphrased_quote_same_speaker_agrees() -> None:
    res = compare_sentences(
        "“We are prepared for every scenario,” Zelenskyy said in his nightly address.",
        "Ukraine's President Volodymyr Zelensky said in a video address that Kyiv was ready "
        "for any scenario.",
    )
    assert not res.conflicts


# -- reporting frames: when something was said is not when it happened -----------------

REPORTING_AGREE = [
    # (a, b, a_date, b_date): only the reporting days differ, or one side has only one
    (
        "Police said on Monday that the blaze started on Sunday.",
        "The blaze broke out on Sunday, officials said Tuesday.",
        dt.date(2024, 6, 10),
        dt.date(2024, 6, 11),
    ),
    (
        "The agency told reporters on Saturday that the probe had landed on Thursday.",
        "The probe landed on Thursday.",
        dt.date(2024, 3, 9),
        dt.date(2024, 3, 8),
    ),
    (
        "Regulators Tuesday were unwilling to confirm that the merger would close this month.",
        "The merger closed on Friday.",
        dt.date(2024, 5, 7),
        dt.date(2024, 5, 11),
    ),
    (
        "The BBC reported Thursday that the talks had failed.",
        "The talks failed on Monday.",
        None,
        None,
    ),
    (
        "Speaking on Sunday, the coach said the striker was injured on Saturday.",
        "The striker was injured on Saturday, the coach said in a statement on Monday.",
        None,
        None,
    ),
    (
        "At a news conference on Tuesday, the mayor said the pipe burst on Monday.",
        "The pipe burst on Monday, the mayor said.",
        None,
        None,
    ),
    (
        "On Friday, the ministry said the vaccine would be available in May.",
        "The vaccine will be available in May, the ministry announced on Thursday.",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("a", "b", "ad", "bd"), REPORTING_AGREE)
def test_reporting_dates_do_not_conflict(a: str, b: str, ad, bd) -> None:
    for x, y, xd, yd in ((a, b, ad, bd), (b, a, bd, ad)):
        res = compare_sentences(x, y, a_date=xd, b_date=yd)
        check_spans(x, y, res)
        assert K.DATE not in kinds(res), [c.explanation for c in res.conflicts]


@pytest.mark.parametrize(
    ("a", "b", "wa", "wb"),
    [
        # the event day differs under the same reporting frame
        (
            "Police said Monday that the blaze started on Saturday.",
            "The blaze broke out on Sunday, police said Monday.",
            "on Saturday",
            "on Sunday",
        ),
        # an announcement with an object, or in the passive, is the event itself
        (
            "The firm announced the merger on Monday.",
            "The merger was announced on Tuesday.",
            "on Monday",
            "on Tuesday",
        ),
        (
            "The results were announced on Wednesday.",
            "The results were announced on Thursday.",
            "on Wednesday",
            "on Thursday",
        ),
        # a call or a testimony is an event, not a report of one
        (
            "The two leaders spoke by phone on Tuesday.",
            "The two leaders held a call on Friday.",
            "on Tuesday",
            "on Friday",
        ),
    ],
)
def test_event_dates_still_conflict(a: str, b: str, wa: str, wb: str) -> None:
    res = compare_sentences(a, b)
    check_spans(a, b, res)
    (date,) = [c for c in res.conflicts if c.kind is K.DATE]
    assert (date.a_text, date.b_text) == (wa, wb)


def test_reporting_date_roles() -> None:
    def roles(text: str) -> list[tuple[str, str]]:
        return [(d.text, d.role) for d in extract_facts(text).dates]

    assert roles("He said Tuesday he would resign on Friday.") == [
        ("Tuesday", "report"),
        ("on Friday", "point"),
    ]
    assert roles("On Tuesday, a bus crashed into a river, police said.") == [("Tuesday", "point")]
    assert roles("Police on Monday arrested a man.") == [("on Monday", "point")]
    assert roles("Police on Monday confirmed that a man had been arrested.") == [
        ("on Monday", "report")
    ]
    assert roles("Hospitals reported 12 new cases on Monday.") == [("on Monday", "point")]
    # "state" here is a noun, and a since-date is never a reporting date
    assert roles("The first visit by a secretary of state since 2018, officials said.") == [
        ("since 2018", "since")
    ]
    # a conference that is the event, not a news conference
    assert roles("They meet at a security conference this Friday.") == [("this Friday", "point")]
    # a reporting date is not a detail of the event either
    res = compare_sentences("The dam burst, officials said on Monday.", "The dam burst.")
    assert res.a_details == ()


def test_whom_it_was_told_is_not_an_entity_conflict() -> None:
    for a, b in [
        ("“We will win,” the coach told the BBC.", "“We will win,” the coach told Sky Sports."),
        (
            "The minister said in an interview with Reuters that taxes would rise.",
            "The minister said in an interview with Bloomberg that taxes would rise.",
        ),
        (
            "Taxes will rise, a source confirmed to Reuters.",
            "Taxes will rise, a source confirmed to the BBC.",
        ),
    ]:
        assert not compare_sentences(a, b).conflicts, (a, b)
    res = compare_sentences(
        "“We will win,” the coach told the BBC.", "“We will win,” the captain told the BBC."
    )
    assert kinds(res) == {K.ATTRIBUTION}


def test_side_clause_about_another_actor() -> None:
    # ", who beat Holloway 2-0 on Friday," is Eastfield's match, not Riverside's.
    a = "Riverside beat Port Marlow 3-1 on Saturday to reach the final against Eastfield."
    b = "Riverside will face Eastfield, who beat Holloway 2-0 on Friday, in the final."
    assert not compare_sentences(a, b).conflicts
    assert not compare_sentences(b, a).conflicts
    # The side clause is about the other sentence's subject: the same event.
    res = compare_sentences(
        "Voters backed Garcia, who took 54 percent of the vote.", "Garcia took 51 percent."
    )
    assert kinds(res) == {K.NUMBER}
    res = compare_sentences(
        "Smith, who won 52% of the vote, was sworn in.",
        "Smith, who won 48% of the vote, was sworn in.",
    )
    assert kinds(res) == {K.NUMBER}


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        # two point figures written to the same precision are compared as written
        ("About 12,000 workers walked out.", "Some 14,000 staff walked out.", True),
        ("The firm recalled 1.2 million cars.", "The firm recalled 1.1 million cars.", True),
        ("About 300 people marched.", "Around 300 people marched.", False),
        ("Inflation was about 7 percent.", "Inflation was 7.4 percent.", False),
        ("Roughly two-thirds backed it.", "66% backed it.", False),
        ("More than 1,400 firefighters are there.", "Some 1,400 firefighters are there.", False),
        # a quarter point is a step in points, not a quarter
        ("It cut rates by a quarter point to 4.25%.", "It cut rates to 4.25%.", False),
        ("It cut rates by half a percentage point.", "It cut rates by a quarter point.", True),
        # tallies written around "votes"
        ("The council voted 27 to 14.", "It passed by 27 votes to 13.", True),
        ("Senators voted 52-48.", "It passed by 52 votes to 48.", False),
        # the 23rd minute is minute 22 to 23 of the match
        ("Kane scored in the 23rd minute.", "Kane scored after 23 minutes.", False),
        ("Kane scored in the 23rd minute.", "Kane scored after 32 minutes.", True),
        # "over ten-man Port Marlow": a preposition, and a count of players only
        ("They had won six matches in a row.", "A win over ten-man Marlow ended it.", False),
        # what prosecutors sought is not what the court gave
        ("Prosecutors had sought nine years for him.", "He was jailed for six years.", False),
        ("Prosecutors sought nine years.", "Prosecutors asked for seven years.", True),
    ],
)
def test_number_rules(a: str, b: str, conflict: bool) -> None:
    for x, y in ((a, b), (b, a)):
        res = compare_sentences(x, y)
        check_spans(x, y, res)
        assert (K.NUMBER in kinds(res)) is conflict, [c.explanation for c in res.conflicts]


def test_a_state_that_goes_on_is_not_a_plan() -> None:
    for a, b in [
        ("The council has opened six new clinics.", "The clinics will stay open at weekends."),
        ("The shop closed on Friday.", "The shop will remain closed until Monday."),
    ]:
        assert K.CERTAINTY not in kinds(compare_sentences(a, b)), (a, b)
    res = compare_sentences("The shop will close on Friday.", "The shop closed on Friday.")
    assert K.CERTAINTY in kinds(res)


def test_talks_are_a_meeting() -> None:
    res = compare_sentences("No new talks are planned.", "The two sides agreed to meet again.")
    assert kinds(res) == {K.POLARITY}
    assert not compare_sentences(
        "Talks were held in Geneva.", "The envoys met in Geneva."
    ).conflicts


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("Ten died, according to local authorities.", "Ten died, the army said.", True),
        ("Ten died, hospital officials said.", "Ten died, police said.", True),
        ("Ten died, Israel's military said.", "Ten died, Hamas said.", True),
        ("Ten died, military officials said.", "Ten died, the army said.", False),
        ("Ten died, the ministry said.", "Ten died, the health ministry said.", False),
        ("Ten died, officials said.", "Ten died, the army said.", False),
        # a share of a poll is not a speaker
        ("Half of those polled said prices rose.", "45% of respondents said prices rose.", False),
    ],
)
def test_speaker_kinds(a: str, b: str, conflict: bool) -> None:
    for x, y in ((a, b), (b, a)):
        assert (K.ATTRIBUTION in kinds(compare_sentences(x, y))) is conflict, (x, y)


def test_since_early_march_is_a_since_date() -> None:
    (d,) = extract_facts("Cases have risen since early March.").dates
    assert d.role == "since"
    assert not compare_sentences("Cases rose since early March.", "Cases rose in April.").conflicts


# -- every labelled pair: exact spans; the held-out targets -----------------------------


def load(split: str) -> list[dict]:
    with (DATA / f"factpairs_{split}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_dataset_shape() -> None:
    dev, test = load("dev"), load("test")
    assert len(dev) + len(test) >= 150
    ids = [r["id"] for r in dev + test]
    assert len(ids) == len(set(ids))
    for r in dev + test:
        assert r["label"] in ("agree", "conflict", "incompatible")
        assert (r["label"] == "conflict") == bool(r["kinds"])
        assert set(r["kinds"]) <= {k.value for k in ConflictKind}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_spans_exact_on_all_pairs(split: str) -> None:
    for r in load(split):
        ad = dt.date.fromisoformat(r["a_date"]) if r["a_date"] else None
        bd = dt.date.fromisoformat(r["b_date"]) if r["b_date"] else None
        fa = extract_facts(r["a"], published=ad)
        fb = extract_facts(r["b"], published=bd)
        check_spans(r["a"], r["b"], compare_facts(fa, fb))
        check_spans(r["b"], r["a"], compare_facts(fb, fa))


def _stories() -> list[dict]:
    out = []
    for path in sorted((DATA / "align").glob("*.json")):
        story = json.loads(path.read_text(encoding="utf-8"))
        story["name"] = path.stem
        out.append(story)
    return out


def test_story_conflict_labels() -> None:
    """Every labelled disagreement is a gold link, with known kinds; both splits have some."""
    per_split = {"dev": 0, "test": 0}
    for story in _stories():
        gold = {tuple(sorted(map(tuple, link))) for link in story["links"]}
        for c in story["conflicts"]:
            assert tuple(sorted((tuple(c["a"]), tuple(c["b"])))) in gold, (story["name"], c)
            assert c["kinds"] and set(c["kinds"]) <= {k.value for k in ConflictKind}
        per_split[story["split"]] += len(story["conflicts"])
    assert per_split["dev"] >= 10 and per_split["test"] >= 5


def test_fact_check_on_dev_story_links() -> None:
    """On the gold links of the dev stories (tuned on): every labelled disagreement is
    found with its kinds, and no agreeing link is flagged."""
    from factdiff.core.compare import link_pair
    from factdiff.core.model import Article, Sentence

    problems = []
    for story in _stories():
        if story["split"] != "dev":
            continue
        arts, sents = [], []
        for a in story["articles"]:
            arts.append(
                Article(
                    text="\n".join(a["text"]),
                    outlet=a["outlet"],
                    date=dt.date.fromisoformat(a["date"]),
                )
            )
            at, row = 0, []
            for i, t in enumerate(a["text"]):
                row.append(Sentence(index=i, start=at, end=at + len(t), text=t))
                at += len(t) + 1
            sents.append(tuple(row))
        want = {
            tuple(sorted((tuple(c["a"]), tuple(c["b"])))): set(c["kinds"])
            for c in story["conflicts"]
        }
        for x, y in story["links"]:
            key = tuple(sorted((tuple(x), tuple(y))))
            link = link_pair(key[0], key[1], 1.0, arts, sents, manual=True)
            assert link is not None
            found = {c.kind.value for c in link.conflicts}
            if found != want.get(key, set()):
                problems.append(f"{story['name']} {key}: {sorted(found)}")
    assert not problems, problems


def test_targets_on_held_out_test_split() -> None:
    """Issue 3 targets on the split nobody tuned on. Allowed to fail: it reports quality."""
    import eval_facts

    sc, _, _ = eval_facts.evaluate(eval_facts.load("test"))
    p, r = sc.overall()
    problems = []
    if p < 0.9 or r < 0.9:
        problems.append(f"overall precision {p:.2f} recall {r:.2f}")
    for k in eval_facts.KINDS:
        kp, kr, support = sc.kind(k)
        if support and (kp < 0.85 or kr < 0.85):
            problems.append(f"{k}: precision {kp:.2f} recall {kr:.2f}")
    if sc.false_alarms / sc.agree >= 0.03:
        problems.append(f"false alarms {sc.false_alarms}/{sc.agree}")
    assert not problems, "; ".join(problems)


# -- hygiene ------------------------------------------------------------------------------


def test_doctests() -> None:
    """The doctests of every module of the facts package."""
    attempted = 0
    for info in pkgutil.walk_packages(facts_module.__path__, facts_module.__name__ + "."):
        result = doctest.testmod(importlib.import_module(info.name))
        assert result.failed == 0, info.name
        attempted += result.attempted
    result = doctest.testmod(facts_module)
    assert result.failed == 0
    assert attempted + result.attempted >= 3


def test_no_qt_or_model_imports() -> None:
    code = (
        "import sys, factdiff.core.facts; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sentence_transformers', 'torch', 'dateparser')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
