"""Speakers under the fullest name the article gives them, on short hand-written articles.

Each test states one naming rule (honorifics, a short name for a full one, a title before a name,
a country owning a body, a role never given a name, an unnamed group) and checks the speaker of
the facts it concerns.
"""

from __future__ import annotations

from relexplorer.extract.speakers.names import main_person
from relexplorer.model import Speaker
from tests.unit.test_speakers import speakers_of, who


def test_honorifics_are_dropped_and_a_short_name_takes_the_full_one_the_article_writes():
    result = speakers_of(
        "Prime Minister Datuk Seri Hamid Rosli\u2019s travels were paid by the state, officials said.\n\n"
        "Hamid said the trips cost less than RM2 million.\n\n"
        "Mr Hamid added that 75 per cent of the cost was borne by companies.\n"
    )
    assert who(result, "cost less than") == [("Hamid Rosli", "person")]
    assert who(result, "75 per cent") == [("Hamid Rosli", "person")]


def test_a_body_owned_by_a_country_keeps_the_country_and_lends_it_to_its_short_name():
    result = speakers_of(
        "Russia\u2019s Defense Ministry said its forces shot down 33 drones overnight.\n\n"
        "The ministry added that 12 of them were over the Moscow region.\n"
    )
    assert who(result, "33 drones") == [("Russian Defense Ministry", "organization")]
    assert who(result, "12 of them") == [("Russian Defense Ministry", "organization")]


def test_a_title_before_a_name_the_entity_rules_do_not_know_gives_the_person():
    result = speakers_of(
        "\u201cIt was a terrible night for all 40 families,\u201d said Lviv resident Oksana Hrytsenko.\n\n"
        "Acme Editor-in-Chief Talia Brennerova said 3 reporters were hurt.\n"
    )
    assert who(result, "terrible night") == [("Oksana Hrytsenko", "person")]
    assert who(result, "3 reporters") == [("Talia Brennerova", "person")]


def test_a_body_that_only_qualifies_a_person_does_not_speak_for_them():
    result = speakers_of(
        "In Washington, White House press secretary Josh Earnest condemned the attack and said "
        "the U.S. would send 20 investigators.\n"
    )
    assert who(result, "20 investigators") == [("Josh Earnest", "person")]


def test_a_role_with_its_name_in_an_appositive_is_that_person():
    result = speakers_of(
        "The leader of the Ennahda party, Rashid Ghannoum, condemned the attack, saying that 19 "
        "deaths would not break the country.\n"
    )
    assert who(result, "19 deaths") == [("Rashid Ghannoum", "person")]


def test_officials_of_a_named_administration_are_unnamed_and_a_number_of_analysts_too():
    result = speakers_of(
        "Obama administration officials said that 5 sanctions would be lifted.\n\n"
        "A number of analysts say that 2 of them matter most.\n"
    )
    assert who(result, "5 sanctions") == [("Obama administration officials", "unnamed")]
    assert who(result, "2 of them")[0][1] == "unnamed"


def test_a_negation_in_another_clause_does_not_hide_the_cue_and_the_participle_is_the_same_speaker():
    result = speakers_of(
        "Russian President Vladimir Putin spoke in Moscow on 2 March.\n\n"
        "The country\u2019s system had failed 3 times, he said, adding that it was \u201cour fault.\u201d\n"
    )
    assert who(result, "failed 3 times") == [("Vladimir Putin", "person")]


def test_his_spokesman_is_an_unnamed_office_and_a_report_is_its_body():
    result = speakers_of(
        "Opposition leader Morgan Tsvangirai returned to Harare, his spokesman said on 14 November.\n\n"
        "The European Commission\u2019s report said 9 sites were hit.\n"
    )
    assert who(result, "returned to Harare") == [("his spokesman", "unnamed")]
    assert who(result, "9 sites") == [("European Commission", "organization")]


def test_the_main_speaker_is_the_one_who_spoke_most_the_latest_of_equals():
    a, b = Speaker("Ana Lima", "person", 0, 1), Speaker("Ben Ode", "person", 0, 1)
    org = Speaker("Acme Corp", "organization", 0, 1)
    assert main_person([a, b, a, org]) == "Ana Lima"
    assert main_person([a, b]) == "Ben Ode"
    assert main_person([org]) == ""


def test_a_name_with_an_age_and_a_long_appositive_before_said_is_the_subject():
    result = speakers_of(
        "Yevhen Zosin, 74, a Kyiv resident who witnessed the attack, said 2 buildings burned.\n"
    )
    assert who(result, "2 buildings") == [("Yevhen Zosin", "person")]


def test_as_someone_put_it_attributes_the_quotation():
    result = speakers_of(
        "As Ayatollah Ali Khamenei put it, \u201cthey claim that 5 sanctions will be lifted.\u201d\n\n"
        "The company put it on sale for $5 million.\n"
    )
    assert who(result, "5 sanctions") == [("Ali Khamenei", "person")]
    assert who(result, "on sale") == []


def test_a_title_only_mention_is_no_name_and_the_name_ending_the_subject_speaks():
    result = speakers_of(
        "Philippine Marine Corps Commandant Major General Arturo Rojas said 1,000 troops took part.\n\n"
        "Sir Keir Starmer said 20 tickets were declared.\n\n"
        "The Prime Minister suggested he would accept 3 more gifts.\n"
    )
    assert who(result, "1,000 troops") == [("Arturo Rojas", "person")]
    assert who(result, "3 more gifts") == [("Keir Starmer", "person")]


def test_he_after_an_opening_asked_clause_is_the_one_asked_not_the_one_named_in_it():
    result = speakers_of(
        "Sir Keir Starmer said on Monday that 20 tickets were declared.\n\n"
        "Asked whether he would accept gifts from Lord Waheed Alli, he said: \u201cI will follow all 7 rules.\u201d\n"
    )
    assert who(result, "7 rules") == [("Keir Starmer", "person")]


def test_groups_of_sources_a_person_from_a_body_and_a_body_and_others():
    result = speakers_of(
        "Other environmentalists say 3 plans have not been drafted.\n\n"
        "Lauren Nel from Natural Justice in Cape Town says: \u201cWe demand 2 disclosures.\u201d\n\n"
        "Amnesty International and other rights groups often deflect 4 accusations by arguing that donors consent.\n\n"
        "Environmentalists say nothing has been done about the 5 parks.\n"
    )
    assert who(result, "3 plans")[0][1] == "unnamed"
    assert who(result, "2 disclosures") == [("Lauren Nel", "person")]
    assert who(result, "4 accusations") == [("Amnesty International", "organization")]
    assert who(result, "5 parks")[0][1] == "unnamed"


def test_the_first_person_is_the_author_and_a_relative_by_clause_is_no_attribution():
    result = speakers_of(
        "I\u2019d be shocked if 9 firms were not connecting those dots given the goals they claim.\n\n"
        "The party tried to rally 40 percent of voters by saying that turnout was high.\n"
    )
    assert who(result, "9 firms") == []


def test_a_quotation_after_a_paragraph_that_introduces_a_person_is_theirs():
    result = speakers_of(
        "However, Transnet pipelines executive Russell Bradbrooke has reservations about the 2 pipelines.\n\n"
        "\u201cIt is an option to move 40 tonnes of hydrogen a day.\u201d\n"
    )
    assert who(result, "40 tonnes") == [("Russell Bradbrooke", "person")]


def test_the_object_of_a_causative_verb_speaks_the_infinitive():
    result = speakers_of(
        "That kind of talk led Christie to suggest that 2 rivals were \u201cnot up to this.\u201d\n\n"
        "Officials expected Smith to argue that 3 claims were false.\n"
    )
    assert who(result, "2 rivals") == [("Christie", "person")]
    assert who(result, "3 claims") == []
