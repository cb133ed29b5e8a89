"""Measure the shipped polarity model (and VADER) on the NewsMTSC devtest splits.

Usage::

    python benchmarks/newsmtsc.py                      # table on devtest_rw and devtest_mt
    python benchmarks/newsmtsc.py --json results.json  # also write the numbers as JSON
    python benchmarks/newsmtsc.py --model DIR          # another model directory
    python benchmarks/newsmtsc.py --no-vader           # skip VADER

Data: ``tests/data/corpora/newsmtsc/devtest_rw.jsonl`` (sentences drawn to resemble real-world
news) and ``devtest_mt.jsonl`` (sentences with at least two targets); NewsMTSC, Hamborg & Donnay,
EACL 2021, MIT licence. One example per target; gold labels negative / neutral / positive.
The model never saw these splits (it is trained on ``train.jsonl`` and PolNeAR train sentences
labelled by a teacher trained on ``train.jsonl``; its settings were chosen by cross-validation on
train).

Metrics: macro-F1 over the three classes (the measure of the NewsMTSC paper, whose best model
reaches 0.83 on devtest_rw with a BiGRU over several embeddings), accuracy, and per-class F1.

VADER baseline (``pip install vaderSentiment``: a benchmark-only dependency, not needed by
``kg``): not target-aware, so two mappings are reported, both with VADER's usual thresholds
(compound >= 0.05 positive, <= -0.05 negative, else neutral):

* ``vader-sentence``: the compound score of the whole sentence;
* ``vader-window``: the compound score of the words within 8 whitespace-separated words left and
  right of the target mention (the mention itself included).

Results of the shipped model (distilled logistic regression + CNN over GloVe vectors; 5-fold CV on
train, grouped by sentence: macro-F1 0.718; before distillation 0.716 in CV and 0.7090 / 0.7037 on
devtest_rw / devtest_mt; the LR alone, shipped first: 0.692 in CV, 0.6898 / 0.6583; the training-time
teacher, LR + frozen MiniLM vectors, not shipped: 0.730 in CV, 0.7292 / 0.7062)::

    split       system              n macro-F1    acc  F1 neg  F1 neu  F1 pos
    devtest_rw  stancekg         1146   0.7182 0.7330  0.7680  0.7535  0.6331
    devtest_rw  vader-sentence   1146   0.5122 0.5157  0.5654  0.4968  0.4745
    devtest_rw  vader-window     1146   0.5187 0.5279  0.5306  0.5642  0.4613
    devtest_mt  stancekg         1476   0.6905 0.7263  0.7228  0.7766  0.5721
    devtest_mt  vader-sentence   1476   0.4959 0.5034  0.4976  0.5412  0.4490
    devtest_mt  vader-window     1476   0.5313 0.5650  0.5035  0.6519  0.4385
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.polarity import LABELS, PolarityModel  # noqa: E402

DATA = ROOT / "tests" / "data" / "corpora" / "newsmtsc"
SPLITS = ("devtest_rw", "devtest_mt")
VADER_WINDOW = 8
VADER_THRESHOLD = 0.05


def read_split(name: str) -> list[dict]:
    out = []
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for t in row["targets"]:
                out.append({"text": row["text"], "start": t["start"], "end": t["end"], "label": t["polarity"]})
    return out


def scores(gold: list[str], pred: list[str]) -> dict:
    """Macro-F1, accuracy and per-class precision/recall/F1 (no scikit-learn needed)."""
    per = {}
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
                    "support": sum(1 for g in gold if g == lab)}
    macro = sum(per[lab]["f1"] for lab in LABELS) / len(LABELS)
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0
    return {"n": len(gold), "macro_f1": round(macro, 4), "accuracy": round(acc, 4), "per_class": per}


def vader_label(compound: float) -> str:
    if compound >= VADER_THRESHOLD:
        return "positive"
    if compound <= -VADER_THRESHOLD:
        return "negative"
    return "neutral"


def vader_window(text: str, start: int, end: int, k: int = VADER_WINDOW) -> str:
    left = text[:start].split()[-k:] if k else []
    right = text[end:].split()[:k] if k else []
    return " ".join(left + [text[start:end]] + right)


def run(model_dir: Path | None, with_vader: bool) -> dict:
    t0 = time.perf_counter()
    model = PolarityModel.load(model_dir)
    load_s = time.perf_counter() - t0
    analyzer = None
    if with_vader:
        try:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
            analyzer = SentimentIntensityAnalyzer()
        except ImportError:
            print("vaderSentiment is not installed (pip install vaderSentiment): VADER skipped", file=sys.stderr)
    results: dict = {"model": str(model_dir or "kg/extract/models (shipped)"), "model_load_seconds": round(load_s, 3),
                     "vader_mapping": {"threshold": VADER_THRESHOLD, "window_words": VADER_WINDOW},
                     # held-out scores on train recorded by benchmarks/train_polarity.py --cv, if it was run
                     "cross_validation": model.meta.get("cross_validation"),
                     "splits": {}}
    for split in SPLITS:
        examples = read_split(split)
        gold = [e["label"] for e in examples]
        t1 = time.perf_counter()
        preds = model.predict_many((e["text"], e["start"], e["end"]) for e in examples)
        systems = {"stancekg": scores(gold, [p.label for p in preds])}
        systems["stancekg"]["seconds"] = round(time.perf_counter() - t1, 1)
        if analyzer is not None:
            sent_cache: dict[str, str] = {}
            sent_pred, win_pred = [], []
            for e in examples:
                if e["text"] not in sent_cache:
                    sent_cache[e["text"]] = vader_label(analyzer.polarity_scores(e["text"])["compound"])
                sent_pred.append(sent_cache[e["text"]])
                window = vader_window(e["text"], e["start"], e["end"])
                win_pred.append(vader_label(analyzer.polarity_scores(window)["compound"]))
            systems["vader-sentence"] = scores(gold, sent_pred)
            systems["vader-window"] = scores(gold, win_pred)
        results["splits"][split] = systems
    return results


def print_table(results: dict) -> None:
    head = f"{'split':<11} {'system':<15} {'n':>5} {'macro-F1':>8} {'acc':>6} {'F1 neg':>7} {'F1 neu':>7} {'F1 pos':>7}"
    print(head)
    print("-" * len(head))
    for split, systems in results["splits"].items():
        for name, s in systems.items():
            pc = s["per_class"]
            print(f"{split:<11} {name:<15} {s['n']:>5} {s['macro_f1']:>8.4f} {s['accuracy']:>6.4f} "
                  f"{pc['negative']['f1']:>7.4f} {pc['neutral']['f1']:>7.4f} {pc['positive']['f1']:>7.4f}")
    cv = results.get("cross_validation")
    if cv:
        print(f"{cv['folds']}-fold CV on train (grouped by {cv['grouped_by']}): macro-F1 {cv['ensemble']['macro_f1']:.4f} "
              f"(LR alone {cv['lr']['macro_f1']:.4f}, CNN alone {cv['cnn']['macro_f1']:.4f})")
    print(f"(model loaded in {results['model_load_seconds']:.2f} s; VADER compound >= {VADER_THRESHOLD} positive, "
          f"<= -{VADER_THRESHOLD} negative; window = {VADER_WINDOW} words each side of the target)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="NewsMTSC devtest benchmark of the polarity model")
    ap.add_argument("--model", type=Path, default=None, help="model directory (default: shipped model)")
    ap.add_argument("--json", type=Path, default=None, help="write results as JSON to this file")
    ap.add_argument("--no-vader", action="store_true", help="skip the VADER baseline")
    args = ap.parse_args(argv)
    results = run(args.model, not args.no_vader)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
