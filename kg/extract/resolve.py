"""Decide which mentions are one actor: within an article, then across articles.

Rule-based and explainable (no neural coreference model works offline here). Every link from a
mention to its actor carries the rule that made it, so a user can audit a merge:

* ``name``: same name after normalisation ("the Department of Homeland Security's" ->
  "Department of Homeland Security");
* ``surname`` / ``first name`` / ``nickname``: "Kenney" or "Mayor Kenney" -> "Jim Kenney",
  "James Kenney" ~ "Jim Kenney"; a surname that the model tagged ORG becomes a person;
* ``acronym``: "ICE" <-> "U.S. Immigration and Customs Enforcement", also from "(ICE)";
* ``shortened name``: "Homeland Security" -> "Department of Homeland Security";
* ``apposition`` / ``title``: "Philadelphia's Democratic mayor, Jim Kenney";
* ``definite description``: "the city", "the mayor", "the agency" -> the one actor that fits;
* ``same description``: "a judge" ... "a judge" in one article (unnamed actors are never merged
  across articles);
* ``pronoun``: he/she/it/they -> the nearest compatible antecedent (same sentence: the nearest
  one; earlier sentences: the subject of the latest sentence that has one).

Across articles, named actors merge on the same full name, an acronym or expansion, or a surname
that only one person in the corpus bears; two people who share a surname stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from spacy.tokens import Doc

from .actors import (DESCRIPTION, GOVERNMENT, GOVERNMENT_WORDS, GROUP, NAME, ORG_SUFFIX_WORDS, ORGANIZATION,
                     PERSON, PLACE, PRONOUN, PRONOUNS, TITLES, WORK, Mention, clean_name, is_agentive)

NICKNAMES = {
    "jim": "james", "jimmy": "james", "bill": "william", "billy": "william", "will": "william",
    "bob": "robert", "rob": "robert", "bobby": "robert", "mike": "michael", "tom": "thomas",
    "joe": "joseph", "dick": "richard", "rick": "richard", "liz": "elizabeth", "beth": "elizabeth",
    "kate": "katherine", "katie": "katherine", "chris": "christopher", "dan": "daniel",
    "dave": "david", "steve": "steven", "stephen": "steven", "tony": "anthony", "andy": "andrew",
    "alex": "alexander", "ben": "benjamin", "sam": "samuel", "nick": "nicholas", "matt": "matthew",
    "pat": "patrick", "ted": "edward", "ed": "edward", "ron": "ronald", "don": "donald",
    "jack": "john", "johnny": "john", "jon": "jonathan", "greg": "gregory", "jeff": "jeffrey",
    "larry": "lawrence", "jerry": "gerald", "chuck": "charles", "charlie": "charles",
    "hank": "henry", "harry": "henry", "peggy": "margaret", "maggie": "margaret", "sue": "susan",
    "jenny": "jennifer", "jen": "jennifer", "cathy": "catherine", "kathy": "katherine",
    "barb": "barbara", "vicky": "victoria", "nate": "nathan", "tim": "timothy", "fred": "frederick",
}
# "U.S. Immigration ..." and "Immigration ..." are one body; so are national prefixes generally.
_NATIONAL_PREFIX = re.compile(r"^(?:u\.?\s?s\.?a?\.?|united states|us|american|federal)\s+", re.IGNORECASE)
_ACRONYM_SKIP = {"of", "and", "for", "the", "on", "&", "in", "de", "to", "at"}
# Common names of one place.
PLACE_ALIASES = {
    "u.s.": "united states", "us": "united states", "u.s.a.": "united states", "usa": "united states",
    "america": "united states", "united states of america": "united states",
    "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "england": "england", "uae": "united arab emirates",
    "dprk": "north korea", "rok": "south korea", "prc": "china", "people's republic of china": "china",
}
_CITY_WORDS = {"city", "town", "village", "municipality", "county", "state", "country", "nation", "province"}
_ORG_KIND_WORDS = {"police", "army", "navy", "military", "ministry", "senate", "parliament", "congress",
                   "agency", "department", "ministry", "company", "firm", "organization", "organisation",
                   "corporation", "church", "party", "university", "court", "council", "bureau",
                   "commission", "committee", "group", "administration", "government", "school",
                   "newspaper", "network", "union", "team", "club", "association", "foundation",
                   "institute", "bank", "website", "board", "office"}
_GENERIC_ORG_WORDS = (ORG_SUFFIX_WORDS | _ACRONYM_SKIP | {"national", "federal", "international", "united",
                                                          "american", "british", "new", "north", "south"})
_PRONOUN_SENTENCE_WINDOW = 3


@dataclass
class LocalActor:
    """The mentions of one actor in one article, before cross-article merging."""

    key: str
    type: str
    named: bool
    mentions: list[Mention] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # mention index -> rule
    roles: set[tuple[str, str | None, str | None]] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    gender: str | None = None
    agentive: bool = False
    name_cache: dict[str, None] = field(default_factory=dict)  # distinct cleaned names, in order
    label_cache: tuple[int, str] | None = None

    def names(self) -> list[str]:
        """The distinct names this actor is mentioned by (cleaned), in order of first use."""
        return list(self.name_cache)

    def label(self) -> str:
        """The most complete name (memoised while the mentions do not change)."""
        cached = self.label_cache
        if cached is None or cached[0] != len(self.mentions):
            cached = self.label_cache = (len(self.mentions), best_label(self))
        return cached[1]


@dataclass
class Actor:
    """One real-world actor across the whole input."""

    id: str
    label: str
    type: str
    named: bool
    aliases: tuple[str, ...]
    mentions: list[tuple[Mention, str]]  # (mention, rule that linked it)
    roles: tuple[tuple[str, str | None, str | None], ...] = ()
    affiliations: tuple[str, ...] = ()
    merges: tuple[str, ...] = ()  # cross-article merge reasons
    locals: list[LocalActor] = field(default_factory=list)
    first_doc: str = ""
    same_as: tuple[str, ...] = ()  # external IRIs (owl:sameAs), from a user's alias table


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_tokens(name: str) -> list[str]:
    """Lower-cased name tokens without titles: "Mayor Jim Kenney" -> ["jim", "kenney"]."""
    tokens = [t.strip(".,") for t in _fold(clean_name(name)).replace("’", "'").split()]
    while len(tokens) > 1 and tokens[0].rstrip(".") in TITLES:
        tokens = tokens[1:]
    tokens = [t for t in tokens if t not in {"jr", "sr", "ii", "iii"}]
    return [t for t in tokens if t]


def org_key(name: str) -> str:
    key = _fold(clean_name(name))
    key = _NATIONAL_PREFIX.sub("", key)
    return re.sub(r"[^\w& ]+", "", key).strip()


def acronym(name: str) -> str:
    """Initials of the capitalised words: "U.S. Immigration and Customs Enforcement" -> "ICE"."""
    words = clean_name(name).split()
    if words and _NATIONAL_PREFIX.match(words[0] + " "):
        words = words[1:]
    return "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha()).upper()


def best_label(actor: LocalActor) -> str:
    """The most complete name; for unnamed actors, the fullest description."""
    names = actor.names()
    if names:
        if actor.type == PERSON:
            return max(names, key=lambda n: (len(name_tokens(n)), len(n), n))
        def score(n: str) -> tuple[int, int, str]:
            return (0 if n.isupper() and len(n) <= 6 else 1, len(n), n)
        return max(names, key=score)
    descriptions = list(dict.fromkeys(clean_name(m.text) for m in actor.mentions if m.kind == DESCRIPTION))
    if descriptions:
        return _strip_article(max(descriptions, key=lambda d: (len(d), d)))
    return actor.key


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:a|an|the|this|that|these|those)\s+", "", text, flags=re.IGNORECASE)


def _org_like(mention: Mention) -> bool:
    return mention.type in {ORGANIZATION, GOVERNMENT}


# --------------------------------------------------------------------------- within an article


class _Clusters:
    def __init__(self) -> None:
        self.actors: list[LocalActor] = []
        self.of: dict[int, LocalActor] = {}

    def new(self, index: int, mention: Mention, key: str, named: bool, reason: str) -> LocalActor:
        actor = LocalActor(key=key, type=mention.type, named=named)
        self.actors.append(actor)
        self.attach(index, mention, actor, reason)
        return actor

    def attach(self, index: int, mention: Mention, actor: LocalActor, reason: str) -> None:
        actor.mentions.append(mention)
        if mention.kind == NAME:
            actor.name_cache.setdefault(clean_name(mention.text))
        actor.reasons[id(mention)] = reason
        self.of[index] = actor
        if mention.role:
            actor.roles.add((mention.role, mention.role_qualifier, mention.role_of))
        actor.affiliations.update(mention.affiliations)
        if mention.gender and actor.type == PERSON:
            actor.gender = actor.gender or mention.gender

    def merge(self, keep: LocalActor, gone: LocalActor, reason: str) -> None:
        if keep is gone:
            return
        for mention in gone.mentions:
            keep.mentions.append(mention)
            keep.reasons[id(mention)] = gone.reasons.get(id(mention), reason) if gone.reasons.get(id(mention)) != "name" else reason
        keep.roles |= gone.roles
        keep.affiliations |= gone.affiliations
        for name in gone.name_cache:
            keep.name_cache.setdefault(name)
        keep.gender = keep.gender or gone.gender
        for index, actor in list(self.of.items()):
            if actor is gone:
                self.of[index] = keep
        self.actors.remove(gone)


def _person_match(tokens: list[str], actor: LocalActor) -> str | None:
    """How a person name matches an existing person actor, or None."""
    for name in actor.names():
        other = name_tokens(name)
        if not other or not tokens:
            continue
        if tokens == other:
            return "name"
        if len(tokens) == 1 and tokens[0] == other[-1] and len(other) > 1:
            return "surname"
        if len(tokens) == 1 and tokens[0] == other[0] and len(other) > 1:
            return "first name"
        if len(tokens) > 1 and len(other) > 1 and tokens[-1] == other[-1]:
            a, b = NICKNAMES.get(tokens[0], tokens[0]), NICKNAMES.get(other[0], other[0])
            if a == b:
                return "nickname"
            if len(tokens[0].rstrip(".")) == 1 and other[0].startswith(tokens[0].rstrip(".")):
                return "initial"
    return None


def _org_match(mention: Mention, actor: LocalActor) -> str | None:
    name = clean_name(mention.text)
    key = org_key(name)
    for mention_b in actor.mentions:
        if mention_b.kind != NAME:
            continue
        other = clean_name(mention_b.text)
        other_key = org_key(other)
        if key and key == other_key:
            return "name"
        if mention.acronym_definition and mention.acronym_definition == other:
            return "acronym"
        if mention_b.acronym_definition and mention_b.acronym_definition == name:
            return "acronym"
        if name.replace(".", "").isupper() and len(name) <= 6 and acronym(other) == name.replace(".", "") and len(other.split()) > 1:
            return "acronym"
        if other.replace(".", "").isupper() and len(other) <= 6 and acronym(name) == other.replace(".", "") and len(name.split()) > 1:
            return "acronym"
        short, long_ = (key, other_key) if len(key) < len(other_key) else (other_key, key)
        short_words, long_words = short.split(), long_.split()
        if 2 <= len(short_words) < len(long_words) and long_words[-len(short_words):] == short_words:
            return "shortened name"
        # "the Church" for "the Church of Scientology", "the Department" for "Department of X"
        if len(short_words) == 1 and len(long_words) >= 3 and long_words[1] == "of" and long_words[0] == short_words[0]:
            return "shortened name"
        # "Scientology" / "Supreme Court" for "Church of Scientology" / "Italian Supreme Court of
        # Cassation": every distinctive word of the short name is in the long one.
        distinctive = [w for w in short_words if w not in _GENERIC_ORG_WORDS]
        if distinctive and len(short_words) < len(long_words) and set(short_words) <= set(long_words) \
                and len(distinctive[0]) > 2:
            return "shortened name"
    return None


def resolve_document(doc: Doc, mentions: Sequence[Mention], dateline_place: str | None = None) -> list[LocalActor]:
    """Group one article's mentions into actors (see the module docstring for the rules)."""
    clusters = _Clusters()
    named = [(i, m) for i, m in enumerate(mentions) if m.kind == NAME]

    # 1. Person names: full names first, so that a surname finds its full name wherever it is.
    persons = [(i, m) for i, m in named if m.type == PERSON]
    for i, m in sorted(persons, key=lambda im: -len(name_tokens(im[1].text))):
        tokens = name_tokens(m.text)
        matches = [(a, r) for a in clusters.actors if a.type == PERSON for r in [_person_match(tokens, a)] if r]
        if len(tokens) == 1 and len({id(a) for a, _ in matches}) > 1:
            # Two people share this surname: take the nearest one mentioned before.
            matches.sort(key=lambda ar: -max((x.start for x in ar[0].mentions if x.start < m.start), default=-1))
        if matches:
            clusters.attach(i, m, matches[0][0], matches[0][1])
        else:
            clusters.new(i, m, " ".join(tokens), True, "name")

    # 2. A single-word ORG/GPE that is a person's surname or first name is that person ("Kenney").
    for i, m in named:
        if m.type == PERSON or i in clusters.of:
            continue
        tokens = name_tokens(m.text)
        if len(tokens) == 1:
            matches = [(a, r) for a in clusters.actors if a.type == PERSON for r in [_person_match(tokens, a)] if r]
            if matches:
                m.type = PERSON
                clusters.attach(i, m, matches[0][0], (matches[0][1] or "name") + " (retyped as person)")

    # 3. Organisations, places and groups, longest names first (the expansion before the acronym).
    others = [(i, m) for i, m in named if i not in clusters.of]
    for i, m in sorted(others, key=lambda im: (-len(clean_name(im[1].text)), im[1].start)):
        name = clean_name(m.text)
        if m.type == PLACE:
            key = PLACE_ALIASES.get(_fold(name), _fold(name))
            actor = next((a for a in clusters.actors if a.type == PLACE and a.key == key), None)
            if actor:
                clusters.attach(i, m, actor, "name")
            else:
                clusters.new(i, m, key, True, "name")
            continue
        if m.type == GROUP:
            key = _group_key(name)
            actor = next((a for a in clusters.actors if a.type == GROUP and a.named and a.key == key), None)
            if actor:
                clusters.attach(i, m, actor, "name")
            else:
                clusters.new(i, m, key, True, "name")
            continue
        match = next(((a, r) for a in clusters.actors if a.type in {ORGANIZATION, GOVERNMENT}
                      for r in [_org_match(m, a)] if r), None)
        if match:
            clusters.attach(i, m, match[0], match[1])
        else:
            actor = clusters.new(i, m, org_key(name), True, "name")
    for actor in clusters.actors:
        if actor.type == ORGANIZATION and _is_government(actor):
            actor.type = GOVERNMENT

    # 4. Appositions and titles: "Philadelphia's Democratic mayor, Jim Kenney".
    for i, m in enumerate(mentions):
        if m.kind != DESCRIPTION or i in clusters.of:
            continue
        target = _title_partner(doc, m, mentions, clusters)
        if target is not None and (target.type == PERSON) == (m.type == PERSON):
            clusters.attach(i, m, target, "apposition")

    # 5. Definite descriptions that fit exactly one actor; same descriptions merge.
    for i, m in enumerate(mentions):
        if m.kind != DESCRIPTION or i in clusters.of:
            continue
        target = _definite_target(m, clusters, mentions, dateline_place) if m.definite else None
        if target is not None:
            clusters.attach(i, m, target, "definite description")
            continue
        key = _description_key(m)
        actor = next((a for a in clusters.actors if not a.named and a.key == key), None)
        if actor:
            clusters.attach(i, m, actor, "same description")
        else:
            clusters.new(i, m, key, False, "description")

    # 6. Pronouns.
    for i, m in enumerate(mentions):
        if m.kind != PRONOUN:
            continue
        target = _pronoun_target(doc, i, m, mentions, clusters)
        reason = "pronoun"
        if target is None and PRONOUNS[m.head_lemma][2] == "person":
            target = _person_named_as_organisation(i, m, mentions, clusters)
            reason = "pronoun (name retyped as person)"
        if target is not None:
            clusters.attach(i, m, target, reason)
            if m.gender and target.type == PERSON:
                target.gender = target.gender or m.gender

    for actor in clusters.actors:
        actor.agentive = any(is_agentive(doc, x) for x in actor.mentions)
        actor.mentions.sort(key=lambda x: (x.start, x.end))
    return clusters.actors


def _title_partner(doc: Doc, m: Mention, mentions: Sequence[Mention], clusters: _Clusters) -> LocalActor | None:
    """The named actor a description stands in apposition to or is a title of: "the team's coach,
    Alireza Mehraban", "American academic Marc Lamont Hill", "Afghan Ambassador to the United
    States Hamdullah Mohib", "Enver Solomon, CEO of the Refugee Council"."""
    token = doc[m.root]
    candidates = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ in {"appos", "compound", "nmod"}:
        candidates.append(token.head)
    for candidate in candidates:
        target = _actor_at(clusters, mentions, candidate.i)
        if target is not None and target.named:
            return target
    # A name right after the description's phrase, in the same noun phrase.
    right = token.right_edge.i + 1
    while right < len(doc) and doc[right].text in {",", "—", "-"}:
        right += 1
    for j, other in enumerate(mentions):
        if other.kind == NAME and j in clusters.of and other.start >= doc[min(right, len(doc) - 1)].idx \
                and other.start <= doc[min(right, len(doc) - 1)].idx + 1:
            name_root = doc[other.root]
            if name_root.head.i == token.i or token.head.i == name_root.i or name_root.is_ancestor(token) \
                    or token.is_ancestor(name_root):
                return clusters.of[j]
    return None


def _is_government(actor: LocalActor) -> bool:
    for name in actor.names():
        words = {w.strip(".,").lower() for w in name.split()}
        if words & GOVERNMENT_WORDS and not words & {"inc", "corp", "company", "ltd", "university", "church"}:
            return True
    return False


def _group_key(name: str) -> str:
    key = _fold(name)
    for suffix in ("ns", "s", "ic"):
        if key.endswith(suffix) and len(key) > 5:
            return key[: -len(suffix)] if suffix != "ns" else key[:-1]
    return key


def _description_key(mention: Mention) -> str:
    words = [w.lower() for w in clean_name(mention.text).split()]
    words = [w for w in words if w not in {"a", "an", "the", "this", "that", "these", "those", "some", "several"}]
    head = mention.head_lemma
    modifiers = [w for w in words if w != head and not w.startswith(head[:4])]
    return " ".join(modifiers[:3] + [head])


def _actor_at(clusters: _Clusters, mentions: Sequence[Mention], token_index: int) -> LocalActor | None:
    for i, m in enumerate(mentions):
        if m.root == token_index and i in clusters.of:
            return clusters.of[i]
    return None


def _definite_target(m: Mention, clusters: _Clusters, mentions: Sequence[Mention], dateline_place: str | None) -> LocalActor | None:
    """The one named actor that a bare definite description ("the city", "the mayor") can mean.

    Only "the" + head noun qualifies: "the religious schools" or "the regional government" say
    more than the actor's kind, so they stay descriptions of their own.
    """
    head = m.head_lemma
    words = clean_name(m.text).lower().split()
    if len(words) != 1:
        return None
    before = [a for a in clusters.actors if a.named and any(x.start < m.start for x in a.mentions)]
    if m.type in {PERSON, GROUP} and m.number == "singular":
        holders = [a for a in before if any(r[0] == head or (r[0] or "").endswith(" " + head) for r in a.roles)]
        return holders[0] if len(holders) == 1 else None
    if head in _CITY_WORDS:
        places = [a for a in before if a.type == PLACE]
        if dateline_place:
            fold = _fold(dateline_place)
            preferred = [a for a in places if a.key == fold]
            if len(preferred) == 1:
                return preferred[0]
        return places[0] if len(places) == 1 else None
    if head in _ORG_KIND_WORDS:
        named_kind = [a for a in before if a.type in {ORGANIZATION, GOVERNMENT}
                      and any(head in _fold(n).split() for n in a.names())]
        if len(named_kind) == 1:
            return named_kind[0]
        if head == "administration":
            return None
        same_type = [a for a in before if a.type == m.type]
        return same_type[0] if len(same_type) == 1 else None
    return None


def _compatible(pronoun: Mention, actor: LocalActor, antecedent: Mention) -> bool:
    number, gender, animacy = PRONOUNS[pronoun.head_lemma]
    if animacy == "person":
        if actor.type != PERSON:
            return False
        return not (gender and actor.gender and gender != actor.gender)
    if animacy == "thing":
        return actor.type in {ORGANIZATION, GOVERNMENT, PLACE, WORK} and antecedent.number == "singular"
    # they / their: groups, plural descriptions, and organisations
    return actor.type in {GROUP, ORGANIZATION, GOVERNMENT} or antecedent.number == "plural"


def _person_named_as_organisation(index: int, pronoun: Mention, mentions: Sequence[Mention],
                                  clusters: _Clusters) -> LocalActor | None:
    """A "he"/"she" with no person to refer to, right after a one-word name that the model tagged
    as an organisation and that is the subject of its sentence ("Kenney said ... He added"): that
    name is a person, and the actor is retyped."""
    for j in range(index - 1, -1, -1):
        m = mentions[j]
        if pronoun.sentence - m.sentence > 1:
            return None
        actor = clusters.of.get(j)
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


def _pronoun_target(doc: Doc, index: int, pronoun: Mention, mentions: Sequence[Mention], clusters: _Clusters) -> LocalActor | None:
    candidates = []
    for j in range(index - 1, -1, -1):
        m = mentions[j]
        if pronoun.sentence - m.sentence > _PRONOUN_SENTENCE_WINDOW:
            break
        if m.kind == PRONOUN and j not in clusters.of:
            continue
        actor = clusters.of.get(j)
        if actor is None or not _compatible(pronoun, actor, m):
            continue
        if doc[m.root].head.i == doc[pronoun.root].i:
            continue  # not its own dependent
        candidates.append((m, actor))
    if not candidates:
        return None
    same = [(m, a) for m, a in candidates if m.sentence == pronoun.sentence]
    if same:
        # In the same sentence: a subject of the same clause binds it ("X said it would"),
        # otherwise the nearest one does.
        return same[0][1]
    latest = max(m.sentence for m, _ in candidates)
    in_latest = [(m, a) for m, a in candidates if m.sentence == latest]
    subjects = [(m, a) for m, a in in_latest if m.is_subject]
    return (subjects[-1] if subjects else in_latest[0])[1]


# --------------------------------------------------------------------------- across articles


def slugify(text: str) -> str:
    text = _fold(text)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:80] or "actor"


def merge_documents(per_document: Iterable[tuple[str, list[LocalActor]]]) -> list[Actor]:
    """Merge the actors of many articles into one actor per real-world entity.

    Returns actors in a stable order with unique, readable ids.
    """
    groups: list[dict] = []
    by_key: dict[tuple[str, str], dict] = {}
    person_surnames: dict[str, list[dict]] = defaultdict(list)
    pending_surname: list[tuple[str, LocalActor]] = []

    def new_group(doc_id: str, actor: LocalActor, reason: str) -> dict:
        group = {"locals": [(doc_id, actor, reason)], "type": actor.type, "named": actor.named}
        groups.append(group)
        return group

    for doc_id, actors in per_document:
        for actor in actors:
            if not actor.named:
                new_group(doc_id, actor, "")
                continue
            label = actor.label()
            if actor.type == PERSON:
                tokens = name_tokens(label)
                if len(tokens) == 1:
                    pending_surname.append((doc_id, actor))
                    continue
                first = NICKNAMES.get(tokens[0], tokens[0])
                key = ("person", f"{first} {tokens[-1]}")
                group = by_key.get(key)
                if group:
                    group["locals"].append((doc_id, actor, "same full name"))
                else:
                    group = new_group(doc_id, actor, "")
                    by_key[key] = group
                    person_surnames[tokens[-1]].append(group)
                continue
            keys = _org_keys(actor) if actor.type in {ORGANIZATION, GOVERNMENT} else [(actor.type, actor.key)]
            group = next((by_key[k] for k in keys if k in by_key), None)
            if group:
                group["locals"].append((doc_id, actor, "same name or acronym"))
            else:
                group = new_group(doc_id, actor, "")
            for k in keys:
                by_key.setdefault(k, group)

    for doc_id, actor in pending_surname:
        surname = name_tokens(actor.label())[0]
        bearers = person_surnames.get(surname, [])
        if len(bearers) == 1:
            bearers[0]["locals"].append((doc_id, actor, f"surname '{surname}' borne by one person in the input"))
        else:
            group = by_key.get(("person-surname", surname))
            if group and len(bearers) == 0:
                group["locals"].append((doc_id, actor, "same single name"))
            else:
                group = new_group(doc_id, actor, "")
                if len(bearers) == 0:
                    by_key[("person-surname", surname)] = group

    result: list[Actor] = []
    for group in groups:
        locals_ = group["locals"]
        mentions: list[tuple[Mention, str]] = []
        for doc_id, local, _ in locals_:
            mentions.extend((m, local.reasons.get(id(m), "name")) for m in local.mentions)
        label = max((local.label() for _, local, _ in locals_), key=lambda text: (len(text), text))
        type_ = Counter(local.type for _, local, _ in locals_).most_common(1)[0][0]
        alias_kinds = {NAME} if group["named"] else {DESCRIPTION}
        aliases = sorted({_alias(m) for m, _ in mentions if m.kind in alias_kinds} - {""})
        roles = sorted({r for _, local, _ in locals_ for r in local.roles}, key=lambda r: tuple(x or "" for x in r))
        affiliations = sorted({a for _, local, _ in locals_ for a in local.affiliations})
        merges = tuple(sorted({f"{doc_id}: {reason}" for doc_id, _, reason in locals_[1:] if reason}))
        result.append(Actor(id="", label=label, type=type_, named=group["named"], aliases=tuple(aliases),
                            mentions=sorted(mentions, key=lambda mr: (mr[0].doc_id, mr[0].start, mr[0].end)),
                            roles=tuple(roles), affiliations=tuple(affiliations), merges=merges,
                            locals=[local for _, local, _ in locals_], first_doc=locals_[0][0]))
    assign_ids(result)
    result.sort(key=lambda a: a.id)
    return result


def compact_roles(roles: Iterable[tuple[str, str | None, str | None]]) -> list[tuple[str, str | None, str | None]]:
    """Drop a role that another one of the same name states more fully ("mayor" < "Philadelphia's mayor")."""
    roles = sorted(set(roles), key=lambda r: tuple(x or "" for x in r))
    def covered(r, other):
        return other != r and other[0] == r[0] and all(a is None or a == b for a, b in zip(r[1:], other[1:]))
    return [r for r in roles if not any(covered(r, other) for other in roles)]


def _alias(mention: Mention) -> str:
    text = clean_name(mention.text)
    return _strip_article(text) if mention.kind == DESCRIPTION else text


def _org_keys(actor: LocalActor) -> list[tuple[str, str]]:
    keys = []
    for name in actor.names():
        key = org_key(name)
        if key:
            keys.append(("org", key))
        if len(name.split()) > 1:
            initials = acronym(name)
            if len(initials) >= 2:
                keys.append(("org", initials.lower()))
    return sorted(set(keys))


def assign_ids(actors: list[Actor]) -> None:
    """Give each actor a readable, unique id: the slug of its label (unnamed: plus the article)."""
    used: Counter[str] = Counter()
    for actor in sorted(actors, key=lambda a: (not a.named, a.label, a.type, a.first_doc,
                                               a.mentions[0][0].start if a.mentions else 0)):
        base = slugify(actor.label)
        if not actor.named:
            base = f"{base}--{slugify(actor.first_doc)}"
        used[base] += 1
        actor.id = base if used[base] == 1 else f"{base}-{used[base]}"
