"""Constructions over claims: what a speaker's own words say for or against what they are about.

"The Justice Department said the city's decision was irresponsible": the content's subject is
judged by what is predicated of it (evaluative words, VADER's list, Hutto & Gilbert 2014); where
the lexicon has no word for it, and for the actors the content's main predicate is about, the
target-aware polarity model (:mod:`kg.extract.polarity`) judges. A claim that reports another
claim, or another actor's act, gives the speaker no side.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..actor_lexicon import ORG_KIND_WORDS, is_person_noun
from ..claims import Claim
from ..lexicon import SPEECH_VERBS
from ..nlp import sentence_of
from .acts import verb_effect, verb_slots
from .grammar import RELATIVE, acting_subject, antecedent, obliged, passive_agent, predicate_key
from .lexicon import amounts, bad_to_have, slots, token_valence, valence, valence_polarity
from .records import ACT, ACTOR, AGAINST, ASSERTED, FAVOR, REPORTED, TOPIC, Candidate, PolarityScorer, Target
from .scoring import can_reach
from .targets import Context, is_act_noun, speaks_for

_COPULAS = frozenset({"be", "seem", "remain", "become", "appear", "look", "sound"})
# Subjects whose reference the clause does not give: "it's heartbreaking", "this is a disgrace".
_NEUTER = frozenset({"it", "this", "that", "these", "those", "what", "which", "there", "something", "everything",
                     "anything", "nothing", "all"})
_FIRST_PERSON = frozenset({"our", "my"})
_TAILS = frozenset({"prep", "relcl", "acl", "advcl", "ccomp", "xcomp"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "dative"})
#: Minimum probability of the polarity model for a stance. In 5-fold cross-validation on NewsMTSC
#: train, the negative/positive answers at >= 0.8 are right 0.848 of the time.
MODEL_THRESHOLD = 0.8
#: The same for any named actor of a claim (not only its main predicate's arguments): on the
#: development gold, stances read at >= 0.9 were right about half the time, at 0.5-0.9 one in five.
NAMED_THRESHOLD = 0.9


def _from_claim(claim: Claim, construction: str, scored_by: str, target: Target, polarity: str, cue: Token,
                strength: float, about: Token | None = None) -> Candidate:
    """A candidate of the claim's speaker; its class is how it was scored (lexicon or model) and what
    its target is (an actor, an act or policy, or another topic): they are calibrated apart."""
    kind = ACT if target.kind == TOPIC and about is not None and _course_of_action(about) else target.kind
    return Candidate(construction, claim.speaker, target, polarity, cue, f"{scored_by}:{kind}", False, ASSERTED,
                     strength, claim, (claim.start, claim.end, claim.text))


#: Nouns for what someone asks to be done: "the Greens' demand for X" is a course of action proposed.
_DEMANDS = frozenset({"demand", "call", "bid", "push"})


def _course_of_action(token: Token) -> bool:
    """An act or policy ("the plan"), a gerund clause ("raising taxes was a mistake"), or a position
    someone holds ("the Greens' demand for more spending was unaffordable"): what is said of it
    judges a course of action."""
    return is_act_noun(token) or token.pos_ == "VERB" or (
        token.lemma_.lower() in _DEMANDS and any(c.dep_ == "poss" for c in token.children))


def _content(ctx: Context, claim: Claim):
    """The claim's head token and content tokens, or None for claims the stage does not judge."""
    if claim.polarity == "negative" or claim.head < 0:
        return None
    head = ctx.doc[claim.head]
    if head.lemma_.lower() in SPEECH_VERBS:
        return None  # a claim that reports another claim: that one is evaluated itself
    content = ctx.doc.char_span(claim.start, claim.end, alignment_mode="expand")
    return (head, content) if content is not None else None


def _is_copular(head: Token) -> bool:
    return head.lemma_.lower() in _COPULAS or any(c.dep_ in {"acomp", "attr"} for c in head.children)


def _complement_words(head: Token) -> list[Token]:
    """What a copular clause says its subject is: the complement with its modifiers and
    conjuncts, without prepositional or clausal tails ("an affront [to the thousands of dedicated
    men]"), and the negation of the verb ("is not a step forward")."""
    words = [c for c in head.children if c.dep_ in {"neg", "advmod"}]
    for complement in (c for c in head.children if c.dep_ in {"attr", "acomp", "oprd"}):
        tails = {t.i for child in complement.subtree if child.dep_ in _TAILS and child is not complement
                 for t in child.subtree}
        words += [t for t in complement.subtree if t.i not in tails]
    return sorted(words, key=lambda t: t.i)


def _own_side(subject: Token) -> bool:
    """"Our nurses are exhausted", "my colleagues": the speaker's own people, described, not judged."""
    return any(c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in subject.children)


def _predicate_words(content, subject: Token) -> list[Token]:
    """What a clause says its subject does, without the subject, without relative clauses that
    describe someone else ("protects families [who are already struggling]") and without clauses
    joined to it with a subject of their own ("the plan has failed, [and shareholders deserve a
    credible path]": judged apart)."""
    own = {c for c in subject.head.children if c.dep_ == "conj" and any(
        g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)}
    described = {t.i for t in content if t.dep_ in {"relcl", "acl"} or t in own for t in t.subtree}
    return [t for t in content if not (subject.left_edge.i <= t.i <= subject.right_edge.i) and t.i not in described]


#: Verbs by which an act shows something about others: what follows is no judgment of the act.
_SHOWING = frozenset({"show", "prove", "reveal", "demonstrate", "indicate", "suggest", "confirm", "highlight"})
#: Verbs whose object says how well their subject acted: "made a mistake", "did the right thing",
#: "committed a blunder"; "got it wrong" by its complement.
_CONDUCT_VERBS = frozenset({"make", "commit", "do", "get"})


def _conduct_words(head: Token) -> list[Token] | None:
    """The words that judge how the subject of ``head`` acted ("a serious mistake", "the right
    thing", "it wrong"), with the verb's negation; None if the clause does not judge conduct."""
    if head.lemma_.lower() not in _CONDUCT_VERBS:
        return None
    judged = [c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and head.lemma_.lower() != "get"]
    judged += [c for c in head.children if c.dep_ in {"oprd", "acomp", "ccomp"} and c.pos_ == "ADJ"
               and head.lemma_.lower() == "get"]
    if not judged:
        return None
    words = [c for c in head.children if c.dep_ == "neg"]
    for word in judged:  # the noun decides when it judges ("a historic blunder"), else its modifiers ("a terrible job")
        words += [word] if token_valence(word) else [t for t in word.subtree if t.dep_ not in _TAILS]
    return sorted(words, key=lambda t: t.i)


def _feeling(head: Token) -> bool:
    """Whether a copular clause says how its subject feels ("is pleased", "was disappointed"):
    the position adjectives of the predicate lexicon."""
    return any(c.dep_ in {"acomp", "attr"} and any(
        slots(key, "ADJ") for key in (c.lower_, c.lemma_.lower())) for c in head.children)


def claim_predicate(ctx: Context, claim: Claim, polarity: PolarityScorer | None) -> list[Candidate]:
    """What a claim predicates of its subject: "the decision is irresponsible", "These cuts are a
    disgrace", "the use by ICE makes immigrants less likely to report crimes"."""
    found = _content(ctx, claim)
    if found is None:
        return []
    head, content = found
    candidates = _predicated(ctx, claim, head, content, polarity)
    joined = [c for c in head.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and content.start <= c.i
              < content.end and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)]
    for root in joined + _other_sentence_heads(content, head):  # "It's Warhol. He is a legend."
        clause = ctx.doc[max(root.left_edge.i, content.start):min(root.right_edge.i + 1, content.end)]
        candidates += _predicated(ctx, claim, root, clause, None)
    return candidates


def _other_sentence_heads(content, head: Token) -> list[Token]:
    """The main verbs of a quotation's other sentences (a sentence's root, or the clause the
    closing speech verb governs), each a predication of its own."""
    start = sentence_of(head).start  # spaCy's Token.sent scans for the sentence at every call
    return [t for t in content if t.i != head.i and t.pos_ in {"VERB", "AUX"}
            and (t.dep_ == "ROOT" or not content.start <= t.head.i < content.end) and sentence_of(t).start != start]


def _predicated(ctx: Context, claim: Claim, head: Token, content, polarity: PolarityScorer | None) -> list[Candidate]:
    """What the clause at ``head`` predicates of its subject, judged by the lexicon (or, for a
    topic the lexicon cannot judge, by the polarity model when it is given)."""
    said_of = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None) or next(
        (c for c in head.children if c.dep_ in {"csubj", "csubjpass"} and c.pos_ == "VERB"), None)  # "raising taxes"
    # "the bill, which critics say would hurt renters": the clause is said of the bill
    subject = antecedent(said_of) if said_of is not None and said_of.lower_ in RELATIVE else said_of
    if said_of is not None and said_of.lower_ in {"that", "this"} and head.dep_ == "conj" and _is_copular(head):
        subject = _doer_of_clause_before(ctx, head)  # "the league made this decision, and that is unacceptable"
    if subject is None or said_of is None or subject.lower_ in _NEUTER:
        return []  # "it's heartbreaking": what "it" is, is not known here
    target = ctx.target(subject, claim.speaker)
    if target is None or target.actor is claim.speaker or _own_side(subject) or (
            target.kind == ACTOR and speaks_for(claim.speaker, target.actor)):
        return []  # "the Commission was ready to help", said its spokesperson: his own side, described
    # An actor or a named topic is judged only by what is predicated of it ("X is corrupt"); an
    # act or a policy also by what it is said to cause ("the use by ICE makes ... less likely").
    copular = _is_copular(head)
    conduct = None if copular else _conduct_words(head)
    if not copular and conduct is None and (target.kind == ACTOR or not _course_of_action(subject)):
        return []
    if head.lemma_.lower() in _SHOWING and any(c.dep_ == "ccomp" for c in head.children):
        return []  # "the fare increase showed the agency needed oversight": a finding about the agency
    if copular and (_feeling(head) or target.kind == ACTOR and head.lemma_.lower() == "feel"):
        return []  # "the administration would be pleased", "students felt unsafe": how they feel, not what they are
    if conduct is not None:  # "the board made a mistake": how well the subject acted, like what it is
        copular, words = True, conduct
    else:
        words = _complement_words(head) if copular else _predicate_words(content, said_of)
    infinitive = next((c for c in head.children if c.dep_ == "xcomp"), None)
    bearer = obliged(infinitive) if infinitive is not None else None
    if bearer is not None and bearer.i == head.i:
        words = [t for t in words if t.i != head.i]  # "the rules needed to be scrapped": "need" obliges, not praises
    change = None if copular else _amount_change(head)
    if change is not None:  # "would lower prices": the change of the amount, not the verb's own valence
        words = [t for t in words if t.i not in {head.i, change[0].i}]
    reading = valence_polarity(_clause_valence(head, words, copular) + (change[1] if change is not None else 0.0))
    if not copular and change is None:  # what it does to whom, before the words that describe them
        effect = verb_effect(head)
        done_to = next((c for c in head.children if c.dep_ == "dobj"), None)
        if effect is not None and effect[0] == "obj" and done_to is not None \
                and _anothers_gain(ctx.actor(done_to), claim.speaker):
            return []  # "the ruling benefited Spotify", said by its rival: no praise of the ruling
        reading = _effect_on_valued(ctx, head, claim.speaker) or reading
    if not copular and subject.pos_ == "VERB" and (change is not None or not _effect_on_valued(ctx, head, claim.speaker)):
        return []  # "increasing population would increase food needs": a process foretold, not a course judged
    strength = 0.9 if claim.certainty != "certain" else 1.0
    parsed = content if content.text == claim.text else None
    if reading is not None:
        return [_from_claim(claim, "claim_predicate", "lexicon", target, reading, head, strength, subject)]
    kind = ACT if target.kind == TOPIC and is_act_noun(subject) else target.kind
    if (target.kind == ACTOR or not copular or polarity is None or parsed is None
            or not (claim.start <= target.start and target.end <= claim.end)
            or not can_reach("claim_predicate", f"model:{kind}", strength)):
        return []  # (a model reading of a class calibrated too imprecise would be dropped: not asked)
    # words the lexicon cannot score ("the new policy was a step in the right direction")
    label, probability = polarity(claim.text, target.start - claim.start, target.end - claim.start, parsed)
    if label == "neutral" or probability < MODEL_THRESHOLD:
        return []
    return [_from_claim(claim, "claim_predicate", "model", target, FAVOR if label == "positive" else AGAINST, head,
                        strength * probability, subject)]


def _clause_valence(head: Token, words: list[Token], copular: bool) -> float:
    """The valence of what a clause says, its verb's negation reaching all its words ("had not
    caused the job losses" defends, however far the losses stand from the "not"), weakened and
    flipped as the lexicon does; a copular clause's words carry their negation themselves."""
    if copular or not any(c.dep_ == "neg" for c in head.children):
        return valence(words)
    return -0.5 * valence([t for t in words if not (t.dep_ == "neg" and t.head.i == head.i)])


def _doer_of_clause_before(ctx: Context, head: Token) -> Token | None:
    """For "that" judged in a clause joined to another ("X did Y, and that is unacceptable"), the
    subject of the clause before when it is an actor: the judgement is of X's act."""
    act = head.head
    if head.dep_ != "conj" or act.i >= head.i or not any(c.dep_ == "dobj" for c in act.children):
        return None  # an act done to something, not a state ("the city will never go back to normal")
    doer = next((c for c in act.children if c.dep_ == "nsubj"), None)
    return doer if doer is not None and ctx.actor(doer) is not None else None


def _amount_change(verb: Token) -> tuple[Token, float] | None:
    """The object of a verb that makes an amount go up or down, and whether that is good (+2) or
    bad (-2): "lower prices" is good, "cut jobs" bad (``stance_amounts.tsv``); negated, the other way."""
    table = amounts()
    direction = table.get((predicate_key(verb), "VERB")) or table.get((verb.lemma_.lower(), "VERB"))
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    quality = table.get((obj.lemma_.lower(), "NOUN")) if obj is not None else None
    if direction is None or quality is None:
        return None
    good = (direction == "up") == (quality == "good")
    if any(c.dep_ == "neg" for c in verb.children):
        good = not good
    return obj, 2.0 if good else -2.0


def _anothers_gain(affected, speaker) -> bool:
    """Whether an act's effect is on a named actor that is not the speaker nor one it speaks for:
    what helps or hurts it says nothing of the speaker's view of the act."""
    return affected is not None and affected.named and speaker is not None and not (
        affected is speaker or speaks_for(speaker, affected))


def _effect_on_valued(ctx: Context, verb: Token, speaker=None) -> str | None:
    """An act judged by its effect on the people or things it is done to, when the effects
    lexicon knows the verb (Deng & Wiebe): good for people is good ("would help victims of
    crime", "support struggling farmers": their sad words are no judgment of the act), and bad for
    what ``stance_worth.tsv`` says is bad to have is good ("will remove violent offenders", "punish
    corrupt officials"; "reward criminals" is bad); negated, the other way. A named actor is
    valued only by itself or who speaks for it ("the ruling benefits Spotify", said by its rival,
    praises nothing). None for other objects."""
    effect = verb_effect(verb)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if effect is None or effect[0] != "obj" or obj is None:
        return None
    lemma = obj.lemma_.lower()
    bad = lemma in bad_to_have() or any((c.lower_ if c.dep_ == "amod" else c.lemma_.lower()) in bad_to_have()
                                        for c in obj.children if c.dep_ in {"amod", "compound"})
    # "violent offenders", "gang members"; "abused children" are not abuse (the participle's own form)
    named = ctx.actor(obj)
    if _anothers_gain(named, speaker):
        return None
    if not bad and not (is_person_noun(lemma) or lemma in ORG_KIND_WORDS or named is not None):
        return None
    good = (effect[1] == "+") ^ bad ^ any(c.dep_ == "neg" for c in verb.children)
    return FAVOR if good else AGAINST


def claim_actors(ctx: Context, claim: Claim, polarity: PolarityScorer | None) -> list[Candidate]:
    """The actors a claim's main predicate is about (its subject or object), scored by the polarity
    model toward each: not every actor mentioned in passing."""
    found = _content(ctx, claim)
    if found is None or polarity is None:
        return []
    head, content = found
    if content.text != claim.text or reports_others_act(ctx, claim, head):
        return []
    candidates = []
    for i in range(content.start, content.end):  # the content's tokens that start a mention, in order
        if i not in ctx.mention_at or not argument_of(token := ctx.tokens[i], head):
            continue
        mention, actor = ctx.mention_at[token.i], ctx.actor_at.get(token.i)
        if actor is None or speaks_for(claim.speaker, actor) or not (
                claim.start <= mention.start and mention.end <= claim.end):
            continue  # a mention reaching outside the claim's words is scored by another claim or none
        label, probability = polarity(claim.text, mention.start - claim.start, mention.end - claim.start, content)
        if label == "neutral" or probability < MODEL_THRESHOLD:
            continue
        target = Target(ACTOR, actor.label(), mention.start, mention.end, actor)
        candidates.append(_from_claim(claim, "claim_actors", "model", target, FAVOR if label == "positive" else AGAINST,
                                      token, probability))
    return candidates


def reports_others_act(ctx: Context, claim: Claim, head: Token) -> bool:
    """Whether a claim's main predicate is a stance act between others: by someone the speaker
    does not speak for, on someone who is not the speaker. An act done to the speaker ("the
    Church imprisoned her") is the speaker's business."""
    if not verb_slots(head):
        return False
    objects = [c for c in head.children if c.dep_ in {"dobj", "dative", "nsubjpass"}]
    objects += [g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if not objects:
        return False  # "will end up harboring ...": no object, not an act on someone
    passive = any(c.dep_ == "nsubjpass" for c in head.children)
    # "the website is being attacked (by hackers)": whoever acts, on the passive subject
    actor = ctx.actor(passive_agent(head) if passive else acting_subject(head)[0])
    if actor is None and not passive or actor is not None and speaks_for(claim.speaker, actor):
        return False
    return not any((target := ctx.actor(o)) is not None and speaks_for(claim.speaker, target) for o in objects)


def argument_of(token: Token, head: Token) -> bool:
    """Whether ``token`` is the subject or object of ``head`` (through conjunctions and appositions)."""
    while token.dep_ in {"conj", "appos"} and token.head is not token:
        token = token.head
    if token.head.i != head.i and not (token.dep_ == "pobj" and token.head.head.i == head.i):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in {"for", "to"} and token.head.head.pos_ == "ADJ":
        return False  # "is bad for consumers": whom it is bad for, not what is judged
    return token.dep_ in _ARGUMENT_DEPS


_GRIEVANCE_CLASSES = frozenset({"harm", "oppose", "evaluate", "deprive"})


def grievance(candidate: Candidate) -> Candidate | None:
    """An act against the speaker that the speaker reports is the speaker's grievance: "Jane Roe
    said the Acme Corporation had imprisoned her" is Roe against Acme, besides Acme's act."""
    claim, target = candidate.claim, candidate.target
    if (candidate.modality != REPORTED or claim is None or target.kind != ACTOR or target.actor is None
            or candidate.polarity != AGAINST or candidate.predicate_class not in _GRIEVANCE_CLASSES
            or not speaks_for(claim.speaker, target.actor) or candidate.negated):
        return None
    mentions = [m for m in candidate.holder.mentions if m.end <= candidate.cue.idx]
    if not mentions:
        return None
    mention = mentions[-1]  # the doer's mention nearest before the act
    doer = Target(ACTOR, candidate.holder.label(), mention.start, mention.end, candidate.holder)
    return Candidate("grievance", claim.speaker, doer, AGAINST, candidate.cue, candidate.predicate_class,
                     False, ASSERTED, candidate.strength, claim, candidate.evidence)


def claim_names(ctx: Context, claim: Claim, polarity: PolarityScorer | None) -> list[Candidate]:
    """The people and organisations a claim names anywhere in its words ("Thanks to Governor Baker,
    our schools are the best in the nation"), each judged by the polarity model in
    its own sentence; only a very sure reading counts (:data:`NAMED_THRESHOLD`), and only in a
    sentence with a clearly evaluative word. Places and unnamed groups are left to the other
    constructions, the subject and objects of a one-sentence claim's main clause to :func:`claim_actors`."""
    if polarity is None or claim.polarity == "negative":
        return []
    span = ctx.doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is None:
        return []
    candidates = []
    evaluative: dict[int, bool] = {}  # sentence start -> whether it has a clearly evaluative word
    main = ctx.doc[claim.head] if claim.head >= 0 and span.text == claim.text else None
    for i in range(span.start, span.end):
        mention, actor = ctx.mention_at.get(i), ctx.actor_at.get(i)
        if main is not None and mention is not None and argument_of(ctx.tokens[i], main):
            continue  # claim_actors judges the main clause's arguments
        if (mention is None or actor is None or mention.kind != "name" or actor.type in {"Place", "Group"}
                or speaks_for(claim.speaker, actor) or not claim.start <= mention.start < mention.end <= claim.end):
            continue
        sentence = sentence_of(ctx.tokens[i])
        if sentence.start not in evaluative:
            evaluative[sentence.start] = any(abs(token_valence(t)) >= 1.0 for t in sentence)
        if not evaluative[sentence.start]:
            continue  # the model is rarely sure without one, and each call costs
        verb = _governing_verb(ctx.tokens[i])
        if verb is not None and reports_others_act(ctx, claim, verb):
            continue  # "the union had praised Baker": the union's act, not the speaker's side
        label, probability = polarity(sentence.text, mention.start - sentence.start_char,
                                      mention.end - sentence.start_char, sentence)
        if label == "neutral" or probability < NAMED_THRESHOLD:
            continue
        target = Target(ACTOR, actor.label(), mention.start, mention.end, actor)
        candidates.append(_from_claim(claim, "claim_names", "model", target,
                                      FAVOR if label == "positive" else AGAINST, ctx.tokens[i], probability))
    return candidates


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` in the parse."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None
