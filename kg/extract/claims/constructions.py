"""Constructions around a cue word or phrase: reporting verbs, "according to", report nouns.

Each construction is one function taking the article's :class:`ClaimContext` and adding claims to
it; the table :data:`kg.extract.claims.extract.CONSTRUCTIONS` lists them in the order they run.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..actors import WORK
from ..lexicon import DOCUMENT_CUES, REPORT_NOUNS, SPEECH_VERBS
from ..nlp import sentence_of
from .content import complement, fallback_content, trim
from .context import ClaimContext
from .cues import ATTITUDE_CUES, INFINITIVE_CUES, certainty_and_polarity
from .quotes import kind_and_span, quote_inner
from .records import DIRECT, NonAnswer
from .speakers import VOICE_NOUNS, actor_for_token, fallback_subject, subject_of
from ..resolve import LocalActor


# --------------------------------------------------------------------------- cue verbs


def claim_for_cue(ctx: ClaimContext, token: Token, speaker: LocalActor | None = None) -> None:
    """A claim cued by a speech verb: its complement, or a quotation beside it."""
    lemma = token.lemma_.lower()
    subject = subject_of(token) or fallback_subject(token, ctx.actor_at)
    if subject is None:
        return
    speaker = speaker or actor_for_token(subject, ctx.actor_at)
    if speaker is None:
        return
    certainty, polarity = certainty_and_polarity(token)
    clause = complement(token, ctx.quotes)
    if clause is not None and clause.dep_ == "xcomp" and lemma not in INFINITIVE_CUES:
        clause = None  # "asked X to help", "continued to shun": a request or an act, not speech
    if clause is not None and ctx.add_content(token, subject, speaker, clause.left_edge.i, clause.right_edge.i + 1,
                                              clause, certainty, polarity):
        return
    beside = _quotes_beside(ctx, token)
    if not beside:
        fallback = None if ctx.quotes.contains(token.idx) else fallback_content(token)
        if fallback is not None:
            ctx.add_content(token, subject, speaker, *fallback, certainty, polarity)
        return
    inners = {}
    for q in beside:
        inner = quote_inner(ctx.doc, ctx.text, q)
        if inner is not None and (len(inner) >= 6 or any(t.pos_ in {"VERB", "AUX"} for t in inner)):
            inners[q] = inner  # sentence-like, not a scare-quoted term
    if not inners:
        return
    before = [q for q in inners if q[1] <= token.idx]
    after = [q for q in inners if q[0] > token.idx]
    if before and after:  # '"A," X told the press, "B."': a quotation interrupted by its cue
        chosen = [max(before, key=lambda q: q[1]), min(after, key=lambda q: q[0])]
    else:
        chosen = [min(inners, key=lambda q: min(abs(q[0] - token.idx), abs(q[1] - token.idx)))]
    for q in chosen:
        inner = inners[q]
        ctx.add_claim(speaker, subject, token, DIRECT, inner.start_char, inner.end_char, inner.root, certainty, polarity)


def _quotes_beside(ctx: ClaimContext, token: Token) -> list[tuple[int, int]]:
    """Unused quotations beside a cue with no clausal complement: in its sentence (a sentence-like
    one, not a scare-quoted term), or opening the next paragraph when the cue's sentence ends with
    a colon ("Obama tweeted:\\n\\n“...”")."""
    text = ctx.text
    sentence = sentence_of(token)
    beside = [q for q in ctx.quotes if sentence.start_char <= q[0] < sentence.end_char or
              (q[0] < sentence.start_char < q[1])]
    if text[sentence.start_char:sentence.end_char].rstrip().endswith(":"):
        after = text[sentence.end_char:].lstrip()
        following = sentence.end_char + (len(text) - sentence.end_char - len(after))
        beside += [q for q in ctx.quotes if q[0] == following]
    return [q for q in beside if q not in ctx.used_quotes and not (q[0] <= token.idx < q[1])]


def is_non_answer(verb: Token) -> bool:
    """"did not respond", "declined to comment", "could not be reached", "had no comment"."""
    lemma = verb.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in verb.children)
    if lemma in {"respond", "reply", "return", "answer", "comment"} and negated:
        return True
    if lemma in {"decline", "refuse"}:
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in {"comment", "respond", "discuss", "answer", "elaborate", "say"}
                   for c in verb.children)
    if lemma == "reach" and negated and any(c.dep_ == "nsubjpass" for c in verb.children):
        return True  # "could not be reached for comment"
    if lemma == "have" and any(c.dep_ == "dobj" and c.lower_ == "comment" and any(d.lower_ == "no" for d in c.children)
                               for c in verb.children):
        return True  # "had no comment"
    return False


def _add_non_answer(ctx: ClaimContext, token: Token) -> None:
    subject = subject_of(token)
    actor = actor_for_token(subject, ctx.actor_at) if subject is not None else None
    if actor is None:
        return
    doc = ctx.doc
    sentence = sentence_of(token)
    start, end = trim(doc, sentence.start, sentence.end)
    ctx.non_answers.append(NonAnswer(ctx.doc_id, actor, token.text, token.idx, token.idx + len(token.text),
                                     doc[start].idx, ctx.char_end(end), doc[start:end].text))


def _speaks_as_document(ctx: ClaimContext, token: Token) -> bool:
    """A document cue whose subject is a document that is a source, or speaks for an actor."""
    subject = subject_of(token)
    if subject is None:
        return False
    source = ctx.actor_at.get(subject.i)
    return (source is not None and source.type == WORK) or \
        (subject.lemma_.lower() in VOICE_NOUNS and actor_for_token(subject, ctx.actor_at) is not None)


def reporting_verbs(ctx: ClaimContext) -> None:
    """Speech and cognition verbs outside quotations, attitude adjectives with a clause, and
    document cues whose subject is a document; verbs inside quotations are kept for nested
    reports; non-answers are recorded as such."""
    quotes = ctx.quotes
    for token in ctx.tokens:
        pos = token.pos_
        if pos == "ADJ" and token.lemma_.lower() in ATTITUDE_CUES and token.dep_ == "acomp" \
                and not quotes.contains(token.idx) and any(c.dep_ == "ccomp" for c in token.children):
            claim_for_cue(ctx, token)  # "Smith is confident that the bill will pass"
            continue
        if pos not in {"VERB", "AUX"}:
            continue
        if quotes.contains(token.idx):
            ctx.in_quote.append(token)
            continue
        if is_non_answer(token):
            _add_non_answer(ctx, token)
            continue
        lemma = token.lemma_.lower()
        if lemma in SPEECH_VERBS:
            claim_for_cue(ctx, token)
        elif lemma in ATTITUDE_CUES and any(c.dep_ == "ccomp" for c in token.children):
            claim_for_cue(ctx, token)  # "associations are concerned the Government will ...", "I'm disappointed that ..."
        elif lemma in DOCUMENT_CUES and _speaks_as_document(ctx, token):
            claim_for_cue(ctx, token)  # "the results show ...", "the Home Office letter reads: ..."


# --------------------------------------------------------------------------- phrases


def in_the_words_of(ctx: ClaimContext) -> None:
    doc, quotes = ctx.doc, ctx.quotes
    for token in ctx.tokens:
        if token.lower_ != "words" or token.i < 2 or doc[token.i - 2].lower_ != "in" or quotes.contains(token.idx):
            continue
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        source = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        speaker = actor_for_token(source, ctx.actor_at) if source is not None else None
        if speaker is None:
            continue
        after = [q for q in quotes if token.idx < q[0] < sentence_of(token).end_char and q not in ctx.used_quotes]
        if after:
            inner = quote_inner(doc, ctx.text, after[0])
            if inner is not None and len(inner) >= 3:
                ctx.add_claim(speaker, doc[source.left_edge.i:source.right_edge.i + 1], doc[token.i - 2:of.i + 1],
                              DIRECT, inner.start_char, inner.end_char, inner.root)


def _according_source(ctx: ClaimContext, to: Token | None) -> Token | None:
    """The object of "according to" that is an actor ("according to curator Elaine Gustafon":
    either object may be)."""
    sources = [c for c in to.children if c.dep_ in {"pobj", "pcomp"}] if to is not None else []
    return next((c for c in sources if actor_for_token(c, ctx.actor_at) is not None), None)


def according_to(ctx: ClaimContext) -> None:
    doc = ctx.doc
    for token in ctx.tokens:
        if token.lower_ != "according" or ctx.quotes.contains(token.idx):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = _according_source(ctx, to)
        if source is None:
            continue
        speaker = actor_for_token(source, ctx.actor_at)
        named = next((m for m in speaker.mentions if m.start <= source.idx < m.end), None)
        phrase_start, phrase_end = token.i, source.right_edge.i + 1
        if named is not None and (span := doc.char_span(named.start, named.end, alignment_mode="expand")) is not None:
            phrase_end = max(span.end, to.i + 2)  # "According to Rathbun the property ...": the name ends it
        # The clause the phrase modifies ("which, according to AFP, the UN criticised"), else the sentence.
        sentence = sentence_of(token)
        clause_start, clause_end = sentence.start, sentence.end
        if token.head.pos_ in {"VERB", "AUX"} and token.head is not token:
            head = token.head
            if phrase_start - head.left_edge.i <= 2 or phrase_end >= head.right_edge.i:
                clause_start, clause_end = head.left_edge.i, head.right_edge.i + 1
        if phrase_start - clause_start <= 2:
            start_i, end_i = trim(doc, phrase_end, clause_end)
        else:
            start_i, end_i = trim(doc, clause_start, phrase_start)
        if end_i <= start_i:
            continue
        kind, start, end = kind_and_span(ctx.quotes, doc[start_i].idx, ctx.char_end(end_i))
        ctx.add_claim(speaker, doc[source.left_edge.i:source.right_edge.i + 1], doc[token.i:to.i + 1], kind, start, end,
                      doc[start_i:end_i].root, cue_class="according-to")


def report_noun(ctx: ClaimContext) -> None:
    """A report noun owned by an actor, with a that-clause."""
    doc = ctx.doc
    for token in ctx.tokens:
        if token.lemma_.lower() not in REPORT_NOUNS or token.pos_ != "NOUN" or ctx.quotes.contains(token.idx):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        clause = next((c for c in token.children if c.dep_ in {"acl", "ccomp", "relcl"}
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is None or clause is None:
            continue
        speaker = actor_for_token(owner, ctx.actor_at)
        if speaker is None:
            continue
        start_i, end_i = trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
        if end_i > start_i:
            kind, start, end = kind_and_span(ctx.quotes, doc[start_i].idx, ctx.char_end(end_i))
            ctx.add_claim(speaker, owner, token, kind, start, end, clause)
