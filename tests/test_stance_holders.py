"""Stance holders are actors that act or speak: never a dateline or its agency, a headline or
byline, or a document (a document speaks for its author). Checked on every stance of the GUM
Wikinews articles in tests/data and of the shared development corpora when present."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT
from kg.extract.actors import WORK
from kg.extract.layout import find_layout

SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "corpora"


def _articles(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    return [(r["id"], r["text"]) for r in records[:limit]]


def _bad_holders(nlp, polarity, articles) -> list[str]:
    from kg.extract.ingest import analyse_structure
    from kg.extract.pipeline import extract

    bad = []
    documents = [analyse_structure(doc_id, text) for doc_id, text in articles]
    for result in extract(nlp, documents, polarity):
        layout = find_layout(result.document.text)
        for stance in result.stances:
            holder = stance.holder
            visible = [m for m in holder.mentions if not layout.hidden_at(m.start) and not layout.in_heading(m.start)]
            if holder.type == WORK or not visible:
                bad.append(f"{result.document.id}: {holder.label()} ({holder.type}) in {stance.evidence[:80]!r}")
    return bad


def test_no_stance_is_held_by_a_dateline_headline_or_document_in_gum(nlp, polarity):
    articles = _articles(CORPORA / "gum_wikinews" / "articles.jsonl")
    assert _bad_holders(nlp, polarity, articles) == []


@pytest.mark.skipif(not (SHARED / "polnear" / "dev").exists(), reason="shared corpora absent")
def test_no_stance_is_held_by_a_dateline_headline_or_document_in_polnear_dev(nlp, polarity):
    articles = _articles(SHARED / "polnear" / "dev" / "articles.jsonl")
    assert _bad_holders(nlp, polarity, articles) == []
