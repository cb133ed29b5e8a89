"""Quotation marks: where quotations start and end, and whether a content is one.

Real text is not tidy: quotations run over paragraphs (each reopened with a mark, or not),
marks go unclosed, and single quotes double as apostrophes. Bad text degrades gracefully: an
unclosed quotation ends at its paragraph, never raises (unlike textacy's ``direct_quotations``).
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc, Span

from .records import DIRECT, INDIRECT, MIXED

#: Two apostrophes or backticks typed for a double quotation mark (''...'' in NYT copy).
_DOUBLE_OPENERS = ("''", "‘‘", "``", "’’")
#: What closes a double quotation, however it was typed (“...’’ and "...'' occur).
_DOUBLE_CLOSE = re.compile(r"”|(?<=\S)''|(?<=\S)’’|\"")
_CLOSE = {"‘": re.compile(r"’(?!\w)"), "'": re.compile(r"'(?!\w)"), "«": re.compile("»"), "„": re.compile("[“”]")}
_CLOSING_MARKS = "”\"’'»“"
#: The characters that may open a quotation (:func:`_opening_at` says whether one does).
_OPENING_MARKS = "\"“‘'`’«„"
_NEXT_MARK = re.compile("[" + re.escape(_OPENING_MARKS) + "]")


def _opening_at(text: str, i: int) -> tuple[str, re.Pattern] | None:
    """The opening mark at ``text[i]`` and the pattern of what closes it, or None."""
    char = text[i]
    if char not in _OPENING_MARKS:
        return None
    if text.startswith(_DOUBLE_OPENERS, i) and (i == 0 or not text[i - 1].isalnum()) \
            and i + 2 < len(text) and not text[i + 2].isspace():
        return text[i:i + 2], _DOUBLE_CLOSE
    if char in "\"“":
        return char, _DOUBLE_CLOSE
    if char in "‘'":
        # Single quotes open only at a word start, and never inside a word (it's, Kenney’s).
        return (char, _CLOSE[char]) if i == 0 or not text[i - 1].isalnum() else None
    return (char, _CLOSE[char]) if char in _CLOSE else None


def _run_on(text: str, line_end: int, opening: str, closing: re.Pattern) -> int:
    """The end of a quotation left open at ``line_end``: the end of its paragraph, or on, when the
    next paragraph reopens it (a multi-paragraph quote) or closes it without reopening."""
    n = len(text)
    end = line_end
    while True:
        following = end
        while following < n and text[following] in "\n\r \t":
            following += 1
        if following >= n or following == end:
            return end
        if not text.startswith(opening, following):
            if end == line_end:  # the reopening mark is missing: join when the next paragraph closes it
                end = _closed_in_next_paragraph(text, following, opening, closing) or end
            return end
        next_end = text.find("\n", following)
        next_end = n if next_end < 0 else next_end
        close = closing.search(text, following + len(opening), next_end)
        if close is not None:
            return close.end()
        end = next_end


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included; unbalanced marks end at the paragraph."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        mark = _NEXT_MARK.search(text, i)  # the characters before it open nothing
        if mark is None:
            break
        i = mark.start()
        opened = _opening_at(text, i)
        if opened is None:
            i += 1
            continue
        opening, closing = opened
        line_end = text.find("\n", i)
        line_end = n if line_end < 0 else line_end
        close = closing.search(text, i + len(opening), line_end)
        if close is not None:
            end = close.end()
        elif opening in "'‘`’":
            i += 1
            continue
        else:
            end = _run_on(text, line_end, opening, closing)
        if end - i > 2:
            spans.append((i, end))
        i = end
    return spans


def _closed_in_next_paragraph(text: str, start: int, opening: str, closing: re.Pattern) -> int | None:
    """The end of a quotation left open at a paragraph's end when the next paragraph (from
    ``start``) closes it without reopening it: its first mark closes (it follows a word or
    punctuation and no word follows it)."""
    if text[start] in "“«„" or (text[start] == '"' and opening != '"'):
        return None  # the next paragraph opens a quotation of its own: its first closing mark is that one's
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    close = closing.search(text, start, stop)
    if close is None or close.start() <= start or text.find(opening, start, close.start()) >= 0 \
            and not closing.match(opening):
        return None
    after = text[close.end():close.end() + 1]
    if text[close.start() - 1].isspace() or (after and after.isalnum()):
        return None
    return close.end()


def mark_lengths(text: str, quote: tuple[int, int]) -> tuple[int, int]:
    """How many characters the opening and the closing mark of a quotation take (0 when it was
    left unclosed)."""
    start, end = quote
    opening = 2 if text.startswith(_DOUBLE_OPENERS, start) else 1
    if end - start >= opening + 2 and text[end - 2:end] in {"''", "’’"}:
        return opening, 2
    return opening, 1 if end - start > opening and text[end - 1] in _CLOSING_MARKS else 0


class Quotes(list):
    """Quotation spans with a constant-time "is this position inside one?" test."""

    def __init__(self, spans: Sequence[tuple[int, int]], text: str) -> None:
        super().__init__(spans)
        self._inside = bytearray(len(text) + 1)
        self._inner = {}
        for start, end in spans:
            self._inside[start + 1:end] = b"\x01" * max(0, end - start - 1)
            opening, closing = mark_lengths(text, (start, end))
            self._inner[(start, end)] = (start + opening, max(start + opening, end - closing))

    def inner(self, quote: tuple[int, int]) -> tuple[int, int]:
        """The characters inside a quotation's marks."""
        return self._inner[quote]

    def contains(self, position: int) -> bool:
        return 0 <= position < len(self._inside) and bool(self._inside[position])

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations overlapping ``[start, end)``."""
        return [q for q in self if q[0] < end and q[1] > start]


def quote_inner(doc: Doc, text: str, quote: tuple[int, int]) -> Span | None:
    """The tokens inside a quotation's marks (an unclosed one has no closing mark to drop);
    ``text`` is ``doc.text``, read once by the caller."""
    opening, closing = mark_lengths(text, quote)
    return doc.char_span(quote[0] + opening, quote[1] - closing, alignment_mode="contract")


def kind_and_span(quotes: Quotes, start: int, end: int, cue_inside: bool = False) -> tuple[str, int, int]:
    """Direct when the content is one quotation (then the span is inside the marks), or part of
    one reported by a cue inside it (``cue_inside``: then the span is that part)."""
    overlapping = quotes.overlapping(start, end)
    if not overlapping:
        return INDIRECT, start, end
    if len(overlapping) == 1:
        q_start, q_end = overlapping[0]
        inner_start, inner_end = quotes.inner(overlapping[0])
        if cue_inside and inner_start <= start and end <= q_end and (start, min(end, inner_end)) != (inner_start, inner_end):
            return DIRECT, start, min(end, inner_end)  # a report inside a quotation ('"I think X," she said'): X alone
        covered = min(end, q_end) - max(start, q_start)
        if covered >= 0.8 * (end - start):
            return DIRECT, inner_start, max(inner_start, inner_end)
    return MIXED, start, end
