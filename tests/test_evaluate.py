"""The scorers themselves (kg.extract.evaluate, benchmarks/gum.py) on small hand-made cases, without spaCy."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from kg.extract.evaluate import (GoldError, PredActor, PredClaim, Prediction, PredStance, b_cubed_counts, evaluate_predictions,
                         load_gold, load_gold_dir, max_matching, muc_counts, normalise, score_article,
                         target_string_matches, token_overlap)

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "eval_cases"


@pytest.fixture()
def gold():
    return load_gold(CASES / "philly.json")


def span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def actors() -> dict[str, PredActor]:
    return {a.id: a for a in [
        PredActor("jim-kenney", "Jim Kenney", ("Philadelphia Mayor Jim Kenney", "Kenney")),
        PredActor("philadelphia", "Philadelphia", ("Philadelphia", "the city", "Philadelphia’s")),
        PredActor("ice", "U.S. Immigration and Customs Enforcement", ("ICE",)),
        PredActor("dhs", "Department of Homeland Security", ("The Department of Homeland Security",)),
        PredActor("john-smith", "John Smith", ("ICE spokesman John Smith",)),
    ]}


def perfect(gold) -> Prediction:
    text = gold.text
    claims = [
        PredClaim("jim-kenney", *span(text, "the city will stop sharing data with ICE"), cue="said", kind="indirect"),
        PredClaim("jim-kenney", *span(text, "This is about protecting our residents,"), cue="said", kind="direct"),
        PredClaim("john-smith", *span(text, "the move puts the public at risk"), cue="said", kind="indirect"),
    ]
    stances = [
        PredStance("dhs", "against", "Philadelphia’s decision to end the agreement", "act", "philadelphia"),
        PredStance("philadelphia", "against", "ICE", "actor", "ice"),
    ]
    return Prediction(gold.doc_id, actors(), claims, stances)


def test_perfect_prediction_scores_one(gold):
    metrics = score_article(gold, perfect(gold)).metrics()
    for key in ("actor_recall", "actor_fragmentation", "claim_precision", "claim_recall", "claim_f1", "speaker_accuracy",
                "cue_accuracy", "kind_accuracy", "stance_precision", "stance_recall", "stance_f1"):
        assert metrics[key] == 1.0, key


def test_empty_prediction_scores_zero(gold):
    score = score_article(gold, Prediction(gold.doc_id))
    metrics = score.metrics()
    assert metrics["actor_recall"] == 0 and metrics["claim_recall"] == 0 and metrics["stance_recall"] == 0
    assert metrics["claim_f1"] == 0 and metrics["stance_f1"] == 0
    assert metrics["claim_precision"] is None  # nothing predicted: precision is undefined, not 1
    assert len(score.errors["missed_claim"]) == 3 and len(score.errors["missed_stance"]) == 2


def test_wrong_polarity_or_holder_does_not_count(gold):
    prediction = perfect(gold)
    prediction.stances[0].polarity = "favor"
    prediction.stances[1].holder = "dhs"
    metrics = score_article(gold, prediction).metrics()
    assert metrics["stance_precision"] == 0 and metrics["stance_recall"] == 0


def test_wrong_target_does_not_count(gold):
    prediction = perfect(gold)
    prediction.stances = [PredStance("dhs", "against", "ICE", "actor", "ice")]
    assert score_article(gold, prediction).stances_matched == 0


def test_target_matching_is_lenient_on_wording(gold):
    prediction = perfect(gold)
    prediction.stances = [
        # an act owned by the gold target actor, labelled without its name
        PredStance("dhs", "against", "the decision", "act", "philadelphia"),
        # the alt_target topic, worded differently: the topic alias is inside the predicted label
        PredStance("philadelphia", "against", "stop sharing data with ICE", "topic", None),
    ]
    assert score_article(gold, prediction).stances_matched == 2


def test_duplicate_stances_collapse_like_the_gold(gold):
    prediction = perfect(gold)
    prediction.stances.append(PredStance("dhs", "against", "Philadelphia", "actor", "philadelphia"))
    score = score_article(gold, prediction)
    assert (score.stances_pred, score.stances_matched) == (2, 2)


def test_wrong_speaker_counts_against_speaker_accuracy_only(gold):
    prediction = perfect(gold)
    prediction.claims[0].speaker = "dhs"
    score = score_article(gold, prediction)
    assert score.claims_matched == 3 and score.speakers_right == 2
    assert score.errors["wrong_speaker"][0]["gold"] == "Jim Kenney"


def test_alt_speaker_is_accepted(gold):
    prediction = perfect(gold)
    prediction.claims[2].speaker = "ice"  # the gold speaker is ICE's spokesman, alt_speaker ICE
    assert score_article(gold, prediction).speakers_right == 3


def test_claim_overlap_rule(gold):
    text = gold.text
    prediction = perfect(gold)
    # half of "the move puts the public at risk" (4 of 7 words) is enough; 3 of 7 is not
    start, end = span(text, "the move puts the public at risk")
    prediction.claims[2].start, prediction.claims[2].end = start, start + len("the move puts the")
    assert score_article(gold, prediction).claims_matched == 3
    prediction.claims[2].end = start + len("the move puts")
    assert score_article(gold, prediction).claims_matched == 2


def test_short_content_counts_with_its_cue_and_speaker():
    """The guidelines extend a fragment over the cue and speaker when the content has fewer than 5
    words ("which the Church describes as a religious retreat"): such a content matches with them,
    a longer one does not."""
    from kg.extract.evaluate import claim_matches, word_spans

    text = "Mayor Ann Lee later disclosed that she has pneumonia. Her aide Tom Reed said the long trip tired her."
    words = word_spans(text)
    fragment = [span(text, "Ann Lee later disclosed that she has pneumonia")]
    content, reach = span(text, "she has pneumonia"), (text.index("Ann"), text.index("."))
    assert claim_matches(words, fragment, *content, reach)
    assert not claim_matches(words, fragment, *content)  # the content alone: 3 of 8 words
    fragment = [span(text, "Her aide Tom Reed said the")]
    content = span(text, "the long trip tired her")
    assert not claim_matches(words, fragment, *content, (text.index("Tom"), content[1]))  # 5 words: no extension


def test_one_quote_split_in_two_counts_once(gold):
    prediction = perfect(gold)
    start, end = span(gold.text, "This is about protecting our residents")
    prediction.claims.append(PredClaim("jim-kenney", start, end, cue="said", kind="direct"))
    score = score_article(gold, prediction)
    assert (score.claims_pred, score.claims_matched) == (4, 3)
    assert len(score.errors["spurious_claim"]) == 1


def test_split_actor_raises_fragmentation(gold):
    prediction = perfect(gold)
    prediction.actors["kenney-2"] = PredActor("kenney-2", "Kenney", ("Kenney",))
    score = score_article(gold, prediction)
    assert score.actors_split == 1 and score.metrics()["actor_fragmentation"] == pytest.approx(6 / 5)


def test_micro_average_sums_counts(gold):
    report = evaluate_predictions([gold, gold], {gold.doc_id: perfect(gold)})
    total = report.total()
    assert total.claims_gold == 6 and total.claims_matched == 6
    assert report.to_dict()["total"]["metrics"]["claim_f1"] == 1.0
    assert "micro-average" in report.render_table()


def test_normalise():
    assert normalise("The Department of Homeland Security’s") == "department of homeland security"
    assert normalise("  a  Judge, ") == "judge"
    assert target_string_matches("philadelphia's decision to end the agreement", "philadelphia's decision")
    assert target_string_matches("decision", "philadelphia's decision")  # half of the words
    assert not target_string_matches("muslims", "trump's policies regarding muslims")  # too little of it
    assert not target_string_matches("it", "it")  # pronouns name nothing


@pytest.mark.parametrize("change, message", [
    (lambda g: g.update(claims=[{"speaker": "nobody", "cue": "said", "kind": "direct", "fragment": "the move puts the public at risk"}]), "not a gold actor"),
    (lambda g: g["claims"][0].update(fragment="words that are not in the text"), "is not in the text"),
    (lambda g: g["stances"][0].update(polarity="neutral"), "polarity"),
    (lambda g: g["claims"][0].update(kind="quoted"), "kind"),
    (lambda g: g.update(text_file="missing.txt"), "not found"),
    (lambda g: g.pop("claims"), "missing 'claims'"),
])
def test_bad_gold_file_is_one_line_error(tmp_path, change, message):
    data = json.loads((CASES / "philly.json").read_text(encoding="utf-8"))
    change(data)
    shutil.copy(CASES / "philly.txt", tmp_path / "philly.txt")
    (tmp_path / "philly.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError) as error:
        load_gold_dir(tmp_path)
    assert message in str(error.value) and "\n" not in str(error.value) and "philly.json" in str(error.value)


def test_cli_bad_gold_file_exits_non_zero(tmp_path, capsys):
    from kg.cli import main

    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert main(["eval", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kg: error:") and "broken.json" in err[0]
    assert main(["eval", str(tmp_path / "nowhere")]) == 1


def test_max_matching_is_maximum():
    # greedy would give 0->0 and leave 1 unmatched
    assert max_matching({0: [0, 1], 1: [0]}) == {0: 1, 1: 0}


def test_b_cubed_and_muc():
    key = {"a": 1, "b": 1, "c": 1, "d": 2}
    assert b_cubed_counts(key, {"a": "x", "b": "x", "c": "x", "d": "y"}) == (4.0, 4.0, 4)
    # {a b} {c} {d}: recall of a and b 2/3, of c 1/3, of d 1; precision all 1
    p, r, n = b_cubed_counts(key, {"a": "x", "b": "x", "c": "y", "d": "z"})
    assert (p / n, r / n) == (1.0, pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4))
    assert muc_counts(key, {"a": "x", "b": "x", "c": "y", "d": "z"}) == (1, 2, 1, 1)
    # everything in one response cluster: recall 1, precision 2 of 3 links
    assert muc_counts(key, {k: "x" for k in key}) == (2, 2, 2, 3)


def test_token_overlap_needs_both_sides():
    gold = frozenset(range(10))
    assert token_overlap(gold, frozenset(range(3))) == 0.3
    assert token_overlap(gold, frozenset(range(100))) == 0.1  # a huge prediction does not match
    assert token_overlap(gold, frozenset()) == 0.0


def _gum():
    spec = importlib.util.spec_from_file_location("gum_benchmark", ROOT / "benchmarks" / "gum.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_gum_claim_protocol():
    gum = _gum()
    text = 'Smith said the plan will fail badly. "It is a disaster," he added.'
    content = span(text, "the plan will fail badly")
    article = gum.GumArticle("x", "news", text, entities=[
        {"mention_id": "m1", "entity_id": "e1", "etype": "person", "start": 0, "end": 5, "text": "Smith"},
        {"mention_id": "m2", "entity_id": "e1", "etype": "person", "start": text.index("he"), "end": text.index("he") + 2, "text": "he"},
    ], attributions=[
        {"source": [{"start": 0, "end": 5, "text": "Smith"}], "cue": [{"start": 6, "end": 10, "text": "said"}],
         "content": [{"start": content[0], "end": content[1] + 1, "text": text[content[0]:content[1] + 1]}],
         "source_mentions": ["m1"], "source_entities": [{"entity_id": "e1"}], "relation": "attribution-positive"},
    ])
    parsed = [gum.Parsed(article, None, None)]
    right = gum.ClaimSpans([content], [(0, 5)], [(0, 5)], [(6, 10)])
    scores = gum.score_claims(parsed, {"x": [right]}, ["news"])
    assert scores["news"]["0.8"]["f1"] == 1.0 and scores["news"]["0.8"]["speaker"] == 1.0 and scores["news"]["0.8"]["cue"] == 1.0
    # the speaker as a pronoun of the same chain still matches; a claim on the wrong words does not
    quote = gum.ClaimSpans([span(text, "It is a disaster")], [], [], [])
    pronoun = gum.ClaimSpans([content], [span(text, "he")], [span(text, "he")], [])
    scores = gum.score_claims(parsed, {"x": [pronoun, quote]}, ["news"])
    assert scores["news"]["0.3"]["matched"] == 1 and scores["news"]["0.3"]["precision"] == 0.5
    assert scores["news"]["0.3"]["speaker"] == 1.0
