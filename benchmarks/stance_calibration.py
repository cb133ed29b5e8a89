"""Calibrate the stance scorer: the precision of each construction (and predicate class) on the
development gold, written to ``kg/extract/models/stance_calibration.tsv``.

Development gold only: ``tests/data/gold`` and ``../shared/corpora/stance_dev/tune`` (when
present). ``stance_dev/check`` is never read here: it measures whether the calibration holds on
articles it was not made from. A stance counts as right when it matches any gold stance of its
article (holder, polarity and target, as ``kg eval`` matches). Precision is smoothed toward the
construction's own (or, for a construction, toward 0.5) with a weight of :data:`PRIOR` stances,
so that a class seen twice does not get 0 or 1.

    python benchmarks/stance_calibration.py            # measure and write the table
    python benchmarks/stance_calibration.py --dry-run  # measure and print only
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.evaluate import load_gold_dir, predict, stance_matches  # noqa: E402
from kg.extract.nlp import load_pipeline  # noqa: E402
from kg.extract.pipeline import default_polarity  # noqa: E402
from kg.extract.stance import scoring  # noqa: E402

#: The shared corpora: ``../shared`` beside the checkout, or where ``KG_SHARED`` says.
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
GOLD_DIRS = [ROOT / "tests" / "data" / "gold", SHARED / "corpora" / "stance_dev" / "tune"]
OUT = ROOT / "kg" / "extract" / "models" / "stance_calibration.tsv"
#: Pseudo-stances of prior: a class's precision is pulled toward its construction's by this many.
PRIOR = 4.0
#: Classes with fewer predictions than this get no row of their own (their construction's applies).
MIN_CLASS = 3


def counts() -> tuple[collections.Counter, collections.Counter]:
    """(construction, class) -> stances predicted and right, with every candidate kept (no threshold)."""
    scoring.THRESHOLD = 0.0  # measure (and run) every construction, also those the current table drops
    nlp, polarity = load_pipeline(), default_polarity()
    predicted, right = collections.Counter(), collections.Counter()
    for folder in GOLD_DIRS:
        if not folder.exists():
            print(f"skipping {folder} (absent)", file=sys.stderr)
            continue
        golds = load_gold_dir(folder)
        predictions = predict(nlp, golds, polarity)
        for gold in golds:
            prediction = predictions[gold.doc_id]
            for stance in prediction.stances:
                ok = any(stance_matches(stance, g, gold, prediction) for g in gold.stances)
                for key in ((stance.rule, "*"), (stance.rule, stance.predicate_class or "*")):
                    predicted[key] += 1
                    right[key] += ok
    return predicted, right


def table(predicted: collections.Counter, right: collections.Counter) -> list[tuple[str, str, float, int, int]]:
    rows = []
    for (rule, cls), n in sorted(predicted.items()):
        if cls != "*":
            continue
        rows.append((rule, "*", (right[(rule, cls)] + PRIOR * 0.5) / (n + PRIOR), n, right[(rule, cls)]))
    base = {rule: p for rule, _, p, _, _ in rows}
    for (rule, cls), n in sorted(predicted.items()):
        if cls == "*" or n < MIN_CLASS:
            continue
        rows.append((rule, cls, (right[(rule, cls)] + PRIOR * base[rule]) / (n + PRIOR), n, right[(rule, cls)]))
    return sorted(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    rows = table(*counts())
    lines = ["# Stance scorer calibration: construction, predicate class ('*': all), smoothed precision,",
             "# stances predicted, stances right, on the development gold (benchmarks/stance_calibration.py)."]
    lines += [f"{rule}\t{cls}\t{p:.3f}\t{n}\t{m}" for rule, cls, p, n, m in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.dry_run:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
