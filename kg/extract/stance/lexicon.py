"""The stance lexicons, kept as data in ``kg/extract/models/``: predicates (who is for or against
what a word's slot holds), effects of acts on their arguments, and word valence.

Adding a predicate ("slam", a verb against its object) is a line in ``stance_predicates.tsv``;
adding an act that is bad for its object is a line in ``stance_effects.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from spacy.tokens import Token

from .records import AGAINST, FAVOR

_MODELS = "kg.extract"


@dataclass(frozen=True)
class Predicate:
    """One lexicon row: ``lemma`` (pos) puts its holder ``polarity`` toward what ``slot`` holds."""

    lemma: str
    pos: str
    slot: str
    polarity: str  # favor, against, or eval (judged by the words it names: "called X a liar")
    cls: str


def _rows(name: str) -> list[list[str]]:
    text = resources.files(_MODELS).joinpath(f"models/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def predicates() -> dict[tuple[str, str], tuple[Predicate, ...]]:
    """(lemma, pos) -> its predicate rows (a word can take several slots)."""
    table: dict[tuple[str, str], list[Predicate]] = {}
    for lemma, pos, slot, polarity, cls in _rows("stance_predicates.tsv"):
        table.setdefault((lemma, pos), []).append(Predicate(lemma, pos, slot, polarity, cls))
    return {key: tuple(rows) for key, rows in table.items()}


@lru_cache(maxsize=1)
def complement_verbs() -> frozenset[str]:
    """The verbs with a row joined to a word after them (``hold_accountable``, ``crack_down``)."""
    return frozenset(lemma.split("_")[0] for lemma, pos in predicates() if pos == "VERB" and "_" in lemma)


def predicate(lemma: str, pos: str, slot: str) -> Predicate | None:
    return next((p for p in predicates().get((lemma, pos), ()) if p.slot == slot), None)


def slots(lemma: str, pos: str) -> tuple[Predicate, ...]:
    return predicates().get((lemma, pos), ())


def _inflections(lemma: str) -> set[str]:
    """The regular -s, -ed and -ing forms of an English verb ("fine": fines, fined, fining)."""
    if lemma.endswith("e"):
        return {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    forms = {lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"), lemma + "ed", lemma + "ing"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "ban": banned, banning
    return forms


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, str]:
    """Inflected form -> lemma for the verbs of the lexicons, so that a word the lemmatiser gets
    wrong ("fined" -> "fin") still finds its rows; a form that is itself a lemma is left alone."""
    lemmas = {lemma.split("_")[0] for lemma, pos in (*predicates(), *effects()) if pos == "VERB"}
    table: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in _inflections(lemma) - lemmas:
            table.setdefault(form, lemma)
    return table


def verb_lemma(token: Token) -> str:
    """The lemma of a verb for the lexicons: spaCy's, unless spaCy's is unknown to them and the
    word is a regular form of a verb they know."""
    lemma = token.lemma_.lower()
    known = predicates()
    if (lemma, "VERB") in known or (lemma, "VERB") in effects():
        return lemma
    return verb_forms().get(token.lower_, lemma)


@lru_cache(maxsize=1)
def effects() -> dict[tuple[str, str], tuple[str, str]]:
    """(lemma, pos) -> (affected slot, effect '+' or '-')."""
    return {(lemma, pos): (slot, effect) for lemma, pos, slot, effect in _rows("stance_effects.tsv")}


@lru_cache(maxsize=1)
def amounts() -> dict[tuple[str, str], str]:
    """(lemma, pos) -> "up" / "down" for verbs that change an amount, "good" / "bad" for nouns of
    amounts it is good or bad to have more of (``stance_amounts.tsv``)."""
    return {(lemma, pos): value for lemma, pos, value in _rows("stance_amounts.tsv")}


@lru_cache(maxsize=1)
def bad_to_have() -> frozenset[str]:
    """Nouns for people and things it is good to act against (``stance_worth.tsv``)."""
    return frozenset(lemma for lemma, worth in _rows("stance_worth.tsv") if worth == "bad")


@lru_cache(maxsize=1)
def issue_nouns() -> frozenset[str]:
    """Nouns naming issues people take sides on ("racism", "gender equality", "free trade")."""
    return frozenset(row[0] for row in _rows("stance_issues.tsv"))


@lru_cache(maxsize=1)
def evaluative_lexicon() -> dict[str, float]:
    """Word -> valence in [-4, 4]: VADER's word list (MIT licence, Hutto & Gilbert 2014), and the
    evaluative words of news writing it lacks (``evaluative_news.tsv``, the project's own)."""
    lexicon = {word: float(value) for word, value in _rows("evaluative_news.tsv")}
    lexicon.update((word, float(value)) for word, value in _rows("evaluative_lexicon.tsv"))
    return lexicon


# Words that carry no evaluation in news despite a lexicon score.
NEUTRAL_WORDS = frozenset({
    "like", "please", "well", "yes", "no", "ok", "okay", "sure", "pretty", "kind", "joke", "matter", "serious",
    "seriously", "intended", "want", "care", "free", "justice", "united", "party", "play", "share", "sharing",
    "help", "charge", "charges", "charged", "support", "supporting", "security", "protect", "interest", "fire",
    "abide", "dear"}) | frozenset({
    # how hard a thing is to do, not how good it is: "finding a buyer would be difficult"
    "difficult", "difficulty", "easy", "easier", "challenging"}) | frozenset({
    # a sense news seldom means: "treated refugees like parcels" is no treat
    "treat", "treated", "treats", "treating"})
NEGATORS = frozenset({"not", "no", "never", "n't", "neither", "nor", "without", "hardly"})


def token_valence(token: Token) -> float:
    if token.pos_ in {"PROPN", "PRON", "DET", "ADP"}:
        return 0.0
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in NEUTRAL_WORDS or lemma in NEUTRAL_WORDS:
        return 0.0
    lexicon = evaluative_lexicon()
    return lexicon.get(lower, lexicon.get(lemma, 0.0))


def valence(tokens: Sequence[Token]) -> float:
    """Summed valence, weakened and flipped after a negator within three tokens."""
    total = 0.0
    for position, token in enumerate(tokens):
        value = token_valence(token)
        if not value:
            continue
        window = tokens[max(0, position - 3):position]
        if any(t.lower_ in NEGATORS or t.dep_ == "neg" for t in window):
            value = -0.5 * value
        total += value
    return total


def valence_polarity(score: float, threshold: float = 1.0) -> str | None:
    if score >= threshold:
        return FAVOR
    if score <= -threshold:
        return AGAINST
    return None
