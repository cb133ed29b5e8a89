"""The records extraction hands on: one article's results, a whole build's, and their packing
for crossing process boundaries. No spaCy objects, no RDF.

A :class:`~kg.extract.resolve.LocalActor` keys the rule that linked each mention by ``id(mention)``,
which does not survive pickling; :func:`pack` and :func:`unpack` carry those rules by position
instead (worker processes, Dask, and the spill files of a store build use them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg import __version__
from .claims import Claim, Credit, NonAnswer
from .ingest import Document
from .actors import Mention
from .resolve import Actor, LocalActor
from .stance import Stance


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


@dataclass(frozen=True)
class DocumentFailure:
    """A document whose extraction failed with an internal error: left out of the build, reported."""

    doc_id: str
    source: str | None
    error: str  # "ExceptionType: message"

    def message(self) -> str:
        where = f"{self.source} (document {self.doc_id})" if self.source and self.source != self.doc_id else self.doc_id
        return f"{where}: internal error while extracting, document left out ({self.error})"


@dataclass
class PackedResult:
    """A :class:`DocumentResult` ready to cross a process boundary (see :func:`pack`)."""

    result: DocumentResult
    reasons: list[dict[int, str]]  # per local actor: mention position -> rule


def pack(result: DocumentResult) -> PackedResult:
    """Replace the ``id(mention)`` keys of each local actor's rules by mention positions."""
    reasons = []
    for local in result.actors:
        by_id = local.reasons
        reasons.append({i: by_id[id(m)] for i, m in enumerate(local.mentions) if id(m) in by_id})
    return PackedResult(result, reasons)


def unpack(packed: PackedResult) -> DocumentResult:
    """Restore the rules of each local actor, keyed by the ids of the (new) mention objects."""
    result = packed.result
    for local, reasons in zip(result.actors, packed.reasons):
        local.reasons = {id(local.mentions[i]): rule for i, rule in reasons.items()}
    return result
