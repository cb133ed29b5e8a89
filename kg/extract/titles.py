"""Titles before and degrees after a person's name: the person's role, never actors of their own.

"Philadelphia's Democratic Mayor Jim Kenney", "Health Secretary Jeremy Hunt", "Governor of
Washington Chris Gregoire", "Labour's Shadow Home Secretary Yvette Cooper", "David Knopman, MD":
:func:`role_of_name` reads the role, its qualifier, the place or organisation it is of, and the
gender a title implies, and claims the title's words so that no other construction of
:mod:`kg.extract.actors` makes a mention of them.
"""

from __future__ import annotations

from typing import Callable, Protocol

from spacy.tokens import Doc, Token

from .actor_lexicon import (ACTOR_NOUNS, FEMALE_TITLES, MALE_TITLES, NAME, PERSON, PERSON_NOUN_ENDINGS,
                            PERSON_NOUN_GENDERS, POSTNOMINALS, TITLE_ROLES, TITLES)
from .names import as_acronym, clean_name, likely_gender


class Finder(Protocol):
    """What the title readers need of :class:`kg.extract.actors.MentionFinder`."""

    doc: Doc
    tokens: list[Token]
    taken: list[bool]
    mentions: list

    def release(self, mention, start: int, end: int) -> None: ...


def after_person_noun(doc: Doc, start: int) -> bool:
    """Whether a name is preceded by a personal title or a person noun ("mathematician", "Mr.")."""
    if start == 0:
        return False
    before = doc[start - 1]
    lower = before.lower_.rstrip(".")
    if lower in TITLES and lower not in {"general", "executive", "head", "chair", "acting", "former"}:
        return True
    return before.pos_ == "NOUN" and before.text.islower() and (
        ACTOR_NOUNS.get(before.lemma_.lower()) == PERSON or before.lower_.endswith(PERSON_NOUN_ENDINGS[:8]))


#: Nouns that name only a person (not a country or body, as "ally" or "member" may): a name in
#: apposition to one is a person's.
ONLY_PERSON_NOUNS = frozenset(PERSON_NOUN_GENDERS) | {
    "child", "baby", "infant", "toddler", "teenager", "teen", "student", "pupil", "patient", "person",
    "friend", "neighbor", "neighbour", "colleague", "writer", "artist", "singer", "actor", "doctor", "nurse",
    "teacher", "lawyer", "attorney", "scientist", "researcher", "resident", "veteran", "victim",
    "director", "president", "founder", "general"}  # "Its director general, Cecilia Bonefeld-Dahl,"


def _person_noun(token) -> bool:
    return token.pos_ == "NOUN" and token.text.islower() and token.tag_ == "NN" \
        and token.lemma_.lower() in ONLY_PERSON_NOUNS


def in_person_apposition(root) -> bool:
    """Whether a name stands in apposition to one person noun ("the death of their child, Gloria",
    "Gloria, their only child,"): the name is a person's, whatever the tagger says."""
    if root.dep_ == "appos" and _person_noun(root.head):
        return True
    return any(c.dep_ == "appos" and _person_noun(c) for c in root.children)


def _title_complement(doc: Doc, i: int) -> tuple[int, str] | None:
    """A title's "of"/"to" complement ending right before a name: "Governor of Washington" +
    "Chris Gregoire", "Ambassador to the United States" + "Hamdullah Mohib". Returns the index of
    the title word and the complement's name ("Washington"), or None."""
    j = i
    while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].ent_type_ != "PERSON" \
            and doc[j].lower_.rstrip(".") not in TITLES and doc[j].sent_start is not True:
        j -= 1
    if j == i:
        return None
    complement = clean_name(doc[j + 1:i + 1].text)
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j >= 1 and doc[j].lower_ in {"of", "to"} and _is_title_word(doc[j - 1]):
        return j - 1, complement
    return None


def _is_title_word(token: Token) -> bool:
    """A capitalised title ("Governor", "Sen.", "Administrator") that may stand before a name."""
    return token.text[:1].isupper() and (token.lower_.rstrip(".") in TITLES
                                         or ACTOR_NOUNS.get(token.lemma_.lower()) == PERSON)


#: Titles a portfolio word goes before ("Commerce Secretary", "Health Minister").
PORTFOLIO_TITLES = frozenset({"secretary", "minister", "commissioner", "czar", "tsar"})


def portfolio(token) -> bool:
    """A one-word body name the tagger found before a portfolio title ("Commerce" in "Commerce
    Secretary Howard Lutnick"): part of the title, not an organisation."""
    doc = token.doc
    return token.ent_type_ == "ORG" and token.ent_iob_ == "B" and not token.is_upper \
        and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")


#: Endings of the adjectives that qualify a title ("Tribal Chairman", "Federal Judge", "Municipal Clerk").
_ADJECTIVE_ENDINGS = ("al", "ic", "ian", "ese", "ern", "ish", "ary", "ive")


def title_adjective(token) -> bool:
    """A one-word name the tagger found right before a title and a person's name that is an
    adjective ("Tribal" in "Tribal Chairman Terry Rambler"): part of the title, no actor. A
    given name there stays a name."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in TITLES or doc[token.i + 2].ent_type_ != "PERSON":
        return False
    return token.tag_ == "JJ" or (token.lower_.endswith(_ADJECTIVE_ENDINGS) and likely_gender(token.text) is None)


def role_of_name(finder: Finder, start: int) -> dict[str, object]:
    """Role, qualifier, "of" place or organisation, and gender read off the title before a name.

    "Philadelphia's Democratic Mayor Jim Kenney" -> role "mayor", qualifier "Democratic", of
    "Philadelphia"; "ICE spokeswoman Jane Doe" -> role "spokeswoman", affiliation "ICE";
    "Health Secretary Jeremy Hunt" -> role "health secretary"; "Governor of Washington Chris
    Gregoire" -> role "governor" of "Washington"; "Labour's Shadow Home Secretary Yvette Cooper" ->
    role "shadow home secretary" of "Labour". ``title`` is the span of the title's tokens (see
    :func:`claim_title`).
    """
    doc = finder.doc
    role_words: list[str] = []
    qualifier = role_of = gender = None
    affiliations: tuple[str, ...] = ()
    i, first, inside = start - 1, start, None
    complement = _title_complement(doc, i)
    if complement is not None:
        i, role_of = complement
    while i >= 0 and doc[i].sent_start is not True:
        token = doc[i]
        lower = token.lower_.rstrip(".")
        if token.is_space and "\n" not in token.text:
            i -= 1  # "Sen.\xa0Bernie Sanders": a non-breaking space is a token of its own
            continue
        if (lower in TITLES and token.pos_ in {"PROPN", "NOUN", "ADJ"}) or _is_title_word(token) \
                or (role_words and token.dep_ == "compound" and token.pos_ == "NOUN" and token.is_lower):
            role_words.insert(0, TITLE_ROLES.get(lower, token.text.rstrip(".")))
            gender = gender or ("male" if lower in MALE_TITLES else "female" if lower in FEMALE_TITLES else None)
        elif role_words and token.text == "-" and not token.whitespace_ and i > 0 and doc[i - 1].is_alpha \
                and not doc[i - 1].whitespace_:
            role_words[0] = f"{doc[i - 1].text}-{role_words[0]}"  # "co-founder", "vice-president"
            i -= 1
        elif role_words and portfolio(token) and role_words[0].lower() in PORTFOLIO_TITLES:
            role_words.insert(0, token.text)  # "Commerce Secretary" with "Commerce" tagged as a body
        elif role_words and (token.ent_type_ in {"ORG", "GPE"} or as_acronym(token.text)) \
                and token.dep_ in {"compound", "nmod", "poss"}:
            entity_start = i
            while entity_start > 0 and doc[entity_start].ent_iob_ == "I":
                entity_start -= 1
            if entity_start > 1 and doc[entity_start - 1].dep_ == "case" and token.ent_type_ == "ORG":
                # "Labour's Shadow Home Secretary": after a possessor, the words are the title's
                role_words[:0] = [t.text for t in doc[entity_start:i + 1]]
                i, first, inside = entity_start - 1, entity_start, (entity_start, i + 1)
                continue
            owner = clean_name(doc[entity_start:i + 1].text)
            if token.ent_type_ != "GPE":
                affiliations = (owner,)
            role_of = role_of or owner
            break
        elif role_words and token.pos_ == "PROPN" and token.text[:1].isupper() and not token.ent_type_ \
                and token.dep_ == "compound":
            role_words.insert(0, token.text)  # "Health Secretary", "Foreign Minister"
        elif token.ent_type_ == "NORP" or (token.dep_ == "amod" and token.text[:1].isupper()):
            qualifier = token.text
        elif token.dep_ == "case" and i > 0:
            if doc[i - 1].ent_type_ in {"GPE", "ORG"}:
                role_of = role_of or doc[i - 1].text
                if doc[i - 1].ent_type_ == "ORG":
                    affiliations = (clean_name(doc[i - 1].text),)
            break
        else:
            break
        first = i
        i -= 1
    role = " ".join(w.lower() for w in role_words if w.lower().rstrip(".") not in {"mr", "mrs", "ms", "miss", "sir"})
    if role_words and inside is not None:
        # "Shadow Home" in "Shadow Home Secretary": no organisation, a part of the title
        for mention in [m for m in finder.mentions if inside[0] <= m.root < inside[1] and m.kind == NAME]:
            finder.release(mention, *inside)
    return {"role": role or None, "role_qualifier": qualifier, "role_of": role_of, "gender": gender,
            "affiliations": affiliations, "title": (first, start) if role_words else None}


def claim_title(finder: Finder, title: tuple[int, int], name_root: int, role: dict[str, object],
                add: Callable[..., object]) -> None:
    """The title before a name is the person's role, not an actor: a description that is the
    person's by construction (``title_of`` the name), and its words are claimed so that no other
    construction makes a mention of them. ``add`` is the finder's way to add a description."""
    first, start = title
    words = finder.doc[first:start]
    if role.get("role"):
        add(first, start, words.root.i, role=role["role"], role_qualifier=role["role_qualifier"],
            role_of=role["role_of"], affiliations=role["affiliations"], head_lemma=words.root.lemma_.lower(),
            definite=True, title_of=name_root)
    for k in range(first, start):
        finder.taken[k] = True


def postnominal_end(finder: Finder, end: int) -> None:
    """Claim the degrees after a person's name (", MD", "PhD") so they become nothing else."""
    j = end
    tokens = finder.tokens
    while j < len(tokens) - 1 and tokens[j].text == "," and tokens[j + 1].lower_.replace(".", "") in POSTNOMINALS:
        finder.taken[j + 1] = True
        j += 2


def heads_other_name(token: Token) -> bool:
    """Whether a word that is part of a person's name here ends another proper name ("the 1994
    Crime Bill" is no Bill Clinton, "Jordan Valley" no Michael Jordan)."""
    return any(c.dep_ == "compound" and c.i == token.i - 1 and c.text[:1].isupper() and not c.ent_type_
               and not is_role_word(c) for c in token.children)


def is_role_word(token: Token) -> bool:
    """A capitalised title or noun for a person's role ("President", "Ambassador")."""
    lower = token.lower_.rstrip(".")
    return lower in TITLES or ACTOR_NOUNS.get(token.lemma_.lower()) == PERSON
