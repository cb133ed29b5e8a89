"""Descriptions and pronouns to the actors of their article, after names are resolved.

Each rule is one step, registered in :data:`STEPS` and run in that order by
:func:`kg.extract.resolve.resolve_document`; each link keeps its rule's name as its reason:

* ``apposition``: a title or apposition of a name ("Philadelphia's Democratic mayor, Jim
  Kenney", "David Knopman, MD, a Mayo Clinic neurologist") is that person's role, not a node;
* ``definite description``: "the city", "the mayor", "the former president", "the agency" ->
  the one named actor that fits (the dateline's place for "the city");
* ``official of the organisation``: unnamed officials, spokespeople, staff, lawyers and
  leadership speak and act as their organisation ("ICE officials", "agency officials",
  "Justice Department lawyers", "city staff", "the UAW's leadership"); "the mayor's office" is
  the mayor (guideline 2 of the stance development set);
* ``same description``: "a judge" ... "a judge" in one article;
* ``document of its author``: a lawsuit, report or letter that speaks is its filer or author
  ("X filed a lawsuit ... The lawsuit alleges");
* ``pronoun``: he/she/it/they -> the nearest compatible antecedent (:mod:`kg.extract.pronouns`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from spacy.tokens import Doc, Token

from .actor_lexicon import (ACTOR_NOUNS, AUTHORED_NOUNS, AUTHORING_VERBS, CITY_STATES, CITY_WORDS, COUNTRIES,
                            COUNTRY_WORDS, DOCUMENT_VERBS, LOCAL_PLACE_WORDS, OFFICIAL_NOUNS, ORG_KIND_WORDS,
                            PERSONAL_VOICE_NOUNS, RANK_WORDS, ROLE_MODIFIERS, role_sense)
from .actors import DESCRIPTION, GOVERNMENT, GROUP, NAME, ORGANIZATION, PERSON, PLACE, WORK, Mention, clean_name
from .clusters import Clusters, LocalActor, strip_article
from .names import fold, likely_gender, org_key, well_known
from .nlp import doc_text, doc_tokens


POSSESSIVE_DETERMINERS = {"his", "her", "their", "its", "our", "my", "your"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those"}
#: A bare "the organization" may mean the body named at most this many sentences before.
_DESCRIPTION_SENTENCE_WINDOW = 2
#: Nouns for a body of any kind ("the organization", "the group"): they may mean a government
#: body as well as any other organisation.
GENERIC_BODY_NOUNS = {"organization", "organisation", "group", "body", "institution", "entity"}
#: Nouns for a kind of body that an organisation named otherwise can be ("the company" for
#: "Microsoft", "the agency" for "NASA"); "the police" or "the court" are bodies of their own.
KIND_BODY_NOUNS = {"company", "firm", "corporation", "agency", "department", "ministry", "bureau", "charity", "bloc",
                   "website", "newspaper", "magazine", "network", "broadcaster", "station", "tabloid"}
_BODIES = {ORGANIZATION, GOVERNMENT, PLACE}
#: Plural nouns that name one body ("the authorities" may be the ministry named before).
_ONE_BODY_PLURALS = {"authorities", "authority", "police"}


@dataclass
class Context:
    """One article's mentions and its actors while descriptions and pronouns are resolved."""

    doc: Doc
    mentions: Sequence[Mention]
    clusters: "Clusters"
    dateline_place: str | None = None
    text: str = field(init=False)
    tokens: list[Token] = field(init=False, repr=False)  # index it instead of ``doc[i]`` (a new Token each time)
    _edges: "tuple[dict[int, list[int]], dict[int, list[int]]] | None" = field(init=False, default=None, repr=False)
    _sentence_starts: "list[int] | None" = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.text = doc_text(self.doc)
        self.tokens = doc_tokens(self.doc)

    def actor_at(self, token_index: int) -> "LocalActor | None":
        """The actor of the mention whose head is this token, else of the name that covers it
        ("moon" in "Ban Ki-moon")."""
        offset = self.doc[token_index].idx
        covering = None
        for i, m in enumerate(self.mentions):
            if i not in self.clusters.of:
                continue
            if m.root == token_index:
                return self.clusters.of[i]
            if covering is None and m.kind == NAME and m.start <= offset < m.end:
                covering = self.clusters.of[i]
        return covering

    def names_starting(self, offsets: Sequence[int]) -> list[int]:
        """Indices of the name mentions starting at any of ``offsets``, in mention order."""
        return sorted(j for offset in offsets for j in self._names_by_edge()[0].get(offset, ()))

    def names_ending(self, offsets: Sequence[int]) -> list[int]:
        """Indices of the name mentions ending at any of ``offsets``, in mention order."""
        return sorted(j for offset in offsets for j in self._names_by_edge()[1].get(offset, ()))

    def _names_by_edge(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """The name mentions by start and by end offset (made once: mentions do not move)."""
        if self._edges is None:
            starts: dict[int, list[int]] = {}
            ends: dict[int, list[int]] = {}
            for j, m in enumerate(self.mentions):
                if m.kind == NAME:
                    starts.setdefault(m.start, []).append(j)
                    ends.setdefault(m.end, []).append(j)
            self._edges = (starts, ends)
        return self._edges

    def sentence_starts(self) -> list[int]:
        """The character offset where each sentence of the document starts, in order (made once:
        spaCy finds the sentences anew on every pass over ``doc.sents``)."""
        if self._sentence_starts is None:
            self._sentence_starts = [sentence.start_char for sentence in self.doc.sents]
        return self._sentence_starts

    def open_descriptions(self) -> list[tuple[int, Mention]]:
        return [(i, m) for i, m in enumerate(self.mentions) if m.kind == DESCRIPTION and i not in self.clusters.of]


Step = Callable[[Context], None]
#: The steps, in the order they run.
STEPS: dict[str, Step] = {}


def step(name: str, before: str | None = None) -> Callable[[Step], Step]:
    """Register a step last, or just before the step named ``before``."""
    def register(function: Step) -> Step:
        STEPS[name] = function
        if before is not None:
            order = list(STEPS)
            order.remove(name)
            order.insert(order.index(before), name)
            for key in order:
                STEPS[key] = STEPS.pop(key)
        return function
    return register


def _same_gender(m: Mention, actor: "LocalActor") -> bool:
    """Whether a description's noun can name the person ("his mother" is not Daniel)."""
    return not m.gender or person_gender(actor) in {None, m.gender}


# --------------------------------------------------------------------------- definite descriptions


def _is_official(m: Mention) -> bool:
    return m.head_lemma in OFFICIAL_NOUNS and (m.owner_root is not None)


@step("named description")
def named_descriptions(context: Context) -> None:
    """A description whose words are an organisation's name ("the Indonesian navy" for "the
    Indonesian Navy")."""
    bodies = [a for a in context.clusters.actors if a.named and a.type in {ORGANIZATION, GOVERNMENT}]
    if not bodies:
        return
    keys = {org_key(n): a for a in bodies for n in a.names()}
    for i, m in context.open_descriptions():
        target = keys.get(org_key(m.text))
        if target is not None:
            context.clusters.attach(i, m, target, "name")
        elif m.definite and m.type in {ORGANIZATION, GOVERNMENT} and (target := _paraphrased(m, bodies)) is not None:
            context.clusters.attach(i, m, target, "description of the name")


def _paraphrased(m: Mention, bodies: list["LocalActor"]) -> "LocalActor | None":
    """The one named body a definite description paraphrases: its describing words are words of
    the name, and its noun names the name's kind ("the oversight panel" for "the House Oversight
    and Government Reform Committee")."""
    words = {w.lower() for w in m.tokens[:-1] if w.isalpha()} - _DETERMINERS - POSSESSIVE_DETERMINERS - ROLE_MODIFIERS
    if not words:
        return None
    sense = role_sense(m.head_lemma)
    found = {id(a): a for a in bodies for n in a.names() if (name := fold(n).split())
             and role_sense(name[-1]) == sense and words <= set(name)}
    return next(iter(found.values())) if len(found) == 1 else None


@step("definite description")
def definite_descriptions(context: Context) -> None:
    for i, m in context.open_descriptions():
        if m.definite and not _is_official(m) and m.type != WORK:
            target = _definite_target(context, m)
            if target is not None:
                context.clusters.attach(i, m, target, "definite description")


@step("body of that kind named in the article")
def bodies_of_their_kind(context: Context) -> None:
    """"Police" or "the police" (a bare kind noun for a body, no other word) is the one body of
    that kind the article names, before or after it: "arrested by police ... Police arrested
    the student ... the Irving Police Department has asserted" (news names the police of the
    story once, anywhere). Two named bodies of the kind, or none, leave the description alone."""
    bodies = [a for a in context.clusters.actors if a.named and a.type in {ORGANIZATION, GOVERNMENT}]
    if not bodies:
        return
    for i, m in context.open_descriptions():
        if _bare_kind_noun(m):
            named_kind = [a for a in bodies if any(m.head_lemma in _name_words(n) for n in a.names())]
            if len(named_kind) == 1:
                context.clusters.attach(i, m, named_kind[0], "body of that kind named in the article")


def _bare_kind_noun(m: Mention) -> bool:
    """Whether a description is only a kind noun for one body ("police", "the police"; not
    "a police", "police officers", "companies": a bare plural is no one body)."""
    if m.head_lemma not in ORG_KIND_WORDS or len(_role_words(m)) != 1 or _is_official(m):
        return False
    return [w.lower() for w in m.tokens] in ([m.head_lemma], ["the", m.head_lemma])


def _role_words(m: Mention) -> list[str]:
    words = [w for w in clean_name(m.text).lower().split() if w not in ROLE_MODIFIERS and w not in _DETERMINERS]
    return words


def _before(context: Context, offset: int) -> list["LocalActor"]:
    return [a for a in context.clusters.actors if a.named and any(x.start < offset for x in a.mentions)]


def _definite_target(context: Context, m: Mention) -> "LocalActor | None":
    """The one named actor that a bare definite description ("the city", "the mayor") can mean.

    Only "the" + head noun (and words like "former" that do not change the role) qualifies:
    "the religious schools" or "the regional government" say more than the actor's kind, so
    they stay descriptions of their own.
    """
    person = m.type == PERSON and m.number == "singular"
    if len(_role_words(m)) != 1 and not person:
        if m.head_lemma in KIND_BODY_NOUNS and m.number == "singular" and _descriptive(m):
            # "PolitiFact says ... the “fact-checking” website": the body just named
            bodies = [a for a in _before(context, m.start) if a.type in {ORGANIZATION, GOVERNMENT}]
            return _latest(bodies, m.start, m.sentence)
        return None  # "the computer specialist" may name a role; "the regional government" is no name
    if m.head_lemma in KIND_BODY_NOUNS | ORG_KIND_WORDS and m.number == "singular":
        body = _body_of_post_in_sentence(context, m)
        if body is not None:
            return body
    return kind_target(context, m.head_lemma, m.type, m.number, m.start, m.sentence, m.role_of,
                       rank=rank_words(" ".join(m.tokens)) if person else None, not_=_co_subject(context, m))


def _body_of_post_in_sentence(context: Context, m: Mention) -> "LocalActor | None":
    """ "Sage's chief executive, Barry Greene, said the company was grateful": the body whose post
    a person named earlier in the same sentence holds, when it is one named body of the description's
    kind ("Holtec's chief executive thanked the commission" is no thanks to Holtec)."""
    posts = {fold(r[2]) for a in context.clusters.actors if a.type == PERSON
             and any(x.sentence == m.sentence and x.start < m.start for x in a.mentions) for r in a.roles if r[2]}
    if not posts:
        return None
    bodies = [a for a in _before(context, m.start) if a.type in {ORGANIZATION, GOVERNMENT} and any(
        fold(n) in posts or any(set(p.split()) <= set(_name_words(n)) for p in posts) for n in a.names())]
    if len(bodies) != 1 or not _fits_kind(bodies[0], m.head_lemma):
        return None
    return bodies[0]


def _fits_kind(body: "LocalActor", kind: str) -> bool:
    """Whether a body may be called "the <kind>": any for a kind that names bodies without being in
    their names ("the company", "the department"); else its name holds the word ("the commission"
    is the Federal Trade Commission, not Holtec)."""
    return kind in KIND_BODY_NOUNS or any(kind in _name_words(n) for n in body.names())


def _co_subject(context: Context, m: Mention) -> "LocalActor | None":
    """The actor that is the subject of the verb a description is the object of: "The White House
    criticized the company" is about another company than the White House (a description is no
    reflexive)."""
    token = context.tokens[m.root]
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    if token.dep_ not in {"dobj", "pobj"} or verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    while subject is None and verb.dep_ == "conj" and verb.head is not verb:
        # "the union said ... and accused the company": the first verb's subject; when the parse
        # joins it to the reported clause ("said the closure would put ... and accused"), a verb of
        # another form belongs to the reporting verb
        head = verb.head
        verb = head.head if head.dep_ == "ccomp" and head.tag_ != verb.tag_ else head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return context.actor_at(subject.i) if subject is not None else None


def rank_words(role: str) -> frozenset[str]:
    """The words of a role that make it another office ("prime", "vice", "deputy")."""
    return frozenset(w for w in fold(role).replace("-", " ").split() if w in RANK_WORDS)


#: Words by which a description sets its body apart from the one named before.
_CONTRASTING = {"other", "another", "rival", "second", "different", "competing", "parent", "sister", "partner",
                "subsidiary", "foreign", "local", "state", "federal"}


def _descriptive(m: Mention) -> bool:
    """Whether the words before a description's head only describe (lower-case, no proper name,
    nothing that sets it apart: "the fact-checking website", not "the rival company")."""
    words = [w for w in m.tokens[:-1] if any(c.isalnum() for c in w)]  # "the “fact-checking” website"
    words = [w for w in words if w.lower() not in _DETERMINERS | ROLE_MODIFIERS]
    return bool(words) and all(w.islower() and w.isalpha() and w not in _CONTRASTING for w in words)


def kind_target(context: Context, head: str, type_: str, number: str, offset: int,
                sentence: int | None = None, role_of: str | None = None,
                rank: frozenset[str] | None = None, not_: "LocalActor | None" = None) -> "LocalActor | None":
    """The one named actor before ``offset`` that a noun for its kind or role can mean (a role
    "of" a place or body only one held of it or of nothing said: "Philadelphia's mayor" is not
    Chicago's; with ``rank``, a role with those rank words only: "the prime minister" is no
    minister of education); with the ``sentence`` of the noun, a generic one ("the
    organization") may also mean the body mentioned just before (see :func:`_latest`); never
    ``not_``, the subject of its own verb."""
    before = [a for a in _before(context, offset) if a is not not_]
    if type_ in {PERSON, GROUP} and number == "singular":
        sense = role_sense(head)  # "Pagliano's lawyer" is "an attorney for Pagliano"
        holders = [a for a in before if a.type == PERSON and any(
            role_sense((r[0] or "").rsplit(" ", 1)[-1]) == sense
            and (not role_of or not r[2] or fold(r[2]) == fold(role_of))
            and (rank is None or rank_words(r[0] or "") == rank) for r in a.roles)]
        return holders[0] if len(holders) == 1 else None
    if head in CITY_WORDS:
        return _the_place(context, [a for a in before if a.type == PLACE and _place_of_kind(a, head)])
    if head in ORG_KIND_WORDS or ACTOR_NOUNS.get(head) in {ORGANIZATION, GOVERNMENT}:
        if number == "plural" and head not in _ONE_BODY_PLURALS:
            return None  # "the employers", "the companies": several bodies, not the one named last
        bodies = [a for a in before if a.type in {ORGANIZATION, GOVERNMENT}]
        named_kind = [a for a in bodies if any(head in _name_words(n) for n in a.names())] \
            or [a for a in bodies if _described_as(a, head, offset)]
        if len(named_kind) == 1:
            return named_kind[0]
        if head in {"administration", "government"}:
            return None  # "the government" is no ministry or agency named before (a part of it)
        if named_kind:
            return _latest(named_kind, offset, sentence) if sentence is not None else None
        same_type = [a for a in bodies if a.type == type_ or head in GENERIC_BODY_NOUNS]
        if len(same_type) == 1:
            return same_type[0]
        if sentence is None or head not in GENERIC_BODY_NOUNS | KIND_BODY_NOUNS:
            return None  # "the police", "the court" mean a body of that kind, not the last one named
        if type_ == GOVERNMENT:  # "the department" may be "Environment Canada", whose name says no kind
            return _latest(bodies, offset, sentence)
        return _latest(same_type, offset, sentence)
    return None


def _described_as(actor: "LocalActor", head: str, offset: int) -> bool:
    """Whether a named body was described before ``offset`` by a noun for its kind ("PolitiFact
    ... the fact-checking website": then "the website" is PolitiFact, however many bodies come
    between)."""
    return any(x.kind == DESCRIPTION and x.head_lemma == head and x.start < offset and x.number == "singular"
               for x in actor.mentions)


def _name_words(name: str) -> list[str]:
    """The words of a name, and of the full name a well-known acronym stands for ("NASA" ->
    "national aeronautics and space administration")."""
    known = well_known(name)
    return fold(name).split() + (known.key.split() if known is not None else [])


def _latest(actors: list["LocalActor"], offset: int, sentence: int | None = None) -> "LocalActor | None":
    """The one actor mentioned last before ``offset``, or None; with ``sentence``, only when
    that last mention is within :data:`_DESCRIPTION_SENTENCE_WINDOW` sentences of it and no
    other of the actors is mentioned in that same sentence: the most recent body is the one a
    bare "the company" or "the organization" goes on talking about."""
    last = sorted((max((x.start, x.sentence) for x in a.mentions if x.start < offset) + (a,) for a in actors),
                  key=lambda x: -x[0])
    if not last:
        return None
    if sentence is not None:
        if sentence - last[0][1] > _DESCRIPTION_SENTENCE_WINDOW:
            return None
        if len(last) > 1 and last[1][1] == last[0][1]:
            # several bodies in that sentence: the one that is its subject ("… by watching the
            # live Twitter stream," PolitiFact says. … the website)
            tied = [a for _, at, a in last if at == last[0][1]]
            subjects = [a for a in tied if any(x.sentence == at and x.is_subject and x.start < offset
                                               for x in a.mentions for at in [last[0][1]])]
            return subjects[0] if len(subjects) == 1 else None
    return last[0][2]


def _place_of_kind(place: "LocalActor", head: str) -> bool:
    """Whether a kind noun can mean the place: "the city" or "the town" no country (but a
    city-state), "the country" or "the nation" only a country (``models/countries.tsv``)."""
    keys = {strip_article(fold(clean_name(n))) for n in place.names()}
    if head in LOCAL_PLACE_WORDS:
        return not (keys & COUNTRIES) or bool(keys & CITY_STATES)
    if head in COUNTRY_WORDS:
        return bool(keys & COUNTRIES)
    return True


def _the_place(context: Context, places: list["LocalActor"]) -> "LocalActor | None":
    """The place "the city" means: the dateline's, else the only one, else the one mentioned
    clearly most often (an article about X)."""
    if context.dateline_place:
        preferred = [a for a in places if a.key == fold(context.dateline_place)]
        if len(preferred) == 1:
            return preferred[0]
    if len(places) == 1:
        return places[0]
    ranked = sorted(places, key=lambda a: -len(a.mentions))
    if len(ranked) >= 2 and len(ranked[0].mentions) >= 2 * len(ranked[1].mentions):
        return ranked[0]
    return None


# --------------------------------------------------------------------------- officials


@step("official of the organisation")
def officials(context: Context) -> None:
    for i, m in context.open_descriptions():
        if not _is_official(m):
            if _bare_spokesperson(context, m) and (target := _body_just_named(context, m)) is not None:
                context.clusters.attach(i, m, target, "spokesperson of the body just named", describes=False)
            continue
        target = _owner_actor(context, m)
        if target is not None:
            context.clusters.attach(i, m, target, "official of the organisation", describes=False)
        elif m.definite and m.type == PERSON and m.number == "singular" \
                and (target := _definite_target(context, m)) is not None:
            # a person's lawyer or aide is the one person named in that role ("Pagliano's lawyer"
            # after "an attorney for Pagliano, Mark MacDougall")
            context.clusters.attach(i, m, target, "definite description")


def _owner_actor(context: Context, m: Mention) -> "LocalActor | None":
    """The organisation (or place) a description of officials belongs to; for "office", also a
    person ("the mayor's office" is the mayor)."""
    owner = context.doc[m.owner_root]  # type: ignore[index]
    if any(c.dep_ == "conj" for c in owner.children):
        return None  # "spokespeople for ICE and DHS": two bodies, a group of its own
    target = context.actor_at(owner.i)
    if target is None and owner.lower_ in {"its", "their"}:  # "Its lawyers": the body just named
        target = _body_just_named(context, m)
    if target is None and owner.pos_ == "PROPN" or owner.text.isupper():
        target = target or _named(context, owner.text)
    if target is None and owner.pos_ == "NOUN":
        type_ = ACTOR_NOUNS.get(m.owner_lemma, ORGANIZATION)
        target = kind_target(context, m.owner_lemma, type_, "singular", m.start + 1)
        field = [t.lower_ for t in owner.lefts if t.dep_ == "compound"] + [owner.lower_]
        if target is None and all(t.is_lower or t.is_sent_start for t in owner.subtree) \
                and " ".join(field) not in _NOT_FIELDS:
            # "immigration officers" after "U.S. Immigration and Customs Enforcement": the one body
            # whose name holds the field they work in
            named = [a for a in _before(context, m.start) if a.type in {ORGANIZATION, GOVERNMENT}
                     and any(set(field) <= set(_name_words(n)) for n in a.names())]
            target = named[0] if len(named) == 1 else None
    if target is None:
        return None
    if target.type in _BODIES or (target.type == PERSON and m.head_lemma in PERSONAL_VOICE_NOUNS):
        return target
    return None


def _bare_spokesperson(context: Context, m: Mention) -> bool:
    """ "a spokeswoman said", with no one it speaks for and no person named in its sentence or the
    one before ("The ACLU said ... Its lawyers have drafted a lawsuit, a spokeswoman said")."""
    if m.head_lemma not in {"spokesman", "spokeswoman", "spokesperson"} or m.owner_root is not None \
            or m.tokens[0].lower() not in {"a", "an"} or len(m.tokens) != 2:
        return False
    return not any(a.named and a.type == PERSON and any(m.sentence - 1 <= x.sentence and x.start < m.start
                                                        for x in a.mentions) for a in context.clusters.actors)


def _body_just_named(context: Context, m: Mention) -> "LocalActor | None":
    """The one named organisation mentioned in the sentence of ``m`` or the one before, before it."""
    found = {id(a): a for a in context.clusters.actors if a.named and a.type in {ORGANIZATION, GOVERNMENT}
             and any(m.sentence - 1 <= x.sentence and x.start < m.start for x in a.mentions)}
    return next(iter(found.values())) if len(found) == 1 else None


#: Words before "officials" that name a level of government or a field too wide for one body
#: whose name holds the word: "state officials" are not the Islamic State's, "security officials"
#: not only the Department of Homeland Security's ("homeland security officials" are).
_NOT_FIELDS = {"state", "country", "nation", "world", "county", "city", "town", "federal", "local", "security"}


def _named(context: Context, name: str) -> "LocalActor | None":
    """The one named organisation or place called ``name`` (or that a well-known acronym means)."""
    key, known = org_key(name), well_known(name)
    found = [a for a in context.clusters.actors if a.named and a.type in _BODIES
             and any(org_key(n) == key or (known is not None and well_known(n) == known) for n in a.names())]
    return found[0] if len(found) == 1 else None


# --------------------------------------------------------------------------- the rest


def _description_key(mention: Mention) -> str:
    text = mention.text[:len(mention.text) - len(mention.of_phrase)] if mention.of_phrase else mention.text
    words = [w.lower() for w in clean_name(text).split()]  # a group is one with or without its "of" phrase
    words = [w for w in words if w not in {"a", "an", "the", "this", "that", "these", "those", "some", "several"}]
    head = mention.head_lemma
    modifiers = [w for w in words if w != head and not w.startswith(head[:4])]
    return " ".join(modifiers[:3] + [head])


@step("authored document")
def authored_documents(context: Context) -> None:
    """A document that speaks is its author's voice when the article names the author."""
    for i, m in context.open_descriptions():
        if m.type != WORK or m.head_lemma not in AUTHORED_NOUNS:
            continue
        target = _author(context, m)
        if target is not None:
            context.clusters.attach(i, m, target, "document of its author")


def _author(context: Context, m: Mention) -> "LocalActor | None":
    doc = context.doc
    if m.owner_root is not None:
        owner = context.actor_at(m.owner_root)
        if owner is not None:
            return owner
    return latest_author(doc, m.root, m.head_lemma, context.actor_at)


def latest_author(doc: Doc, before: int, lemma: str, actor_at: Callable[[int], "LocalActor | None"],
                  start: int = 0) -> "LocalActor | None":
    """The latest one before token ``before`` (from ``start``) who made a document of the kind
    ``lemma``: "X filed a lawsuit ... The lawsuit alleges", "X sued Y ... The lawsuit argues"."""
    for token in reversed(doc[start:before]):
        made = token.dep_ == "dobj" and token.lemma_.lower() == lemma and token.head.lemma_.lower() in AUTHORING_VERBS
        if made or (token.pos_ == "VERB" and lemma in DOCUMENT_VERBS.get(token.lemma_.lower(), ())):
            subjects = [c for c in (token.head if made else token).children if c.dep_ == "nsubj"]
            for subject in subjects:
                actor = actor_at(subject.i)
                if actor is not None and actor.type in {PERSON, ORGANIZATION, GOVERNMENT, PLACE, GROUP}:
                    return actor
    return None


@step("same description")
def same_descriptions(context: Context) -> None:
    """"a judge" ... "a judge" are one; so is a definite description and the one earlier
    description it can continue ("a conventional medical doctor" ... "the doctor", "the Indian
    government" ... "the government", "his fellow physicians" ... "fellow physicians"), also when
    that earlier one was a named actor's apposition ("his brother, George" ... "his brother")."""
    clusters = context.clusters
    for i, m in context.open_descriptions():
        key = _description_key(m)
        actor = next((a for a in clusters.actors if not a.named and a.key == key
                      and any(x.number == m.number for x in a.mentions if x.kind == DESCRIPTION)  # "officers" is
                      and (m.heading or not all(x.heading for x in a.mentions))), None)  # no "the officer"; a
        # headline's description is no antecedent
        if actor is None and (m.definite or m.tokens[0].lower() in POSSESSIVE_DETERMINERS) \
                and not _restricted_bare_plural(context, m):
            actor = _described_before(context, m, key)
        if actor:
            clusters.attach(i, m, actor, "same description")
        else:
            clusters.new(i, m, key, False, "description")


def _restricted_bare_plural(context: Context, m: Mention) -> bool:
    """A plural without determiner that a clause restricts ("insurgents affiliated with Al Qaeda",
    "residents who lost their homes"): a group of its own, not the one described before
    ("ethnic Houthi insurgents")."""
    token = context.doc[m.root]
    return m.number == "plural" and m.start == token.idx and token.tag_ in {"NNS", "NNPS"} \
        and any(c.dep_ in {"acl", "relcl"} for c in token.rights)


def _described_before(context: Context, m: Mention, key: str) -> "LocalActor | None":
    """The one actor described earlier by the same head noun (same number) with modifiers that
    include or are included in this description's; a named actor only by the same words."""
    modifiers = set(key.split()[:-1])
    found: list["LocalActor"] = []
    for actor in context.clusters.actors:
        if actor.type != m.type or actor in found:
            continue
        for x in actor.mentions:
            if x.kind != DESCRIPTION or x.start >= m.start or role_sense(x.head_lemma) != role_sense(m.head_lemma) \
                    or x.number != m.number or x.heading \
                    or x.title_of is not None:  # a title ("Mayor Jim Kenney") is the name's, by its role
                continue
            other = _description_key(x)
            others = set(other.split()[:-1])
            if other == key or (not actor.named and (others <= modifiers or modifiers <= others)):
                found.append(actor)
                break
    if len(found) > 1:  # "his fellow physicians": the "fellow physicians" before "fellow doctors"
        found = [a for a in found if any(x.head_lemma == m.head_lemma for x in a.mentions)]
    return found[0] if len(found) == 1 else None


def person_gender(actor: "LocalActor") -> str | None:
    """A person's gender as far as known: from titles and pronouns, else from the given name."""
    if actor.type != PERSON:
        return None
    return actor.gender or next((g for n in actor.names() if (g := likely_gender(n))), None)
