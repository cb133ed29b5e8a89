"""Tests of the shipped target-dependent polarity model (kg.extract.polarity)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kg.extract.polarity import LABELS, MODEL_DIR, PolarityModel, PolarityPrediction, default_model

DEVTEST_RW = Path(__file__).parent / "data" / "corpora" / "newsmtsc" / "devtest_rw.jsonl"
#: Measured macro-F1 of the shipped model on the first 300 targets of devtest_rw: 0.7347 (the LR
#: distilled from a MiniLM-assisted teacher; before: 0.7271 with GloVe in the CNN, 0.7091 for the
#: LR + CNN without GloVe, 0.6813 for the LR alone).
#: The floor is the measurement minus 0.02; raise it when a better model is shipped.
SAMPLE_SIZE = 300
MACRO_F1_FLOOR = 0.714


@pytest.fixture(scope="module")
def model() -> PolarityModel:
    return default_model()


def span(text: str, mention: str) -> tuple[str, int, int]:
    start = text.index(mention)
    return text, start, start + len(mention)


def test_loads_and_is_small():
    """The shipped files load and stay under the size budget (10 MB; load time is a benchmark's
    business, not a test's: the machine is shared)."""
    loaded = PolarityModel.load()
    assert set(loaded.labels) == set(LABELS)
    files = sorted(MODEL_DIR.glob("polarity.*"))
    assert [f.name for f in files] == ["polarity.json", "polarity.npz"]
    size = sum(f.stat().st_size for f in files)
    assert 1_000_000 < size < 10_000_000


def test_prediction_is_valid_and_deterministic(model):
    text, start, end = span("The senator said Smith had done a fine job in a difficult year.", "Smith")
    first = model.predict(text, start, end)
    assert isinstance(first, PolarityPrediction)
    assert first.label in LABELS
    assert set(first.probabilities) == set(LABELS)
    assert sum(first.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert all(0.0 <= p <= 1.0 for p in first.probabilities.values())
    assert first.label == max(first.probabilities, key=first.probabilities.get)
    again = model.predict(text, start, end)
    assert again == first
    assert PolarityModel.load().predict(text, start, end) == first
    with pytest.raises(Exception):
        first.label = "positive"  # frozen


@pytest.mark.parametrize("verb,expected", [
    ("praised", "positive"), ("applauded", "positive"), ("thanked", "positive"),
    ("condemned", "negative"), ("attacked", "negative"), ("blasted", "negative"),
])
def test_clear_cases_toward_the_object(model, verb, expected):
    text, start, end = span(f"The governor {verb} Senator Miller for his handling of the crisis.", "Senator Miller")
    assert model.predict(text, start, end).label == expected


def test_target_matters(model):
    text = "Voters admire Garcia, but they despise the corrupt and dishonest Wilson."
    assert model.predict(*span(text, "Garcia")).probabilities["positive"] > \
        model.predict(*span(text, "Wilson")).probabilities["positive"]


def test_parsed_doc_gives_the_same_answer(model):
    text, start, end = span("Critics condemned Smith for lying to voters.", "Smith")
    doc = model.nlp(text)
    assert model.predict(text, start, end, doc=doc) == model.predict(text, start, end)
    # a sentence Span of a larger document, offsets relative to the sentence
    big = model.nlp("Nothing happened on Monday.\n" + text)
    sentence = list(big.sents)[-1]
    assert sentence.text == text
    assert model.predict(text, start, end, doc=sentence).label == "negative"
    # a doc without a parse or tensor is ignored (the text is parsed instead)
    blank = model.nlp.make_doc(text)
    assert model.predict(text, start, end, doc=blank) == model.predict(text, start, end)


def test_predict_many_matches_predict(model):
    items = [span("Trump praised Biden for his leadership.", "Biden"),
             span("Trump condemned Biden for his failures.", "Biden"),
             span("Trump condemned Biden for his failures.", "Trump")]
    many = model.predict_many(items)
    assert many == [model.predict(*item) for item in items]
    assert model.predict_many([]) == []


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (3, 2), (0, 999)])
def test_bad_spans_are_rejected(model, start, end):
    with pytest.raises(ValueError):
        model.predict("Smith spoke.", start, end)


def test_macro_f1_floor_on_devtest_rw_sample(model):
    examples = []
    with open(DEVTEST_RW, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for t in row["targets"]:
                examples.append((row["text"], t["start"], t["end"], t["polarity"]))
            if len(examples) >= SAMPLE_SIZE:
                break
    examples = examples[:SAMPLE_SIZE]
    preds = [p.label for p in model.predict_many((t, s, e) for t, s, e, _ in examples)]
    gold = [g for *_, g in examples]
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, preds))
        fp = sum(g != lab and p == lab for g, p in zip(gold, preds))
        fn = sum(g == lab and p != lab for g, p in zip(gold, preds))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    macro = sum(f1s) / 3
    assert macro >= MACRO_F1_FLOOR, f"macro-F1 {macro:.4f} fell below the floor {MACRO_F1_FLOOR}"


def _reference_sequence_logits(seq_model, seq) -> np.ndarray:
    """The sequence model's forward pass written out token by token (independent of its numpy code)."""
    columns = {"rel": seq.rel, "tree": seq.tree, "pos": seq.pos, "dep": seq.dep, "word": seq.lower}
    n = len(seq.rel)
    x = []
    for i in range(n):
        parts = []
        for name, table in zip(seq_model.embedded, seq_model.emb):
            key = columns[name][i]
            parts.append(table[key] if name in ("rel", "tree") else table[seq_model.ids[name].get(key, 0)])
        if seq_model.vectors is not None:
            parts.append(seq_model.vectors[seq_model.vector_ids.get(seq.lower[i], 0)])
        parts.append((seq.floats[i] - seq_model.f_mean) * seq_model.f_scale)
        x.append(np.concatenate(parts))

    def conv(rows, w, b):
        out = []
        for i in range(n):
            acc = b.copy()
            for k in range(3):
                j = i + k - 1
                if 0 <= j < n:
                    acc = acc + w[:, :, k] @ rows[j]
            out.append(np.maximum(acc, 0.0))
        return out

    h1 = conv(x, seq_model.conv1_w, seq_model.conv1_b)
    h2 = conv(h1, seq_model.conv2_w, seq_model.conv2_b)
    h = np.array([a + b for a, b in zip(h1, h2)])
    target = [i for i in range(n) if seq.floats[i, -1] > 0]
    t = h[target].mean(0)
    scores = np.array([seq_model.att_v[0] @ np.tanh(seq_model.att_w @ np.concatenate([h[i], t]) + seq_model.att_b)
                       for i in range(n)])
    att = np.exp(scores - scores.max())
    att /= att.sum()
    return seq_model.out_w @ np.concatenate([t, att @ h, h.max(0)]) + seq_model.out_b


def test_sequence_model_forward_pass(model):
    """The shipped model averages in the CNN; its vectorised numpy forward pass matches a plain loop.

    (That the numpy pass equals the torch network it was trained as is checked by
    ``benchmarks/train_polarity.py`` at the end of every training.)
    """
    assert model.sequence is not None and model.sequence_weight > 0
    text, start, end = span("Critics said the senator from Ohio never kept a single promise to voters.", "the senator")
    feats = model.features(text, start, end)
    got = model.sequence.logits([feats])[0]
    assert got.shape == (3,)
    np.testing.assert_allclose(got, _reference_sequence_logits(model.sequence, feats.sequence), rtol=1e-6, atol=1e-8)
    # the ensemble is the softmax of the summed log-probabilities
    lin = model.linear_logits([feats])[0]
    z = (lin - np.log(np.exp(lin - lin.max()).sum()) - lin.max()) + model.sequence_weight * (
        got - np.log(np.exp(got - got.max()).sum()) - got.max())
    expected = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    np.testing.assert_allclose(model.probabilities([feats])[0], expected, rtol=1e-9)


def test_sequence_model_reads_pretrained_word_vectors(model):
    """The CNN's word inputs are frozen GloVe vectors, so words unseen in NewsMTSC still carry meaning."""
    seq = model.sequence
    assert seq.vectors is not None and len(seq.vector_ids) >= 20_000
    assert not seq.vectors[0].any()  # unknown words: the zero row
    # neither word occurs in NewsMTSC's training sentences; both are among GloVe's 50,000
    text, start, end = span("The mayor castigated the governor's botched budget.", "the governor")
    feats = model.features(text, start, end)
    rows = seq.token_inputs(feats.sequence)
    width = sum(e.shape[1] for e in seq.emb)
    for i, word in enumerate(feats.sequence.lower):
        np.testing.assert_array_equal(rows[i, width:width + seq.vectors.shape[1]],
                                      seq.vectors[seq.vector_ids.get(word, 0)])
    assert "castigated" in seq.vector_ids and "botched" in seq.vector_ids


def test_format_2_sequence_models_with_a_trained_word_embedding_still_load(model):
    """Models trained before GloVe embed the word themselves and have no vectors; they still apply."""
    from kg.extract.polarity import SequenceModel

    seq = model.sequence
    rng = np.random.default_rng(0)
    words = ["the", "senator", "promise"]
    arrays = {"seq_" + k: v for k, v in {
        "emb_rel": seq.emb[0], "emb_tree": seq.emb[1], "emb_pos": seq.emb[2], "emb_dep": seq.emb[3],
        "emb_word": rng.normal(size=(len(words) + 1, 4)),
        "f_mean": seq.f_mean, "f_scale": seq.f_scale,
        "conv1_w": rng.normal(size=(seq.conv1_w.shape[0], seq.conv1_w.shape[1] - seq.vectors.shape[1] + 4, 3)),
        "conv1_b": seq.conv1_b, "conv2_w": seq.conv2_w, "conv2_b": seq.conv2_b, "att_w": seq.att_w,
        "att_b": seq.att_b, "att_v": seq.att_v, "out_w": seq.out_w, "out_b": seq.out_b}.items()}
    meta = {"pos": list(seq.ids["pos"]), "dep": list(seq.ids["dep"]), "word": words, "weight": 0.25}
    old = SequenceModel(meta, arrays)
    assert old.embedded == ("rel", "tree", "pos", "dep", "word") and old.vectors is None
    text, start, end = span("Critics said the senator never kept a promise.", "the senator")
    feats = model.features(text, start, end)
    assert old.logits([feats]).shape == (1, 3)
    np.testing.assert_allclose(old.logits([feats])[0], _reference_sequence_logits(old, feats.sequence), rtol=1e-6)
    with pytest.raises(ValueError, match="do not match"):
        SequenceModel(dict(meta, word=words[:2]), arrays)


def test_predictions_run_blas_on_one_thread_and_restore_its_setting(model):
    """The model's small matrix products run on one BLAS thread (a multi-threaded OpenBLAS spins
    on busy cores); the caller's thread count is back afterwards, and the numbers are the same."""
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads() -> list[int]:
        return [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]

    text, start, end = span("Critics condemned the senator's plan as reckless.", "the senator")
    with threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        seen: list[list[int]] = []
        real_logits = model.linear.logits

        def watched(feats):
            seen.append(blas_threads())
            return real_logits(feats)
        model.linear.logits = watched
        try:
            prediction = model.predict(text, start, end)
        finally:
            del model.linear.logits
        assert blas_threads() == before
    assert seen and all(count == 1 for counts in seen for count in counts)
    assert prediction == model.predict(text, start, end)


def test_build_scorer_answers_each_question_once_per_document(model, monkeypatch):
    """kg build's scorer keeps its answers for the current document: the same mention in the same
    parsed words is scored once, and an answer is never given for other words, even where a
    sentence repeats elsewhere in the document (its context vectors differ) or in another one."""
    from kg.extract.pipeline import default_polarity

    text = "Critics condemned Smith for lying to voters."
    doc = model.nlp(f"{text} Voters love him. Nothing else happened. {text}")
    first, last = list(doc.sents)[0], list(doc.sents)[-1]
    other = model.nlp(text)
    assert first.text == last.text == text
    start, end = text.index("Smith"), text.index("Smith") + len("Smith")
    expected = [(p.label, p.probabilities[p.label])
                for p in (model.predict(text, start, end, doc=s) for s in (first, last, other))]
    calls = []
    predict = PolarityModel.predict
    monkeypatch.setattr(PolarityModel, "predict", lambda self, *a, **k: calls.append(a) or predict(self, *a, **k))
    score = default_polarity()
    assert [score(text, start, end, s) for s in (first, last, first, last)] == expected[:2] * 2
    assert len(calls) == 2
    assert score(text, start, end, other) == expected[2]
    assert len(calls) == 3


def _plain_sparse_row(vec, f) -> tuple[list[int], list[float]]:
    """The logistic regression's sparse row as first written: each group's known keys in sorted
    order, (1 + log count) * idf, L2-normalised with Python's sum, times the group weight."""
    import math

    from kg.extract.polarity import SPARSE_GROUPS
    cols: list[int] = []
    vals: list[float] = []
    for group in SPARSE_GROUPS:
        known = sorted(f.sparse[group].keys() & vec.columns[group].keys())
        if known:
            gv = [(1.0 + math.log(f.sparse[group][k])) * vec._idf[vec.columns[group][k]] for k in known]
            w = vec.group_weights[group] / math.sqrt(sum(v * v for v in gv))
            cols += [vec.columns[group][k] for k in known]
            vals += [v * w for v in gv]
    for key in sorted(f.lexicon):
        if key in vec.lex_columns:
            c = vec.lex_columns[key]
            cols.append(vec.n_sparse + c)
            vals.append(math.log1p(f.lexicon[key]) * vec._lex_scale[c] * vec.group_weights["L"])
    return cols, vals


def test_sparse_row_from_word_columns_keeps_every_bit(model, monkeypatch):
    """Prediction counts the character n-grams by columns, word by word, and weighs the row with
    numpy; training counts the n-grams as strings: the rows are the plain computation's, bit for
    bit (repeated words, numbers, unknown words; also for a vocabulary not in key order)."""
    from kg.extract.polarity import extract_features

    vec = model.vectorizer
    text = ("The council said the council's plan, 2,500 pages of zxqvbnm, was a disgrace and a "
            "disgrace to the council, the mayor and Governor Tom Baker.")
    sentence = model.parser.sentence(text)
    for mention in ("The council", "the mayor", "Governor Tom Baker", "zxqvbnm"):
        _, start, end = span(text, mention)
        full = extract_features(sentence, start, end, model.lexicon)
        fast = extract_features(sentence, start, end, model.lexicon, char_grams=False)
        assert "C" in full.sparse and "C" not in fast.sparse and fast.words == tuple(full.words)
        cols, vals = _plain_sparse_row(vec, full)
        for f in (full, fast):
            got_cols, got_vals = vec.sparse_row(f)
            assert got_cols.tolist() == cols and got_vals.tobytes() == np.asarray(vals).tobytes(), mention
        monkeypatch.setattr(vec, "_sorted_vocabulary", False)
        got_cols, got_vals = vec.sparse_row(fast)
        assert got_cols.tolist() == cols and got_vals.tobytes() == np.asarray(vals).tobytes(), mention
        monkeypatch.setattr(vec, "_sorted_vocabulary", True)
