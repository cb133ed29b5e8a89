"""Constructions that state a position rather than act: stance nouns ("X's criticism of Y",
"support for Y"), position nouns ("X, a critic of Y", "critics of Y") and position adjectives
("X is critical of Y", "a resident who is against the plan", "disappointed with Y")."""

from __future__ import annotations

from spacy.tokens import Token

from .base import candidate
from .grammar import acting_subject, is_charge, negated, passive_subject, predicate_key, prepositional_object
from .lexicon import slots
from .modifiers import starting_at
from .records import AGAINST, FAVOR, Candidate
from .targets import Context

# Verbs that only carry a stance noun ("voiced opposition to", "showed support for", "renewed his
# calls for"): their subject holds it. Other verbs report or judge someone else's ("downplayed
# Trump's attack on the judge", "cited the criticism of the plan").
LIGHT_VERBS = frozenset({
    "voice", "express", "show", "declare", "announce", "renew", "reiterate", "repeat", "offer", "lend", "give",
    "pledge", "signal", "make", "launch", "wage", "file", "lodge", "mount", "lead", "join", "register", "state",
    "issue", "throw", "add", "raise", "step", "intensify", "escalate", "continue", "keep", "maintain", "have",
    "hold", "bring", "begin", "start", "stage", "organise", "organize", "sign", "send", "write", "post", "tweet",
    "go", "call", "take", "put"})  # not "drew criticism", "won support": their subject is the target
#: Verbs whose subject receives a position someone else holds ("drew criticism from", "met with").
RECEIVING = frozenset({"draw", "face", "receive", "attract", "meet", "spark", "provoke", "trigger", "earn", "win",
                       "garner", "encounter", "invite", "elicit", "incur", "run"})
_COPULAS = frozenset({"be", "seem", "remain", "become", "appear", "look", "sound", "stay", "feel", "grow", "get"})
_FAVOR_NOUNS = frozenset({"favor", "favour", "behalf"})
#: Nouns whose possessor after "in" is the one favoured: "ruled in Apple's favour", "spoke in his defence".
_FAVOURING_NOUNS = frozenset({"favor", "favour", "defense", "defence", "support", "behalf"})


def _noun_holder(ctx: Context, noun: Token) -> tuple[Token | None, float, Token]:
    """Who holds what a stance noun states: its possessor ("X's criticism"), its agent ("opposition
    by Congress", "support from X"), or the subject of the verb it is the object of ("X voiced
    opposition to Y", "X showed support for Y"). Returns (actor or None, factor, the cue)."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor, 1.0, noun
    for preposition in ("by", "from"):
        agent = prepositional_object(noun, preposition)
        if agent is not None and ctx.actor(agent) is not None:
            return agent, 1.0, noun
    source = _came_from(ctx, noun)
    if source is not None:
        return source, 1.0, noun
    governor = noun.head
    if noun.dep_ in {"dobj", "pobj", "attr", "nsubjpass"} and governor.pos_ in {"VERB", "AUX", "ADP"}:
        verb = governor if governor.pos_ != "ADP" else governor.head
        phrasal = predicate_key(verb) != verb.lemma_.lower() and slots(predicate_key(verb), "VERB")
        light = verb.lemma_.lower() in LIGHT_VERBS and not phrasal  # "threw out the lawsuit" is no light verb
        if verb.pos_ in {"VERB", "AUX"} and (light or verb.lemma_.lower() == "be"):
            if negated(verb):
                return None, 0.0, noun
            subject, factor = acting_subject(verb)
            return subject, factor * 0.95, noun
    return None, 0.0, noun


def _came_from(ctx: Context, noun: Token) -> Token | None:
    """ "Opposition to the plan came from Republicans", "much of the impetus for the deal came
    from China": the one a position comes from holds it."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.lemma_.lower() in _SHARES_OF:
        noun = noun.head.head  # "much of the impetus"
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in {"come", "stem", "arise"}:
        return None
    source = prepositional_object(verb, "from")
    return source if source is not None and ctx.actor(source) is not None else None


def stance_noun(ctx: Context, noun: Token) -> list[Candidate]:
    """X's criticism of Y; support for Y; opposition by Congress to Y; X voiced opposition to Y."""
    rows = [p for p in slots(noun.lemma_.lower(), "NOUN") if p.slot.startswith("prep:")]
    if not rows:
        return []
    if of_holder(ctx, noun) is not None:
        return []  # "won the support of X": X holds it (received_stance)
    found: list[Candidate] = []
    for row in rows:
        target = prepositional_object(noun, row.slot[5:])
        if target is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
            # "voiced opposition [to the nomination]": the parser hangs the phrase on the verb
            target = prepositional_object(noun.head, row.slot[5:])
            target = target if target is not None and target.i > noun.i else None
        if target is None:
            continue
        holder, factor, cue = _noun_holder(ctx, noun)
        polarity = row.polarity
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            if polarity == AGAINST:
                break  # "no objection to X" takes a side neither way
            polarity, factor = AGAINST, factor * 0.8  # "no confidence in X", "expressed no support for X"
        found += candidate(ctx, "stance_noun", holder, target, polarity, cue, row.cls, factor, check_negation=False)
        break
    return found


def received_stance(ctx: Context, noun: Token) -> list[Candidate]:
    """The plan drew criticism from X; Y faced opposition from Z; the law has been met with
    resistance from R; the mayor won praise from the ACLU: the one it comes from holds it toward
    the one who receives it."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.lemma_.lower() in _UNDER:
        return _under_fire(ctx, noun)
    rows = [p for p in slots(noun.lemma_.lower(), "NOUN") if p.slot.startswith("prep:") and p.polarity in {FAVOR, AGAINST}]
    if not rows or noun.dep_ not in {"dobj", "pobj", "conj"}:
        return []
    held_by = of_holder(ctx, noun)
    if held_by is None and any(prepositional_object(noun, p.slot[5:]) is not None for p in rows):
        return []  # "drew criticism of the plan from unions": the stance noun's own target
    within = noun.dep_ == "pobj" and noun.head.lower_ == "with"
    verb = noun.head.head if within else noun.head
    if noun.dep_ == "conj":  # "drew praise from X but criticism from Y"
        first = noun.head
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        verb = first.head
    if verb.lemma_.lower() not in RECEIVING and held_by is None or verb.lemma_.lower() in WANTING:
        return []
    holder = held_by if held_by is not None else _source(ctx, (noun, verb), ("from", "by", "among"))
    if holder is None:
        return []
    target = passive_subject(verb)
    if target is None:
        target, _ = acting_subject(verb)
    return candidate(ctx, "received_stance", holder, target, rows[0].polarity, verb, "noun")


#: What one comes under from someone against one: "came under fire from environmental groups".
_UNDER = frozenset({"fire", "attack", "criticism", "assault"})  # not "pressure": to act, not against


def _source(ctx: Context, owners: tuple[Token, ...], prepositions: tuple[str, ...]) -> Token | None:
    """The first actor named after one of ``prepositions`` under one of ``owners``: "from the union"."""
    return next((h for owner in owners for preposition in prepositions
                 if (h := prepositional_object(owner, preposition)) is not None and ctx.actor(h) is not None), None)


def _under_fire(ctx: Context, noun: Token) -> list[Candidate]:
    """X came (or is) under fire / attack from Y: Y against X."""
    verb = noun.head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    holder = _source(ctx, (noun, verb), ("from", "by"))
    target = passive_subject(verb)
    if target is None:
        target, _ = acting_subject(verb)
    return candidate(ctx, "received_stance", holder, target, AGAINST, verb, "noun")


_SHARES_OF = frozenset({"much", "most", "some", "part", "all", "bulk", "share"})
#: Verbs whose subject has what their object names: "has the backing of X", "enjoys the support of X".
HAVING = frozenset({"have", "enjoy", "gain", "secure", "get", "lose", "retain", "keep", "seek", "court", "need",
                    "want", "obtain", "enlist", "command", "count", "require"})
#: Of these, the verbs of wanting what is not had yet: "needs the approval of the commission" says
#: nothing of what the commission thinks.
WANTING = frozenset({"seek", "court", "need", "want", "require", "lack", "request", "solicit"})


def of_holder(ctx: Context, noun: Token) -> Token | None:
    """The one a stance noun's "of" names as its holder: "won the support of X", "has the backing
    of X", "with the blessing of X" (elsewhere "of" names the target: "X's criticism of Y")."""
    if any(c.dep_ == "poss" for c in noun.children):
        return None
    if not (noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING | HAVING
            or noun.dep_ == "pobj" and noun.head.lower_ == "with"):
        return None
    holder = prepositional_object(noun, "of")
    return holder if holder is not None and ctx.actor(holder) is not None else None


#: Adjectives by which a possessor states a preference ("Trump's favorite TV doctor").
PREFERENCE_ADJECTIVES = frozenset({"favorite", "favourite", "preferred", "beloved", "anointed"})


def possessed_preference(ctx: Context, noun: Token) -> list[Candidate]:
    """Trump's favorite TV doctor; Putin's preferred candidate, Viktor Yanukovych: the possessor
    is for the one (or the thing) the noun names."""
    if not ctx.mentions_any(PREFERENCE_ADJECTIVES):
        return []
    adjective = next((c for c in noun.children if c.dep_ == "amod" and c.lower_ in PREFERENCE_ADJECTIVES), None)
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if adjective is None or possessor is None:
        return []
    named = next((c for c in noun.children if c.dep_ == "appos" and ctx.actor(c) is not None), None)
    found = candidate(ctx, "possessed_preference", possessor, named if named is not None else noun, FAVOR, noun,
                      "position", carry=False)
    return starting_at(adjective.idx + len(adjective.text), found)  # a topic is "farm bill", not "his favorite ..."


#: "came to the governor's defence", "rushed to Ukraine's aid": going to someone's help.
_RESCUE_NOUNS = frozenset({"defense", "defence", "aid", "rescue", "assistance"})
_RUSHING = frozenset({"come", "rush", "leap", "spring", "jump", "race", "hurry", "step"})


def in_favour_of(ctx: Context, noun: Token) -> list[Candidate]:
    """X voted / spoke / came out in favour of Y; marched in support of Y, in solidarity with Y, in
    protest against Y; spoke in Y's defence; sued on behalf of Y; came to Y's defence: the manner of
    an act is its doer's stance."""
    if noun.dep_ != "pobj":
        return []
    preposition = noun.head
    verb = preposition.head
    manner = preposition.lower_ == "in" or preposition.lower_ == "on" and noun.lemma_.lower() == "behalf" or (
        preposition.lower_ == "to" and noun.lemma_.lower() in _RESCUE_NOUNS and verb.lemma_.lower() in _RUSHING)
    if not manner or verb.pos_ not in {"VERB", "AUX"}:
        return []
    target, polarity = _manner_target(noun)
    if target is None:
        return []
    subject, factor = acting_subject(verb)
    return candidate(ctx, "in_favour_of", subject, target, polarity, verb, "support" if polarity == FAVOR else "oppose",
                     factor)


def _manner_target(noun: Token) -> tuple[Token | None, str]:
    """What a stance noun after "in" is about: "in favour of Y", "in protest against Y" (by the
    noun's lexicon rows), or the possessor of "in Y's defence", "in Y's favour"."""
    lemma = noun.lemma_.lower()
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return (possessor, FAVOR) if lemma in _FAVOURING_NOUNS | _RESCUE_NOUNS else (None, FAVOR)
    if lemma in _FAVOR_NOUNS:
        return prepositional_object(noun, "of"), FAVOR
    for row in (p for p in slots(lemma, "NOUN") if p.slot.startswith("prep:")):
        target = prepositional_object(noun, row.slot[5:])
        if target is None:  # "in solidarity [with X]" parsed as the verb's phrase
            target = prepositional_object(noun.head.head, row.slot[5:])
            target = target if target is not None and target.i > noun.i else None
        if target is not None:
            return target, row.polarity
    return None, FAVOR


def position_noun(ctx: Context, noun: Token) -> list[Candidate]:
    """X, a longtime critic of Y; X is a supporter of Y; critics of Y (the critics hold)."""
    rows = [p for p in slots(noun.lemma_.lower(), "NOUN") if p.slot.startswith("position:")]
    target, row = None, None
    for row in rows:
        target = prepositional_object(noun, row.slot[9:])
        if target is not None and is_charge(target.head):
            target = None  # "accused opponents of spreading fear": the charge, not what they oppose
        if target is not None:
            break
    if target is None or row is None:
        return []
    if noun.dep_ == "appos":
        holder = noun.head
    elif noun.dep_ == "attr":
        holder = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in {"VERB", "AUX"}:
        verb = noun.head.head  # "is widely seen as a critic of X", "emerged as a leading opponent of X"
        holder = passive_subject(verb) or next((c for c in verb.children if c.dep_ == "nsubj"), None)
    else:
        holder = noun if noun.i in ctx.actor_at else None  # the description is itself the actor: "critics of the plan"
    return candidate(ctx, "position_noun", holder, target, row.polarity, noun, "position", check_negation=False)


def _predicate_of_copula(word: Token) -> Token | None:
    """The copula (or feeling verb) ``word`` is the predicate of: "is critical of", "am
    disappointed with", "is almost monolithic against" (through the adjective)."""
    head = word.head
    if word.dep_ == "prep" and head.dep_ == "acomp":
        head = head.head  # "against" under "monolithic" under "is"
    if word.dep_ in {"acomp", "prep", "attr"} and head.lemma_.lower() in _COPULAS:
        return head
    if word.tag_ in {"VBN", "JJ"} and any(c.dep_ == "auxpass" for c in word.children):
        return word  # "I was disappointed with ..." parsed as a passive (also when tagged an adjective)
    return None


def _adjective_rows(word: Token):
    return [p for key in dict.fromkeys((word.lower_, word.lemma_.lower())) for p in slots(key, "ADJ")
            if p.slot.startswith("prep:")]


def position_adjective(ctx: Context, word: Token) -> list[Candidate]:
    """X is critical of / opposed to / disappointed with Y; a resident who is against Y;
    "I am disappointed that NASA did not choose them" (against the subject of the clause)."""
    verb = _predicate_of_copula(word)
    if verb is None:
        return []
    if word.pos_ == "ADP":
        if word.lower_ != "against":
            return []
        target, polarity, cls = next((c for c in word.children if c.dep_ == "pobj"), None), AGAINST, "position"
    else:
        rows = _adjective_rows(word)
        if not rows:
            return []
        polarity, cls = rows[0].polarity, rows[0].cls
        target = next((t for p in rows if (t := prepositional_object(word, p.slot[5:])) is not None), None)
        if target is None:  # "disappointed that NASA did not choose them": the clause's subject
            clause = next((c for c in word.children if c.dep_ == "ccomp" and not any(
                m.dep_ == "mark" and m.lower_ in {"if", "whether", "unless"} for m in c.children)), None)
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
            target = subject if subject is not None and ctx.actor(subject) is not None else None
    subject, factor = acting_subject(verb)
    if subject is None and verb is word:
        subject = next((c for c in word.children if c.dep_ == "nsubjpass"), None)
    return candidate(ctx, "position_adjective", subject, target, polarity, verb, cls, factor)


#: Prepositions that set an act against a position held on it: "approved the plan over the
#: objections of residents", "despite opposition from the union", "amid protests by farmers".
_CONCESSIVE = frozenset({"despite", "over", "amid", "amidst", "notwithstanding"})
_NOUN_HOLDERS = ("of", "from", "by", "among")
#: Objects that make one predicate with their verb: "took effect", "took office", "took place".
_IDIOM_OBJECTS = frozenset({"effect", "office", "place", "shape", "hold", "power"})


def concessive_position(ctx: Context, noun: Token) -> list[Candidate]:
    """The council approved the plan over the objections of residents; the bill passed despite
    opposition from Republicans; the mayor resigned amid criticism from unions: whoever holds the
    position holds it toward what the act is done to (its object, else its subject)."""
    preposition, verb = noun.head, noun.head.head
    if noun.dep_ != "pobj" or preposition.lower_ not in _CONCESSIVE or verb.pos_ not in {"VERB", "AUX"}:
        return []
    rows = [p for p in slots(noun.lemma_.lower(), "NOUN") if p.slot.startswith("prep:")]
    if not rows or rows[0].polarity not in {FAVOR, AGAINST} or (preposition.lower_ == "over" and rows[0].polarity == FAVOR):
        return []
    if any(prepositional_object(noun, p.slot[5:]) is not None for p in rows):
        return []  # "despite opposition to the plan", "amid criticism of the mayor": its own target (stance_noun)
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    holder = possessor if possessor is not None else next(
        (h for p in _NOUN_HOLDERS if (h := prepositional_object(noun, p)) is not None and ctx.actor(h) is not None), None)
    target = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() not in _IDIOM_OBJECTS),
                  None) or passive_subject(verb)
    if target is None:  # "started asking schools to pay taxes despite ...": what they started doing
        target = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if target is None and not any(c.dep_ == "dobj" for c in verb.children if c.lemma_.lower() not in _IDIOM_OBJECTS):
        target, _ = acting_subject(verb)  # "the bill passed despite ...", "the law took effect despite ..."
    return candidate(ctx, "concessive_position", holder, target, rows[0].polarity, noun, rows[0].cls, 0.9,
                     check_negation=False)
