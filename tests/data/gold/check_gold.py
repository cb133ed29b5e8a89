#!/usr/bin/env python3
"""Sanity checks for the development gold set (stdlib only).

Usage: python3 tests/data/gold/check_gold.py [gold_dir]

For every *.json gold file in the directory: resolves text_file relative to
the gold file and asserts that every fragment, evidence fragment, extra
fragment and alias occurs verbatim in the text; that fragment lengths are in
range; that every referenced id exists; and that enumerated fields take
allowed values. Exits non-zero and lists all problems if any check fails.
"""
import json
import sys
from pathlib import Path

ACTOR_TYPES = {"Person", "Organization", "GovernmentOrganization", "Place", "Group"}
KINDS = {"direct", "indirect", "mixed"}
POLARITIES = {"favor", "against"}
PRONOUNS = {
    "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its",
    "their", "theirs", "we", "us", "our", "i", "me", "my", "you", "your",
    "who", "which", "that", "this", "these", "those",
}


def is_pronoun(alias):
    # acronyms such as "WHO" or "US" are not pronouns
    return alias.lower() in PRONOUNS and not (alias.isupper() and len(alias) > 1)


def nwords(s):
    return len(s.split())


def check_file(path):
    errors = []

    def err(msg):
        errors.append(f"{path.name}: {msg}")

    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        return [f"{path.name}: cannot load JSON: {e}"]

    for key in ("doc_id", "text_file", "actors", "claims", "stances", "topics"):
        if key not in gold:
            err(f"missing top-level key {key!r}")
    if errors:
        return errors

    text_path = (path.parent / gold["text_file"]).resolve()
    if not text_path.is_file():
        return [f"{path.name}: text_file not found: {text_path}"]
    text = text_path.read_text(encoding="utf-8")

    def in_text(s, what):
        if not isinstance(s, str) or not s:
            err(f"{what}: empty or not a string: {s!r}")
        elif s not in text:
            err(f"{what} not found verbatim in text: {s!r}")

    ids = {}
    for a in gold["actors"]:
        for key in ("id", "name", "type", "aliases", "named"):
            if key not in a:
                err(f"actor {a.get('id')!r} missing {key!r}")
        aid = a.get("id")
        if aid in ids:
            err(f"duplicate id {aid!r}")
        ids[aid] = "actor"
        if a.get("type") not in ACTOR_TYPES:
            err(f"actor {aid!r}: bad type {a.get('type')!r}")
        if not isinstance(a.get("named"), bool):
            err(f"actor {aid!r}: 'named' must be a boolean")
        if not a.get("aliases"):
            err(f"actor {aid!r}: no aliases")
        for al in a.get("aliases", []):
            in_text(al, f"actor {aid!r} alias")
            if is_pronoun(al):
                err(f"actor {aid!r}: pronoun used as alias: {al!r}")

    for t in gold["topics"]:
        for key in ("id", "label", "aliases"):
            if key not in t:
                err(f"topic {t.get('id')!r} missing {key!r}")
        tid = t.get("id")
        if tid in ids:
            err(f"duplicate id {tid!r}")
        ids[tid] = "topic"
        for al in t.get("aliases", []):
            in_text(al, f"topic {tid!r} alias")
            if is_pronoun(al):
                err(f"topic {tid!r}: pronoun used as alias: {al!r}")

    def check_ref(ref, what, actors_only=False):
        if ref not in ids:
            err(f"{what}: unknown id {ref!r}")
        elif actors_only and ids[ref] != "actor":
            err(f"{what}: {ref!r} is a topic, an actor is required")

    for i, c in enumerate(gold["claims"]):
        w = f"claim #{i}"
        for key in ("speaker", "cue", "kind", "fragment"):
            if key not in c:
                err(f"{w} missing {key!r}")
        check_ref(c.get("speaker"), f"{w} speaker", actors_only=True)
        if "alt_speaker" in c:
            check_ref(c["alt_speaker"], f"{w} alt_speaker", actors_only=True)
        if c.get("kind") not in KINDS:
            err(f"{w}: bad kind {c.get('kind')!r}")
        for j, frag in enumerate([c.get("fragment")] + list(c.get("extra_fragments", []))):
            in_text(frag, f"{w} fragment[{j}]")
            if isinstance(frag, str) and not 5 <= nwords(frag) <= 10:
                err(f"{w} fragment[{j}] has {nwords(frag)} words (5-10 required): {frag!r}")

    for i, s in enumerate(gold["stances"]):
        w = f"stance #{i}"
        for key in ("holder", "target", "polarity", "target_aliases", "evidence_fragment"):
            if key not in s:
                err(f"{w} missing {key!r}")
        check_ref(s.get("holder"), f"{w} holder", actors_only=True)
        check_ref(s.get("target"), f"{w} target")
        if "alt_target" in s:
            check_ref(s["alt_target"], f"{w} alt_target")
        if s.get("holder") == s.get("target"):
            err(f"{w}: holder equals target")
        if s.get("polarity") not in POLARITIES:
            err(f"{w}: bad polarity {s.get('polarity')!r}")
        for al in s.get("target_aliases", []):
            in_text(al, f"{w} target_alias")
        ev = s.get("evidence_fragment")
        in_text(ev, f"{w} evidence_fragment")
        if isinstance(ev, str) and not 3 <= nwords(ev) <= 12:
            err(f"{w} evidence_fragment has {nwords(ev)} words (3-12 required): {ev!r}")

    return errors


def main():
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        print(f"no gold files in {gold_dir}")
        return 1
    all_errors = []
    for f in files:
        errs = check_file(f)
        all_errors.extend(errs)
        g = json.loads(f.read_text(encoding="utf-8")) if not errs or "cannot load" not in errs[0] else None
        if g:
            print(f"{f.name:32s} actors={len(g['actors']):3d} claims={len(g['claims']):3d} "
                  f"stances={len(g['stances']):3d} topics={len(g['topics']):3d}"
                  + ("  FAIL" if errs else "  ok"))
    for e in all_errors:
        print("ERROR", e)
    print(f"{len(files)} files, {len(all_errors)} errors")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main())
