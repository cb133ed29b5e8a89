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
    from kg.graph.sparql import run_query
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
    from kg.graph.sparql import run_query
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


# --------------------------------------------------------------------------- issue 17: each failure on a short text


def _found(claims):
    return {c.text if not c.parts else " … ".join(c.text[s - c.start:e - c.start] for s, e in c.parts): (s_, c)
            for s_, c in claims}


def test_phrase_between_cue_and_clause(claims_of):
    claims, _ = claims_of("Senator Mark Hall acknowledged on NBC's 'Meet the Press' that he was wrong about the budget.")
    assert {t: s for t, (s, _) in _found(claims).items()} == {"he was wrong about the budget": "Mark Hall"}


def test_according_to_as_an_aside_reports_both_sides_of_it(claims_of):
    claims, _ = claims_of("The economy, according to the Labor Department, grew by two percent in the last quarter.")
    (speaker, claim), = claims
    assert speaker == "Labor Department" and claim.cue == "according to" and claim.cue_class == "according-to"
    assert [claim.text[s - claim.start:e - claim.start] for s, e in claim.parts] == [
        "The economy", "grew by two percent in the last quarter"]


def test_inverted_speaker_after_a_fronted_quotation(claims_of):
    claims, _ = claims_of('Critics attacked the report. "The findings lack factual and legal basis," '
                          "responded the Chinese Commerce Ministry.")
    found = _found(claims)
    assert found["The findings lack factual and legal basis,"][0] == "Chinese Commerce Ministry"


def test_unnamed_sources_and_pals_are_speakers(claims_of):
    claims, _ = claims_of("According to some sources, the senator will resign on Friday. "
                          "All of my pals in government tell me the deal is dead.")
    found = {t: s for t, (s, _) in _found(claims).items()}
    assert found == {"the senator will resign on Friday": "some sources", "the deal is dead": "my pals"}


@pytest.mark.parametrize("text", [
    "''The budget is a disaster for farmers,'' said Senator Mark Hall.",          # NYT copy
    "“The budget is a disaster for farmers,’’ said Senator Mark Hall.",           # closed with two apostrophes
    "“The budget is a disaster for farmers,'' said Senator Mark Hall.",
])
def test_closing_quotes_typed_as_two_apostrophes(claims_of, text):
    claims, _ = claims_of(text)
    (speaker, claim), = claims
    assert (speaker, claim.kind, claim.text) == ("Mark Hall", "direct", "The budget is a disaster for farmers,")


def test_two_cues_in_one_sentence_give_two_claims(claims_of):
    claims, _ = claims_of("Governor Ann Lee spoke in Denver on Monday, saying she trusts women to make their own "
                          "decisions, and accused the incumbent of ignoring rural voters.")
    found = {t: (s, c.cue, c.cue_class) for t, (s, c) in _found(claims).items()}
    assert found["she trusts women to make their own decisions"] == ("Ann Lee", "saying", "speech")
    assert found["the incumbent of ignoring rural voters"] == ("Ann Lee", "accused", "evaluative")


def test_a_name_beside_its_description_is_the_speaker(claims_of):
    claims, _ = claims_of("The secularist magazine MicroMega described the court's judgement as historic.")
    (speaker, claim), = claims
    assert speaker == "MicroMega" and claim.text == "the court's judgement as historic"


def test_the_nearer_cue_takes_the_quotation(claims_of):
    claims, _ = claims_of('Several experts spoke to the Guardian, with Caitlin Boswell stating: '
                          '"This latest move from government is clumsy and unthinking."')
    (speaker, claim), = claims
    assert speaker == "Caitlin Boswell" and claim.cue == "stating"


# --------------------------------------------------------------------------- cue classes, claims and attributions


@pytest.mark.parametrize("text, content, cue_class, statement", [
    ("Senator Mark Hall called the budget a disaster for farmers.", "the budget a disaster for farmers", "evaluative", True),
    ("Senator Mark Hall accused the governor of lying about the budget.", "the governor of lying about the budget",
     "evaluative", True),
    ("The union denied the allegations against its leaders.", "the allegations against its leaders", "evaluative", True),
    ("Senator Mark Hall praised the new budget.", "the new budget", "evaluative", False),  # a bare act
    ("A new poll by Gallup shows the senator leading by five points.", "the senator leading by five points",
     "evidential", True),
    ("Senator Mark Hall asked whether the budget would pass.", "whether the budget would pass", "question", True),
    ("Senator Mark Hall believes the budget will pass.", "the budget will pass", "cognition", False),
    ("Senator Mark Hall plans to vote against the budget.", "to vote against the budget", "intention", False),
    ("Senator Mark Hall urged his colleagues to vote against the budget.", "his colleagues to vote against the budget",
     "speech", False),  # a request, not a statement
])
def test_cue_classes_and_what_is_a_claim(claims_of, text, content, cue_class, statement):
    claims, _ = claims_of(text)
    found = _found(claims)
    assert content in found, found
    claim = found[content][1]
    assert (claim.cue_class, claim.is_statement) == (cue_class, statement)


def test_finding_oneself_somewhere_is_no_finding(claims_of):
    """"find themselves in ..." says where someone is, not what they found; a finding stays one."""
    claims, _ = claims_of("Aid workers in the region find themselves in the middle of a war. The company found itself "
                          "unable to pay its debts. An audit by Deloitte found that the firm had hidden its losses.")
    assert [(s, c.text) for s, c in claims] == [("Deloitte", "the firm had hidden its losses")]


def test_questions_and_hedges_set_certainty(claims_of):
    claims, _ = claims_of("Senator Mark Hall asked whether the budget would pass. Officials believe the leak may "
                          "have started in May.")
    found = _found(claims)
    assert found["whether the budget would pass"][1].certainty == "possible"
    assert found["the leak may have started in May"][1].certainty in {"probable", "possible"}


def test_a_report_within_a_claim_points_to_it(claims_of):
    text = "Mayor Jim Kenney said that federal officials had told him the program would end."
    claims, _ = claims_of(text)
    found = _found(claims)
    outer = found["federal officials had told him the program would end"][1]
    inner = found["the program would end"][1]
    assert inner.within == (outer.start, outer.end) and outer.within is None


def test_the_graph_keeps_claims_attributions_and_parts(nlp):
    from kg.graph.sparql import run_query
    from kg.graph.rdf import to_graph
    from kg.graph.validate import validate

    text = ('"The budget is a disaster," Senator Mark Hall said on Tuesday, "and we will vote against it." '
            "Hall plans to vote against the budget. Mayor Jim Kenney said federal officials had told him the "
            "program would end.")
    graph = to_graph(extract_texts(nlp, {"t": text}))
    assert validate(graph).conforms
    claims = run_query(graph, "claims").as_dicts()
    assert not any("plans" in r["cue"] for r in claims)  # an intention is no claim
    split = next(r for r in claims if r["text"].startswith("The budget is a disaster"))
    assert split["kind"] == "direct" and text[split["start"]:split["end"]] == split["text"]
    rows = run_query(graph, "attributions").as_dicts()
    plan = next(r for r in rows if r["cue"] == "plans")
    assert (plan["cue_class"], plan["type"]) == ("intention", "attribution")
    assert {r["type"] for r in rows if r["cue"] == "said"} == {"claim"}
    parts = run_query(graph, 'SELECT ?text WHERE { ?c skg:contentPart ?p . ?p nif:anchorOf ?text } ORDER BY ?text')
    assert [r[0] for r in parts.rows] == ["The budget is a disaster,", "and we will vote against it."]
    nested = run_query(graph, "SELECT ?inner WHERE { ?c skg:reportedWithin ?outer . ?c skg:content ?p . "
                              "?p nif:anchorOf ?inner }")
    assert [r[0] for r in nested.rows] == ["the program would end"]


def test_quotation_without_a_verb_after_the_cue_sentence_continues_it(claims_of):
    """'"A," she said, clapping. "B."': B, a sentence of its own without a verb, is still her words
    (one claim per cue); a quoted phrase without a verb inside narration is not."""
    text = ('Melanie Smith watched the convention. "Here comes Big Daddy," she said, clapping. '
            '"The Donald. Big Daddy."\n\n"Here it is," Smith said. Her boyfriend called it "a circus" later.')
    claims, _ = claims_of(text)
    first, second = (c for _, c in claims)
    assert [text[s:e] for s, e in first.parts] == ["Here comes Big Daddy,", "The Donald. Big Daddy."]
    assert [text[s:e] for s, e in second.pieces()] == ["Here it is,"]


@pytest.mark.parametrize("text, speaker, content", [
    ("The vote took place despite repeated warnings from Mark MacDougall that the showdown was fruitless.",
     "Mark MacDougall", "the showdown was fruitless"),
    ("Democrats also persisted in arguments that the panel is trying to second-guess the FBI.",
     "Democrats", "the panel is trying to second-guess the FBI"),
    ("Nordvik Motors made the argument that the tax is illegal.", "Nordvik Motors", "the tax is illegal"),
])
def test_statement_noun_owned_through_by_from_or_a_verb_of_making_it(claims_of, text, speaker, content):
    """A statement noun's owner may be named by "from"/"by" or be the subject of a verb of making
    the statement; the one who rejects or echoes it is not its owner."""
    claims, _ = claims_of(text)
    assert (speaker, content) in [(s, c.text) for s, c in claims]


def test_statement_noun_rejected_is_not_the_rejecters(claims_of):
    claims, _ = claims_of("Senator Maria Lopez rejected the argument that the tax is illegal.")
    assert not [c for s, c in claims if s == "Maria Lopez" and c.cue_lemma == "argument"]


def test_passive_subject_of_a_cue_done_to_someone_is_not_its_speaker(claims_of):
    """The subject of a passive cue that takes an object or a listener is the one accused, called
    or told; the speaker is the agent, when one is named ("by fellow physicians")."""
    claims, _ = claims_of("Peacekeepers have been accused of hurting the civilians they were sent to protect. "
                          "Dr. Mehmet Oz has been called a charlatan by fellow physicians for promoting quack cures. "
                          "Senator Maria Lopez was told that the bill would pass. "
                          "Governor Tom Reed was quoted as saying that the bill is dead.")
    speakers = {s for s, _ in claims}
    assert "Peacekeepers" not in speakers and "Mehmet Oz" not in speakers and "Maria Lopez" not in speakers
    assert "fellow physicians" in speakers and "Tom Reed" in speakers


def test_quoted_question_before_its_cue_sentence(claims_of):
    """'"Who would have believed it?" Trump said': the parse ends a sentence at the question mark,
    but the quotation is what the cue opening the next one reports; a quotation before a sentence
    whose cue comes late is not."""
    text = ('Donald Trump spoke in Cleveland. “Who would have believed it?” Trump said, looking out on the crowd. '
            'The crowd cheered.\n\n'
            '“Are we there yet?” The reporters from the local paper later said that the speech was long.')
    claims, _ = claims_of(text)
    found = {c.text: s for s, c in claims}
    assert found.get("Who would have believed it?") == "Donald Trump"
    assert "Are we there yet?" not in found


def test_unclosed_paragraph_quotation_does_not_swallow_the_next_paragraphs_own(claims_of):
    """An excerpt's paragraph opened with a straight mark and never closed ends at its paragraph
    when the next paragraph opens a quotation of its own with another mark: that one's first
    closing mark is its own ('"Kevin was snoring.' then '“Here he is, babe,” she said. ...')."""
    from kg.extract.claims.quotes import find_quotes
    text = ('Melanie Smith watched the speech.\n\n"Kevin was snoring.\n\n'
            '“Here he is, babe,” Smith said. “Donald’s here, babe.”\n\nThe speech began.')
    assert [text[s:e] for s, e in find_quotes(text)] == ['"Kevin was snoring.', "“Here he is, babe,”",
                                                          "“Donald’s here, babe.”"]
    claims, _ = claims_of(text)
    assert [(s, [text[a:b] for a, b in c.pieces()]) for s, c in claims] == [
        ("Melanie Smith", ["Here he is, babe,", "Donald’s here, babe."])]


def test_quotation_in_the_next_paragraph_without_a_cue_continues_the_claim(claims_of):
    """A paragraph that is a quotation with no cue, right after a paragraph ending with a direct
    claim's cue, goes on with that claim (one claim per cue); narration between them, or a cue of
    its own, ends it."""
    text = ('The tenants met on Monday.\n\n"We will not give up," said Ana Ruiz, who leads the union.\n\n'
            '"The landlord has ignored us for a year."\n\n"It is a scandal," a neighbour said. The council met.\n\n'
            '"Nobody listens to us."\n\n"We are tired," Ruiz added.')
    claims, _ = claims_of(text)
    pieces = {s: [text[a:b] for a, b in c.pieces()] for s, c in claims if c.cue_lemma == "say"}
    assert pieces["Ana Ruiz"] == ["We will not give up,", "The landlord has ignored us for a year."]
    assert [[text[a:b] for a, b in c.pieces()] for _, c in claims if c.cue_lemma == "add"] == [["We are tired,"]]
    assert not any("Nobody listens" in c.text for _, c in claims)


def test_joint_speakers_each_have_the_claim(nlp, claims_of):
    """'A and B said ...' gives one claim per speaker with the same content (guidelines: joint
    speakers), so does a document by two sources; in the graph each is its own claim node with
    its own speaker, and the graph stays valid."""
    from kg.graph.rdf import to_graph
    from kg.graph.validate import validate
    from kg.graph.vocab import SDO

    text = ("Senator Maria Lopez and Governor Tom Reed said the bill would hurt farmers. "
            "A 2014 study by Harvard and the University of California at Berkeley found that poor children "
            "in Charlotte have the worst odds.")
    claims, _ = claims_of(text)
    assert sorted((s, c.text) for s, c in claims) == [
        ("Harvard", "poor children in Charlotte have the worst odds"),
        ("Maria Lopez", "the bill would hurt farmers"), ("Tom Reed", "the bill would hurt farmers"),
        ("University of California at Berkeley", "poor children in Charlotte have the worst odds")]
    graph = to_graph(extract_texts(nlp, {"t": text}))
    authors = {(str(c), str(a)) for c, a in graph.subject_objects(SDO.author) if "/claim/" in str(c)}
    assert len(authors) == 4 and len({c for c, _ in authors}) == 4 and len({a for _, a in authors}) == 4
    assert validate(graph).conforms


def test_demonstrative_that_opening_a_content_stays(claims_of):
    """"said that claim smacked of hypocrisy": "that" is the claim's word, not the complementizer
    (a complementizer before a determiner, "said that the bill would pass", still goes)."""
    claims, _ = claims_of("Rep. Trey Gowdy said that claim smacked of hypocrisy. "
                          "Senator Maria Lopez said that the bill would pass. Governor Tom Reed said that was a mistake.")
    assert {s: c.text for s, c in claims} == {"Trey Gowdy": "that claim smacked of hypocrisy",
                                              "Maria Lopez": "the bill would pass", "Tom Reed": "that was a mistake"}


def test_a_finding_opened_by_in_and_a_document_is_the_documents(claims_of):
    claims, _ = claims_of("In a CNN poll released Sunday, Clinton leads Trump by five points among likely voters. "
                          "In a statement, the mayor said the plan would pass. "
                          "In the morning, the senator drove to Ohio with his staff.")
    assert [(s, c.cue, c.cue_class, c.text) for s, c in claims] == [
        ("CNN", "In", "evidential", "Clinton leads Trump by five points among likely voters"),
        ("mayor", "said", "speech", "the plan would pass")]


def test_a_cue_verb_the_parser_tagged_as_a_noun_still_reports(claims_of):
    claims, _ = claims_of('The U.S. Department of Agriculture notes, "Ground-level ozone causes more damage to '
                          'plants than all other air pollutants combined", highlighting the risk. '
                          "The Pentagon's report details that the base was attacked twice. "
                          "The notes on the desk were old.")
    assert [(s, c.cue, c.text) for s, c in claims] == [
        ("U.S. Department of Agriculture", "notes",
         "Ground-level ozone causes more damage to plants than all other air pollutants combined"),
        ("Pentagon", "details", "the base was attacked twice")]


def test_a_clause_subject_the_parse_made_the_cues_object_belongs_to_the_clause(claims_of):
    claims, _ = claims_of("The CNN poll shows voters, especially young ones, prefer Clinton. "
                          "Senator Ken Hale told reporters the budget is late.")
    assert [(s, c.cue, c.text) for s, c in claims if c.is_statement] == [
        ("CNN", "shows", "voters, especially young ones, prefer Clinton"),
        ("Ken Hale", "told", "the budget is late")]


def test_according_to_closing_a_coordination_of_clauses_reports_all_of_it(claims_of):
    """The parse hangs a closing "according to X" on the last of two coordinated verbs; what X
    reports is both ("A stood at 9 and has since grown to 12, according to X"), not the last."""
    claims, _ = claims_of("The prison population stood at 200,000 in 1972 and has since grown to 2.3 million "
                          "inmates, according to the NAACP.")
    (speaker, claim), = claims
    assert speaker == "NAACP" and claim.text == ("The prison population stood at 200,000 in 1972 and has since "
                                                 "grown to 2.3 million inmates")


def test_a_paragraph_after_a_cue_ending_in_a_colon_is_its_claim(claims_of):
    """"X denied these allegations:" closing a paragraph introduces the next, unquoted: that block
    is X's claim (a block quotation, direct), up to a sentence with a cue of its own; the words
    before the colon are no claim of their own."""
    claims, _ = claims_of("In a statement, the Harbour Authority denied these allegations:\n\n"
                          "The workers were never 'forced' to stay. They were paid on time. "
                          "Its lawyers also claimed the ship was safe.")
    found = {(s, c.text): (c.cue, c.kind, c.polarity) for s, c in claims}
    assert found[("Harbour Authority", "The workers were never 'forced' to stay. They were paid on time.")] == (
        "denied", "direct", "negative")
    assert not any(text == "these allegations" for _, text in found)
