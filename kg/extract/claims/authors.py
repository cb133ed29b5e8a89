"""The author as speaker: "I" and "we" outside quotations are the article's author.

In an opinion piece or a column the writer speaks in the first person ("I think Trump will
lose", "we believe the plan fails"): outside quotation marks, interview answers and transcript
lines ("TAPPER: I think ..."), a first-person pronoun is the author's voice, so a cue with it as
subject is the author's claim, thought or intention. The author is known from the page's
metadata (``Document.authors``) or a byline line ("By Jane Doe"): with exactly one, "I" is that
person (the article's own actor of that name when the body names them too). Without a known
author (no byline, or several), "I" is one unnamed person per article labelled "the author": an
actor that never merges across articles, never an actor called "I". What the author says in the
first person is the article's own voice, not a claim it reports (:func:`author_voice`): it is
recorded as the author's attribution, as thoughts ("I think") and intentions ("I want") are.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc

from ..actors import PERSON, PRONOUN, Mention
from ..names import clean_name, fold
from ..nlp import doc_layout, doc_text, doc_tokens
from ..resolve import LocalActor
from .quotes import Quotes, find_quotes
from .records import Claim

AUTHOR_KEY = "the author"
AUTHOR_REASON = "first person of the author"
AUTHOR_CONSTRUCTION = "author"
#: The author's pronouns outside quotations (a possessive "my" names the author too: "my view").
_PLURAL = {"we", "us", "our", "ours", "ourselves"}
_AUTHOR_PRONOUNS = {"i", "me", "my", "mine", "myself"} | _PLURAL
#: A transcript line "NAME: ..." speaks for NAME, not the author.
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_QUOTE_MARK = re.compile("[\"“]")
_LABELLED_LINE = re.compile(r"^[ \t]*[A-Z][^\n:]{0,60}:[ \t]*\S", re.MULTILINE)


def article_author(authors: Sequence[str], actors: Sequence[LocalActor]) -> LocalActor:
    """The one author's actor (the article's own when it names them), else "the author"."""
    if len(authors) == 1:
        name = clean_name(authors[0])
        same = next((a for a in actors if a.type == PERSON and fold(name) in map(fold, a.names())), None)
        if same is not None:
            return same
        actor = LocalActor(key=fold(name), type=PERSON, named=True)
        actor.name_cache.setdefault(name)
        return actor
    return LocalActor(key=AUTHOR_KEY, type=PERSON, named=False)


def _outside_voices(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans where a first person is someone else's: transcript lines and the given spans."""
    lines = [(m.start(), text.find("\n", m.start()) % (len(text) + 1)) for m in _LABELLED_LINE.finditer(text)]
    return [*spans, *((s, e if e > s else len(text)) for s, e in lines)]


def author_mentions(doc: Doc, doc_id: str, authors: Sequence[str], actors: Sequence[LocalActor],
                    turns: Sequence[tuple[int, int]] = ()) -> list[tuple[Mention, LocalActor]]:
    """First-person pronouns outside quotations, interview turns and transcript lines, as
    mentions of the article's author (:func:`article_author`); the author actor is made only
    when one is found."""
    text = doc_text(doc)
    layout = doc_layout(doc)
    authors = tuple(authors) or layout.bylines
    quotes = Quotes(find_quotes(text), text)
    elsewhere = _outside_voices(text, turns)
    found: list[tuple[Mention, LocalActor]] = []
    author: LocalActor | None = None
    for token in doc_tokens(doc):
        lower = token.lower_
        if lower not in _AUTHOR_PRONOUNS or token.tag_ not in {"PRP", "PRP$"} or quotes.contains(token.idx):
            continue
        if layout.in_heading(token.idx) or layout.hidden_at(token.idx) \
                or any(s <= token.idx < e for s, e in elsewhere):
            continue
        author = author or article_author(authors, actors)
        mention = Mention(doc_id=doc_id, start=token.idx, end=token.idx + len(token.text), text=token.text,
                          kind=PRONOUN, type=PERSON, root=token.i, sentence=0, head_lemma=lower,
                          tokens=(token.text,), dependency=token.dep_, construction=AUTHOR_CONSTRUCTION,
                          number="plural" if lower in _PLURAL else "singular")
        found.append((mention, author))
    return found



def _by_author(claim: Claim) -> bool:
    return any(m.construction == AUTHOR_CONSTRUCTION and m.start == claim.speaker_start for m in claim.speaker.mentions)


def _inside_others(position: int, claims: Sequence[Claim], text: str) -> bool:
    """Whether a first person at ``position`` is someone else's: inside another speaker's claim,
    or going on into a quotation after one in the same paragraph ('She says the issue is
    complicated. We need to "make sure ..."': the speaker's voice goes on)."""
    paragraph = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position) % (len(text) + 1)
    sentence = _SENTENCE_END.search(text, position, line_end if line_end > position else len(text))
    quoting = _QUOTE_MARK.search(text, position, sentence.start() if sentence else line_end) is not None
    return any(s <= position < e or (quoting and paragraph <= s < position)
               for c in claims if not _by_author(c) for s, e in c.pieces())


def author_voice(claims: list[Claim], text: str) -> list[Claim]:
    """The author's attributions among ``claims``, settled: a first person inside what someone
    else says (an unmarked block quote or pull quote: "I was hauled in ... Valeska Paris") is
    theirs, so an author attribution whose cue lies in another claim's content is dropped; what
    the author says in the first person ("I say", "we argue") is the article's own voice, not a
    claim it reports: an attribution (``is_statement`` False), like a thought or an intention."""
    kept = [c for c in claims if not (_by_author(c) and _inside_others(c.cue_start, claims, text))]
    for claim in kept:
        if _by_author(claim):
            claim.is_statement = False
    return kept


def release_author_mentions(claims: Sequence[Claim], mentions: list[Mention], actor_of: dict[int, LocalActor],
                            actors: list[LocalActor], text: str) -> None:
    """Author mentions inside another speaker's claim are not the author's ('"I" in a pull quote'):
    they are dropped (the quotation's first persons go to its speaker), and an author left with
    no mention is no actor. ``mentions`` and ``actor_of`` (index -> actor) are updated in place."""
    released = {i for i, m in enumerate(mentions)
                if m.construction == AUTHOR_CONSTRUCTION and i in actor_of and _inside_others(m.start, claims, text)}
    if not released:
        return
    for index in released:
        author = actor_of[index]
        author.mentions = [m for m in author.mentions if m is not mentions[index]]
        author.reasons.pop(id(mentions[index]), None)
        if not author.mentions:
            actors[:] = [a for a in actors if a is not author]
    kept = [i for i in range(len(mentions)) if i not in released]
    owners = {new: actor_of[old] for new, old in enumerate(kept) if old in actor_of}
    mentions[:] = [mentions[i] for i in kept]
    actor_of.clear()
    actor_of.update(owners)
