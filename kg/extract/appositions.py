"""The ``apposition`` step of :mod:`kg.extract.coreference`: a title, an apposition or a
predicative description of a name is that actor ("Philadelphia's Democratic mayor, Jim Kenney",
"David Knopman, MD, a Mayo Clinic neurologist", "Kenney is the mayor", "a retired teacher named
Carol Diaz"), as is what someone is called by another ("called Gomez 'an extremist'", without
becoming her role). Registered before the description steps.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .actors import PERSON, Mention
from .clusters import LocalActor
from .coreference import Context, _same_gender, step

@step("apposition", before="named description")
def appositions(context: Context) -> None:
    for i, m in context.open_descriptions():
        if m.title_of is not None and (target := context.actor_at(m.title_of)) is not None:
            context.clusters.attach(i, m, target, "title")
            continue
        target = _title_partner(context, m)
        if target is not None and (target.type == PERSON) == (m.type == PERSON) and _same_gender(m, target):
            context.clusters.attach(i, m, target, "apposition")
            continue
        target = _predicated_of(context, m)
        if target is not None and target.type == PERSON == m.type and _same_gender(m, target):
            context.clusters.attach(i, m, target, "predicative role")
            continue
        target = _called(context, m)
        if target is not None and (target.type == PERSON) == (m.type == PERSON):
            context.clusters.attach(i, m, target, "what it is called", describes=False)  # someone's word, no role


#: Verbs that call their object something: what it is called is no actor of its own.
_NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "deem", "term", "describe", "portray", "paint"})


def _called(context: Context, m: Mention) -> "LocalActor | None":
    """The named actor a description calls something ("called Gomez 'an extremist' who ...",
    "branded the governor a traitor"): the object of the naming verb."""
    token = context.doc[m.root]
    verb = token.head
    if verb.lemma_.lower() not in _NAMING_VERBS or token.dep_ not in {"oprd", "dobj"}:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < token.i]
    if not objects:
        return None
    target = context.actor_at(objects[0].i)
    return target if target is not None and target.named else None


def _predicated_of(context: Context, m: Mention) -> "LocalActor | None":
    """The named person a description is said of: "Kenney is the mayor", "Bernier was forced to
    resign as Foreign Affairs minister", "the party named Smith as its candidate" (the object,
    when the verb has one)."""
    token = context.doc[m.root]
    if token.dep_ == "attr" and token.head.lemma_ in {"be", "become", "remain"}:
        verb = token.head
    elif token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ in {"VERB", "AUX"}:
        verb = token.head.head
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects:
            target = context.actor_at(objects[0].i)
            return target if target is not None and target.named else None
    else:
        return None
    while not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) and verb.dep_ in {"xcomp", "conj"} \
            and verb.head is not verb:
        verb = verb.head  # "was forced to resign as ...": the subject of "forced"
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    target = context.actor_at(subject.i) if subject is not None else None
    return target if target is not None and target.named else None


def _tokens_before(context: Context, first: int, end: int) -> list:
    """The tokens from index ``first`` on that start before character ``end``: offsets rise with
    the indices, so the scan stops at the first token past ``end`` instead of going through the
    rest of the document (once per description: 0.5 s of CPU per 200 news articles)."""
    tokens, stop = context.tokens, first
    while stop < len(tokens) and tokens[stop].idx < end:
        stop += 1
    return tokens[first:stop]


def _title_partner(context: Context, m: Mention) -> "LocalActor | None":
    """The named actor a description stands in apposition to or is a title of: "the team's coach,
    Alireza Mehraban", "American academic Marc Lamont Hill", "Enver Solomon, CEO of the Refugee
    Council", "David Knopman, MD, a Mayo Clinic neurologist, panel member, and an investigator"."""
    doc = context.doc
    token = doc[m.root]
    if m.type != PERSON and any(c.dep_ == "cc" for c in token.children):
        return None  # "Johnson Space Center, the greater Houston community and the State of Texas": a list
    candidates = [c for c in token.children if c.dep_ == "appos"]
    if m.type == PERSON:  # "the president of X, Dr. James Whitfield,"
        candidates += [c for t in _tokens_before(context, token.i + 1, m.end) for c in t.children
                       if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    candidates += [g for c in token.children if c.dep_ == "acl" and c.lower_ in {"named", "called"}
                   for g in c.children if g.dep_ in {"oprd", "dobj", "attr"}]  # "a retired teacher named Carol Diaz"
    if token.dep_ in {"appos", "compound", "nmod"}:
        candidates.append(token.head)
        up = token.head
        while up.dep_ == "appos" and up.head is not up:  # "Kiara Perkins, a second year, USI art major"
            up = up.head
            candidates.append(up)
    head = token
    while head.dep_ == "conj" and head.head is not head:  # "a neurologist, panel member, and an investigator"
        head = head.head
        if head.dep_ == "appos":
            candidates.append(head.head)
    for candidate in candidates:
        target = context.actor_at(candidate.i)
        if target is not None and target.named:
            return target
    # "Ban Ki-moon, the secretary general of the United Nations, said": a name, a comma, and
    # the description set off by a comma or dash after it.
    text, of = context.text, context.clusters.of
    coordinated = context.actor_at(token.head.i) if token.dep_ == "conj" else None
    if coordinated is not None and coordinated.named and any(t.dep_ == "cc" for t in token.head.subtree):
        # "offended Hispanics, women, the disabled and …": an item of a list beside the name (not
        # "Charles Bolden, NASA Administrator", which the parser may also coordinate)
        return None
    if text[m.end:m.end + 1] in {",", "—", ")", "\n", ""} or text[m.end:m.end + 2] in {" —", " -"}:
        before = context.names_ending(_set_off(text, m.start, -1, {",", "—", "-", "("}))
        for j in before:
            if j in of:
                return of[j]
    # "Malaysia's Prime Minister, Najib Razak said": a person's description, a comma and the
    # person's name, which then says something or closes the apposition with a comma.
    if m.type == PERSON and m.number == "singular":
        for j in context.names_starting(_set_off(text, m.end, 1, {","})):
            if j in of and of[j].type == PERSON and _closes_apposition(doc, context.mentions[j]):
                return of[j]
    # A name right after the description's phrase, in the same noun phrase; not one the
    # description owns ("The government's Flag Consideration Project").
    if token.dep_ == "poss":
        return None
    right = token.right_edge.i + 1
    while right < len(doc) and doc[right].text in {",", "—", "-"}:
        right += 1
    at = doc[min(right, len(doc) - 1)].idx
    for j in context.names_starting([at, at + 1]):
        if j in of:
            other = context.mentions[j]
            name_root = doc[other.root]
            if name_root.head.i == token.i or token.head.i == name_root.i or name_root.is_ancestor(token) \
                    or token.is_ancestor(name_root):
                return context.clusters.of[j]
    return None


def _set_off(text: str, at: int, step: int, marks: set[str]) -> list[int]:
    """The offsets ``p`` before ``at`` (``step`` -1: ``text[p:at]``) or after it (``step`` 1:
    ``text[at:p]``) where the text between is one of ``marks`` alone, with any spaces around it."""
    found, mark = [], None
    p = at + min(step, 0)
    while 0 <= p < len(text):
        if not text[p].isspace():
            if mark is not None:
                break
            mark = text[p]
        if mark in marks:
            found.append(p if step < 0 else p + 1)
        p += step
    return found


def _closes_apposition(doc: Doc, name: Mention) -> bool:
    """Whether what follows a name ends an apposition: a comma or dash, a verb the name is the
    subject of ("..., Najib Razak said"), or the end of the sentence when the parse makes the name
    the description's apposition ("the death of their nine-month-old child, Gloria."); not "and"
    (a list of people)."""
    after = next((t for t in doc[doc[name.root].i + 1:] if t.idx >= name.end and not t.is_space), None)
    return after is not None and (after.text in {",", "—", "-"} or (after.pos_ in {"VERB", "AUX"} and name.is_subject)
                                  or (after.text in {".", ";"} and doc[name.root].dep_ == "appos"))
