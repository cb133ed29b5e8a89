"""Interviews and first persons: each answer turn is a claim of its speaker; "I" and "we" inside a
quotation are its speaker."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from spacy.tokens import Doc

from ..actors import GOVERNMENT, GROUP, ORGANIZATION, PRONOUN, Mention
from ..ingest import Turn
from ..nlp import doc_text, doc_tokens
from ..resolve import LocalActor
from .content import trim
from .records import DIRECT, MIXED, Claim

_INTERVIEW_WORD = re.compile(r"\binterview\w*", re.IGNORECASE)
_INTERVIEWEE_CONTEXT = re.compile(
    r"(?:\binterview(?:s|ed)?\s+(?:with\s+)?(?P<after>(?:(?!\s(?:on|about|over|regarding)\s)[^\n]){0,60}))|(?:(?P<before>[^\n]{0,60})\s+(?:tells|told|talks to|speaks to|interviewed by)\b)",
    re.IGNORECASE)
_CAPTION = re.compile(r"\b(?:Image|Photo|Picture|File photo|Credit)s?:|^(?:File photo|Image|Photo)\b", re.IGNORECASE)


def _interviewee(doc: Doc, mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor],
                 turns: Sequence[Turn]) -> LocalActor | None:
    """The person answering: named before the first question (the headline, the intro), else
    the most mentioned named person."""
    text = doc_text(doc)
    first_question = next((t.start for t in turns if t.question), len(text))
    people = [(i, m) for i, m in enumerate(mentions) if i in actor_of and actor_of[i].type == "Person"
              and actor_of[i].named and m.start < first_question]
    # "Wikinews interviews Christopher Hill", "Interview with Noam Chomsky", "Jack Herrick, ...
    # interviewed by", "Nick Bos tells Wikinews": the person next to the word, not any person.
    matched = False
    for match in _INTERVIEWEE_CONTEXT.finditer(text, 0, first_question):
        matched = True
        window = range(match.start("after"), match.end("after")) if match.group("after") else \
            range(match.start("before"), match.end("before"))
        for i, m in people:
            if m.start in window:
                return actor_of[i]
    if matched or not people:
        return None  # "interviews New York bar owner ...": not a named person we can tell
    counts: dict[int, int] = {}
    for actor in actor_of.values():
        counts[id(actor)] = counts.get(id(actor), 0) + 1
    return max((actor_of[i] for i, _ in people), key=lambda a: counts[id(a)])


def interview_answers(doc: Doc, doc_id: str, turns: Sequence[Turn], mentions: Sequence[Mention],
                       actor_of: Mapping[int, LocalActor]) -> list[Claim]:
    """Each answer turn of an interview is a direct claim of its speaker."""
    if not turns:
        return []
    actors = {id(a): a for a in actor_of.values()}.values()
    default = _interviewee(doc, mentions, actor_of, turns)
    text = doc_text(doc)
    cue_match = _INTERVIEW_WORD.search(text, 0, next((t.start for t in turns), len(text)))
    claims = []
    for turn in turns:
        if turn.question or _CAPTION.search(text[turn.start:turn.end]):
            continue  # questions, and photo captions between the turns
        speaker, cue = default, None
        if turn.label and turn.label not in {"A", "Q"}:
            label = turn.label.lower()
            speaker = next((a for a in actors if a.type == "Person" and any(
                label == n.lower() or label in n.lower().split() for n in a.names())), None)
            cue = (turn.label_start, turn.label_end, turn.label)
        if speaker is None:
            continue
        if cue is None:
            if cue_match is None:
                continue
            cue = (cue_match.start(), cue_match.end(), cue_match.group(0))
        span = doc.char_span(turn.start, turn.end, alignment_mode="contract")
        if span is None or len(span) < 3:
            continue
        start_i, end_i = trim(doc, span.start, span.end)
        if end_i <= start_i:
            continue
        content = doc[start_i:end_i]
        claims.append(Claim(
            doc_id=doc_id, speaker=speaker, speaker_start=cue[0], speaker_end=cue[1], cue=cue[2],
            cue_lemma="interview", cue_start=cue[0], cue_end=cue[1], kind=DIRECT,
            start=content.start_char, end=content.end_char, text=content.text,
            sentence_start=content.start_char, sentence_end=content.end_char, head=content.root.i,
        ))
    return claims


_FIRST_PERSON_SINGULAR = {"i", "me", "my", "mine", "myself"}
_FIRST_PERSON_PLURAL = {"we", "us", "our", "ours", "ourselves"}
_COLLECTIVE_SPEAKERS = {ORGANIZATION, GOVERNMENT, GROUP}


def first_person_mentions(doc: Doc, doc_id: str, claims: Sequence[Claim], turns: Sequence[Turn] = ()) -> list[tuple[Mention, LocalActor]]:
    """ "I", "me", "my" inside a quotation or an interview answer are its speaker, and so are "we",
    "us", "our" when the speaker is an organisation or a group ("'We oppose the plan,' the union
    said"; a person's "we" may be a family or a team, so it is left alone); "you" in an interview
    question is the interviewee. Returns new pronoun mentions with their actors."""
    found: list[tuple[Mention, LocalActor]] = []
    quoted = [c for c in claims if c.kind in {DIRECT, MIXED}]
    for token in doc_tokens(doc):
        lower = token.lower_
        singular, plural = lower in _FIRST_PERSON_SINGULAR, lower in _FIRST_PERSON_PLURAL
        if not (singular or plural or lower == "you"):
            continue
        owner = None
        if singular or plural:
            around = [c for c in quoted if c.start <= token.idx < c.end]
            if around:
                owner = min(around, key=lambda c: c.end - c.start).speaker
                if plural and owner.type not in _COLLECTIVE_SPEAKERS:
                    owner = None
        elif turns:
            question = next((t for t in turns if t.question and t.start <= token.idx < t.end), None)
            answer = next((c for c in claims if c.cue_lemma == "interview" and c.start > token.idx), None)
            owner = answer.speaker if question is not None and answer is not None else None
        if owner is None:
            continue
        mention = Mention(doc_id=doc_id, start=token.idx, end=token.idx + len(token.text), text=token.text,
                          kind=PRONOUN, type="", root=token.i, sentence=0, head_lemma=lower,
                          tokens=(token.text,))
        found.append((mention, owner))
    return found
