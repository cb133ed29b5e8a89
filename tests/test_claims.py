"""Claims: direct, indirect and mixed quotes, speakers, cues, factuality, non-answers."""

from __future__ import annotations

import pytest

from conftest import extract_texts, wikinews


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text):
        result = extract_texts(nlp, {"t": text})
        (doc,) = result.documents
        return [(result.actor_of[id(c.speaker)].label, c) for c in doc.claims], doc
    return run


def test_direct_quote_after_and_before_the_cue(claims_of):
    claims, _ = claims_of('Senator Maria Lopez said: "The bill will hurt small farmers across the state." '
                          '"We will fight it in court," Lopez told reporters.')
    assert [(s, c.kind) for s, c in claims] == [("Maria Lopez", "direct"), ("Maria Lopez", "direct")]
    assert claims[0][1].text == "The bill will hurt small farmers across the state."
    assert claims[1][1].text.startswith("We will fight it in court")


def test_quote_over_several_sentences_and_interrupted(claims_of):
    claims, _ = claims_of('"This is a dark day. Our members are angry," union leader Tom Brady said. '
                          '"We will strike," he said, "if nothing changes by Monday."')
    assert {s for s, _ in claims} == {"Tom Brady"}
    assert any("This is a dark day. Our members are angry" in c.text for _, c in claims)


def test_both_halves_of_a_quote_interrupted_by_its_cue_are_one_claim(claims_of):
    """'"A," X told the press, "B."' is one attribution (PolNeAR counts it once): one claim of X's
    whose content is the two halves, without the cue between them."""
    article = wikinews(["GUM_news_afghan"])["GUM_news_afghan"]
    start = article.index('"We are so interested')
    paragraph = article[article.rindex("\n", 0, start - 2) + 1:article.index("\n", start)]
    claims, _ = claims_of(paragraph)
    (speaker, claim), = [(s, c) for s, c in claims if "We are so interested" in c.text]
    assert speaker == "Rodaba Noori" and claim.kind == "direct" and len(claim.parts) == 2
    first, second = (paragraph[s:e] for s, e in claim.parts)
    assert first == "We are so interested because we find a big chance to show the talent and ability of Afghans,"
    assert second.startswith("to show that Afghan women")
    assert claim.text == paragraph[claim.start:claim.end] and "Noori" in claim.text  # the whole passage


def test_split_quotation_with_its_cue_between_is_one_claim(claims_of):
    claims, _ = claims_of('"The budget is a disaster," Senator Mark Hall said on Tuesday, "and we will vote against it."')
    (speaker, claim), = claims
    assert speaker == "Mark Hall" and claim.cue == "said"
    assert [claim.text[s - claim.start:e - claim.start] for s, e in claim.parts] == [
        "The budget is a disaster,", "and we will vote against it."]


def test_indirect_and_mixed_speech(claims_of):
    claims, _ = claims_of("The ministry said the plan was unworkable. "
                          'Critics argue that the law amounts to "a blank cheque" for the police.')
    assert any(c.kind == "indirect" and c.text == "the plan was unworkable" for _, c in claims)
    assert any(c.kind == "mixed" and "blank cheque" in c.text for _, c in claims)


def test_according_to_and_statements(claims_of):
    claims, _ = claims_of("According to the World Health Organization, the outbreak is slowing. "
                          "In a statement emailed Friday, Acme Corp. said it would appeal.")
    speakers = {s for s, _ in claims}
    assert {"World Health Organization", "Acme Corp"} <= speakers
    according = next(c for s, c in claims if s == "World Health Organization")
    assert according.cue == "According to" and according.text == "the outbreak is slowing"


def test_pronoun_speaker_is_resolved(claims_of):
    claims, _ = claims_of("Governor Ann Kim visited the plant. She said the jobs would stay. "
                          "She added that workers deserved better.")
    assert [s for s, _ in claims] == ["Ann Kim", "Ann Kim"]


def test_negated_and_hedged_attribution(claims_of):
    claims, _ = claims_of("The company denied that it had polluted the river. "
                          "Officials believe the leak may have started in May.")
    denial = next(c for _, c in claims if "polluted" in c.text)
    assert denial.polarity == "negative"
    belief = next(c for _, c in claims if "leak" in c.text)
    assert belief.certainty in {"probable", "possible"}


def test_non_answers_are_not_claims(claims_of):
    claims, doc = claims_of("Spokespeople for the Pentagon did not respond to a request for comment. "
                            "The mayor's office declined to comment.")
    assert claims == []
    assert len(doc.non_answers) == 2


def test_no_claim_from_narration(claims_of):
    claims, _ = claims_of("The river flooded the town on Tuesday. Hundreds of homes were damaged.")
    assert claims == []


def test_quote_left_open_at_a_paragraph_end_runs_on_to_its_closing_mark(claims_of):
    claims, _ = claims_of('After the game, coach John Smith said, "We learned a lot today.\n\n'
                          'The players were nervous at first, but they found their rhythm." The league resumes on Sunday.')
    (speaker, claim), = [(s, c) for s, c in claims if "learned a lot" in c.text]
    assert speaker == "John Smith" and claim.kind == "direct"
    assert claim.text.endswith("they found their rhythm.") and "league" not in claim.text


def test_cue_as_an_aside_reports_its_clause(claims_of):
    claims, _ = claims_of("As Colette Heald told the Huffington Post, ozone levels have dropped since 1980. "
                          "Smaller museums, said curator John Mauer, must show the photographs every ten years.")
    found = {c.text: s for s, c in claims}
    assert found.get("ozone levels have dropped since 1980") == "Colette Heald"
    assert any(s == "John Mauer" and "show the photographs" in t for t, s in found.items())
    assert "Smaller museums" not in found.values()


@pytest.mark.parametrize("text, expected", [
    # the speaker of a relative clause, and of a participle after a preposition
    ("Montalvo flew to Florida to meet Peter Devocht, who had told him he would help him find a job. "
     'Prime Minister Rishi Sunak defended the record whilst promising new laws: '
     '"We want a system in which people who arrive illegally cannot stay."',
     {"he would help him find a job": "Peter Devocht",
      "We want a system in which people who arrive illegally cannot stay.": "Rishi Sunak"}),
    # "according to" in a clause, with a title, or naming a paper the entity model missed
    ("Malaysia has a policy of turning away boats, which, according to AFP, the United Nations "
     "has criticised. Attendance reached 11,000 visitors in 2010, according to curator Elaine "
     "Gustafon. By then her skin was weeping, according to the Sydney Morning Herald.",
     {"the United Nations has criticised": "AFP", "Attendance reached 11,000 visitors in 2010": "Elaine Gustafon",
      "By then her skin was weeping": "Sydney Morning Herald"}),
])
def test_speakers_the_parse_hides(claims_of, text, expected):
    claims, _ = claims_of(text)
    found = {c.text: s for s, c in claims}
    assert {t: found.get(t) for t in expected} == expected


def test_quotation_after_reported_speech_continues_it(claims_of):
    text = ('Kristin Wilkins also said Warhol was a businessman. "He would make a blue Marilyn and a '
            'pink Marilyn, and then you could pick your favourite colour and buy that."')
    claims, _ = claims_of(text)
    (speaker, claim), = claims
    assert speaker == "Kristin Wilkins" and claim.kind == "mixed"
    assert [text[s:e] for s, e in claim.parts] == ["Warhol was a businessman", text[text.index("He would"):-1]]


def test_quotation_over_several_sentences_and_paragraphs_is_one_claim(claims_of):
    text = ('"We will not give up," said Ana Ruiz, who leads the tenants\' union. "The landlord has ignored us '
            'for a year. We have nothing left to lose."\n\nThe city council meets on Monday.')
    claims, _ = claims_of(text)
    (speaker, claim), = claims
    assert speaker == "Ana Ruiz" and claim.kind == "direct" and len(claim.parts) == 2
    assert text[claim.parts[1][0]:claim.parts[1][1]] == "The landlord has ignored us for a year. We have nothing left to lose."


def test_pull_quote_signed_with_a_dash(claims_of):
    for signature, signer in (("- Matthew Ingram", "Matthew Ingram"), ("— Senator John Smith", "John Smith")):
        claims, _ = claims_of(f"Columnist Matthew Ingram followed the protests.\n\n"
                              f'"So far, it is the Internet one, the church nil. But it is a long game." {signature}\n\n'
                              "The protests spread to other cities.")
        (speaker, claim), = [(s, c) for s, c in claims if "long game" in c.text]
        assert speaker == signer and claim.kind == "direct" and claim.text.startswith("So far")


def test_captions_are_credited_to_their_source_not_claimed(nlp):
    from kg.graph.query import run_query
    from kg.graph.rdf import to_graph
    from kg.graph.validate import validate

    text = ("Fan Expo draws thousands\n\n"
            "The far end of the convention floor, shortly after opening Friday. Image: Nick Moreau.\n\n"
            "Mayor Jim Kenney said the expo was a success.\n\n"
            "Kenney speaks at City Hall on Monday. (AP Photo/Matt Rourke)\n\n"
            "Image: Jane Doe.\n\nThe show returns next year. Video by Sam Lee")
    result = extract_texts(nlp, {"t": text})
    (doc,) = result.documents
    credits = {(c.medium, c.credit): c.text for c in doc.credits}
    assert credits == {("image", "Nick Moreau"): "The far end of the convention floor, shortly after opening Friday.",
                       ("image", "Matt Rourke"): "Kenney speaks at City Hall on Monday.",
                       ("video", "Sam Lee"): "The show returns next year."}
    assert not any("convention floor" in c.text or "City Hall" in c.text for c in doc.claims)
    graph = to_graph(result)
    assert validate(graph).conforms
    rows = run_query(graph, "credits").as_dicts()
    moreau = next(r for r in rows if r["credit_text"] == "Nick Moreau")
    assert moreau["medium"] == "image" and moreau["creator_label"] == "Nick Moreau"
    assert text[moreau["start"]:moreau["end"]] == moreau["caption"]


def test_report_inside_a_quotation_hedges_it_and_is_no_claim_of_its_own(claims_of):
    """PolNeAR does not annotate a report nested in a quotation: '"I think X," she said' is one
    claim, probable rather than certain; "I expect to emerge ..." gives no claim "to emerge"."""
    claims, _ = claims_of('"I think the plan will fail. We tried it before," said Senator John Smith. '
                          '"I expect to emerge from this fight stronger," Governor Ann Lee said.')
    found = {c.text: (s, c.certainty) for s, c in claims}
    assert found == {"I think the plan will fail. We tried it before,": ("John Smith", "probable"),
                     "I expect to emerge from this fight stronger,": ("Ann Lee", "probable")}


def test_documents_speak_for_their_owner_or_authors_or_themselves(nlp):
    text = ("A letter from the Home Office says applicants must reply within 20 days. "
            "Figures published on Tuesday show that crossings rose by a third.\n\n"
            "The report's authors studied 2,000 schools. The report says that most schools have too few teachers.")
    result = extract_texts(nlp, {"t": text})
    (doc,) = result.documents
    found = {c.text: result.actor_of[id(c.speaker)] for c in doc.claims}
    assert found["applicants must reply within 20 days"].label == "Home Office"
    figures = found["crossings rose by a third"]
    assert figures.type == "CreativeWork" and "Figures" in figures.label
    assert "author" in found["most schools have too few teachers"].label
    # A document that states nothing is no actor: "the report" above is its authors', not a node.
    assert not any(a.type == "CreativeWork" and "report" in a.label.lower() for a in result.actors)
    from kg.graph.query import run_query
    from kg.graph.rdf import to_graph

    rows = run_query(to_graph(result), "actors").as_dicts()
    assert any(r["type"] == "CreativeWork" and "Figures" in r["label"] for r in rows)


def test_attitudes_and_misparsed_that_clauses_and_unrecognised_speakers(claims_of):
    claims, _ = claims_of("Teachers' unions are concerned the government will cut school budgets again. "
                          "Senator John Smith is confident that the bill will pass. "
                          "The Deseret News observed that the hashtag had become an international phenomenon.")
    found = {c.text: (s, c.certainty) for s, c in claims}
    assert found.get("the government will cut school budgets again") == ("Teachers' unions", "probable")
    assert found.get("the bill will pass") == ("John Smith", "certain")
    assert found.get("the hashtag had become an international phenomenon")[0] == "Deseret News"


def test_unmarked_pull_quote_signed_by_a_name(claims_of):
    text = ("Senator John Smith criticised the plan on Monday.\n\n"
            "I am deeply disappointed with this misguided decision by the administration. John Smith, U.S. Senator\n\n"
            "Protesters gather outside City Hall on Monday evening. Jane Doe\n\n"
            "The vote is expected next week.")
    claims, _ = claims_of(text)
    found = {c.text: (s, c.kind) for s, c in claims}
    assert found.get("I am deeply disappointed with this misguided decision by the administration") == ("John Smith", "direct")
    assert not any("Protesters gather" in t for t in found)  # a caption ending in a name is no quotation
