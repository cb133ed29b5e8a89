"""Names of actors: cleaning, keys, and whether two names can be one actor.

Every merge of actors (within an article, across articles, and against a store's registry) asks
the functions here, so one rule decides identity everywhere:

* people: :func:`person_name` splits a name into given name, middle names, surname and suffix;
  :func:`persons_compatible` says whether two names can be one person — different given names
  ("Bill" / "Hillary Clinton"), different suffixes ("Donald Trump" / "Donald Trump Jr.") or
  different middle names ("George H. W." / "George W. Bush") never are; nicknames ("Jim" /
  "James") and initials ("J." / "James") are;
* organisations: :func:`org_key` (a name without a national prefix or punctuation) and
  :func:`expand_acronym`: an acronym means an organisation only when the text spells it out
  ("Immigration and Customs Enforcement (ICE)"), a user's alias table says so, or the shipped
  table of well-known organisations (``models/well_known_actors.tsv``) does — initials alone never merge
  ("Clinton campaign" and "Climate Central" are both "CC").

The functions are pure and memoised: resolution calls them tens of thousands of times per build.
A long build empties the memos now and then (:func:`clear_memos`): full, they would hold about
700,000 names and pairs, a few hundred MiB.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .actor_lexicon import ACRONYM_SKIP, BODY_HEAD_WORDS, GENERIC_ORG_WORDS, NAME_SUFFIXES, NICKNAMES, TITLES

_MODELS = Path(__file__).resolve().parent / "models"
_WHITESPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"\s*['’]s?$")
# "U.S. Immigration ..." and "Immigration ..." are one body; so are national prefixes generally.
NATIONAL_PREFIX = re.compile(r"^(?:u\.?\s?s\.?a?\.?|united states|us|american|federal)\s+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """A name without a leading article, a possessive ending or surrounding punctuation."""
    text = _WHITESPACE.sub(" ", text).strip(" \t\n,;:.\"“”‘’'()[]")
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return text.strip(" ,;:\"“”‘’'")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents ("Pérez" -> "perez")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts, lower-cased and without titles."""

    given: str | None  # None for a single-word name ("Kenney")
    middles: tuple[str, ...]
    surname: str
    suffix: str | None  # "jr", "sr", "ii", "iii", "iv"

    @property
    def single(self) -> bool:
        return self.given is None

    @property
    def given_key(self) -> str | None:
        """The given name with nicknames folded ("jim" -> "james")."""
        return NICKNAMES.get(self.given, self.given) if self.given else None

    @property
    def key(self) -> str:
        """Given name (nicknames folded), surname and suffix: the cross-article key."""
        return " ".join(x for x in (self.given_key, self.surname, self.suffix) if x)


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Lower-cased name tokens without titles: "Mayor Jim Kenney Jr." -> ("jim", "kenney", "jr")."""
    tokens = [t.strip(".,") for t in fold(clean_name(name)).replace("’", "'").split()]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0].rstrip(".") in TITLES:
        tokens = tokens[1:]
    return tuple(tokens)


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName | None:
    """Split a person's name into its parts; None when nothing is left of it."""
    tokens = list(name_tokens(name))
    suffix = None
    if len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        suffix = NAME_SUFFIXES[tokens.pop()]
    if not tokens:
        return None
    if len(tokens) == 1:
        return PersonName(None, (), tokens[0], suffix)
    return PersonName(tokens[0], tuple(tokens[1:-1]), tokens[-1], suffix)


def _given_compatible(a: str, b: str) -> bool:
    if a == b or NICKNAMES.get(a, a) == NICKNAMES.get(b, b):
        return True
    # an initial stands for any given name with that letter ("J. Smith", "John Smith")
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _middles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names conflict only when both are given and their initials differ."""
    if not a or not b:
        return True
    return [m[0] for m in a] == [m[0] for m in b]


@lru_cache(maxsize=131072)
def persons_compatible(a: str, b: str) -> bool:
    """Whether two person names can name one person (see the module docstring).

    A single-word name is compatible with a full name whose surname or given name it is; the
    caller decides whether that is evidence enough (within an article it is, across articles
    only when one person bears it).
    """
    x, y = person_name(a), person_name(b)
    if x is None or y is None:
        return False
    if (x.suffix or y.suffix) and x.suffix != y.suffix and not (x.single or y.single):
        return False
    if x.single or y.single:
        single, full = (x, y) if x.single else (y, x)
        if single.suffix and single.suffix != full.suffix:
            return False
        return single.surname in {full.surname, full.given}
    return (x.surname == y.surname and _given_compatible(x.given, y.given)  # type: ignore[arg-type]
            and _middles_compatible(x.middles, y.middles))


@lru_cache(maxsize=1)
def _given_name_genders() -> dict[str, str]:
    """The shipped table ``models/given_names.tsv`` (see ``benchmarks/given_names.py``)."""
    table: dict[str, str] = {}
    path = _MODELS / "given_names.tsv"
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")[:2]
            table[name] = gender
    return table


def given_names() -> dict[str, str]:
    """The given names of ``models/given_names.tsv`` (lower-case) and the sex each nearly always has."""
    return _given_name_genders()


def likely_gender(name: str) -> str | None:
    """The sex a full name's given name nearly always has ("Kristen Wilkins" -> "female"), or
    None. A prior for pronouns only ("Kim Jong-un" is a man): it never decides a merge."""
    parts = person_name(name)
    if parts is None or parts.given is None or len(parts.given) < 2:
        return None
    return _given_name_genders().get(parts.given)


@lru_cache(maxsize=65536)
def org_key(name: str, national: bool = False) -> str:
    """An organisation's name for comparison: folded, no national prefix (kept with ``national``:
    "American Dental Association" is no shortening of "Florida Dental Association"), no stance
    before it ("pro-Beijing New People Party"), no possessive inside it ("New People's Party"), no
    punctuation."""
    key = fold(_STANCE_PREFIX.sub("", clean_name(name)))
    key = key if national else NATIONAL_PREFIX.sub("", key)
    key = re.sub(r"['’]s\b", "", key)
    return re.sub(r"[^\w& ]+", "", key).strip()


#: A stance written before a name in lower case ("pro-Beijing", "anti-establishment"): no part of
#: the name (the "Anti-Defamation League" keeps its capital).
_STANCE_PREFIX = re.compile(r"^(?:pro|anti)-\S+\s+(?=\S)")


@lru_cache(maxsize=65536)
def initials(name: str) -> str:
    """Initials of the capitalised words: "U.S. Immigration and Customs Enforcement" -> "ICE"."""
    words = clean_name(name).split()
    if words and NATIONAL_PREFIX.match(words[0] + " "):
        words = words[1:]
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP and w[:1].isalpha()).upper()


@lru_cache(maxsize=65536)
def as_acronym(name: str) -> str | None:
    """The acronym a name is written as ("ICE", "E.U." -> "EU"), or None if it is not one."""
    bare = clean_name(name).replace(".", "").replace(" ", "")
    if 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper():
        return bare
    return None


@dataclass(frozen=True)
class KnownName:
    """A well-known organisation: the key of its full name, and its type."""

    key: str
    type: str


def _load_well_known() -> dict[str, KnownName]:
    """The shipped table ``models/well_known_actors.tsv``: a name, alias or acronym -> the
    organisation it means."""
    table: dict[str, KnownName] = {}
    for line in (_MODELS / "well_known_actors.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, type_, aliases = (line.split("\t") + ["", ""])[:3]
        known = KnownName(org_key(label), type_)
        table[known.key] = known
        for alias in filter(None, (a.strip() for a in aliases.split("|"))):
            table[as_acronym(alias) or org_key(alias)] = known
    return table


WELL_KNOWN: dict[str, KnownName] = _load_well_known()


@lru_cache(maxsize=65536)
def well_known(name: str) -> KnownName | None:
    """The well-known organisation a name or acronym means ("ICE", "Greenpeace"), if any."""
    short = as_acronym(name)
    return WELL_KNOWN.get(short) if short else WELL_KNOWN.get(org_key(name))


def defines_acronym(name: str, short: str) -> bool:
    """Whether ``short`` can be the acronym a text defines for ``name`` right after it
    ("Korean Central News Agency (KCNA)"): its letters are the name's initials, or start with
    them in order (some acronyms keep more letters: "UNHCR"), or are the same three or more
    initials in another order (a name translated, its acronym kept: "Union of Rationalist
    Atheists and Agnostics (UAAR)")."""
    bare = short.replace(".", "")
    letters = initials(name)
    return bool(letters) and (bare == letters or (bare.startswith(letters[0]) and _in_order(letters, bare))
                              or (len(bare) >= 3 and sorted(bare) == sorted(letters)))


def _in_order(letters: str, short: str) -> bool:
    position = 0
    for letter in short:
        found = letters.find(letter, position)
        if found < 0:
            return False
        position = found + 1
    return True


def clear_memos() -> None:
    """Empty the memos of this module's functions (the same answers later, computed again)."""
    for function in (clean_name, fold, name_tokens, person_name, persons_compatible, org_key, initials,
                     as_acronym, well_known):
        function.cache_clear()


def person_like(name: str) -> bool:
    """Whether a name the tagger took for a body reads as a person's full name: two or three
    capitalised words, the first a known given name, none a word of a body's name ("Keith Lamont
    Scott", "Tomas Reyes"; not "Morgan Stanley Bank")."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) \
        and likely_gender(" ".join(words)) is not None \
        and not {w.lower() for w in words} & (GENERIC_ORG_WORDS | BODY_HEAD_WORDS)
