"""One article's state while its constructions run: the parse, quotations, actors, and the claims
found so far. Constructions read it and add claims through :meth:`ClaimContext.add_claim`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from ..actors import Mention
from ..ingest import Turn
from ..nlp import sentence_of
from ..resolve import LocalActor
from .content import cut_at_conjoined_cue, trim
from .cues import content_certainty, cue_of
from .quotes import Quotes, kind_and_span
from .records import CERTAIN, Claim, NonAnswer


@dataclass
class ClaimContext:
    """The parsed article and what has been found in it (no global state: one per article)."""

    doc: Doc
    doc_id: str
    mentions: Sequence[Mention]
    actor_of: dict[int, LocalActor]
    actor_at: dict[int, LocalActor]
    turns: Sequence[Turn] = ()
    text: str = ""
    tokens: list[Token] = field(default_factory=list)
    quotes: Quotes = field(default_factory=lambda: Quotes([], ""))
    claims: list[Claim] = field(default_factory=list)
    non_answers: list[NonAnswer] = field(default_factory=list)
    used_quotes: set[tuple[int, int]] = field(default_factory=set)
    in_quote: list[Token] = field(default_factory=list)  # verbs inside quotations, for nested reports

    def char_end(self, token_end: int) -> int:
        """The character offset where token ``token_end - 1`` ends."""
        last = self.doc[token_end - 1]
        return last.idx + len(last.text)

    def add_claim(self, speaker: LocalActor, subject: Token | Span, cue: Token | Span, kind: str, start: int, end: int,
                  head: Token, certainty: str = CERTAIN, polarity: str = "positive", cue_class: str = "speech",
                  parts: Sequence[tuple[int, int]] = (), statement: bool = True) -> Claim | None:
        """Record a claim whose content is ``text[start:end]``, or the ``parts`` of it (each
        stripped); None when it is empty or a single word (but for an act toward a name: "endorsed
        Clinton"). ``statement`` False records an attribution that is no claim (a thought, an
        intention, a bare act)."""
        pieces = [p for p in (self._strip(*p) for p in (parts or [(start, end)])) if p[1] > p[0]]
        least = 1 if not statement and head.pos_ == "PROPN" else 2
        if not pieces or sum(len(self.text[s:e].split()) for s, e in pieces) < least:
            return None
        start, end = pieces[0][0], pieces[-1][1]
        sentence = sentence_of(head)
        cue_start = cue.idx if isinstance(cue, Token) else cue.start_char
        lemma = cue.lemma_.lower() if isinstance(cue, Token) else cue.text.lower()
        subject_start = subject.idx if isinstance(subject, Token) else subject.start_char
        claim = Claim(
            doc_id=self.doc_id, speaker=speaker, speaker_start=subject_start, speaker_end=subject_start + len(subject.text),
            cue=cue.text, cue_lemma=lemma, cue_start=cue_start, cue_end=cue_start + len(cue.text), kind=kind, start=start,
            end=end, text=self.text[start:end], certainty=content_certainty(head, certainty), polarity=polarity,
            sentence_start=sentence.start_char, sentence_end=sentence.end_char, head=head.i, cue_class=cue_class,
            parts=tuple(pieces) if len(pieces) > 1 else (), is_statement=statement,
        )
        self.claims.append(claim)
        for piece in pieces:
            self.used_quotes.update(self.quotes.overlapping(*piece))
        return claim

    def _strip(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def add_content(self, cue: Token, subject: Token, speaker: LocalActor, start_i: int, end_i: int, head: Token,
                    certainty: str, polarity: str, cue_class: str = "speech", statement: bool = True) -> bool:
        """Add the claim whose content is tokens [start_i, end_i) (trimmed; when the cue sits
        inside, only the part after it; ending before a conjoined cue, which has its own claim);
        False when nothing is left."""
        doc = self.doc
        start_i, end_i = trim(doc, start_i, end_i)
        if start_i <= cue.i < end_i:
            start_i, end_i = trim(doc, cue.i + 1, end_i)
        end_i = cut_at_conjoined_cue(doc, start_i, end_i, _reports, self.quotes.contains)
        start_i, end_i = trim(doc, start_i, end_i)
        if end_i <= start_i:
            return False
        kind, start, end = kind_and_span(self.quotes, doc[start_i].idx, self.char_end(end_i), self.quotes.contains(cue.idx))
        return self.add_claim(speaker, subject, cue, kind, start, end, head, certainty, polarity, cue_class,
                              statement=statement) is not None


def _reports(token: Token) -> bool:
    """A verb of saying or evaluating (a conjoined one starts a claim of its own)."""
    entry = cue_of(token)
    return entry is not None and entry.cue_class in {"speech", "evaluative"}
