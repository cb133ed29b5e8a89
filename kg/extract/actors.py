"""Find actor mentions in a parsed article: names, unnamed descriptions and pronouns.

Each way an actor is mentioned is one small *construction* over spaCy's entities, tags and
dependencies, registered in :data:`CONSTRUCTIONS` and run in that order (an earlier one claims
its tokens first). The table is the list of what the finder knows:

* ``entity name``: PERSON, ORG, GPE and (noun) NORP entities, repaired where the small model
  splits an organisation ("U.S. Immigration and" + "Customs Enforcement"), "<name>
  administration" bodies, titles and possessives read as roles ("Philadelphia's Democratic
  Mayor Jim Kenney"), degrees kept with the name ("David Knopman, MD");
* ``name part``: a surname or first name of a person named elsewhere, untagged this time;
* ``acronym``: upper-case acronyms the model missed ("ICE");
* ``named source``: a proper-noun source after "according to" or before a speech verb;
* ``pronoun``: he, she, it, they and their other forms (not the expletive "it");
* ``document source``: a report or study that states something and has no owner;
* ``actor noun``: noun phrases headed by a noun for people or bodies ("a judge", "federal
  officials", "spokespeople for ICE"), with the organisation they belong to ("ICE officials"
  -> ICE, "the mayor's office" -> the mayor), and documents that speak for their author ("the
  lawsuit alleges").

Nothing is found in a dateline or byline; mentions in a headline or subhead are marked (see
:mod:`kg.extract.layout`). Mentions only: deciding which mentions are one actor is
:mod:`kg.extract.resolve`'s job. Word lists live in :mod:`kg.extract.actor_lexicon`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Token

from .actor_lexicon import (ACTOR_NOUNS, ACTOR_TYPES, AUTHORED_NOUNS, BODY_AFTER_NAME, CITY_WORDS,  # noqa: F401
                            ENTITY_TYPES, GENERIC_ALONE, GOVERNMENT, GOVERNMENT_WORDS, GROUP, LAW_WORDS, MEDIA_WORDS,
                            NOT_ACRONYMS, NOT_SPEAKERS, OFFICIAL_NOUNS, ORG_KIND_WORDS, ORG_SUFFIX_WORDS, ORGANIZATION, PERSON,
                            PERSON_NOUN_ENDINGS, PERSON_NOUN_GENDERS, PERSON_NOUNS_EXTRA, PERSONAL_VOICE_NOUNS,
                            PLACE, PLACE_ACRONYMS, COLLECTIVE_NOUNS, is_person_noun,
                            PRONOUNS, SAYING_VERBS, TITLES, WORK)
from .entities import body_after_name, repair_entities
from .groups import of_phrase_end, people_of
from .titles import (PORTFOLIO_TITLES, after_person_noun, claim_title, heads_other_name, in_person_apposition,
                     is_role_word, portfolio, postnominal_end, role_of_name, title_adjective)
from .nlp import doc_layout, doc_text, doc_tokens, hidden_tokens
from .lexicon import DOCUMENT_CUES, FINDING_CUES, REPORT_NOUNS, SOURCE_NOUNS, SPEECH_VERBS
from .names import as_acronym, clean_name, defines_acronym, well_known  # noqa: F401  (clean_name: public here too)

NAME, DESCRIPTION, PRONOUN = "name", "description", "pronoun"

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_MODIFIER_DEPS = {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod"}
_AFFILIATION_PREPS = {"for", "of", "at", "from", "with"}
#: A one-word "name" that is a common noun written with a capital ("the City", "Council"): read
#: as a description, which resolution takes to the one body of that kind.
_GENERIC_NAMES = (CITY_WORDS | ORG_KIND_WORDS) - {"senate", "congress", "parliament", "cabinet"}
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", "]", ":")


@dataclass
class Mention:
    """One mention of a (possible) actor in one document."""

    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    type: str
    root: int
    sentence: int
    number: str = "singular"
    gender: str | None = None
    role: str | None = None
    role_qualifier: str | None = None
    role_of: str | None = None
    affiliations: tuple[str, ...] = ()
    definite: bool = False
    head_lemma: str = ""
    entity_label: str = ""
    acronym_definition: str | None = None
    tokens: tuple[str, ...] = field(default_factory=tuple)
    dependency: str = ""  # what the mention does, conjunctions and appositions looked through
    heading: bool = False  # in a headline or subhead
    owner_root: int | None = None  # token of the body a description belongs to ("ICE officials")
    owner_lemma: str = ""  # that token's lemma ("ice", "city", "mayor")
    title_of: int | None = None  # token of the name a title stands before ("Governor" of "Chris Gregoire")
    construction: str = ""  # the construction that found it
    of_phrase: str = ""  # the "of" phrase a group's text ends in ("of the ancient Greek religion")

    @property
    def is_subject(self) -> bool:
        return self.dependency in SUBJECT_DEPS


class MentionFinder:
    """The state of one pass over a parsed article: tokens claimed so far and mentions found."""

    def __init__(self, doc: Doc, doc_id: str) -> None:
        self.doc, self.doc_id = doc, doc_id
        self.tokens = doc_tokens(doc)  # spaCy makes a new Token object per access: made once
        self.sentence_of = _sentence_index(doc)
        self.text = doc_text(doc)
        self.layout = doc_layout(doc)
        self.taken = hidden_tokens(doc)  # a dateline's or byline's tokens name no actor
        self.mentions: list[Mention] = []
        self.current = ""
        last = next((t for t in reversed(self.tokens) if not t.is_space), None)
        if last is not None and last.is_alpha and not self.text.rstrip().endswith(_SENTENCE_END):
            self.taken[last.i] = True  # a text cut off mid-word ("... merg"): not a name

    def add(self, start: int, end: int, kind: str, type_: str, root: int, **extra: object) -> Mention | None:
        """Record a mention unless its tokens are claimed (a description may contain other
        mentions, "the mayor's office", so only its head must be free)."""
        if self.taken[root] if kind == DESCRIPTION else any(self.taken[start:end]):
            return None
        for i in range(start, end):
            self.taken[i] = True
        span = self.doc[start:end]
        mention = Mention(
            doc_id=self.doc_id, start=span.start_char, end=span.end_char, text=span.text, kind=kind,
            type=type_, root=root, sentence=self.sentence_of[root], tokens=tuple(t.text for t in span),
            dependency=effective_dep(self.tokens[root]), heading=self.layout.in_heading(span.start_char),
            construction=self.current, **extra,  # type: ignore[arg-type]
        )
        self.mentions.append(mention)
        return mention

    def release(self, mention: Mention, start: int, end: int) -> None:
        self.mentions.remove(mention)
        for k in range(start, end):
            self.taken[k] = False


Construction = Callable[[MentionFinder], None]
#: The constructions, in the order they run (see the module docstring).
CONSTRUCTIONS: dict[str, Construction] = {}


def construction(name: str, before: str | None = None) -> Callable[[Construction], Construction]:
    """Register a mention-finding construction under ``name``, last or just before ``before``."""
    def register(function: Construction) -> Construction:
        items = [(k, f) for k, f in CONSTRUCTIONS.items() if k != name]
        items.insert(next((i for i, (k, _) in enumerate(items) if k == before), len(items)), (name, function))
        CONSTRUCTIONS.clear()
        CONSTRUCTIONS.update(items)
        return function
    return register


def extract_mentions(doc: Doc, doc_id: str) -> list[Mention]:
    """All actor mentions in ``doc``, in text order."""
    finder = MentionFinder(doc, doc_id)
    for name, build in CONSTRUCTIONS.items():
        finder.current = name
        build(finder)
    finder.mentions.sort(key=lambda m: (m.start, m.end))
    return finder.mentions


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            index[i] = number
    return index


# --------------------------------------------------------------------------- names


def _plural_subject(token: Token) -> bool:
    """Whether a word is the subject of a verb in the plural present ("Koalas fear")."""
    return token.dep_ == "nsubj" and token.head.tag_ == "VBP" and token.lower_.endswith("s")


def _in_apposition(token: Token) -> bool:
    """Whether a noun stands in apposition to a name or a noun for people ("David Knopman, a
    neurologist, panel member, and an investigator"); not to a thing ('called the decision "a
    disaster"': what it is called)."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    head = token.head
    while head.dep_ == "appos" and head.head is not head:  # "Kiara Perkins, a second year USI art major"
        head = head.head
    return token.dep_ == "appos" and (head.pos_ in {"PROPN", "PRON"} or is_person_noun(head.lemma_.lower()))


@construction("entity name")
def entity_names(finder: MentionFinder) -> None:
    doc = finder.doc
    entities = repair_entities(doc)
    bodies = _named_as_bodies(doc, entities)
    for start, end, label in entities:
        root_token = doc[start:end].root
        kind = body_after_name(doc, start, end)
        if kind is not None:  # "Obama administration", "the Yonhap news agency"
            body, type_ = kind
            finder.add(start + (doc[start].lower_ == "the"), body + 1, NAME, type_, body,
                       head_lemma=doc[body].lemma_.lower(), entity_label=label, definite=True)
            continue
        if label == "NORP" and not (root_token.pos_ in {"NOUN", "PROPN"} and root_token.dep_ not in {"amod", "compound"}):
            continue  # "Democratic mayor": an adjective, not a group acting
        if doc[start].lower_ == "the":
            start += 1
        if start >= end or (end - start == 1 and doc[start].lower_ in _GENERIC_NAMES):
            continue  # "the City", "Council": a description, found by the actor-noun construction
        if end - start >= 2 and doc[end - 1].text in LAW_WORDS and not (label == "PERSON" and doc[end - 1].text == "Bill"):
            continue  # "the British Museum Act", "the Paris Accord": a law, no actor
        if label == "PERSON" and end - start == 1 and _plural_subject(doc[start]):
            continue  # "Koalas fear the heat": the verb says it is many, so no person's name
        if label == "PERSON" and end - start == 1 and (heads_other_name(doc[start]) or title_adjective(doc[start])):
            continue  # "the 1994 Crime Bill": the end of a name the tagger cut; "Tribal Chairman X": of the title
        if label == "ORG" and end - start == 1 and portfolio(doc[start]) and end + 1 < len(doc) \
                and doc[end].lower_ in PORTFOLIO_TITLES and doc[end + 1].ent_type_ == "PERSON":
            continue  # "Commerce Secretary Howard Lutnick": a portfolio, part of the title (role_of_name reads it)
        while label == "PERSON" and end - start > 2 and doc[start].lower_.rstrip(".") in TITLES \
                and doc[start + 1].text[:1].isupper():
            start += 1  # "Councilman Ray Ortiz" tagged whole: the title is a role, read off before the name
        type_ = ENTITY_TYPES[label]
        if label in {"ORG", "GPE"} and after_person_noun(doc, start) and 2 <= end - start <= 4 \
                and all(t.text[:1].isupper() for t in doc[start:end]):
            label, type_ = "PERSON", PERSON  # "writer Aner Shalev", "Mayor Kenney": a person
        elif label in {"ORG", "GPE"} and end - start - doc[start:end].text.count("-") <= 3 \
                and in_person_apposition(root_token) and well_known(doc[start:end].text) is None \
                and all(t.text[:1].isupper() or t.text == "-" for t in doc[start:end]):  # "Cecilia Bonefeld-Dahl"
            label, type_ = "PERSON", PERSON  # "their nine-month-old child, Gloria": a person
        if label == "PERSON" and clean_name(doc[start:end].text) in bodies:
            label, type_ = "ORG", ORGANIZATION  # "the secularist magazine MicroMega": a body
        known = well_known(doc[start:end].text)
        if known is not None and label != "NORP":
            label, type_ = "ORG", known.type  # "Greenpeace" is an organisation whatever the tagger says
        extra: dict[str, object] = {"entity_label": label, "head_lemma": root_token.lemma_.lower()}
        title = None
        if label == "PERSON":
            extra.update(role_of_name(finder, start))
            title = extra.pop("title")
            postnominal_end(finder, end)
        if label == "NORP":
            extra["number"] = "plural"
        if label == "ORG":
            end = _through_to_acronym(doc, start, end)
        if label == "ORG" and end < len(doc) - 2 and doc[end].text == "(" and doc[end + 2].text == ")" \
                and doc[end + 1].text.isupper() and defines_acronym(doc[start:end].text, doc[end + 1].text):
            extra["acronym_definition"] = doc[end + 1].text  # "Korean Central News Agency (KCNA)"
        if finder.add(start, end, NAME, type_, root_token.i, **extra) is not None and title is not None:
            claim_title(finder, title, root_token.i, extra,
                        lambda a, b, root, **more: finder.add(a, b, DESCRIPTION, PERSON, root, **more))


def _through_to_acronym(doc: Doc, start: int, end: int) -> int:
    """The end of an organisation's name that the tagger cut before "and", "of" or "for" and a few
    capitalised words, when the acronym the text gives right after them spells the whole name
    ("the Union of Rationalist Atheists" + "and Agnostics (UAAR)"); else ``end``."""
    if end >= len(doc) or doc[end].lower_ not in {"and", "of", "for", "&"}:
        return end
    stop = end + 1
    while stop < min(len(doc), end + 5) and doc[stop].text[:1].isupper() and doc[stop].is_alpha:
        stop += 1
    if stop == end + 1 or stop + 2 >= len(doc) or doc[stop].text != "(" or doc[stop + 2].text != ")":
        return end
    short = doc[stop + 1].text
    whole = doc[start:stop].text
    return stop if short.isupper() and defines_acronym(whole, short) and not defines_acronym(doc[start:end].text, short) \
        else end


def _named_as_bodies(doc: Doc, entities: list[tuple[int, int, str]]) -> set[str]:
    """Names the model tagged as people that the text calls a body somewhere, right after a noun
    for one ("the secularist magazine MicroMega", "localist group Civic Passion"): every mention
    of that name is the body's."""
    return {clean_name(doc[start:end].text) for start, end, label in entities
            if label == "PERSON" and start > 0 and doc[start - 1].is_lower and doc[start - 1].pos_ == "NOUN"
            and ACTOR_NOUNS.get(doc[start - 1].lemma_.lower()) == ORGANIZATION}


@construction("name part")
def name_parts(finder: MentionFinder) -> None:
    """People named elsewhere in the article whose name the model did not tag this time: a
    surname or first name alone ('"We will fight it," Lopez told reporters'), or a run of proper
    nouns that ends in a known surname ("Mehmet Oz" when only "Oz" was tagged)."""
    parts: set[str] = set()
    surnames: set[str] = set()
    for mention in finder.mentions:
        if mention.type == PERSON and mention.kind == NAME:
            words = clean_name(mention.text).split()  # "Donald Trump's" -> "Donald", "Trump"
            surnames.add(words[-1] if words else mention.tokens[-1])
            if len(words) >= 2:
                parts |= {words[0], words[-1]}
    tokens = finder.tokens
    for token in tokens:
        if finder.taken[token.i] or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        if token.text in surnames:
            start = token.i
            while start > 0 and not tokens[start].is_sent_start and not finder.taken[start - 1] \
                    and tokens[start - 1].pos_ == "PROPN" and tokens[start - 1].text[:1].isupper() \
                    and tokens[start - 1].is_alpha and tokens[start - 1].lower_.rstrip(".") not in TITLES:
                start -= 1
            if start < token.i:
                finder.add(start, token.i + 1, NAME, PERSON, token.i, entity_label="ECHO", head_lemma=token.lower_)
                continue
        if token.text in parts and not heads_other_name(token):
            finder.add(token.i, token.i + 1, NAME, PERSON, token.i, entity_label="ECHO", head_lemma=token.lower_)


def _shouted(tokens: list[Token], i: int) -> bool:
    """Whether a token is in a run of capitals ("EVEN OZ'S BOSS THINKS"): a kicker, not acronyms."""
    def upper(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].is_alpha and tokens[k].is_upper and len(tokens[k]) > 1
    return sum(upper(k) for k in range(i - 2, i + 3)) >= 3


@construction("acronym")
def acronyms(finder: MentionFinder) -> None:
    """Upper-case acronyms the model did not tag ("ICE")."""
    for token in finder.tokens:
        if finder.taken[token.i] or token.pos_ not in {"PROPN", "NOUN"} or _shouted(finder.tokens, token.i):
            continue
        bare = as_acronym(token.text)
        if bare and bare not in NOT_ACRONYMS and token.text.replace(".", "").isalpha():
            finder.add(token.i, token.i + 1, NAME, PLACE if bare in PLACE_ACRONYMS else ORGANIZATION, token.i,
                       entity_label="ACRONYM", head_lemma=bare.lower())


@construction("named source")
def named_sources(finder: MentionFinder) -> None:
    """A source the entity model missed, named after "according to" ("according to the Sydney
    Morning Herald") or as the subject of a speech verb ("The Deseret News observed"): a
    proper-noun phrase, an organisation when it reads like one."""
    doc = finder.doc
    for token in finder.tokens:
        if token.lower_ == "to" and token.head.lower_ == "according":
            candidates = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
        elif token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
            candidates = [c for c in token.children if c.dep_ == "nsubj"]
        else:
            continue
        for source in candidates:
            if source.pos_ != "PROPN" or finder.taken[source.i] or not source.text[:1].isupper() \
                    or _plural_subject(source) or is_role_word(source):
                continue  # "Malaysia's Prime Minister said": a role, found as a description
            start = min([c.left_edge.i for c in source.lefts if c.dep_ in {"compound", "amod"} and c.pos_ == "PROPN"
                         and c.text[:1].isupper() and not any(finder.taken[c.left_edge.i:c.i + 1])] + [source.i])
            for place in [m for m in finder.mentions if m.kind == NAME and m.type == PLACE and start <= m.root <= source.i]:
                finder.release(place, start, source.i + 1)  # "Sydney" in "the Sydney Morning Herald"
            words = {t.lower_ for t in doc[start:source.i + 1]}
            name = clean_name(doc[start:source.i + 1].text)
            tagged = Counter(m.type for m in finder.mentions if m.kind == NAME and clean_name(m.text) == name)
            type_ = tagged.most_common(1)[0][0] if tagged else (ORGANIZATION if words & (ORG_SUFFIX_WORDS | MEDIA_WORDS) or source.text.isupper()
                               else PERSON)  # "Zero Hedge said": what the same name was tagged elsewhere
            finder.add(start, source.i + 1, NAME, type_, source.i, entity_label="SOURCE", head_lemma=source.lower_)


@construction("pronoun")
def pronouns(finder: MentionFinder) -> None:
    for token in finder.tokens:
        if finder.taken[token.i] or token.pos_ != "PRON":
            continue
        features = PRONOUNS.get(token.lower_)
        if features and not _is_pleonastic(token):
            number, gender, _ = features
            finder.add(token.i, token.i + 1, PRONOUN, "", token.i, number=number, gender=gender,
                       head_lemma=token.lower_)


def _ownerless_source(token: Token, mentions: list[Mention]) -> bool:
    """A document noun that states something with no actor owning it: "The report says",
    "Figures show", "according to an Internet posting" (but not "Cornyn's statement said" or
    "a letter from the ministry says", which are the owner's)."""
    if token.lemma_.lower() not in SOURCE_NOUNS or token.pos_ != "NOUN":
        return False
    head = token.head
    states = token.dep_ == "nsubj" and _states_content(head)
    cited = token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
    described = any(_states_content(c) for c in token.rights if (c.dep_ == "relcl" and any(  # "polls that show X leading"
        s.dep_ == "nsubj" and s.lower_ in {"that", "which"} for s in c.children)) or (c.dep_ == "acl" and c.tag_ == "VBG"))
    if not (states or cited or described):
        return False
    owners = [c for c in token.children if c.dep_ in {"poss", "compound"}]
    owners += [p for c in token.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}
               for p in c.children if p.dep_ == "pobj"]
    inside = {i for o in owners for i in range(o.left_edge.i, o.right_edge.i + 1)}
    return not any(m.root in inside for m in mentions) and not any(
        o.lemma_.lower() in ACTOR_NOUNS or o.pos_ == "PRON" for o in owners)


def _states_content(verb: Token) -> bool:
    """Whether a document verb states something: a clause, a quotation or a colon after it, or a
    finding with an object ("show Clinton with a lead")."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in DOCUMENT_CUES | SPEECH_VERBS and (
        any(c.dep_ in {"ccomp", "parataxis"} or c.text in {'"', "“", ":"} for c in verb.children)
        or (verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "that")
        or (verb.lemma_.lower() in FINDING_CUES and any(c.dep_ == "dobj" for c in verb.children)))


def _speaks(token: Token, lemma: str) -> bool:
    """A common noun that is the subject of a speech verb ("the poster wrote"); only people
    think or hope, while anything with a voice can say or report ("the website reported"); not a
    verb of saying used as a plain transitive one ("heating would add thousands of dollars")."""
    if token.dep_ != "nsubj" or token.pos_ != "NOUN" or lemma in REPORT_NOUNS or lemma in NOT_SPEAKERS:
        return False  # (tested before the verb: spaCy makes a new Token for every head and child asked)
    verb_lemma = (verb := token.head).lemma_.lower()
    if verb_lemma not in SPEECH_VERBS or not (verb_lemma in SAYING_VERBS or _is_person_noun(lemma)):
        return False
    return not (any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() not in ACTOR_NOUNS
                    and not _is_person_noun(c.lemma_.lower()) for c in verb.children)
                and not any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children))  # but "told reporters" speaks


def _is_person_noun(lemma: str) -> bool:
    return is_person_noun(lemma)


@construction("document source")
def document_sources(finder: MentionFinder) -> None:
    """A report, study or figures that state something and that no actor owns."""
    for token in finder.tokens:
        if finder.taken[token.i] or token.pos_ != "NOUN" or token.dep_ == "compound":
            continue
        lemma = token.lemma_.lower()
        if lemma in ACTOR_NOUNS or _speaks(token, lemma) or not _ownerless_source(token, finder.mentions):
            continue
        start = min([c.left_edge.i for c in token.lefts if c.dep_ in {"det", "amod", "compound", "nummod"}] + [token.i])
        finder.add(max(token.left_edge.i, start), token.i + 1, DESCRIPTION, WORK, token.i, head_lemma=lemma,
                   number="plural" if token.tag_ == "NNS" else "singular", definite=True)


def _owner(token: Token, finder: MentionFinder) -> Token | None:
    """The body a description belongs to: its possessor ("the UAW's leadership"), an
    organisation or common-noun compound ("ICE officials", "agency officials", "city staff"),
    or the object of "for/of/at/from/with" ("a spokesman for the agency")."""
    for child in token.lefts:
        if child.dep_ == "poss" and (child.pos_ != "PRON" or (  # "Its lawyers": the body "its" stands for
                child.lower_ in {"its", "their"} and token.lemma_.lower() in OFFICIAL_NOUNS)):
            return child
    compounds = [c for c in token.lefts if c.dep_ == "compound"]
    if compounds:
        return compounds[-1]
    for prep in token.rights:
        if prep.dep_ == "prep" and (prep.lower_ in _AFFILIATION_PREPS or (
                prep.lower_ == "to" and token.lemma_.lower() in PERSONAL_VOICE_NOUNS)):  # "an aide to Clinton"
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return None


def _affiliations(token: Token, finder: MentionFinder) -> tuple[tuple[str, ...], int]:
    """Named organisations a description belongs to, and where its span then ends
    ("spokespeople for ICE": the description includes its organisation)."""
    affiliation_prep = next((p for p in token.rights if p.dep_ == "prep" and p.lower_ in _AFFILIATION_PREPS), None)
    affiliations: tuple[str, ...] = ()
    end = token.i + 1
    if affiliation_prep is not None:
        last = affiliation_prep.right_edge.i
        comma = next((t.i for t in finder.doc[affiliation_prep.i + 1:last + 1] if t.text in {",", "—", "("}), None)
        if comma is not None:  # "an attorney for Pagliano, Mark MacDougall,": the name after is no affiliation
            last = comma - 1
        inside = range(affiliation_prep.i + 1, last + 1)
        affiliations = tuple(clean_name(m.text) for m in finder.mentions
                             if m.kind == NAME and m.root in inside and m.type != PLACE)
        if affiliations:
            end = last + 1
    owner = next((c for c in token.lefts if c.dep_ == "poss"), None)
    if owner is not None:
        affiliations += (clean_name(finder.doc[owner.left_edge.i:owner.i + 1].text),)
    compounds = [c for c in token.lefts if c.dep_ == "compound"
                 and (c.ent_type_ in {"ORG", "GPE"} or c.text.isupper())]  # "Foreign Affairs minister"
    if compounds:  # (the names by their roots, only when a description has such a compound)
        named = {m.root: clean_name(m.text) for m in finder.mentions if m.kind == NAME}
        affiliations += tuple(named.get(c.i, clean_name(c.text)) for c in compounds)
    return affiliations, end


@construction("actor noun")
def actor_nouns(finder: MentionFinder) -> None:
    """Noun phrases headed by a noun for people or bodies, or by a noun for people that speaks
    ("the poster wrote", "some individuals reported"), or by a document that speaks for its
    author ("the lawsuit alleges")."""
    doc = finder.doc
    _bodies_named_by_modifiers(finder)
    for token in finder.tokens:
        if finder.taken[token.i] or token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
            continue
        lemma = token.lemma_.lower()
        if lemma not in ACTOR_NOUNS and not _speaks(token, lemma) \
                and not (_is_person_noun(lemma) and _in_apposition(token)):
            continue
        modifiers = [c for c in token.lefts if c.dep_ in _MODIFIER_DEPS]
        if any(c.dep_ == "det" and c.lower_ == "no" for c in modifiers):
            continue  # "no company could abuse a monopoly": nobody in particular
        start = _description_start(token)
        determiner = doc[start].lower_ if doc[start].dep_ == "det" else ""
        plural = token.tag_ in {"NNS", "NNPS"} or lemma in {"police", "staff", "people", "authorities"}
        acts = token.dep_ == "nsubj" and token.head.pos_ == "VERB"
        if lemma in GENERIC_ALONE and not (plural or acts or any(c.dep_ != "det" for c in modifiers)):
            continue
        type_ = WORK if lemma in AUTHORED_NOUNS and lemma not in ACTOR_NOUNS else ACTOR_NOUNS.get(lemma, PERSON)
        people = people_of(token) if lemma in COLLECTIVE_NOUNS else None
        people_end = people.i + 1 if people is not None else None
        if people is not None:  # "a group of doctors" is a group of people, not a body
            type_ = GROUP
        if type_ == PERSON and plural:
            type_ = GROUP
        affiliations, end = _affiliations(token, finder)
        end = people_end or end
        owner = _owner(token, finder)
        qualifier = next((c.text for c in token.lefts if c.dep_ == "amod" and c.text[:1].isupper()), None)
        possessor = next((c for c in token.lefts if c.dep_ == "poss"), None)
        role_of = clean_name(doc[possessor.left_edge.i:possessor.i + 1].text) if possessor is not None \
            else _of_name(token, finder)
        mention = finder.add(start, token.i + 1, DESCRIPTION, type_, token.i,
                             number="plural" if plural else "singular", head_lemma=lemma,
                             definite=determiner in {"the", "this", "that", "these", "those"} or start == token.i
                             or possessor is not None,  # "Philadelphia's mayor" is as definite as "the mayor"
                             role=lemma if type_ in {PERSON, GROUP} else None, role_qualifier=qualifier,
                             gender=PERSON_NOUN_GENDERS.get(lemma) if type_ == PERSON else None,
                             role_of=role_of, affiliations=affiliations,
                             owner_root=owner.i if owner is not None else None,
                             owner_lemma=owner.lemma_.lower() if owner is not None else "")
        if mention is not None and end == token.i + 1 and type_ == GROUP and (of_end := of_phrase_end(token)):
            mention.of_phrase = doc[token.i + 1:of_end].text  # "worshippers of the ancient Greek religion"
            end = of_end
        if mention is not None and end > token.i + 1:
            mention.text = doc[start:end].text
            mention.end = doc[end - 1].idx + len(doc[end - 1].text)


def _description_start(token: Token) -> int:
    doc = token.doc
    modifiers = [c for c in token.lefts if c.dep_ in _MODIFIER_DEPS]
    start = max(token.left_edge.i, min([c.left_edge.i for c in modifiers] + [token.i]))
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def _bodies_named_by_modifiers(finder: MentionFinder) -> None:
    """"the Black Lives Matter movement", "the Conservative government": a body named by the
    capitalised words before its noun — found before the descriptions, so that "bureaucrats of
    the Liberal government" belong to it."""
    doc = finder.doc
    for token in finder.tokens:
        if finder.taken[token.i] or token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
            continue
        lemma = token.lemma_.lower()
        type_ = ACTOR_NOUNS.get(lemma)
        if type_ not in {ORGANIZATION, GOVERNMENT}:
            continue
        start = _description_start(token)
        if not _proper_modifiers(finder, start, token):
            continue
        first = next(t.i for t in doc[start:token.i] if t.dep_ != "det")
        while first > 0 and doc[first - 1].text[:1].isupper() and doc[first - 1].is_alpha \
                and not finder.taken[first - 1] and not doc[first].is_sent_start and doc[first - 1].dep_ != "det":
            first -= 1  # the parse may cut a name short ("Black Lives" + "Matter movement")
        finder.add(first, token.i + 1, NAME, type_, token.i, entity_label="ORG", head_lemma=lemma, definite=True)


def _of_name(token: Token, finder: MentionFinder) -> str | None:
    """The named place or body a role is "of" ("the mayor of Chicago" -> "Chicago")."""
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            inside = range(prep.i + 1, prep.right_edge.i + 1)
            return next((clean_name(m.text) for m in finder.mentions if m.kind == NAME and m.root in inside
                         and m.type != PERSON), None)
    return None


def _proper_modifiers(finder: MentionFinder, start: int, head: Token) -> bool:
    """Whether the words between a description's determiner and its (lower-case) head are all
    capitalised words of no other mention, the first not capitalised only for starting a
    sentence."""
    words = [t for t in finder.doc[start:head.i] if t.dep_ != "det"]  # a capitalised head needs a name's two words
    return bool(words) and (head.text.islower() or len(words) >= 2) and not words[0].is_sent_start and all(
        t.text[:1].isupper() and t.is_alpha and not finder.taken[t.i] and t.dep_ in {"compound", "amod", "nmod"}
        for t in words)


_PLEONASTIC_HEADS = {"be", "seem", "appear", "become", "take", "matter", "remain", "happen", "rain",
                     "snow", "occur", "look", "sound", "feel", "turn"}


def _is_pleonastic(token: Token) -> bool:
    """Expletive "it": "It's clear that ...", "it seems", "it is believed that ..."."""
    if token.lower_ != "it" or token.dep_ not in {"nsubj", "nsubjpass", "expl"}:
        return token.dep_ == "expl"
    head = token.head
    extraposed = any(c.dep_ in {"ccomp", "xcomp", "csubj"} for c in head.children)
    passive = any(c.dep_ == "auxpass" for c in head.children)
    return extraposed and (head.lemma_.lower() in _PLEONASTIC_HEADS or passive)


def effective_dep(token: Token) -> str:
    """The dependency that says what a mention does: a conjunct shares its head's role."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "appos":
        return effective_dep(token.head)
    return token.dep_
