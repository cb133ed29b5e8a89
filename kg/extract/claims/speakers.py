"""Who speaks: the subject of a cue, resolved to an actor through the mentions.

"He says ..." belongs to the person "he" refers to, "Cornyn's statement said ..." to Cornyn,
"a letter from the ministry says ..." to the ministry. A cue whose subject is no actor gives no
claim: the speaker is never guessed.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from spacy.tokens import Doc, Token

from ..actors import GROUP, PLACE, Mention
from ..lexicon import EVIDENCE_NOUNS, REPORT_NOUNS, SOURCE_NOUNS, SPEECH_VERBS
from ..nlp import token_range
from ..resolve import LocalActor
from .cues import LISTENER_CUES

#: Nouns that speak for the actor owning them ("X's statement said", "X's spokesman said").
VOICE_NOUNS = REPORT_NOUNS | EVIDENCE_NOUNS | SOURCE_NOUNS | {"spokesman", "spokeswoman", "spokesperson"}
COMPLEMENT_DEPS = {"ccomp", "xcomp", "parataxis"}
_RELATIVE_PRONOUNS = {"who", "which", "that"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_QUANTIFIERS = {"all", "some", "many", "most", "several", "none", "each", "both", "few", "one", "two", "half"}
_PART_OF = {"of", "in", "among", "within"}
#: Words that give a share of people: "64 percent", "half", "a majority", "two-thirds".
_SHARES = {"percent", "%", "half", "majority", "minority", "plurality", "third", "thirds", "quarter", "quarters"}
#: How many sentences before a share its group may be named in.
SHARE_SENTENCES = 2


def actors_by_token(doc: Doc, mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor]) -> dict[int, LocalActor]:
    """Token index -> the actor a mention covering that token refers to (its root always)."""
    actor_at: dict[int, LocalActor] = {}
    for index, mention in enumerate(mentions):
        actor = actor_of.get(index)
        if actor is None:
            continue
        covered = token_range(doc, mention.start, mention.end)
        for i in range(*covered) if covered is not None else ():
            actor_at.setdefault(i, actor)
        actor_at[mention.root] = actor
    return actor_at


def actor_for_token(token: Token, actor_at: Mapping[int, LocalActor]) -> LocalActor | None:
    """The actor a subject token refers to, looking through "statement" nouns and appositions; a
    name in apposition to a description ("the secularist magazine MicroMega") wins over it."""
    if token.lemma_.lower() in VOICE_NOUNS:  # the owner speaks: "Cornyn's statement", "a letter from the ministry"
        spokesperson = _named_apposition(token, actor_at) if token.lemma_.lower() in _SPOKESPEOPLE else None
        if spokesperson is not None:
            return spokesperson  # "Banda's spokesman, Amos Chanda, said": a named spokesperson speaks in person
        for child in token.children:
            if child.dep_ in {"poss", "compound"}:  # "the Reuters/Ipsos poll": a name inside the compound
                owner = next((actor_at[t.i] for t in child.subtree if t.i in actor_at), None)
                if owner is not None:
                    return owner
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                source = next((p for p in child.children if p.dep_ == "pobj" and p.i in actor_at), None)
                if source is not None:
                    return actor_at[source.i]
    named = _named_apposition(token, actor_at)
    own = actor_at.get(token.i)
    if named is not None and (own is None or not own.named):
        return named  # "the secularist magazine MicroMega said": the name, not the description
    if own is not None:
        return own
    if token.lower_ in _QUANTIFIERS:  # "all of my pals in government tell me", "some of the aides said",
        # "many in the Republican establishment fear": a part of a group the text names speaks for it
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in _PART_OF), None)
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if whole is not None:
            return actor_for_token(whole, actor_at)
    if _is_share(token):  # "Six in 10 say ...", "64 percent said ...": a share of the group just named
        return _latest_group(token, actor_at)
    return next((actor_at[c.i] for c in token.children if c.dep_ in {"compound", "appos"} and c.i in actor_at), None)


def _named_apposition(token: Token, actor_at: Mapping[int, LocalActor]) -> LocalActor | None:
    return next((actor_at[c.i] for c in token.children if c.dep_ == "appos" and c.i in actor_at
                 and actor_at[c.i].named and actor_at[c.i].type != PLACE), None)


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _is_share(token: Token) -> bool:
    """A share of people given without whose ("Six in 10", "64 percent", "half", "a majority")."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    if token.lower_ in _SHARES:
        return True
    return token.pos_ == "NUM" and any(c.dep_ == "quantmod" and c.lower_ == "in" for c in token.children)


def _latest_group(token: Token, actor_at: Mapping[int, LocalActor]) -> LocalActor | None:
    """The group of people named last before ``token``, in its sentence or the two before (a
    poll's "voters", "Democrats"), if any."""
    start = token.sent.start
    for _ in range(SHARE_SENTENCES):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    for i in range(token.i - 1, start - 1, -1):
        actor = actor_at.get(i)
        if actor is not None and actor.type == GROUP:
            return actor
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue, also where the cue is a conjunct, participle, relative clause or
    passive ("was said by X")."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
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
    return _inherited_subject(verb)


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a cue without its own takes from the verb it hangs on."""
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
        return subject_of(head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS \
            and verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == "," and verb.lemma_.lower() in SPEECH_VERBS:
        return subject_of(head.head)  # "X said the bill would pass, adding that ...": X adds it
    if verb.dep_ in {"advcl", "xcomp"} and verb.tag_ in {"VBG", "VB"} and head.pos_ in {"VERB", "AUX"}:
        return subject_of(head)  # "Kenney made the announcement, saying ..."
    if verb.dep_ == "acomp" and head.pos_ in {"VERB", "AUX"}:
        return subject_of(head)  # "We are confident that ...": the subject of "are"
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.head.pos_ in {"VERB", "AUX"} and head.head.i != verb.i:
        return subject_of(head.head)  # "Sunak defended the record whilst promising ..."
    if verb.dep_ == "relcl":
        return head  # "Kenney, who said ..."
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in {"NOUN", "PROPN"}:
        return head  # "a super PAC supporting Clinton", "an email stressing ...": the noun it describes
    return None


def fallback_subject(cue: Token, actor_at: Mapping[int, LocalActor]) -> Token | None:
    """A subject the parse missed: inverted after the cue ('"...", added KCNA.'), or an actor
    named just before a finite cue ("Speaking in their defence, Tom Molomby, SC, said ...")."""
    doc = cue.doc
    fronted = any(c.dep_ in COMPLEMENT_DEPS and c.i < cue.i for c in cue.children)
    if fronted and cue.lemma_.lower() not in LISTENER_CUES:
        for child in cue.rights:
            if child.dep_ in {"dobj", "npadvmod", "attr", "dative"} and child.left_edge.i - cue.i <= 3 \
                    and child.i in actor_at:
                return child
    if cue.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    opening = _named_before_relative(cue, actor_at)
    if opening is not None:
        return opening
    i = cue.i - 1
    while i >= 0 and doc[i].is_punct and doc[i].text in {",", "—", "-"}:
        i -= 1
    if i < 0 or doc[i].is_sent_end:
        return None
    described = _described_by_clause(doc[i], cue)
    if described is not None:  # "Beyond Nuclear, which has sued in court, said": not the court
        head = _phrase_head(described)
        return head if head.i in actor_at else described if described.i in actor_at else None
    for before in (_phrase_head(doc[i]), doc[i]):  # "Ingram of The Globe and Mail"; "a spokesman for ICE"
        if before.i in actor_at and before.pos_ in {"PROPN", "NOUN"}:
            return before
    return None


def _named_before_relative(cue: Token, actor_at: Mapping[int, LocalActor]) -> Token | None:
    """ "Emma Mason, whose daughter took her own life ..., said the law would save lives": the
    parser makes the relative clause the cue's fronted complement, with the name as its subject;
    the actor named at its start, before ", who(se)", is the speaker."""
    doc = cue.doc
    for clause in cue.children:
        if clause.dep_ not in COMPLEMENT_DEPS or clause.i > cue.i or doc[clause.left_edge.i].is_punct:
            continue
        comma = next((t.i for t in doc[clause.left_edge.i:clause.i] if t.text == ","), None)
        if comma is not None and comma > clause.left_edge.i and doc[comma + 1].lower_ in _RELATIVE_WORDS:
            named = _phrase_head(doc[comma - 1])
            return named if named.i in actor_at else None
    return None


_RELATIVE_WORDS = frozenset({"who", "whose", "which"})


def _described_by_clause(token: Token, cue: Token) -> Token | None:
    """The noun a relative clause describes when ``token`` ends that clause just before the cue:
    its speaker is the noun, never an actor inside the clause ("X, which has fought the plan in
    court, said ...")."""
    for ancestor in token.ancestors:
        if ancestor.i == cue.i:
            return None
        if ancestor.dep_ == "relcl" and ancestor.head.pos_ in {"NOUN", "PROPN"} and ancestor.head.i < ancestor.i:
            return ancestor.head
    return None


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a token ends: "Tom Molomby, SC" -> Molomby, "Matthew Ingram of
    The Globe and Mail" -> Ingram (not the newspaper, which only qualifies him)."""
    while True:
        head = token.head
        if token.dep_ in {"appos", "conj", "compound"} and head.i < token.i:
            token = head
        elif token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i < head.i and head.head.pos_ in {"PROPN", "NOUN"}:
            token = head.head
        else:
            return token
