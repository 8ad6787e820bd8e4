"""The entity check on parsed sentences: names in the same role (crafted sentences)."""

from __future__ import annotations

import pytest
from builders import words_in_conflict

from factdiff.core import nlp
from factdiff.core.facts import compare_facts, extract_facts
from factdiff.core.model import ConflictKind, Span


def _names(a: str, b: str) -> list[tuple[str, str]]:
    fa = extract_facts(a, parse=nlp.parse(a))
    fb = extract_facts(b, parse=nlp.parse(b))
    return words_in_conflict(compare_facts(fa, fb), ConflictKind.ENTITY)


@pytest.mark.model
def test_the_one_name_two_matching_sentences_differ_on_is_one_role() -> None:
    # "is trying to sell" / "offered": the names hang on verbs that do not align
    a = "Goldman is trying to sell the shares to institutional investors at $13.15 each."
    b = "Morgan offered the shares for sale to institutional investors at $13.15 each."
    assert _names(a, b) == [("Goldman", "Morgan")]


@pytest.mark.model
def test_the_one_name_of_two_different_sentences_is_a_detail() -> None:
    a = "Goldman is trying to sell the shares to institutional investors at $13.15 each."
    b = "Morgan expects the economy to slow sharply next year, the bank said."
    assert _names(a, b) == []


@pytest.mark.model
def test_a_name_in_the_same_gap_of_the_alignment_is_one_role_beside_other_names() -> None:
    # not the only free name ("London"), but the only one between the same anchors
    a = "Goldman is trying to sell the shares in London to investors at $13.15 each."
    b = "Morgan offered the shares for sale to investors at $13.15 each."
    assert _names(a, b) == [("Goldman", "Morgan")]


@pytest.mark.model
def test_names_in_one_gap_under_other_relations_are_two_details() -> None:
    # the state it happened in / the agency that investigated
    a = "On Friday, police in Ohio arrested the suspect, a former teacher, at his home."
    b = "On Friday, FBI agents arrested the suspect after a search across three states."
    assert _names(a, b) == []


@pytest.mark.model
def test_the_sentence_edge_is_no_anchor_past_other_words() -> None:
    # "In a letter released by Durbin's office" / "Rice's comments came as": both
    # possessors left of the same name, but words stand between them and the edge
    a = "In a letter released by Durbin's office, Netanyahu declined to meet the senators."
    b = "Rice's comments came as Netanyahu declined an invitation to a private meeting."
    assert _names(a, b) == []


def test_capitol_hill_is_congress() -> None:
    from factdiff.core.facts.words import _ALIAS

    assert _ALIAS["capitol hill"] == _ALIAS["congress"]


@pytest.mark.model
def test_a_name_printed_without_its_accents_is_the_same_name() -> None:
    a = "Mr. Fox said he disagreed with President Enrique Pena's decision to invite the candidate."
    b = "Mr. Fox harshly criticized President Enrique Peña for inviting the candidate."
    assert _names(a, b) == []


def test_accents_are_folded_in_names_and_keys() -> None:
    from factdiff.core.facts.names import same_name
    from factdiff.core.tokens import fold_accents

    assert fold_accents("Peña Nieto, Zoë, Müller") == "Pena Nieto, Zoe, Muller"
    assert same_name("Enrique Peña", "Enrique Pena", person=True)
    assert same_name("José Núñez", "Mr. Nunez", person=True)
    assert not same_name("José Núñez", "José Pérez", person=True)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Association of South East Asian Nations", "ASEAN", True),
    ("CDC", "Centers for Disease Control and Prevention", True),
    ("Al Qaeda", "al-Qaida", True),
    ("Lowes Motor Speedway", "Lowe's Motor Speedway", True),
    ("3rd Armor Cavalry Regiment", "3rd Armored Cavalry Regiment", True),
    ("Defense Department", "the Pentagon", True),
    ("Bank of America", "Bank of England", False),
    ("Bank of Ruritania", "BofR", True),
    ("Bank of Ruritania", "BofA", False),
    ("House Foreign Affairs Committee", "House Foreign Relations Committee", False),
    ("United Airlines", "United Airways", False),
    ("London Stock Exchange", "New York Stock Exchange", False),
])  # fmt: skip
def test_short_forms_spellings_and_aliases_of_one_body(a: str, b: str, same: bool) -> None:
    from factdiff.core.facts.names import same_name

    assert same_name(a, b) is same
    assert same_name(b, a) is same


@pytest.mark.model
def test_a_name_that_is_all_title_still_matches_its_own_words() -> None:
    a = "Justice Minister Anne Caron said the government will bring in a new law soon."
    b = "Justice Minister Anne Caron has said the government will bring in a new law."
    assert _names(a, b) == []


@pytest.mark.parametrize(("inner", "outer", "inside"), [
    ("Osaka", "Japan", True),
    ("Osaka", "western Japan", True),
    ("the U.S.", "Texas", True),  # either way round
    ("Spokane", "Wash.", True),
    ("Spokane", "Washington state", True),
    ("Atlanta", "Georgia", True),  # a state and a country of one name
    ("Spokane", "Oregon", False),
    ("Kentucky", "Washington", False),  # two states: "Washington" names one here
    ("Spokane", "Seattle", False),  # two cities of one state
    ("Porto", "Lisbon", False),  # a capital is a city, whatever it stands for
    ("Florida", "New Jersey", False),
    ("Osaka", "Britain", False),
    ("Ruritania", "Japan", False),  # not in the gazetteer
    # parts of the world: by the continent of the place's country
    ("the U.S.", "the Americas", True),
    ("Seattle", "North America", True),
    ("France", "Europe", True),
    ("Cairo", "the Middle East", True),  # the Middle East by its countries
    ("Brazil", "North America", False),
    ("Texas", "Asia", False),
    ("Europe", "Asia", False),
])  # fmt: skip
def test_a_place_inside_another_by_the_gazetteer(inner: str, outer: str, inside: bool) -> None:
    from factdiff.core.facts.places import nested

    assert nested(inner, outer) is inside
    assert nested(outer, inner) is inside


@pytest.mark.parametrize("parsed", [False, pytest.param(True, marks=pytest.mark.model)])
def test_a_city_and_its_country_are_one_place_told_twice(parsed: bool) -> None:
    if parsed:

        def get(a: str, b: str) -> list[tuple[str, str]]:
            return _names(a, b)
    else:

        def get(a: str, b: str) -> list[tuple[str, str]]:
            res = compare_facts(extract_facts(a), extract_facts(b))
            return words_in_conflict(res, ConflictKind.ENTITY)

    said = "The utility said the reactor {} shut down automatically after the quake."
    a, country, other = (said.format(w) for w in ("near Osaka", "in western Japan", "near Nagoya"))
    assert get(a, country) == []
    assert get(a, other) != []


@pytest.mark.model
def test_one_member_swapped_inside_a_shared_list_is_a_conflict() -> None:
    said = "The foreign ministers of {} met in Lima on Monday to discuss the drought."
    a = said.format("Chile, Peru and three other nations")
    swapped = said.format("Chile, Bolivia and three other countries")
    assert _names(a, swapped) == [("Peru", "Bolivia")]
    found = compare_facts(extract_facts(a, parse=nlp.parse(a)),
                          extract_facts(swapped, parse=nlp.parse(swapped))).conflicts
    assert max(c.confidence for c in found) >= 0.75
    # the same members in another order, or under another name: no conflict
    assert _names(a, said.format("Peru, Chile and three other nations")) == []
    four = "Officials from Spain, Italy, Greece and Britain signed the accord."
    assert _names(four, "Officials from Spain, Italy, Greece and the UK signed the accord.") == []


@pytest.mark.model
def test_the_list_check_reads_a_list_the_parse_breaks_and_finds_the_swapped_member() -> None:
    from factdiff.core.facts.checks.base import _Builder
    from factdiff.core.facts.checks.entity import _compare_lists, _list_members, _names

    a = "The Prime Ministers of China, Russia and four central Asian nations have met."
    b = "The prime ministers of China, Mongolia and four Central Asian countries met."
    pa = nlp.parse(a)
    # whatever the parse makes of "Russia" (an apposition here), the words make a list
    lists = [[a[sp.start : sp.end] if sp else "-" for sp, _ in lst]
             for lst in _list_members(pa, _names(pa))]
    assert ["China", "Russia", "-"] in lists
    bld = _Builder(extract_facts(a, parse=pa), extract_facts(b, parse=nlp.parse(b)), "A", "B")
    _compare_lists(bld, set(), set())
    assert [(c.a_text, c.b_text) for c in bld.conflicts] == [("Russia", "Mongolia")]
    assert bld.conflicts[0].confidence >= 0.75


@pytest.mark.parametrize(("ta", "la", "tb", "lb", "compared"), [
    ("Spitzer", "PERSON", "Sattler's", "ORG", True),  # a surname the tagger took for a body
    ("Bush", "PERSON", "White House", "ORG", False),  # one may stand for the other
    ("David Jones", "PERSON", "DJs", "ORG", False),  # an acronym
    ("@Stake", "PERSON", "AtStake", "ORG", False),  # another spelling
    ("Holliss", "PERSON", "Hollis", "ORG", False),
    ("Spitzer", "PERSON", "Sattler", "GPE", False),
])  # fmt: skip
def test_a_person_against_an_organisation_only_when_it_reads_like_a_surname(
    ta: str, la: str, tb: str, lb: str, compared: bool
) -> None:
    from factdiff.core.facts.checks.entity import _surname_as_org

    assert _surname_as_org(ta, la, tb, lb) is compared
    assert _surname_as_org(tb, lb, ta, la) is compared


@pytest.mark.model
def test_a_surname_tagged_as_an_organisation_still_fills_the_slot() -> None:
    from factdiff.core.facts.checks.entity import _names as typed_names

    a = "Calls to Quist's office, the bank and the insurer were not returned."
    b = "A message left with Dressler's office and with the bank and the insurer was not returned."
    # the tagger reads "Quist" as a person and "Dressler" as an organisation
    assert [lb for _, lb in typed_names(nlp.parse(a))] == ["PERSON"]
    assert [lb for _, lb in typed_names(nlp.parse(b))] == ["ORG"]
    assert _names(a, b) == [("Quist", "Dressler")]


@pytest.mark.model
def test_a_proper_noun_the_tagger_left_untyped_is_compared_in_a_firm_slot() -> None:
    from factdiff.core.facts.checks.entity import _names as typed_names
    from factdiff.core.facts.checks.entity import _untyped_names

    a = "Border guards detained Kessling early on Saturday in the port city of Gdynia."
    b = "Border guards detained Worthey early on Saturday in the port city of Gdynia."
    untyped = {b[s.start : s.end] for s, _ in _untyped_names(nlp.parse(b))}
    typed = {b[s.start : s.end] for s, _ in typed_names(nlp.parse(b))}
    assert "Worthey" in untyped | typed
    assert _names(a, b) == [("Kessling", "Worthey")]
    # a piece of a tagged name or a body's generic word is no name of its own
    p = nlp.parse("The Justice Dept must act, the Office of the Director said.")
    assert not {w for s, _ in _untyped_names(p) for w in [p.text[s.start : s.end]]} & {
        "Dept", "Office"}
    # with the capitalised word before it: "Internet Explorer" is what "IE" stands for
    c = "Changes to Internet Explorer may affect many existing web sites, the body warned."
    d = "Changes to IE may affect many existing web sites, the body warned."
    assert _names(c, d) == []


@pytest.mark.model
def test_a_speaker_is_a_name_in_a_firm_slot_when_the_other_side_credits_no_one() -> None:
    # the other side names the person without crediting the words to them ("quoted ...
    # as saying" is no source here), so who they are is a name like any other
    a = "They left the hospital on Monday, their father Tom Hale said."
    b = "They left the hospital on Monday, the agency quoted their father, Bill Norton, as saying."
    assert _names(a, b) == [("Tom Hale", "Bill Norton")]
    # but only in one firmly aligned slot: another role in another sentence is a detail
    c = "Bill Norton drove them home from the hospital on Monday."
    assert _names(a, c) == []


@pytest.mark.model
def test_a_capital_stands_for_its_country_only_where_no_name_of_ours_claims_it() -> None:
    # "Madrid" is Spain told another way, but here both sides name Madrid as the city
    a = "Trains in Spain's three largest cities -- Madrid, Seville and Valencia -- stopped."
    b = "Trains in Chile's three largest cities -- Madrid, Seville and Valencia -- stopped."
    assert _names(a, b) == [("Spain", "Chile")]
    # two names of one body on one side do not compete for the other side's short form
    c = ("The United Nations' health agency asked for the data after the report was "
         "published, but Britain did not give any, U.N. officials said.")
    d = ("The health agency asked for the data after London's report was published, but "
         "Britain did not give any, U.N. officials said.")
    assert _names(c, d) == []
    assert _names("Officials in Rome said Italy would send aid.",
                  "Officials in Italy said Rome would send aid.") == []


@pytest.mark.model
def test_a_place_phrase_hung_on_the_verb_or_on_its_object_fills_one_slot() -> None:
    # the parse hangs "in Brazil" on "buyers" and "in Chile" on "find": one guess each
    a = "The makers hoped to find new buyers in Brazil for the jets."
    b = "The makers, backed by Tom Hale, hoped to find buyers in Chile."
    assert _names(a, b) == [("Brazil", "Chile")]
    assert _names(a, b.replace("Chile", "Brazil")) == []


@pytest.mark.model
def test_a_name_the_other_side_gives_only_in_another_slot_still_fills_its_own() -> None:
    # B mentions Norway ("the Norwegian inquiry") but sends the team to Chile
    a = "The minister said Ottawa would send a small team of experts to Norway to help."
    b = ("The minister said Ottawa would send a small team of experts to Chile to help with "
         "the Norwegian inquiry.")
    assert _names(a, b) == [("Norway", "Chile")]
    assert _names(a, b.replace("Chile", "Norway")) == []
    # only in two sentences that otherwise say the same words
    e = ("Facing heavy criticism at home, the government said it would send experts to Chile "
         "while the Norwegian inquiry goes on.")
    assert _names(a, e) == []
    # a mention inside the new name's phrase is that name's detail: one place told twice
    c = "Tom Hale was taken to Leominster Hospital, where he died at noon."
    d = "Tom Hale was taken to the Memorial Health Alliance Hospital in Leominster, where he died."
    assert _names(c, d) == []
    assert _names("He was also expected to visit Yemen and Bahrain during his tour.",
                  "He was also to visit Syria, Yemen and Bahrain.") == []


@pytest.mark.model
def test_two_people_given_with_one_title_fill_one_slot() -> None:
    # the names hang on different verbs; the title is the same words on both sides
    b = "The French Foreign Minister, Helen Carter, is also expected to attend."
    a = "French Foreign Minister Tom Hale was due to arrive in Cairo on Wednesday."
    assert _names(a, b) == [("Tom Hale", "Helen Carter")]
    # another minister is another person
    assert _names(a.replace("Foreign", "Defense"), b) == []


@pytest.mark.model
def test_two_names_given_the_same_description_fill_one_slot() -> None:
    # subject of one verb, object of another: the apposition says who the slot is
    a = ("Tom Hale, a left-hander from Clark County Community College in Nevada, went to "
         "the Hawks with the third pick.")
    b = ("Next, Denver took Bill Norton, a left-handed pitcher from Clark County Community "
         "College in Nevada.")
    assert _names(a, b) == [("Tom Hale", "Bill Norton")]
    # another description is another person
    assert _names(a, "Next, Denver took Bill Norton, a catcher from a high school in Texas.") == []


@pytest.mark.model
def test_a_body_and_a_part_of_it_are_one_body_told_at_two_sizes() -> None:
    a = "Tom Hale now serves on the House Armed Services Committee in Washington."
    b = "Tom Hale now serves in the U.S. House in Washington."
    assert _names(a, b) == []
    assert _names("The hackers broke into the Democratic Congressional Campaign Committee.",
                  "The hackers broke into the Democratic Party.") == []
    # the same distinctive words, another word for the kind of body: one body
    assert _names("The Federal Emergency Management Agency gave $20 million to the registry.",
                  "The Federal Emergency Management Administration gave $20 million to the "
                  "registry.") == []
    # two bodies of one kind are two bodies
    assert _names(a, a.replace("House", "Senate")) == [
        ("House Armed Services Committee", "Senate Armed Services Committee")]


@pytest.mark.model
def test_the_body_a_speaker_works_for_is_a_name_like_any_other() -> None:
    # the role in apposition to the speaker's name holds the body
    a = "A spokeswoman for the Red Cross, Helen Carter, said nineteen firefighters had died."
    b = "A spokeswoman for the World Bank, Helen Carter, said nineteen firefighters had died."
    assert _names(a, b) == [("Red Cross", "World Bank")]
    # a speaker named by the role alone
    assert _names("Nineteen firefighters have died this year, a spokeswoman for the Red Cross "
                  "said.", "Nineteen firefighters have died this year, a spokeswoman for the "
                  "World Bank said.") == [("Red Cross", "World Bank")]


@pytest.mark.model
def test_the_body_after_of_in_a_speakers_name_is_a_name_of_its_own() -> None:
    # the tagger reads "Lacey Powers of the ... Center" as one name
    a = ("Nineteen firefighters had died on duty this year, according to Lacey Powers of the "
         "National Interagency Fire Center in Boise.")
    b = ("Nineteen firefighters had died on duty this year, said Lacey Powers, spokeswoman for "
         "the American Chamber of Commerce in Boise.")
    assert _names(a, b) == [("National Interagency Fire Center", "American Chamber of Commerce")]


@pytest.mark.model
def test_a_name_that_tells_whose_is_a_detail_of_the_other_sides_name() -> None:
    # "Ohio legislators" are the Legislature: Ohio says whose, it does not replace it
    a = "The Legislature returns today for a special session on the budget."
    b = "Ohio legislators return today for a special session on the budget."
    assert _names(a, b) == []
    # a name of more words that holds the noun ("the Pauley Finals") is another name
    assert _names("No team has come back from 3-1 down in the NBA Finals.",
                  "No team has come back from 3-1 down in the Pauley Finals.") == [
        ("NBA", "Pauley Finals")]


@pytest.mark.model
def test_a_list_of_actors_holding_one_the_other_side_names_elsewhere_adds_actors() -> None:
    a = (
        "The Health Department said on Thursday that Medicare would extend key benefits to "
        "retired farmers."
    )
    b = (
        "The Election Commission, and the Health Department and the Labor Department, also "
        "extended benefits to retired farmers."
    )
    assert _names(a, b) == []
    # the same list with no member the other side names: someone else did it
    c = (
        "The Election Commission, and the Labor Department and the Treasury, also extended "
        "benefits to retired farmers."
    )
    assert _names(a.replace("The Health Department said on Thursday that ", ""), c) == [
        ("Medicare", "Election Commission")
    ]


@pytest.mark.model
def test_the_chamber_and_the_subject_of_one_committee_are_no_two_names() -> None:
    a = "Tom Hale rejected a subpoena for documents from the Senate committee on Monday."
    b = "The Intelligence committee sent a subpoena for documents to Tom Hale on Monday."
    assert _names(a, b) == []
    # two chambers are two committees
    c = "The House committee sent a subpoena for documents to Tom Hale on Monday."
    assert _names(a, c) == [("Senate", "House")]



@pytest.mark.model
def test_the_subject_of_a_copula_hangs_from_its_predicate() -> None:
    from factdiff.core.facts.slots import PairView

    # the parse makes "was" the head, a word the climb skips; "pregnant" says it
    a = "Helen Carter, 27, was eight months pregnant when she disappeared before Christmas."
    b = "Bill Norton was almost eight months pregnant when she was reported missing."
    fa, fb = extract_facts(a, parse=nlp.parse(a)), extract_facts(b, parse=nlp.parse(b))
    view = PairView(fa, fb)
    ha = view.head("a", Span(0, len("Helen Carter")))
    hb = view.head("b", Span(0, len("Bill Norton")))
    assert ha is not None and hb is not None
    assert (view.pa.tokens[ha.token].text, ha.rel) == ("pregnant", "nsubj")
    assert (view.pb.tokens[hb.token].text, hb.rel) == ("pregnant", "nsubj")
    assert view.same_relation(Span(0, 12), Span(0, 11))
    d = "Helen Carter is to meet the three unions on Monday."
    fd = extract_facts(d, parse=nlp.parse(d))
    hd = PairView(fd, fd).head("a", Span(0, 12))
    assert hd is not None and fd.parse is not None and fd.parse.tokens[hd.token].text == "meet"
    # the value of a copula is no subject: "30" still hangs from nothing above the root
    c = "The toll was 30 on Friday."
    fc = extract_facts(c, parse=nlp.parse(c))
    assert PairView(fc, fc).head("a", Span(13, 15)) is None


def test_a_noun_modifier_is_one_role_however_the_parse_labels_it() -> None:
    from factdiff.core.facts.slots import _same_role

    # "the Cancer Society journal" (compound) / "the Justice Department journal" (nmod)
    assert _same_role("compound", "nmod")
    assert _same_role("nmod", "amod")
    assert not _same_role("nmod", "nsubj")


@pytest.mark.model
@pytest.mark.parametrize("dash", ["—", "―"])
def test_a_dateline_is_no_name_whatever_its_dash(dash: str) -> None:
    a = "Helen Carter on Wednesday rejected the veto of a bill on farm loans."
    b = f"WASHINGTON {dash} Helen Carter voted Wednesday to override the veto of a farm bill."
    fb = extract_facts(b, parse=nlp.parse(b))
    from factdiff.core.facts.checks.entity import _names as names_of

    assert fb.parse is not None
    assert "WASHINGTON" not in [b[sp.start : sp.end] for sp, _ in names_of(fb.parse)]
    assert _names(a, b) == []


@pytest.mark.model
def test_a_house_of_a_legislature_is_a_part_of_it() -> None:
    a = "Congress on Wednesday voted to override the veto of a bill on farm loans."
    b = "The Senate on Wednesday voted to override the veto of a bill on farm loans."
    assert _names(a, b) == []
    # two houses are two bodies
    c = "The House on Wednesday voted to override the veto of a bill on farm loans."
    assert _names(b, c) == [("Senate", "House")]


@pytest.mark.model
def test_the_subjects_of_both_main_verbs_are_one_slot() -> None:
    # "accused" / "charged" do not align; both names are what the sentence is about
    # (less of the rest aligned than the sole-name rule asks)
    a = (
        "Helen Carter, 32, is accused of being the field commander of the October attacks "
        "that killed 202 people."
    )
    b = "Bill Norton is charged with a key role in the October attacks that killed dozens."
    assert _names(a, b) == [("Helen Carter", "Bill Norton")]
    # main subjects of sentences about other things stay details
    c = "Bill Norton is running for the Senate seat in Ohio next year."
    assert _names(a, c) == []


@pytest.mark.model
def test_main_subjects_the_tagger_types_apart_need_more_of_the_rest_aligned() -> None:
    # "Hale" tagged a person, "Lexcorp" an organisation: one slot only when half or
    # more of the rest of the two sentences aligns
    a = "Tom Hale was guiding his friend Paul Kibblewhite, 62, on a three-day walk in June."
    b = "Lexcorp had been leading Mr Kibblewhite, 62, of Rotorua, on a three-day walk in June."
    assert _names(a, b) == [("Tom Hale", "Lexcorp")]


@pytest.mark.model
def test_the_legislature_and_its_name_and_an_airline_and_its_airways_are_one_body() -> None:
    a = "The Legislature returns on Monday to take up the budget bill for the schools."
    b = "The General Assembly returns on Monday to take up the budget bill for the schools."
    assert _names(a, b) == []
    c = "United Airlines cut 300 flights on Monday because of the storm."
    d = "United Airways cut 300 flights on Monday because of the storm."
    assert _names(c, d) == []
    # two airlines are two bodies
    e = "American Airlines cut 300 flights on Monday because of the storm."
    assert _names(c, e) == [("United Airlines", "American Airlines")]


def test_a_surname_spelled_a_letter_apart_after_one_first_name_is_one_person() -> None:
    from factdiff.core.facts.names import same_name

    assert same_name("Jorge Manzon", "Jorge Monzon", person=True)
    assert same_name("Helen Cartier", "Helen Carter", person=True)  # a letter dropped
    # another first name, a short surname or two letters apart: two people
    assert not same_name("Jorge Manzon", "Pedro Monzon", person=True)
    assert not same_name("Tom Hale", "Tom Hall", person=True)
    assert not same_name("Jorge Manzon", "Jorge Mendez", person=True)
    assert not same_name("Jorge Manzon", "Jorge Monzon")  # not read as people


@pytest.mark.model
def test_a_name_of_other_forms_of_the_same_words_is_one_name() -> None:
    a = "The Ejection Mechanism failed twice during the test flight in June."
    b = "The Eject Mechanism failed twice during the test flight in June."
    assert _names(a, b) == []
    c = "The Landing Mechanism failed twice during the test flight in June."
    assert _names(a, c) == [("Ejection Mechanism", "Landing Mechanism")]


@pytest.mark.model
def test_a_people_and_a_people_of_a_place_inside_its_place_are_one() -> None:
    a = "Most Americans now support the plan to cut water use by a third, the poll found."
    b = "Most Californians now support the plan to cut water use by a third, the poll found."
    assert _names(a, b) == []
    c = "Most Canadians now support the plan to cut water use by a third, the poll found."
    assert _names(b, c) == [("Californians", "Canadians")]


@pytest.mark.model
def test_a_name_in_apposition_to_a_noun_takes_the_noun_s_role() -> None:
    # "The driver, Tom Hale, was charged": Tom Hale is the one charged
    a = "The driver, Tom Hale, was charged on Monday with reckless driving after the crash in Ohio."
    b = "Bill Norton, of Dayton, was charged on Monday with reckless driving over the crash."
    assert _names(a, b) == [("Tom Hale", "Bill Norton")]
    # a name beside a noun of another role stays a detail
    c = "Police charged the driver of the van, Tom Hale, on Monday after the crash in Ohio."
    assert _names(c, b) == []


@pytest.mark.model
def test_subjects_of_one_verb_with_objects_of_no_shared_word_are_two_acts() -> None:
    # "release the full report" / "released a joint statement": two releases, two actors
    a = "Senators asked how soon Tom Hale would release the full report on the budget."
    b = "Senators said Bill Norton released a joint statement on the budget."
    assert _names(a, b) == []
    # the same object: one act, two names for its actor
    c = "Senators said Bill Norton would release the full report on the budget."
    assert _names(a, c) == [("Tom Hale", "Bill Norton")]


@pytest.mark.model
def test_the_oval_office_is_the_white_house_and_doj_the_justice_department() -> None:
    a = "The announcement came from the White House on Monday, hours after the vote."
    b = "The announcement came from the Oval Office on Monday, hours after the vote."
    assert _names(a, b) == []
    c = "The DOJ said on Monday it would appeal the ruling in the case."
    d = "The Justice Department said on Monday it would appeal the ruling in the case."
    assert _names(c, d) == []
    # another office is another body
    e = "The announcement came from the Kremlin on Monday, hours after the vote."
    assert _names(a, e) == [("White House", "Kremlin")]


@pytest.mark.model
def test_a_place_in_the_title_of_a_person_the_other_side_never_names_is_a_detail() -> None:
    # "former Ohio governor Bill Norton" tells who Norton is; Hale governs elsewhere
    a = "Donors drifted away from Hale, toward rivals such as former Ohio governor Bill Norton."
    b = "Hale has served as Texas governor since 2010 and has drifted away from donors."
    assert _names(a, b) == []
    # the same holder on both sides: one title, two places
    c = a.replace("Ohio", "Texas")
    assert _names(a, c) == [("Ohio", "Texas")]


@pytest.mark.model
def test_two_names_joined_to_one_shared_name_in_two_roles_are_two_groups() -> None:
    # "Pressed by Carter and Hale" / "would include Carter and Norton": two groups
    a = (
        "Pressed by Helen Carter and Tom Hale of Ohio, the new leaders, they refused to"
        " budge from their offer of $1.3 billion for the program."
    )
    b = "That group would include Ms. Carter and adviser Bill Norton."
    assert _names(a, b) == []
    # the same list in one role: one member changed
    c = "Pressed by Helen Carter and Bill Norton of Ohio, they refused to budge from the offer."
    assert _names(a, c) == [("Tom Hale", "Bill Norton")]


@pytest.mark.model
def test_a_long_name_the_other_side_gives_by_its_initials_is_mentioned() -> None:
    # the tagger takes "Childhood Arrivals" alone; "DACA" is the whole name's initials
    a = (
        "He is offering an extension of the Obama-era Deferred Action for Childhood"
        " Arrivals program for immigrants."
    )
    b = (
        "After ending DACA protections, he is offering an extension of the TPS program"
        " for immigrants."
    )
    assert _names(a, b) == []
    assert _names(b, a) == []
    # other initials: the long name is not mentioned
    c = b.replace("DACA", "NAFTA")
    assert _names(a, c) == [("Childhood Arrivals", "TPS")]


@pytest.mark.model
def test_a_place_in_another_post_of_the_same_person_is_a_detail() -> None:
    # "former U.S. ambassador Tom Hale" / "former RNC co-chairman Tom Hale": two posts
    a = "Former U.S. ambassador Tom Hale and Bill Norton also round out the list."
    b = "The challengers include former RNC treasurer Tom Hale and Bill Norton."
    assert _names(a, b) == []
    # one post, two places: one slot
    c = "Former UN ambassador Tom Hale and Bill Norton also round out the list."
    assert _names(a, c) == [("U.S.", "UN")]


@pytest.mark.model
def test_a_body_in_the_description_of_a_person_the_other_side_never_names_is_a_detail() -> None:
    # "Tom Hale, the top Democrat on the Senate Intelligence Committee, said" against a
    # sentence on another panel: Hale's committee tells who Hale is
    a = "Tom Hale, the top Democrat on the Senate Intelligence Committee, said it was real."
    b = "Bill Norton is expected to testify before the Senate Judiciary Committee next week."
    assert _names(a, b) == []
    # one person's body told two ways is one slot, whatever the title
    c = "The talks had stalled, according to Tom Hale of the Senate Intelligence Committee."
    d = "The talks had stalled, said Tom Hale, spokesman for the Senate Judiciary Committee."
    assert _names(c, d) == [("Senate Intelligence Committee", "Senate Judiciary Committee")]
    # a title of several words held by one person in both: one slot
    e = "New York Attorney General Bill Norton unveiled a probe of illegal trading in funds."
    f = "The launch by Ohio Attorney General Bill Norton of a probe of illegal trading in funds."
    assert _names(e, f) == [("New York", "Ohio")]


@pytest.mark.model
def test_the_capitol_holds_the_houses_of_congress() -> None:
    a = ("The proposal, which the governor unveiled on Monday, appeared dead on arrival in "
         "the Capitol.")
    b = "The measures made the proposal more likely to be dead on arrival in the Senate."
    assert _names(a, b) == [] and _names(b, a) == []
    # another legislature's house is another place
    c = "The measures made the proposal more likely to be dead on arrival in the Knesset."
    assert _names(a, c) == [("Capitol", "Knesset")]


@pytest.mark.model
def test_a_speaker_and_a_person_given_one_title_of_several_words_are_one_post() -> None:
    a = "Danish Prime Minister Helen Carter told reporters the strike was an attack."
    b = "Danish Prime Minister Tom Hale denounced the strike as an attack."
    assert _names(a, b) == [("Helen Carter", "Tom Hale")]
    # former holders are many
    c = "Former Danish Prime Minister Helen Carter told reporters the strike was an attack."
    d = "Former Danish Prime Minister Tom Hale denounced the strike as an attack."
    assert _names(c, d) == []


@pytest.mark.model
def test_the_subjects_of_a_copula_with_a_prepositional_predicate_fill_one_role() -> None:
    # "was among those arrested": the copula's one prepositional phrase is its predicate,
    # so both subjects hang from "those" (aligned), whatever else each sentence adds
    a = "Helen Carter, 41, who once taught at Riverside High School, was among those arrested."
    b = "Tom Hale, 41, of Dayton, Ohio, was among those arrested."
    assert _names(a, b) == [("Helen Carter", "Tom Hale")]


@pytest.mark.model
def test_a_copula_with_two_prepositional_phrases_gives_no_predicate() -> None:
    # two phrases ("in Dayton", "on Friday"): which says it is a guess, so no head
    a = "Helen Carter was in Dayton on Friday for the hearing of the case, her lawyer said."
    b = "Tom Hale, her lawyer, said the court had heard the case at length."
    assert _names(a, b) == []


@pytest.mark.parametrize("name, people", [
    ("Americans", True), ("Muslim", True), ("Democrats", True), ("Kurdish", True),
    ("Ghanaian", True), ("Congolese", True), ("Californians", True), ("North Korean", True),
    ("Helix", False), ("Windows", False), ("Axcan", False), ("Kline", False),
])  # fmt: skip
def test_a_name_reads_as_a_people_by_its_words_or_its_place(name: str, people: bool) -> None:
    from factdiff.core.facts.places import reads_as_people

    assert reads_as_people(name) is people


@pytest.mark.model
def test_a_people_tag_the_name_does_not_bear_out_does_not_keep_it_from_other_names() -> None:
    # the tagger calls "Helix" (before "managers") a people; it is no people's name
    a = (
        "Without giving details, Helix managers also said the company's 8,000 workers"
        " could expect layoffs."
    )
    b = "Pentagon managers also said the company's 8,000 workers could expect layoffs."
    assert _names(a, b) == [("Helix", "Pentagon")]


@pytest.mark.model
def test_a_people_and_a_body_in_one_slot_stay_apart() -> None:
    a = (
        "Without giving details, Indonesian managers also said the company's 8,000 workers"
        " could expect layoffs."
    )
    b = "Pentagon managers also said the company's 8,000 workers could expect layoffs."
    assert _names(a, b) == []


@pytest.mark.model
def test_a_name_the_tagger_calls_a_product_is_compared_in_a_firm_slot() -> None:
    a = "Tom Hale was not asked to do any work for Springdale until June 1999."
    b = "Tom Hale was not asked to do any work for Triumph until June 1999."
    assert _names(a, b) == [("Springdale", "Triumph")]


@pytest.mark.model
def test_untyped_names_through_two_prepositions_are_two_roles() -> None:
    # a place ("in") and an agent ("by"), both under "policing"
    a = "Mr Hale has been granted control of three aspects of policing in the Solomons."
    b = "Mr Hale has been granted control of three aspects of policing by Commissioner Bill Norton."
    assert _names(a, b) == []
    c = "Mr Hale has been granted control of three aspects of policing in Tonga."
    assert _names(a, c) == [("Solomons", "Tonga")]


@pytest.mark.model
def test_two_speakers_given_one_post_of_one_place_are_two_holders() -> None:
    # "mayor of Dayton": the place the post is of is part of the title
    a = "Helen Carter, mayor of Dayton, said people from outside the region started the fire."
    b = (
        "Tom Hale, the newly elected mayor of Dayton, said people from outside the region"
        " set the blaze."
    )
    assert _names(a, b) == [("Helen Carter", "Tom Hale")]
    c = b.replace("Dayton", "Akron")
    assert _names(a, c) == []


@pytest.mark.model
def test_a_nouns_of_phrase_and_its_modifier_are_one_role() -> None:
    # "shares of Oracle" / "Xerox shares" / "Xerox's shares": whose shares, told two ways
    a = "Shares of Oracle fell 1 cent to close at $25.65 on the Nasdaq Stock Market."
    b = "Xerox shares fell 1 cent to close at $25.65."
    assert _names(a, b) == [("Oracle", "Xerox")]
    assert _names(a, "Xerox's shares fell 1 cent to close at $25.65.") == [("Oracle", "Xerox")]


@pytest.mark.model
def test_a_persons_of_phrase_is_not_a_modifier_of_the_person() -> None:
    # "Helen Carter of Missouri" (where she is from) / "RNC Co-Chairwoman Helen Carter"
    a = "The contenders include Helen Carter of Missouri, an ambassador to Luxembourg."
    b = "Challenges came from former RNC Co-Chairwoman Helen Carter and from Tom Hale."
    assert _names(a, b) == []


@pytest.mark.model
def test_a_title_of_two_posts_joined_by_and_is_read_whole() -> None:
    # the parse hangs "Chairman" on the name, on "of" or on "resignation" by the name
    a = ("On Monday, it also announced the resignation of Chairman and Chief Executive"
         " Officer Tom Hale.")
    b = "The move came just hours after the company's Chief Executive Officer Helen Carter quit."
    assert _names(a, b) == [("Tom Hale", "Helen Carter")]
    other = "The move came just hours after the Chief Financial Officer Helen Carter quit."
    assert _names(a, other) == []


@pytest.mark.model
def test_a_company_reporting_its_earnings_is_no_source_but_the_subject() -> None:
    # "reported earnings": what Xerox did, so its name is compared like any subject's
    a = ("In its third quarter, Oracle made $512 million, or 9 cents a share, on sales of"
         " $3.1 billion.")
    b = ("Xerox reported profits of $509 million, or 9 cents a share, on revenue of $3.05"
         " billion for the period ending in June.")
    assert _names(a, b) == [("Oracle", "Xerox")]


def test_a_pronoun_starting_a_quoted_sentence_is_no_name() -> None:
    """A quotation of two sentences capitalises the second one's pronoun ("... the
    plan. We believe ..."): no name, so no detail one side adds; an acronym its letters
    spell ("US") still is one."""
    a = '"We take no issue with the plan. We believe in it," Helen Carter said.'
    b = '"They back the plan. It works for the US," Tom Hale said.'
    assert [e.text for e in extract_facts(a).entities] == ["Helen Carter"]
    assert [e.text for e in extract_facts(b).entities] == ["US", "Tom Hale"]
    result = compare_facts(extract_facts(a), extract_facts(b))
    assert not {a[s.start : s.end] for s in result.a_details} & {"We"}
    assert not {b[s.start : s.end] for s in result.b_details} & {"It", "They"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # an initial inside or before a name is part of it, not its end
        ("At the rally, Tom J. Hale spoke for an hour.", ["Tom J Hale"]),
        ("J. Helen Carter said so.", ["J Helen Carter"]),
        # ... but not the first word of a sentence inside the sentence
        ("It was the plan. Then Hale left.", ["Hale"]),
        # a sentence's first word is no part of a name, nor a title behind it
        ("But Mr. Hale has kept close counsel.", ["Hale"]),
        ("Shares of Hale Motors rose.", ["Hale Motors"]),
        # a title word that begins a body's name stays in it
        ("The indictment was released by the Justice Department on Monday.",
         ["Justice Department"]),
        ("Judge Carter agreed.", ["Carter"]),
        ("Former Sen. Helen Carter agreed.", ["Helen Carter"]),
        # the first word of a sentence inside the sentence is as uncertain as any
        # sentence's first word
        ("Hale agreed to the plan. Now Carter must sign it.", ["Hale", "Carter"]),
    ],
)
def test_name_sequences_without_their_sentence_words(text: str, names: list[str]) -> None:
    """The pattern names (compared where a sentence has no parse; one-sided details
    always): a middle initial's stop does not cut a name in two ("Donald J" and
    "Trump"), and the capitalised words around a name are not part of it."""
    assert [e.text for e in extract_facts(text).entities] == names


def test_a_name_with_its_middle_initial_is_the_name_without() -> None:
    """"Tom J. Hale" against "Tom Hale": one person, no detail one side adds."""
    a = extract_facts("Tom J. Hale signed the bill on Monday.")
    b = extract_facts("Tom Hale signed the bill on Monday.")
    result = compare_facts(a, b)
    assert result.conflicts == () and result.a_details == ()


@pytest.mark.model
def test_a_headline_in_title_case_names_only_what_the_parse_names() -> None:
    """A headline capitalises every word, so the pattern names run on ("Hale Lashes Out
    At Former Aide Over Leaked Emails" was one name): in a sentence whose verbs,
    prepositions and common nouns are capitalised, a name only where the parse reads
    every word of it as one. An ordinary sentence full of names keeps them all."""
    head = "Hale Lashes Out At Former Aide Over Leaked Emails"
    names = [e.text for e in extract_facts(head, parse=nlp.parse(head)).entities]
    assert "Lashes" not in " ".join(names) and "Emails" not in " ".join(names)
    text = 'He said: "We will. They must," Tom Hale of the Bank of America told Helen Carter.'
    assert [e.text for e in extract_facts(text, parse=nlp.parse(text)).entities] == [
        "Tom Hale", "Bank of America", "Helen Carter"]
    # "I" is capitalised in any sentence: no sign of a headline
    from factdiff.core.facts.extract.entities import _title_case

    assert _title_case(nlp.parse(head))
    assert not _title_case(nlp.parse('"I think I can, and I will," Tom Hale said.'))
    # a title inside a sentence leaves the sentence's own words in lower case
    assert not _title_case(nlp.parse(
        'Tom Hale wrote a book called "Quit Digging Your Grave With A Knife" last year.'))


@pytest.mark.model
def test_a_title_word_the_parse_reads_inside_a_body_name_stays() -> None:
    """"General" of "General Motors" is no general's title where the parse reads it as
    part of a name that is no person's; "Gen." before a person still is."""
    text = "Shares of General Motors fell, and Gen. Tom Hale said so."
    got = extract_facts(text, parse=nlp.parse(text)).entities
    assert [e.text for e in got][:1] == ["General Motors"]


def test_a_title_with_its_stop_is_the_name_s_title() -> None:
    """"Sen. Tom Hale": the stop of "Sen." does not cut the title off its name."""
    got = extract_facts("Sen. Tom Hale and Gov. Helen Carter met.").entities
    assert [(e.text, sorted(e.titles)) for e in got] == [
        ("Tom Hale", ["sen"]), ("Helen Carter", ["gov"])]
