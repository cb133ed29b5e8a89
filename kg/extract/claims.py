"""Find who said what: direct, indirect and mixed quotes, and non-answers.

Rule-based over the dependency parse, in the spirit of textacy's ``direct_quotations`` and the
Gender Gap Tracker's quote extractor (Asr et al. 2021, "The Gender Gap Tracker", PLOS ONE), with
indirect speech added:

* a speech or cognition verb ("say", "announce", "believe") with a subject that is an actor and
  a clausal complement is a claim; the complement is its content;
* a quotation next to such a verb ("“...,” he said.", "He said: “...”") is a direct claim;
* "according to X", "X's statement said", "X's announcement that ..." are claims of X;
* a participle "saying ..." takes the subject of the verb it hangs on;
* "did not respond to a request for comment", "declined to comment", "are not yet commenting"
  are non-answers: facts about an actor, but not claims with content.

The speaker is resolved to an actor through the mentions (so "He says" belongs to the person
"he" refers to); a claim whose speaker is no actor is dropped rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from .actors import GOVERNMENT, GROUP, ORGANIZATION, PERSON, WORK, Mention
from .ingest import Turn
from .nlp import sentence_of
from .lexicon import DOCUMENT_CUES, EVIDENCE_NOUNS, REPORT_NOUNS, SOURCE_NOUNS, SPEECH_VERBS
from .resolve import LocalActor

DIRECT, INDIRECT, MIXED = "direct", "indirect", "mixed"
CERTAIN, PROBABLE, POSSIBLE = "certain", "probable", "possible"

#: Cues that present the content as belief rather than assertion.
PROBABLE_CUES = {"concern", "concerned", "afraid", "optimistic", "pessimistic", "hopeful", "believe", "think", "suggest", "expect", "estimate", "suspect", "feel", "hope",
                 "fear", "predict", "guess", "assume", "presume", "reckon", "speculate", "forecast",
                 "worry", "doubt", "imply", "indicate", "signal", "theorize", "posit"}
NEGATING_CUES = {"deny", "dispute", "reject"}
#: Attitudes toward a clause ("X is concerned (that) Y", "I'm disappointed that Y"): claims only
#: with a clausal complement, never with a quotation beside them.
ATTITUDE_CUES = {"concern", "concerned", "disappoint", "disappointed", "convince", "convinced", "alarm",
                 "alarmed", "confident", "sure", "certain", "aware", "afraid", "glad", "happy", "pleased",
                 "surprised", "shocked", "optimistic", "pessimistic", "hopeful", "adamant", "satisfied"}
_MODALS_POSSIBLE = {"may", "might", "could"}
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}
_COMPLEMENT_DEPS = {"ccomp", "xcomp", "parataxis"}
_FIRST_PERSON = {"i", "we"}
_JUST_PUNCTUATION = re.compile(r"[\s.:;]*")
#: Nouns that speak for the actor owning them ("X's statement said", "X's spokesman said").
_VOICE_NOUNS = REPORT_NOUNS | EVIDENCE_NOUNS | SOURCE_NOUNS | {"spokesman", "spokeswoman", "spokesperson"}
_SIGNATURE_DASH = re.compile(r"[ \t]*(?:-{1,2}|–|—)[ \t]*(?=\w)")
#: Credit lines that end a caption: "Image: Nick Moreau.", "Photo by Jane Doe", "(AP Photo/Matt Rourke)".
_CREDIT_LINE = re.compile(
    r"(?:(?<=\s)|(?<=^))(?P<marker>(?P<medium>Image|Photo|Photograph|Picture|Video|Audio|Footage)s?:|"
    r"(?P<medium_by>Photo|Image|Video)s? by)[ \t]*(?P<credit>[^\n]*?\w[^\n]*?)\.?[ \t]*$"
    r"|\((?P<marker_ap>(?:[A-Z][\w.]* )?(?P<medium_ap>Photo|Video|Image)/)(?P<credit_ap>[^)\n]+)\)[ \t]*\.?[ \t]*$",
    re.MULTILINE)
_MEDIUM = {"image": "image", "photo": "image", "photograph": "image", "picture": "image", "video": "video",
           "footage": "video", "audio": "audio"}
#: Documents that report research; "the results" of an article's one study are its authors'.
_RESEARCH_NOUNS = {"report", "study", "survey", "research", "analysis", "paper", "result", "finding"}
_FIRST_PERSON_WORDS = {"i", "we", "me", "us", "my", "our", "i’m", "i'm"}
_RELATIVE_PRONOUNS = {"who", "which", "that"}
#: Cues whose object is the listener, so a noun after them is never an inverted subject.
_LISTENER_CUES = {"tell", "inform", "advise", "assure", "remind", "notify", "ask", "urge", "warn"}
#: Cues whose infinitive complement is a statement ("vowed to resign", "denied to have ...").
INFINITIVE_CUES = {"promise", "vow", "pledge", "threaten", "claim", "deny", "agree", "refuse", "appear",
                   "seem", "hope", "expect", "plan", "intend", "swear", "offer", "decline"}


@dataclass
class Claim:
    """A statement attributed to an actor."""

    doc_id: str
    speaker: LocalActor
    speaker_start: int
    speaker_end: int
    cue: str
    cue_lemma: str
    cue_start: int
    cue_end: int
    kind: str
    start: int
    end: int
    text: str
    certainty: str = CERTAIN
    polarity: str = "positive"
    sentence_start: int = 0
    sentence_end: int = 0
    about: list[LocalActor] = field(default_factory=list)
    head: int = -1  # token index of the content's main word


@dataclass
class NonAnswer:
    """An actor that did not answer or declined to comment."""

    doc_id: str
    actor: LocalActor
    cue: str
    cue_start: int
    cue_end: int
    start: int
    end: int
    text: str


@dataclass
class Credit:
    """A picture, video or sound credited to its maker by a credit line ("Image: Nick Moreau.",
    "(AP Photo/Matt Rourke)"): the caption is attributed to the credited source, as in GUM."""

    doc_id: str
    medium: str  # "image" | "video" | "audio"
    credit: str  # the credit as written ("Nick Moreau", "Twitter / NASA")
    credit_start: int
    credit_end: int
    marker_start: int  # "Image:", "AP Photo/"
    marker_end: int
    start: int  # the caption
    end: int
    text: str
    creator: LocalActor | None = None


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included; unbalanced marks end at the paragraph."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        closing = _QUOTE_PAIRS.get(char)
        if char == '"':
            closing = '"'
        elif char == "‘" or char == "'":
            # Single quotes open only at a word start, and never inside a word (it's, Kenney’s).
            if i > 0 and (text[i - 1].isalnum()):
                i += 1
                continue
            closing = "’" if char == "‘" else "'"
        if closing is None:
            i += 1
            continue
        line_end = text.find("\n", i)
        line_end = n if line_end < 0 else line_end
        j = i + 1
        end = -1
        while j < line_end:
            if text[j] == closing and (closing not in "’'" or j + 1 >= n or not text[j + 1].isalnum()):
                end = j + 1
                break
            j += 1
        if end < 0:
            if char in "'‘":
                i += 1
                continue
            end = line_end  # an unclosed quote runs to the end of its paragraph ...
            while True:  # ... or on, when the next paragraph reopens it (a multi-paragraph quote)
                following = end
                while following < n and text[following] in "\n\r \t":
                    following += 1
                if following >= n or following == end:
                    break
                if text[following] != char:
                    if end == line_end:  # the reopening mark is missing: join when the next
                        end = _closed_in_next_paragraph(text, following, char, closing) or end
                    break
                next_end = text.find("\n", following)
                next_end = n if next_end < 0 else next_end
                close = text.find(closing, following + 1, next_end)
                if close >= 0:
                    end = close + 1
                    break
                end = next_end
        if end - i > 2:
            spans.append((i, end))
        i = end
    return spans


def _quote_inner(doc: Doc, text: str, quote: tuple[int, int]) -> Span | None:
    """The tokens inside a quotation's marks (an unclosed one has no closing mark to drop);
    ``text`` is ``doc.text``, read once by the caller."""
    start, end = quote
    closed = text[end - 1] in "”\"’»"
    return doc.char_span(start + 1, end - 1 if closed else end, alignment_mode="contract")


def _closed_in_next_paragraph(text: str, start: int, opening: str, closing: str) -> int | None:
    """The end of a quotation left open at a paragraph's end when the next paragraph (from
    ``start``) closes it without reopening it: its first mark closes (it follows a word or
    punctuation and no word follows it)."""
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    paragraph = text[start:stop]
    close = paragraph.find(closing)
    if close <= 0 or (opening != closing and opening in paragraph[:close]):
        return None
    after = paragraph[close + 1:close + 2]
    if paragraph[close - 1].isspace() or (after and after.isalnum()):
        return None
    return start + close + 1


def _actor_for_token(token: Token, actor_at: Mapping[int, LocalActor]) -> LocalActor | None:
    """The actor a subject token refers to, looking through "statement" nouns and appositions."""
    if token.lemma_.lower() in _VOICE_NOUNS:  # the owner speaks: "Cornyn's statement", "a letter from the ministry"
        for child in token.children:
            if child.dep_ in {"poss", "compound"} and child.i in actor_at:
                return actor_at[child.i]
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                source = next((p for p in child.children if p.dep_ == "pobj" and p.i in actor_at), None)
                if source is not None:
                    return actor_at[source.i]
    if token.i in actor_at:
        return actor_at[token.i]
    for child in token.children:
        if child.dep_ in {"compound", "appos"} and child.i in actor_at:
            return actor_at[child.i]
    return None


def _subject_of(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if len(subjects) > 1 and subjects[-1].i > verb.i:
        return subjects[-1]  # "Recipients, said Mauer, are ...": the inverted subject is the speaker
    if subjects:
        if verb.dep_ == "relcl" and subjects[0].lower_ in _RELATIVE_PRONOUNS:
            return verb.head  # "Devocht, who had told Montalvo ..."
        return subjects[0]
    for child in verb.children:  # "..., was said by X"
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject_of(verb.head)
    if verb.dep_ in {"advcl", "xcomp"} and verb.tag_ in {"VBG", "VB"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject_of(verb.head)  # "Kenney made the announcement, saying ..."
    if verb.dep_ == "acomp" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject_of(verb.head)  # "We are confident that ...": the subject of "are"
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.head.pos_ in {"VERB", "AUX"} and verb.head.head is not verb:
        return _subject_of(verb.head.head)  # "Sunak defended the record whilst promising ..."
    if verb.dep_ == "relcl":
        return verb.head  # "Kenney, who said ..."
    return None


def _complement(cue: Token, quotes: Quotes) -> Token | None:
    """What a speech verb reports: its first clausal complement after it; one before it only when
    it is a fronted clause ("The plan is dead, she said") or quotation, not an introductory phrase."""
    candidates = [c for c in cue.children if c.dep_ in _COMPLEMENT_DEPS and c.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}]
    after = [c for c in candidates if c.i > cue.i]
    if after:
        return after[0]
    before = [c for c in candidates if c.i < cue.i and (c.pos_ in {"VERB", "AUX"} or quotes.contains(c.idx))]
    return before[-1] if before else None


def _fallback_subject(cue: Token, actor_at: Mapping[int, LocalActor]) -> Token | None:
    """A subject the parse missed: inverted after the cue ('"...", added KCNA.'), or an actor
    named just before a finite cue ("Speaking in their defence, Tom Molomby, SC, said ...")."""
    doc = cue.doc
    fronted = any(c.dep_ in _COMPLEMENT_DEPS and c.i < cue.i for c in cue.children)
    if fronted and cue.lemma_.lower() not in _LISTENER_CUES:
        for child in cue.rights:
            if child.dep_ in {"dobj", "npadvmod", "attr", "dative"} and child.i - cue.i <= 3 and child.i in actor_at:
                return child
    if cue.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    i = cue.i - 1
    while i >= 0 and doc[i].is_punct and doc[i].text in {",", "—", "-"}:
        i -= 1
    if i < 0 or doc[i].is_sent_end:
        return None
    before = doc[i]
    while before.dep_ == "appos" and before.head.i < before.i:  # "Tom Molomby, SC": the name
        before = before.head
    return before if before.i in actor_at and before.pos_ in {"PROPN", "NOUN"} else None


def _fallback_content(cue: Token) -> tuple[int, int, Token] | None:
    """What a cue without a clausal complement reports, where the parse hides it (token range, head).

    * a complement misparsed as an unmarked conjunct ("They estimated by 2050, growth would
      double": no "and" between the cue and the second verb);
    * "told the paper in a statement that ...": the clause hangs on the report noun;
    * "As Heald told the Post, ozone has dropped" / "Recipients, said Mauer, must ...": the cue
      is an aside to the clause it reports;
    * "The report states that few if any ...": "that" right after the cue, the clause misparsed;
      the rest of the sentence.
    """
    conj = next((c for c in cue.children if c.dep_ == "conj" and c.i > cue.i and c.pos_ in {"VERB", "AUX"}), None)
    if conj is not None and not any(c.dep_ == "cc" and cue.i < c.i < conj.i for c in cue.children) \
            and conj.lemma_.lower() not in SPEECH_VERBS:
        return cue.i + 1, conj.right_edge.i + 1, conj
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in REPORT_NOUNS:
                    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}
                                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
                    if clause is not None:
                        return clause.left_edge.i, clause.right_edge.i + 1, clause
    aside = (cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)) \
        or cue.dep_ == "parataxis"
    head = cue.head
    if aside and head.pos_ in {"VERB", "AUX"} and head.i != cue.i:
        if head.i < cue.i and head.left_edge.i < cue.left_edge.i:  # the clause before the aside
            return head.left_edge.i, cue.left_edge.i, head
        return cue.right_edge.i + 1, head.right_edge.i + 1, head  # the clause after it
    after = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if after is not None and after.lower_ == "that" and after.tag_ in {"IN", "WDT", "DT"}:
        sentence = sentence_of(cue)
        if sentence.end - after.i > 4:
            rest = cue.doc[after.i + 1:sentence.end]
            return after.i + 1, sentence.end, rest.root
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Trim a token span of leading "that"/punctuation and trailing punctuation or a dangling
    conjunction ("... subject to Islamophobia and")."""
    while start < end and (doc[start].is_punct and doc[start].text not in "“\"‘" or doc[start].lower_ in {"that", ","} or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in "”\"’" or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _quote_in(quotes: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [q for q in quotes if q[0] < end and q[1] > start]


def _kind_and_span(quotes: Sequence[tuple[int, int]], start: int, end: int,
                   cue_inside: bool = False) -> tuple[str, int, int]:
    """Direct when the content is one quotation (then the span is inside the marks), or part of
    one reported by a cue inside it (``cue_inside``: then the span is that part)."""
    overlapping = _quote_in(quotes, start, end)
    if not overlapping:
        return INDIRECT, start, end
    if len(overlapping) == 1:
        q_start, q_end = overlapping[0]
        inner_start, inner_end = q_start + 1, q_end - 1 if q_end - q_start > 1 else q_end
        if cue_inside and inner_start <= start and end <= q_end and (start, min(end, inner_end)) != (inner_start, inner_end):
            return DIRECT, start, min(end, inner_end)  # a report inside a quotation ('"I think X," she said'): X alone
        covered = min(end, q_end) - max(start, q_start)
        if covered >= 0.8 * (end - start):
            return DIRECT, inner_start, max(inner_start, inner_end)
    return MIXED, start, end


def _certainty(cue: Token) -> tuple[str, str]:
    lemma = cue.lemma_.lower()
    certainty = PROBABLE if lemma in PROBABLE_CUES else CERTAIN
    if any(c.dep_ == "aux" and c.lower_ in _MODALS_POSSIBLE for c in cue.children):
        certainty = POSSIBLE
    if cue.dep_ in {"xcomp"} and cue.head.lemma_.lower() in {"seem", "appear"}:
        certainty = PROBABLE
    negated = any(c.dep_ == "neg" for c in cue.children)
    polarity = "negative" if (lemma in NEGATING_CUES) != negated else "positive"
    return certainty, polarity


def _content_certainty(doc: Doc, head: Token, certainty: str) -> str:
    if any(c.dep_ == "aux" and c.lower_ in _MODALS_POSSIBLE for c in head.children):
        return POSSIBLE if certainty == CERTAIN else certainty
    return certainty


class Quotes(list):
    """Quotation spans with a constant-time "is this position inside one?" test."""

    def __init__(self, spans: Sequence[tuple[int, int]], length: int) -> None:
        super().__init__(spans)
        self._inside = bytearray(length + 1)
        for start, end in spans:
            self._inside[start + 1:end] = b"\x01" * max(0, end - start - 1)

    def contains(self, position: int) -> bool:
        return 0 <= position < len(self._inside) and bool(self._inside[position])



def _is_non_answer(verb: Token) -> bool:
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


def extract_claims(doc: Doc, doc_id: str, mentions: Sequence[Mention],
                   actor_of: Mapping[int, LocalActor], turns: Sequence[Turn] = ()) -> tuple[list[Claim], list[NonAnswer]]:
    """Claims and non-answers in one parsed article.

    ``actor_of`` maps a mention's index in ``mentions`` to its resolved local actor; ``turns``
    are the article's interview turns (:func:`kg.extract.ingest.find_turns`), whose answers are claims
    of the interviewee.
    """
    actor_at: dict[int, LocalActor] = {}
    for index, mention in enumerate(mentions):
        actor = actor_of.get(index)
        if actor is None:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                actor_at.setdefault(token.i, actor)
        actor_at[mention.root] = actor
    text = doc.text  # Doc.text joins every token: read it once
    tokens = list(doc)  # and spaCy makes a new Token per access: make them once for every pass
    quotes = Quotes(find_quotes(text), len(text))
    claims: list[Claim] = []
    non_answers: list[NonAnswer] = []
    used_quotes: set[tuple[int, int]] = set()

    def add_claim(speaker: LocalActor, subject: Token | Span, cue: Token | Span, kind: str, start: int, end: int,
                  head: Token, certainty: str = CERTAIN, polarity: str = "positive") -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            return
        content = text[start:end]
        if len(content.split()) < 2:
            return
        sentence = sentence_of(head)
        cue_start = cue.idx if isinstance(cue, Token) else cue.start_char
        cue_end = cue_start + len(cue.text)
        lemma = cue.lemma_.lower() if isinstance(cue, Token) else cue.text.lower()
        subject_start = subject.idx if isinstance(subject, Token) else subject.start_char
        subject_end = subject_start + len(subject.text)
        claims.append(Claim(
            doc_id=doc_id, speaker=speaker, speaker_start=subject_start, speaker_end=subject_end,
            cue=cue.text, cue_lemma=lemma, cue_start=cue_start, cue_end=cue_end, kind=kind, start=start,
            end=end, text=content, certainty=_content_certainty(doc, head, certainty), polarity=polarity,
            sentence_start=sentence.start_char, sentence_end=sentence.end_char, head=head.i,
        ))
        for q in _quote_in(quotes, start, end):
            used_quotes.add(q)

    def add_content(cue: Token, subject: Token, speaker: LocalActor, start_i: int, end_i: int, head: Token,
                    certainty: str, polarity: str) -> bool:
        """Add the claim whose content is tokens [start_i, end_i) (trimmed; when the cue sits
        inside, only the part after it); False when nothing is left."""
        start_i, end_i = _trim(doc, start_i, end_i)
        if start_i <= cue.i < end_i:
            start_i, end_i = _trim(doc, cue.i + 1, end_i)
        if end_i <= start_i:
            return False
        kind, start, end = _kind_and_span(quotes, doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text),
                                          quotes.contains(cue.idx))
        add_claim(speaker, subject, cue, kind, start, end, head, certainty, polarity)
        return True

    def claim_for_cue(token: Token, speaker: LocalActor | None = None) -> None:
        """A claim cued by a speech verb: its complement, or a quotation beside it."""
        lemma = token.lemma_.lower()
        subject = _subject_of(token) or _fallback_subject(token, actor_at)
        if subject is None:
            return
        speaker = speaker or _actor_for_token(subject, actor_at)
        if speaker is None:
            return
        certainty, polarity = _certainty(token)
        complement = _complement(token, quotes)
        if complement is not None and complement.dep_ == "xcomp" and lemma not in INFINITIVE_CUES:
            complement = None  # "asked X to help", "continued to shun": a request or an act, not speech
        if complement is not None and add_content(token, subject, speaker, complement.left_edge.i,
                                                  complement.right_edge.i + 1, complement, certainty, polarity):
            return
        # No clausal complement: a quotation beside the cue in the same sentence (a sentence-like
        # one, not a scare-quoted term such as "online translation tools"), or opening the next
        # paragraph when the cue's sentence ends with a colon ("Obama tweeted:\n\n“...”").
        sentence = sentence_of(token)
        beside = [q for q in quotes if sentence.start_char <= q[0] < sentence.end_char or
                  (q[0] < sentence.start_char < q[1])]
        if text[sentence.start_char:sentence.end_char].rstrip().endswith(":"):
            after = text[sentence.end_char:].lstrip()
            following = sentence.end_char + (len(text) - sentence.end_char - len(after))
            beside += [q for q in quotes if q[0] == following]
        beside = [q for q in beside if q not in used_quotes and not (q[0] <= token.idx < q[1])]
        if not beside:
            fallback = None if quotes.contains(token.idx) else _fallback_content(token)
            if fallback is not None:
                add_content(token, subject, speaker, *fallback, certainty, polarity)
            return
        inners = {}
        for q in beside:
            inner = _quote_inner(doc, text, q)
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
            add_claim(speaker, subject, token, DIRECT, inner.start_char, inner.end_char, inner.root, certainty, polarity)

    in_quote: list[Token] = []
    for token in tokens:
        if token.pos_ == "ADJ" and token.lemma_.lower() in ATTITUDE_CUES and token.dep_ == "acomp" \
                and not quotes.contains(token.idx) and any(c.dep_ == "ccomp" for c in token.children):
            claim_for_cue(token)  # "Smith is confident that the bill will pass"
            continue
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        if quotes.contains(token.idx):
            in_quote.append(token)
            continue
        if _is_non_answer(token):
            subject = _subject_of(token)
            actor = _actor_for_token(subject, actor_at) if subject is not None else None
            if actor is not None:
                sentence = sentence_of(token)
                start, end = _trim(doc, sentence.start, sentence.end)
                non_answers.append(NonAnswer(doc_id, actor, token.text, token.idx, token.idx + len(token.text),
                                             doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                                             doc[start:end].text))
            continue
        lemma = token.lemma_.lower()
        if lemma in SPEECH_VERBS:
            claim_for_cue(token)
        elif lemma in ATTITUDE_CUES and any(c.dep_ == "ccomp" for c in token.children):
            claim_for_cue(token)  # "associations are concerned the Government will ...", "I'm disappointed that ..."
        elif lemma in DOCUMENT_CUES:  # "the results show ...", "the Home Office letter reads: ..."
            subject = _subject_of(token)
            source = actor_at.get(subject.i) if subject is not None else None
            if (source is not None and source.type == WORK) or \
                    (subject is not None and subject.lemma_.lower() in _VOICE_NOUNS and _actor_for_token(subject, actor_at)):
                claim_for_cue(token)

    # A quotation that follows a quoted claim in the same paragraph, with no cue of its own,
    # continues it ('"We thank you," said Bolden. "This was a difficult decision."').
    for q_start, q_end in quotes:
        if (q_start, q_end) in used_quotes or any(c.start <= q_start < c.end for c in claims):
            continue
        # After reported speech, only a quotation that is the very next sentence ('Wilkins said
        # Warhol was a businessperson. "He would make a blue Marilyn ..."').
        previous = [c for c in claims if c.end <= q_start and "\n" not in text[c.end:q_start]
                    and (len(text[c.end:q_start]) < 300 if c.kind != INDIRECT else _JUST_PUNCTUATION.fullmatch(text[c.end:q_start]))]
        if not previous:
            continue
        inner = _quote_inner(doc, text, (q_start, q_end))
        if inner is None or len(inner) < 4 or not any(t.pos_ in {"VERB", "AUX"} for t in inner):
            continue
        last = max(previous, key=lambda c: c.end)
        claims.append(Claim(
            doc_id=doc_id, speaker=last.speaker, speaker_start=last.speaker_start, speaker_end=last.speaker_end,
            cue=last.cue, cue_lemma=last.cue_lemma, cue_start=last.cue_start, cue_end=last.cue_end, kind=DIRECT,
            start=inner.start_char, end=inner.end_char, text=inner.text, certainty=last.certainty,
            sentence_start=sentence_of(inner.root).start_char, sentence_end=sentence_of(inner.root).end_char, head=inner.root.i,
        ))
        used_quotes.add((q_start, q_end))

    # Cues inside a quotation ("I think ...", "we believe ...") belong to the person quoted.
    for token in in_quote:
        if token.lemma_.lower() not in SPEECH_VERBS:
            continue
        subject = _subject_of(token)
        if subject is None or subject.lower_ not in _FIRST_PERSON:
            continue
        around = [c for c in claims if c.start <= token.idx < c.end]
        if around:
            claim_for_cue(token, min(around, key=lambda c: c.end - c.start).speaker)

    # A pull quote signed with a dash: '"So far, it's the Internet: 1." - Matthew Ingram'.
    for q in quotes:
        if q in used_quotes:
            continue
        dash = _SIGNATURE_DASH.match(text, q[1])
        first = doc.char_span(dash.end(), dash.end() + 1, alignment_mode="expand") if dash else None
        if first is None:
            continue  # the signer's name, perhaps after a title ("— Senator John Smith")
        signer = next((t for t in doc[first.start:first.start + 3] if t.i in actor_at and "\n" not in t.text), None)
        inner = _quote_inner(doc, text, q)
        if signer is not None and inner is not None and len(inner) >= 3:
            last = signer
            while last.i + 1 < len(doc) and actor_at.get(last.i + 1) is actor_at[signer.i]:
                last = doc[last.i + 1]
            add_claim(actor_at[signer.i], doc[signer.i:last.i + 1], doc.char_span(dash.start(), dash.end(), alignment_mode="expand")
                      or first, DIRECT, inner.start_char, inner.end_char, inner.root)

    # A pull quote signed by a bare name at the end of its paragraph, with no quotation marks:
    # "This was a very difficult decision ... Program. Charles Bolden, NASA Administrator". Only
    # when the words repeat a passage of the article or speak in the first person, so that a
    # caption ending in a name is not taken for one.
    for sentence in doc.sents:
        signer = doc[sentence.start]
        end = sentence.end
        while end > sentence.start and doc[end - 1].is_space:
            end -= 1
        if end <= sentence.start:
            continue
        following = text[doc[end - 1].idx + len(doc[end - 1].text):]
        if following.strip() and "\n" not in following[:len(following) - len(following.lstrip())]:
            continue  # not the end of a paragraph
        actor = actor_at.get(signer.i)
        if actor is None or actor.type != PERSON or any(t.pos_ in {"VERB", "AUX"} for t in doc[sentence.start:end]) \
                or quotes.contains(signer.idx) or end - sentence.start > 14:
            continue
        paragraph_start = text.rfind("\n", 0, sentence.start_char) + 1
        if paragraph_start >= sentence.start_char:
            continue
        inner = doc.char_span(paragraph_start, sentence.start_char, alignment_mode="contract")
        if inner is None:
            continue
        start_i, end_i = _trim(doc, inner.start, inner.end)
        words = [t for t in doc[start_i:end_i] if t.is_alpha]
        if len(words) < 6:
            continue
        passage = doc[start_i:end_i].text
        repeated = text.count(passage[:60]) > 1
        first_person = any(t.lower_ in _FIRST_PERSON_WORDS for t in doc[start_i:end_i])
        if repeated or first_person:
            name_end = signer.i
            while name_end + 1 < end and actor_at.get(name_end + 1) is actor:
                name_end += 1
            add_claim(actor, doc[signer.i:name_end + 1], doc[signer.i:name_end + 1], DIRECT,
                      doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text), doc[start_i:end_i].root)

    # "in the words of X, “...”"
    for token in tokens:
        if token.lower_ != "words" or token.i < 2 or doc[token.i - 2].lower_ != "in" or quotes.contains(token.idx):
            continue
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        source = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        speaker = _actor_for_token(source, actor_at) if source is not None else None
        if speaker is None:
            continue
        after = [q for q in quotes if q[0] > token.idx and q[0] < sentence_of(token).end_char and q not in used_quotes]
        if after:
            q = after[0]
            inner = _quote_inner(doc, text, q)
            if inner is not None and len(inner) >= 3:
                add_claim(speaker, doc[source.left_edge.i:source.right_edge.i + 1], doc[token.i - 2:of.i + 1],
                          DIRECT, inner.start_char, inner.end_char, inner.root)

    # "according to X, ..."
    for token in tokens:
        if token.lower_ != "according" or quotes.contains(token.idx):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        sources = [c for c in to.children if c.dep_ in {"pobj", "pcomp"}] if to is not None else []
        source = next((c for c in sources if _actor_for_token(c, actor_at) is not None), None)
        if source is None:
            continue  # "according to curator Elaine Gustafon": either object may be the actor
        speaker = _actor_for_token(source, actor_at)
        sentence = sentence_of(token)
        named = next((m for m in speaker.mentions if m.start <= source.idx < m.end), None)
        phrase_start = token.i
        phrase_end = source.right_edge.i + 1
        if named is not None and (span := doc.char_span(named.start, named.end, alignment_mode="expand")) is not None:
            phrase_end = max(span.end, to.i + 2)  # "According to Rathbun the property ...": the name ends it
        # The clause the phrase modifies ("which, according to AFP, the UN criticised"), else the sentence.
        clause_start, clause_end = sentence.start, sentence.end
        if token.head.pos_ in {"VERB", "AUX"} and token.head is not token:
            head = token.head
            if phrase_start - head.left_edge.i <= 2 or phrase_end >= head.right_edge.i:
                clause_start, clause_end = head.left_edge.i, head.right_edge.i + 1
        if phrase_start - clause_start <= 2:
            start_i, end_i = _trim(doc, phrase_end, clause_end)
        else:
            start_i, end_i = _trim(doc, clause_start, phrase_start)
        if end_i <= start_i:
            continue
        cue = doc[token.i:to.i + 1]
        kind, start, end = _kind_and_span(quotes, doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text))
        add_claim(speaker, doc[source.left_edge.i:source.right_edge.i + 1], cue, kind, start, end, doc[start_i:end_i].root)

    # "X's announcement that ...": a report noun owned by an actor, with a that-clause.
    for token in tokens:
        if token.lemma_.lower() not in REPORT_NOUNS or token.pos_ != "NOUN" or quotes.contains(token.idx):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        clause = next((c for c in token.children if c.dep_ in {"acl", "ccomp", "relcl"}
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is None or clause is None:
            continue
        speaker = _actor_for_token(owner, actor_at)
        if speaker is None:
            continue
        start_i, end_i = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
        if end_i > start_i:
            kind, start, end = _kind_and_span(quotes, doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text))
            add_claim(speaker, owner, token, kind, start, end, clause)

    claims.extend(_interview_answers(doc, doc_id, turns, mentions, actor_of))
    _credit_authors(doc, claims, actor_of.values())
    claims = _dedupe(claims)
    _attach_about(claims, mentions, actor_of)
    return claims, non_answers


def extract_credits(doc: Doc, doc_id: str, mentions: Sequence[Mention],
                    actor_of: Mapping[int, LocalActor]) -> list[Credit]:
    """Captions closed by a credit line, attributed to the credited source.

    The caption is the sentence before the credit line, within its paragraph ("Belle Image: Nick
    Moreau." has the caption "Belle"); the creator is the last actor named in the credit
    ("Twitter / NASA": NASA's account), or none when the credit names no known actor.
    """
    text = doc.text
    credits: list[Credit] = []
    for match in _CREDIT_LINE.finditer(text):
        marker = "marker" if match.group("marker") else "marker_ap"
        credit_group = "credit" if match.group("credit") else "credit_ap"
        medium = (match.group("medium") or match.group("medium_by") or match.group("medium_ap")).lower()
        marker_start, marker_end = match.span(marker)
        paragraph_start = text.rfind("\n", 0, marker_start) + 1
        caption_end = match.start()  # before "(AP Photo/" as before "Image:"
        while caption_end > paragraph_start and text[caption_end - 1].isspace():
            caption_end -= 1
        if caption_end <= paragraph_start:
            continue  # a credit line alone in its paragraph: no caption to attribute
        last = doc.char_span(caption_end - 1, caption_end, alignment_mode="expand")
        if last is None:
            continue
        caption_start = max(paragraph_start, sentence_of(last[0]).start_char)
        credit_start, credit_end = match.span(credit_group)
        creator = None
        for index, mention in enumerate(mentions):
            if credit_start <= mention.start and mention.end <= credit_end and index in actor_of:
                creator = actor_of[index]
        credits.append(Credit(doc_id, _MEDIUM[medium], text[credit_start:credit_end], credit_start, credit_end,
                              marker_start, marker_end, caption_start, caption_end,
                              text[caption_start:caption_end], creator))
    return credits


_INTERVIEW_WORD = re.compile(r"\binterview\w*", re.IGNORECASE)
_INTERVIEWEE_CONTEXT = re.compile(
    r"(?:\binterview(?:s|ed)?\s+(?:with\s+)?(?P<after>(?:(?!\s(?:on|about|over|regarding)\s)[^\n]){0,60}))|(?:(?P<before>[^\n]{0,60})\s+(?:tells|told|talks to|speaks to|interviewed by)\b)",
    re.IGNORECASE)
_CAPTION = re.compile(r"\b(?:Image|Photo|Picture|File photo|Credit)s?:|^(?:File photo|Image|Photo)\b", re.IGNORECASE)


def _interviewee(doc: Doc, mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor],
                 turns: Sequence[Turn]) -> LocalActor | None:
    """The person answering: named before the first question (the headline, the intro), else
    the most mentioned named person."""
    text = doc.text
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


def _interview_answers(doc: Doc, doc_id: str, turns: Sequence[Turn], mentions: Sequence[Mention],
                       actor_of: Mapping[int, LocalActor]) -> list[Claim]:
    """Each answer turn of an interview is a direct claim of its speaker."""
    if not turns:
        return []
    actors = {id(a): a for a in actor_of.values()}.values()
    default = _interviewee(doc, mentions, actor_of, turns)
    text = doc.text
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
        start_i, end_i = _trim(doc, span.start, span.end)
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
    from .actors import PRONOUN  # local: the mention kinds live with the mentions

    found: list[tuple[Mention, LocalActor]] = []
    quoted = [c for c in claims if c.kind in {DIRECT, MIXED}]
    for token in doc:
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


def _credit_authors(doc: Doc, claims: Sequence[Claim], actors: Iterable[LocalActor]) -> None:
    """Give a document's statements to its authors when the article names them: "The report
    says ..." belongs to "the report's authors" (an actor whose role is owned by a report); when
    one group authors the article's research, its results and findings are theirs too."""
    authors: dict[str, LocalActor] = {}
    for actor in actors:
        for mention in actor.mentions:
            if mention.role_of and mention.type in {PERSON, GROUP}:
                authors.setdefault(mention.role_of.lower().split()[-1].rstrip("s"), actor)
    if not authors:
        return
    researchers = {id(a): a for key, a in authors.items() if key in _RESEARCH_NOUNS}
    for claim in claims:
        if claim.speaker.type != WORK:
            continue
        lemmas = []  # the document's head nouns, and what it is "of" ("the results of the study")
        for work in claim.speaker.mentions:
            if work.type == WORK:
                lemmas.append(work.head_lemma)
                lemmas += [p.lemma_.lower() for c in doc[work.root].children if c.dep_ == "prep" and c.lower_ == "of"
                           for p in c.children if p.dep_ == "pobj"]
        author = next((authors[m.rstrip("s")] for m in lemmas if m.rstrip("s") in authors), None)
        if author is None and len(researchers) == 1 and any(m in _RESEARCH_NOUNS for m in lemmas):
            author = next(iter(researchers.values()))
        if author is not None:
            claim.speaker = author


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per content span; nested reports keep their own, shorter spans."""
    seen: dict[tuple[int, int], Claim] = {}
    for claim in claims:
        seen.setdefault((claim.start, claim.end), claim)
    return sorted(seen.values(), key=lambda c: (c.start, c.end))


def _attach_about(claims: list[Claim], mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor]) -> None:
    for claim in claims:
        about: list[LocalActor] = []
        for index, mention in enumerate(mentions):
            actor = actor_of.get(index)
            if actor is not None and claim.start <= mention.start and mention.end <= claim.end and actor is not claim.speaker:
                if actor not in about:
                    about.append(actor)
        claim.about = about
