"""Fact-level conflict detection (issue 3): each kind both ways, near-misses, seeds, spans."""

from __future__ import annotations

import datetime as dt
import doctest
import json
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


def test_seed_sentences_are_verbatim() -> None:
    voa = (SEEDS / "voa.md").read_text(encoding="utf-8")
    cnn = (SEEDS / "cnn.md").read_text(encoding="utf-8")
    assert VOA_MEETING in voa and VOA_REJECTED in voa
    assert CNN_MEETING in cnn and CNN_DENIED in cnn


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


def test_paraphrased_quote_same_speaker_agrees() -> None:
    res = compare_sentences(
        "“We are prepared for every scenario,” Zelenskyy said in his nightly address.",
        "Ukraine's President Volodymyr Zelensky said in a video address that Kyiv was ready "
        "for any scenario.",
    )
    assert not res.conflicts


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
    result = doctest.testmod(facts_module)
    assert result.attempted >= 3 and result.failed == 0


def test_no_qt_or_model_imports() -> None:
    code = (
        "import sys, factdiff.core.facts; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sentence_transformers', 'torch', 'dateparser')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
