"""Decide which mentions of one article are one actor.

Rule-based and explainable (no neural coreference model works offline here). Every link from a
mention to its actor carries the rule that made it, so a user can audit a merge. Names first,
with one test of identity for every merge (:mod:`kg.extract.names`):

* ``name``: same name after normalisation ("the Department of Homeland Security's");
* ``surname`` / ``first name`` / ``nickname`` / ``initial``: "Kenney" or "Mayor Kenney" ->
  "Jim Kenney", "James Kenney" ~ "Jim Kenney" — never two different given names, suffixes or
  middle names ("Donald Trump" and "Donald Trump Jr." are two people); a surname that two people
  of the article bear goes to the nearest one before it (a bare surname prefers the one without
  a suffix); a surname that the model tagged ORG becomes a person;
* ``acronym``: "ICE" <-> "Immigration and Customs Enforcement" only when the text spells it out
  ("Immigration and Customs Enforcement (ICE)") or the shipped table of well-known
  organisations says so (``well-known name``); initials alone never merge;
* ``shortened name``: "Homeland Security" -> "Department of Homeland Security", "the Post" ->
  "The Washington Post"; ``place name``: "City of Philadelphia" -> "Philadelphia";

then descriptions and pronouns (:mod:`kg.extract.coreference`): appositions and titles,
officials as their organisation, definite descriptions, documents as their author, pronouns.
An actor mentioned only in a headline or subhead is dropped (it is an actor only if the body
names it). Merging across articles is :mod:`kg.extract.merge`'s job.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Sequence

from spacy.tokens import Doc

from . import appositions, coreference, pronouns, salience, surnames  # noqa: F401 (steps register on import; see each)
from . import families, ledes, possessives  # noqa: F401,E402 (after pronouns: the last steps)
from . import first_names  # noqa: F401,E402 (after the lede's descriptions)
from .actor_lexicon import (BODY_HEAD_WORDS, CHAMBER_PLACE_WORDS, CHAMBER_WORDS, GENERIC_ORG_WORDS,
                            GOVERNMENT_WORDS, ORG_KINDS, PLACE_ALIASES, PLACE_PREFIXES, TRADE_WORDS)
from .actor_lexicon import is_person_noun
from .actors import GOVERNMENT, GROUP, NAME, ORGANIZATION, PERSON, PLACE, Mention, clean_name
from .clusters import Actor, Clusters, LocalActor, best_label, place_key, strip_article  # noqa: F401 (public here too)
from .names import (NATIONAL_PREFIX, fold, name_tokens, org_key, person_like, person_name,
                    persons_compatible, well_known)
from .participation import is_agentive, takes_part


# --------------------------------------------------------------------------- names


def _person_match(mention: Mention, actor: LocalActor) -> str | None:
    """How a person's name joins an existing person actor, or None: it must be compatible with
    every full name the actor has (or equal its one-word name), and with its gender."""
    name = clean_name(mention.text)
    if mention.gender and actor.gender and mention.gender != actor.gender:
        return None
    own = person_name(name)
    if own is None:
        return None
    names = [(n, p) for n in actor.names() for p in [person_name(n)] if p is not None]
    full = [(n, p) for n, p in names if not p.single] or names
    if not full or not all(persons_compatible(name, n) for n, _ in full):
        return None
    kinds = [_match_kind(own, p) for _, p in full]
    return "name" if "name" in kinds else kinds[0]


def _match_kind(own, other) -> str:
    if (own.given, own.surname) == (other.given, other.surname):
        return "name"
    if own.single or other.single:
        single, full = (own, other) if own.single else (other, own)
        return "surname" if single.surname == full.surname else "first name"
    return "nickname" if own.given and other.given and len(own.given) > 1 and len(other.given) > 1 else "initial"


def _pick_person(mention: Mention, matches: list[tuple[LocalActor, str]]) -> tuple[LocalActor, str]:
    """Among several people a name fits (two Clintons), one without a suffix for a bare surname
    ("Trump" is not "Trump Jr."), else the one named most often before it (the article's own
    "Clinton", "Whitman", "Mohamed": the other one keeps a full name), else the nearest one."""
    own = person_name(clean_name(mention.text))
    if own is not None and own.suffix is None:
        plain = [(a, r) for a, r in matches if not any((p := person_name(n)) and p.suffix for n in a.names())]
        matches = plain or matches

    def salience(ar: tuple[LocalActor, str]) -> tuple[int, int]:
        before = [x.start for x in ar[0].mentions if x.start < mention.start]
        return len(before), max(before, default=-1)
    return max(matches, key=salience)


def _person_tagged_as_body(m: Mention) -> bool:
    """A full name the tagger took for an organisation: two or three capitalised words, the first
    a known given name, none a word of a body's name ("Keith Lamont Scott", not "Morgan Stanley
    Bank"); it is a person's when it fits exactly one person of the article."""
    return m.type == ORGANIZATION and person_like(clean_name(m.text))


def _resolve_people(clusters: Clusters, named: list[tuple[int, Mention]]) -> None:
    """Person names, full names first so that a surname finds its full name wherever it is;
    then a one-word ORG/GPE that is a person's surname or first name ("Kenney")."""
    persons = [(i, m) for i, m in named if m.type == PERSON]
    for i, m in sorted(persons, key=lambda im: -len(name_tokens(im[1].text))):
        matches = [(a, r) for a in clusters.actors if a.type == PERSON for r in [_person_match(m, a)] if r]
        if matches:
            actor, reason = _pick_person(m, matches) if len(matches) > 1 else matches[0]
            clusters.attach(i, m, actor, reason)
        else:
            clusters.new(i, m, " ".join(name_tokens(m.text)), True, "name")
    for i, m in named:
        if _person_tagged_as_body(m) and i not in clusters.of:
            matches = [(a, r) for a in clusters.actors if a.type == PERSON for r in [_person_match(m, a)] if r]
            if len(matches) == 1:
                m.type = PERSON
                clusters.attach(i, m, matches[0][0], matches[0][1] + " (retyped as person)")
                continue
        if m.type == PERSON or i in clusters.of or len(name_tokens(m.text)) != 1 or m.text.isupper():
            continue
        # a place only as a surname ("Kenney" tagged as a place): a place that is someone's first
        # name is more likely that place ("Charlotte" beside "the Charlotte Panthers")
        matches = [(a, r) for a in clusters.actors if a.type == PERSON for r in [_person_match(m, a)]
                   if r and (r == "surname" or m.type != PLACE)]
        if matches:
            m.type = PERSON
            actor, reason = _pick_person(m, matches) if len(matches) > 1 else matches[0]
            clusters.attach(i, m, actor, reason + " (retyped as person)")


def _org_match(mention: Mention, actor: LocalActor, common: frozenset[int] = frozenset()) -> str | None:
    """How an organisation's name joins an existing organisation actor, or None. A mention in
    ``common`` (a common noun capitalised by its place in the sentence) joins only by its whole
    name, never as a shortening ("Veterans in 2014 were …" is no "Department of Veterans Affairs")."""
    name = clean_name(mention.text)
    key = org_key(name)
    known = well_known(name)
    for mention_b in actor.mentions:
        if mention_b.kind != NAME:
            continue
        other = clean_name(mention_b.text)
        other_key = org_key(other)
        if key and key == other_key:
            return "name"
        if mention.acronym_definition == other or mention_b.acronym_definition == name:
            return "acronym (spelled out in the text)"
        if known is not None and known == well_known(other):
            return "well-known name"
        if mention.root in common or _national_body(name, key) or _national_body(other, other_key):
            continue  # "US team" is no shortening of "Brazilian team"
        reason = _shortened(org_key(name, national=True), org_key(other, national=True))
        if reason:
            return reason
    return None


def _national_body(name: str, key: str) -> bool:
    """"US team", "U.S. government": a country's body of one kind, named by the country alone;
    its key ("team") is no shortening of another body's name."""
    return " " not in key and key in BODY_HEAD_WORDS and NATIONAL_PREFIX.match(fold(name)) is not None


_ORG_MATCH_RANK = {"acronym (spelled out in the text)": 0, "name": 1, "well-known name": 2}


def _shortened(key: str, other_key: str) -> str | None:
    """Whether one organisation name is a shortening of the other."""
    short, long_ = (key, other_key) if len(key) < len(other_key) else (other_key, key)
    short_words, long_words = short.split(), long_.split()
    if not short_words or len(short_words) >= len(long_words):
        return None
    if "for" in long_words and set(short_words) <= set(long_words[long_words.index("for") + 1:]):
        return None  # what a body is for is not its name: "Justice" / "American Association for Justice"
    if len(short_words) == 1 and short in CHAMBER_WORDS:
        chamber = long_words[1] == "of" if long_words[0] == short else \
            long_words[-1] == short and set(long_words[:-1]) <= CHAMBER_PLACE_WORDS
        return "shortened name" if chamber else None  # "the House" is not the White House
    if long_words[:len(short_words)] == short_words and set(short_words) & BODY_HEAD_WORDS \
            and set(long_words[len(short_words):]) & BODY_HEAD_WORDS:
        return None  # "Bank of America Stadium", "New York University School of Law": named after it
    tail = long_words[len(short_words):]
    if long_words[:len(short_words)] == short_words and len(tail) >= 2 and tail[-1] in BODY_HEAD_WORDS \
            and any(_people_word(w) for w in tail[:-1]):
        return None  # "NFL Players Association", "Bristol Rovers Supporters Trust": its people's body, not it
    if len(short_words) >= 2 and long_words[-len(short_words):] == short_words:
        return "shortened name"  # "Homeland Security"
    # "the Church" for "the Church of Scientology", "the Post" for "The Washington Post"
    if len(short_words) == 1 and ((len(long_words) >= 3 and long_words[1] == "of" and long_words[0] == short)
                                  or long_words[-1] == short):
        return "shortened name"
    # "Scientology" / "Supreme Court" for "Church of Scientology" / "Italian Supreme Court of
    # Cassation": every distinctive word of the short name is in the long one.
    distinctive = [w for w in short_words if w not in GENERIC_ORG_WORDS]
    if distinctive and set(short_words) <= set(long_words) and len(distinctive[0]) > 2:
        return "shortened name"
    return None


def _people_word(word: str) -> bool:
    """A plural noun for people in a body's name ("players", "supporters", "alumni")."""
    return word == "alumni" or len(word) > 3 and word.endswith("s") and is_person_noun(word[:-1])


def common_words_first(doc: Doc, named: Sequence[tuple[int, Mention]]) -> frozenset[int]:
    """Roots of one-word names that open a sentence and that the article also writes in lower
    case ("Veterans in 2014 were …" beside "when veterans ask"): common nouns, capitalised only
    by their place."""
    lower = {t.lower_ for t in doc if t.is_lower and t.pos_ in {"NOUN", "ADJ"}}
    return frozenset(m.root for _, m in named if m.end - m.start == len(doc[m.root].text)
                     and doc[m.root].is_sent_start and doc[m.root].lower_ in lower)


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed, or two neighbours swapped ("Mauer" / "Maurer",
    "Bornsten" / "Bornstein", "Untied" / "United")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and (a[diff[0]], a[diff[1]]) == (b[diff[1]], b[diff[0]]))
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


#: A misspelling is only recognised in a surname at least this long ("Bush" / "Rush" are two names).
MISSPELT_MIN = 5


def _misspelled_surnames(clusters: Clusters, mentions: Sequence[Mention]) -> None:
    """A person named only by a surname that no one else bears and that is one letter away from
    the surname of exactly one person with a full name, starting with the same letter, and written
    no more often than it ("Mauer said" beside "K.C. Maurer", "Bornsten" beside "Harold
    Bornstein"): that person, misspelled. The people stay apart when both have full names
    ("Kristin" / "Kristen Wilkins" may be two people), when two full names fit, and when the
    surname is introduced with a role of its own ("Johnson, the governor" beside "Ann Johnston")."""
    full = [(a, p) for a in clusters.actors if a.type == PERSON for n in a.names()
            for p in [person_name(n)] if p is not None and not p.single]
    for actor in [a for a in clusters.actors if a.type == PERSON]:
        parts = [person_name(n) for n in actor.names()]
        if not parts or any(p is None or not p.single for p in parts) or len({p.surname for p in parts}) != 1:
            continue
        word = parts[0].surname
        targets = {id(a): a for a, p in full if len(word) >= MISSPELT_MIN and p.surname[0] == word[0]
                   and _one_letter_apart(word, p.surname)}
        if len(targets) != 1:
            continue
        target = next(iter(targets.values()))
        if actor.roles or (actor.gender and target.gender and actor.gender != target.gender) or \
                len(actor.mentions) > sum(m.kind == NAME for m in target.mentions):
            continue
        _merge_misspelt(clusters, mentions, actor, target, "misspelled surname")


def _misspelled_bodies(clusters: Clusters, mentions: Sequence[Mention]) -> None:
    """An organisation whose name is another organisation's name of as many words with one word
    one letter away ("the Untied Nations" beside "the United Nations"), and which is written no more
    often than it: that organisation, misspelled."""
    bodies = [a for a in clusters.actors if a.type in {ORGANIZATION, GOVERNMENT} and a.named]
    for actor in bodies:
        words = org_key(actor.names()[0]).split()
        if len(actor.names()) != 1 or len(words) < 2:
            continue
        targets = [b for b in bodies if b is not actor and any(_one_word_misspelt(words, org_key(n).split())
                                                                for n in b.names())]
        if len(targets) != 1 or len(actor.mentions) > len(targets[0].mentions) or targets[0] not in clusters.actors:
            continue
        _merge_misspelt(clusters, mentions, actor, targets[0], "misspelled name")


def _merge_misspelt(clusters: Clusters, mentions: Sequence[Mention], actor: LocalActor, target: LocalActor,
                    reason: str) -> None:
    """Move a misspelled actor's mentions to the actor it misspells; the misspelling is no name
    of it (its label, and its keys across articles, stay the right spelling)."""
    names = dict(target.name_cache)
    indices = [i for i, a in clusters.of.items() if a is actor]
    clusters.drop(actor)
    for i in indices:
        clusters.attach(i, mentions[i], target, actor.reasons.get(id(mentions[i]), "name") if mentions[i].kind != NAME
                        else reason)
    target.name_cache = names
    target.label_cache = None


def _one_word_misspelt(words: Sequence[str], other: Sequence[str]) -> bool:
    diff = [(a, b) for a, b in zip(words, other) if a != b]
    return len(words) == len(other) and len(diff) == 1 and len(diff[0][0]) >= MISSPELT_MIN \
        and diff[0][0][0] == diff[0][1][0] and _one_letter_apart(*diff[0])


def _resolve_bodies(clusters: Clusters, named: list[tuple[int, Mention]], common: frozenset[int] = frozenset()) -> None:
    """Organisations, places and groups, longest names first (the expansion before the acronym)."""
    others = [(i, m) for i, m in named if i not in clusters.of]
    for i, m in sorted(others, key=lambda im: (-len(clean_name(im[1].text)), im[1].start)):
        name = clean_name(m.text)
        if m.type == PLACE or (m.type in {ORGANIZATION, GOVERNMENT}
                               and (fold(name).startswith(PLACE_PREFIXES) or fold(name) in PLACE_ALIASES)):
            key = place_key(name)
            actor = next((a for a in clusters.actors if a.type == PLACE and a.key == key), None)
            if actor is None and m.type != PLACE:
                actor = next((a for a in clusters.actors if a.type in {ORGANIZATION, GOVERNMENT}
                              and _org_match(m, a, common)), None)
            if actor:
                clusters.attach(i, m, actor, "name" if fold(name) == actor.key else "place name")
            else:
                clusters.new(i, m, key, True, "name").type = PLACE
            continue
        if m.type == GROUP:
            key = _group_key(name)
            actor = next((a for a in clusters.actors if a.type == GROUP and a.named and a.key == key), None)
            if actor:
                clusters.attach(i, m, actor, "name")
            else:
                clusters.new(i, m, key, True, "name")
            continue
        matches = [(a, r) for a in clusters.actors if a.type in {ORGANIZATION, GOVERNMENT}
                   for r in [_org_match(m, a, common)] if r]
        # the strongest evidence wins: "USI" is the "University of Southern Indiana (USI)" the
        # text spells out, not the "USI Art Collections" it merely begins
        match = min(matches, key=lambda ar: _ORG_MATCH_RANK.get(ar[1], len(_ORG_MATCH_RANK))) if matches else None
        if match:
            clusters.attach(i, m, match[0], match[1])
        else:
            clusters.new(i, m, org_key(name), True, "name")
    for actor in clusters.actors:
        if actor.type == ORGANIZATION and _is_government(actor):
            actor.type = GOVERNMENT


def _is_government(actor: LocalActor) -> bool:
    for name in actor.names():
        known = well_known(name)
        if known is not None:
            return known.type == GOVERNMENT
        words = fold(name).split()
        kind = next((ORG_KINDS[k][0] for k in (" ".join(words[-3:]), " ".join(words[-2:]))
                     if " " in k and k in ORG_KINDS), None)
        if kind is not None:  # "Yonhap news agency" is a news agency, whatever "agency" says
            return kind == GOVERNMENT
        if words and words[-1] in ORG_KINDS and ORG_KINDS[words[-1]][0] != GOVERNMENT:
            return False  # "Iowa State Education Association", "National Basketball Players Association"
        words = {w.strip(".,").lower() for w in name.split()}
        if words & GOVERNMENT_WORDS and not words & {"inc", "corp", "company", "ltd", "university", "church"}:
            return True
    return False


def _group_key(name: str) -> str:
    key = fold(name)
    for suffix in ("ns", "s", "ic"):
        if key.endswith(suffix) and len(key) > 5:
            return key[: -len(suffix)] if suffix != "ns" else key[:-1]
    return key


def _short_names_of_bodies(clusters: Clusters, named: list[tuple[int, Mention]]) -> None:
    """A one-word name the tagger took for a person, when no person of the article has it and it
    is the one distinctive word of an organisation the tagger named so ("Yonhap said" beside "the
    Yonhap news agency"; "Elliott" beside "Elliott Management", whose trade word says what it is,
    not who): the organisation. Not a person heading a body ("Obama" beside the
    "Obama administration", tagged a person there too)."""
    keys: dict[str, list[LocalActor]] = {}
    for actor in clusters.actors:
        if actor.type in {ORGANIZATION, GOVERNMENT}:
            for m in actor.mentions:
                words = [w for w in org_key(m.text).split() if w not in GENERIC_ORG_WORDS | TRADE_WORDS]
                if m.kind == NAME and m.entity_label in {"ORG", "NORP"} and len(words) == 1 \
                        and actor not in keys.setdefault(words[0], []):
                    keys[words[0]].append(actor)
    for actor in [a for a in clusters.actors if a.type == PERSON and len(a.names()) == 1 and not a.roles]:
        bodies = keys.get(fold(actor.names()[0]), [])
        if len(bodies) != 1 or len(actor.names()[0].split()) != 1 or any(m.kind != NAME for m in actor.mentions):
            continue
        clusters.drop(actor)
        for i, m in named:
            if m in actor.mentions:
                m.type = bodies[0].type
                clusters.attach(i, m, bodies[0], "shortened name (retyped as organisation)")


def _drop_heading_only(clusters: Clusters) -> None:
    """An actor named only in a headline or subhead is not an actor of the article's body."""
    for actor in list(clusters.actors):
        if actor.mentions and all(m.heading for m in actor.mentions):
            clusters.drop(actor)


def _dateline_place_is_a_place(clusters: Clusters, dateline_place: str | None) -> None:
    """A name that is only the dateline's place ("LUSAKA, Zambia (Reuters) —" ... "told supporters
    in Lusaka") is that place, whatever the tagger says."""
    if not dateline_place:
        return
    key = fold(dateline_place)
    for actor in clusters.actors:
        if actor.named and actor.type in {ORGANIZATION, GOVERNMENT} and all(fold(n) == key for n in actor.names()):
            actor.type = PLACE


def resolve_document(doc: Doc, mentions: Sequence[Mention], dateline_place: str | None = None) -> list[LocalActor]:
    """Group one article's mentions into actors (see the module docstring for the rules)."""
    clusters = Clusters()
    named = [(i, m) for i, m in enumerate(mentions) if m.kind == NAME]
    _resolve_people(clusters, named)
    _resolve_bodies(clusters, named, common_words_first(doc, named))
    _short_names_of_bodies(clusters, named)
    _drop_heading_only(clusters)
    _dateline_place_is_a_place(clusters, dateline_place)
    context = coreference.Context(doc, mentions, clusters, dateline_place)
    for step in coreference.STEPS.values():
        step(context)
    _misspelled_surnames(clusters, mentions)
    _misspelled_bodies(clusters, mentions)
    _drop_heading_only(clusters)
    for actor in clusters.actors:
        actor.agentive = any(is_agentive(doc, x) for x in actor.mentions)
        actor.party = actor.agentive or any(takes_part(doc, x) for x in actor.mentions if not x.heading)
        actor.mentions.sort(key=lambda x: (x.start, x.end))
    return clusters.actors


# --------------------------------------------------------------------------- helpers for others


def slugify(text: str) -> str:
    text = fold(text)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:80] or "actor"


def compact_roles(roles: Iterable[tuple[str, str | None, str | None]]) -> list[tuple[str, str | None, str | None]]:
    """Drop a role that another one of the same name states more fully ("mayor" < "Philadelphia's mayor")."""
    roles = sorted(set(roles), key=lambda r: tuple(x or "" for x in r))

    def covered(r, other):
        return other != r and other[0] == r[0] and all(a is None or a == b for a, b in zip(r[1:], other[1:]))
    return [r for r in roles if not any(covered(r, other) for other in roles)]


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
