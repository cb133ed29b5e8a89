"""Constructions around quotations that no cue verb took: continued quotations, reports inside a
quotation, and pull quotes signed by a dash or a bare name."""

from __future__ import annotations

import re

from ..actors import PERSON
from ..nlp import sentence_of
from .constructions import claim_for_cue
from .content import trim
from .context import ClaimContext
from .quotes import quote_inner
from .records import DIRECT, INDIRECT, Claim
from .speakers import subject_of
from ..lexicon import SPEECH_VERBS

_JUST_PUNCTUATION = re.compile(r"[\s.:;]*")
_SIGNATURE_DASH = re.compile(r"[ \t]*(?:-{1,2}|–|—)[ \t]*(?=\w)")
_PARAGRAPH_END = re.compile(r"[^\S\n]*\n|\s*\Z")
_FIRST_PERSON = {"i", "we"}
_FIRST_PERSON_WORDS = {"i", "we", "me", "us", "my", "our", "i’m", "i'm"}


def _continues(ctx: ClaimContext, q_start: int) -> Claim | None:
    """The claim a quotation at ``q_start`` continues: the latest one ending before it in the same
    paragraph, within 300 characters; after reported speech, only when the quotation is the very
    next sentence ('Wilkins said Warhol was a businessperson. "He would make a blue Marilyn ..."')."""
    text = ctx.text
    previous = [c for c in ctx.claims if c.end <= q_start and "\n" not in text[c.end:q_start]
                and (len(text[c.end:q_start]) < 300 if c.kind != INDIRECT else _JUST_PUNCTUATION.fullmatch(text[c.end:q_start]))]
    return max(previous, key=lambda c: c.end) if previous else None


def quotation_continues(ctx: ClaimContext) -> None:
    """A quotation with no cue of its own after a claim in the same paragraph continues it
    ('"We thank you," said Bolden. "This was a difficult decision."')."""
    doc, text = ctx.doc, ctx.text
    for q_start, q_end in ctx.quotes:
        if (q_start, q_end) in ctx.used_quotes or any(c.start <= q_start < c.end for c in ctx.claims):
            continue
        last = _continues(ctx, q_start)
        if last is None:
            continue
        inner = quote_inner(doc, text, (q_start, q_end))
        if inner is None or len(inner) < 4 or not any(t.pos_ in {"VERB", "AUX"} for t in inner):
            continue
        sentence = sentence_of(inner.root)
        ctx.claims.append(Claim(
            doc_id=ctx.doc_id, speaker=last.speaker, speaker_start=last.speaker_start, speaker_end=last.speaker_end,
            cue=last.cue, cue_lemma=last.cue_lemma, cue_start=last.cue_start, cue_end=last.cue_end, kind=DIRECT,
            start=inner.start_char, end=inner.end_char, text=inner.text, certainty=last.certainty,
            sentence_start=sentence.start_char, sentence_end=sentence.end_char, head=inner.root.i,
        ))
        ctx.used_quotes.add((q_start, q_end))


def report_inside_quotation(ctx: ClaimContext) -> None:
    """A first-person cue inside a quotation ("I think ...", "we believe ...") reports a claim of
    the person quoted."""
    for token in ctx.in_quote:
        if token.lemma_.lower() not in SPEECH_VERBS:
            continue
        subject = subject_of(token)
        if subject is None or subject.lower_ not in _FIRST_PERSON:
            continue
        around = [c for c in ctx.claims if c.start <= token.idx < c.end]
        if around:
            claim_for_cue(ctx, token, min(around, key=lambda c: c.end - c.start).speaker)


def pull_quote_dash(ctx: ClaimContext) -> None:
    """A pull quote signed with a dash: '"So far, it's the Internet: 1." - Matthew Ingram'."""
    doc, text, actor_at = ctx.doc, ctx.text, ctx.actor_at
    for q in ctx.quotes:
        if q in ctx.used_quotes:
            continue
        dash = _SIGNATURE_DASH.match(text, q[1])
        first = doc.char_span(dash.end(), dash.end() + 1, alignment_mode="expand") if dash else None
        if first is None:
            continue  # the signer's name, perhaps after a title ("— Senator John Smith")
        signer = next((t for t in doc[first.start:first.start + 3] if t.i in actor_at and "\n" not in t.text), None)
        inner = quote_inner(doc, text, q)
        if signer is not None and inner is not None and len(inner) >= 3:
            last = signer
            while last.i + 1 < len(doc) and actor_at.get(last.i + 1) is actor_at[signer.i]:
                last = doc[last.i + 1]
            cue = doc.char_span(dash.start(), dash.end(), alignment_mode="expand") or first
            ctx.add_claim(actor_at[signer.i], doc[signer.i:last.i + 1], cue, DIRECT, inner.start_char, inner.end_char,
                          inner.root)


def _ends_paragraph(text: str, offset: int) -> bool:
    """Whether only blanks lie between ``offset`` and a line break or the end of the text."""
    return _PARAGRAPH_END.match(text, offset) is not None


def pull_quote_signed(ctx: ClaimContext) -> None:
    """A pull quote signed by a bare name at the end of its paragraph, with no quotation marks:
    "This was a very difficult decision ... Program. Charles Bolden, NASA Administrator". Only when
    the words repeat a passage of the article or speak in the first person, so that a caption
    ending in a name is not taken for one."""
    doc, text = ctx.doc, ctx.text
    for sentence in doc.sents:
        signer = doc[sentence.start]
        end = sentence.end
        while end > sentence.start and doc[end - 1].is_space:
            end -= 1
        if end <= sentence.start or not _ends_paragraph(text, ctx.char_end(end)):
            continue
        actor = ctx.actor_at.get(signer.i)
        if actor is None or actor.type != PERSON or any(t.pos_ in {"VERB", "AUX"} for t in doc[sentence.start:end]) \
                or ctx.quotes.contains(signer.idx) or end - sentence.start > 14:
            continue
        paragraph_start = text.rfind("\n", 0, sentence.start_char) + 1
        if paragraph_start >= sentence.start_char:
            continue
        inner = doc.char_span(paragraph_start, sentence.start_char, alignment_mode="contract")
        if inner is None:
            continue
        start_i, end_i = trim(doc, inner.start, inner.end)
        if sum(1 for t in doc[start_i:end_i] if t.is_alpha) < 6:
            continue
        repeated = text.count(doc[start_i:end_i].text[:60]) > 1
        first_person = any(t.lower_ in _FIRST_PERSON_WORDS for t in doc[start_i:end_i])
        if repeated or first_person:
            name_end = signer.i
            while name_end + 1 < end and ctx.actor_at.get(name_end + 1) is actor:
                name_end += 1
            ctx.add_claim(actor, doc[signer.i:name_end + 1], doc[signer.i:name_end + 1], DIRECT,
                          doc[start_i].idx, ctx.char_end(end_i), doc[start_i:end_i].root)
