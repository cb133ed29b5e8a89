"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPORA = ROOT / "tests" / "data" / "corpora"


@pytest.fixture(scope="session")
def nlp():
    from kg.extract.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def polarity():
    from kg.extract.pipeline import default_polarity

    return default_polarity()


def extract_texts(nlp, texts: dict[str, str], polarity=None):
    """Run the per-article stages and the merge on in-memory texts."""
    from kg.extract.ingest import analyse_structure
    from kg.extract.pipeline import extract, merge

    documents = [analyse_structure(doc_id, text) for doc_id, text in texts.items()]
    return merge(list(extract(nlp, documents, polarity)), "test-model")


@pytest.fixture(scope="session")
def seed_result(nlp, polarity):
    from kg.extract.readers import read_documents
    from kg.extract.nlp import model_description
    from kg.extract.pipeline import extract, merge

    results = list(extract(nlp, read_documents([SEEDS]), polarity))
    return merge(results, model_description(nlp))


@pytest.fixture(scope="session")
def seed_graph(seed_result):
    from kg.graph.rdf import to_graph

    return to_graph(seed_result)


def wikinews(ids: list[str]) -> dict[str, str]:
    """Texts of GUM Wikinews articles (copied into tests/data/corpora, CC BY 2.5)."""
    wanted, found = set(ids), {}
    with open(CORPORA / "gum_wikinews" / "articles.jsonl", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record["id"] in wanted:
                found[record["id"]] = record["text"]
    return {i: found[i] for i in ids}
