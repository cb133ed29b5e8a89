"""Corpora for the analysis and browser benchmarks: 1 to 1,000 real news articles as JSONL.

GUM Wikinews (copied into tests/data, CC BY 2.5) and PolNeAR (read from ../shared/corpora only,
never copied into the repository). Each article keeps its title, date and publisher, so the
pictures can show where a sentence comes from.

    python benchmarks/corpora.py 100 /tmp/c100.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUM = ROOT / "tests" / "data" / "corpora" / "gum_wikinews" / "articles.jsonl"
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
if not POLNEAR.exists():  # a worktree beside the main checkout
    POLNEAR = Path("/work/shared/corpora/polnear")
#: PolNeAR's publisher codes, as a reader knows them.
PUBLISHERS = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times",
              "politico": "Politico", "usa-today": "USA Today", "wash-post": "The Washington Post",
              "west-journal": "Western Journal"}


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gum_articles() -> list[dict]:
    """The 43 GUM Wikinews articles, news before interviews, as kg build JSONL records."""
    records = sorted(_read(GUM), key=lambda r: (r["genre"] != "news", r["id"]))
    return [{"id": r["id"], "text": r["text"], "title": r.get("title"), "url": r.get("url"),
             "date": r.get("date_created"), "source": "Wikinews"} for r in records]


def polnear_articles(split: str) -> list[dict]:
    """PolNeAR articles of one split (``dev`` or ``train``); empty when the corpus is absent."""
    path = POLNEAR / split / "articles.jsonl"
    if not path.exists():
        return []
    return [{"id": r["id"], "text": r["text"], "title": r.get("title"),
             "date": r.get("publication_date"), "source": PUBLISHERS.get(r.get("publisher"), r.get("publisher"))}
            for r in _read(path)]


def articles(count: int) -> list[dict]:
    """``count`` articles: GUM first, then PolNeAR dev, then PolNeAR train (967 in all), then GUM
    again under new ids (``ID--2``) to make up the count."""
    gum = gum_articles()
    pool = gum + polnear_articles("dev") + polnear_articles("train")
    copy = 2
    while len(pool) < count:
        pool += [dict(r, id=f"{r['id']}--{copy}") for r in gum]
        copy += 1
    return pool[:count]


def write_corpus(count: int, path: Path) -> int:
    """Write ``count`` articles (or as many as there are) to ``path``; returns how many."""
    chosen = articles(count)
    with Path(path).open("w", encoding="utf-8") as out:
        for record in chosen:
            out.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")
    return len(chosen)


if __name__ == "__main__":
    print(write_corpus(int(sys.argv[1]), Path(sys.argv[2])))
