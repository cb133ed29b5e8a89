"""What a stance is about: an actor, an actor's act, or a topic, typed from the phrase the
construction points at; acts that are good or bad for someone carry the stance to them."""

from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping, Sequence

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..actor_lexicon import AUTHORED_NOUNS, GOVERNMENT, ORGANIZATION
from ..actors import Mention, clean_name
from ..claims import Claim
from ..coreference import latest_author
from ..lexicon import CUES
from ..nlp import doc_layout, doc_tokens, sentence_of, token_range
from ..resolve import LocalActor
from .grammar import co_arguments, passive_agent, phrase, predicate_key, prepositional_object, takes_side
from .lexicon import effects, issue_nouns
from .records import ACT, ACTOR, TOPIC, Target, opposite
from .target_words import (ACCOUNTS, ACT_NOUNS, ANAPHORIC, ANYONE as _ANYONE, CONTRASTIVE as _CONTRASTIVE,
                           DAYS as _DAYS, OWNED_ACT_NOUNS, QUALITIES, REPROACHES, SHARES as _SHARES,
                           SPECIFYING as _SPECIFYING, SPOKEN_REPROACHES, TOPIC_CLASS as _TOPIC_CLASS,
                           VAGUE_HEADS as _VAGUE_HEADS)


def is_act_noun(token: Token) -> bool:
    """Whether a noun names an act, decision or policy ("cuts" as well as "cut"), also one that is
    good or bad for someone ("the repeal", "its approval": the effects lexicon)."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in OWNED_ACT_NOUNS:
        return any(c.dep_ == "poss" or c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for c in token.children)
    return lemma in ACT_NOUNS or lower in ACT_NOUNS or (lemma, "NOUN") in effects()


#: Verbs by which a court, judge or body decides; nouns that name what it decided.
_DECIDING = frozenset({"rule", "order", "sentence", "fine", "convict", "uphold", "decide", "find", "overturn",
                       "block", "reject", "dismiss", "deny"})
#: Deciding verbs that are as often mere answers: "dismissed the concerns as unfounded" decides no
#: case; "dismissed the lawsuit", "rejected the appeal", "blocked the merger" do.
_ANSWERING = frozenset({"dismiss", "reject", "deny", "block"})
#: What a court or body decides on when it dismisses, rejects, denies or blocks.
_PROCEEDINGS = frozenset({"case", "lawsuit", "suit", "appeal", "charge", "motion", "claim", "request", "petition",
                          "challenge", "application", "bid", "complaint", "indictment", "plea", "objection"})


def _decides(verb: Token) -> bool:
    """Whether a deciding verb tells of a decision made: not a bare infinitive; an answering verb
    only on a proceeding or an act."""
    if verb.tag_ == "VB":
        return False  # "lets activists decide who can speak", "will rule next week": none made yet
    if verb.lemma_.lower() not in _ANSWERING:
        return True
    thing = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    return thing is None or thing.lemma_.lower() in _PROCEEDINGS or is_act_noun(thing)


RULINGS = frozenset({"ruling", "verdict", "decision", "judgment", "judgement", "order", "sentence", "conviction",
                     "injunction", "fine", "penalty"})
#: Nouns that sum up the act told before them: "Biden pardoned his son, a move Republicans denounced".
_SUMMARY_NOUNS = frozenset({"move", "decision", "step", "action", "act", "measure", "gesture"})
_OWNER_PREPS = frozenset({"by", "of", "with", "for", "to"})  # not "from": "tariffs on goods from China" are not China's
_QUOTE_MARKS = frozenset("\"“”‘«»")  # not ’, which is also an apostrophe
_OPENING, _CLOSING = frozenset("“‘«"), frozenset("”’»")


_BODY_TYPES = frozenset({ORGANIZATION, GOVERNMENT})


def speaks_for(speaker: LocalActor, holder: LocalActor) -> bool:
    """Whether ``speaker`` speaks for ``holder``: the same actor, or a post in or member of it."""
    if speaker is holder:
        return True
    names = {n.lower() for n in holder.names()} | {holder.label().lower()}
    places = {r[2].lower() for r in speaker.roles if r[2]} | {a.lower() for a in speaker.affiliations}
    # "Sage's chief executive" speaks for Sage Therapeutics: a body named by the start of its name
    return bool(names & places) or holder.type in _BODY_TYPES and any(
        n.startswith(p + " ") for p in places for n in names)


class Context:
    """One article's parse with its actors and claims, for finding holders and typing targets."""

    def __init__(self, doc: Doc, doc_id: str, mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor],
                 claims: Sequence[Claim]) -> None:
        self.doc, self.doc_id, self.claims = doc, doc_id, claims
        self.tokens = doc_tokens(doc)  # spaCy makes a new Token per access: made once for every pass
        self.actor_at: dict[int, LocalActor] = {}
        self.mention_at: dict[int, Mention] = {}
        for index, mention in enumerate(mentions):
            actor = actor_of.get(index)
            if actor is None:
                continue
            self.actor_at.setdefault(mention.root, actor)
            self.mention_at.setdefault(mention.root, mention)
            covered = token_range(doc, mention.start, mention.end) if mention.kind == "name" else None
            for i in range(*covered) if covered is not None else ():
                self.actor_at.setdefault(i, actor)
        self.quoted = _quoted_tokens(self.tokens)
        self.layout = doc_layout(doc)
        self._name_words: dict[str, LocalActor | None] | None = None
        self._mentioned: dict[frozenset[str], bool] = {}

    def mentions_any(self, words: frozenset[str]) -> bool:
        """Whether any of ``words`` (lower case) occurs in the article: lets a construction with a
        few trigger words skip an article without them (one pass over the article, then memoised)."""
        if words not in self._mentioned:
            lowers = set(self.doc.to_array(LOWER).tolist())
            strings = self.doc.vocab.strings
            self._mentioned[words] = any(strings[word] in lowers for word in words)
        return self._mentioned[words]

    def actor(self, token: Token | None) -> LocalActor | None:
        """The actor a token names; none in a dateline or byline ("PHILADELPHIA (AP) -")."""
        if token is None or self.layout.hidden_at(token.idx):
            return None
        if token.i in self.actor_at:
            return self.actor_at[token.i]
        if token.lemma_.lower() in _SHARES or token.pos_ == "NUM":  # "a quarter of voters", "94% of members"
            return self.actor(prepositional_object(token, "of"))
        for child in token.children:  # "spokespeople for ICE" is its own actor; "a statement from X"
            if child.dep_ == "appos" and child.i in self.actor_at:
                return self.actor_at[child.i]
        return self._hyphened_name(token)

    def _hyphened_name(self, token: Token) -> LocalActor | None:
        """A name inside a hyphenated word that the recogniser left out ("anti-Trump", "Kremlin-backed"):
        the one named actor of the article known by that word (its last name, or its whole name)."""
        doc = self.doc
        before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
        after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
        if not (before or after) or not token.text[:1].isupper():
            return None
        if self._name_words is None:
            self._name_words = _name_words(self.actor_at.values())
        return self._name_words.get(token.text)

    def _window_start(self, token: Token, before: int = 2) -> int:
        """The first token of the sentence ``before`` sentences before the one of ``token``."""
        start = sentence_of(token).start
        for _ in range(before):
            start = sentence_of(self.doc[start - 1]).start if start > 0 else start
        return start

    def latest_ruling(self, before: Token, nouns: bool) -> Token | None:
        """The latest ruling told in the sentence of ``before`` or the two before it: a ruling noun
        ("the verdict", when ``nouns``) or the subject of a deciding verb ("Judge Mehta ruled
        that ..."; a decision is its decider's, as the guidelines ask)."""
        start = self._window_start(before)
        for token in reversed(self.doc[start:before.i]):
            if nouns and token.pos_ == "NOUN" and token.lemma_.lower() in RULINGS:
                return token
            if token.pos_ == "VERB" and token.lemma_.lower() in _DECIDING and _decides(token):
                decider = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if decider is not None and self.actor(decider) is not None:
                    return decider
        return None

    def claim_around(self, char: int) -> Claim | None:
        inside = [c for c in self.claims if c.start <= char < c.end]
        return min(inside, key=lambda c: c.end - c.start) if inside else None

    def target(self, head: Token, holder: LocalActor | None = None, strict: bool = False) -> Target | None:
        """Type the phrase headed by ``head`` as an actor, an act or a topic (None if too vague).

        A topic is an act or policy, a named thing, an issue ("racism") or, unless ``strict``, a
        described thing ("the data centers"); ``strict`` is for predicates whose objects are often
        just things ("maintained a majority", "enjoy the atmosphere")."""
        if head.lemma_.lower() in _ANYONE and not any(c.dep_ in _SPECIFYING for c in head.children):
            return None  # "People are being sentimental": people at large, no one the reader can follow
        owner = (next((c for c in head.children if c.dep_ == "poss"), None) or prepositional_object(head, "of")) \
            if head.lemma_.lower() in QUALITIES else None
        if owner is not None and self.actor(owner) is not None:
            head = owner  # "praised Leadbeater's courage": a quality judged is its bearer judged
        actor = self.actor(head)
        if actor is not None and head.pos_ == "PRON" and head.dep_ == "dobj" and any(
                self.actor(t) is actor for t in co_arguments(head.head)):
            actor = None  # "urged the court to fine it": "it" is not the court
        if actor is not None:
            mention = self.mention_at.get(head.i)
            start, end = (mention.start, mention.end) if mention else (head.idx, head.idx + len(head.text))
            return Target(ACTOR, actor.label(), start, end, actor)
        if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            return None  # "no company could abuse a monopoly": nobody in particular
        taken_up = self._act_taken_up(head)
        if taken_up is not None:
            return self.target(taken_up, holder, strict)
        if head.pos_ == "PRON" or head.lower_ in ANAPHORIC or head.ent_type_ in {"DATE", "TIME"} and (
                head.pos_ == "PROPN" or head.lower_ in _DAYS):
            return None  # (a day is when, never what: "turned down on Wednesday"; "a four-day week" may be)
        antecedent = topic_antecedent(self.doc, head, lambda t: self.actor(t) is not None, self.quoted, strict)
        if antecedent is not None and (self.layout.in_heading(antecedent.idx) or self.layout.hidden_at(antecedent.idx)):
            antecedent = None  # a headline's words are no antecedent ("India and Pakistan trade accusations")
        if (antecedent is None or antecedent.lemma_.lower() != head.lemma_.lower()) and _bare_definite(head) \
                and head.lemma_.lower() in RULINGS:
            decided = self.latest_ruling(head, nouns=False)  # "appeal the verdict" after "the jury ordered"
            if decided is not None and (antecedent is None or decided.i > antecedent.i):
                antecedent = decided  # "the ruling" after "a judge ruled that ...", not an order asked for before
        if antecedent is not None:
            return self.target(antecedent, holder, strict)
        if any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in ANAPHORIC for c in head.children) and not any(
                c.dep_ in {"prep", "poss", "acl", "compound"} for c in head.children) and not is_act_noun(head) \
                and head.lemma_.lower() not in ACCOUNTS:
            return None  # "this thing" with no antecedent; "these cuts", "this latest move from government" name acts
        if head.pos_ not in {"NOUN", "PROPN", "VERB"}:
            return None
        return self._act_or_topic(head, holder, strict)

    def _act_taken_up(self, pronoun: Token) -> Token | None:
        """For "it" as an object, an act named earlier in the sentence when it is the nearest subject
        or object there ("condemned the decision and said the tribe would appeal it"); the doer of
        the pronoun's verb and who is urged to do it are never "it" ("urged the government to
        suspend it"). None when a nearer subject or object is no act: it may be what "it" is."""
        if pronoun.lower_ != "it" or pronoun.dep_ != "dobj":
            return None
        verb = pronoun.head
        local = {c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
        if verb.dep_ in {"xcomp", "ccomp"}:
            local |= {c.i for c in verb.head.children if c.dep_ in {"dobj", "nsubj"}}
        for token in reversed(self.doc[sentence_of(pronoun).start:pronoun.i]):
            if token.i in local or token.pos_ not in {"NOUN", "PROPN"} or token.dep_ not in {"dobj", "nsubj", "nsubjpass"} \
                    or self.quoted[token.i] != self.quoted[pronoun.i]:
                continue
            return token if token.tag_ == "NN" and is_act_noun(token) else None
        return None

    def _act_or_topic(self, head: Token, holder: LocalActor | None, strict: bool) -> Target | None:
        doc = self.doc
        if head.lemma_.lower() in _VAGUE_HEADS:
            return None  # "the whole thing", "this situation": what it is, the words do not say
        act_noun = is_act_noun(head)
        verbal = head.pos_ == "VERB" and not noun_tagged_verb(head)
        start, end, text = phrase(doc, head, keep_complements=act_noun)
        start, end, text = _within_quotation(doc, head, start, end, text)
        infinitive = re.match(r"to\s+", text, re.IGNORECASE) if verbal else None
        if infinitive:  # "to raise rates" -> "raise rates"
            start, text = start + infinitive.end(), text[infinitive.end():]
        owner = self.owner(head, holder)
        if owner is None and act_noun and _anaphoric(head):
            owner = self._previous_doer(head, holder)  # "such actions" after "officers have been going after ..."
        if owner is None and head.lemma_.lower() in REPROACHES and _bare_definite(head):
            owner = self._reproacher(head, holder)  # "rejected the criticism" after "DeSantis criticized FEMA"
            if owner is None and head.lemma_.lower() in SPOKEN_REPROACHES:
                owner = self._last_speaker(head, holder)  # or after a critic's words
            act_noun = act_noun or owner is not None
        if owner is None and head.lemma_.lower() in ACCOUNTS and (_bare_definite(head) or _anaphoric(head)):
            owner = self._last_speaker(head, holder)  # "disputed that account" after "O'Hara said ..."
            act_noun = act_noun or owner is not None
        lemma = head.lemma_.lower()
        kind = ACT if (act_noun or verbal) and owner is not None else TOPIC
        if kind == TOPIC and not act_noun and head.pos_ != "PROPN" and owner is None and not _is_issue(head):
            # A bare common noun ("people", "the system") is too vague; a described one ("the data
            # centers") is a topic unless ``strict``; an act without an object is not ("raise
            # interest rates" is).
            specific = {"dobj", "prep", "xcomp"} if verbal else set() if strict else {"compound", "amod",
                                                                                                  "prep"}
            if not any(c.dep_ in specific for c in head.children):
                return None
        label = clean_name(text) if not verbal else text
        if not label:
            return None
        key = topic_key(doc, head)
        return Target(kind, label, start, end, owner, key=key, local=kind == TOPIC and (key in ACT_NOUNS or key == lemma))

    def owner(self, head: Token, holder: LocalActor | None) -> LocalActor | None:
        """The first actor linked to an act ("Philadelphia's decision", "the use by ICE", "the
        contract with ICE") that is not the holder's own side: a possessor before an agent ("by"),
        an agent before the rest."""
        if head.pos_ in {"VERB", "AUX"} and not noun_tagged_verb(head):
            return self._doer(head, holder)
        linked: list[LocalActor | None] = []
        for child in sorted(head.children, key=lambda c: 0 if c.dep_ == "poss" else 1 if c.lower_ == "by" else 2):
            if child.dep_ in {"poss", "compound"}:
                linked.append(self.actor(child))
            elif child.dep_ == "prep" and (child.lower_ in _OWNER_PREPS or head.pos_ == "VERB"):
                linked.append(self.actor(next((c for c in child.children if c.dep_ == "pobj"), None)))
        for participle in (c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN" and not takes_side(c)):
            linked.append(self.actor(passive_agent(participle)))  # "the fine imposed by the Commission"
        linked.append(self._summarised_doer(head))
        linked = [a for a in linked if a is not None and not (holder is not None and speaks_for(holder, a))]
        return linked[0] if linked else None

    def author_of(self, token: Token) -> LocalActor | None:
        """The actor a document noun speaks for ("a report by Amnesty International accused ...",
        "The suit accuses ..." after "the Justice Department sued"): its owner, or whoever filed,
        wrote or issued it in its sentence or the two before."""
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in AUTHORED_NOUNS:
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None) or next(
            (g for c in token.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}
             for g in c.children if g.dep_ == "pobj"), None)
        if owner is not None:
            return self.actor(owner)
        if not _bare_definite(token):
            return None
        return latest_author(self.doc, token.i, lemma, lambda i: self.actor(self.tokens[i]),
                             start=self._window_start(token))

    def _last_speaker(self, head: Token, holder: LocalActor | None) -> LocalActor | None:
        """The speaker of the latest claim before ``head`` (in its sentence or the two before) that
        is not the holder's side: whose account "that account" is."""
        start = self._window_start(head)
        earlier = [c for c in self.claims if self.doc[start].idx <= c.start and c.end <= head.idx
                   and c.speaker is not None and not (holder is not None and speaks_for(holder, c.speaker))]
        return max(earlier, key=lambda c: c.end).speaker if earlier else None

    def _reproacher(self, head: Token, holder: LocalActor | None) -> LocalActor | None:
        """Who made the criticism, accusation or claim a bare "the criticism" takes up: the subject
        of the latest verb of that reproach in its sentence or the two before."""
        start = self._window_start(head)
        verbs = REPROACHES[head.lemma_.lower()]
        for token in reversed(self.doc[start:head.i]):
            if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
                doer = self.actor(next((c for c in token.children if c.dep_ == "nsubj"), None))
                if doer is not None and not (holder is not None and speaks_for(holder, doer)):
                    return doer
        return None

    def _previous_doer(self, head: Token, holder: LocalActor | None) -> LocalActor | None:
        """Who did what the sentence before tells ("Kenney says immigration officers have been
        going after residents. He says such actions ..."): the subject of its main clause, or of
        the clause a verb of saying or thinking reports."""
        start = sentence_of(head).start
        if start == 0:
            return None
        verb = sentence_of(self.doc[start - 1]).root
        for _ in range(3):
            report = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            cue = CUES.get(verb.lemma_.lower())
            if report is None or cue is None or cue.cue_class not in {"speech", "cognition"}:
                break
            verb = report
        doer = self.actor(next((c for c in verb.children if c.dep_ == "nsubj"), None))
        return doer if doer is not None and not (holder is not None and speaks_for(holder, doer)) else None

    def _summarised_doer(self, head: Token) -> LocalActor | None:
        """For ", a move Republicans denounced" after "Biden pardoned his son": the one who did
        what the sentence before the comma says (the parser hangs the summary on that verb or
        on its last noun)."""
        if head.lemma_.lower() not in _SUMMARY_NOUNS or head.dep_ not in {"npadvmod", "appos"}:
            return None
        if head.left_edge.i < 1 or self.doc[head.left_edge.i - 1].text != ",":
            return None
        verb = next((t for t in (head.head, *head.head.ancestors) if t.pos_ in {"VERB", "AUX"}), None)
        if verb is None or verb.i > head.i:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return self.actor(subject)

    def _doer(self, verb: Token, holder: LocalActor | None) -> LocalActor | None:
        """Who does an act named by a verb: its own subject only. An act someone is urged to do is
        not theirs to be judged by ("urged Thomas to send Gloria to a doctor" is no stance on Thomas)."""
        doer = self.actor(next((c for c in verb.children if c.dep_ == "nsubj"), None))
        return None if doer is None or (holder is not None and speaks_for(holder, doer)) else doer

    def carried(self, head: Token, polarity: str, holder: LocalActor | None,
                depth: int = 0, strict: bool = False) -> tuple[Token, str, list[str]]:
        """Follow acts that are good or bad for someone: being for "the repeal of Obamacare" is
        being against Obamacare; for "the commissioner to resign", against the commissioner.
        Returns the final target token, its polarity and the acts passed through."""
        affected = _affected(head)
        if affected is None or depth > 2 or self.actor(prepositional_object(head, "by")) is not None:
            return head, polarity, []  # an act with a named agent is that agent's ("the arrest ... by police")
        token, effect = affected
        if self.target(token, holder, strict) is None:
            return head, polarity, []  # the act stays the target when what it affects is too vague
        carried_polarity = polarity if effect == "+" else opposite(polarity)
        final, final_polarity, via = self.carried(token, carried_polarity, holder, depth + 1, strict)
        return final, final_polarity, [head.lemma_.lower(), *via]


def _name_words(actors: Iterable[LocalActor]) -> dict[str, LocalActor]:
    """Named actors by the last word of each of their names ("Trump", "Kremlin"); a word two
    actors share names neither."""
    found: dict[str, LocalActor | None] = {}
    for actor in {id(a): a for a in actors}.values():
        for words in (name.split() for name in actor.names()) if actor.named else ():
            if words:
                found[words[-1]] = actor if found.get(words[-1], actor) is actor else None
    return {word: actor for word, actor in found.items() if actor is not None}


def noun_tagged_verb(head: Token) -> bool:
    """A noun the tagger took for a verb ("rejected new European Union [rules] that bar imports"):
    an object or subject with a noun's modifiers and none of a verb's."""
    return head.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"} and any(
        c.dep_ in {"det", "amod", "compound", "poss", "nummod"} for c in head.children) and not any(
        c.dep_ in {"aux", "auxpass", "nsubj", "dobj", "neg"} for c in head.children)


def _is_issue(head: Token) -> bool:
    """Whether a noun phrase names an issue: its head or a modifier of it is an issue noun."""
    issues = issue_nouns()
    return head.lemma_.lower() in issues or head.lower_ in issues or any(
        c.dep_ in {"compound", "amod"} and c.lemma_.lower() in issues for c in head.children)


def _affected(head: Token) -> tuple[Token, str] | None:
    """The argument an act is good or bad for, by the effects lexicon."""
    pos = "NOUN" if head.pos_ in {"NOUN", "PROPN"} or noun_tagged_verb(head) else "VERB" if head.pos_ in {
        "VERB", "AUX"} else None
    lemma = head.lemma_.lower()
    if pos == "VERB":
        lemma = predicate_key(head)  # "scrap", "crack_down", "doing away with"
    entry = effects().get((lemma, pos)) if pos else None
    if entry is None:
        return None
    slot, effect = entry
    if pos == "NOUN":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == slot:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, effect
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        return (possessor, effect) if possessor is not None and slot == "of" else None
    if slot not in {"subj", "obj"}:  # a prepositional object: "doing away with X", "getting rid of X"
        return next(((g, effect) for c in head.children if c.dep_ == "prep" and c.lower_ == slot
                     for g in c.children if g.dep_ == "pobj"), None)
    passive = any(c.dep_ == "auxpass" for c in head.children)  # "for the officer to be fired": the officer
    deps = {"nsubj", "nsubjpass"} if slot == "subj" else {"dobj", "nsubjpass"} if passive else {"dobj"}
    argument = next((c for c in head.children if c.dep_ in deps), None)
    if argument is None and slot == "subj" and head.dep_ in {"xcomp", "ccomp"}:
        argument = next((c for c in head.head.children if c.dep_ in {"dobj", "nsubj"} and c.i < head.i), None)
    return (argument, effect) if argument is not None else None


def _quoted_tokens(tokens: Sequence[Token]) -> list[int]:
    """Per token, the index of the quotation it is in (0: none); quotations numbered from 1."""
    inside, number, opened = [0] * len(tokens), 0, False
    for token in tokens:
        text = token.text
        if text in _OPENING or (text == '"' and not opened):
            number, opened = number + 1, True
            continue
        if text in _CLOSING or text == '"':
            opened = False
            continue
        if token.is_space and "\n\n" in text:
            opened = False  # an unclosed quotation ends with its paragraph
        inside[token.i] = number if opened else 0
    return inside


def _within_quotation(doc: Doc, head: Token, start: int, end: int, text: str) -> tuple[int, int, str]:
    """A target phrase never crosses a quotation mark: it is cut at the mark nearest its head."""
    marks = [i for i, char in enumerate(text) if char in _QUOTE_MARKS]
    if not marks:
        return start, end, text
    head_at = head.idx - start
    before = [i for i in marks if i < head_at]
    after = [i for i in marks if i >= head_at + len(head.text)]
    left = before[-1] + 1 if before else 0
    right = after[0] if after else len(text)
    piece = text[left:right]
    stripped = piece.strip(" ,;:")
    offset = left + (len(piece) - len(piece.lstrip(" ,;:")))
    return start + offset, start + offset + len(stripped), stripped


def topic_antecedent(doc: Doc, head: Token, is_actor: Callable[[Token], bool], quoted: list[int],
                     strict: bool = False) -> Token | None:
    """For "the deal" / "this decision", the latest fuller phrase of the same kind before it.

    A bare phrase takes up any fuller one; a phrase with descriptive modifiers only ("the
    data-sharing deal") takes up one that names a party ("the PARS agreement with ICE"), unless
    a modifier sets it apart ("the new deal") or names an actor itself ("the Palantir deal").
    A phrase inside another quotation than the one ``head`` is in is not taken up. Other nouns
    take up a fuller phrase with the same head unless ``strict``.
    """
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN":
        return None
    if lemma not in _TOPIC_CLASS:
        return None if strict else _same_head_antecedent(doc, head, quoted)
    modifiers = [c for c in head.children if c.dep_ not in {"det", "punct"}]
    determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
    if determiner not in {"the", "this", "that", "such"}:
        return None
    if not all(c.dep_ in {"compound", "amod"} and c.lower_ not in _CONTRASTIVE and not is_actor(c) for c in modifiers):
        return None
    fuller = {"poss", "prep"} if modifiers else {"poss", "prep", "compound", "amod", "acl"}
    kind = _TOPIC_CLASS[lemma]
    nearest = None  # of the kind; the same word wins: "the law" is "a Texas law", not "the First Amendment"
    for token in reversed(doc[:head.i]):
        if quoted[token.i] and quoted[token.i] != quoted[head.i]:
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() == lemma and any(
                c.dep_ in fuller | {"relcl"} or c.lower_ in {"a", "an"} for c in token.children):
            return token  # "the bill" takes up "a bill that critics say ..."
        if (token.pos_ == "PROPN" and token.lower_ in _TOPIC_CLASS and _TOPIC_CLASS[token.lower_] == kind
                and token.dep_ != "compound") or (  # "this bill" takes up "the Affordable Care Act"
                token.pos_ == "NOUN" and _TOPIC_CLASS.get(token.lemma_.lower()) == kind
                and any(c.dep_ in fuller for c in token.children)):
            nearest = nearest or token
    return nearest


_DESCRIBING = frozenset({"compound", "amod", "nummod", "prep", "acl"})


def _anaphoric(head: Token) -> bool:
    """ "such actions", "these moves", "this practice": a determiner that points back."""
    return any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in {"such", "this", "these", "that", "those"}
               for c in head.children)


def _bare_definite(head: Token) -> bool:
    """ "the verdict", "this ruling": a determiner and nothing else."""
    children = [c for c in head.children if c.dep_ != "punct"]
    return bool(children) and all(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in children)


def _same_head_antecedent(doc: Doc, head: Token, quoted: list[int]) -> Token | None:
    """For a bare "the towers", the latest fuller phrase with the same head noun before it ("two
    14-story apartment towers"): a definite description takes up what the article introduced."""
    if any(c.dep_ != "det" or c.lower_ not in {"the", "these", "those"} for c in head.children if c.dep_ != "punct"):
        return None
    if not any(c.dep_ == "det" for c in head.children):
        return None
    lemma = head.lemma_.lower()
    for token in reversed(doc[:head.i]):
        if quoted[token.i] and quoted[token.i] != quoted[head.i]:
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() == lemma and not _counted_for_one(token, head) \
                and any(c.dep_ in _DESCRIBING for c in token.children):
            return token
    return None


def _counted_for_one(token: Token, head: Token) -> bool:
    """Whether a plural counted by a number ("by 42 votes to 18") would be taken up by a singular
    ("the vote"): a count of things is not the one thing."""
    return token.tag_ == "NNS" and head.tag_ == "NN" and any(c.dep_ == "nummod" for c in token.children)


def topic_key(doc: Doc, head: Token) -> str:
    """A normalised key for a topic phrase: lemmas without articles, possessors or quantifiers."""
    words = []
    for token in doc[head.left_edge.i:head.right_edge.i + 1]:
        if token.dep_ in {"det", "poss", "case", "punct", "predet"} or token.is_space:
            continue
        if token.head.dep_ == "poss" and token.i < head.i:
            continue
        if token.dep_ == "relcl" or token.head.dep_ == "relcl" or (
                token.dep_ == "acl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)):
            break  # "the contract [that expires ...]"; but "the decision [to require warrants]" stays
        words.append(token.lemma_.lower())
    return re.sub(r"[^a-z0-9 ]+", "", " ".join(words[:8])).strip()
