"""What a cue reports: its clausal complement, or the clause the parse hides it in."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import REPORT_NOUNS, SPEECH_VERBS
from ..nlp import sentence_of
from .quotes import Quotes
from .speakers import COMPLEMENT_DEPS

_CLAUSE_POS = {"VERB", "AUX", "ADJ", "NOUN"}
_VERBS = {"VERB", "AUX"}
#: Words that make a clause an adverbial one ("because he sees X as Y"): a clause before such a
#: cue is the sentence it hangs on, never what the cue reports, whatever the parse says.
_SUBORDINATORS = {"because", "since", "if", "when", "whenever", "while", "although", "though", "after", "before",
                  "unless", "until", "once", "so"}


def complement(cue: Token, quotes: Quotes) -> Token | None:
    """What a speech verb reports: its first clausal complement after it; one before it only when
    it is a fronted clause ("The plan is dead, she said") or quotation, not an introductory phrase,
    and the cue no adverbial clause ("Viguerie is upbeat, because he sees Cruz as a uniter")."""
    candidates = [c for c in cue.children if c.dep_ in COMPLEMENT_DEPS and c.pos_ in _CLAUSE_POS]
    after = [c for c in candidates if c.i > cue.i]
    if after:
        return after[0]
    if any(c.dep_ == "mark" and c.i < cue.i and c.lower_ in _SUBORDINATORS for c in cue.children):
        return None
    before = [c for c in candidates if c.i < cue.i and (c.pos_ in _VERBS or quotes.contains(c.idx))]
    return before[-1] if before else None


def _that_clause(noun: Token) -> Token | None:
    """A that-clause on a noun ("the statement that ...")."""
    return next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)


def fallback_content(cue: Token) -> tuple[int, int, Token] | None:
    """What a cue without a clausal complement reports, where the parse hides it (token range, head).

    * a complement misparsed as an unmarked conjunct ("They estimated by 2050, growth would
      double": no "and" between the cue and the second verb);
    * "told the paper in a statement that ...": the clause hangs on the report noun;
    * "As Heald told the Post, ozone has dropped" / "Recipients, said Mauer, must ...": the cue
      is an aside to the clause it reports;
    * "The report states that few if any ...": "that" right after the cue, the clause misparsed;
      the rest of the sentence.
    """
    conj = next((c for c in cue.children if c.dep_ == "conj" and c.i > cue.i and c.pos_ in _VERBS), None)
    if conj is not None and not any(c.dep_ == "cc" and cue.i < c.i < conj.i for c in cue.children) \
            and conj.lemma_.lower() not in SPEECH_VERBS:
        return cue.i + 1, conj.right_edge.i + 1, conj
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in REPORT_NOUNS:
                    clause = _that_clause(noun)
                    if clause is not None:
                        return clause.left_edge.i, clause.right_edge.i + 1, clause
    aside = (cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)) \
        or cue.dep_ == "parataxis"
    head = cue.head
    if aside and head.pos_ in _VERBS and head.i != cue.i:
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


def _demonstrative(doc: Doc, i: int, end: int) -> bool:
    """Whether the "that" at ``i`` is the content's own word, not the complementizer: a pronoun
    subject ("said that was a mistake") or the determiner of a bare singular noun subject, which
    the parse may take for the complementizer ("said that claim smacked of hypocrisy")."""
    if doc[i].dep_ in {"det", "nsubj", "nsubjpass"}:
        return True
    after = doc[i + 1] if i + 1 < end else None
    return after is not None and after.tag_ == "NN" and after.dep_ in {"nsubj", "nsubjpass"} \
        and not any(c.dep_ in {"det", "poss"} for c in after.children)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Trim a token span of leading "that"/punctuation and trailing punctuation or a dangling
    conjunction ("... subject to Islamophobia and"); a demonstrative "that" stays ("said that claim
    smacked of hypocrisy")."""
    while start < end and (doc[start].is_punct and doc[start].text not in "“\"‘" or doc[start].text == ","
                           or doc[start].lower_ == "that" and not _demonstrative(doc, start, end)
                           or doc[start].is_space):
        start += 1
    opened = [i for i in range(start, end) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[-1], end)):
        end = opened[-1]  # "... arrest data (all times local": a parenthesis left open is cut off
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in "”\"’" or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


_OBJECT_DEPS = {"dobj", "oprd"}
_OPENING_QUOTES = {'"', "“", "‘", "'"}
_CLOSING_QUOTES = {'"', "”", "’", "'"}
_AFTER_OBJECT_DEPS = {"oprd", "xcomp", "ccomp"}


def object_content(cue: Token, preps: frozenset[str], predicate: bool = False) -> tuple[int, int, Token, bool] | None:
    """What an evaluative or similar cue acts on: its object after it, with a predicate or a
    content preposition or "as" after the object ("called the plan a disaster", "accused X of
    lying", "praised the deal as historic", "criticized him for saying ..."); with ``predicate``, only
    when one follows ("called X a liar", not "called X by phone"). The last item says whether
    something follows the object."""
    objects = [c for c in cue.children if c.dep_ in _OBJECT_DEPS and c.i > cue.i]
    if not objects:
        return None
    first = objects[0]
    parts = [first] + [c for c in cue.children if c.i > first.i and
                       (c.dep_ in _AFTER_OBJECT_DEPS or _content_prep(c, preps))]
    # "accused the governor of lying": the parse may hang the content preposition on the object;
    # 'called the plan "a disaster"': a quoted apposition is the predicate
    follows = len(parts) > 1 or any(_content_prep(c, preps) for c in first.children) \
        or any(_quoted_predicate(cue.doc, c) for c in first.children if c.i > first.i) \
        or _quoted_head(cue.doc, first)  # 'called her “third-rate”', not 'called the “Obamacare” hotline'
    if predicate and not follows:
        return None
    end = _closing_quote(cue.doc, first.left_edge.i, max(p.right_edge.i for p in parts) + 1)
    quoted = next((c for c in first.children if c.i > first.i and _quoted_predicate(cue.doc, c)), None)
    if quoted is not None and len(parts) == 1:  # 'called the system “rigged” in a tweet': up to the closing mark
        end = next((t.i + 1 for t in cue.doc[quoted.left_edge.i + 1:end] if t.text in _CLOSING_QUOTES), end)
    return first.left_edge.i, end, first, follows


def _quoted_predicate(doc: Doc, token: Token) -> bool:
    """Whether a word after an object opens a quotation the parse hung on it: 'called the plan "a
    disaster"' (an apposition), 'called the system “rigged”' (a participle or adjective)."""
    if token.dep_ not in {"appos", "acl", "amod"}:
        return False
    left = token.left_edge.i
    return doc[left].text in _OPENING_QUOTES or (left > 0 and doc[left - 1].text in _OPENING_QUOTES)


def _quoted_head(doc: Doc, head: Token) -> bool:
    """Whether a quotation opens after the first word of a noun phrase and holds its head: the
    parse made the object a possessive of the predicate ('called her “third-rate”')."""
    inside = doc[head.left_edge.i + 1:head.i + 1]
    opening = [t.i for t in inside if t.text in _OPENING_QUOTES]
    return bool(opening) and not any(t.text in {"”", "’", '"', "'"} for t in doc[opening[-1] + 1:head.i + 1])


def _closing_quote(doc: Doc, start: int, end: int) -> int:
    """``end``, or one further when the span opens a quotation whose closing mark the parse hung
    elsewhere ('called her “third-rate”')."""
    opened = sum(1 for t in doc[start:end] if t.text in {"“", "‘"}) - sum(1 for t in doc[start:end] if t.text in {"”", "’"})
    straight = sum(1 for t in doc[start:end] if t.text == '"') % 2
    if end < len(doc) and ((opened > 0 and doc[end].text in {"”", "’"}) or (straight and doc[end].text == '"')):
        return end + 1
    return end


def _content_prep(token: Token, preps: frozenset[str]) -> bool:
    """A preposition after an object that opens content ("accused X of lying", "praised X as
    historic"), not a time ("called the governor on Sunday night")."""
    return token.dep_ == "prep" and (token.lower_ in preps or token.lower_ == "as") and \
        not any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in token.children)


def prep_content(cue: Token, preps: frozenset[str]) -> tuple[int, int, Token] | None:
    """The object of a content preposition right after the cue ("called for an end to the war",
    "pointed to the polls", "talked about the economy"); the preposition belongs to the cue. An
    infinitive after the object is part of it ("called on Congress to raise the wage"), and so is
    a for-to clause the parse makes of it ("called for the United States to take a role")."""
    for child in cue.children:
        if child.i <= cue.i:
            continue
        if child.lower_ in preps and _content_prep(child, preps):
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                end = child.right_edge.i + 1
                infinitive = next((c for c in cue.children if c.dep_ in {"xcomp", "advcl"} and c.left_edge.i == end
                                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
                return child.i + 1, (infinitive.right_edge.i + 1 if infinitive is not None else end), objects[0]
        mark = child.left_edge
        if child.dep_ in {"advcl", "xcomp"} and mark.dep_ == "mark" and mark.lower_ in preps and mark.i == cue.i + 1:
            return mark.i + 1, child.right_edge.i + 1, child
    return None


def that_clause_after(cue: Token) -> tuple[int, int, Token] | None:
    """A that-clause the parse hung on a phrase between the cue and it: "acknowledged on NBC's
    'Meet the Press' that he was wrong". Only when no verb with its own subject comes between."""
    sentence = sentence_of(cue)
    doc = cue.doc
    for i in range(cue.i + 1, sentence.end):
        token = doc[i]
        if token.lower_ == "that" and token.dep_ == "mark":
            clause = token.head
            if clause.i > token.i and clause.left_edge.i == token.i and _descends_from(clause, cue):
                return token.i + 1, clause.right_edge.i + 1, clause
            return None
        if token.pos_ in _VERBS and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            return None
    return None


def _descends_from(token: Token, ancestor: Token) -> bool:
    """Whether ``ancestor`` is above ``token`` in the parse (spaCy makes a new Token per access:
    compare indices, never identity)."""
    while token.head.i != token.i:
        token = token.head
        if token.i == ancestor.i:
            return True
    return False


def cut_at_conjoined_cue(doc: Doc, start: int, end: int, is_cue, quoted=lambda char: False) -> int:
    """Where a content ends when a conjoined cue verb takes over ("saying he trusts women ... and
    accused the incumbent of ...": the second cue has its own claim), or a participle of saying
    after a comma that the parse hung inside the content ("said the bill would pass, adding that
    ...": the speaker adds it; not inside a quotation, where it is the quoted words)."""
    for i in range(start + 1, end):
        token = doc[i]
        participle = token.dep_ == "advcl" and token.tag_ == "VBG" and doc[token.left_edge.i - 1].text == "," \
            and token.left_edge.i == i and not quoted(token.idx)
        if (token.dep_ == "conj" or participle) and token.pos_ == "VERB" and is_cue(token) \
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            cut = token.left_edge.i
            while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
                cut -= 1
            return cut
    return end
