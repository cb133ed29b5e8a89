"""The polarity model's target-aware 1-D CNN, applied with numpy.

:class:`SequenceModel` is the forward pass of the network that ``benchmarks/train_polarity.py``
trains with torch (same parameters, same arithmetic; the training checks that both agree); the
weights and the frozen GloVe word vectors come from ``polarity.npz``.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .features import TENSOR_WIDTH, Features, SequenceInputs


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax over the last axis."""
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Log-softmax over the last axis."""
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def conv3(x: np.ndarray, taps: list[np.ndarray], b: np.ndarray) -> np.ndarray:
    """A width-3 convolution over the rows of ``x``, zero-padded: one matrix product per tap."""
    pad = np.zeros((1, x.shape[1]))
    xp = np.concatenate([pad, x, pad])
    n = len(x)
    out = b + xp[0:n] @ taps[0]
    for k in range(1, len(taps)):
        out += xp[k:k + n] @ taps[k]
    return out


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

    def logits_one(self, seq: SequenceInputs) -> np.ndarray:
        x = self.token_inputs(seq)
        h1 = np.maximum(conv3(x, self._taps1, self.conv1_b), 0.0)
        h = h1 + np.maximum(conv3(h1, self._taps2, self.conv2_b), 0.0)
        tmask = seq.floats[:, TENSOR_WIDTH + 3] > 0
        t = h[tmask].mean(0) if tmask.any() else np.zeros(h.shape[1])
        s = np.tanh(np.concatenate([h, np.broadcast_to(t, h.shape)], 1) @ self.att_w.T + self.att_b) @ self.att_v[0]
        att = softmax(s)
        c = att @ h
        return self.out_w @ np.concatenate([t, c, h.max(0)]) + self.out_b

    def logits(self, feats: Sequence[Features]) -> np.ndarray:
        """(n, 3) logits."""
        if any(f.sequence is None for f in feats):
            raise ValueError("features lack the sequence inputs")
        return np.stack([self.logits_one(f.sequence) for f in feats])
