"""Claims and non-answers in one parsed article: the constructions, run in order.

:data:`CONSTRUCTIONS` is the table of what the extractor knows: each row names a way news
attributes content to a source, gives an example, and points at the one function that finds it
(``python -m kg.extract.claims`` prints it). Cue verbs outside quotations run first (a quotation
is taken by the cue nearest to it); the quotation constructions then continue or sign what the
cues left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from spacy.tokens import Doc

from ..actors import Mention
from ..ingest import Turn
from ..nlp import doc_text, doc_tokens
from ..resolve import LocalActor
from . import constructions as cx
from . import nouns as nx
from . import blocks as bx
from . import quotations as qx
from .context import ClaimContext
from .authors import author_voice
from .documents import credit_authors
from .interviews import interview_answers
from .quotes import Quotes, find_quotes
from .records import Claim, NonAnswer
from .speakers import actors_by_token


@dataclass(frozen=True)
class Construction:
    """One way of attributing content: its name, an example, and the function finding it."""

    name: str
    example: str
    find: Callable[[ClaimContext], None]


CONSTRUCTIONS: tuple[Construction, ...] = (
    Construction("reporting verb", '"X said (that) ...", "“...,” X told reporters", "X is confident that ...", '
                 '"the results show ..."; non-answers ("did not respond") are recorded, not claimed', cx.reporting_verbs),
    Construction("block after a colon", '"The Church denied these allegations:" ending a paragraph, the next one '
                 'unquoted: the Church\'s claim is that paragraph', bx.colon_blocks),
    Construction("continued quotation", '"“A,” said X. “B.”": one claim of X\'s in two parts', qx.quotation_continues),
    Construction("hedged quotation", '"“I think X,” she said": her claim is probable, not certain', qx.hedged_quotation),
    Construction("signed with a dash", '"“...” — Matthew Ingram", "... — Paul Ryan (@SpeakerRyan) July 5, 2016"',
                 qx.signed_with_dash),
    Construction("speaker label", '"Sanders: Brexit\'s message could draw ...", "TAPPER: And obviously ..."',
                 qx.speaker_label),
    Construction("pull quote, signed", '"... I am deeply disappointed ... John Smith, U.S. Senator"', qx.pull_quote_signed),
    Construction("in the words of", '"in the words of X, “...”"', cx.in_the_words_of),
    Construction("according to", '"According to X, ...", "..., according to X"', cx.according_to),
    Construction("in a document", '"In a CNN poll released Sunday, Clinton leads ...": the finding of the poll\'s owner',
                 cx.in_a_document),
    Construction("report noun", '"X\'s announcement that ...", "Trump\'s plan to deport ...", "the senator\'s belief '
                 'that ..."', nx.report_noun),
    Construction("joint speakers", '"A and B said ...", "a study by Harvard and Berkeley found ...": one claim per '
                 'speaker', cx.joint_speakers),
)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per content span and speaker (joint speakers each have theirs); nested reports
    keep their own, shorter spans. The first found is kept, unless a later one states what the
    first only attributes ("made the argument that ...": the act scorer's bare act on "made",
    then the argument's claim)."""
    seen: dict[tuple[int, int, int], Claim] = {}
    for claim in claims:
        key = (claim.start, claim.end, id(claim.speaker))
        if key not in seen or (claim.is_statement and not seen[key].is_statement):
            seen[key] = claim
    return sorted(seen.values(), key=lambda c: (c.start, c.end))


def _mark_nested(claims: list[Claim]) -> None:
    """A claim whose cue lies inside another claim's content is reported within it: its
    ``within`` is the innermost such claim's (start, end)."""
    for claim in claims:
        around = [other for other in claims if other is not claim and other.end - other.start > claim.end - claim.start
                  and any(s <= claim.cue_start < e for s, e in other.pieces())]
        if around:
            inner = min(around, key=lambda c: c.end - c.start)
            claim.within = (inner.start, inner.end)


def _attach_about(claims: list[Claim], mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor]) -> None:
    """The actors a claim mentions (other than its speaker), in order of first mention."""
    # the mentions that have an actor, in the order of ``mentions``: looked up once, not per claim
    located = [(mention.start, mention.end, actor) for index, mention in enumerate(mentions)
               if (actor := actor_of.get(index)) is not None]
    for claim in claims:
        about: list[LocalActor] = []
        start, end, speaker = claim.start, claim.end, claim.speaker
        for mention_start, mention_end, actor in located:
            if start <= mention_start and mention_end <= end and actor is not speaker and actor not in about:
                about.append(actor)
        claim.about = about


def extract_claims(doc: Doc, doc_id: str, mentions: Sequence[Mention],
                   actor_of: Mapping[int, LocalActor], turns: Sequence[Turn] = ()) -> tuple[list[Claim], list[NonAnswer]]:
    """Claims and non-answers in one parsed article.

    ``actor_of`` maps a mention's index in ``mentions`` to its resolved local actor; ``turns``
    are the article's interview turns (:func:`kg.extract.ingest.find_turns`), whose answers are
    claims of the interviewee.
    """
    text = doc_text(doc)  # Doc.text joins every token: read once per document
    ctx = ClaimContext(doc, doc_id, mentions, dict(actor_of), actors_by_token(doc, mentions, actor_of), turns,
                       text=text, tokens=doc_tokens(doc), quotes=Quotes(find_quotes(text), text))
    for construction in CONSTRUCTIONS:
        construction.find(ctx)
    ctx.claims.extend(interview_answers(doc, doc_id, turns, mentions, actor_of))
    credit_authors(doc, ctx.claims, actor_of.values())
    claims = author_voice(_dedupe(ctx.claims), text)
    _mark_nested(claims)
    _attach_about(claims, mentions, actor_of)
    return claims, ctx.non_answers
