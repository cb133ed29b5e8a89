"""Reading the dependency parse for stances: who acts, what an act is directed at, and how the
act is held (negated, intended, possible, asked, supposed, denied)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..claims import NEGATING_CUES
from ..nlp import sentence_of
from .lexicon import predicate, slots, verb_lemma
from .records import AGAINST, ASSERTED, FAVOR, DENIED, HYPOTHETICAL, INTENDED, POSSIBLE, QUESTION, RECOMMENDED

RELATIVE = frozenset({"who", "which", "that", "whom"})
# Heads that want or try an act: "tried to withhold funding", "voted to repeal".
INTENT_HEADS = frozenset({"try", "want", "seek", "plan", "intend", "threaten", "attempt", "vow", "pledge", "promise",
                          "aim", "hope", "move", "decide", "continue", "begin", "start", "agree", "refuse", "vote",
                          "choose", "opt", "push", "work", "fight", "struggle", "wish", "prepare", "offer"})
#: Adjectives by which the subject of a copula is set to do an act: "proud to endorse X", "eager to
#: repeal the law" (not "reluctant to", "unwilling to").
WILLING = frozenset({"eager", "determined", "willing", "ready", "keen", "proud", "happy", "glad", "pleased",
                     "prepared", "anxious", "delighted", "thrilled", "honored", "honoured", "excited", "committed"})
#: Prepositions whose gerund the verb's subject does ("insisted on", "succeeded in", "by blocking");
#: not times and conditions ("during", "after", "without").
CONTROLLED_BY = frozenset({"on", "in", "to", "by", "at", "about", "for"})
#: Passive verbs whose subject does the act of their gerund: "is committed to ending the war".
DEVOTED = frozenset({"dedicate", "commit", "devote", "determine", "bind", "pledge"})
# Nouns whose possessor decides or attempts the act in their infinitive: "X's decision to V".
INTENT_NOUNS = frozenset({"decision", "plan", "intention", "effort", "efforts", "attempt", "move", "vote", "bid",
                          "push", "campaign", "promise", "pledge", "threat", "refusal", "choice", "determination"})
_POSSIBLE_MODALS = frozenset({"may", "might", "could"})
#: Verbs that make an act possible without doing it: "the bill would let parliament dismiss the
#: governor", "the rule allows police to detain them" tell of no one acting.
_PERMITTING = frozenset({"let", "allow", "enable", "permit", "empower", "authorize", "authorise"})
#: Modals of what may be done at all: "the governor can only be removed by a tribunal" is a rule.
_ABLE_MODALS = frozenset({"can", "could", "may", "might"})
#: Modals of obligation: "X should resign", "the chief must be fired", "Y ought to act".
DEONTIC_MODALS = frozenset({"should", "must", "ought"})
_FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
_OBLIGING_VERBS = frozenset({"ought", "need", "have"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "suppose", "supposing", "lest"})
#: Marks of a clause about an act not yet done when its verb is in the present ("before they ask").
_PROSPECTIVE_MARKS = frozenset({"before", "until", "till"})
_QUESTION_CUES = frozenset({"ask", "wonder", "question", "inquire", "enquire"})
# How a denied act hangs under "deny": "denied that it opposed Y" (ccomp), "denied opposing Y"
# (xcomp/pcomp), "rejected claims that it cut funding" (acl of the object).
_DENIED_PATH = frozenset({"ccomp", "xcomp", "pcomp", "pobj", "prep", "acl", "dobj"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "parataxis"})


_PARTICLES = frozenset({"away", "down", "out", "off", "up", "back", "on", "over"})


def predicate_key(verb: Token) -> str:
    """The lemma, joined with its particle for phrasal verbs: "crack_down", "lash_out" (also when
    the parser takes the particle for an adverb: "doing away with")."""
    particle = next((c for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in _PARTICLES)), None)
    lemma = verb_lemma(verb)
    return f"{lemma}_{particle.lower_}" if particle is not None else lemma


#: Verbs that undo the act in their complement: "stop trying to tear down the law" is no attack on it.
_CESSATION = frozenset({"stop", "quit", "cease", "halt", "abandon",
                        "refuse", "decline"})  # "refused to sign the bill" is not signing it
#: Verbs of not managing to do an act: no stance either way ("failed to protect students").
_FAILING = frozenset({"fail", "neglect", "omit"})


def negated(verb: Token) -> bool:
    """Negated, also through the verbs it depends on ("did not want to renew"); a verb of
    stopping or refusing counts as one negation ("urged them to stop attacking X", "refused to
    sign the bill"), two undo each other."""
    flips = any(c.dep_ == "neg" for c in verb.children) or _none_done(verb)
    head = verb
    while head.dep_ == "xcomp" and head.head is not head:
        head = head.head
        flips ^= any(c.dep_ == "neg" for c in head.children)
        flips ^= head.lemma_.lower() in _CESSATION
    return flips


def _none_done(verb: Token) -> bool:
    """An act done to nothing or no one ("had stolen nothing", "deceived no one"). Not "no" before
    another noun: "expressed no support for X" is negated by its stance noun."""
    return any(c.dep_ == "dobj" and (c.lower_ in {"nothing", "nobody", "none"} or c.lower_ == "one" and any(
        d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in verb.children)


def denied(verb: Token) -> bool:
    """An act someone denies ("X denied that it opposed Y"); "did not deny that ..." affirms it."""
    token = verb
    for _ in range(4):
        if token.dep_ not in _DENIED_PATH or token.head is token:
            return False
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() in NEGATING_CUES:
            return not any(c.dep_ == "neg" for c in token.children)
    return False


def _clause_heads(token: Token, limit: int = 6):
    """``token`` and the heads of the clauses it sits in, innermost first."""
    yield token
    for _ in range(limit):
        if token.dep_ not in _CLAUSE_DEPS or token.head is token:
            return
        token = token.head
        yield token


def _merely_possible(head: Token, cue: Token) -> bool:
    """Whether ``head`` makes the act at ``cue`` only possible: a verb of letting above it ("would
    let parliament dismiss the governor"), or a passive under "can" ("can be removed by a
    tribunal"), which tells what may be done, not what anyone did."""
    if head is not cue:
        return head.pos_ == "VERB" and head.lemma_.lower() in _PERMITTING and cue.dep_ in {"ccomp", "xcomp"}
    return any(c.dep_ == "auxpass" for c in cue.children) and any(
        c.dep_ == "aux" and c.lower_ in _ABLE_MODALS for c in cue.children)


def modality(cue: Token) -> str:
    """How the act at ``cue`` is held: asserted, intended, possible, or asked, supposed, denied."""
    if denied(cue):
        return DENIED
    head = cue
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in _FAILING:
            return HYPOTHETICAL  # "accused him of failing to protect students": nothing done, nothing held
    result = ASSERTED
    below = cue
    for head in _clause_heads(cue):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in head.children):
            return HYPOTHETICAL  # "if the city sues ICE", "whether X opposes Y"
        if head.tag_ in {"VBP", "VBZ"} and any(c.dep_ == "mark" and c.lower_ in _PROSPECTIVE_MARKS
                                               for c in head.children):
            return HYPOTHETICAL  # "before they ask riders for more money", "until the city pays": not yet done
        if head is not cue and _negated_report(head, below):
            return HYPOTHETICAL  # "that doesn't mean doctors respect him", "I don't think they back it"
        below = head
        if head is not cue and head.lemma_.lower() in _QUESTION_CUES and head.pos_ == "VERB":
            return QUESTION  # "asked whether ...", "wondered why ..."
        if _merely_possible(head, cue):
            return HYPOTHETICAL
        if any(c.dep_ == "aux" and c.lower_ in _POSSIBLE_MODALS for c in head.children):
            result = POSSIBLE if result == ASSERTED else result
        if head is not cue and head.lemma_.lower() in INTENT_HEADS and cue.dep_ == "xcomp":
            result = INTENDED if result == ASSERTED else result
    if _is_question(cue):
        return QUESTION
    if recommended(cue):
        return RECOMMENDED
    return result


def recommended(verb: Token) -> bool:
    """Whether ``verb`` is an act its subject is told it should or must do ("Congress should pass
    the bill", "the chief must be fired", "every state ought to ban it", "he needs to resign"),
    not one "we" or "I" commit to ("we must stop it")."""
    bearer = obliged(verb)
    return bearer is not None and not any(
        c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON_SUBJECTS for c in bearer.children)


def obliged(verb: Token) -> Token | None:
    """The verb that carries an obligation to do ``verb`` (and its subject): ``verb`` itself with
    "should" or "must", or "ought", "need", "have" with ``verb`` as its infinitive; else None."""
    if any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in verb.children):
        return verb
    head = verb.head
    if (verb.dep_ == "xcomp" and head is not verb and head.lemma_.lower() in _OBLIGING_VERBS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return head
    return None


# Verbs whose clause holds whether or not they are negated: "didn't know that X opposed Y".
_FACTIVE = frozenset({"know", "realize", "realise", "regret", "notice", "discover", "learn", "forget", "remember",
                      "understand", "see", "acknowledge", "deny"})


def _negated_report(head: Token, clause: Token) -> bool:
    """Whether ``clause`` is the content of a negated verb of saying, thinking or meaning ("does
    not mean", "did not say", "don't think"): what it states is not asserted by anyone."""
    return (clause.dep_ == "ccomp" and head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() not in _FACTIVE
            and any(c.dep_ == "neg" for c in head.children))


def _is_question(token: Token) -> bool:
    """The clause of ``token`` is a direct question: its sentence ends with '?' and the verb is in
    the main clause or a clause of it (not in a quotation that is itself a statement)."""
    sentence = sentence_of(token)
    text = sentence.text.rstrip(" \"”’'\n")
    if not text.endswith("?"):
        return False
    # the question mark belongs to this clause when no statement cue sits between them
    tail = sentence.doc[token.i:sentence.end]
    return not any(t.lemma_.lower() in {"say", "ask", "tell"} and t.pos_ == "VERB" for t in tail)


#: Verbs that keep their object from an act ("warned X against", "barred X from"): X does not do it.
_HINDERING = frozenset({"warn", "caution", "advise", "urge", "bar", "ban", "prevent", "stop", "block", "prohibit",
                        "discourage", "deter", "forbid", "keep", "restrain", "dissuade"})


#: Documents whose words their signers or authors hold, and the verbs by which they do.
_SIGNED = frozenset({"letter", "petition", "statement", "declaration", "resolution", "motion", "report", "op-ed"})
_AUTHORING = frozenset({"sign", "write", "send", "issue", "publish", "release", "pen", "circulate", "submit",
                        "deliver", "co-sign", "cosign", "draft", "adopt", "pass"})


def acting_subject(verb: Token) -> tuple[Token | None, float]:
    """The subject doing ``verb`` and a confidence factor for intent ("tried to withhold")."""
    factor = 1.0
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        subject = next((c for c in subjects if c.lower_ not in RELATIVE), subjects[0] if subjects else None)
        if subject is not None and subject.lower_ in RELATIVE and token.dep_ == "relcl":
            described = token.head  # "Freedom Magazine, which attacked ..."; "Kim, a Democrat who supports ..."
            return (described.head if described.dep_ == "appos" else described), factor
        if subject is not None:
            return subject, factor
        if token.dep_ == "relcl" and token.head is not token and not any(c.dep_ == "nsubjpass" for c in token.children):
            return token.head, factor  # "a resident who is against ..." without a parsed subject
        if token.dep_ == "xcomp" and token.head is not token:
            if token.head.lemma_.lower() in INTENT_HEADS:
                factor *= 0.9
            token = token.head
            continue
        if token.dep_ == "conj" and token.head is not token:
            head = token.head  # a verb of another form joined to a reported clause belongs to the reporting
            token = head.head if head.dep_ == "ccomp" and head.tag_ != token.tag_ else head  # verb ("said X would ... and accused")
            continue
        if token.dep_ == "acomp" and token.lower_ in WILLING and token.head is not token:
            factor *= 0.9  # "she was proud to endorse X": the copula's subject
            token = token.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
            governor = token.head.head
            if token.head.lower_ in {"against", "from"} and governor.lemma_.lower() in _HINDERING:
                return None, factor  # "warned the EU against targeting ...", "barred X from selling": not done
            controller = next((c for c in governor.children if c.dep_ == "dobj"), None)
            if controller is not None:
                return controller, factor  # "accused Republicans of trying to tear down the law"
            committed = next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
            if committed is None and token.head.lower_ in CONTROLLED_BY:
                token = governor  # "insisted on building the wall": the subject builds
                continue
            if committed is not None and governor.lemma_.lower() in DEVOTED:  # "U.N. Women, which is dedicated to promoting ..."
                return (governor.head if committed.lower_ in RELATIVE and governor.dep_ == "relcl" else committed), factor
        if token.dep_ == "advcl" and token.tag_ in {"VBG", "VB"}:
            token = token.head  # "..., saying", "... to build a case"
            continue
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.lemma_.lower() in _SIGNED \
                and token.head.dep_ == "dobj" and token.head.head.lemma_.lower() in _AUTHORING:
            token = token.head.head  # "signed a letter supporting the cancellation": the signers support it
            continue
        if token.dep_ == "acl" and token.tag_ == "VB":
            possessor = next((c for c in token.head.children if c.dep_ == "poss"), None)
            if possessor is not None and token.head.lemma_.lower() in INTENT_NOUNS:
                return possessor, factor * 0.9  # "Britain's decision to leave the EU"
            if token.head.dep_ in {"dobj", "pobj"} and token.head.head.pos_ == "VERB":
                token = token.head.head  # "gathered material to build a case against X"
                continue
        break
    return None, factor


def co_arguments(verb: Token) -> list[Token]:
    """The subject of ``verb``'s own clause, also the controller of an infinitive (the object of
    "urged the court to fine it", else the subject): a plain pronoun object never stands for them."""
    found = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ == "xcomp" and verb.head is not verb:
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        found += objects or [c for c in verb.head.children if c.dep_ == "nsubj"]
    return found


def antecedent(token: Token | None) -> Token | None:
    """A relative pronoun stands for the noun its clause modifies: "a policy which the UN
    criticised" is a policy criticised."""
    if token is None or token.lower_ not in RELATIVE:
        return token
    clause = token.head
    while clause.dep_ not in {"relcl", "acl"} and clause.head is not clause and clause.pos_ in {"VERB", "AUX"}:
        if clause.dep_ not in {"ccomp", "xcomp", "conj"}:
            break
        clause = clause.head
    return clause.head if clause.dep_ in {"relcl", "acl"} else None


def takes_side(verb: Token) -> bool:
    """Whether a verb's object is what its subject is for or against ("back", "oppose", "criticise")."""
    row = predicate(verb_lemma(verb), "VERB", "obj")
    return row is not None and row.polarity in {FAVOR, AGAINST}


def passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def passive_subject(verb: Token) -> Token | None:
    """The subject of a passive verb, also of a conjunct ("wants ... but has been blocked"), and the
    noun a passive participle modifies ("a system backed by the Red Cross")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None and verb.dep_ == "conj" and (any(c.dep_ in {"auxpass", "agent"} for c in verb.children)):
        subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None and verb.head.dep_ == "acl" and verb.head.tag_ == "VBN":
            subject = verb.head.head  # "a coalition led by Saudi Arabia and backed by the West"
    if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and passive_agent(verb) is not None:
        subject = verb.head
    if subject is None and verb.dep_ == "advcl" and verb.tag_ == "VBN" and passive_agent(verb) is not None:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "Tesla, long criticized by unions, ..."
    return subject


def prepositional_object(word: Token, preposition: str) -> Token | None:
    """The object of ``preposition`` under ``word`` ("sided with X", "critical of X"), also after a
    particle ("cracked down on X")."""
    for child in word.children:
        if child.dep_ in {"prep", "dative", "agent"} and child.lower_ == preposition:
            return next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
    return None


def infinitive_complement(verb: Token) -> Token | None:
    """The urged or intended act: "urged X to raise rates" (parsed as xcomp, or as a purpose clause)."""
    return next((c for c in verb.children if c.pos_ in {"VERB", "AUX"} and c.dep_ in {"xcomp", "advcl", "ccomp"}
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


_DANGLING = frozenset({"and", "or", "but", "nor", "of", "to", "that", "which", "the", "a", "an"})
#: Verbs whose object the parser often gives the verb's own "of"/"with"/"for" complement:
#: "accused X [of fraud]", "charged X [with murder]", "blamed X [for the delays]".
_CHARGING = frozenset({"accuse", "suspect", "convict", "acquit", "clear", "charge", "blame", "fault", "thank",
                       "credit", "fine", "punish", "sue", "indict"})


#: Prepositions that say when, not what: "the bill [before the vote]", "the deal [after months of talks]".
_TIME_PREPOSITIONS = frozenset({"before", "after", "during", "until", "amid", "following"})
#: Verbs that take their object somewhere, told by "to", which the parser hangs on the object.
_SENDING = frozenset({"appeal", "refer", "send", "submit", "forward", "escalate", "return"})
#: The charging verbs whose charge is told by "of" ("accused X of fraud"; "thanked supporters of
#: the plan" thanks them for nothing).
_CHARGING_OF = frozenset({"accuse", "suspect", "convict", "acquit", "clear"})


def is_charge(preposition: Token) -> bool:
    """Whether an "of" under a verb's object is the verb's charge ("accused opponents [of spreading
    fear]"), which the parser hangs on the object."""
    head = preposition.head
    return preposition.dep_ == "prep" and preposition.lower_ == "of" and head.dep_ == "dobj" \
        and verb_lemma(head.head) in _CHARGING_OF


#: Focusing adverbs at a noun phrase's edge, which say how much is claimed of the thing, not what it is.
_FOCUS = frozenset({"alone", "only", "even", "just", "too", "also", "itself", "themselves", "merely", "solely"})
#: Where and on what occasion an act is done or told, never what it is: "the decision [at the European
#: Court of Justice]", "the increase [in his budget statement]", "the plan [at a rally]".
_FORUMS = frozenset({"court", "tribunal", "parliament", "congress", "senate", "conference", "rally", "meeting",
                     "summit", "hearing", "session", "statement", "speech", "interview", "briefing", "address",
                     "debate", "assembly"})


def phrase(doc: Doc, head: Token, max_words: int = 12, keep_complements: bool = False) -> tuple[int, int, str]:
    """The noun phrase of ``head`` (with its modifiers and complements), as a char span.

    An act keeps its complement ("decision to end ICE's access to ...") up to 20 words.
    """
    max_words = 20 if keep_complements else max_words
    start, end = head.left_edge.i, head.right_edge.i + 1
    subject = next((c for c in head.lefts if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and head.pos_ in {"NOUN", "PROPN"}:  # a noun parsed as a clause: not its subject
        start = subject.right_edge.i + 1
    while start < head.i and (doc[start].is_punct or doc[start].lower_ in {"a", "an"}):
        start += 1
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < head.i and doc[start].lower_ in _FOCUS and doc[start].dep_ in {"advmod", "preconj"}:
        start += 1  # "[only] the plan": how much is said of it, not its name
    while end > head.i + 1 and doc[end - 1].lower_ in _FOCUS and doc[end - 1].head.i == head.i:
        end -= 1  # "a ban [alone]"
    relative = next((t.left_edge.i for t in doc[head.i + 1:end] if t.dep_ == "relcl" and t.left_edge.i > head.i), None)
    if relative is not None:  # a relative clause says something of the thing; it does not name it
        end = relative
    when = next((c.i for c in head.rights if c.dep_ == "prep" and c.i < end <= c.right_edge.i + 1 and any(
        g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in c.children)), None)
    when = when if when is not None else next((c.i for c in head.rights if c.i < end and (
        c.dep_ == "prep" and c.lower_ in _TIME_PREPOSITIONS or c.dep_ == "advmod" and c.lower_ == "ahead")), None)
    if when is not None:  # "the proposal [for months]", "the bill [ahead of a free vote]": when, not what
        end = when
    forum = next((c.i for c in head.rights if c.dep_ == "prep" and c.lower_ in {"at", "in", "before"} and any(
        g.dep_ == "pobj" and g.lemma_.lower() in _FORUMS for g in c.children)), None)
    if forum is not None:  # "challenge the decision [at the European Court of Justice]": where, not what
        end = min(end, forum)
    charge = next((c.i for c in head.rights if c.dep_ == "prep" and c.lower_ in {"of", "with", "for"}
                   and head.dep_ == "dobj" and verb_lemma(head.head) in _CHARGING), None)
    if charge is not None:  # "accused the developer [of corruption]": the charge is the verb's, not the noun's
        end = min(end, charge)
    whither = next((c.i for c in head.rights if c.dep_ == "prep" and c.lower_ == "to" and head.dep_ == "dobj"
                    and verb_lemma(head.head) in _SENDING), None)
    if whither is not None:  # "appeal the decision [to a federal court]": where the verb takes it
        end = min(end, whither)
    named_as = next((c.i for c in head.rights if c.dep_ == "prep" and c.lower_ == "as" and head.dep_ == "dobj"
                     and any(p.slot.startswith("name") for p in slots(verb_lemma(head.head), "VERB"))), None)
    if named_as is not None:  # "dismissed the endorsement [as politics as usual]": what the verb calls it
        end = min(end, named_as)
    members = next((c.left_edge.i for c in head.rights if c.dep_ == "prep" and (c.lower_ == "including" or (
        c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)))), None)
    if members is not None:  # "defectors[, including Tom Devocht]": the members are targets of their own
        end = min(end, members)
    judged = next((c.left_edge.i for c in head.rights if c.dep_ == "acl" and c.tag_ == "VBN" and c.i < end
                   and passive_agent(c) is not None and takes_side(c)), None)
    if judged is not None:  # "a measure [championed by Democrats]": another holder's stance on it, not its name
        end = judged
    appositive = next((t.left_edge.i - 1 for t in doc[head.i + 1:end] if t.dep_ in {"appos", "acl"}
                       and t.left_edge.i > head.i + 1 and doc[t.left_edge.i - 1].text == ","), None)
    if appositive is not None:  # "a proposal to rezone ..., a defeat for the developer": a comment on it
        end = appositive
    if end - start > max_words:  # cut infinitive complements and long tails
        clauses = set() if keep_complements else {"acl"}
        cut = next((c.left_edge.i for c in head.rights if c.dep_ in clauses and c.left_edge.i > head.i), None)
        end = cut if cut is not None and cut - start <= max_words else min(end, start + max_words)
        while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"that", "which", "and", "to", "of"}):
            end -= 1
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in _DANGLING):
        end -= 1  # "strikes of this kind cost hospitals millions [and]": never end on a connective
    opened = next((t.i for t in doc[head.i + 1:end] if t.text == "("), None)
    if opened is not None and not any(t.text == ")" for t in doc[opened:end]):
        end = opened  # "... arrest data (all times local": a bracket the phrase does not close
    span = doc[start:end]
    return span.start_char, span.end_char, span.text


def evidence(doc: Doc, token: Token) -> tuple[int, int, str]:
    """The sentence of ``token``, without leading punctuation (an opening quotation mark stays)."""
    sentence = sentence_of(token)
    start, end = sentence.start, sentence.end
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in "“\"‘"):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    span = doc[start:end]
    return span.start_char, span.end_char, span.text
