"""Accuracy must not fall: headline numbers on a fixed GUM subset and on the dev gold set.

The floors are the measured values minus 0.02 (the lower of the committed tree and the tree being
edited at the time), rounded down. They only go up:
when a change raises a number, raise its floor; never lower one to make a change pass.
Regenerate the numbers with ``python benchmarks/gum.py --quick`` and ``kg eval tests/data/gold``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
STANCE_DEV = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "corpora" / "stance_dev"

# GUM, the 6 held-out news articles of benchmarks/gum.py QUICK_NEWS (actor rows re-measured for
# Actors II: P 0.77, R 0.58, B3 0.91, split chains 0.29 of 35; on main 0.34).
GUM_MENTION_PRECISION = 0.75      # head-match mention detection, person/organization
GUM_MENTION_RECALL = 0.55
GUM_B3_F1 = 0.90                  # coreference over detected mentions
GUM_SOURCES_RESOLVED = 0.87       # attribution sources resolved to the right actor
GUM_SPLIT_CHAINS = 0.31           # ceiling: gold chains split into several actors (only goes down)
GUM_CLAIM_F1_03 = 0.84            # attributions (claims + credited captions), content F1, overlap >= 0.3
GUM_CLAIM_F1_08 = 0.75            # overlap >= 0.8
GUM_CLAIM_ONLY_F1_03 = 0.72       # claims alone, overlap >= 0.3
GUM_SPEAKER_03 = 0.96             # speaker match among matched claims at 0.3 (measured 0.98, 2026-12-02)

# Dev gold set (tests/data/gold), kg eval micro-averages with the shipped polarity model if any
# (measured 2026-11-28).
GOLD_ACTOR_RECALL = 0.88       # measured 0.90 (fragmentation 1.06, 2026-12-03, sixth session)
GOLD_CLAIM_F1 = 0.89             # measured 0.90 (P 0.92, R 0.89): thoughts and intentions are attributions, not claims
GOLD_SPEAKER_ACCURACY = 0.83
GOLD_STANCE_F1 = 0.44            # measured 0.46 (P 0.59, R 0.38) with the calibrated stance scorer (2026-12-03)


@pytest.fixture(scope="module")
def floors_nlp():
    from kg.extract.nlp import load_pipeline

    return load_pipeline()


def _gum():
    spec = importlib.util.spec_from_file_location("gum_benchmark", ROOT / "benchmarks" / "gum.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _at_least(measured, floor: float, name: str) -> None:
    assert measured is not None and measured >= floor, f"{name} fell to {measured} (floor {floor})"


def test_gum_subset_floors(floors_nlp):
    gum = _gum()
    result = gum.benchmark(floors_nlp, ids=gum.QUICK_NEWS, textacy=False)
    actors, claims = result["actors"], result["claims"]["stancekg"]["news"]
    _at_least(actors["mentions"]["precision"], GUM_MENTION_PRECISION, "mention precision")
    _at_least(actors["mentions"]["recall"], GUM_MENTION_RECALL, "mention recall")
    _at_least(actors["coreference"]["b3"]["f1"], GUM_B3_F1, "B3 F1")
    _at_least(actors["sources"]["news"]["resolved"], GUM_SOURCES_RESOLVED, "sources resolved")
    split = actors["coreference"]["split_share"]
    assert split is not None and split <= GUM_SPLIT_CHAINS, f"split chains rose to {split} (ceiling {GUM_SPLIT_CHAINS})"
    _at_least(claims["0.3"]["f1"], GUM_CLAIM_F1_03, "claim F1 at 0.3")
    _at_least(claims["0.8"]["f1"], GUM_CLAIM_F1_08, "claim F1 at 0.8")
    _at_least(result["claims"]["stancekg claims only"]["news"]["0.3"]["f1"], GUM_CLAIM_ONLY_F1_03, "claims-only F1 at 0.3")
    _at_least(claims["0.3"]["speaker"], GUM_SPEAKER_03, "speaker match at 0.3")


@pytest.mark.skipif(not any(GOLD.glob("*.json")), reason="no dev gold set in tests/data/gold")
def test_dev_gold_floors(floors_nlp):
    from kg.extract.evaluate import evaluate
    from kg.extract.pipeline import default_polarity

    metrics = evaluate(GOLD, nlp=floors_nlp, polarity=default_polarity()).total().metrics()
    _at_least(metrics["actor_recall"], GOLD_ACTOR_RECALL, "actor recall")
    _at_least(metrics["claim_f1"], GOLD_CLAIM_F1, "claim F1")
    _at_least(metrics["speaker_accuracy"], GOLD_SPEAKER_ACCURACY, "speaker accuracy")
    _at_least(metrics["stance_f1"], GOLD_STANCE_F1, "stance F1")


# stance_dev (../shared/corpora/stance_dev, read when present; never copied here): tune is looked at
# for errors, check only measured (measured at the end of 2026-12-03, sixth session: tune stances P 0.61 /
# F1 0.40, claims 0.84, actors 0.91; check stances P 0.55 / F1 0.34, polarity 0.93, claims 0.74, actors 0.88).
STANCE_DEV_FLOORS = {"tune": {"stance_f1": 0.38, "stance_precision": 0.59, "claim_f1": 0.83, "actor_recall": 0.89},
                     "check": {"stance_f1": 0.32, "stance_precision": 0.54, "stance_polarity_accuracy": 0.91,
                               "claim_f1": 0.73, "actor_recall": 0.86}}


@pytest.mark.skipif(not STANCE_DEV.exists(), reason="../shared/corpora/stance_dev absent")
@pytest.mark.parametrize("split", sorted(STANCE_DEV_FLOORS))
def test_stance_dev_floors(floors_nlp, split):
    from kg.extract.evaluate import evaluate
    from kg.extract.pipeline import default_polarity

    metrics = evaluate(STANCE_DEV / split, nlp=floors_nlp, polarity=default_polarity()).total().metrics()
    for name, floor in STANCE_DEV_FLOORS[split].items():
        _at_least(metrics[name], floor, f"stance_dev {split} {name}")
