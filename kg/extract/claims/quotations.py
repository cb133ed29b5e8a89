"""Constructions around quotations and posts that no cue verb took: continued quotations, hedges
inside a quotation, signatures (a dash and a name, a bare name), speaker labels ("Name: ...")."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..actors import PERSON
from .content import trim
from .context import ClaimContext
from .quotes import kind_and_span, quote_inner
from .cues import cue_of
from ..resolve import LocalActor
from .records import CERTAIN, DIRECT, INDIRECT, MIXED, Claim
from .speakers import subject_of

_JUST_PUNCTUATION = re.compile(r"[\s.:;]*")
#: A dash that signs what comes before it with the name after it (at a line's start, or after a
#: quotation or post on the same line).
_SIGNATURE = re.compile(r"(?:^|(?<=[^\S\n])|(?<=[”\"’]))(?:-{1,2}|–|—|―)[ \t]*(?=[A-Z@])", re.MULTILINE)
#: Last words of a label that introduce no speech ("Image: Nick Moreau", "Update: ...").
_NOT_SPEAKER_LABELS = {"image", "images", "photo", "photos", "picture", "video", "audio", "footage", "credit",
                       "source", "sources", "update", "note", "correction", "related", "watch", "read"}
#: A speaker's name and a colon opening a paragraph.
_LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][^\n:]{1,60}?)[ \t]*:[ \t]*(?=\S)", re.MULTILINE)
_OPENING_MARKS = "“\"‘'«„"
_CLOSING_MARKS = "”\"’'»"
_PARAGRAPH_END = re.compile(r"[^\S\n]*\n|\s*\Z")
_FIRST_PERSON = {"i", "we"}
#: Claims a quotation after them can continue: spoken ones, not evaluations or findings.
_SPOKEN = {"speech", "question", "according-to"}
_FIRST_PERSON_WORDS = {"i", "we", "me", "us", "my", "our", "i’m", "i'm"}


def _continues(ctx: ClaimContext, q_start: int) -> Claim | None:
    """The claim a quotation at ``q_start`` continues: the latest one ending before it in the same
    paragraph, within 300 characters; after reported speech, only when the quotation is the very
    next sentence ('Wilkins said Warhol was a businessperson. "He would make a blue Marilyn ..."')."""
    text = ctx.text
    previous = [c for c in ctx.claims if c.end <= q_start and c.is_statement and c.cue_class in _SPOKEN
                and ("\n" not in text[c.end:q_start] or _next_paragraph(ctx, c, q_start))
                and (len(text[c.end:q_start]) < 300 if c.kind != INDIRECT else _JUST_PUNCTUATION.fullmatch(text[c.end:q_start]))]
    return max(previous, key=lambda c: c.end) if previous else None


def _next_paragraph(ctx: ClaimContext, claim: Claim, q_start: int) -> bool:
    """Whether a quotation opening the paragraph right after a direct claim's paragraph goes on
    with it: the claim's paragraph ends with its cue after the quotation ('"...," she said.'; not
    'He called it "...".', where the next paragraph's quotation is often another's), no other quotation or
    sentence stands between them, and the quotation has no cue of its own (one taken by a cue
    is never offered here)."""
    text = ctx.text
    between = text[claim.end:q_start]
    rest, _, gap = between.partition("\n")
    rest = rest.lstrip(_CLOSING_MARKS)  # the claim's own closing mark
    if claim.kind != DIRECT or gap.strip() or "\n" in gap.strip("\n") or len(rest) > 120:
        return False
    if any(mark in rest for mark in _OPENING_MARKS[:2]) or rest.count(".") > 1:
        return False  # another quotation, or a sentence of narration after the cue
    cue_sentence = rest.rstrip()
    return claim.cue_start >= claim.end and cue_sentence[-1:] == "."  # '"...," said Mohib.': the cue after the quotation


def _spoken_sentences(text: str, last: Claim, inner: Span, q_start: int, q_end: int) -> bool:
    """Whether a quotation without a verb is still the speaker's words going on: it follows a
    direct quotation, is a sentence of its own after the cue's sentence and ends one ('"Here comes
    Big Daddy," she said, clapping. "The Donald. Big Daddy."'), not a quoted phrase in narration."""
    before = text[last.end:q_start].rstrip()
    after = text[q_end:q_end + 2].lstrip(" \t")
    return (last.kind == DIRECT and before[-1:] in {".", "!", "?"} and sum(t.is_alpha for t in inner) >= 2
            and (inner.text.rstrip()[-1:] in {".", "!", "?"} or after[:1] in {".", "!", "?"})
            and (not after or after[:1] in {"\n", ".", "!", "?"} or after[:1].isupper()))


def quotation_continues(ctx: ClaimContext) -> None:
    """A quotation with no cue of its own after a claim in the same paragraph continues it, as a
    further part of the same claim ('"We thank you," said Bolden. "This was a difficult
    decision."' is one claim of Bolden's in two parts)."""
    doc, text = ctx.doc, ctx.text
    for q_start, q_end in ctx.quotes:
        if (q_start, q_end) in ctx.used_quotes or any(c.start <= q_start < c.end for c in ctx.claims):
            continue
        last = _continues(ctx, q_start)
        if last is None:
            continue
        inner = quote_inner(doc, text, (q_start, q_end))
        if inner is None or len(inner) < 4 or not (any(t.pos_ in {"VERB", "AUX"} for t in inner)
                                                   or _spoken_sentences(text, last, inner, q_start, q_end)):
            continue
        last.parts = (*last.pieces(), (inner.start_char, inner.end_char))
        last.end = inner.end_char
        last.text = text[last.start:last.end]
        last.kind = DIRECT if last.kind == DIRECT else MIXED
        ctx.used_quotes.add((q_start, q_end))


def hedged_quotation(ctx: ClaimContext) -> None:
    """A quotation that opens with a first-person hedge ('"I think the plan will fail," she said')
    is as certain as the hedge says; the report inside it is not a claim of its own (the
    quotation already is one)."""
    for token in ctx.in_quote:
        if token.dep_ != "ROOT" and not (token.dep_ == "ccomp" and not ctx.quotes.contains(token.head.idx)):
            continue  # the quotation's main verb, under the cue outside it or a sentence's root
        entry = cue_of(token)
        subject = subject_of(token)
        if entry is None or entry.certainty == CERTAIN or subject is None or subject.lower_ not in _FIRST_PERSON:
            continue
        around = [c for c in ctx.claims if c.kind == DIRECT and c.pieces()[0][0] <= token.idx < c.pieces()[0][1]]
        if around:
            claim = min(around, key=lambda c: c.end - c.start)
            claim.certainty = entry.certainty if claim.certainty == CERTAIN else claim.certainty


def _signer(ctx: ClaimContext, start: int, line_end: int) -> tuple[LocalActor, Span] | None:
    """The actor named right at ``start`` (perhaps after a title: "— Senator John Smith") with
    nothing after the name on its line but a handle, a date or a place ("— Paul Ryan
    (@SpeakerRyan) July 5, 2016", "- Michelle Marks, Philadelphia.")."""
    doc, actor_at = ctx.doc, ctx.actor_at
    line = doc.char_span(start, line_end, alignment_mode="expand")
    if line is None:
        return None
    first = next((t for t in line[:3] if t.i in actor_at and "\n" not in t.text), None)
    if first is None or any(t.pos_ in {"VERB", "AUX"} and t.i > first.i for t in line) or line_end - start > 90:
        return None
    last = first
    while last.i + 1 < line.end and actor_at.get(last.i + 1) is actor_at[first.i]:
        last = doc[last.i + 1]
    return actor_at[first.i], doc[first.i:last.i + 1]


def _signed_content(ctx: ClaimContext, dash_start: int, paragraph_start: int) -> tuple[int, int] | None:
    """What a dash signature signs: the text before it in its paragraph (a quotation's inside, a
    tweet), or, for a signature alone on its line, the quotation that is the paragraph before."""
    text = ctx.text
    if paragraph_start < dash_start and text[paragraph_start:dash_start].strip():
        start, end = paragraph_start, dash_start
        markup = text.rfind('">', start, end)  # "<tweet ...>Text": the tweet, not its markup
        start = markup + 2 if markup >= 0 else start
    else:
        end = paragraph_start - 1
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        if not (text[start:start + 1] in _OPENING_MARKS or text[end - 1:end] in _CLOSING_MARKS):
            return None  # a signature line signs a quotation only
    quote = next((q for q in ctx.quotes if start <= q[0] and q[1] <= end + 1 and q[1] - q[0] >= 0.8 * (end - start)), None)
    if quote is not None:
        inner = quote_inner(ctx.doc, text, quote)
        return (inner.start_char, inner.end_char) if inner is not None else None
    return start, end


def signed_with_dash(ctx: ClaimContext) -> None:
    """A quotation or post signed with a dash and a name: '"So far, it's the Internet: 1." -
    Matthew Ingram', a tweet ending "— Paul Ryan (@SpeakerRyan) July 5, 2016", or a quotation
    paragraph followed by a line "- Bernie Sanders."."""
    doc, text = ctx.doc, ctx.text
    for match in _SIGNATURE.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        signed = _signer(ctx, match.end(), line_end)
        if signed is None or ctx.quotes.contains(match.start()):
            continue
        paragraph_start = text.rfind("\n", 0, match.start()) + 1
        content = _signed_content(ctx, match.start(), paragraph_start)
        if content is None or any(c.start <= content[0] < c.end for c in ctx.claims):
            continue
        head = doc.char_span(*content, alignment_mode="contract")
        cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if head is not None and len(head) >= 3 and cue is not None:
            ctx.add_claim(signed[0], signed[1], cue, DIRECT, *content, head.root)


def speaker_label(ctx: ClaimContext) -> None:
    """A paragraph opened by a speaker's name and a colon: a headline ("Sanders: Brexit's message
    could draw Trump support"), a transcript ("TAPPER: And obviously ..."), or 'Clinton: "Our goal
    is ..."'. The name must be an actor (not a place) and all the label; the colon is the cue."""
    doc, text = ctx.doc, ctx.text
    for match in _LABEL.finditer(text):
        label = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
        if label is None or len(label) > 8 or any(t.pos_ in {"VERB", "AUX"} for t in label):
            continue
        speaker = ctx.actor_at.get(label[-1].i)
        if speaker is None or speaker.type == "Place" or ctx.quotes.contains(match.start()) \
                or label[-1].lower_ in _NOT_SPEAKER_LABELS:
            continue  # "America Image: Nick Moreau" is a credit line, not a speaker
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        content = doc.char_span(match.end(), line_end, alignment_mode="contract")
        if content is None or len(content) < 3 or any(c.start <= content.start_char < c.end for c in ctx.claims):
            continue
        start_i, end_i = trim(doc, content.start, content.end)
        if end_i <= start_i:
            continue
        colon = doc.char_span(match.end("label"), match.end("label") + 1, alignment_mode="expand") or label
        kind, start, end = kind_and_span(ctx.quotes, doc[start_i].idx, ctx.char_end(end_i))
        ctx.add_claim(speaker, label, colon, kind, start, end, doc[start_i:end_i].root)


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
