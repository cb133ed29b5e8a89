"""Constructions around a cue word or phrase: reporting verbs, "according to", "in a poll" (report
nouns are in :mod:`nouns`).

Each construction is one function taking the article's :class:`ClaimContext` and adding claims to
it; the table :data:`kg.extract.claims.extract.CONSTRUCTIONS` lists them in the order they run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..actors import GOVERNMENT, GROUP, ORGANIZATION, PERSON, WORK
from ..lexicon import STATEMENT_NOUNS
from ..nlp import sentence_of
from .acts import act_cue
from .content import complement, fallback_content, object_content, prep_content, that_clause_after, trim
from .context import ClaimContext
from .cues import Cue, certainty_and_polarity, cue_of
from .quotes import kind_and_span, quote_inner
from .records import DIRECT, NonAnswer
from .speakers import VOICE_NOUNS, actor_for_token, fallback_subject, subject_of
from ..resolve import LocalActor


# --------------------------------------------------------------------------- cue verbs

#: Cue classes whose content is a statement (a claim); the others (thoughts, intentions) are
#: attributions in PolNeAR's wider sense, recorded but not claims.
STATEMENT_CLASSES = {"speech", "evaluative", "question", "evidential"}
#: Speakers whose thoughts are published positions, so statements: organisations and documents.
PUBLIC_MINDS = {ORGANIZATION, GOVERNMENT, WORK}


@dataclass(frozen=True)
class CueAt:
    """A cue word with its lexicon entry, its subject and speaker, and the factuality it gives."""

    token: Token
    entry: Cue
    subject: Token
    speaker: LocalActor
    certainty: str
    polarity: str
    cue_class: str

    @property
    def states(self) -> bool:
        """Whether what this cue reports is a statement (a claim): speech, evaluations, questions,
        findings and expressed attitudes are; thoughts and intentions are attributions only, but
        for the opinion of a body or a document, which holds one only in public ("the IMF expects
        output to expand", "PolitiFact concluded his comments were false": a published position).
        An opinion verb is a cognition cue that can report a quotation (believe, expect, conclude;
        not see, learn or determine)."""
        thinks_in_public = self.cue_class == "cognition" and self.entry.has("quote") \
            and self.speaker.type in PUBLIC_MINDS
        return (self.cue_class in STATEMENT_CLASSES or self.entry.has("attitude") or thinks_in_public) \
            and not self.entry.has("act")

    def add(self, ctx: ClaimContext, start_i: int, end_i: int, head: Token, statement: bool = True) -> bool:
        return ctx.add_content(self.token, self.subject, self.speaker, start_i, end_i, head, self.certainty,
                               self.polarity, self.cue_class, statement and self.states)


def _passive_agent(verb: Token) -> Token | None:
    """The agent of a passive cue ("was called a charlatan by fellow physicians"), if named."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def cue_at(ctx: ClaimContext, token: Token, entry: Cue | None = None, speaker: LocalActor | None = None) -> CueAt | None:
    """The cue at ``token`` with its speaker, or None when it is no cue or its subject no actor.
    A subject the parse found that is no actor ("“We were wrong,” Ramos told AFP": "We" inside the
    quotation) gives way to one it missed (Ramos)."""
    entry = entry or cue_of(token)
    if entry is None:
        return None
    subject = subject_of(token)
    if speaker is None and subject is not None and subject.dep_ == "nsubjpass" and subject.head.i == token.i \
            and (entry.has("object") or entry.has("listener")):
        subject = _passive_agent(token)  # "peacekeepers have been accused of ...": the accused, not the accuser
        if subject is None:
            return None
    if speaker is None and (subject is None or actor_for_token(subject, ctx.actor_at) is None):
        subject = fallback_subject(token, ctx.actor_at) or subject
    if subject is None:
        return None
    speaker = speaker or actor_for_token(subject, ctx.actor_at)
    if speaker is None:
        return None
    certainty, polarity = certainty_and_polarity(token, entry)
    return CueAt(token, entry, subject, speaker, certainty, polarity, entry.cue_class)


def claim_for_cue(ctx: ClaimContext, token: Token, entry: Cue | None = None, speaker: LocalActor | None = None) -> None:
    """A claim cued by a cue word: its clausal complement, a quotation beside it, a that-clause
    after a phrase, a clause the parse hid, its object, or a content preposition's object, in
    that order of preference."""
    cue = cue_at(ctx, token, entry, speaker)
    if cue is None:
        return
    clause = complement(token, ctx.quotes)
    if clause is not None and cue.entry.word and clause.lower_ == cue.entry.word:
        clause = None  # "made it clear that ...": "clear" is part of the cue; the that-clause follows
    quoting = cue.entry.has("quote") and not cue.entry.has("attitude")
    if clause is not None and clause.dep_ != "ccomp" and not any(c.lower_ == "to" for c in clause.children):
        found = that_clause_after(token)  # "acknowledged on NBC's 'Meet the Press' that ...": not 'Meet'
        if found is not None and cue.add(ctx, *found):
            return
    if clause is not None and not (quoting and _quoted_clause(ctx, clause) and not ctx.quotes.contains(token.idx)):
        if _clause_content(ctx, cue, clause):
            return
    if quoting and _quoted_content(ctx, cue, _quotes_beside(ctx, token)):
        return  # a quotation beside the cue (both halves of one it interrupts)
    if ctx.quotes.contains(token.idx):
        return
    preps = cue.entry.preps
    found = that_clause_after(token)
    if found is not None and cue.add(ctx, *found):
        return
    found = fallback_content(token)  # a clause the parse hid ("found X exceeded Y" as two conjuncts)
    if found is not None and cue.add(ctx, *found):
        return
    found = _object(ctx, cue)  # a bare evaluated object ("praised Garland") is an act, not a statement
    if found is not None and cue.add(ctx, *found[:3], statement=found[3]):
        return
    found = prep_content(token, preps) if preps else None  # "talked about X", "called for X"
    if found is not None:
        cue.add(ctx, *found, statement=cue.cue_class in {"speech", "evaluative"} and not cue.entry.has("topic"))


def _object(ctx: ClaimContext, cue: CueAt) -> tuple[int, int, Token, bool] | None:
    """The object content of a cue that takes one, as its lexicon entry allows (a statement for
    a denial, no person for a question), and whether a predicate follows the object."""
    entry = cue.entry
    if not entry.has("object"):
        return None
    found = object_content(cue.token, entry.preps, entry.has("predicate"))
    if found is None:
        return None
    head = found[2]
    stated = found[3] or entry.has("statement") or cue.cue_class == "evidential"  # "the poll shows X leading"
    if cue.cue_class == "evidential":  # "one poll shows Cruz 16 points ahead": the small clause the parse splits
        after = [c.right_edge.i + 1 for c in cue.token.children if c.i > head.i and c.dep_ not in {"conj", "cc", "punct"}]
        found = (found[0], max([found[1], *after]), *found[2:])
    if entry.has("statement") and head.lemma_.lower() not in STATEMENT_NOUNS:
        return None  # "denied them visas"
    actor = ctx.actor_at.get(head.i)
    if entry.has("nonperson") and (head.pos_ == "PRON" or (actor is not None and actor.type in {PERSON, GROUP})):
        return None  # "police questioned the student"
    return (*found[:3], stated)


def _clause_content(ctx: ClaimContext, cue: CueAt, clause: Token) -> bool:
    """The cue's clausal complement. An infinitive one only for cues that report with one
    ("vowed to resign"; not "continued to shun"), from the listener on ("urged Democrats to
    vote"); a clause the parse took for an infinitive ("said legalizing it could put ...") for
    any cue of speech."""
    start = clause.left_edge.i
    if clause.dep_ == "xcomp":
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if not cue.entry.has("infinitive") and (infinitive or cue.cue_class != "speech"):
            return False  # "asked X to help", "continued to shun": a request or an act, not speech
        listener = next((c for c in cue.token.children if c.dep_ in {"dobj", "dative"} and c.i < clause.i), None)
        if listener is not None and listener.i > cue.token.i and cue.entry.has("infinitive"):
            start = min(start, listener.left_edge.i)
        if infinitive and cue.entry.has("listener"):  # "asked the NSC to help": a request, not a statement
            return cue.add(ctx, start, clause.right_edge.i + 1, clause, statement=False)
    elif clause.dep_ == "ccomp" and clause.i > cue.token.i and not any(c.dep_ in _CLAUSE_SUBJECTS for c in clause.children):
        # "results show dicot species, such as soybean, lose more yield": the parse made the
        # clause's subject the cue's object; it belongs to the clause
        split = next((c for c in cue.token.children if c.dep_ == "dobj" and cue.token.i < c.i < clause.left_edge.i), None)
        if split is not None and not cue.entry.has("listener"):
            start = split.left_edge.i
    return cue.add(ctx, start, clause.right_edge.i + 1, clause)


_CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def _quoted_clause(ctx: ClaimContext, clause: Token) -> bool:
    """Whether a clause is (mostly) a quotation, not a clause with a scare-quoted word in it."""
    start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
    return any(q[0] <= start + 1 and min(q[1], end) - max(q[0], start) >= 0.8 * (end - start)
               for q in ctx.quotes.overlapping(start, end))


def _quoted_content(ctx: ClaimContext, cue: CueAt, beside: list[tuple[int, int]]) -> bool:
    """The quotation beside a cue; both halves of one interrupted by its cue ('"A," X told the
    press, "B."') as one claim in two parts. False when none is sentence-like."""
    token = cue.token
    inners = {}
    for q in beside:
        inner = quote_inner(ctx.doc, ctx.text, q)
        if inner is not None and (len(inner) >= 6 or any(t.pos_ in {"VERB", "AUX"} for t in inner)):
            inners[q] = inner  # sentence-like, not a scare-quoted term
    if not inners:
        return False
    before = [q for q in inners if q[1] <= token.idx]
    after = [q for q in inners if q[0] > token.idx]
    if before and after:
        chosen = [max(before, key=lambda q: q[1]), min(after, key=lambda q: q[0])]
    else:
        chosen = [min(inners, key=lambda q: min(abs(q[0] - token.idx), abs(q[1] - token.idx)))]
    parts = [(inners[q].start_char, inners[q].end_char) for q in chosen]
    return ctx.add_claim(cue.speaker, cue.subject, token, DIRECT, parts[0][0], parts[-1][1], inners[chosen[0]].root,
                         cue.certainty, cue.polarity, cue.cue_class, parts=parts, statement=cue.states) is not None


def _quotes_beside(ctx: ClaimContext, token: Token) -> list[tuple[int, int]]:
    """Unused quotations beside a cue with no clausal complement: in its sentence (a sentence-like
    one, not a scare-quoted term), or opening the next paragraph when the cue's sentence ends with
    a colon ("Obama tweeted:\\n\\n“...”")."""
    text = ctx.text
    sentence = sentence_of(token)
    beside = [q for q in ctx.quotes if sentence.start_char <= q[0] < sentence.end_char or
              (q[0] < sentence.start_char < q[1])]
    beside += _question_before(ctx, token, sentence)
    if text[sentence.start_char:sentence.end_char].rstrip().endswith(":"):
        after = text[sentence.end_char:].lstrip()
        following = sentence.end_char + (len(text) - sentence.end_char - len(after))
        beside += [q for q in ctx.quotes if q[0] == following]
    return [q for q in beside if q not in ctx.used_quotes and not (q[0] <= token.idx < q[1])
            and not _nearer_cue(ctx, token, q)]


def _question_before(ctx: ClaimContext, token: Token, sentence) -> list[tuple[int, int]]:
    """A quoted question or exclamation right before a sentence that opens with its cue ('"Who
    would have believed it?" Trump said, looking out on the crowd.'): the parse ends the sentence
    at the mark, but the quotation is what the cue reports."""
    text = ctx.text
    if token.i - sentence.start > 3:
        return []
    return [q for q in ctx.quotes if q[1] <= sentence.start_char and not text[q[1]:sentence.start_char].strip()
            and text[ctx.quotes.inner(q)[0]:ctx.quotes.inner(q)[1]].rstrip()[-1:] in {"?", "!"}]


def _nearer_cue(ctx: ClaimContext, token: Token, quote: tuple[int, int]) -> bool:
    """Whether another quoting cue stands between a cue and a quotation ('spoke to the Guardian,
    with Boswell stating: "..."': the quotation is Boswell's, not the experts')."""
    doc = ctx.doc
    if quote[0] > token.idx:
        span = doc.char_span(token.idx + len(token.text), quote[0], alignment_mode="contract")
    else:
        span = doc.char_span(quote[1], token.idx, alignment_mode="contract")
    return span is not None and any(t.pos_ == "VERB" and (e := cue_of(t)) is not None and e.has("quote")
                                    and not ctx.quotes.contains(t.idx) for t in span)


_WITHHELD = {"say", "disclose", "specify", "explain", "confirm", "reveal", "elaborate", "tell"}
_OPEN_QUESTION = {"why", "whether", "if", "how", "what", "when", "where", "who", "which"}


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
    if lemma in _WITHHELD and negated and any(c.dep_ == "ccomp" and c.left_edge.lower_ in _OPEN_QUESTION
                                              for c in verb.children):
        return True  # "would not say why", "did not disclose whether"
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
    """Cue words of the lexicon outside quotations: verbs, and attitude adjectives with a clause
    ("Smith is confident that ...") or a content preposition ("skeptical of free trade", an
    attribution); cues only documents use ("show") need a document subject. Verbs inside
    quotations are kept for the quotation constructions; non-answers are recorded."""
    quotes = ctx.quotes
    for token in ctx.tokens:
        pos = token.pos_
        if pos == "ADJ":
            entry = cue_of(token)
            if entry is not None and entry.has("attitude") and token.dep_ == "acomp" \
                    and not quotes.contains(token.idx) and _has_attitude_content(token, entry):
                claim_for_cue(ctx, token, entry)
            continue
        if pos == "NOUN" and _verb_tagged_noun(token) and not quotes.contains(token.idx):
            claim_for_cue(ctx, token)  # "The Department of Agriculture notes, “...”": the parser's noun
            continue
        if pos not in {"VERB", "AUX"}:
            continue
        if quotes.contains(token.idx):
            ctx.in_quote.append(token)
            continue
        if is_non_answer(token):
            _add_non_answer(ctx, token)
            continue
        if token.dep_ == "xcomp" and is_non_answer(token.head):
            continue  # "say" in "declined to say"
        entry = cue_of(token) or act_cue(token)  # the lexicon's, else the learned act scorer's
        if entry is None:
            continue
        if entry.has("act") and token.dep_ == "xcomp" and (cue_of(token.head) or act_cue(token.head)) is not None:
            continue  # "plans to vote against X": the act is what is intended, not a cue of its own
        if entry.has("attitude") and not _has_attitude_content(token, entry):
            continue  # "associations are concerned the Government will ...": with a clause or preposition only
        if entry.has("work") and not _speaks_as_document(ctx, token):
            continue  # "the results show ...", not "she showed"
        if entry.cue_class == "evidential" and _reflexive(token):
            continue  # "peacekeepers find themselves in war zones": where they are, no finding
        claim_for_cue(ctx, token, entry)


_REFLEXIVES = {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves", "oneself"}


def _reflexive(token: Token) -> bool:
    """Whether a verb's object, or the subject of its clause, is a reflexive pronoun ("found
    themselves in ...", "found itself unable to pay")."""
    return any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in token.children) or any(
        g.dep_ == "nsubj" and g.lower_ in _REFLEXIVES for c in token.children if c.dep_ == "ccomp" for g in c.children)


def _verb_tagged_noun(token: Token) -> bool:
    """A cue verb of saying the small parser tagged as a noun ("The U.S. Department of Agriculture
    notes, “...”", "the report details that ..."): the root of its sentence, in the third person
    ("-s"), with a subject and a clausal complement of its own, and a quotation-taking lexicon entry."""
    if token.dep_ != "ROOT" or token.tag_ != "NNS" or not token.lower_.endswith("s"):
        return False
    entry = cue_of(token)
    return entry is not None and entry.has("quote") and any(c.dep_ == "nsubj" for c in token.children) \
        and any(c.dep_ == "ccomp" for c in token.children)


def _has_attitude_content(token: Token, entry: Cue) -> bool:
    """Whether an attitude word has what it is held toward: a clause ("concerned the plan will
    fail") or one of its content prepositions after it ("concerned about the plan")."""
    return any(c.dep_ == "ccomp" or (c.dep_ == "prep" and c.i > token.i and c.lower_ in entry.preps)
               for c in token.children)


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


def _according_phrase(doc, token: Token, to: Token, source: Token, speaker: LocalActor) -> tuple[int, int]:
    """The token range of "according to X" ("According to Rathbun the property ...": the name
    ends it, not the parse's subtree)."""
    phrase_end = source.right_edge.i + 1
    named = next((m for m in speaker.mentions if m.start <= source.idx < m.end), None)
    if named is not None and (span := doc.char_span(named.start, named.end, alignment_mode="expand")) is not None:
        phrase_end = max(span.end, to.i + 2)
    return token.i, phrase_end


def _according_content(ctx: ClaimContext, token: Token, phrase: tuple[int, int]) -> list[tuple[int, int]]:
    """What "according to X" reports, as token ranges: the clause it modifies ("which, according
    to AFP, the UN criticised"), else its sentence, without the phrase; both sides of it when it
    is an aside in the middle ("The economy, according to the ministry, grew by 2 percent"); closing
    a coordination of clauses, all of it ("A stood at 9 and has since grown to 12, according to X")."""
    doc = ctx.doc
    phrase_start, phrase_end = phrase
    sentence = sentence_of(token)
    clause_start, clause_end = sentence.start, sentence.end
    if token.head.pos_ in {"VERB", "AUX"} and token.head.i != token.i:
        head = first = token.head
        while phrase_end >= head.right_edge.i and first.dep_ == "conj" and first.head.pos_ in {"VERB", "AUX"}:
            first = first.head  # closing a coordination, it closes all of it: "A rose and has since grown, according to X"
        if phrase_start - head.left_edge.i <= 2 or phrase_end >= head.right_edge.i:
            clause_start, clause_end = first.left_edge.i, max(head.right_edge.i, first.right_edge.i) + 1
    before, after = trim(doc, clause_start, phrase_start), trim(doc, phrase_end, clause_end)
    aside = phrase_start > 0 and doc[phrase_start - 1].text in {",", "—", "–", "("}
    if phrase_start - clause_start <= 2:
        return [after]
    if aside and after[1] - after[0] > 2 and doc[after[0]].pos_ in {"VERB", "AUX", "ADV", "PART"}:
        return [before, after]  # the subject before the aside, the predicate after it
    return [before]


def according_to(ctx: ClaimContext) -> None:
    """"According to X, ...", "..., according to X", and "according to X" as an aside."""
    doc = ctx.doc
    for token in ctx.tokens:
        if token.lower_ != "according" or ctx.quotes.contains(token.idx):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = _according_source(ctx, to)
        if source is None:
            continue
        speaker = actor_for_token(source, ctx.actor_at)
        ranges = [r for r in _according_content(ctx, token, _according_phrase(doc, token, to, source, speaker))
                  if r[1] > r[0]]
        if not ranges:
            continue
        parts = [(doc[a].idx, ctx.char_end(b)) for a, b in ranges]
        kind, start, end = kind_and_span(ctx.quotes, parts[0][0], parts[-1][1])
        ctx.add_claim(speaker, doc[source.left_edge.i:source.right_edge.i + 1], doc[token.i:to.i + 1], kind, start, end,
                      doc[ranges[-1][0]:ranges[-1][1]].root, cue_class="according-to", parts=parts if len(parts) > 1 else ())


#: Documents that report findings, opening a sentence as its source ("In a CNN poll released
#: Sunday, Clinton leads ..."); a speech, interview or statement is left to the verb it goes with.
FINDING_NOUNS = {"poll", "survey", "study", "report", "analysis", "research", "data", "review", "audit", "census"}


def _finding_range(token: Token) -> tuple[int, int] | None:
    """The token range an "in <document>" phrase presents as the document's finding: the clause
    after it when it opens its sentence ("In a CNN poll released Sunday, Clinton leads ..."),
    the clause before it when it closes it ("Clinton leads by 5 points in a CNN poll released
    Sunday"); None elsewhere (in the middle, it is where something happened, not a finding)."""
    head, sentence = token.head, sentence_of(token)
    if token.i - sentence.start <= 1 and head.i > token.i:
        return token.right_edge.i + 1, head.right_edge.i + 1
    rest = token.doc[token.right_edge.i + 1:sentence.end]
    if head.i < token.i and head.dep_ == "ROOT" and all(t.is_punct for t in rest):
        return head.left_edge.i, token.i
    return None


def in_a_document(ctx: ClaimContext) -> None:
    """"In a Washington Post-ABC News poll, three of four Americans disapproved ...", "Clinton led
    by 5 points in a CNN/ORC poll released Monday": a finding opened or closed by "in" and a
    document, whose clause has no cue of its own, is the document's (or its owner's) evidential
    claim; the document must be an actor."""
    doc = ctx.doc
    for token in ctx.tokens:
        if token.lower_ != "in" or token.dep_ != "prep" or ctx.quotes.contains(token.idx):
            continue
        head = token.head
        source = next((c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in FINDING_NOUNS), None)
        if source is None or head.pos_ not in {"VERB", "AUX"} or cue_of(head) is not None:
            continue
        found = _finding_range(token)
        speaker = actor_for_token(source, ctx.actor_at) if found is not None else None
        if speaker is None:
            continue
        start, end = trim(doc, *found)
        if end - start < 3:
            continue
        kind, start_char, end_char = kind_and_span(ctx.quotes, doc[start].idx, ctx.char_end(end))
        ctx.add_claim(speaker, doc[source.left_edge.i:source.right_edge.i + 1], token, kind, start_char, end_char, head,
                      cue_class="evidential")


def _voiced(token: Token) -> Token:
    """The token naming who speaks through a subject: the source of a document "by" or "from" it
    ("a study by Harvard and Berkeley found"), else the subject itself."""
    if token.lemma_.lower() in VOICE_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                source = next((p for p in child.children if p.dep_ == "pobj"), None)
                if source is not None:
                    return source
    return token


def joint_speakers(ctx: ClaimContext) -> None:
    """"A and B said ...": one claim per speaker, each with the same content (a copy of the
    claim for every other actor coordinated with its subject)."""
    by_char = {t.idx: t for t in ctx.tokens}
    for claim in list(ctx.claims):
        subject = by_char.get(claim.speaker_start)
        if subject is None or not claim.is_statement:
            continue
        subject = _voiced(subject)
        seen = {id(claim.speaker)}
        for other in subject.conjuncts:
            speaker = actor_for_token(other, ctx.actor_at)
            if speaker is None or id(speaker) in seen or ctx.quotes.contains(other.idx):
                continue
            seen.add(id(speaker))
            ctx.claims.append(replace(claim, speaker=speaker, speaker_start=other.idx,
                                      speaker_end=other.idx + len(other.text), about=[]))
