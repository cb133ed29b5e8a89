"""Extraction as a whole: parsed articles in, :class:`~kg.extract.records.DocumentResult` out,
then one :class:`~kg.extract.records.BuildResult` with the actors merged across articles.

ingest -> nlp -> actors -> resolve -> claims -> stance. Per-article extraction
(:func:`extract_document`) needs nothing but the parsed article; merging actors across articles
happens once at the end. Nothing here knows RDF (that is :mod:`kg.graph`).
"""

from __future__ import annotations

import gc
from typing import Callable, Iterable, Iterator, Sequence

from spacy.attrs import IS_ALPHA
from spacy.language import Language
from spacy.tokens import Doc

from .aliases import CanonicalActor, apply_aliases
from . import owners  # noqa: F401 (registers the document-owner construction)
from .actors import GOVERNMENT, ORGANIZATION, PERSON, WORK, extract_mentions
from .claims import extract_claims, extract_credits, first_person_mentions
from .claims.authors import AUTHOR_REASON, author_mentions, release_author_mentions
from .ingest import Document
from .nlp import ParsedDocument, doc_text, parse, release_caches
from .records import BuildResult, DocumentFailure, DocumentResult
from .merge import merge_documents
from .resolve import Actor, LocalActor, resolve_document
from .stance import PolarityScorer, extract_stances


def extract_document(parsed: ParsedDocument, polarity: PolarityScorer | None = None) -> DocumentResult:
    """Run the per-article stages on one parsed article."""
    try:
        return _extract(parsed.document, parsed.doc, polarity)
    finally:
        release_caches(parsed.doc)


def _extract(document: Document, doc: Doc, polarity: PolarityScorer | None) -> DocumentResult:
    mentions = extract_mentions(doc, document.id)
    place = document.dateline.city if document.dateline else None
    local_actors = resolve_document(doc, mentions, place)
    index_of = {id(m): i for i, m in enumerate(mentions)}
    actor_of = {index_of[id(m)]: actor for actor in local_actors for m in actor.mentions}
    for mention, actor in author_mentions(doc, document.id, document.authors, local_actors,
                                          [(t.start, t.end) for t in document.turns]):
        if not any(a is actor for a in local_actors):  # a new author actor, not the article's own
            local_actors.append(actor)
        actor.mentions.append(mention)
        actor.reasons[id(mention)] = AUTHOR_REASON
        mentions.append(mention)
        actor_of[len(mentions) - 1] = actor
    claims, non_answers = extract_claims(doc, document.id, mentions, actor_of, document.turns)
    release_author_mentions(claims, mentions, actor_of, local_actors, doc_text(doc))
    for mention, actor in first_person_mentions(doc, document.id, claims, document.turns):
        actor.mentions.append(mention)
        actor.reasons[id(mention)] = "first person in a quotation" if mention.head_lemma != "you" else "interviewee addressed"
        mentions.append(mention)
        actor_of[len(mentions) - 1] = actor
    for actor in local_actors:
        actor.mentions.sort(key=lambda m: (m.start, m.end))
    # What a speaker states or believes bears on its stances; intentions, requests and bare acts
    # ("plans to", "praised X") are left to the stance constructions over the parse.
    held = [c for c in claims if c.is_statement or c.cue_class == "cognition"]
    stances = extract_stances(doc, document.id, mentions, actor_of, held, polarity)
    words = int(doc.to_array(IS_ALPHA).sum())  # alphabetic tokens, without making a Token for each
    credits = extract_credits(doc, document.id, mentions, actor_of)
    return DocumentResult(document, mentions, local_actors, claims, non_answers, stances, words, credits)


def keeps_actor(result: DocumentResult) -> Callable[[LocalActor], bool]:
    """Which local actors become graph actors: any actor that speaks, holds or receives a stance
    or is credited; named people and organisations; named groups ("Democrats") and places
    ("Britain") that are a party to what a clause says (they act, are acted on, are addressed)
    rather than its setting ("in Charlotte") or a modifier ("Texas student"); and unnamed actors
    that act. An unnamed group that is only mentioned ("law-abiding people") is not an actor."""
    used = result.used_actors()

    def keep(actor: LocalActor) -> bool:
        if id(actor) in used:
            return True
        if actor.named:
            return actor.type in {PERSON, ORGANIZATION, GOVERNMENT} or (actor.type != WORK and actor.party)
        return actor.agentive and actor.type not in {"Place", WORK}
    return keep


def merge(results: Sequence[DocumentResult], model: str = "", aliases: Sequence[CanonicalActor] = ()) -> BuildResult:
    """Merge the actors of all articles (and by a user's alias table) and drop non-actors."""
    keep_by_doc = {r.document.id: keeps_actor(r) for r in results}
    kept: list[tuple[str, list[LocalActor]]] = []
    for result in results:
        keep = keep_by_doc[result.document.id]
        kept.append((result.document.id, [a for a in result.actors if keep(a)]))
    actors = apply_aliases(merge_documents(kept), list(aliases))
    actor_of: dict[int, Actor] = {}
    for actor in actors:
        for local in actor.locals:
            actor_of[id(local)] = actor
    return BuildResult(list(results), actors, actor_of, model=model)


#: Documents extracted between two :func:`tidy_memory`.
TIDY_DOCS = 100


def tidy_memory() -> None:
    """Empty the memos of the name functions and of the polarity model's n-grams, and collect the
    reference cycles of the articles done (a parsed document and what points back at it). The
    memos only save time, mostly within an article; kept for a whole build they filled to their
    bounds (about 700,000 entries). The cycles wait for a full collection, which the thresholds
    of a build (:mod:`kg.run.heap`) make rare. Either way a build's memory grew with its length;
    a long build calls this now and then (a full collection here takes about 0.1 s)."""
    from .names import clear_memos
    from .polarity.features import clear_memos as clear_ngrams

    clear_memos()
    clear_ngrams()
    gc.collect()


def extract(nlp: Language, documents: Iterable[Document], polarity: PolarityScorer | None = None,
            progress: Callable[[DocumentResult], None] | None = None,
            on_error: Callable[[DocumentFailure], None] | None = None) -> Iterator[DocumentResult]:
    """Parse and extract each document in turn (``nlp.pipe`` batches underneath).

    ``on_error``: if given, a document whose extraction raises is reported to it and left out
    (one bad article does not end a batch); otherwise the error propagates.
    """
    for count, parsed in enumerate(parse(nlp, documents), 1):
        if count % TIDY_DOCS == 0:
            tidy_memory()
        try:
            result = extract_document(parsed, polarity)
        except Exception as error:  # noqa: BLE001 - a bug in one document, isolated on request
            if on_error is None:
                raise
            document = parsed.document
            on_error(DocumentFailure(document.id, document.source_path, f"{type(error).__name__}: {error}"))
            continue
        if progress is not None:
            progress(result)
        yield result


def default_polarity() -> PolarityScorer | None:
    """The shipped polarity model as a scorer, or None if it is not available."""
    try:
        from .polarity import PolarityModel
    except ImportError:
        return None
    try:
        model = PolarityModel.load()
    except (OSError, ValueError):
        return None

    # the answers for the current document: claim_actors and claim_names, and claims that share a
    # sentence, ask about the same mention in the same parsed words (kept with its Doc, so a new
    # Doc empties it and an old one's answer is never given for another)
    memo: dict[tuple, tuple[str, float]] = {}
    owner: list = [None]

    def score(text: str, start: int, end: int, span=None) -> tuple[str, float]:
        """Polarity toward ``text[start:end]``; ``span`` is the already parsed ``text``."""
        doc = getattr(span, "doc", span)
        if doc is not owner[0]:
            memo.clear()
            owner[0] = doc
        key = (text, start, end, getattr(span, "start", 0), getattr(span, "end", 0))
        answer = memo.get(key)
        if answer is None:
            prediction = model.predict(text, start, end, doc=span)
            answer = memo[key] = (prediction.label, prediction.probabilities[prediction.label])
        return answer
    return score
