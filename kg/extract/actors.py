"""Find actor mentions in a parsed article: names, unnamed descriptions and pronouns.

Rule-based over spaCy's entities, tags and dependencies:

* names: PERSON, ORG, GPE and (noun) NORP entities, repaired where the small model splits an
  organisation ("U.S. Immigration and" + "Customs Enforcement"), plus upper-case acronyms it
  misses ("ICE"), plus "<name> administration"-style bodies ("the Trump administration");
* descriptions: noun phrases headed by an actor noun ("a judge", "federal officials",
  "spokespeople for ICE"), with the organisations they belong to;
* pronouns that can refer to actors (he, she, it, they and their possessive forms);
* roles from titles, appositions and possessives ("Philadelphia's Democratic mayor, Jim Kenney").

Mentions only; deciding which mentions are one actor is :mod:`kg.extract.resolve`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from spacy.tokens import Doc, Token

from .lexicon import DOCUMENT_CUES, REPORT_NOUNS, SOURCE_NOUNS, SPEECH_VERBS

PERSON = "Person"
ORGANIZATION = "Organization"
GOVERNMENT = "GovernmentOrganization"
PLACE = "Place"
GROUP = "Group"
WORK = "CreativeWork"  # a report, study, post or letter that is the source of a claim
ACTOR_TYPES = (PERSON, ORGANIZATION, GOVERNMENT, PLACE, GROUP, WORK)

NAME, DESCRIPTION, PRONOUN = "name", "description", "pronoun"

_ENTITY_TYPES = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": PLACE, "NORP": GROUP}

# Nouns that denote an actor when they head a noun phrase: lemma -> (type, plural-by-default).
# Person nouns in the singular are persons, in the plural groups.
ACTOR_NOUNS: dict[str, str] = {
    **{n: PERSON for n in (
        "judge", "official", "spokesperson", "spokeswoman", "spokesman", "spokespeople", "protester",
        "protestor", "mayor", "governor", "president", "minister", "officer", "advocate", "lawmaker",
        "senator", "legislator", "prosecutor", "lawyer", "attorney", "critic", "supporter", "opponent",
        "resident", "activist", "scientist", "researcher", "expert", "student", "parent", "teacher",
        "doctor", "witness", "leader", "voter", "worker", "employee", "executive", "chairman",
        "chairwoman", "director", "manager", "secretary", "commissioner", "chief", "sheriff",
        "agent", "investigator", "analyst", "diplomat", "negotiator", "representative", "delegate",
        "councilman", "councilwoman", "councillor", "solicitor", "economist", "organizer", "organiser",
        "founder", "owner", "author", "victim", "survivor", "member", "candidate", "ambassador",
        "premier", "chancellor", "general", "commander", "soldier", "rescuer", "authority",
        "administrator", "regulator", "inspector", "professor", "physician", "nurse", "coach",
        "player", "fan", "priest", "bishop", "imam", "rabbi", "defendant", "plaintiff", "petitioner",
        "demonstrator", "striker", "union", "observer", "campaigner", "entrepreneur", "banker",
        "farmer", "journalist", "reporter", "editor", "publisher", "historian", "astronaut",
        "engineer", "developer", "politician", "legislature", "staffer", "aide", "adviser", "advisor",
        "consultant", "scholar", "academic", "clergy", "cleric", "militant", "rebel", "insurgent",
        "police", "policeman", "policewoman", "staff", "people", "proponent", "backer", "defender",
        "detractor", "ally", "foe", "adversary", "mother", "father", "sister", "brother", "son",
        "daughter", "wife", "husband", "family", "relative", "friend", "neighbour", "neighbor",
        "spokesman", "prosecutor", "defender", "blogger", "poster", "user", "hacker", "owner",
    )},
    **{n: GOVERNMENT for n in (
        "administration", "government", "agency", "department", "ministry", "court", "council",
        "congress", "parliament", "senate", "legislature", "commission", "committee", "cabinet",
        "regime", "prosecution", "military", "army", "navy", "bureau", "municipality", "tribunal",
        "authorities",
    )},
    **{n: ORGANIZATION for n in (
        "company", "firm", "group", "organization", "organisation", "corporation", "church",
        "party", "newspaper", "network", "university", "school", "team", "club", "charity",
        "coalition", "alliance", "campaign", "association", "foundation", "institute", "union",
        "bank", "website", "station", "broadcaster", "board", "office", "movement",
    )},
    **{n: PLACE for n in ("city", "state", "country", "town", "county", "nation", "province", "region",
                          "village", "municipality")},
}
# Nouns too generic to be an actor unless named or resolved ("people" in "law-abiding people").
_GENERIC_ALONE = {"people", "member", "staff", "group", "office", "board", "network", "station",
                  "party", "team", "union", "website", "state", "nation", "authority", "school",
                  "campaign", "movement", "club", "general", "player", "fan", "author", "owner",
                  "developer", "victim", "survivor", "student", "parent", "teacher", "worker"}
# Subjects of speech verbs that are evidence, not speakers ("the study found", "figures show").
_NOT_SPEAKERS = {"study", "survey", "research", "data", "figure", "poll", "analysis", "evidence",
                 "document", "paper", "record", "result", "finding", "test", "review", "article",
                 "story", "book", "law", "rule", "bill", "policy", "plan", "decision", "ruling",
                 "thing", "way", "time", "year", "day", "one", "fact", "idea", "question", "problem",
                 "move", "change", "case", "sign", "number", "rate", "price", "index", "model",
                 "rest", "part", "most", "lot", "majority", "minority", "half", "side", "other"}
# "<name> administration": a person's name heading a body.
_BODY_AFTER_NAME = {"administration": GOVERNMENT, "government": GOVERNMENT, "campaign": ORGANIZATION,
                    "cabinet": GOVERNMENT, "regime": GOVERNMENT, "team": ORGANIZATION,
                    "family": GROUP, "camp": GROUP, "foundation": ORGANIZATION}

# Personal titles and roles that may precede a name ("Mayor Jim Kenney", "Dr. Smith").
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr", "st",
    "sen", "rep", "gov", "lt", "col", "gen", "capt", "sgt", "maj", "adm", "pres", "hon", "judge",
    "justice", "mayor", "president", "senator", "governor", "minister", "secretary", "chancellor",
    "premier", "king", "queen", "prince", "princess", "pope", "chairman", "chairwoman", "chief",
    "director", "commissioner", "sheriff", "solicitor", "attorney", "general", "prosecutor",
    "spokesman", "spokeswoman", "spokesperson", "professor", "officer", "detective", "ambassador",
    "councilman", "councilwoman", "councillor", "councilor", "rabbi", "imam", "bishop", "father",
    "coach", "captain", "representative", "congressman", "congresswoman", "leader", "founder",
    "ceo", "chair", "vice", "deputy", "acting", "former", "assistant", "executive", "head",
    "candidate", "nominee", "lawyer", "manager", "editor",
}
_MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "spokesman", "chairman",
                "councilman", "congressman", "policeman", "businessman"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman",
                  "chairwoman", "councilwoman", "congresswoman", "policewoman", "businesswoman"}

# Words whose presence makes an organisation a government body.
GOVERNMENT_WORDS = {
    "department", "ministry", "agency", "administration", "government", "police", "court",
    "council", "senate", "congress", "parliament", "commission", "bureau", "customs", "enforcement",
    "immigration", "army", "navy", "military", "forces", "force", "authority", "office",
    "service", "guard", "security", "federal", "national", "state", "city", "county",
    "municipality", "municipal", "legislature", "assembly", "cabinet", "embassy", "consulate",
    "treasury", "homeland", "defense", "defence", "justice", "tribunal", "prosecutor", "fbi", "cia",
    "nasa", "un", "eu", "nato",
}
# Words that end organisation names; used to repair names the NER model splits.
ORG_SUFFIX_WORDS = GOVERNMENT_WORDS | {
    "association", "institute", "university", "college", "school", "church", "party", "union",
    "foundation", "corporation", "company", "inc", "ltd", "group", "organization", "organisation",
    "center", "centre", "society", "league", "federation", "alliance", "coalition", "bank", "fund",
    "trust", "network", "project", "program", "programme", "board", "committee", "commission",
    "club", "press", "times", "post", "news", "agency", "enforcement", "affairs", "health",
    "education", "transportation", "labor", "labour", "energy", "commerce", "development",
}
# Words in the names of news media ("the Sydney Morning Herald", "the Daily Telegraph").
_MEDIA_WORDS = {"herald", "tribune", "gazette", "journal", "telegraph", "guardian", "observer", "chronicle",
                "daily", "weekly", "express", "mail", "mirror", "standard", "independent", "magazine",
                "courier", "inquirer", "examiner", "star", "sun", "globe", "bulletin", "radio", "tv",
                "television", "broadcasting", "wire", "reuters", "bloomberg"}
# Upper-case tokens that are not organisations.
_NOT_ACRONYMS = {
    "AM", "PM", "TV", "OK", "CEO", "CFO", "DNA", "HIV", "AIDS", "COVID", "GDP", "ID", "IT", "PC",
    "USA", "US", "UK", "EU", "UN", "I", "A", "AN", "THE", "MP", "MPS", "PR", "AI", "FAQ", "PDF",
    "URL", "HTML", "GMT", "UTC", "EST", "EDT", "PST", "PDT", "BST", "CET", "NOTE", "UPDATE",
    "BREAKING", "VIDEO", "PHOTO", "PHOTOS", "LIVE", "WATCH", "READ", "AP", "MORE", "OR", "AND",
    "USD", "EUR", "GBP", "KM", "MPH", "CD", "DVD", "LGBT", "LGBTQ", "ISBN", "NB", "PS", "RSS",
}
_PLACE_ACRONYMS = {"USA", "US", "UK", "EU", "UAE", "DPRK", "PRC", "ROK", "DRC", "USSR"}

PRONOUNS: dict[str, tuple[str, str | None, str]] = {
    # form: (number, gender, animacy)  animacy: "person" | "thing" | "any"
    "he": ("singular", "male", "person"), "him": ("singular", "male", "person"),
    "his": ("singular", "male", "person"), "himself": ("singular", "male", "person"),
    "she": ("singular", "female", "person"), "her": ("singular", "female", "person"),
    "hers": ("singular", "female", "person"), "herself": ("singular", "female", "person"),
    "it": ("singular", None, "thing"), "its": ("singular", None, "thing"),
    "itself": ("singular", None, "thing"),
    "they": ("plural", None, "any"), "them": ("plural", None, "any"),
    "their": ("plural", None, "any"), "theirs": ("plural", None, "any"),
    "themselves": ("plural", None, "any"),
}

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_POSSESSIVE = re.compile(r"\s*['’]s?$")


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

    @property
    def is_subject(self) -> bool:
        return self.dependency in _SUBJECT_DEPS


def clean_name(text: str) -> str:
    """A name without a leading article, a possessive ending or surrounding punctuation."""
    text = re.sub(r"\s+", " ", text).strip(" \t\n,;:.\"“”‘’'()[]")
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = _POSSESSIVE.sub("", text)
    return text.strip(" ,;:\"“”‘’'")


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            index[i] = number
    return index


def _repair_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """Entities as (start, end, label) token spans, with split organisation names rejoined."""
    entities = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in _ENTITY_TYPES]
    repaired: list[tuple[int, int, str]] = []
    i = 0
    while i < len(entities):
        start, end, label = entities[i]
        if label == "ORG":
            # "U.S. Immigration and" + "Customs Enforcement": an ORG ending in a connective, or
            # followed by one, joined with the capitalised words after it.
            while True:
                connective_at = end - 1 if doc[end - 1].lower_ in {"and", "of", "for", "&"} else end
                if connective_at >= len(doc) or doc[connective_at].lower_ not in {"and", "of", "for", "&"}:
                    break
                j = connective_at + 1
                while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha and "\n" not in doc[j - 1].whitespace_:
                    j += 1
                if j == connective_at + 1 or doc[j - 1].lower_ not in ORG_SUFFIX_WORDS:
                    break
                if i + 1 < len(entities) and entities[i + 1][0] < j:
                    if entities[i + 1][2] != "ORG":
                        break
                    j = max(j, entities[i + 1][1])
                    i += 1
                end = j
        if end > start and doc[end - 1].lower_ in {"and", "of", "for", "&"}:
            end -= 1
        # a lower-case article inside ends the name, unless after a connective ("Bank of the
        # West"): "According to Rathbun the Scientology property" is not one organisation
        inner_the = next((k for k in range(start + 1, end) if doc[k].text == "the"
                          and doc[k - 1].lower_ not in {"of", "for", "and", "&", "at", "on", "in", "to"}), None)
        if inner_the is not None:
            end = inner_the
        # an unbalanced parenthesis ends the name: "World Health Organisation (WHO"
        text = doc[start:end].text
        if text.count("(") != text.count(")"):
            end = next((i for i in range(start, end) if "(" in doc[i].text or ")" in doc[i].text), end)
            while end > start and doc[end - 1].is_punct:
                end -= 1
        if end > start:
            repaired.append((start, end, label))
        i += 1
    return repaired


_PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "man", "woman")


def _after_person_noun(doc: Doc, start: int) -> bool:
    """Whether a name is preceded by a personal title or a person noun ("mathematician", "Mr.")."""
    if start == 0:
        return False
    before = doc[start - 1]
    lower = before.lower_.rstrip(".")
    if lower in TITLES and lower not in {"general", "executive", "head", "chair", "acting", "former"}:
        return True
    return before.pos_ == "NOUN" and before.text.islower() and (
        ACTOR_NOUNS.get(before.lemma_.lower()) == PERSON or before.lower_.endswith(_PERSON_SUFFIXES))


def _role_of_name(doc: Doc, start: int, end: int) -> tuple[str | None, str | None, str | None, str | None]:
    """Role, qualifier, "of" place and gender read off titles and possessives before a name.

    "Philadelphia's Democratic Mayor Jim Kenney" -> ("mayor", "Democratic", "Philadelphia", None).
    """
    role_words, qualifier, role_of, gender = [], None, None, None
    i = start - 1
    while i >= 0 and doc[i].sent_start is not True:
        token = doc[i]
        lower = token.lower_.rstrip(".")
        if lower in TITLES and token.pos_ in {"PROPN", "NOUN", "ADJ"}:
            role_words.insert(0, token.text.rstrip("."))
            gender = gender or ("male" if lower in _MALE_TITLES else "female" if lower in _FEMALE_TITLES else None)
        elif token.ent_type_ == "NORP" or (token.dep_ == "amod" and token.text[:1].isupper()):
            qualifier = token.text
        elif token.dep_ == "case" and i > 0:
            role_of = doc[i - 1].text if doc[i - 1].ent_type_ in {"GPE", "ORG"} else None
            break
        else:
            break
        i -= 1
    role = " ".join(w.lower() for w in role_words if w.lower().rstrip(".") not in {"mr", "mrs", "ms", "miss", "dr", "sir"})
    return (role or None), qualifier, role_of, gender


def _ownerless_source(token: Token, mentions: Sequence[Mention]) -> bool:
    """A document noun that states something with no actor owning it: "The report says",
    "Figures show", "according to an Internet posting" (but not "Cornyn's statement said" or
    "a letter from the ministry says", which are the owner's)."""
    if token.lemma_.lower() not in SOURCE_NOUNS or token.pos_ != "NOUN":
        return False
    head = token.head
    states = (token.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() in DOCUMENT_CUES | SPEECH_VERBS
              and (any(c.dep_ in {"ccomp", "parataxis"} or c.text in {'"', "“", ":"} for c in head.children)
                   or (head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ == "that")))
    cited = token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
    if not (states or cited):
        return False
    owners = [c for c in token.children if c.dep_ in {"poss", "compound"}]
    owners += [p for c in token.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}
               for p in c.children if p.dep_ == "pobj"]
    inside = {i for o in owners for i in range(o.left_edge.i, o.right_edge.i + 1)}
    return not any(m.root in inside for m in mentions) and not any(
        o.lemma_.lower() in ACTOR_NOUNS or o.pos_ == "PRON" for o in owners)


def _description_role(doc: Doc, noun: Token) -> tuple[str | None, str | None]:
    """Qualifier (adjective) and owner ("Philadelphia's") of a role noun."""
    qualifier = next((c.text for c in noun.lefts if c.dep_ == "amod" and c.text[:1].isupper()), None)
    owner = next((c for c in noun.lefts if c.dep_ == "poss"), None)
    return qualifier, (clean_name(doc[owner.left_edge.i:owner.i + 1].text) if owner is not None else None)


def extract_mentions(doc: Doc, doc_id: str) -> list[Mention]:
    """All actor mentions in ``doc``, in text order."""
    sentence_of = _sentence_index(doc)
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    tokens = list(doc)  # spaCy makes a new Token object per access: make them once for every pass

    def add(start: int, end: int, kind: str, type_: str, root: int, **extra: object) -> Mention | None:
        # A description may contain other mentions ("the mayor's office"); nothing else may overlap.
        if taken[root] if kind == DESCRIPTION else any(taken[start:end]):
            return None
        for i in range(start, end):
            taken[i] = True
        span = doc[start:end]
        mention = Mention(
            doc_id=doc_id, start=span.start_char, end=span.end_char, text=span.text, kind=kind,
            type=type_, root=root, sentence=sentence_of[root], tokens=tuple(t.text for t in span),
            dependency=_effective_dep(doc[root]), **extra,  # type: ignore[arg-type]
        )
        mentions.append(mention)
        return mention

    # Names, "<name> administration" bodies first so the body wins over the bare name.
    for start, end, label in _repair_entities(doc):
        root_token = doc[start:end].root
        if root_token.dep_ == "compound" and root_token.head.i == end and root_token.head.lemma_.lower() in _BODY_AFTER_NAME:
            body = root_token.head
            add(start, body.i + 1, NAME, _BODY_AFTER_NAME[body.lemma_.lower()], body.i,
                head_lemma=body.lemma_.lower(), entity_label=label,
                definite=True)
            continue
        if label == "NORP" and not (root_token.pos_ in {"NOUN", "PROPN"} and root_token.dep_ not in {"amod", "compound"}):
            continue  # "Democratic mayor": an adjective, not a group acting
        if start < len(doc) and doc[start].lower_ == "the":
            start += 1
        if start >= end:
            continue
        type_ = _ENTITY_TYPES[label]
        if label in {"ORG", "GPE"} and _after_person_noun(doc, start) and 2 <= end - start <= 4 \
                and all(t.text[:1].isupper() for t in doc[start:end]):
            label, type_ = "PERSON", PERSON  # "writer Aner Shalev", "Mayor Kenney": a person
        extra: dict[str, object] = {"entity_label": label, "head_lemma": root_token.lemma_.lower()}
        if label == "PERSON":
            role, qualifier, role_of, gender = _role_of_name(doc, start, end)
            extra.update(role=role, role_qualifier=qualifier, role_of=role_of, gender=gender)
        if label == "NORP":
            extra["number"] = "plural"
        if label == "ORG" and end < len(doc) - 2 and doc[end].text == "(" and doc[end + 2].text == ")" \
                and doc[end + 1].text.isupper():
            extra["acronym_definition"] = doc[end + 1].text
        add(start, end, NAME, type_, root_token.i, **extra)

    # Surnames and first names of people named elsewhere in the article that the model did not
    # tag this time ('"We will fight it," Lopez told reporters').
    name_parts: set[str] = set()
    for mention in mentions:
        if mention.type == PERSON and mention.kind == NAME and len(mention.tokens) >= 2:
            name_parts |= {mention.tokens[0], mention.tokens[-1]}
    for token in tokens:
        if not taken[token.i] and token.pos_ == "PROPN" and token.text in name_parts and token.text[:1].isupper():
            add(token.i, token.i + 1, NAME, PERSON, token.i, entity_label="ECHO", head_lemma=token.lower_)

    # Acronyms the model did not tag ("ICE").
    for token in tokens:
        if taken[token.i]:
            continue
        bare = token.text.replace(".", "")
        if (2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper() and token.pos_ in {"PROPN", "NOUN"}
                and bare not in _NOT_ACRONYMS and not token.is_sent_start):
            add(token.i, token.i + 1, NAME, PLACE if bare in _PLACE_ACRONYMS else ORGANIZATION, token.i,
                entity_label="ACRONYM", head_lemma=bare.lower())

    # A source the entity model missed, named after "according to" ("according to the Sydney
    # Morning Herald") or as the subject of a speech verb ("The Deseret News observed"): a
    # proper-noun phrase, an organisation when it reads like one.
    for token in tokens:
        if token.lower_ == "to" and token.head.lower_ == "according":
            candidates = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
        elif token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
            candidates = [c for c in token.children if c.dep_ == "nsubj"]
        else:
            continue
        for source in candidates:
            if source.pos_ != "PROPN" or taken[source.i] or not source.text[:1].isupper():
                continue
            start = min([c.left_edge.i for c in source.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [source.i])
            inside = [m for m in mentions if m.kind == NAME and m.type == PLACE and start <= m.root <= source.i]
            for place in inside:  # "Sydney" in "the Sydney Morning Herald" is part of the paper's name
                mentions.remove(place)
                for k in range(start, source.i + 1):
                    taken[k] = False
            words = {t.lower_ for t in doc[start:source.i + 1]}
            type_ = ORGANIZATION if words & (ORG_SUFFIX_WORDS | _MEDIA_WORDS) or source.text.isupper() else PERSON
            add(start, source.i + 1, NAME, type_, source.i, entity_label="SOURCE", head_lemma=source.lower_)

    # Pronouns.
    for token in tokens:
        if taken[token.i] or token.pos_ != "PRON":
            continue
        features = PRONOUNS.get(token.lower_)
        if features and not _is_pleonastic(token):
            number, gender, _ = features
            add(token.i, token.i + 1, PRONOUN, "", token.i, number=number, gender=gender,
                head_lemma=token.lower_)

    # Descriptions: noun phrases headed by an actor noun, or by any noun that speaks
    # ("the poster wrote", "some individuals reported").
    for token in tokens:
        if taken[token.i] or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        lemma = token.lemma_.lower()
        speaks = (token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS
                  and lemma not in REPORT_NOUNS and lemma not in _NOT_SPEAKERS and token.pos_ == "NOUN")
        if lemma not in ACTOR_NOUNS and not speaks and token.dep_ != "compound" \
                and _ownerless_source(token, mentions):
            add(max(token.left_edge.i, min([c.left_edge.i for c in token.lefts
                                            if c.dep_ in {"det", "amod", "compound", "nummod"}] + [token.i])),
                token.i + 1, DESCRIPTION, WORK, token.i, head_lemma=lemma,
                number="plural" if token.tag_ == "NNS" else "singular", definite=True)
            continue
        if (lemma not in ACTOR_NOUNS and not speaks) or token.dep_ == "compound":
            continue
        left = token.left_edge.i
        # Keep determiners, adjectives, compounds and possessors; stop at anything taken.
        # Keep determiners, adjectives, compounds and possessors ("Philadelphia's Democratic mayor").
        modifiers = [c for c in token.lefts if c.dep_ in {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod"}]
        start = max(left, min([c.left_edge.i for c in modifiers] + [token.i]))
        while start < token.i and (doc[start].is_punct or doc[start].is_space):
            start += 1
        determiner = doc[start].lower_ if doc[start].dep_ == "det" else ""
        plural = token.tag_ in {"NNS", "NNPS"} or lemma in {"police", "staff", "people", "authorities"}
        acts = token.dep_ == "nsubj" and token.head.pos_ == "VERB"
        if lemma in _GENERIC_ALONE and not (plural or acts or any(c.dep_ != "det" for c in modifiers)):
            continue
        type_ = ACTOR_NOUNS.get(lemma, PERSON)
        if type_ == PERSON and plural:
            type_ = GROUP
        affiliation_prep = next((p for p in token.rights if p.dep_ == "prep"
                                 and p.lower_ in {"for", "of", "at", "from", "with"}), None)
        affiliations: tuple[str, ...] = ()
        if affiliation_prep is not None:
            inside = range(affiliation_prep.i + 1, affiliation_prep.right_edge.i + 1)
            affiliations = tuple(clean_name(m.text) for m in mentions
                                 if m.kind == NAME and m.root in inside and m.type != PLACE)
            if not affiliations:
                affiliation_prep = None
        end = token.i + 1
        if affiliation_prep is not None:  # "spokespeople for ICE": the description includes its
            end = affiliation_prep.right_edge.i + 1  # organisation, whose name stays a mention too
        qualifier, owner = _description_role(doc, token)
        if owner:
            affiliations = affiliations + (owner,)
        compound_owner = [c for c in token.lefts if c.dep_ == "compound" and (c.ent_type_ in {"ORG", "GPE"} or c.text.isupper())]
        if compound_owner:
            affiliations = affiliations + tuple(clean_name(c.text) for c in compound_owner)
        span_end = token.i + 1
        mention = add(start, span_end, DESCRIPTION, type_, token.i,
                      number="plural" if plural else "singular", head_lemma=lemma,
                      definite=determiner in {"the", "this", "that", "these", "those"} or start == token.i,
                      role=lemma if type_ in {PERSON, GROUP} else None, role_qualifier=qualifier,
                      role_of=owner, affiliations=affiliations)
        if mention is not None and end > span_end:
            mention.text = doc[start:end].text
            mention.end = doc[end - 1].idx + len(doc[end - 1].text)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


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


def _effective_dep(token: Token) -> str:
    """The dependency that says what a mention does: a conjunct shares its head's role."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "appos":
        return _effective_dep(token.head)
    return token.dep_


def is_agentive(doc: Doc, mention: Mention) -> bool:
    """Whether a mention acts: subject of a verb, agent of a passive, owner of an act."""
    token = doc[mention.root]
    dep = _effective_dep(token)
    head = token
    while head.dep_ in {"conj", "appos"} and head.head is not head:
        head = head.head
    if dep in _SUBJECT_DEPS:
        # the subject of a verb; not of a small clause ("making America great")
        return head.head.pos_ in {"VERB", "AUX"}
    if dep == "pobj" and token.head.dep_ == "agent":
        return True
    if dep == "poss" and token.head.pos_ == "NOUN":
        return True
    return False
