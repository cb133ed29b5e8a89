"""Cues beyond a verb and its clause: phrase cues, a verb and a word hanging on it that attribute
together ("took aim at", "made it clear that", "as X put it"; "verb_word" rows of
kg/extract/models/cues.tsv), calls for someone to act, and names given in quotation marks."""

from __future__ import annotations

import pytest

from conftest import extract_texts


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text):
        result = extract_texts(nlp, {"t": text})
        (doc,) = result.documents
        return [(result.actor_of[id(c.speaker)].label, c) for c in doc.claims]
    return run


def test_made_it_clear_that_reports_the_clause_not_the_word_clear(claims_of):
    claims = claims_of("Governor Anna Berg made it clear that she would veto the budget. "
                       "Senator Tom Reyes made clear that the vote would wait until spring.")
    assert [(s, c.text, c.cue_class, c.is_statement) for s, c in claims] == [
        ("Anna Berg", "she would veto the budget", "speech", True),
        ("Tom Reyes", "the vote would wait until spring", "speech", True)]


def test_acts_named_by_a_phrase_are_attributions_not_claims(claims_of):
    claims = claims_of("Mayor Lisa Ortiz took aim at the new parking rules on Monday. "
                       "Councilman Dan Webb took issue with the city budget. "
                       "Senator Ken Hale distanced himself from the party platform.")
    found = {(s, c.text, c.cue_class, c.is_statement) for s, c in claims}
    assert found == {("Lisa Ortiz", "the new parking rules", "evaluative", False),
                     ("Dan Webb", "the city budget", "evaluative", False),
                     ("Ken Hale", "the party platform", "evaluative", False)}


def test_as_someone_put_it_attributes_the_clause_beside_it(claims_of):
    claims = claims_of("As Senator Ruth Adler put it, the tax code rewards the wrong people.")
    assert [(s, c.text) for s, c in claims] == [("Ruth Adler", "the tax code rewards the wrong people")]


def test_the_same_verbs_without_the_phrase_word_attribute_nothing(claims_of):
    assert claims_of("Mayor Lisa Ortiz took a taxi to the airport. Senator Ruth Adler put the report on the table. "
                     "Governor Anna Berg made a cake for the fair.") == []


@pytest.mark.parametrize("text, content", [
    ("Senator Ruth Adler called on Congress to raise the minimum wage.", "Congress to raise the minimum wage"),
    ("Senator Ruth Adler is calling for the United States to take a stronger role in the conflict.",
     "the United States to take a stronger role in the conflict"),
    ("Senator Ruth Adler called for an end to the war.", "an end to the war"),
])
def test_a_call_for_someone_to_act_is_the_whole_infinitive(claims_of, text, content):
    assert [(s, c.text, c.cue_class) for s, c in claims_of(text)] == [("Ruth Adler", content, "evaluative")]


def test_a_name_given_in_quotation_marks_is_the_predicate_of_called(claims_of):
    (speaker, claim), = claims_of('Senator Tom Reyes called the tax plan "a disaster for working families."')
    assert speaker == "Tom Reyes" and claim.text.startswith("the tax plan") and "a disaster for working families" in claim.text
    assert (claim.cue_class, claim.is_statement) == ("evaluative", True)


def test_called_her_quoted_is_object_and_predicate_though_the_parse_makes_her_a_possessive(claims_of):
    claims = claims_of("Donald Trump suggested the moderator was unfair, called her “third-rate” and left the stage.")
    assert ("Donald Trump", "her “third-rate”", "evaluative") in [(s, c.text, c.cue_class) for s, c in claims]


def test_called_with_an_object_but_no_predicate_attributes_nothing(claims_of):
    assert claims_of("Senator Tom Reyes called the governor, a longtime friend, on Sunday night. "
                     "Governor Anna Berg called the “Obamacare” hotline on Monday.") == []


def test_what_a_poll_shows_is_the_whole_small_clause(claims_of):
    claims = claims_of("One poll shows Senator Ted Cruz 16 points ahead of Donald Trump in Indiana. "
                       "The poll showed Trump ahead by six points in Ohio, and Clinton lost ground in Florida.")
    assert [(c.text, c.cue_class, c.is_statement) for _, c in claims] == [
        ("Senator Ted Cruz 16 points ahead of Donald Trump in Indiana", "evidential", True),
        ("Trump ahead by six points in Ohio", "evidential", True)]  # not the conjoined clause


def test_a_poll_speaks_for_the_name_inside_its_compound(claims_of):
    (speaker, claim), = claims_of("The latest Reuters/Ipsos poll showed Donald Trump leading the field with 31 percent.")
    assert speaker == "Reuters" and claim.text == "Donald Trump leading the field with 31 percent"


@pytest.mark.parametrize("text, content, cue_class, statement, polarity", [
    ("Senator Tom Reyes called the governor a liar.", "the governor a liar", "evaluative", True, "positive"),
    ("Governor Anna Berg accused Reyes of hiding his tax returns.", "Reyes of hiding his tax returns", "evaluative", True,
     "positive"),
    ("Senator Tom Reyes denied that he had met the lobbyists.", "he had met the lobbyists", "evaluative", True, "negative"),
    ("Senator Tom Reyes denied taking money from the lobbyists.", "taking money from the lobbyists", "evaluative", True,
     "negative"),
    ("Governor Anna Berg urged voters to reject the measure.", "voters to reject the measure", "speech", False, "positive"),
    ("Senator Tom Reyes believes that the economy will recover.", "the economy will recover", "cognition", False,
     "positive"),
    ("Senator Tom Reyes thinks the bill will fail.", "the bill will fail", "cognition", False, "positive"),
    ("Senator Tom Reyes knows that the vote is close.", "the vote is close", "cognition", False, "positive"),
    ("Governor Anna Berg wants to run for president.", "to run for president", "intention", False, "positive"),
    ("Governor Anna Berg plans to announce her decision on Friday.", "to announce her decision on Friday", "intention",
     False, "positive"),
    ("Governor Anna Berg intends to sign the bill.", "to sign the bill", "intention", False, "positive"),
    ("A new Quinnipiac poll shows that Hillary Clinton leads by six points.", "Hillary Clinton leads by six points",
     "evidential", True, "positive"),
    ("The report found that the agency had wasted millions of dollars.", "the agency had wasted millions of dollars",
     "evidential", True, "positive"),
    ("A study by Harvard researchers found that voters prefer lower taxes.", "voters prefer lower taxes", "evidential",
     True, "positive"),
])
def test_families_of_attribution_keep_their_kind(claims_of, text, content, cue_class, statement, polarity):
    """Each family of cue finds its content over the parse and keeps its class (what users filter
    on), whether it is a statement (a claim) or an attribution only, and a denial's polarity."""
    found = {c.text: c for _, c in claims_of(text)}
    assert content in found, sorted(found)
    claim = found[content]
    assert (claim.cue_class, claim.is_statement, claim.polarity) == (cue_class, statement, polarity)


def test_a_noun_of_attribution_owned_by_an_actor_keeps_its_verbs_kind(claims_of):
    claims = claims_of("Clinton blasted Donald Trump's plan to deport 11 million people. "
                       "President Obama's decision to veto the bill angered Republicans. "
                       "Senator Tom Reyes's belief that the economy will recover is shared by few. "
                       "Senator Tom Reyes's plan for the budget was rejected.")
    found = {(s, c.text): (c.cue, c.cue_class, c.is_statement) for s, c in claims}
    assert found[("Donald Trump", "to deport 11 million people")] == ("plan", "intention", False)
    assert found[("Obama", "to veto the bill")] == ("decision", "intention", False)
    assert found[("Tom Reyes", "the economy will recover")] == ("belief", "cognition", False)
    assert not any(cue == "plan" and "budget" in text for (_, text), (cue, _, _) in found.items())  # no clause: nothing


def test_an_act_toward_a_name_is_an_attribution_of_one_word(claims_of):
    """"endorsed Trump": the name alone is what the act is toward (PolNeAR annotates it); a single
    word is never a claim, nor a pronoun an attribution."""
    claims = claims_of("Governor Chris Christie endorsed Trump on Friday. Senator Tom Reyes said yes. "
                       "Senator Tom Reyes praised her.")
    assert [(s, c.text, c.cue_class, c.is_statement) for s, c in claims] == [
        ("Chris Christie", "Trump", "evaluative", False)]


def test_a_topic_talked_about_is_an_attribution_but_what_is_pointed_to_is_a_claim(claims_of):
    claims = claims_of("Senator Tom Reyes talked about the deceptive marketing of supplements. "
                       "The International Monetary Fund pointed to the decision to leave the union as an example.")
    found = {c.cue: (c.text, c.is_statement) for _, c in claims}
    assert found["talked"] == ("the deceptive marketing of supplements", False)
    assert found["pointed"][1] is True and found["pointed"][0].startswith("the decision to leave the union")


def test_a_parenthesis_left_open_at_the_end_of_a_content_is_cut_off(claims_of):
    claims = claims_of("Mayor Jim Kenney's decision to stop giving ICE real-time arrest data (all times local):")
    assert [(s, c.text) for s, c in claims] == [("Jim Kenney", "to stop giving ICE real-time arrest data")]


def test_a_statement_named_as_the_object_of_a_speech_verb_is_its_content(claims_of):
    claims = claims_of("The Republican National Committee noted Bill Clinton's comments on its website. "
                       "Mayor Tom Reyes acknowledged the allegations against his aide. "
                       "Mayor Tom Reyes acknowledged the crowd. Senator Ann Lee noted the growing deficit.")
    assert [(s, c.cue_lemma, c.text, c.is_statement) for s, c in claims] == [
        ("Republican National Committee", "note", "Bill Clinton's comments on its website", True),
        ("Tom Reyes", "acknowledge", "the allegations against his aide", True)]


def test_the_opinion_of_a_body_is_a_statement_of_a_person_a_thought(claims_of):
    claims = claims_of("The International Monetary Fund expects that U.S. output will expand by 1.6 percent. "
                       "Senator Ann Lee expects that output will shrink next year. "
                       "The Weatherspoon Art Museum saw attendance reach 11,000 visitors in 2010.")
    found = [(s, c.cue_lemma, c.cue_class, c.is_statement) for s, c in claims]
    assert ("International Monetary Fund", "expect", "cognition", True) in found
    assert ("Ann Lee", "expect", "cognition", False) in found
    assert not any(lemma == "see" and statement for _, lemma, _, statement in found)


def test_making_a_claim_or_a_comment_is_the_speech_act(claims_of):
    claims = claims_of("Senator Bernie Sanders made the claim that the jobless rate is a disgrace. "
                       "Mayor Tom Reyes made the comment that the budget was balanced. "
                       "Governor Anna Berg made a statement on Friday.")
    assert [(s, c.cue_lemma, c.text, c.is_statement) for s, c in claims] == [
        ("Bernie Sanders", "make", "the jobless rate is a disgrace", True),
        ("Tom Reyes", "make", "the budget was balanced", True)]


def test_a_participle_describing_an_actor_has_that_actor_as_its_subject(claims_of):
    claims = claims_of("One pastor supporting Ted Cruz said he had made calls. "
                       "A man holding a sign supporting Ted Cruz waved at the cameras.")
    assert [(s, c.cue, c.text, c.cue_class, c.is_statement) for s, c in claims] == [
        ("One pastor", "supporting", "Ted Cruz", "evaluative", False),
        ("One pastor", "said", "he had made calls", "speech", True)]  # a sign is no actor: nothing


def test_a_quoted_predicate_the_parse_hangs_on_the_object_ends_at_its_closing_mark(claims_of):
    (speaker, claim), = claims_of("Donald Trump called the system “rigged” in a tweet on Tuesday.")
    assert (speaker, claim.text, claim.cue_class, claim.is_statement) == (
        "Donald Trump", "the system “rigged”", "evaluative", True)


def test_a_clause_before_an_adverbial_cue_is_not_what_it_reports(claims_of):
    claims = claims_of("Richard Viguerie is upbeat about the race, in part because he sees Ted Cruz as a uniter.")
    assert [(s, c.text, c.cue_class) for s, c in claims] == [("Richard Viguerie", "Ted Cruz as a uniter", "cognition")]


def test_an_act_noun_owned_by_an_actor_is_an_attribution_of_what_it_is_done_to(claims_of):
    claims = claims_of("Donald Trump will be merciless in his attacks on Hillary Clinton. "
                       "Ted Cruz renewed his call to ban all Muslim immigrants from entering the country. "
                       "Senator Ruth Adler repeated her support for the bill and her opposition to the tax plan. "
                       "The mayor's call for calm was heard. Her attacks were in the news.")
    assert [(s, c.cue, c.text, c.cue_class, c.is_statement) for s, c in claims] == [
        ("Donald Trump", "attacks", "Hillary Clinton", "evaluative", False),
        ("Ted Cruz", "call", "to ban all Muslim immigrants from entering the country", "evaluative", False),
        ("Ruth Adler", "support", "the bill", "evaluative", False),
        ("Ruth Adler", "opposition", "the tax plan", "evaluative", False)]


def test_a_participle_of_saying_after_the_content_is_the_speakers_next_claim(claims_of):
    claims = claims_of("Senator Ruth Adler said the bill would pass easily, adding that the governor supports it.")
    assert [(s, c.cue, c.text) for s, c in claims] == [("Ruth Adler", "said", "the bill would pass easily"),
                                                       ("Ruth Adler", "adding", "the governor supports it")]
    quoted = claims_of('Mark Rathbun said that the officials "plied the detective with a grand conspiracy theory, '
                       'characterizing him as a liar."')  # inside a quotation it is the quoted words
    assert len(quoted) == 1 and "characterizing him as a liar" in quoted[0][1].text


def test_an_attitude_toward_what_its_preposition_opens_is_an_attribution(claims_of):
    claims = claims_of("Senator Ruth Adler is deeply skeptical of free trade. "
                       "Senator Tom Reyes was concerned about the deal with Turkey. "
                       "Mayor Lisa Ortiz is confident that the budget will pass. "
                       "Governor Anna Berg was happy in Ohio.")  # no content preposition: nothing
    assert [(s, c.cue, c.text, c.cue_class, c.is_statement) for s, c in claims] == [
        ("Ruth Adler", "skeptical", "free trade", "cognition", False),
        ("Tom Reyes", "concerned", "the deal with Turkey", "cognition", False),
        ("Lisa Ortiz", "confident", "the budget will pass", "cognition", True)]


def test_critical_wary_angry_supportive_of_what_their_preposition_opens(claims_of):
    """Attitudes PolNeAR train annotates as cues more than half the time with their preposition
    ("critical of" 9 of 15, "wary of" 4 of 5): attributions toward its object, not without it."""
    claims = claims_of("Senator Ruth Adler has long been critical of the trade deal. Union leaders are wary of "
                       "the new rules. Farmers are angry about the tariffs. Mayor Lisa Ortiz is supportive of the plan. "
                       "The bridge is critical to the city.")
    assert [(s, c.cue, c.text, c.is_statement) for s, c in claims] == [
        ("Ruth Adler", "critical", "the trade deal", False), ("Union leaders", "wary", "the new rules", False),
        ("Farmers", "angry", "the tariffs", False), ("Lisa Ortiz", "supportive", "the plan", False)]


def test_a_document_described_by_a_clause_of_finding_is_the_source_of_what_it_shows(claims_of):
    claims = claims_of("Despite polls showing her well behind, Hillary Clinton campaigned vigorously in the state. "
                       "Bernie Sanders cited polls that show him leading Donald Trump by ten points. "
                       "Polls that were taken in May are old.")
    assert [(s, c.text, c.cue_class, c.is_statement, c.speaker.type) for s, c in claims if c.cue_class == "evidential"] == [
        ("polls", "her well behind", "evidential", True, "CreativeWork"),
        ("polls", "him leading Donald Trump by ten points", "evidential", True, "CreativeWork")]


def test_acts_the_lexicon_does_not_know_are_found_by_the_learned_scorer(claims_of):
    """kg/extract/claims/acts.py: an act of an actor toward something, with a verb no lexicon row
    names, is an evaluative attribution (never a claim) whose content is its object or the object
    of a content preposition; narration with the same shape is not."""
    claims = claims_of("Senator Ken Hale nominated Judge Amy Park to the appeals court. "
                       "Governor Anna Berg focused on the state budget in her speech. "
                       "Mayor Lisa Ortiz has embraced the transit plan. "
                       "The senator encouraged voters to back the measure.")
    found = {(s, c.cue, c.text, c.cue_class, c.is_statement) for s, c in claims}
    assert found == {("Ken Hale", "nominated", "Judge Amy Park to the appeals court", "evaluative", False),
                     ("Anna Berg", "focused", "the state budget", "evaluative", False),
                     ("Lisa Ortiz", "embraced", "the transit plan", "evaluative", False),
                     ("Ken Hale", "encouraged", "voters to back the measure", "evaluative", False)}
    assert claims_of("Senator Ken Hale drove to Ohio on Monday. Mayor Lisa Ortiz ate a sandwich at the diner.") == []


def test_act_scorer_is_deterministic_and_reads_only_the_parse(nlp):
    from kg.extract.claims.acts import act_cue, features, model, score

    weights, bias, threshold = model()
    assert 0 < threshold < 1 and len(weights) > 100
    doc = nlp("Mayor Lisa Ortiz has embraced the transit plan.")
    verb = next(t for t in doc if t.lemma_ == "embrace")
    assert "lemma=embrace" in features(verb) and "child=dobj" in features(verb)
    assert score(verb) == score(nlp("Mayor Lisa Ortiz has embraced the transit plan.")[4]) >= threshold
    entry = act_cue(verb)
    assert entry is not None and entry.cue_class == "evaluative" and entry.has("act") and entry.has("object")


def test_a_statement_noun_whose_clause_the_parse_hangs_on_its_verb_reports_it(claims_of):
    """"echoed statements by X last week that ...": the small parser hangs the that-clause on
    "echoed", past "last week"; it is still the statements' content, and X's claim."""
    claims = claims_of("Senator Tom Reyes echoed statements by Mayor Anna Berg last week that the police "
                       "protect the city. Governor Lee repeated the mayor's warning on Monday that the bridge is unsafe.")
    found = {(s, c.text): (c.cue, c.is_statement) for s, c in claims}
    assert found[("Anna Berg", "the police protect the city")] == ("statements", True)
    assert ("Tom Reyes", "the police protect the city") in found  # the echo stays the senator's too


def test_a_claim_on_the_same_content_wins_over_a_bare_act_of_the_same_speaker(claims_of):
    """"made the argument on Tuesday that ...": the act scorer reads "made" as a bare act and the
    argument reads the clause; one record is kept per speaker and content, and it is the claim."""
    claims = claims_of("Donald Trump made the argument on Tuesday that the election was rigged.")
    assert [(s, c.text, c.is_statement) for s, c in claims] == [("Donald Trump", "the election was rigged", True)]


def test_a_poll_closing_its_sentence_is_the_source_of_the_finding_before_it(claims_of):
    """"... in an NBC News poll released Monday." closes a finding as "In an NBC News poll ..., "
    opens one; in the middle of a clause "in a poll" is not a source."""
    (speaker, claim), = claims_of("Clinton led Sanders by 20 points in an NBC News poll released Monday.")
    assert (speaker, claim.text, claim.cue_class, claim.cue) == ("NBC News", "Clinton led Sanders by 20 points",
                                                               "evidential", "in")
    assert claims_of("Clinton gained in an NBC News poll and then lost the primary.") == []
