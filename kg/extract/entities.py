"""Named entities as the small model tags them, repaired where it splits or overruns an
organisation's name ("U.S. Immigration and" + "Customs Enforcement"; "ICE officials"; "NASA
Administrator"; "World Health Organisation (WHO"), before :mod:`kg.extract.actors` reads them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .actor_lexicon import (ACTOR_NOUNS, BODY_AFTER_NAME, ENTITY_TYPES, ORG_KIND_WORDS, ORG_SUFFIX_WORDS,
                            PORTFOLIO_WORDS, TITLES)
from .names import as_acronym, clean_name, given_names, well_known
from .titles import in_person_apposition, is_role_word

CONNECTIVES = {"and", "of", "for", "&"}
#: Titles that end an organisation's name tagged with its officer ("NASA Administrator").
ROLE_TITLES = (TITLES | {"spokespeople", "administrator", "officer"}) - {
    "general", "justice", "executive", "acting", "former", "vice", "deputy", "assistant", "head", "st", "fr",
    "chief", "leader", "father", "representative", "chair"}


#: Words after a number that make it an amount ("1.8 billion", "40 percent").
_AMOUNT_WORDS = frozenset({"billion", "million", "trillion", "thousand", "hundred", "percent", "%", "bn", "m"})


def _rejoin_split_org(doc: Doc, entities: list[tuple[int, int, str]], i: int, end: int) -> tuple[int, int]:
    """"U.S. Immigration and" + "Customs Enforcement": an ORG ending in a connective, or
    followed by one, joined with the capitalised words after it. Returns (new end, entity index)."""
    while True:
        connective_at = end - 1 if doc[end - 1].lower_ in CONNECTIVES else end
        if connective_at >= len(doc) or doc[connective_at].lower_ not in CONNECTIVES:
            return end, i
        if connective_at == end and _complete_name(doc[end - 1]):
            return end, i  # "FBI and Justice Department": two bodies, each named in full
        j = connective_at + 1
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha and "\n" not in doc[j - 1].whitespace_:
            j += 1
        if j == connective_at + 1 or doc[j - 1].lower_ not in ORG_SUFFIX_WORDS:
            return end, i
        if i + 1 < len(entities) and entities[i + 1][0] < j:
            if entities[i + 1][2] != "ORG":
                return end, i
            j = max(j, entities[i + 1][1])
            i += 1
        end = j


def _split_coordinated(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two organisations the model tagged as one name ("Amnesty International and Human Rights
    Watch"): split at "and" when both sides are whole names of their own — well known, an
    acronym, named alone elsewhere in the text, or ending in a noun for a kind of body, or after a
    plural noun ("chains Kroger and Albertsons") — and the first is no "of" phrase the second continues ("Department of Health and Human Services",
    "Food and Drug Administration" and "Procter and Gamble" stay whole)."""
    alone = {clean_name(doc[s:e].text) for s, e, label in entities if label in {"ORG", "GPE", "PERSON"}}
    out = []
    for start, end, label in entities:
        cut = next((k for k in range(start + 1, end - 1) if doc[k].lower_ in {"and", "&"}), None)
        if label == "ORG" and cut is not None:
            second = cut + 1 + (doc[cut + 1].lower_ == "the")
            first_words = [t.lower_ for t in doc[start:cut]]
            # "supermarket chains Kroger and Albertsons": a plural noun before says there are two
            plural = start > 0 and doc[start - 1].tag_ in {"NNS", "NNPS"} and doc[start - 1].is_lower
            if not {"of", "for", "and", "&"} & set(first_words) and second < end and (plural or (
                    _whole_name(doc, start, cut, alone) and _whole_name(doc, second, end, alone))):
                out += [(start, cut, label), (second, end, label)]
                continue
        out.append((start, end, label))
    return out


def _whole_name(doc: Doc, start: int, end: int, alone: set[str]) -> bool:
    name = clean_name(doc[start:end].text)
    return bool(name) and (name in alone or well_known(name) is not None or as_acronym(name) is not None
                           or _complete_name(doc[end - 1]))


def _complete_name(last: Token) -> bool:
    """Whether an organisation name ending in ``last`` is whole: an acronym ("FBI") or a noun for
    a kind of body ("Justice Department", "Senate Judiciary Committee")."""
    return bool(as_acronym(last.text)) or last.lower_ in ORG_KIND_WORDS


def _same_name_elsewhere(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation's name of several words is that organisation wherever the text repeats
    it, also where the model tagged only part of it or nothing ("Environment Canada spokeswoman
    Sujata Raisinghani": not the place "Canada"); not inside a longer name."""
    names = {tuple(t.text for t in doc[s:e]) for s, e, label in entities
             if label == "ORG" and e - s >= 2 and all(t.text[:1].isupper() or not t.is_alpha for t in doc[s:e])}
    if not names:
        return entities
    starts: dict[str, list[int]] = {}
    for t in doc:
        starts.setdefault(t.text, []).append(t.i)
    tagged = {(s, e) for s, e, _ in entities}
    found = []
    for name in names:
        for s in starts.get(name[0], ()):
            e = s + len(name)
            if (s, e) in tagged or tuple(t.text for t in doc[s:e]) != name or _continues(doc, s, e):
                continue
            if all(s <= a and b <= e or b <= s or a >= e for a, b, _ in entities):
                found.append((s, e))
    if not found:
        return entities
    kept = [x for x in entities if not any(s <= x[0] and x[1] <= e for s, e in found)]
    return sorted(kept + [(s, e, "ORG") for s, e in set(found)])


def _continues(doc: Doc, start: int, end: int) -> bool:
    """Whether capitalised words run on either side of a span (it is part of a longer name)."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return bool(before is not None and before.is_alpha and before.text[:1].isupper() and not doc[start].is_sent_start
                or after is not None and after.is_alpha and after.text[:1].isupper())


def _join_split_person(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two one-word place or body names side by side that a person noun stands in apposition to
    are one person's name the tagger split ("Valeska Paris, an Australian woman"): joined (the
    apposition then makes it a person, see :func:`kg.extract.titles.in_person_apposition`)."""
    joined: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        if joined and joined[-1][1] == start and end - start == 1 and joined[-1][1] - joined[-1][0] == 1 \
                and {joined[-1][2], label} <= {"GPE", "ORG"} and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].head.i == start and all(t.is_title and t.is_alpha for t in doc[start - 1:end]) \
                and in_person_apposition(doc[start]):
            joined[-1] = (joined[-1][0], end, label)
            continue
        joined.append((start, end, label))
    return joined


#: Lower-case particles inside a person's name ("Ursula von der Leyen", "Vincent van Gogh").
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "la",
                            "le", "bin", "ibn", "al", "el", "ter", "ten", "zu"})


def _through_particles(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's name the tagger cut after a particle ("Ursula von der" + "Leyen" as a place):
    extended over the capitalised word after it, which is no entity of its own."""
    joined: list[tuple[int, int, str]] = []
    skip_to = -1
    for start, end, label in entities:
        if start < skip_to:
            continue
        if label == "PERSON" and end - start >= 2 and doc[end - 1].lower_ in NAME_PARTICLES \
                and end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            joined.append((start, end + 1, label))
            skip_to = end + 1
            continue
        joined.append((start, end, label))
    return joined


def _given_name_left_out(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A one-word person name with the given name left out of it ("CEO of the Refugee Council
    Enver Solomon": only "Solomon" tagged): extended over the capitalised word before it, when that
    word belongs to no entity, is no title or noun for a role ("Coach Smith", "Mayor Kenney"), and
    is a known given name (``models/given_names.tsv``) or follows a body's name right away (a
    post "of the Refugee Council", then the name)."""
    ends = {e: label for _, e, label in entities}
    out = []
    for start, end, label in entities:
        k = start - 1
        if label == "PERSON" and end - start == 1 and k > 0 \
                and not any(s <= k < e for s, e, _ in entities) and _given_word(doc[k]) \
                and (doc[k].lower_ in given_names() or ends.get(k) in {"ORG", "GPE"}):
            start = k
        out.append((start, end, label))
    return out


def _person_for_body(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person speaking for a body, tagged as one organisation ("Lydia Buchtmann for Food
    Standards Australia"): split into the person and the body when the words before "for" are two
    or three capitalised words, the first a known given name, none a word that ends a body's name
    ("the Kennedy Center for the Performing Arts" stays whole)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        cut = next((k for k in range(start + 2, min(end - 1, start + 4)) if doc[k].lower_ == "for"), None)
        if label == "ORG" and cut is not None and doc[start].lower_ in given_names() \
                and all(t.is_alpha and t.is_title and t.lower_ not in ORG_SUFFIX_WORDS | ORG_KIND_WORDS
                        for t in doc[start:cut]):
            out += [(start, cut, "PERSON"), (cut + 1 + (doc[cut + 1].lower_ == "the"), end, label)]
            continue
        out.append((start, end, label))
    return out


def _given_word(token: Token) -> bool:
    """A capitalised word that can be a given name: not the sentence's first, no title, no role."""
    word = token.lower_
    return token.is_alpha and token.is_title and not token.is_sent_start and word not in TITLES \
        and word not in ACTOR_NOUNS and word not in ORG_KIND_WORDS


def _given_name_before(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A one-word person's name in apposition to a title, whose first name the tagger left out
    ("The Mayor of London, Sadiq Khan, said": "Khan"): extended over the capitalised proper words
    before it that modify it and are no entity."""
    tagged = {i for s, e, _ in entities for i in range(s, e)}
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        token = doc[start]
        if label == "PERSON" and end - start == 1 and token.dep_ == "appos" and is_role_word(token.head):
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i \
                    and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in tagged:
                start -= 1
        out.append((start, end, label))
    return out


def _party_words_before(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A party or group name the tagger cut after its first word ("the business-friendly Free" +
    "Democrats", "Christian" + "Democrats", "Liberal" + "Democrats"): a plural name (NORP/ORG)
    extended over the capitalised proper word before it that modifies it, when that word opens no
    sentence and is no entity or a one-word NORP ("Senate Democrats", "Sweden Democrats" stay as
    the tagger has them: a chamber's or a country's members)."""
    by_end = {end: (start, label) for start, end, label in entities}
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        word = doc[start - 1] if start > 0 else None
        if label in {"NORP", "ORG"} and word is not None and doc[end - 1].tag_ == "NNPS" \
                and word.tag_ == "NNP" and word.is_title and word.is_alpha and not word.is_sent_start \
                and word.dep_ in {"compound", "amod"} and start <= word.head.i < end \
                and by_end.get(start, (start - 1, "NORP")) == (start - 1, "NORP"):
            if out and out[-1][1] == start:
                out.pop()
            out.append((start - 1, end, label))
            continue
        out.append((start, end, label))
    return out


def _through_portfolio_list(doc: Doc, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A ministry named by a list of portfolios that the tagger cut at a comma ("the Department for
    Culture" + "Media" + "Sport"; "Department of Health, Education and" + "Welfare"): an ORG with
    "of" or "for" in it runs on through ", Word ... and Word" of portfolio words
    (``models/portfolios.tsv``; the entities inside are dropped)."""
    out: list[tuple[int, int, str]] = []
    skip_to = -1
    for start, end, label in entities:
        if start < skip_to:
            continue
        if label == "ORG" and {"of", "for"} & {t.lower_ for t in doc[start + 1:end]}:
            end = skip_to = _portfolio_list_end(doc, end) or end
        out.append((start, end, label))
    return out


def _capitalised_run(doc: Doc, i: int) -> int:
    """The end of the portfolio words from ``i`` ("Media", "Local Government")."""
    while i < len(doc) and doc[i].is_title and doc[i].is_alpha and doc[i].lower_ in PORTFOLIO_WORDS:
        i += 1
    return i


def _portfolio_list_end(doc: Doc, i: int) -> int | None:
    """The end of ", Media and Sport" (or "and Welfare" after a name ending in "and") from ``i``."""
    if doc[i - 1].lower_ in {"and", "&"}:
        end = _capitalised_run(doc, i)
        return end if end > i else None
    while i < len(doc) and doc[i].text == ",":
        if i + 1 < len(doc) and doc[i + 1].lower_ in {"and", "&"}:
            i += 1  # ", and Sport"
            break
        end = _capitalised_run(doc, i + 1)
        if end == i + 1:
            return None
        i = end
    if i < len(doc) and doc[i].lower_ in {"and", "&"}:
        end = _capitalised_run(doc, i + 1)
        return end if end > i + 1 else None
    return None


def repair_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """Entities as (start, end, label) token spans, with split organisation names rejoined."""
    entities = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in ENTITY_TYPES]
    entities = _join_split_person(doc, entities)
    entities = _through_particles(doc, entities)
    entities = _party_words_before(doc, entities)
    entities = _given_name_left_out(doc, entities)
    entities = _given_name_before(doc, entities)
    entities = _person_for_body(doc, entities)
    entities = _through_portfolio_list(doc, entities)
    entities = _split_coordinated(doc, entities)
    entities = _same_name_elsewhere(doc, entities)
    repaired: list[tuple[int, int, str]] = []
    i = 0
    while i < len(entities):
        start, end, label = entities[i]
        if label == "ORG":
            end, i = _rejoin_split_org(doc, entities, i, end)
        end = next((k for k in range(start, end) if doc[k].is_space), end)  # a name ends at a line break
        if end > start and doc[end - 1].lower_ in CONNECTIVES:
            end -= 1
        if label == "ORG" and end < len(doc) and doc[end].lower_.rstrip(".") in TITLES:
            # "Republican National Committee Research Director Raj Shah": the name ends with its
            # body's noun; the words after it belong to the title
            kind_at = max((k for k in range(start, end - 1) if doc[k].lower_ in ORG_KIND_WORDS), default=None)
            end = kind_at + 1 if kind_at is not None else end
        while label == "ORG" and end - start > 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha:
            end -= 1  # "ICE officials": a name ends in a capitalised word; "officials" is a description
        while end - start > 1 and doc[end - 1].like_num and end < len(doc) and doc[end].lower_ in _AMOUNT_WORDS:
            end -= 1  # "fined Apple 1.8 billion euros": the number begins an amount, not the name
        while label == "ORG" and end - start > 1 and doc[end - 1].lower_.rstrip(".") in ROLE_TITLES \
                and doc[end - 2].lower_ not in CONNECTIVES | {"the"}:
            end -= 1  # "NASA Administrator", "the State Department Spokesperson": a body and a role
        # a lower-case article inside ends the name, unless after a connective ("Bank of the
        # West"): "According to Rathbun the Scientology property" is not one organisation
        inner_the = next((k for k in range(start + 1, end) if doc[k].text == "the"
                          and doc[k - 1].lower_ not in {"of", "for", "and", "&", "at", "on", "in", "to"}), None)
        if inner_the is not None:
            end = inner_the
        # an unbalanced parenthesis ends the name: "World Health Organisation (WHO"
        text = doc[start:end].text
        if text.count("(") != text.count(")"):
            end = next((k for k in range(start, end) if "(" in doc[k].text or ")" in doc[k].text), end)
            while end > start and doc[end - 1].is_punct:
                end -= 1
        if end > start:
            repaired.append((start, end, label))
        i += 1
    return repaired


def body_after_name(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """A body a name heads, when the words right after the name are a kind of body it modifies
    (``models/organisation_kinds.tsv``, uses ``after_name``): "Obama administration", "Trump
    campaign", "Yonhap news agency". Returns the index of the kind's head word and the body's
    type, or None."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ not in {"compound", "amod", "nmod"} or not end <= head.i < end + 3:
        return None
    words = doc[end:head.i + 1]
    if not all(t.is_lower and t.is_alpha for t in words):
        return None
    phrase = " ".join([t.lower_ for t in words[:-1]] + [head.lemma_.lower()])
    type_ = BODY_AFTER_NAME.get(phrase)
    return (head.i, type_) if type_ is not None else None
