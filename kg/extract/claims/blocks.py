"""A statement set off after a colon as a paragraph of its own, without quotation marks:

    In a statement, the Church denied these allegations:

    She certainly wasn't forced to be there. ...

The cue ends its paragraph with a colon; what follows is what it introduces, as a quotation
would be (a quotation there is left to the quotation constructions). The block is a quotation
set off by layout, so a direct claim (quotation marks inside it quote within it); it runs up to
the first of its sentences with a cue of its own ("They also claimed ..."), which starts another
claim; a claim the cue had on the words before the colon ("these allegations") is replaced by it.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..nlp import sentence_of
from .constructions import STATEMENT_CLASSES
from .context import ClaimContext
from .cues import certainty_and_polarity, cue_of
from .records import DIRECT
from .speakers import actor_for_token, subject_of

#: Characters that open a quotation (a block starting with one is a quotation's business).
_OPENING_MARKS = "\"“‘'"


def _block_start(ctx: ClaimContext, colon: Token) -> Token | None:
    """The first word after a colon that ends its paragraph, or None when the colon does not end
    one or a quotation follows it."""
    doc, text = ctx.doc, ctx.text
    after = next((t for t in doc[colon.i + 1:] if not t.is_space), None)
    if after is None or "\n" not in text[colon.idx + 1:after.idx] or after.text[0] in _OPENING_MARKS:
        return None
    return after


def _has_cue(sentence) -> bool:
    """A sentence with a cue verb that has a subject: it starts a claim of its own."""
    return any(t.pos_ in {"VERB", "AUX"} and cue_of(t) is not None and subject_of(t) is not None for t in sentence)


def _block_end(ctx: ClaimContext, first: Token) -> int:
    """Where the block ends (a character offset): at its paragraph's end, or before its first
    sentence after the first with a cue of its own."""
    text = ctx.text
    paragraph_end = text.find("\n", first.idx)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    sentence = sentence_of(first)
    end = sentence.end_char
    while sentence.end < len(ctx.doc) and (nxt := sentence_of(ctx.doc[sentence.end])).start_char < paragraph_end \
            and not _has_cue(nxt):
        sentence, end = nxt, nxt.end_char
    return min(end, paragraph_end)


def colon_blocks(ctx: ClaimContext) -> None:
    """"X said:" / "X denied these allegations:" ending a paragraph: the next paragraph's
    statement is X's claim."""
    for colon in ctx.tokens:
        if colon.text != ":" or ctx.quotes.contains(colon.idx) or (first := _block_start(ctx, colon)) is None:
            continue
        cue = sentence_of(colon).root
        entry = cue_of(cue)
        subject = subject_of(cue) if entry is not None and cue.pos_ in {"VERB", "AUX"} else None
        speaker = actor_for_token(subject, ctx.actor_at) if subject is not None else None
        if speaker is None or entry.cue_class not in STATEMENT_CLASSES:
            continue
        ctx.claims[:] = [c for c in ctx.claims if not (c.cue_start == cue.idx and c.end <= colon.idx)]
        certainty, polarity = certainty_and_polarity(cue, entry)
        ctx.add_claim(speaker, subject, cue, DIRECT, first.idx, _block_end(ctx, first), sentence_of(first).root, certainty, polarity,
                      cue_class=entry.cue_class)
