"""Merge audit: list every actor whose names cannot all name one real actor.

    python benchmarks/merge_audit.py                  # PolNeAR dev (84 articles) and GUM (43)
    python benchmarks/merge_audit.py --json audit.json

Each corpus is built as one input (so cross-article merges are audited too). An actor is
flagged when two of its names (label and aliases: the names it is mentioned by) are

* **incompatible people** (in a Person actor): two full names with different surnames, different
  given names (nicknames from the shipped table and initials count as the same: "Jim" / "James",
  "J." / "James"), different name suffixes ("Donald Trump" / "Donald Trump Jr.": Jr, Sr, II,
  III, IV) or different middle initials ("George H. W." / "George W. Bush");
* **unrelated organisations** (any other named actor): two names that share no distinctive word
  and neither of which is the other's initials ("Clinton campaign" / "Climate Central",
  "JetBlue Airways" / "Jacinta Allan"), or that share only common words (written in lower case
  in the corpus) outside the ways a body is shortened: its leading words ("Justice" / "Justice
  Department"), its last words ("Times" / "New York Times"), a run of two or more words; not
  what it is for ("Justice" / "American Association for Justice") nor a kind of body with
  another country ("US team" / "Brazilian team").

The audit's tests are written here, independently of the merge rules they check, so that a bug
in those rules shows. Goal (issue 16): 0 on both corpora. PolNeAR is read from
``../shared/corpora/polnear/dev`` (never copied into the repository); the benchmark skips it when
it is absent. ``tests/test_merge_audit.py`` runs the same audit on a small fixture.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: ``../shared/corpora`` beside the repository (or beside the folder of its git worktrees).
SHARED = next((p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()),
              ROOT.parent / "shared" / "corpora")
POLNEAR_DEV = SHARED / "polnear" / "dev" / "articles.jsonl"
GUM = ROOT / "tests" / "data" / "corpora" / "gum_wikinews" / "articles.jsonl"
_SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "mayor", "senator",
           "governor", "secretary", "judge", "justice", "prof", "professor", "gen", "general", "lt",
           "col", "capt", "rev", "sir", "lady", "lord", "former", "chief", "director", "minister"}
_COMMON = {"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "&", "de", "u.s.", "us", "national",
           "united", "american", "federal", "new", "department", "office", "party", "campaign", "group",
           "committee", "council", "association", "university", "company", "inc", "corp", "news", "city",
           "state", "states", "government", "administration", "agency", "international", "center", "centre"}


@dataclass
class Flag:
    """An actor whose names cannot all be one actor."""

    actor: str
    type: str
    kind: str  # "incompatible people" | "unrelated organisations"
    names: tuple[str, str]
    why: str


def _words(name: str) -> list[str]:
    return [w for w in re.sub(r"[’']s\b", "", name).lower().replace(",", " ").split() if w]


def _person_parts(name: str) -> tuple[str, tuple[str, ...], str, str] | None:
    """(given, middle initials, surname, suffix) of a full name; None for a one-word name."""
    words = [w.strip(".") for w in _words(name)]
    while words and words[0] in _TITLES:
        words = words[1:]
    suffix = _SUFFIXES.get(words[-1], "") if len(words) > 2 else ""
    if suffix:
        words = words[:-1]
    if len(words) < 2:
        return None
    return words[0], tuple(w[0] for w in words[1:-1]), words[-1], suffix


def _same_given(a: str, b: str, nicknames: dict[str, str]) -> bool:
    if a == b or nicknames.get(a, a) == nicknames.get(b, b):
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def people_conflict(a: str, b: str, nicknames: dict[str, str]) -> str | None:
    """Why two person names cannot be one person, or None."""
    x, y = _person_parts(a), _person_parts(b)
    if x is None or y is None:
        return None
    if x[2] != y[2]:
        return "different surnames"
    if not _same_given(x[0], y[0], nicknames):
        return "different given names"
    if x[3] != y[3]:
        return "different suffixes"
    if x[1] and y[1] and x[1] != y[1]:
        return "different middle names"
    return None


_FUNCTION = {"of", "and", "for", "the", "&", "on", "in", "de", "to", "a"}


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _FUNCTION and w[0].isalpha())


def generic_words(texts: Iterable[str], least: int = 2) -> frozenset[str]:
    """Common words of the texts: written in lower case at least ``least`` times and at least a
    quarter as often as capitalised ("justice", "team", "times"; not "Scientology", whose few
    lower-case uses are web addresses). A name that shares only such words with another is
    related to it only in the ways :func:`_share_a_word` lists."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in re.findall(r"(?<![\w-])[A-Za-z][a-z-]+(?![\w-])", text):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items()
                     if w[0].islower() and n >= least and 4 * n >= counts.get(w.capitalize(), 0))


def _share_a_word(wa: Sequence[str], wb: Sequence[str], generic: frozenset[str]) -> bool:
    """Whether the distinctive words two names share relate them: a shared word that is not
    generic does; generic words only when the shorter name is the longer one's leading words
    ("Justice" / "Justice Department", "Church" / "Church of Scientology"), its last words but not
    what it is named after ("Times" / "New York Times", not "Justice" / "American Association
    for Justice"), or a run of two or more of its words ("Homeland Security" / "Department of
    Homeland Security"). "US team" / "Brazilian team" share only "team": unrelated."""
    shared = (set(wa) - _COMMON) & (set(wb) - _COMMON)
    if shared - generic:
        return True
    (short, _), (long_, raw) = sorted(((_content(wa), wa), (_content(wb), wb)), key=lambda x: len(x[0]))
    n = len(short)
    if long_[:n] == short:
        return True
    if long_[-n:] == short and raw[-n - 1] not in {"for", "of"}:
        return True
    return n >= 2 and any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in _FUNCTION]


def orgs_unrelated(a: str, b: str, generic: frozenset[str] = frozenset()) -> bool:
    """Two names that share no distinctive word that relates them (:func:`_share_a_word`) and are
    not each other's initials."""
    wa, wb = _words(a), _words(b)
    if (set(wa) - _COMMON) & (set(wb) - _COMMON):
        return not _share_a_word(wa, wb, generic)
    squash_a, squash_b = a.replace(".", "").replace(" ", "").lower(), b.replace(".", "").replace(" ", "").lower()
    for short, long_words in ((squash_a, wb), (squash_b, wa)):
        # "SC" for "(United Nations) Security Council": the initials of some run of its words
        if len(short) >= 2 and short in _initials(long_words):
            return False
        # a translated name's acronym: the same initials in another order ("UAAR" for the "Union of
        # Rationalist Atheists and Agnostics", Italian "Unione degli Atei e degli Agnostici Razionalisti")
        if len(short) >= 3 and sorted(short) == sorted(_initials(long_words)):
            return False
    if squash_a in squash_b or squash_b in squash_a:
        return False
    return bool(set(wa) - _COMMON) and bool(set(wb) - _COMMON)


def _unrelated_pair(names: Sequence[str], related) -> tuple[str, str] | None:
    """Two names of one actor that no chain of related names joins, or None."""
    component = {names[0]}
    frontier = [names[0]]
    while frontier:
        name = frontier.pop()
        for other in names:
            if other not in component and related(name, other):
                component.add(other)
                frontier.append(other)
    outside = [n for n in names if n not in component]
    return (names[0], outside[0]) if outside else None


def audit(actors: Iterable, generic: frozenset[str] = frozenset()) -> list[Flag]:
    """The flagged actors of a build (:class:`kg.extract.resolve.Actor` records).

    People: every pair of full names must be compatible. Organisations and places: the names must
    hang together (each related to another, directly or through a third: "Church" and
    "Scientology" through "Church of Scientology"); names that the shipped tables give as one
    place or organisation ("Britain" / "United Kingdom", "GOP" / "Republican Party") are related.
    """
    from kg.extract.actor_lexicon import NICKNAMES, PLACE_ALIASES
    from kg.extract.names import well_known

    def related(a: str, b: str) -> bool:
        if PLACE_ALIASES.get(a.lower(), a.lower()) == PLACE_ALIASES.get(b.lower(), b.lower()):
            return True
        known = well_known(a)
        return (known is not None and known == well_known(b)) or not orgs_unrelated(a, b, generic)

    flags: list[Flag] = []
    for actor in actors:
        if not actor.named:
            continue
        names = sorted({actor.label, *actor.aliases})
        if actor.type == "Person":
            for a, b in combinations(names, 2):
                why = people_conflict(a, b, NICKNAMES)
                if why:
                    flags.append(Flag(actor.id, actor.type, "incompatible people", (a, b), why))
                    break
            continue
        pair = _unrelated_pair([actor.label] + [n for n in names if n != actor.label], related)
        if pair:
            flags.append(Flag(actor.id, actor.type, "unrelated organisations", pair, "no word or initials shared"))
    return flags


def build(nlp, texts: dict[str, str]):
    """Extract and merge ``texts`` (id -> text) as one input."""
    from kg.extract.ingest import analyse_structure
    from kg.extract.pipeline import extract, merge

    documents = [analyse_structure(doc_id, text) for doc_id, text in texts.items()]
    return merge(list(extract(nlp, documents, None)), "audit")


def read_jsonl(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as stream:
        return {r["id"]: r["text"] for r in map(json.loads, stream) if r.get("text")}


def run(nlp=None) -> dict:
    from kg.extract.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    result: dict = {}
    for name, path in (("polnear_dev", POLNEAR_DEV), ("gum", GUM)):
        if not path.exists():
            result[name] = {"skipped": f"{path} not found"}
            continue
        texts = read_jsonl(path)
        actors = build(nlp, texts).actors
        flags = audit(actors, generic_words(texts.values()))
        result[name] = {"articles": len(texts), "actors": len(actors), "named": sum(a.named for a in actors),
                        "flagged": len(flags),
                        "incompatible_people": sum(f.kind == "incompatible people" for f in flags),
                        "unrelated_organisations": sum(f.kind == "unrelated organisations" for f in flags),
                        "flags": [vars(f) for f in flags]}
    return result


def render(result: dict) -> str:
    lines = []
    for name, part in result.items():
        if "skipped" in part:
            lines.append(f"{name}: skipped ({part['skipped']})")
            continue
        lines.append(f"{name}: {part['articles']} articles, {part['actors']} actors ({part['named']} named): "
                     f"{part['flagged']} flagged ({part['incompatible_people']} incompatible people, "
                     f"{part['unrelated_organisations']} unrelated organisations)")
        for flag in part["flags"]:
            lines.append(f"  {flag['actor']} [{flag['type']}] {flag['why']}: {flag['names'][0]!r} / {flag['names'][1]!r}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the result as JSON")
    args = parser.parse_args(argv)
    result = run()
    sys.stdout.write(render(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
