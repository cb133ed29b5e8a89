"""Find stances: an actor for or against another actor, an actor's act, or a topic.

Three sources, each a rule over the dependency parse:

* **acts and speech acts** with a polarity ("sided with", "criticized", "blocked", "tried to
  withhold funding from", "would not renew"), holder = the acting subject (through "tried to" /
  "wants to"), target = the object, the prepositional object that carries the polarity, or for a
  passive the subject ("was blocked by a judge"); urging someone to act is a stance on the act
  ("urged the Federal Reserve to raise rates");
* **evaluative claim content**: what a speaker says of a target ("X says the decision is
  irresponsible"), scored with an evaluative lexicon (VADER's words, Hutto & Gilbert 2014) and,
  when given, a target-aware polarity model (:mod:`kg.extract.polarity`);
* **reported positions**: "X, a critic of Y", "X, a supporter of Y".

Negation and modality are read off the verb: a negated favor act ("would not renew") is against
its object; a negated against act ("did not oppose") is no stance, nor is a denied one ("denied
that it opposed Y"); "tried to", "wants to" lower the confidence. Non-answers give no stance.
Inside a claim, an act belongs to the speaker (or to the body the speaker speaks for), never to
a third party the speaker talks about, and a reported act between others gives the speaker no
side; the journalist holds no stances.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from .actors import Mention, clean_name
from .claims import NEGATING_CUES, SPEECH_VERBS, Claim
from .nlp import sentence_of
from .resolve import LocalActor

FAVOR, AGAINST = "favor", "against"
ACTOR, ACT, TOPIC = "actor", "act", "topic"

# Verb lemma -> polarity toward its object.
FAVOR_VERBS = {
    "praise", "applaud", "welcome", "endorse", "back", "support", "defend", "commend", "hail",
    "laud", "thank", "approve", "champion", "favor", "favour", "embrace", "celebrate",
    "congratulate", "renew", "uphold", "honor", "honour", "reward", "help", "assist", "aid",
    "protect", "encourage", "promote", "recognize", "fund", "finance", "sponsor", "rescue",
    "admire", "trust", "credit", "vindicate", "acquit", "pardon", "invite", "welcome",
}
AGAINST_VERBS = {
    "criticize", "criticise", "condemn", "blast", "accuse", "denounce", "attack", "slam",
    "reject", "oppose", "fight", "sue", "block", "veto", "repeal", "refuse", "terminate", "cancel",
    "ban", "bar", "protest", "challenge", "boycott", "sanction", "punish", "blame", "dispute",
    "overturn", "arrest", "prosecute", "indict", "fine", "raid", "deport", "expel", "impeach",
    "fire", "dismiss", "revoke", "resist", "defy", "mock", "ridicule", "lambaste", "rebuke",
    "scold", "chastise", "decry", "deplore", "disparage", "undermine", "harass", "threaten",
    "censure", "convict", "sentence", "jail", "imprison", "detain", "kill", "bomb", "invade",
    "hack", "target", "investigate", "attack", "obstruct", "thwart", "halt", "suspend", "freeze",
    "derail", "torpedo", "sabotage", "smear", "vilify", "question", "shun", "snub", "exclude",
    "evict", "penalize", "penalise", "discriminate", "persecute", "oust", "depose", "topple",
    "strike", "withhold", "cut", "deny", "end", "stop", "abolish", "scrap", "kill", "outlaw",
    "restrict", "curb", "limit",
}
# Verbs whose polarity goes to a prepositional object: (lemma, preposition) -> polarity.
PREPOSITIONAL = {
    ("side", "with"): FAVOR, ("stand", "with"): FAVOR, ("vote", "for"): FAVOR,
    ("call", "for"): FAVOR, ("argue", "for"): FAVOR, ("campaign", "for"): FAVOR,
    ("rule", "for"): FAVOR, ("speak", "for"): FAVOR, ("fight", "for"): FAVOR,
    ("advocate", "for"): FAVOR, ("lobby", "for"): FAVOR, ("push", "for"): FAVOR,
    ("vote", "against"): AGAINST, ("rule", "against"): AGAINST, ("argue", "against"): AGAINST,
    ("campaign", "against"): AGAINST, ("fight", "against"): AGAINST, ("protest", "against"): AGAINST,
    ("speak", "against"): AGAINST, ("strike", "against"): AGAINST, ("stand", "against"): AGAINST,
    ("lobby", "against"): AGAINST, ("rally", "against"): AGAINST, ("warn", "against"): AGAINST,
    ("rail", "against"): AGAINST, ("lash", "at"): AGAINST, ("hit", "at"): AGAINST,
    ("crack", "on"): AGAINST, ("turn", "on"): AGAINST, ("go", "after"): AGAINST,
    ("side", "against"): AGAINST, ("file", "against"): AGAINST, ("rule", "in"): FAVOR,
}
_PREPOSITIONAL_VERBS = {verb for verb, _ in PREPOSITIONAL}
# Verbs that take something away *from* / *to* someone: the target is that someone.
_DEPRIVING = {"withhold", "cut", "deny", "freeze", "suspend", "strip", "revoke", "slash", "end", "stop", "halt"}
_RESOURCE_NOUNS = {"funding", "fund", "funds", "money", "grant", "grants", "aid", "support", "budget",
                   "access", "assistance", "payment", "payments", "subsidy", "subsidies", "benefit",
                   "benefits", "cooperation", "contract", "sharing", "data", "information", "visa",
                   "visas", "permit", "license", "licence", "ties", "relations", "supply", "supplies"}
# Nouns that name an act, decision or policy: a target that links to the actor who owns it.
ACT_NOUNS = {
    "decision", "plan", "policy", "move", "action", "law", "ruling", "order", "proposal", "bill",
    "deal", "contract", "agreement", "program", "programme", "access", "use", "announcement",
    "request", "ban", "measure", "initiative", "reform", "effort", "rule", "regulation",
    "legislation", "scheme", "attempt", "campaign", "policies", "strategy", "approach", "stance",
    "position", "handling", "response", "treatment", "investigation", "crackdown", "raid",
    "operation", "project", "budget", "tax", "taxes", "tariff", "sanctions", "sanction", "war",
    "invasion", "strike", "boycott", "lawsuit", "suit", "appeal", "veto", "referendum", "vote",
    "election", "nomination", "appointment", "practice", "conduct", "behavior", "behaviour",
    "treaty", "pact", "partnership", "merger", "acquisition", "sale", "closure", "cuts",
    "arrest", "detention", "deportation", "imprisonment", "prosecution", "execution", "killing",
    "bombing", "shooting", "occupation", "blockade", "annexation", "expulsion", "dismissal",
    "firing", "suspension", "withdrawal", "intervention",
}
# "X, a critic of Y": appositive nouns that state a position.
POSITION_NOUNS = {"supporter": FAVOR, "ally": FAVOR, "advocate": FAVOR, "champion": FAVOR,
                  "proponent": FAVOR, "defender": FAVOR, "backer": FAVOR, "friend": FAVOR,
                  "critic": AGAINST, "opponent": AGAINST, "foe": AGAINST, "enemy": AGAINST,
                  "adversary": AGAINST, "rival": AGAINST, "detractor": AGAINST}
# Nouns that carry a stance toward their prepositional object: "tweeted support of X",
# "build a case against X", "X's criticism of Y", "declared war on X".
STANCE_NOUNS = {
    "support": FAVOR, "backing": FAVOR, "endorsement": FAVOR, "praise": FAVOR, "solidarity": FAVOR,
    "sympathy": FAVOR, "approval": FAVOR, "admiration": FAVOR, "gratitude": FAVOR, "thanks": FAVOR,
    "criticism": AGAINST, "opposition": AGAINST, "condemnation": AGAINST, "attack": AGAINST,
    "complaint": AGAINST, "objection": AGAINST, "case": AGAINST, "lawsuit": AGAINST, "suit": AGAINST,
    "protest": AGAINST, "war": AGAINST, "campaign": AGAINST, "charges": AGAINST, "allegation": AGAINST,
    "accusation": AGAINST, "sanctions": AGAINST, "boycott": AGAINST, "crackdown": AGAINST, "ban": AGAINST,
    "call": FAVOR, "demand": FAVOR, "plea": FAVOR, "appeal": FAVOR, "push": FAVOR, "bid": FAVOR,
    "strike": AGAINST, "walkout": AGAINST,
}
# Stance nouns that take their target only with one preposition: "calls for X", not "calls to X".
_NOUN_ONLY_PREP = {"case": "against", "call": "for", "demand": "for", "plea": "for", "appeal": "for",
                   "push": "for", "bid": "for", "war": "on", "strike": "against", "walkout": "against"}
_STANCE_NOUN_PREPS = {"of", "for", "to", "against", "toward", "towards", "on", "with"}
# Verbs whose dative or indirect object is favoured: "Twitter gave Mohamed the option".
_GIVING = {"give", "grant", "award", "offer", "present"}
# Verbs that press someone to act: "urged the Federal Reserve to raise rates" is for raising rates.
_URGING = {"urge", "press", "pressure", "implore", "call", "push", "exhort", "beg", "lobby"}
_RELATIVE = {"who", "which", "that", "whom"}
# Heads that want or try an act: the stance holds, with less confidence.
_INTENT_HEADS = {"try", "want", "seek", "plan", "intend", "threaten", "attempt", "vow", "pledge",
                 "promise", "aim", "hope", "move", "decide", "continue", "begin", "start", "agree", "refuse"}
_ANAPHORIC = {"such", "this", "that", "these", "those", "it", "them", "which", "what"}
# Words that carry no evaluation in news despite a lexicon score.
_NEUTRAL_WORDS = {"like", "please", "well", "yes", "no", "ok", "okay", "sure", "pretty", "kind", "joke",
                  "matter", "serious", "seriously", "intended", "want", "care", "free", "justice",
                  "united", "party", "play", "share", "sharing", "help", "charge", "charges", "charged",
                  "support", "supporting", "security", "protect", "interest", "fire", "abide", "dear"}
_COPULAS = {"be", "seem", "remain", "become", "appear", "look", "sound"}
_NEGATORS = {"not", "no", "never", "n't", "neither", "nor", "without", "hardly"}

#: Minimum probability of the polarity model for a stance toward an actor a claim is about. In
#: 5-fold cross-validation on NewsMTSC train, the negative/positive answers at >= 0.8 are right
#: 0.848 of the time (3258 of 8739 targets; the model without GloVe: 0.849, 2759 targets).
MODEL_THRESHOLD = 0.8
CONFIDENCE = {"act": 0.85, "prepositional": 0.85, "position": 0.8, "evaluation": 0.7, "model": 0.6}


@dataclass
class Target:
    """What a stance is about: an actor, an act or decision (owned by an actor), or a topic."""

    kind: str
    label: str
    start: int
    end: int
    actor: LocalActor | None = None  # the actor itself, or the owner of the act / party of the topic
    key: str = ""
    #: a topic named only by a generic act noun ("its contract", "the plan"): one per article, since
    #: "the contract" of one article is not "the contract" of another
    local: bool = False


@dataclass
class Stance:
    doc_id: str
    holder: LocalActor
    polarity: str
    target: Target
    start: int
    end: int
    evidence: str
    confidence: float
    rule: str
    cue: str
    claim: Claim | None = None


#: (text, start, end, parsed span of text or None) -> (label, probability of the label)
PolarityScorer = Callable[[str, int, int, "Span | None"], tuple[str, float]]


@lru_cache(maxsize=1)
def evaluative_lexicon() -> dict[str, float]:
    """Word -> valence in [-4, 4] (VADER's word list, MIT licence)."""
    lexicon: dict[str, float] = {}
    text = resources.files("kg.extract").joinpath("models/evaluative_lexicon.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, value = line.split("\t")
        lexicon[word] = float(value)
    return lexicon


def token_valence(token: Token) -> float:
    if token.lower_ in _NEUTRAL_WORDS or token.lemma_.lower() in _NEUTRAL_WORDS or token.pos_ in {"PROPN", "PRON", "DET", "ADP"}:
        return 0.0
    lexicon = evaluative_lexicon()
    return lexicon.get(token.lower_, lexicon.get(token.lemma_.lower(), 0.0))


def valence(tokens: Sequence[Token]) -> float:
    """Summed valence, flipped after a negator within three tokens."""
    total = 0.0
    for position, token in enumerate(tokens):
        value = token_valence(token)
        if not value:
            continue
        window = tokens[max(0, position - 3):position]
        if any(t.lower_ in _NEGATORS or t.dep_ == "neg" for t in window):
            value = -0.5 * value
        total += value
    return total


def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb
    while head.dep_ == "xcomp" and head.head is not head:  # "did not want to renew"
        head = head.head
        if any(c.dep_ == "neg" for c in head.children):
            return True
    return False


# How an act hangs under a verb that denies it: "denied that it opposed Y" (ccomp), "denied
# opposing Y" (xcomp/pcomp), "rejected claims that it cut funding" (acl of the object).
_DENIED_PATH = {"ccomp", "xcomp", "pcomp", "pobj", "prep", "acl", "dobj"}


def _denied(verb: Token) -> bool:
    """Whether ``verb`` is an act someone denies: "X denied that it opposed Y" is no stance."""
    token = verb
    for _ in range(4):
        if token.dep_ not in _DENIED_PATH or token.head is token:
            return False
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() in NEGATING_CUES:
            return not any(c.dep_ == "neg" for c in token.children)  # "did not deny that ..." affirms
    return False


def _acting_subject(verb: Token) -> tuple[Token | None, float]:
    """The subject doing ``verb`` and a confidence factor for intent ("tried to withhold")."""
    factor = 1.0
    token = verb
    for _ in range(4):
        subject = next((c for c in token.children if c.dep_ in {"nsubj"}), None)
        if subject is not None and subject.lower_ in _RELATIVE and token.dep_ == "relcl":
            return token.head, factor  # "Freedom Magazine, which attacked ..."
        if subject is not None:
            return subject, factor
        if token.dep_ in {"xcomp"} and token.head is not token:
            if token.head.lemma_.lower() in _INTENT_HEADS:
                factor *= 0.9
            token = token.head
            continue
        if token.dep_ == "conj" and token.head is not token:
            token = token.head
            continue
        if token.dep_ == "advcl" and token.tag_ in {"VBG", "VB"}:
            token = token.head  # "..., saying", "... to build a case"
            continue
        if token.dep_ == "acl" and token.tag_ == "VB" and token.head.dep_ in {"dobj", "pobj"} \
                and token.head.head.pos_ == "VERB":
            token = token.head.head  # "gathered material to build a case against X"
            continue
        break
    return None, factor


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _phrase(doc: Doc, head: Token, max_words: int = 12, keep_complements: bool = False) -> tuple[int, int, str]:
    """The noun phrase of ``head`` (with its modifiers and complements), as a char span.

    An act keeps its complement ("decision to end ICE's access to ...") up to 20 words.
    """
    max_words = 20 if keep_complements else max_words
    start, end = head.left_edge.i, head.right_edge.i + 1
    while start < head.i and (doc[start].is_punct or doc[start].lower_ in {"a", "an"}):
        start += 1
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start > max_words:  # cut relative clauses and long tails
        clauses = {"relcl"} if keep_complements else {"relcl", "acl"}
        cut = next((c.left_edge.i for c in head.rights if c.dep_ in clauses and c.left_edge.i > head.i), None)
        end = cut if cut is not None and cut - start <= max_words else min(end, start + max_words)
        while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"that", "which", "and", "to", "of"}):
            end -= 1
    span = doc[start:end]
    return span.start_char, span.end_char, span.text


class _Context:
    def __init__(self, doc: Doc, doc_id: str, mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor],
                 claims: Sequence[Claim]) -> None:
        self.doc, self.doc_id, self.claims = doc, doc_id, claims
        self.actor_at: dict[int, LocalActor] = {}
        self.mention_at: dict[int, Mention] = {}
        for index, mention in enumerate(mentions):
            actor = actor_of.get(index)
            if actor is None:
                continue
            self.actor_at.setdefault(mention.root, actor)
            self.mention_at.setdefault(mention.root, mention)
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and mention.kind == "name":
                for token in span:
                    self.actor_at.setdefault(token.i, actor)

    def actor(self, token: Token) -> LocalActor | None:
        if token.i in self.actor_at:
            return self.actor_at[token.i]
        for child in token.children:  # "spokespeople for ICE" is its own actor; "a statement from X"
            if child.dep_ == "appos" and child.i in self.actor_at:
                return self.actor_at[child.i]
        return None

    def claim_around(self, char: int) -> Claim | None:
        inside = [c for c in self.claims if c.start <= char < c.end]
        return min(inside, key=lambda c: c.end - c.start) if inside else None

    def target(self, head: Token, holder: LocalActor | None = None) -> Target | None:
        """Type the phrase headed by ``head`` as an actor, an act or a topic.

        The owner of an act is the first actor linked to it ("Philadelphia's decision", "the
        use by ICE", "the contract with ICE") that is not the holder's own side; a possessor
        before an agent ("by ..."), an agent before the rest.
        """
        doc = self.doc
        actor = self.actor(head)
        if actor is not None:
            mention = self.mention_at.get(head.i)
            start, end = (mention.start, mention.end) if mention else (head.idx, head.idx + len(head.text))
            return Target(ACTOR, actor.label(), start, end, actor)
        if head.pos_ == "PRON" or head.lower_ in _ANAPHORIC:
            return None
        antecedent = _topic_antecedent(doc, head, lambda t: self.actor(t) is not None)
        if antecedent is not None:
            return self.target(antecedent, holder)
        if any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in _ANAPHORIC for c in head.children):
            return None
        if head.pos_ not in {"NOUN", "PROPN", "VERB"}:
            return None
        start, end, text = _phrase(doc, head, keep_complements=head.lemma_.lower() in ACT_NOUNS)
        infinitive = re.match(r"to\s+", text, re.IGNORECASE) if head.pos_ == "VERB" else None
        if infinitive:  # "to raise rates" -> "raise rates"
            start, text = start + infinitive.end(), text[infinitive.end():]
        linked: list[LocalActor] = []
        # the possessor first, then the agent of a nominalised act ("the arrest of the journalist
        # by the police" is the police's act), then the other links in text order
        for child in sorted(head.children, key=lambda c: 0 if c.dep_ == "poss" else 1 if c.lower_ == "by" else 2):
            if child.dep_ in {"poss", "compound"}:
                linked.append(self.actor(child))
            elif child.dep_ == "prep" and (child.lower_ in {"by", "of", "with", "for", "from", "to"} or head.pos_ == "VERB"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    linked.append(self.actor(pobj))
        linked = [a for a in linked if a is not None and not (holder is not None and _speaks_for(holder, a))]
        owner = linked[0] if linked else None
        lemma = head.lemma_.lower()
        kind = ACT if (lemma in ACT_NOUNS or head.pos_ == "VERB") and owner is not None else TOPIC
        if kind == TOPIC and lemma not in ACT_NOUNS and head.pos_ != "PROPN" and owner is None:
            # A bare common noun ("people", "the system") is too vague to be a topic; an act with
            # an object is not ("raise interest rates").
            specific = {"compound", "amod", "prep"} | ({"dobj"} if head.pos_ == "VERB" else set())
            if not any(c.dep_ in specific for c in head.children):
                return None
        label = clean_name(text) if head.pos_ != "VERB" else text
        key = topic_key(doc, head)
        return Target(kind, label, start, end, owner, key=key, local=kind == TOPIC and key in ACT_NOUNS)


# Words for one kind of thing: "the deal" can take up "the city's contract with ICE".
TOPIC_CLASSES = [
    {"contract", "agreement", "deal", "pact", "accord", "arrangement", "treaty", "partnership"},
    {"decision", "move", "plan", "policy", "measure", "action", "step", "proposal", "initiative"},
    {"law", "bill", "legislation", "ordinance", "regulation", "act"},
    {"ruling", "verdict", "judgment", "judgement", "order"},
    {"ban", "prohibition", "restriction"},
    {"tax", "levy", "tariff"},
]
_TOPIC_CLASS = {word: i for i, words in enumerate(TOPIC_CLASSES) for word in words}


# Modifiers that make "the new deal" another deal than the one before.
_CONTRASTIVE = {"new", "other", "another", "second", "previous", "old", "first", "next", "different",
                "separate", "former", "earlier", "later", "last", "original", "revised", "future"}


def _topic_antecedent(doc: Doc, head: Token, is_actor: Callable[[Token], bool]) -> Token | None:
    """For "the deal" / "this decision", the latest fuller phrase of the same kind before it.

    A bare phrase takes up any fuller one; a phrase with descriptive modifiers only ("the
    data-sharing deal") takes up one that names a party ("the PARS agreement with ICE"), unless
    a modifier sets it apart ("the new deal") or names an actor itself ("the Palantir deal").
    """
    lemma = head.lemma_.lower()
    if lemma not in _TOPIC_CLASS or head.pos_ != "NOUN":
        return None
    modifiers = [c for c in head.children if c.dep_ not in {"det", "punct"}]
    determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
    if determiner not in {"the", "this", "that", "such"}:
        return None
    descriptive = all(c.dep_ in {"compound", "amod"} and c.lower_ not in _CONTRASTIVE and not is_actor(c)
                      for c in modifiers)
    if not descriptive:
        return None
    fuller = {"poss", "prep"} if modifiers else {"poss", "prep", "compound", "amod", "acl"}
    kind = _TOPIC_CLASS[lemma]
    for token in reversed(doc[:head.i]):
        if (token.pos_ == "NOUN" and _TOPIC_CLASS.get(token.lemma_.lower()) == kind
                and any(c.dep_ in fuller for c in token.children)):
            return token
    return None


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


def _evidence(doc: Doc, token: Token) -> tuple[int, int, str]:
    sentence = sentence_of(token)
    start, end = sentence.start, sentence.end
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in "“\"‘"):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    span = doc[start:end]
    return span.start_char, span.end_char, span.text


def _speaks_for(speaker: LocalActor, holder: LocalActor) -> bool:
    """Whether ``speaker`` speaks for ``holder``: the same actor, or a post in or member of it."""
    if speaker is holder:
        return True
    names = {n.lower() for n in holder.names()} | {holder.label().lower()}
    places = {r[2].lower() for r in speaker.roles if r[2]} | {a.lower() for a in speaker.affiliations}
    return bool(names & places)


def extract_stances(doc: Doc, doc_id: str, mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor],
                    claims: Sequence[Claim], polarity: PolarityScorer | None = None) -> list[Stance]:
    """All stances in one parsed article, in text order."""
    context = _Context(doc, doc_id, mentions, actor_of, claims)
    stances: list[Stance] = []
    tokens = list(doc)  # spaCy makes a new Token per access: make them once for every pass

    def add(holder: LocalActor | None, polarity_: str, target: Target | None, cue: Token, rule: str,
            confidence: float, claim: Claim | None = None) -> None:
        if holder is None or target is None:
            return
        if target.actor is holder and target.kind == ACTOR:
            return  # no stance toward oneself
        start, end, text = _evidence(doc, cue)
        stances.append(Stance(doc_id, holder, polarity_, target, start, end, text,
                              round(min(1.0, max(0.0, confidence)), 3), rule, cue.text, claim))

    def holder_in_claim(holder: LocalActor | None, cue: Token) -> tuple[LocalActor | None, Claim | None]:
        """Inside a claim, an act counts for the speaker (or the body it speaks for) only."""
        claim = context.claim_around(cue.idx)
        if claim is None or holder is None:
            return holder, None
        if _speaks_for(claim.speaker, holder):
            return holder, claim
        return None, claim

    for token in tokens:
        if token.pos_ not in {"VERB"} or _denied(token):
            continue
        lemma = token.lemma_.lower()
        # 1. "X sided with Y", "X voted against Y", "X called for Y".
        for child in token.children:
            if child.dep_ not in {"prep", "prt"}:
                continue
            prep = child
            if child.dep_ == "prt":  # "cracked down on", "lashed out at"
                prep = next((c for c in token.children if c.dep_ == "prep" and c.i > child.i), None)
                if prep is None:
                    continue
            polarity_ = PREPOSITIONAL.get((lemma, prep.lower_))
            if lemma == "rule" and prep.lower_ == "in":
                favor = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() == "favor"), None)
                polarity_ = FAVOR if favor is not None else None
                prep = next((c for c in favor.children if c.dep_ == "prep"), None) if favor is not None else None
                if prep is None:
                    continue
            if polarity_ is None:
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            subject, factor = _acting_subject(token)
            holder = context.actor(subject) if subject is not None else _agent_actor(context, token)
            holder, claim = holder_in_claim(holder, token)
            if _negated(token):
                if polarity_ == AGAINST:
                    continue
                polarity_, factor = AGAINST, factor * 0.8
            add(holder, polarity_, context.target(pobj, holder), token, "prepositional", CONFIDENCE["prepositional"] * factor, claim)
        # 2. Acts and speech acts with an object.
        if lemma not in FAVOR_VERBS and lemma not in AGAINST_VERBS:
            continue
        polarity_ = FAVOR if lemma in FAVOR_VERBS else AGAINST
        negated = _negated(token)
        if negated and polarity_ == AGAINST:
            continue  # "did not oppose" is not a stance either way
        if negated:
            polarity_ = AGAINST  # "would not renew the contract"
        passive_subject = _passive_subject(token)
        if passive_subject is None and token.dep_ == "acl" and token.tag_ == "VBN" and _passive_agent(token) is not None:
            passive_subject = token.head  # "a fast-track system backed by the British Red Cross"
        if passive_subject is not None:
            agent = _passive_agent(token)
            if agent is None:
                continue
            holder, factor = context.actor(agent), 1.0
            target_token = passive_subject
        else:
            subject, factor = _acting_subject(token)
            holder = context.actor(subject) if subject is not None else None
            target_token = _object_target(token, lemma, lambda t: context.actor(t) is not None)
        if target_token is None or (target_token.lemma_.lower() in STANCE_NOUNS and any(
                c.dep_ == "prep" and c.lower_ in _STANCE_NOUN_PREPS for c in target_token.children)):
            continue  # "renewed his calls for X": the stance noun carries the stance (pass 4)
        if lemma in NEGATING_CUES and target_token.pos_ == "VERB":
            continue  # "denied opposing the deal" denies an act (see _denied), it takes nothing away
        holder, claim = holder_in_claim(holder, token)
        target = context.target(target_token, holder)
        if target is None and target_token.pos_ == "VERB":
            continue
        add(holder, polarity_, target, token, "act", CONFIDENCE["act"] * factor * (0.9 if negated else 1.0), claim)

    # 3. "X, a critic of Y".
    for token in tokens:
        polarity_ = POSITION_NOUNS.get(token.lemma_.lower())
        if polarity_ is None or token.dep_ not in {"appos", "attr"}:
            continue
        holder_token = token.head if token.dep_ == "appos" else next(
            (c for c in token.head.children if c.dep_ == "nsubj"), None)
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if holder_token is None or pobj is None:
            continue
        holder, claim = holder_in_claim(context.actor(holder_token), token)
        add(holder, polarity_, context.target(pobj, holder), token, "position", CONFIDENCE["position"], claim)

    # 4. Stance nouns: "tweeted support of X", "X's criticism of Y", "a case against X",
    #    and "in favour of X"; and giving: "Twitter gave Mohamed the option".
    for token in tokens:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and (lemma in STANCE_NOUNS or lemma in {"favor", "favour"}):
            if lemma in {"favor", "favour"}:  # "in favour of X"
                if token.dep_ != "pobj" or token.head.lower_ != "in":
                    continue
                polarity_, governor = FAVOR, token.head.head
            else:
                polarity_, governor = STANCE_NOUNS[lemma], token.head
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in _STANCE_NOUN_PREPS), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is None or (lemma in _NOUN_ONLY_PREP and prep.lower_ != _NOUN_ONLY_PREP[lemma]):
                continue
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None:
                holder, factor = context.actor(owner), 1.0
            elif token.dep_ in {"dobj", "pobj", "attr"} and governor.pos_ in {"VERB", "AUX", "ADP"}:
                verb = governor if governor.pos_ != "ADP" else governor.head
                if _negated(verb):
                    continue
                subject, factor = _acting_subject(verb)
                holder = context.actor(subject) if subject is not None else None
            else:
                continue
            holder, claim = holder_in_claim(holder, token)
            add(holder, polarity_, context.target(pobj, holder), token, "act", CONFIDENCE["act"] * factor * 0.95, claim)
        elif lemma in _GIVING and token.pos_ == "VERB" and not _negated(token):
            recipient = next((c for c in token.children if c.dep_ in {"dative", "iobj"}), None)
            if recipient is None:
                continue
            subject, factor = _acting_subject(token)
            holder, claim = holder_in_claim(context.actor(subject) if subject is not None else None, token)
            target = context.target(recipient, holder)
            if target is not None and target.kind == ACTOR:
                add(holder, FAVOR, target, token, "act", CONFIDENCE["act"] * factor * 0.9, claim)

    # 5. Urging: "X urged Y to V", "called on Y to V", "pressed Y not to V": X is for (against)
    #    the act V. A stance verb with an object ("asked lawmakers to repeal the law") is pass 2's.
    for token in tokens:
        if token.pos_ != "VERB" or token.lemma_.lower() not in _URGING or _negated(token) or _denied(token):
            continue
        urged = next((c for c in token.children if c.dep_ in {"dobj", "dative"}), None)
        if urged is None and token.lemma_.lower() == "call":
            on = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "on"), None)
            urged = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
        # the urged act: an infinitive complement, which the parser sometimes attaches as a purpose clause
        act = next((c for c in token.children if c.pos_ == "VERB" and c.dep_ in {"xcomp", "advcl"}
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if urged is None or act is None or context.actor(urged) is None:
            continue
        act_lemma = act.lemma_.lower()
        if (act_lemma in FAVOR_VERBS or act_lemma in AGAINST_VERBS) and any(c.dep_ == "dobj" for c in act.children):
            continue
        subject, factor = _acting_subject(token)
        holder, claim = holder_in_claim(context.actor(subject) if subject is not None else None, token)
        polarity_ = AGAINST if any(c.dep_ == "neg" for c in act.children) else FAVOR
        add(holder, polarity_, context.target(act, holder), token, "act", CONFIDENCE["act"] * factor * 0.9, claim)

    # 6. "critics of X", "supporters of Y": a description that is a position.
    for token in tokens:
        polarity_ = POSITION_NOUNS.get(token.lemma_.lower())
        if polarity_ is None or token.dep_ in {"appos", "attr"} or token.i not in context.actor_at:
            continue
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            continue
        holder, claim = holder_in_claim(context.actor_at[token.i], token)
        add(holder, polarity_, context.target(pobj, holder), token, "position", CONFIDENCE["position"], claim)

    # 6. Evaluations inside claims.
    for claim in claims:
        stances.extend(_claim_evaluations(context, claim, polarity))

    return _dedupe(stances)


def _agent_actor(context: _Context, verb: Token) -> LocalActor | None:
    agent = _passive_agent(verb)
    return context.actor(agent) if agent is not None else None


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive verb, also when the verb is a conjunct ("wants ... but has been blocked")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
        subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject


def _object_target(verb: Token, lemma: str, is_actor: Callable[[Token], bool]) -> Token | None:
    """The token heading what an act is directed at."""
    dobj = next((c for c in verb.children if c.dep_ in {"dobj"}), None)
    if lemma in _DEPRIVING:
        # "withhold funding from the city", "cut funding to the city", "end access for ICE":
        # the one deprived, when it is an actor; else the thing ended.
        heads = [verb] + ([dobj] if dobj is not None and dobj.lemma_.lower() in _RESOURCE_NOUNS else [])
        for owner in heads:
            for child in owner.children:
                if child.dep_ == "prep" and child.lower_ in {"from", "to", "for"}:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None and is_actor(pobj) and (dobj is None or dobj.lemma_.lower() in _RESOURCE_NOUNS):
                        return pobj
        if dobj is not None and lemma in {"end", "stop", "halt", "cut", "suspend", "freeze", "deny", "revoke"}:
            return dobj if dobj.lemma_.lower() in _RESOURCE_NOUNS | ACT_NOUNS or dobj.pos_ == "PROPN" else None
        xcomp = next((c for c in verb.children if c.dep_ in {"xcomp"} and c.tag_ == "VBG"), None)
        return xcomp  # "stop sharing data with ICE"
    if dobj is not None:
        return dobj
    return None


def _claim_evaluations(context: _Context, claim: Claim, polarity: PolarityScorer | None) -> list[Stance]:
    """What a speaker's words say for or against the actors and acts they are about."""
    doc = context.doc
    stances: list[Stance] = []
    if claim.polarity == "negative" or claim.head < 0:
        return stances
    head = doc[claim.head]
    if head.lemma_.lower() in SPEECH_VERBS:
        return stances  # a claim that reports another claim: that one is evaluated itself
    content = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    sentence_tokens = list(content) if content is not None else []
    claim_text = claim.text
    parsed = content if content is not None and content.text == claim_text else None
    subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    seen_targets: set[int] = set()
    if subject is not None:
        # "the decision ... is irresponsible", "the use by ICE makes immigrants less likely to ..."
        target = context.target(subject, claim.speaker)
        predicate = [t for t in sentence_tokens if not (subject.left_edge.i <= t.i <= subject.right_edge.i)]
        score = valence(predicate)
        # An actor is judged only by what is predicated of it ("X is corrupt"); an act or a
        # policy also by what it is said to cause ("the use by ICE makes immigrants less likely ...").
        copular = head.lemma_.lower() in _COPULAS or any(c.dep_ in {"acomp", "attr"} for c in head.children)
        if target is not None and target.kind == ACTOR and not copular:
            target = None
        if target is not None and target.kind == TOPIC and subject.lemma_.lower() not in ACT_NOUNS:
            target = None
        if target is not None and abs(score) >= 1.0 and target.actor is not claim.speaker:
            polarity_ = FAVOR if score > 0 else AGAINST
            confidence = CONFIDENCE["evaluation"] * (0.9 if claim.certainty != "certain" else 1.0)
            stances.append(_from_claim(context, claim, polarity_, target, head, "evaluation", confidence))
            seen_targets.add(subject.i)
        elif (target is not None and target.kind != ACTOR and copular and polarity is not None and parsed is not None
              and target.actor is not claim.speaker and claim.start <= target.start and target.end <= claim.end):
            # words the lexicon cannot score ("the new policy was a step in the right direction"):
            # the polarity model judges the act or topic the claim predicates something of
            label, probability = polarity(claim_text, target.start - claim.start, target.end - claim.start, parsed)
            if label != "neutral" and probability >= MODEL_THRESHOLD:
                polarity_ = FAVOR if label == "positive" else AGAINST
                stances.append(_from_claim(context, claim, polarity_, target, head, "model",
                                           CONFIDENCE["model"] * probability))
                seen_targets.add(subject.i)
    if polarity is None or parsed is None:
        return stances  # the model scores the parse at hand; it never parses a text again
    if _reports_others_act(context, claim, head):
        return stances  # "Jones said the union had praised Baker": the union's stance, not Jones's
    # Actors the claim is about, scored by the polarity model (target-aware) — only the actors
    # the claim's main predicate is about (its subject or object), not every actor mentioned in
    # passing ("the decision to end ICE's access ... is irresponsible" is not against ICE).
    for token in sentence_tokens:
        if token.i in seen_targets or token.i not in context.mention_at:
            continue
        if not _argument_of(token, head):
            continue
        mention = context.mention_at[token.i]
        actor = context.actor_at.get(token.i)
        if actor is None or _speaks_for(claim.speaker, actor):
            continue
        label, probability = polarity(claim_text, mention.start - claim.start, mention.end - claim.start, parsed)
        if label == "neutral" or probability < MODEL_THRESHOLD:
            continue
        target = Target(ACTOR, actor.label(), mention.start, mention.end, actor)
        polarity_ = FAVOR if label == "positive" else AGAINST
        stances.append(_from_claim(context, claim, polarity_, target, token, "model", CONFIDENCE["model"] * probability))
    return stances


def _reports_others_act(context: _Context, claim: Claim, head: Token) -> bool:
    """Whether a claim's main predicate is a stance act between others: by someone the speaker
    does not speak for, on someone who is not the speaker. Its polarity is the actor's, not the
    speaker's; an act done to the speaker ("the Church imprisoned her") is the speaker's business."""
    lemma = head.lemma_.lower()
    if lemma not in FAVOR_VERBS and lemma not in AGAINST_VERBS and lemma not in _PREPOSITIONAL_VERBS:
        return False
    objects = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
    objects += [g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if not objects:
        return False  # "will end up harboring ...": no object, not an act on someone
    subject, _ = _acting_subject(head)
    actor = context.actor(subject) if subject is not None else None
    if actor is None or _speaks_for(claim.speaker, actor):
        return False
    return not any((target := context.actor(o)) is not None and _speaks_for(claim.speaker, target) for o in objects)


def _argument_of(token: Token, head: Token) -> bool:
    """Whether ``token`` is the subject or object of ``head`` (through conjunctions and appositions)."""
    while token.dep_ in {"conj", "appos"} and token.head is not token:
        token = token.head
    if token.head.i != head.i and not (token.dep_ == "pobj" and token.head.head.i == head.i):
        return False
    return token.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "pobj", "dative"}


def _from_claim(context: _Context, claim: Claim, polarity_: str, target: Target, cue: Token, rule: str,
                confidence: float) -> Stance:
    return Stance(claim.doc_id, claim.speaker, polarity_, target, claim.start, claim.end, claim.text,
                  round(confidence, 3), rule, claim.cue, claim)


def _dedupe(stances: list[Stance]) -> list[Stance]:
    """One stance per holder, target span and evidence: the most confident rule wins."""
    best: dict[tuple[int, int, int, str], Stance] = {}
    for stance in stances:
        key = (id(stance.holder), stance.target.start, stance.start, stance.polarity)
        if key not in best or stance.confidence > best[key].confidence:
            best[key] = stance
    return sorted(best.values(), key=lambda s: (s.start, s.target.start, s.polarity))
