"""Stances from acts, speech acts, positions and evaluations; negation and reported speech."""

from __future__ import annotations

import pytest

from conftest import extract_texts


@pytest.fixture(scope="module")
def stances_of(nlp):
    def run(text, polarity=None):
        result = extract_texts(nlp, {"t": text}, polarity)
        (doc,) = result.documents
        out = []
        for stance in doc.stances:
            target = stance.target.label
            if stance.target.actor is not None and stance.target.kind != "actor":
                target += " @" + stance.target.actor.label()
            out.append((stance.holder.label(), stance.polarity, target))
        return out, doc
    return run


def has(stances, holder, polarity, target_part):
    return any(h == holder and p == polarity and target_part in t for h, p, t in stances)


def test_speech_acts(stances_of):
    stances, _ = stances_of("Senator Maria Lopez criticized Governor Ann Kim on Monday. "
                            "The union praised the Acme Corporation.")
    assert has(stances, "Maria Lopez", "against", "Ann Kim")
    assert has(stances, "union", "favor", "Acme Corporation")


def test_acts_with_prepositions_and_passives(stances_of):
    stances, _ = stances_of("A federal judge sided with the Sierra Club. "
                            "The ban has been blocked by the Supreme Court. "
                            "The Treasury withheld funding from the Red Cross.")
    assert has(stances, "federal judge", "favor", "Sierra Club")
    assert has(stances, "Supreme Court", "against", "ban")
    assert has(stances, "Treasury", "against", "Red Cross")


def test_negation(stances_of):
    stances, _ = stances_of("Mayor Jim Kenney said he would not renew the city's contract with Palantir. "
                            "The senators did not oppose the nomination.")
    assert has(stances, "Jim Kenney", "against", "contract with Palantir")
    assert not any(h == "senators" for h, _, _ in stances)


def test_striking_against_someone(stances_of):
    stances, _ = stances_of("Teachers went on strike against the Chicago Board of Education on Monday.")
    assert has(stances, "Teachers", "against", "Chicago Board of Education")
    stances, _ = stances_of("The union called off its strike at the plant.")
    assert stances == []


def test_a_nominalised_act_belongs_to_its_agent(stances_of):
    stances, _ = stances_of("Amnesty International condemned the arrest of the journalist by Egyptian police.")
    assert has(stances, "Amnesty International", "against", "arrest of the journalist by Egyptian police @Egyptian police")
    assert not any(t.endswith("@journalist") for _, _, t in stances)


def test_urging_someone_to_act_is_for_the_act(stances_of):
    for text, holder, polarity, act in [
            ("Senator Elizabeth Warren urged the Federal Reserve to raise interest rates.",
             "Elizabeth Warren", "favor", "raise interest rates"),
            ("Amnesty International called on Egypt to release the journalist.",
             "Amnesty International", "favor", "journalist"),
            ("The union pressed the city council not to approve the budget cuts.", "union", "against", "budget cuts")]:
        stances, _ = stances_of(text)
        assert has(stances, holder, polarity, act), (text, stances)
        # the one urged is not the target: urging Egypt is not being for or against Egypt
        assert not any(t in {"Federal Reserve", "Egypt", "city council"} for _, _, t in stances)
    stances, _ = stances_of("Amnesty International did not urge Egypt to release the journalist.")
    assert stances == []


def test_a_denied_act_is_no_stance(stances_of):
    stances, _ = stances_of("The Sierra Club denied that it opposed the Keystone XL pipeline. "
                            "Senator John Smith denied opposing the trade deal. "
                            "The Acme Corporation rejected claims that it had cut funding to the clinic.")
    assert stances == []
    # a denial that is itself negated affirms the act
    stances, _ = stances_of("Senator John Smith did not deny that he opposed the trade deal.")
    assert has(stances, "John Smith", "against", "trade deal")


def test_reported_position(stances_of):
    stances, _ = stances_of("Jane Roe, a longtime critic of the Acme Corporation, spoke first.")
    assert has(stances, "Jane Roe", "against", "Acme Corporation")


def test_evaluation_inside_a_claim_belongs_to_the_speaker(stances_of):
    stances, _ = stances_of("The Justice Department said the city's decision was irresponsible and dangerous.")
    assert has(stances, "Justice Department", "against", "city's decision")


def test_the_polarity_model_judges_what_a_claim_says_an_act_is(stances_of, polarity):
    # no lexicon word carries this evaluation; the model reads it
    stances, _ = stances_of("Senator Maria Lopez said the new policy was a step in the right direction.", polarity)
    assert has(stances, "Maria Lopez", "favor", "new policy")
    # a statement of fact about an act is no stance
    stances, _ = stances_of("Senator Maria Lopez said the agreement will be reviewed next year.", polarity)
    assert stances == []


def test_a_third_party_act_inside_a_claim_is_its_own_not_the_speakers(stances_of, polarity):
    stances, _ = stances_of("Greenpeace said the Acme Corporation sued the farmers last year.")
    assert has(stances, "Acme Corporation", "against", "farmers")  # as reported by Greenpeace
    assert not any(h == "Greenpeace" for h, _, _ in stances)
    # nor the speaker's: the polarity model does not hand the reported act's side to the speaker
    for verb in ("praised", "criticized"):
        stances, _ = stances_of(f"Senator Mary Jones said the union had {verb} Governor Tom Baker.", polarity)
        assert not any(h == "Mary Jones" for h, _, _ in stances), (verb, stances)
    # an act done to the speaker is the speaker's business
    stances, _ = stances_of("Jane Roe said the Acme Corporation had imprisoned her for twelve years.", polarity)
    assert has(stances, "Jane Roe", "against", "Acme Corporation")
    # and the speaker's own evaluation of an actor still counts
    stances, _ = stances_of("Senator Mary Jones said Governor Tom Baker is corrupt and dishonest.", polarity)
    assert has(stances, "Mary Jones", "against", "Tom Baker")


def test_we_in_an_organisations_quotation_is_the_organisation(stances_of):
    stances, _ = stances_of("\"We oppose Governor Tom Baker's tax plan,\" the Ohio Education Association said.")
    assert has(stances, "Ohio Education Association", "against", "tax plan")


def test_no_stance_from_mentions_or_non_answers(stances_of):
    stances, _ = stances_of("Officials from Acme Corp. and the Sierra Club met on Monday. "
                            "Acme Corp. did not respond to a request for comment.")
    assert stances == []


def test_the_deal_takes_up_the_contract(stances_of):
    stances, _ = stances_of("The city signed a data-sharing contract with Palantir in 2015. "
                            "Mayor Jim Kenney said he would not renew the deal.")
    assert has(stances, "Jim Kenney", "against", "data-sharing contract with Palantir")


def test_a_described_deal_takes_up_the_named_one_but_a_new_deal_does_not(stances_of):
    stances, _ = stances_of("Philadelphia ended the PARS agreement with ICE on Friday. "
                            "The Department of Homeland Security criticized the data-sharing deal.")
    assert has(stances, "Department of Homeland Security", "against", "PARS agreement with ICE")
    stances, _ = stances_of("The city signed a data-sharing contract with Palantir in 2015. "
                            "The mayor criticized the new contract.")
    assert has(stances, "mayor", "against", "new contract")
    assert not any("Palantir" in t for h, _, t in stances if h == "mayor")
