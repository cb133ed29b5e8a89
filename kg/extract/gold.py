"""The hand-made gold files of ``kg eval``: their format, reading and checking, and the name
normalisation every comparison uses (see :mod:`kg.extract.evaluate` for the matching rules)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

ACTOR_TYPES = {"Person", "Organization", "GovernmentOrganization", "Place", "Group", "CreativeWork"}
CLAIM_KINDS = {"direct", "indirect", "mixed"}
POLARITIES = {"favor", "against"}
#: Share of a gold fragment's tokens a predicted claim must cover to match it.
FRAGMENT_OVERLAP = 0.5
#: A content shorter than this (in words) has its fragment extended over the cue and speaker.
SHORT_CONTENT = 5
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "`": "'"})
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_POSSESSIVE = re.compile(r"\s*'s?$")
_EDGE_PUNCT = " \t\n\r,;:.!?\"'()[]{}-–—"


class GoldError(ValueError):
    """A gold file that cannot be used; the message is one line and names the file."""


# --------------------------------------------------------------------------- normalisation


def normalise(text: str) -> str:
    """Compare-ready form of a name: "The Department's" -> "department"."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    text = _ARTICLE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return text.strip(_EDGE_PUNCT)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words (``\\w+``) of ``text``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def tokens_in(words: Sequence[tuple[int, int]], start: int, end: int) -> frozenset[int]:
    """Indices of the words lying wholly inside ``[start, end)``."""
    return frozenset(i for i, (s, e) in enumerate(words) if s >= start and e <= end)


def occurrences(text: str, fragment: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(fragment)
    while at >= 0 and fragment:
        spans.append((at, at + len(fragment)))
        at = text.find(fragment, at + 1)
    return spans


# --------------------------------------------------------------------------- gold


@dataclass
class GoldActor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    named: bool

    def names(self) -> set[str]:
        return {normalise(a) for a in (self.name, *self.aliases)} - {""}


@dataclass
class GoldTopic:
    id: str
    label: str
    aliases: tuple[str, ...]

    def names(self) -> set[str]:
        return {normalise(a) for a in (self.label, *self.aliases)} - {""}


@dataclass
class GoldClaim:
    speaker: str
    cue: str
    kind: str
    fragment: str
    alt_speaker: str | None = None
    extra_fragments: tuple[str, ...] = ()


@dataclass
class GoldStance:
    holder: str
    target: str
    polarity: str
    target_aliases: tuple[str, ...] = ()
    evidence_fragment: str = ""
    alt_target: str | None = None


@dataclass
class GoldArticle:
    doc_id: str
    text: str
    path: str
    actors: dict[str, GoldActor]
    claims: list[GoldClaim]
    stances: list[GoldStance]
    topics: dict[str, GoldTopic] = field(default_factory=dict)

    def target_names(self, target_id: str) -> set[str]:
        if target_id in self.actors:
            return self.actors[target_id].names()
        if target_id in self.topics:
            return self.topics[target_id].names()
        return set()


def _require(record: Mapping, key: str, kind: type | tuple[type, ...], where: str, path: Path) -> object:
    if key not in record:
        raise GoldError(f"{path}: {where}: missing '{key}'")
    value = record[key]
    if not isinstance(value, kind):
        raise GoldError(f"{path}: {where}: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _strings(record: Mapping, key: str, where: str, path: Path) -> tuple[str, ...]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{path}: {where}: '{key}' must be a list of strings")
    return tuple(value)


def load_gold(path: str | Path, text: str | None = None) -> GoldArticle:
    """Read and check one gold file; raise :class:`GoldError` (one line) if it is unusable.

    ``text`` overrides the file named by ``text_file`` (for tests).
    """
    path = Path(path)
    data = _read_json(path)
    doc_id = str(_require(data, "doc_id", str, "file", path))
    text = _read_text(path, data) if text is None else text
    actors = _actors(data, path)
    topics = _topics(data, path, actors)
    claims = _claims(data, path, actors, text)
    stances = _stances(data, path, actors, topics)
    return GoldArticle(doc_id, text, str(path), actors, claims, stances, topics)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot read ({error})") from None
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: not a gold file (a JSON object is expected)")
    return data


def _read_text(path: Path, data: Mapping) -> str:
    text_file = str(_require(data, "text_file", str, "file", path))
    try:
        return (path.parent / text_file).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(f"{path}: text_file '{text_file}' not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot read text_file '{text_file}' ({error})") from None


def _records(data: Mapping, key: str, what: str, path: Path, required: bool = True):
    """(where, record) for each object of the list ``data[key]``."""
    items = _require(data, key, list, "file", path) if required else (data.get(key, []) or [])
    for n, record in enumerate(items):  # type: ignore[arg-type]
        where = f"{what} {n + 1}"
        if not isinstance(record, dict):
            raise GoldError(f"{path}: {where}: not an object")
        yield where, record


def _actors(data: Mapping, path: Path) -> dict[str, GoldActor]:
    actors: dict[str, GoldActor] = {}
    for where, record in _records(data, "actors", "actor", path):
        actor_id = str(_require(record, "id", str, where, path))
        where = f"actor '{actor_id}'"
        type_ = str(_require(record, "type", str, where, path))
        if type_ not in ACTOR_TYPES:
            raise GoldError(f"{path}: {where}: unknown type '{type_}'")
        aliases = _strings(record, "aliases", where, path)
        if actor_id in actors:
            raise GoldError(f"{path}: {where}: duplicate id")
        actors[actor_id] = GoldActor(actor_id, str(record.get("name") or (aliases[0] if aliases else actor_id)),
                                     type_, aliases, bool(record.get("named", True)))
    return actors


def _topics(data: Mapping, path: Path, actors: Mapping[str, GoldActor]) -> dict[str, GoldTopic]:
    topics: dict[str, GoldTopic] = {}
    for where, record in _records(data, "topics", "topic", path, required=False):
        topic_id = str(_require(record, "id", str, where, path))
        if topic_id in actors or topic_id in topics:
            raise GoldError(f"{path}: topic '{topic_id}': duplicate id")
        topics[topic_id] = GoldTopic(topic_id, str(record.get("label") or topic_id),
                                     _strings(record, "aliases", f"topic '{topic_id}'", path))
    return topics


def _actor_ref(actors: Mapping[str, GoldActor], value: object, path: Path, where: str, key: str) -> str:
    if value not in actors:
        raise GoldError(f"{path}: {where}: {key} '{value}' is not a gold actor")
    return str(value)


def _claims(data: Mapping, path: Path, actors: Mapping[str, GoldActor], text: str) -> list[GoldClaim]:
    def verbatim(value: str, where: str) -> None:
        if not value or value not in text:
            raise GoldError(f"{path}: {where}: {value!r} is not in the text")

    claims: list[GoldClaim] = []
    for where, record in _records(data, "claims", "claim", path):
        speaker = _actor_ref(actors, _require(record, "speaker", str, where, path), path, where, "speaker")
        alt = record.get("alt_speaker")
        alt = _actor_ref(actors, alt, path, where, "alt_speaker") if alt else None
        kind = str(_require(record, "kind", str, where, path))
        if kind not in CLAIM_KINDS:
            raise GoldError(f"{path}: {where}: kind must be direct, indirect or mixed, not '{kind}'")
        fragment = str(_require(record, "fragment", str, where, path))
        verbatim(fragment, f"{where} fragment")
        extra = _strings(record, "extra_fragments", where, path)
        for piece in extra:
            verbatim(piece, f"{where} extra fragment")
        claims.append(GoldClaim(speaker, str(record.get("cue") or ""), kind, fragment, alt, extra))
    return claims


def _stances(data: Mapping, path: Path, actors: Mapping[str, GoldActor],
             topics: Mapping[str, GoldTopic]) -> list[GoldStance]:
    stances: list[GoldStance] = []
    for where, record in _records(data, "stances", "stance", path):
        holder = _actor_ref(actors, _require(record, "holder", str, where, path), path, where, "holder")
        targets = [_require(record, "target", str, where, path)] + ([record["alt_target"]] if record.get("alt_target") else [])
        for target in targets:
            if target not in actors and target not in topics:
                raise GoldError(f"{path}: {where}: target '{target}' is neither a gold actor nor a topic")
        polarity = str(_require(record, "polarity", str, where, path))
        if polarity not in POLARITIES:
            raise GoldError(f"{path}: {where}: polarity must be favor or against, not '{polarity}'")
        stances.append(GoldStance(holder, str(record["target"]), polarity, _strings(record, "target_aliases", where, path),
                                  str(record.get("evidence_fragment") or ""), record.get("alt_target") or None))
    return stances


def gold_files(folder: str | Path) -> list[Path]:
    """The gold files (``*.json``) of a folder, or the one file given."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    if not folder.exists():
        raise GoldError(f"{folder}: no such folder")
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    if not files:
        raise GoldError(f"{folder}: no gold files (*.json)")
    return files


def load_gold_dir(folder: str | Path) -> list[GoldArticle]:
    """All gold articles of a folder, checked; the first bad file raises :class:`GoldError`."""
    articles = [load_gold(p) for p in gold_files(folder)]
    seen: dict[str, str] = {}
    for article in articles:
        if article.doc_id in seen:
            raise GoldError(f"{article.path}: doc_id '{article.doc_id}' is also used by {seen[article.doc_id]}")
        seen[article.doc_id] = article.path
    return articles
