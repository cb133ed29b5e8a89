"""The last step of :mod:`kg.extract.coreference`: pronouns to the actors of their article.

``he``/``she``/``it``/``they`` go to the nearest compatible antecedent in their sentence, else to
the subject of the latest sentence with one (within :data:`_PRONOUN_SENTENCE_WINDOW`), never to
the speaker of the quotation they stand in nor, as an object, to the subject of their own verb ("a
lawyer interrogated him"), nor to a description in an "as" phrase, which says what someone was
("collected head shots as a kid ... throughout his life"); "he"/"she" prefer an actor of that gender.
A pronoun in a participle clause that opens its sentence is the one who does what it says, named
after it ("Discussing his concern, the prime minister, Najib Razak, said ...").
Registered in :data:`kg.extract.coreference.STEPS` after the description steps.
"""

from __future__ import annotations

import re

from .actor_lexicon import GOVERNMENT_WORDS, MEASURE_NOUNS, MEASURE_VERBS, ORG_SUFFIX_WORDS, PRONOUNS
from .actors import DESCRIPTION, GOVERNMENT, GROUP, NAME, ORGANIZATION, PERSON, PLACE, PRONOUN, WORK, Mention, clean_name
from .clusters import LocalActor
from .coreference import Context, person_gender, step
from .lexicon import SPEECH_VERBS

_PRONOUN_SENTENCE_WINDOW = 3


@step("pronoun")
def pronouns(context: Context) -> None:
    for i, m in enumerate(context.mentions):
        if m.kind != PRONOUN:
            continue
        target = _pronoun_target(context, i, m)
        reason = "pronoun"
        if target is None and PRONOUNS[m.head_lemma][2] == "person":
            target = _person_named_as_organisation(context, i, m)
            reason = "pronoun (name retyped as person)"
        if target is not None:
            context.clusters.attach(i, m, target, reason)
            if m.gender and target.type == PERSON:
                target.gender = target.gender or m.gender


def _compatible(pronoun: Mention, actor: "LocalActor", antecedent: Mention) -> bool:
    number, gender, animacy = PRONOUNS[pronoun.head_lemma]
    if animacy == "person":
        if actor.type != PERSON:
            return False
        return not (gender and actor.gender and gender != actor.gender)
    if animacy == "thing":
        return actor.type in {ORGANIZATION, GOVERNMENT, PLACE, WORK} and antecedent.number == "singular"
    # they / their: groups, plural descriptions, and organisations
    return actor.type in {GROUP, ORGANIZATION, GOVERNMENT} or antecedent.number == "plural"


def _person_named_as_organisation(context: Context, index: int, pronoun: Mention) -> "LocalActor | None":
    """A "he"/"she" with no person to refer to, right after a one-word name that the model tagged
    as an organisation and that is the subject of its sentence ("Kenney said ... He added"): that
    name is a person, and the actor is retyped."""
    for j in range(index - 1, -1, -1):
        m = context.mentions[j]
        if pronoun.sentence - m.sentence > 1:
            return None
        actor = context.clusters.of.get(j)
        if actor is None or m.kind != NAME:
            continue
        words = clean_name(m.text).split()
        if actor.type in {ORGANIZATION, GOVERNMENT} and len(words) == 1 and not words[0].isupper() \
                and words[0].lower() not in GOVERNMENT_WORDS | ORG_SUFFIX_WORDS and m.is_subject \
                and len(actor.names()) == 1:
            actor.type = PERSON
            return actor
        return None
    return None


def _quote_opening(text: str, offset: int) -> int | None:
    """Where the quotation an offset lies in opens (within its paragraph), or None."""
    start = text.rfind("\n", 0, offset) + 1
    opening = None
    for k in range(start, offset):
        c = text[k]
        if c == "“" or (c == '"' and opening is None):
            opening = k
        elif c in "”\"":
            opening = None
    return opening


def _quotation_speakers(context: Context, pronoun: Mention) -> list["LocalActor"]:
    """For a pronoun inside a quotation, the actors who say it (the subject of a speech verb
    outside the quotation, in the sentence where it opens or the pronoun's): a speaker calls
    themselves "I", so a "he" or "his" in their own words is someone else ('Braysmith said, "I
    think his photography is influential"')."""
    opening = _quote_opening(context.text, pronoun.start)
    if opening is None:
        return []
    opened_in = next((m.sentence for m in context.mentions if m.start >= opening), pronoun.sentence)
    found = []
    sentences, tokens = {opened_in, pronoun.sentence}, context.tokens
    for j, m in enumerate(context.mentions):
        if m.sentence in sentences and j in context.clusters.of and m.is_subject \
                and tokens[m.root].head.lemma_.lower() in SPEECH_VERBS \
                and _quote_opening(context.text, m.start) is None:
            found.append(context.clusters.of[j])
    return found


def _pronoun_target(context: Context, index: int, pronoun: Mention) -> "LocalActor | None":
    doc, mentions, clusters = context.doc, context.mentions, context.clusters
    if (ahead := _doer_of_opening_participle(context, index, pronoun)) is not None:
        return ahead
    if _measure_object(context, pronoun):
        return None
    candidates = []
    speakers = _quotation_speakers(context, pronoun)
    # an object "it" reaches back one sentence only: a thing further back that something is done
    # to is more often one no actor names ("... a position on the mine. Officials support it.")
    window = 1 if pronoun.head_lemma == "it" and not pronoun.is_subject else _PRONOUN_SENTENCE_WINDOW
    quoted = _block_sentences(context, pronoun)
    for j in range(index - 1, -1, -1):
        m = mentions[j]
        if pronoun.sentence - m.sentence - sum(m.sentence < k < pronoun.sentence for k in quoted) > window:
            break
        if (m.kind == PRONOUN and j not in clusters.of) or m.heading or m.sentence in quoted \
                or _predicative(doc, m):
            continue
        actor = clusters.of.get(j)
        if actor is None or not _compatible(pronoun, actor, m) or actor in speakers:
            continue
        if _place_as_modifier(doc, m, actor, pronoun) or _inside_reported_quotation(context, m, pronoun):
            continue
        if context.tokens[m.root].head.i == pronoun.root or _subject_of_its_verb(doc, m, pronoun):
            continue  # not its own dependent, nor the subject of the verb it is the object of
        if _things_between(context, m, pronoun, actor) or _measure_between(context, m, pronoun):
            continue
        candidates.append((m, actor))
    if not candidates:
        return None
    gender = PRONOUNS[pronoun.head_lemma][1]
    if gender is not None:  # "he" prefers Andy Warhol to Kristen Wilkins when both are near
        candidates = [(m, a) for m, a in candidates if person_gender(a) in {None, gender}] or candidates
    same = _plural_first(pronoun, [(m, a) for m, a in candidates if m.sentence == pronoun.sentence])
    if same:
        # In the same sentence: the subject of a clause above it binds it ("China criticized
        # Washington's policy and said it was ready": China), otherwise the nearest one does.
        return _binding_subject(doc, pronoun, same) or _subject_over_possessor(doc, pronoun, same) or same[0][1]
    latest = max(m.sentence for m, _ in candidates)
    in_latest = _plural_first(pronoun, [(m, a) for m, a in candidates if m.sentence == latest])
    subjects = [(m, a) for m, a in in_latest if m.is_subject]
    return (subjects[-1] if subjects else in_latest[0])[1]


def _things_between(context: Context, m: Mention, pronoun: Mention, actor: "LocalActor") -> bool:
    """Whether "they"/"them" has, between a singular body and itself in one sentence, things in
    the plural it more likely means ("rejected new EU rules that bar imports of goods, calling
    them discriminatory"): plural nouns heading a phrase that no actor's mention is."""
    if PRONOUNS[pronoun.head_lemma][0] != "plural" or m.number == "plural" or actor.type == GROUP \
            or m.sentence != pronoun.sentence:
        return False
    return any(t.tag_ == "NNS" and t.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj", "conj"}
               and context.actor_at(t.i) is None for t in context.tokens[m.root + 1:pronoun.root])


def _measure_between(context: Context, m: Mention, pronoun: Mention) -> bool:
    """Whether an object "it" has, between an actor's mention and itself, a measure, bill or plan
    no actor's mention covers ("Streeting told the BBC ... Kruger, who leads opposition to the
    bill, called it dangerous": the bill, not the BBC; ``actor_lexicon.MEASURE_NOUNS``)."""
    if pronoun.head_lemma != "it" or pronoun.is_subject:
        return False
    return any(t.lemma_.lower() in MEASURE_NOUNS and t.tag_ == "NN" and context.actor_at(t.i) is None
               for t in context.tokens[m.root + 1:pronoun.root])


def _measure_object(context: Context, pronoun: Mention) -> bool:
    """Whether the pronoun is "it" as the object of a verb that takes a measure, bill or plan
    ("reject it", "vetoed it"; ``actor_lexicon.MEASURE_VERBS``): no body or country is meant."""
    token = context.tokens[pronoun.root]
    if pronoun.head_lemma != "it" or token.dep_ not in {"dobj", "obj"}:
        return False
    verb = token.head
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return verb.lemma_.lower() in MEASURE_VERBS or f"{verb.lemma_.lower()}_{particle}" in MEASURE_VERBS


def _block_sentences(context: Context, pronoun: Mention) -> set[int]:
    """The sentences of block quotations — paragraphs after a paragraph that ends with a colon
    ("the Times gave Clinton a glowing endorsement:") — other than the pronoun's own: another's
    words, neither antecedents of a pronoun after them nor counted in its window ("Meanwhile, it
    attacked Trump" is the Times)."""
    text = context.text
    blocks = [(m.end(), text.find("\n", m.end()) % (len(text) + 1)) for m in _AFTER_COLON.finditer(text)]
    blocks = [(a, b) for a, b in blocks if not a <= pronoun.start < b]
    if not blocks:
        return set()
    return {k for k, start in enumerate(context.sentence_starts()) if any(a <= start < b for a, b in blocks)}


_AFTER_COLON = re.compile(r":[ \t]*\n\s*\n?")


def _place_as_modifier(doc, m: Mention, actor: "LocalActor", pronoun: Mention) -> bool:
    """A place named only to describe another word ("Arizona Governor Katie Hobbs", "a
    Brussels-based group") is not what a following "it" means: "Some local officials support it"
    is about the mine of the sentence before, not Arizona."""
    return actor.type == PLACE and PRONOUNS[pronoun.head_lemma][2] == "thing" \
        and doc[m.root].dep_ in _MODIFIER_DEPS


_MODIFIER_DEPS = frozenset({"compound", "npadvmod", "amod", "nmod"})


def _inside_reported_quotation(context: Context, m: Mention, pronoun: Mention) -> bool:
    """Whether ``m`` stands in the quotation that the pronoun, subject of a verb of saying outside
    it, reports in the same sentence: in '"Greg Pell is an honest man," he said' the speaker is not
    Pell but someone named before (a speaker calls themselves "I")."""
    token = context.doc[pronoun.root]
    if m.sentence != pronoun.sentence or token.dep_ != "nsubj" or token.head.lemma_.lower() not in SPEECH_VERBS:
        return False
    text = context.text
    return _quote_opening(text, m.start) is not None and _quote_opening(text, pronoun.start) is None


def _binding_subject(doc, pronoun: Mention, candidates: list) -> "LocalActor | None":
    """The candidate that is the subject of a clause above a subject pronoun: of the verb that
    reports the pronoun's clause, or of the verb that one is coordinated with."""
    token = doc[pronoun.root]
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    subjects = {m.root: actor for m, actor in candidates if m.is_subject}
    verb = token.head
    for _ in range(4):
        if verb.dep_ not in {"ccomp", "conj", "xcomp"} or verb.head.i == verb.i:
            return None
        verb = verb.head
        found = next((subjects[c.i] for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in subjects),
                     None)
        if found is not None:
            return found
    return None


def _subject_over_possessor(doc, pronoun: Mention, candidates: list) -> "LocalActor | None":
    """For a subject pronoun whose nearest candidate only owns something the clause above is
    done to ("the agency ignored the tribe's rights when it approved the permit"), the subject of
    that clause: a possessor inside the object is less prominent than the subject."""
    token = doc[pronoun.root]
    nearest = doc[candidates[0][0].root]
    if token.dep_ not in {"nsubj", "nsubjpass"} or nearest.dep_ != "poss" \
            or nearest.head.dep_ not in {"dobj", "pobj", "attr"}:
        return None
    verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"} and nearest in a.subtree
                 and a.i != token.head.i), None)
    if verb is None:
        return None
    return next((actor for m, actor in candidates if m.is_subject and doc[m.root].head.i == verb.i), None)


def _opening_participle(doc, token):
    """The participle clause without a subject of its own that opens the sentence and holds the
    token ("Discussing his concern in a statement, ..."), or None."""
    for clause in [token, *token.ancestors]:
        if clause.dep_ in {"advcl", "acl"} and clause.tag_ in {"VBG", "VBN"}:
            sentence = clause.sent
            first = next(t for t in sentence if not (t.is_punct or t.is_space))
            if clause.left_edge.i == first.i and clause.right_edge.i + 1 < sentence.end \
                    and doc[clause.right_edge.i + 1].text == "," \
                    and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
                return clause
            return None
    return None


def _doer_of_opening_participle(context: Context, index: int, pronoun: Mention) -> "LocalActor | None":
    """A pronoun in a participle clause that opens its sentence stands for the one who does what
    the participle says, the first actor after the clause: "Discussing his concern in a statement,
    Malaysia's Prime Minister, Najib Razak said ..." (his is Najib Razak's, whoever came before)."""
    doc = context.doc
    clause = _opening_participle(doc, doc[pronoun.root])
    if clause is None:
        return None
    after = doc[clause.right_edge.i].idx + len(doc[clause.right_edge.i])
    for j in range(index + 1, len(context.mentions)):
        m = context.mentions[j]
        if m.sentence != pronoun.sentence:
            return None
        if m.start < after or doc[m.root].dep_ == "poss":
            continue  # "Malaysia's" in "Malaysia's Prime Minister"
        actor = context.clusters.of.get(j)
        if actor is None or m.kind == PRONOUN:
            return None
        return actor if _compatible(pronoun, actor, m) else None
    return None


def _predicative(doc, m: Mention) -> bool:
    """A description in an "as" phrase says what someone was, it is no one to refer back to: in
    "he collected head shots as a kid and continued ... throughout his life", "his" is not the kid."""
    token = doc[m.root]
    return m.kind == DESCRIPTION and token.dep_ == "pobj" and token.head.lower_ == "as"


def _subject_of_its_verb(doc, m: Mention, pronoun: Mention) -> bool:
    """Whether ``m`` is the subject of the verb whose object the (not reflexive) pronoun is: in "a
    church lawyer interrogated him" or "the mayor thanked her for it", "him" and "her" are someone
    else (a reflexive, "himself", would be the subject)."""
    token = doc[pronoun.root]
    if token.lower_.endswith(("self", "selves")):
        return False
    if token.dep_ in {"dobj", "dative"}:
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ in {"prep", "dative"}:
        verb = token.head.head
    else:
        return False
    subject = doc[m.root]
    while subject.dep_ == "appos" and subject.head.i != subject.i:  # "X, a Brussels-based group, called it"
        subject = subject.head
    return verb.pos_ in {"VERB", "AUX"} and subject.head.i == verb.i and subject.dep_ in {"nsubj", "nsubjpass"}


def _plural_first(pronoun: Mention, candidates: list[tuple[Mention, "LocalActor"]]) -> list[tuple[Mention, "LocalActor"]]:
    """For "they", the plural mentions and groups among the candidates of one sentence, when
    there are any: "they" names people or bodies spoken of in the plural before a singular
    organisation."""
    if PRONOUNS[pronoun.head_lemma][0] != "plural":
        return candidates
    return [(m, a) for m, a in candidates if m.number == "plural" or a.type == GROUP] or candidates
