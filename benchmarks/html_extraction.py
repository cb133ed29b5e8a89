"""Main text and metadata from saved news pages: stancekg's reader against the alternatives.

The pages in ``tests/data/html/`` were written for this purpose (every name and event invented)
in the layouts news sites use: an ``<article>`` with JSON-LD, div soup with a cookie banner,
menus and "Most read" lists, AMP, a live blog, comments under the story, a WordPress opinion
column with a pull quote, a 2000s table layout, a wire story with microdata, captions and a
gallery, teaser lists, a Q&A interview, and a blog with no metadata but its URL. Each has a
hand-marked gold main text (``NAME.txt``, one paragraph a line) and gold metadata (``gold.json``).

Scores: bag-of-words F1 of the main text (lower-cased words), the share of gold paragraphs
found as whole lines, and exact matches of title, publication day (``YYYY-MM-DD``), update
time, authors, site name, URL and language. Systems: stancekg (trafilatura after the tree
repairs of :mod:`kg.extract.html`, and its own metadata reader); trafilatura alone (its
``bare_extraction`` with metadata); jusText and readability-lxml (text; readability-lxml only
if installed by hand, ``pip install readability-lxml``);
the hand-written parser stancekg used before (``legacy_html.py``).

    python benchmarks/html_extraction.py            # the README tables: all pages, held-out pages
    python benchmarks/html_extraction.py --errors   # and what each system got wrong, per page
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "html"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

FIELDS = ("title", "published", "modified", "authors", "site", "url", "language")


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’.,-]\w+)*", text.lower())


def word_f1(predicted: str, gold: str) -> float:
    p, g = Counter(words(predicted)), Counter(words(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def paragraphs_kept(predicted: str, gold: str) -> float:
    lines = {" ".join(line.split()) for line in predicted.splitlines()}
    wanted = [" ".join(line.split()) for line in gold.splitlines() if line.strip()]
    return sum(1 for line in wanted if line in lines) / len(wanted)


# --------------------------------------------------------------------------- systems


def stancekg(markup: str) -> tuple[str, dict]:
    from kg.extract.html import parse_page

    page = parse_page(markup)
    m = page.meta
    return page.text, {"title": m.title, "published": m.published, "modified": m.modified,
                       "authors": list(m.authors), "site": m.site, "url": m.url, "language": m.language}


def trafilatura_alone(markup: str) -> tuple[str, dict]:
    import trafilatura

    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return "", {}
    d = doc.as_dict()
    return d.get("text") or "", {"title": d.get("title"), "published": d.get("date"), "modified": None,
                                 "authors": [a.strip() for a in (d.get("author") or "").split(";") if a.strip()],
                                 "site": d.get("sitename"), "url": d.get("url"), "language": d.get("language")}


def justext_text(markup: str) -> tuple[str, dict]:
    import justext

    paragraphs = justext.justext(markup.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), {}


def readability_text(markup: str) -> tuple[str, dict]:
    import lxml.html
    from readability import Document

    document = Document(markup)
    tree = lxml.html.fromstring(document.summary())
    for element in tree.iter("p", "div", "h1", "h2", "h3", "h4", "li", "br", "blockquote", "tr"):
        element.text = "\n" + (element.text or "")  # block boundaries become line breaks
        element.tail = "\n" + (element.tail or "")
    blocks = [" ".join(line.split()) for line in tree.text_content().splitlines()]
    return "\n".join(b for b in blocks if b), {"title": document.short_title()}


def old_parser(markup: str) -> tuple[str, dict]:
    from legacy_html import html_to_text

    text, meta = html_to_text(markup)
    return text, {"title": meta.get("og:title") or meta.get("title"), "url": meta.get("canonical") or meta.get("og:url"),
                  "published": meta.get("article:published_time") or meta.get("date"),
                  "site": meta.get("og:site_name")}


SYSTEMS = {"stancekg (trafilatura + repairs + metadata reader)": stancekg, "trafilatura alone": trafilatura_alone,
           "jusText": justext_text, "readability-lxml": readability_text, "old hand-written parser": old_parser}


# --------------------------------------------------------------------------- scoring


def same(field: str, predicted, gold) -> bool:
    if field == "published":
        return bool(predicted) and bool(gold) and str(predicted)[:10] == gold[:10]
    if field == "language":
        return bool(predicted) and predicted.split("-")[0].lower() == gold
    if field == "authors":
        return list(predicted or []) == list(gold)
    return (predicted or None) == gold


def score(system, pages: dict[str, dict]) -> dict:
    rows = {}
    for name, gold in pages.items():
        markup = (PAGES / f"{name}.html").read_text(encoding="utf-8")
        gold_text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
        text, meta = system(markup)
        rows[name] = {"f1": word_f1(text, gold_text), "paragraphs": paragraphs_kept(text, gold_text),
                      "text": text, "meta": meta,
                      **{f: same(f, meta.get(f), gold[f]) if f in meta else None for f in FIELDS}}
    return rows


def summary(rows: dict) -> dict:
    n = len(rows)
    result = {"f1_mean": sum(r["f1"] for r in rows.values()) / n, "f1_min": min(r["f1"] for r in rows.values()),
              "paragraphs": sum(r["paragraphs"] for r in rows.values()) / n}
    for f in FIELDS:
        scored = [r[f] for r in rows.values() if r[f] is not None]
        result[f] = (sum(scored), len(scored)) if scored else None
    return result


def table(label: str, pages: dict[str, dict], errors: bool) -> None:
    header = ["system", "word F1 mean (min)", "paragraphs kept", "title", "date", "updated", "authors", "site",
              "URL", "language"]
    print(f"{label} ({len(pages)} pages)\n")
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for name, system in SYSTEMS.items():
        try:
            rows = score(system, pages)
        except ImportError as error:
            print(f"| {name} | not installed ({error.name}) |" + " |" * (len(header) - 2))
            continue
        s = summary(rows)
        cells = [name, f"{s['f1_mean']:.3f} ({s['f1_min']:.3f})", f"{s['paragraphs']:.2f}"]
        cells += ["–" if s[f] is None else f"{s[f][0]}/{s[f][1]}" for f in FIELDS]
        print("| " + " | ".join(cells) + " |")
        for page, row in rows.items() if errors else ():
            wrong = [f for f in FIELDS if row[f] is False]
            if row["f1"] < 0.999 or wrong:
                details = ", ".join(f"{f}={row['meta'].get(f)!r}" for f in wrong)
                print(f"    {page}: F1 {row['f1']:.3f}; wrong: {details}", file=sys.stderr)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="what each system got wrong, per page (stderr)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    pages = {k: v for k, v in json.loads((PAGES / "gold.json").read_text(encoding="utf-8")).items()
             if not k.startswith("_")}
    table("All pages", pages, args.errors)
    table("Held-out pages (written after the code was fixed)", {k: v for k, v in pages.items() if v.get("held_out")},
          args.errors)
    print("date = publication day; '–' = the system gives no such field.")


if __name__ == "__main__":
    main()
