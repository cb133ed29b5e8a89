"""Actors: one node per real actor, never two actors in one node (issue 16).

Every text here was written for these tests. They run the real spaCy pipeline and check
behaviour: which mentions end up in which actor, and why.
"""

from __future__ import annotations

import pytest

from conftest import extract_texts


def actors_of(result):
    return {a.label: a for a in result.actors}


def actor_with(result, text):
    """The actor one of whose mentions reads ``text``."""
    found = [a for a in result.actors if any(m.text == text for m, _ in a.mentions)]
    assert found, f"no actor mentioned as {text!r}: {sorted(a.label for a in result.actors)}"
    return found[0]


def reasons(actor, text):
    return {r for m, r in actor.mentions if m.text == text}


# --------------------------------------------------------------------------- merge precision


def test_initials_merge_only_when_spelled_out(nlp):
    result = extract_texts(nlp, {"a": (
        "The Harbor Renewal Trust (HRT) bought the pier on Monday. HRT said the deal would close soon.\n"
        "The Clinton campaign said it raised money. Climate Central said the seas are rising.\n"
        "The Delta Water Board approved the plan. DWB members were not available.")})
    trust = actor_with(result, "HRT")
    assert any(m.text == "Harbor Renewal Trust" for m, _ in trust.mentions)
    assert "acronym (spelled out in the text)" in reasons(trust, "HRT")
    campaign, central = actor_with(result, "Clinton campaign"), actor_with(result, "Climate Central")
    assert campaign is not central
    board = actor_with(result, "Delta Water Board")
    assert not any(m.text == "DWB" for m, _ in board.mentions)


def test_two_bodies_after_a_plural_noun_are_two(nlp):
    """ "supermarket chains Kroger and Albertsons" tagged as one name is two companies; "Procter and
    Gamble" stays one."""
    result = extract_texts(nlp, {"a": "The FTC sued to block the merger of supermarket chains Kroger and "
                                      "Albertsons. Kroger said it would fight."})
    assert actor_with(result, "Kroger") is not actor_with(result, "Albertsons")
    assert actor_with(extract_texts(nlp, {"a": "Procter and Gamble said profits rose."}), "Procter and Gamble")


def test_well_known_acronym_table_merges_across_articles(nlp):
    result = extract_texts(nlp, {
        "a": "U.S. Immigration and Customs Enforcement said on Monday that arrests rose.",
        "b": "ICE said on Tuesday that it would appeal the ruling.",
    })
    ice = actor_with(result, "ICE")
    assert ice is actor_with(result, "U.S. Immigration and Customs Enforcement")
    assert ice.merges, "a cross-article merge keeps its reason"


def test_different_given_names_and_suffixes_never_merge(nlp):
    result = extract_texts(nlp, {
        "a": "Donald Trump said the polls were wrong. Donald Trump Jr. said the campaign was strong.\n"
             "Bill Clinton spoke in Flint. Hillary Clinton spoke in Ohio.",
        "b": "Donald Trump Jr. told reporters that he would travel. Trump said the rally went well.",
    })
    father, son = actor_with(result, "Donald Trump"), actor_with(result, "Donald Trump Jr.")
    assert father is not son
    assert actor_with(result, "Bill Clinton") is not actor_with(result, "Hillary Clinton")
    assert not any("Jr" in alias for alias in father.aliases)


@pytest.mark.parametrize("text", [
    "Bill Clinton, who signed the 1994 Crime Bill, spoke on Monday.",
    "Bill Clinton signed the 1994 Crime Bill.",
])
def test_a_given_name_that_ends_another_name_is_not_the_person(nlp, text):
    """ "the 1994 Crime Bill" is no mention of Bill Clinton, tagged as a name or not."""
    clinton = actor_with(extract_texts(nlp, {"a": text}), "Bill Clinton")
    assert {m.text for m, _ in clinton.mentions} == {"Bill Clinton"}


def test_nicknames_merge_across_articles_with_their_reason(nlp):
    result = extract_texts(nlp, {
        "a": "Mayor Jim Kenney said the city would not renew the contract.",
        "b": "James Kenney told reporters the contract would end. Kenney said he was sure.",
    })
    kenney = actor_with(result, "Jim Kenney")
    assert kenney is actor_with(result, "James Kenney")
    assert any("same full name" in reason for reason in kenney.merges)


def test_cross_article_merges_need_compatible_types(nlp):
    result = extract_texts(nlp, {
        "a": "Denzel Washington said the film was finished. Washington said he was proud.",
        "b": "Washington has warned Moscow that sanctions would follow, officials in Paris said.",
    })
    person = actor_with(result, "Denzel Washington")
    assert all(m.doc_id == "a" for m, _ in person.mentions)


# --------------------------------------------------------------------------- officials


def test_officials_staff_and_lawyers_are_their_organisation(nlp):
    result = extract_texts(nlp, {"a": (
        "U.S. Immigration and Customs Enforcement expanded its program this year. ICE officials said "
        "the data helped. Agency officials said arrests rose.\n"
        "The Justice Department sued the state on Monday. Justice Department lawyers argued that "
        "the law was void.\n"
        "The United Auto Workers struck on Friday. The UAW's leadership said talks had failed.")})
    ice = actor_with(result, "ICE")
    assert actor_with(result, "ICE officials") is ice
    assert actor_with(result, "Agency officials") is ice
    assert "official of the organisation" in reasons(ice, "ICE officials")
    assert actor_with(result, "Justice Department lawyers") is actor_with(result, "Justice Department")
    assert actor_with(result, "The UAW's leadership") is actor_with(result, "United Auto Workers")


def test_the_city_its_staff_and_the_mayors_office(nlp):
    result = extract_texts(nlp, {"a": (
        "PHILADELPHIA (AP) - Philadelphia will stop sharing arrest data, Mayor Jim Kenney said.\n"
        "The City of Philadelphia signed the contract in 2012. City staff found that the system was "
        "misused. The mayor's office said the city would not renew it.")})
    city = actor_with(result, "Philadelphia")
    assert actor_with(result, "City of Philadelphia") is city
    assert actor_with(result, "City staff") is city
    assert actor_with(result, "the city") is city
    assert city.type == "Place"
    assert actor_with(result, "The mayor's office") is actor_with(result, "Jim Kenney")


def test_the_municipality_of_a_town_is_the_town(nlp):
    """ "Municipality of X", "Province of X" are the place X, as "City of X" is; "the city" then
    has one place to mean."""
    result = extract_texts(nlp, {"a": (
        "The tax case was brought by the Municipality of Bologna in 2012. Schools in Bologna refused to pay. "
        "The city argued that the schools were businesses. The Province of Ontario sued Ottawa, and Ontario won.")})
    town = actor_with(result, "Municipality of Bologna")
    assert actor_with(result, "Bologna") is town
    assert actor_with(result, "The city") is town
    assert actor_with(result, "Province of Ontario") is actor_with(result, "Ontario")


def test_the_officer_is_not_the_officers_named_before(nlp):
    result = extract_texts(nlp, {"a": "A man was shot by a Minneapolis police officer after he pointed a weapon at "
                                      "officers. The police union defended the officer."})
    officer = actor_with(result, "the officer")
    assert officer is actor_with(result, "a Minneapolis police officer")
    assert "officers" not in {m.text for m, _ in officer.mentions}


@pytest.mark.parametrize("text, name, type_", [
    ("The National Basketball Players Association filed a grievance.", "National Basketball Players Association",
     "Organization"),
    ("The Iowa State Education Association sued the state.", "Iowa State Education Association", "Organization"),
    ("The Federal Trade Commission sued the company.", "Federal Trade Commission", "GovernmentOrganization"),
])
def test_a_body_whose_name_ends_in_a_kind_has_that_kinds_type(nlp, text, name, type_):
    """ "National" or "State" in an association's name makes no government body of it."""
    assert actor_with(extract_texts(nlp, {"a": text}), name).type == type_


def test_the_government_is_no_ministry_named_before(nlp):
    result = extract_texts(nlp, {"a": "The Interior Ministry said 20 officers were injured. President Salome "
                                      "Zourabichvili, a fierce critic of the government, vowed to veto the measure."})
    assert "the government" not in {m.text for m, _ in actor_with(result, "Interior Ministry").mentions}


def test_a_kind_noun_means_a_place_of_that_kind(nlp):
    """"the city" is no country and "the country" no city, however few places an article names."""
    city = extract_texts(nlp, {"a": "Rebels backed by Iran attacked the city on Monday."})
    assert actor_with(city, "the city") is not actor_with(city, "Iran")
    country = extract_texts(nlp, {"a": "Iran launched missiles on Monday. The country said it was defending itself."})
    assert actor_with(country, "The country") is actor_with(country, "Iran")
    country = extract_texts(nlp, {"a": "Philadelphia officials met on Monday. Residents of the country are angry."})
    assert "the country" not in {m.text for m, _ in actor_with(country, "Philadelphia").mentions}


def test_named_spokesperson_is_a_person_member_of_the_organisation(nlp):
    from kg.graph.rdf import to_graph
    from kg.graph.vocab import ORG

    result = extract_texts(nlp, {"a": (
        "Greenpeace criticised the plan on Monday. Greenpeace spokeswoman Jane Porter said the "
        "ships must stop drilling.")})
    porter, greenpeace = actor_with(result, "Jane Porter"), actor_with(result, "Greenpeace")
    assert porter is not greenpeace and porter.type == "Person"
    assert greenpeace.type == "Organization"
    graph = to_graph(result)
    members = {(str(s), str(o)) for s, o in graph.subject_objects(ORG.memberOf)}
    assert any(s.endswith("/jane-porter") and o.endswith("/greenpeace") for s, o in members)


# --------------------------------------------------------------------------- roles, not nodes


def test_titles_and_appositions_are_roles_of_one_node(nlp):
    result = extract_texts(nlp, {"a": (
        "David Knopman, MD, a Mayo Clinic neurologist, panel member, and an investigator, said "
        "the drug was promising.\n"
        "Ban Ki-moon, the secretary general of the United Nations, said the report was late.")})
    knopman = actor_with(result, "David Knopman")
    assert not any(a.type == "Place" and a.label == "MD" for a in result.actors)
    assert actor_with(result, "a Mayo Clinic neurologist") is knopman
    assert actor_with(result, "the secretary general of the United Nations") is actor_with(result, "Ban Ki-moon")


def test_a_title_the_tagger_puts_inside_the_name_is_a_role(nlp):
    """ "Councilman Ray Ortiz" tagged as one name is Ray Ortiz, councilman."""
    result = extract_texts(nlp, {"a": "But Councilman Ray Ortiz, one of the three dissenting votes, said the deal "
                                      "was bad. Ortiz voted no."})
    ortiz = actor_with(result, "Ray Ortiz")
    assert ortiz.label == "Ray Ortiz"
    assert actor_with(result, "Ortiz") is ortiz


def test_local_offices_and_their_adjectives_are_titles(nlp):
    """ "former Montgomery County Treasurer Gregory Pell" is Gregory Pell (also "Greg Pell"), and
    "Tribal" in "Tribal Chairman Terry Rambler" no person: part of his title."""
    result = extract_texts(nlp, {"a": (
        "Prosecutors on Monday accused former Montgomery County Treasurer Gregory Pell of stealing more "
        "than $2 million from county accounts. \"Greg Pell is an honest man,\" his lawyer said.\n\n"
        "Tribal Chairman Terry Rambler said the mine would destroy Oak Flat.")})
    pell = actor_with(result, "Gregory Pell")
    assert pell.label == "Gregory Pell" and actor_with(result, "Greg Pell") is pell
    assert not any(a.label == "Tribal" for a in result.actors)
    assert actor_with(result, "Terry Rambler").type == "Person"


def test_a_name_with_particles_and_a_portfolio_title_are_read_whole(nlp):
    """ "Ursula von der Leyen" the tagger cut into a person and a place is one person; "Commerce" in
    "Commerce Secretary Howard Lutnick" is part of his role, not an organisation; "the bloc" is a body."""
    result = extract_texts(nlp, {"a": (
        "European Commission President Ursula von der Leyen said the tariffs were damaging. Von der Leyen "
        "warned that the bloc would respond. \u201cWe were undercut,\u201d said Commerce Secretary Howard Lutnick.")})
    leyen = actor_with(result, "Ursula von der Leyen")
    assert leyen.type == "Person" and not any(a.label in {"Leyen", "Commerce"} for a in result.actors)
    assert ("commerce secretary", None, None) in actor_with(result, "Howard Lutnick").roles
    assert actor_with(result, "the bloc").type != "Person"


def test_a_description_named_so_is_that_person_and_a_plain_add_is_no_speech(nlp):
    """ "a retired teacher named Carol Diaz" is Diaz; "electric heating would add thousands of
    dollars" makes no speaker of the heating ("told reporters" still speaks)."""
    result = extract_texts(nlp, {"a": (
        "Several speakers complained. One, a retired teacher named Carol Diaz, said she loved cooking on gas. "
        "Dan Whitaker said electric heating would add thousands of dollars to the cost of a home. "
        "\u201cIt is late,\u201d the poster told reporters.")})
    assert actor_with(result, "a retired teacher") is actor_with(result, "Carol Diaz")
    assert not any("heating" in a.label for a in result.actors)
    assert actor_with(result, "the poster")


def test_a_name_in_apposition_inside_a_description_is_that_person(nlp):
    """ "The president of Carlton University, Dr. James Whitfield," (the parser hangs the name on
    the university) is one person."""
    result = extract_texts(nlp, {"a": "The president of Carlton University, Dr. James Whitfield, resigned Friday."})
    assert actor_with(result, "The president of Carlton University") is actor_with(result, "James Whitfield")


def test_what_someone_is_called_is_no_actor_and_no_role(nlp):
    """ "called Gomez 'an extremist' who supports abortion": the extremist is Gomez in Becker's
    words, not a node of its own, and not her role."""
    result = extract_texts(nlp, {"a": "Tom Becker called Laura Gomez \u201can extremist\u201d who supports "
                                      "abortion, a claim fact-checkers rated false."})
    gomez = actor_with(result, "Laura Gomez")
    assert actor_with(result, "an extremist") is gomez
    assert not gomez.roles


def test_a_title_becomes_the_role_of_the_person(nlp):
    result = extract_texts(nlp, {"a": "Sen. Bernie Sanders spoke on Friday. The senator said the bill was weak."})
    sanders = actor_with(result, "Bernie Sanders")
    assert actor_with(result, "The senator") is sanders
    assert any(role[0] == "senator" for role in sanders.roles)


def test_a_title_phrase_before_a_name_is_the_role_not_a_node(nlp):
    result = extract_texts(nlp, {"a": (
        "Health Secretary Jeremy Hunt said the plan would work.\n"
        "Governor of Washington Chris Gregoire said the state was ready.\n"
        "Labour's Shadow Home Secretary Yvette Cooper said the survey was flawed.\n"
        "White House press secretary Josh Earnest said the law works.")})
    hunt = actor_with(result, "Jeremy Hunt")
    assert hunt.label == "Jeremy Hunt" and ("health secretary", None, None) in hunt.roles
    gregoire = actor_with(result, "Chris Gregoire")
    assert gregoire.label == "Chris Gregoire" and ("governor", None, "Washington") in gregoire.roles
    assert actor_with(result, "Governor of Washington") is gregoire
    assert reasons(gregoire, "Governor of Washington") == {"title"}
    cooper = actor_with(result, "Yvette Cooper")
    assert ("shadow home secretary", None, "Labour") in cooper.roles and "Labour" in cooper.affiliations
    assert not any(a.label == "Shadow Home" for a in result.actors)
    earnest = actor_with(result, "Josh Earnest")
    assert ("press secretary", None, "White House") in earnest.roles


def test_a_title_after_a_name_at_the_end_of_a_line_is_its_apposition(nlp):
    result = extract_texts(nlp, {"a": (
        'Charles Bolden spoke at the ceremony. "We will build the museum," he said.\n\n'
        'Charles Bolden, NASA Administrator\n\n'
        "The agency thanked the crowd.")})
    bolden = actor_with(result, "Charles Bolden")
    assert actor_with(result, "NASA Administrator") is bolden
    assert ("administrator", None, None) in bolden.roles and "NASA" in bolden.affiliations


def test_an_unnamed_spokesperson_or_aide_of_a_person_speaks_as_that_person(nlp):
    result = extract_texts(nlp, {"a": (
        "A spokesman for Donald Trump said the report was false. Hope Hicks, a spokeswoman for "
        "Donald Trump, said the campaign would respond. An aide to Hillary Clinton said she was "
        "resting. Clinton's spokeswoman said the schedule had not changed.")})
    trump, clinton = actor_with(result, "Donald Trump"), actor_with(result, "Hillary Clinton")
    assert actor_with(result, "A spokesman for Donald Trump") is trump
    assert actor_with(result, "An aide") is clinton
    assert actor_with(result, "Clinton's spokeswoman") is clinton
    assert not trump.roles and not clinton.roles, "the spokesperson's role is not the principal's"
    hicks = actor_with(result, "Hope Hicks")
    assert hicks is not trump and "Donald Trump" in hicks.affiliations


def test_a_headline_description_is_no_antecedent_for_the_body(nlp):
    """ "Council approves stadium" in the headline does not capture the body's "the council"."""
    result = extract_texts(nlp, {"a": (
        "Council approves downtown stadium despite neighborhood opposition\n\nBy Laura Chen\n\n"
        "SPRINGFIELD, Ill. (AP) \u2014 The Springfield City Council voted 6-3 on Tuesday to approve a stadium.\n\n"
        "The team's owner, Gregory Hale, praised the council.")})
    assert actor_with(result, "the council") is actor_with(result, "Springfield City Council")


# --------------------------------------------------------------------------- never actors


def test_datelines_headlines_subheads_and_bylines_are_not_actors(nlp):
    result = extract_texts(nlp, {"a": (
        "Gazette Editors Condemn Harbor Plan\n\n"
        "By Maria Lopez\n\n"
        "WICHITA, Kan. (AP) — The city council voted on Tuesday to sell the harbor, Mayor Ann Reed said.\n"
        "A Heated Exchange On Live Radio\n"
        "Reed said the vote was fair and that residents would benefit.")})
    labels = {a.label for a in result.actors}
    assert "Wichita" not in labels and "AP" not in labels and "Associated Press" not in labels
    assert not any("Gazette" in label for label in labels)
    assert "Maria Lopez" not in labels
    assert not any("Heated Exchange" in label for label in labels)
    assert "Ann Reed" in labels


@pytest.mark.parametrize("opening", ["By Jane Doe\n\nAUSTIN, Texas -- ", "Border Plan Fails\n\nBy Jane Doe\n\nAUSTIN, Texas (AP) — ",
                                     "Border Plan Fails\n\nAUSTIN, Texas — "])
def test_a_dateline_after_a_headline_or_byline_is_no_actor_speaker_or_holder(nlp, opening):
    result = extract_texts(nlp, {"a": opening + "Governor Greg Abbott criticized the federal government on Monday.\n\n"
                                           "Abbott said the border plan had failed."})
    (document,) = result.documents
    assert document.document.dateline.place == "Austin, Texas"
    assert not any(label in {"Austin", "Texas", "AP", "Associated Press", "Jane Doe"} for label in (a.label for a in result.actors))
    assert {c.speaker.label() for c in document.claims} == {"Greg Abbott"}
    assert {s.holder.label() for s in document.stances} <= {"Greg Abbott"}


def test_a_first_line_that_is_a_sentence_is_body_text(nlp):
    """Its actors, claims and stances count; a short line without final punctuation stays the headline."""
    body = ("The decision angered federal officials, who called it reckless.\n\n"
            "Kenney said the city would not back down.")
    result = extract_texts(nlp, {
        "sentence": "Mayor Jim Kenney said on Friday that Philadelphia would stop sharing arrest data with ICE.\n\n" + body,
        "headline": "Philadelphia Cuts Off ICE\n\nMayor Jim Kenney announced the decision on Friday.\n\n" + body})
    sentence, headline = sorted(result.documents, key=lambda d: d.document.id, reverse=True)
    assert {"Philadelphia", "ICE"} <= {a.label() for a in sentence.actors}
    assert len([c for c in sentence.claims if c.speaker.label() == "Jim Kenney"]) == 2
    assert not {"Philadelphia", "ICE"} & {a.label() for a in headline.actors}


def test_the_documents_own_title_is_its_headline_whatever_its_punctuation():
    from kg.extract.layout import find_layout

    text = "Trump urges supporters to monitor polling places.\n\nDonald Trump spoke in Ohio.\n\nHe left."
    assert find_layout(text).headings == ()
    assert find_layout(text, title="Trump urges supporters to monitor polling places").headings == ((0, 49),)
    assert find_layout("Stealth Over Health: Clinton Was Headed to ER.\n\nThe Post said so.\n\nShe left.").headings


def test_a_run_in_head_is_a_heading_but_a_speakers_label_is_not(nlp):
    from kg.extract.layout import find_layout

    text = ("The council met on Monday.\n\nLimited Tools to Fight Terrorism: The United Nations was set up long "
            "ago.\n\nMayor Jim Kenney of Philadelphia: The city will not cooperate.\n\nCONGRESS HAS "
            "INVESTIGATED HIM \u2014 Oz appeared at a hearing.\n\nThe end.")
    headings = [text[a:b] for a, b in find_layout(text).headings]
    assert headings == ["Limited Tools to Fight Terrorism", "CONGRESS HAS INVESTIGATED HIM"], headings
    result = extract_texts(nlp, {"a": text})
    assert not any(a.label() == "Limited Tools" for d in result.documents for a in d.actors)


def test_truncated_words_are_not_names(nlp):
    result = extract_texts(nlp, {"a": "The council said the plan was final. Officials at the port said Merg"})
    assert not any(a.label == "Merg" for a in result.actors)


def test_documents_speak_for_their_filer_and_animals_do_not_speak(nlp):
    result = extract_texts(nlp, {"a": (
        "The Sierra Club filed a lawsuit against the agency on Monday. The lawsuit alleges that the "
        "permit broke the law.\n"
        "Koalas fear the heat, rangers said.")})
    club = actor_with(result, "Sierra Club")
    assert actor_with(result, "The lawsuit") is club
    assert "document of its author" in reasons(club, "The lawsuit")
    assert not any(a.type == "Person" and "oala" in a.label for a in result.actors)
    assert club.type == "Organization"


@pytest.mark.parametrize("construction", ["entity name", "name part", "acronym", "named source", "pronoun",
                                          "document source", "actor noun"])
def test_every_construction_is_registered_and_finds_something(nlp, construction):
    from kg.extract.actors import CONSTRUCTIONS, extract_mentions

    text = ("Maria Lopez sued the city. The judge ruled for Lopez on Monday. Officials said the data "
            "went to the HRT. According to the Daily Planet, the deal was off. The report says the plan "
            "failed. A judge said she would rule.")
    assert construction in CONSTRUCTIONS
    found = {m.construction for m in extract_mentions(nlp(text), "t")}
    assert construction in found


def test_a_person_named_in_full_and_by_given_name_alone_merges_across_articles(nlp):
    from conftest import extract_texts

    result = extract_texts(nlp, {
        "a": "Donald Trump spoke in Ohio on Monday. Trump said the economy was weak. Donald waved.",
        "b": "Donald Trump visited Texas. Trump praised the governor.",
        "c": "Donald Trump held a rally in Iowa. Later, Trump left."})
    trumps = [a for a in result.actors if "Trump" in a.label]
    assert len(trumps) == 1, [(a.label, a.aliases) for a in trumps]


def test_a_title_cased_dateline_with_its_agency_is_no_actor(nlp):
    from conftest import extract_texts

    result = extract_texts(nlp, {"d": "Obama to campaign in Ohio\n\nPhiladelphia (AFP) – US President Barack Obama "
                                      "will spearhead a Democratic effort to win Ohio, aides said on Monday.\n\n"
                                      "The president will speak in Cleveland on Wednesday."})
    (document,) = result.documents
    assert not any(s.holder.label() == "Philadelphia" for s in document.stances)
    assert not any(a.label() in {"Philadelphia", "AFP"} for a in document.actors if a.agentive)


def test_a_hyphenated_name_in_apposition_to_a_role_is_a_person(nlp):
    """ "Its director general, Cecilia Bonefeld-Dahl," is one person, whatever the tagger says of
    the hyphenated name."""
    result = extract_texts(nlp, {"a": (
        "Industry group DigitalEurope opposed the ban. Its director general, Cecilia Bonefeld-Dahl, said "
        "lawmakers were ignoring the benefits of the technology.")})
    person = actor_with(result, "Cecilia Bonefeld-Dahl")
    assert person.type == "Person" and "Its director general" in {m.text for m, _ in person.mentions}


def test_the_dateline_place_is_a_place_whatever_the_tagger_says(nlp):
    result = extract_texts(nlp, {"a": (
        "LUSAKA, Zambia (Reuters) — Opposition leader Hakainde Mulenga told supporters in Lusaka that the "
        "election had been stolen.")})
    assert not any(a.label == "Lusaka" and a.type != "Place" for a in result.actors)


def test_a_thing_called_a_word_ending_like_a_person_noun_is_no_person(nlp):
    """ 'called the decision "a disaster"': the quoted words stand in apposition to a thing, so
    "disaster" (which ends like "worker") is no person."""
    result = extract_texts(nlp, {"a": "Kevin Lee called the decision \u201ca disaster\u201d."})
    assert list(actors_of(result)) == ["Kevin Lee"]


def test_a_company_described_before_its_name_is_a_body(nlp):
    """ "Pharmaceutical giant Novo Nordisk": the noun before the name says it is a company, so "it"
    and "the company" can take it up."""
    result = extract_texts(nlp, {"a": "Pharmaceutical giant Novo Nordisk sued Medicare. The company said "
                                      "the program was unconstitutional."})
    novo = actor_with(result, "Novo Nordisk")
    assert novo.type == "Organization"
    assert actor_with(result, "The company") is novo


def test_several_employers_are_not_the_one_body_named_last(nlp):
    """ "the employers" after "the FNV Havens union": a plural of a noun for a body means several
    bodies, never the one named just before."""
    result = extract_texts(nlp, {"a": "The FNV Havens union walked out on Monday. Niek Stam accused the "
                                      "employers of negotiating in bad faith."})
    assert actor_with(result, "the employers").label == "employers"


def test_an_apposition_of_its_kind_is_the_body(nlp):
    """ "Harvest Partners, a nonprofit" ... "the nonprofit" is one organisation."""
    result = extract_texts(nlp, {"a": (
        "Harvest Partners, a nonprofit that helps farmers, praised the deal. The nonprofit said it was pleased.")})
    partners = actor_with(result, "Harvest Partners")
    assert actor_with(result, "The nonprofit") is partners
    assert partners.type == "Organization"


def test_names_the_tagger_cuts_are_repaired(nlp):
    """The given name the tagger left out ("CEO of the Refugee Council Enver Solomon" tagged only
    "Solomon"), and a person speaking for a body tagged as one organisation ("Lydia Buchtmann for
    Food Standards Australia"); a title stays a title ("Coach Smith")."""
    result = extract_texts(nlp, {"a": (
        "After the leak, CEO of the Refugee Council Enver Solomon told reporters any process must be fair. "
        "Lydia Buchtmann for Food Standards Australia New Zealand, says they are looking at guidelines. "
        "Coach Smith said the team was ready.")})
    assert actor_with(result, "Enver Solomon").type == "Person"
    assert actor_with(result, "Lydia Buchtmann").type == "Person"
    assert not any("for" in a.label.split() for a in result.actors)
    assert actor_with(result, "Smith").label == "Smith"
