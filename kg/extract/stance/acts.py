"""Constructions over verbs: what an actor does to, says of or feels about someone or something.

Each function takes the article's :class:`~.targets.Context` and one verb and returns candidates;
the predicate lexicon (``models/stance_predicates.tsv``) says which verbs, slots and polarities.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..claims import NEGATING_CUES
from .base import candidate, coordinated, holders
from .grammar import (RELATIVE, acting_subject, antecedent, infinitive_complement, negated, passive_agent, passive_subject, predicate_key,
                      prepositional_object)
from .positions import of_holder
from .lexicon import Predicate, complement_verbs, effects, slots, valence, valence_polarity, verb_lemma
from .records import AGAINST, FAVOR, Candidate, opposite
from .targets import Context, is_act_noun, noun_tagged_verb

# "withhold funding from the city", "cut funding to the city": the target is the one deprived.
_RESOURCE_NOUNS = frozenset({
    "funding", "fund", "funds", "money", "grant", "grants", "aid", "support", "budget", "access", "assistance",
    "payment", "payments", "subsidy", "subsidies", "benefit", "benefits", "cooperation", "contract", "sharing",
    "data", "information", "visa", "visas", "permit", "license", "licence", "ties", "relations", "supply", "supplies"})
# Particles that keep a verb's meaning ("crack down", "lash out", "cut off"); others make another
# verb ("end up harboring" is not ending anything), which must be in the lexicon as such.
_LITERAL_PARTICLES = frozenset({"down", "out", "off", "back", "away"})
_ENDING = frozenset({"end", "stop", "halt", "cut", "suspend", "freeze", "deny", "revoke", "cut_off"})
# Verbs that press someone to act: "urged the Federal Reserve to raise rates" is for raising rates.
URGING = frozenset({"urge", "press", "pressure", "implore", "call", "push", "exhort", "beg", "lobby", "ask",
                    "encourage", "demand", "petition", "plead", "appeal"})
# The preposition by which some urging verbs take the one urged: "called on Y to", "pleaded with Y to".
_URGED_BY = {"call": "on", "plead": "with", "appeal": "to"}
# "rejected claims that it cut funding": a statement about a claim, not a stance on its words.
_CLAIM_NOUNS = frozenset({"claim", "allegation", "accusation", "charge", "report", "suggestion", "notion", "idea",
                          "assertion", "rumor", "rumour", "story", "speculation"})
# Classes of acts done to someone: their prepositional target may hang on the verb's object.
_DONE_TO = frozenset({"harm", "deprive"})
_GIVING = frozenset({"give", "grant", "award", "offer", "present"})
# What one gives to someone one favours: "gave Clinton a glowing endorsement", "gave Mohamed the option".
_FAVOURS = frozenset({"endorsement", "support", "backing", "praise", "credit", "award", "prize", "medal", "honor",
                      "honour", "thanks", "tribute", "blessing", "approval", "boost", "platform", "option",
                      "opportunity", "chance", "welcome", "ovation", "pardon", "reprieve", "asylum", "job", "post",
                      "seat", "nomination", "vote", "votes", "money", "funding", "aid", "help", "protection"})
_NAMING_COMPLEMENTS = frozenset({"oprd", "xcomp", "attr", "acomp", "ccomp"})


def verb_slots(verb: Token) -> tuple[Predicate, ...]:
    """The lexicon rows for a verb: its phrasal form first ("crack_down"), then its lemma.

    Several constructions ask for each verb (about five times per verb of an article): the rows
    are worked out once per token and kept with the document's other caches (``doc.user_data``
    under a "kg." key, dropped by :func:`kg.extract.nlp.release_caches`)."""
    memo = verb.doc.user_data.get("kg.verb_slots")
    if memo is None:
        memo = verb.doc.user_data["kg.verb_slots"] = {}
    rows = memo.get(verb.i)
    if rows is None:
        rows = memo[verb.i] = _verb_slots(verb)
    return rows


def _verb_slots(verb: Token) -> tuple[Predicate, ...]:
    key, lemma = predicate_key(verb), verb_lemma(verb)
    rows = list(slots(key, "VERB"))
    if key != lemma and key.rsplit("_", 1)[1] in _LITERAL_PARTICLES:
        rows += [p for p in slots(lemma, "VERB") if p.slot not in {r.slot for r in rows}]
    return tuple(rows)


def _stance_noun_with_target(token: Token) -> bool:
    """A stance noun carrying its own target ("renewed his calls for X"): the noun construction's."""
    return any(p.slot.startswith("prep:") and any(c.dep_ == "prep" and c.lower_ == p.slot[5:] for c in token.children)
               for p in slots(token.lemma_.lower(), "NOUN"))


def _object(verb: Token, row: Predicate, ctx: Context) -> Token | None:
    """The token heading what an act is directed at (the one deprived, for depriving acts)."""
    dobj = _amount_payer(verb, next((c for c in verb.children if c.dep_ == "dobj"), None))
    relative = dobj is not None and dobj.lower_ in RELATIVE
    if verb.dep_ == "relcl" and (relative or dobj is None and any(
            c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in verb.children)):
        dobj = _modified_noun(ctx, verb)  # "a policy which the UN criticised": the noun the clause modifies
    elif relative:
        dobj = antecedent(dobj)
    if row.cls != "deprive" and row.lemma not in _ENDING:
        # "favoured changing the flag", "opposes building the wall": the act named by a gerund
        return dobj if dobj is not None else next(
            (c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i), None)
    # "withhold funding from the city", "end access for ICE": the one deprived when an actor
    heads = [verb] + ([dobj] if dobj is not None and dobj.lemma_.lower() in _RESOURCE_NOUNS else [])
    for owner in heads:
        for preposition in ("from", "to", "for"):
            pobj = prepositional_object(owner, preposition)
            if pobj is not None and ctx.actor(pobj) is not None and (dobj is None or dobj.lemma_.lower() in _RESOURCE_NOUNS):
                return pobj
    if dobj is not None:
        return dobj if dobj.lemma_.lower() in _RESOURCE_NOUNS or dobj.pos_ == "PROPN" or row.cls == "oppose" else None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)  # "stop sharing data"


def _amount_payer(verb: Token, dobj: Token | None) -> Token | None:
    """"fined Apple 13 billion euros": the one fined, not the amount (parsed as the object, the
    one fined as its modifier or as an indirect object)."""
    if dobj is None or not (dobj.ent_type_ in {"MONEY", "QUANTITY"} or dobj.pos_ == "NOUN" and any(
            c.dep_ == "nummod" and c.ent_type_ != "DATE" for c in dobj.children)):
        return dobj  # "the 1994 Crime Bill" is no amount
    payer = next((c for c in verb.children if c.dep_ in {"dative", "iobj"}), None)
    if payer is None:
        payer = next((c for c in dobj.children if c.dep_ in {"nmod", "compound"} and c.pos_ == "PROPN"), None)
    return payer if payer is not None else dobj


def _reported_statement(token: Token) -> bool:
    """A claim noun with its content: "claims that it had cut funding"."""
    return token.lemma_.lower() in _CLAIM_NOUNS and any(c.dep_ in {"acl", "ccomp", "relcl"} for c in token.children)


def _modified_noun(ctx: Context, clause: Token) -> Token | None:
    """The noun a relative clause modifies; when the parse hangs it on the last noun of a longer
    phrase ("a policy of turning away boats of migrants which ..."), the first noun up that phrase
    that makes a target."""
    chain, token = [], clause.head
    for _ in range(6):
        chain.append(token)
        if token.dep_ not in {"pobj", "pcomp", "dobj", "prep"} or token.head is token:
            break
        token = token.head
    nouns = [t for t in chain if t.pos_ in {"NOUN", "PROPN"}]
    named = next((t for t in nouns if ctx.actor(t) is not None or is_act_noun(t)), None)
    return named or next((t for t in nouns if ctx.target(t) is not None), clause.head)


def verb_object(ctx: Context, verb: Token) -> list[Candidate]:
    """X criticized / sued / backed Y; Y was blocked by X; a system backed by X."""
    row = next((p for p in verb_slots(verb) if p.slot == "obj" and p.polarity in {FAVOR, AGAINST}), None)
    if row is None:
        return []
    subject = passive_subject(verb)
    if subject is not None:
        holder, target, factor = passive_agent(verb), subject, 1.0
    else:
        holder, factor = acting_subject(verb)
        target = _object(verb, row, ctx)
    if target is None or _stance_noun_with_target(target) or _reported_statement(target):
        return []
    if verb.lemma_.lower() in URGING and infinitive_complement(verb) is not None:
        return []  # "encouraging citizens to ask for ...": the one urged is no target (urging reads the act)
    if verb.lemma_.lower() in NEGATING_CUES and target.pos_ == "VERB" and not noun_tagged_verb(target):
        return []  # "denied opposing the deal" denies an act; it takes nothing away
    return candidate(ctx, "verb_object", holder, target, row.polarity, verb, row.cls, factor)


def verb_complement(ctx: Context, verb: Token) -> list[Candidate]:
    """X held Y in contempt; voters will hold Y accountable; the jury found Y guilty; the judge
    declared Y unconstitutional; X took Y to court: the verb with its complement is the
    predicate (``hold_in_contempt``, ``find_guilty`` in the lexicon)."""
    if verb_lemma(verb) not in complement_verbs():
        return []
    for key, named, complement in _complements(verb):
        row = next((p for p in slots(key, "VERB") if p.slot == "obj" and p.polarity in {FAVOR, AGAINST}), None)
        if row is None or any(c.dep_ == "neg" for c in complement.children):
            continue  # "found him not guilty" is no verdict against him
        passive = passive_subject(verb)
        if passive is not None:
            holder, target, factor = passive_agent(verb), passive, 1.0
        else:
            (holder, factor), target = acting_subject(verb), named
        return candidate(ctx, "verb_complement", holder, target, row.polarity, verb, row.cls, factor)
    return []


def _complements(verb: Token):
    """(lexicon key, the one the predicate is about, the complement) for each complement of a
    verb: a bare prepositional phrase ("in contempt", "to court") or a predicative adjective,
    however the parser attaches it ("held [the company] responsible", "found [Smith guilty]")."""
    lemma = verb_lemma(verb)
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ != "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and not any(c.dep_ in {"det", "poss"} for c in pobj.children):
                yield f"{lemma}_{child.lower_}_{pobj.lemma_.lower()}", dobj, pobj
        elif child.dep_ in {"ccomp", "xcomp", "oprd", "acomp"} and child.i > verb.i:
            subject = next((c for c in child.children if c.dep_ == "nsubj"), dobj)
            yield f"{lemma}_{child.lower_}", subject, child
    if dobj is not None and dobj.pos_ == "ADJ":  # "declared [the law unconstitutional]" parsed as one phrase
        named = next((c for c in reversed(list(dobj.lefts)) if c.dep_ in {"compound", "nsubj"}), None)
        if named is not None:
            yield f"{lemma}_{dobj.lower_}", named, dobj
    for child in dobj.children if dobj is not None else ():
        if child.dep_ == "amod" and child.i > dobj.i:
            yield f"{lemma}_{child.lower_}", dobj, child


def endorsed_position(ctx: Context, verb: Token) -> list[Candidate]:
    """X supports the nurses' call for safer staffing; X rejected criticism of the plan: siding
    with or against a position is a stance on what the position is about (the position's own
    holder is the stance noun construction's)."""
    row = next((p for p in verb_slots(verb) if p.slot == "obj" and p.polarity in {FAVOR, AGAINST}), None)
    if row is None or passive_subject(verb) is not None:
        return []
    position = _object(verb, row, ctx)
    if position is None or position.text[:1].isupper() or not _stance_noun_with_target(position):
        return []  # "introduced the War on Drugs": a name, not a position someone holds
    if of_holder(ctx, position) is not None:
        return []  # "enjoys the support of X": X's, not a position the subject sides with
    holder, factor = acting_subject(verb)
    for noun_row in slots(position.lemma_.lower(), "NOUN"):
        target = prepositional_object(position, noun_row.slot[5:]) if noun_row.slot.startswith("prep:") else None
        if target is not None and noun_row.polarity in {FAVOR, AGAINST}:
            polarity = FAVOR if noun_row.polarity == row.polarity else AGAINST
            return candidate(ctx, "endorsed_position", holder, target, polarity, verb, noun_row.cls, factor)
    return []


def mutual(ctx: Context, verb: Token) -> list[Candidate]:
    """India and Pakistan clashed over Kashmir; the union sparred with the hospital; the mayor is
    at odds with the council; Russia has been at war with Ukraine: a conflict sets each side
    against the other (the one named after "with" too)."""
    lexical = verb.pos_ == "VERB" and any(p.slot == "mutual" for p in verb_slots(verb))
    state = None if lexical else _conflict_state(verb)
    if state is None and not lexical:
        return []
    passive = passive_subject(verb)
    if passive is not None and state is None:
        return []
    other = prepositional_object(verb, "with") if state is None else (
        prepositional_object(state, "with") or prepositional_object(verb, "with"))
    subject, factor = (passive, 1.0) if passive is not None else acting_subject(verb)  # "is locked in a dispute"
    sides = [token for token in (subject, other) if token is not None]
    if len(holders(ctx, subject) + holders(ctx, other)) < 2:
        return []
    camp = {id(a): i for i, token in enumerate(t for side in sides for t in coordinated(side))
            for a in holders(ctx, token)}  # a group and the members it names are one camp
    found: list[Candidate] = []
    for side in sides:
        for actor in holders(ctx, side):
            found += [c for target in sides
                      for c in candidate(ctx, "mutual", actor, target, AGAINST, verb, "oppose", factor, carry=False)
                      if c.target.kind == "actor" and camp.get(id(c.target.actor)) != camp.get(id(actor))]
    return found


#: Nouns of a state of conflict one is in: "at odds with", "at war with", "in a dispute with".
_CONFLICT_STATES = frozenset({"odds", "loggerheads", "war", "dispute", "conflict", "feud", "standoff", "battle",
                              "fight", "row", "spat", "showdown", "confrontation", "tussle"})


def _conflict_state(verb: Token) -> Token | None:
    """The conflict noun after "at" or "in" under ``verb`` ("is at odds", "is locked in a dispute")."""
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in {"at", "in"}:
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if noun is not None and (noun.lemma_.lower() in _CONFLICT_STATES or noun.lower_ in _CONFLICT_STATES):
                return noun
    return None


def verb_preposition(ctx: Context, verb: Token) -> list[Candidate]:
    """X sided with Y; voted against Y; called for Y; disagreed with Y; resigned over Y."""
    found: list[Candidate] = []
    for row in verb_slots(verb):
        if not row.slot.startswith("prep:"):
            continue
        preposition = row.slot[5:]
        target = prepositional_object(verb, preposition)
        if target is None and row.cls in _DONE_TO:  # "imposed sanctions on X": the phrase hangs on the object
            dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            target = prepositional_object(dobj, preposition) if dobj is not None else None
        clause = _for_clause(verb) if preposition == "for" and target is None else None
        if clause is not None:  # "calling for the commissioner to resign", parsed as a clause
            holder, factor = acting_subject(verb)
            doer = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            found += _urged(ctx, "verb_preposition", holder, doer, clause, verb, row.cls, factor) if doer is not None else []
            continue
        if preposition == "in" and target is not None:  # "ruled in favour of Y"
            if target.lemma_.lower() not in {"favor", "favour"}:
                continue
            target = prepositional_object(target, "of")
        if target is None:
            continue
        if passive_subject(verb) is not None:
            continue  # "was called for questioning": not the caller's position
        holder, factor = acting_subject(verb)
        act = infinitive_complement(verb) if preposition == "for" else None
        if act is not None and act.left_edge.i != target.right_edge.i + 1:
            act = None  # "marched ... to protest the plan ... for a new ground": no "for X to do Y"
        if act is not None:  # "called for the commissioner to resign": the act, done by the one named
            found += _urged(ctx, "verb_preposition", holder, target, act, verb, row.cls, factor)
            continue
        found += candidate(ctx, "verb_preposition", holder, target, row.polarity, verb, row.cls, factor)
    return found


def _for_clause(verb: Token) -> Token | None:
    """A clause introduced by "for" under ``verb``: "called for [the chief to resign]"."""
    return next((c for c in verb.children if c.dep_ in {"advcl", "ccomp"} and c.pos_ in {"VERB", "AUX"}
                 and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)


def naming(ctx: Context, verb: Token) -> list[Candidate]:
    """X called Y a liar; labelled its behaviour "extremely irresponsible"; described Y as a hero;
    Y has been called a charlatan by X."""
    slots = [p.slot for p in verb_slots(verb) if p.slot == "name" or p.slot.startswith("name:")]
    if not slots:
        return []
    passive = passive_subject(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    named = passive if passive is not None else (objects[0] if objects else _named_by_preposition(verb, slots))
    complements = [c for c in verb.children if c.dep_ in _NAMING_COMPLEMENTS and c.i > verb.i]
    if len(objects) == 2 and not complements:  # "branded [the governor] [a traitor]": two objects
        complements = objects[1:]
    if named is None and len(complements) >= 2 and complements[0].dep_ == "oprd":
        named, complements = complements[0], complements[1:]  # "called [Oz] [a quack]" parsed as two complements
    if len(objects) == 1 and not complements:  # "called [the offer "an insult"]": the second object hung on the first
        complements = [c for c in objects[0].children if c.dep_ in {"dobj", "appos", "attr"} and c.i > objects[0].i
                       and c.doc[c.left_edge.i - 1].text != ","]  # not an apposition: "called the governor, a Democrat,"
    if "name" not in slots:  # "referred to X as a coward", "thinks of X as a crook": only what "as" names
        complements = []
    complement = complements[0] if complements else None
    if complement is not None and complement.dep_ == "ccomp" and named is None:
        named = next((c for c in complement.children if c.dep_ == "nsubj"), None)  # "called [Oz a quack]"
        complement = next((c for c in complement.children if c.dep_ in {"attr", "acomp", "oprd"}), complement)
    complement = _as_complement(verb) or complement
    if named is None and complement is not None:  # "called [Biden weak]" parsed as a compound
        named = next((c for c in complement.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    named = _what_it_names(verb, named)
    if named is None or complement is None or named.i == complement.i:
        return []
    inside = complement.head.i == named.i  # the second object hung on the first
    for_whom = {t.i for c in complement.children if c.dep_ == "prep" and c.lower_ in {"for", "to"}
                for t in c.subtree}  # "a dangerous precedent [for academic freedom]": whom it is bad for
    words = [t for t in complement.subtree if t.i not in for_whom
             and (inside or not (named.left_edge.i <= t.i <= named.right_edge.i))]
    named = antecedent(named)  # "the plan, which the mayor called a disaster": the plan
    score = valence(words)
    polarity = valence_polarity(score)
    if polarity is None:
        return []
    holder, factor = (passive_agent(verb), 1.0) if passive is not None else acting_subject(verb)
    return candidate(ctx, "naming", holder, named, polarity, verb, "name", factor * min(1.0, 0.6 + 0.2 * abs(score)))


def _named_by_preposition(verb: Token, slots: list[str]) -> Token | None:
    """The one named as the object of a preposition: "referred to [X] as a coward" (slot name:to)."""
    return next((t for s in slots if s.startswith("name:") and (t := prepositional_object(verb, s[5:])) is not None),
                None)


def _as_complement(verb: Token) -> Token | None:
    """What "as" names: its object ("described X as a liar"), or the adjective the parser hangs on
    it ("portrayed X as incompetent")."""
    marker = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if marker is None:
        return None
    return next((c for c in marker.children if c.dep_ in {"pobj", "pcomp"}),
                next((c for c in marker.children if c.pos_ == "ADJ"), None))


_NEUTER_OBJECTS = frozenset({"it", "this", "that", "them", "these", "those"})


def _what_it_names(verb: Token, named: Token | None) -> Token | None:
    """In "welcomed the agreement, calling it fair" (or "describing them as ..."), the pronoun is
    the object of the clause the participle hangs on, not whatever coreference links it to."""
    if named is None or named.lower_ not in _NEUTER_OBJECTS or verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return named
    main_object = next((c for c in verb.head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    return main_object if main_object is not None else named


def experiencer(ctx: Context, verb: Token) -> list[Candidate]:
    """The ruling angered residents; residents were angered by (or at, over) the ruling: the one who
    feels holds the stance toward what caused it."""
    row = next((p for p in verb_slots(verb) if p.slot == "exp"), None)
    if row is None:
        return []
    subject = passive_subject(verb)
    if subject is not None:
        target = passive_agent(verb) or next(
            (t for p in ("with", "at", "over", "about", "by") if (t := prepositional_object(verb, p)) is not None), None)
        return candidate(ctx, "experiencer", subject, target, row.polarity, verb, row.cls)
    holder = next((c for c in verb.children if c.dep_ == "dobj"), None)
    target = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return candidate(ctx, "experiencer", holder, target, row.polarity, verb, row.cls)


def urging(ctx: Context, verb: Token) -> list[Candidate]:
    """X urged Y to V, called on Y to V: for the act V ("pressed Y not to V": against it); the one
    urged is no target, unless the act is good or bad for them ("urged the chief to resign")."""
    if verb.lemma_.lower() not in URGING or negated(verb):
        return []
    urged = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
    if urged is None and verb.lemma_.lower() in _URGED_BY:
        urged = prepositional_object(verb, _URGED_BY[verb.lemma_.lower()])
    act = infinitive_complement(verb)
    if urged is None or act is None or ctx.actor(urged) is None:
        return []
    if any(p.slot == "obj" for p in verb_slots(act)) and any(c.dep_ == "dobj" for c in act.children):
        return []  # "asked lawmakers to repeal the law": the act's own construction holds it
    holder, factor = acting_subject(verb)
    return _urged(ctx, "urging", holder, urged, act, verb, "demand", factor)


def verb_effect(verb: Token) -> tuple[str, str] | None:
    """The effects lexicon's (affected slot, '+' or '-') for a verb, by its phrasal form first,
    also when the parser takes the particle after the object for a preposition ("keep criminals
    off the streets" is "keep_off": bad for them)."""
    table = effects()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prep" and c.lower_ in {"off", "out", "away"}
                     and (verb_lemma(verb) + "_" + c.lower_, "VERB") in table), None)
    if particle is not None:
        return table[(verb_lemma(verb) + "_" + particle, "VERB")]
    return table.get((predicate_key(verb), "VERB")) or table.get((verb.lemma_.lower(), "VERB"))


def _urged(ctx: Context, construction: str, holder, urged: Token, act: Token, cue: Token, cls: str,
           factor: float) -> list[Candidate]:
    """For (or, with "not to", against) an act that ``urged`` is to do; an act bad or good for
    the one who does it ("to resign", "to step down") or, passive, undergoes it ("to be fired") is
    a stance on them."""
    polarity = AGAINST if any(c.dep_ == "neg" for c in act.children) else FAVOR
    effect = verb_effect(act)
    passive = any(c.dep_ == "auxpass" for c in act.children)  # "called for the officer to be fired"
    if effect is not None and (effect[0] == "subj" or effect[0] == "obj" and passive):
        carried = polarity if effect[1] == "+" else opposite(polarity)
        return candidate(ctx, construction, holder, urged, carried, cue, cls, factor * 0.9, carry=False)
    return candidate(ctx, construction, holder, act, polarity, cue, cls, factor * 0.9)


def giving(ctx: Context, verb: Token) -> list[Candidate]:
    """X gave Y the option / an endorsement: for Y."""
    if verb.lemma_.lower() not in _GIVING:
        return []
    recipient = next((c for c in verb.children if c.dep_ in {"dative", "iobj"}), None)
    given = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if recipient is None or ctx.actor(recipient) is None or given is None or given.lemma_.lower() not in _FAVOURS:
        return []  # "gave Sanders an issue", "gives Trump an opening" are no favour
    holder, factor = acting_subject(verb)
    return candidate(ctx, "giving", holder, recipient, FAVOR, verb, "support", factor * 0.9,
                     carry=False)


#: Verbs whose left-out object is the ruling the article has just told of: "Exxon said it would appeal".
_UNDERSTOOD_RULING = frozenset({"appeal"})


def understood_ruling(ctx: Context, verb: Token) -> list[Candidate]:
    """X said it would appeal (with no object): against the latest ruling told in this or the two
    sentences before (:meth:`~.targets.Context.latest_ruling`)."""
    if verb.lemma_.lower() not in _UNDERSTOOD_RULING or any(
            c.dep_ in {"dobj", "prep", "xcomp", "ccomp", "dative"} for c in verb.children):
        return []
    ruling = ctx.latest_ruling(verb, nouns=True)
    if ruling is None:
        return []
    holder, factor = acting_subject(verb)
    return candidate(ctx, "understood_ruling", holder, ruling, AGAINST, verb, "oppose", factor * 0.9, carry=False)
