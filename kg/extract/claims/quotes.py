"""Quotation marks: where quotations start and end, and whether a content is one.

Real text is not tidy: quotations run over paragraphs (each reopened with a mark, or not),
marks go unclosed, and single quotes double as apostrophes. Bad text degrades gracefully: an
unclosed quotation ends at its paragraph, never raises (unlike textacy's ``direct_quotations``).
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Span

from .records import DIRECT, INDIRECT, MIXED

_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}
_CLOSING_MARKS = "”\"’»"


def _closing_for(text: str, i: int) -> str | None:
    """The mark that closes a quotation opened at ``text[i]``, or None if none opens there."""
    char = text[i]
    if char == '"':
        return '"'
    if char in "‘'":
        # Single quotes open only at a word start, and never inside a word (it's, Kenney’s).
        if i > 0 and text[i - 1].isalnum():
            return None
        return "’" if char == "‘" else "'"
    return _QUOTE_PAIRS.get(char)


def _close_in_line(text: str, i: int, line_end: int, closing: str) -> int:
    """The end (after the mark) of the quotation opened at ``i`` within its line, or -1."""
    n = len(text)
    for j in range(i + 1, line_end):
        if text[j] == closing and (closing not in "’'" or j + 1 >= n or not text[j + 1].isalnum()):
            return j + 1
    return -1


def _run_on(text: str, line_end: int, opening: str, closing: str) -> int:
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
        if text[following] != opening:
            if end == line_end:  # the reopening mark is missing: join when the next paragraph closes it
                end = _closed_in_next_paragraph(text, following, opening, closing) or end
            return end
        next_end = text.find("\n", following)
        next_end = n if next_end < 0 else next_end
        close = text.find(closing, following + 1, next_end)
        if close >= 0:
            return close + 1
        end = next_end


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included; unbalanced marks end at the paragraph."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        closing = _closing_for(text, i)
        if closing is None:
            i += 1
            continue
        line_end = text.find("\n", i)
        line_end = n if line_end < 0 else line_end
        end = _close_in_line(text, i, line_end, closing)
        if end < 0:
            if text[i] in "'‘":
                i += 1
                continue
            end = _run_on(text, line_end, text[i], closing)
        if end - i > 2:
            spans.append((i, end))
        i = end
    return spans


def _closed_in_next_paragraph(text: str, start: int, opening: str, closing: str) -> int | None:
    """The end of a quotation left open at a paragraph's end when the next paragraph (from
    ``start``) closes it without reopening it: its first mark closes (it follows a word or
    punctuation and no word follows it)."""
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    paragraph = text[start:stop]
    close = paragraph.find(closing)
    if close <= 0 or (opening != closing and opening in paragraph[:close]):
        return None
    after = paragraph[close + 1:close + 2]
    if paragraph[close - 1].isspace() or (after and after.isalnum()):
        return None
    return start + close + 1


class Quotes(list):
    """Quotation spans with a constant-time "is this position inside one?" test."""

    def __init__(self, spans: Sequence[tuple[int, int]], length: int) -> None:
        super().__init__(spans)
        self._inside = bytearray(length + 1)
        for start, end in spans:
            self._inside[start + 1:end] = b"\x01" * max(0, end - start - 1)

    def contains(self, position: int) -> bool:
        return 0 <= position < len(self._inside) and bool(self._inside[position])

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations overlapping ``[start, end)``."""
        return [q for q in self if q[0] < end and q[1] > start]


def quote_inner(doc: Doc, text: str, quote: tuple[int, int]) -> Span | None:
    """The tokens inside a quotation's marks (an unclosed one has no closing mark to drop);
    ``text`` is ``doc.text``, read once by the caller."""
    start, end = quote
    closed = text[end - 1] in _CLOSING_MARKS
    return doc.char_span(start + 1, end - 1 if closed else end, alignment_mode="contract")


def kind_and_span(quotes: Quotes, start: int, end: int, cue_inside: bool = False) -> tuple[str, int, int]:
    """Direct when the content is one quotation (then the span is inside the marks), or part of
    one reported by a cue inside it (``cue_inside``: then the span is that part)."""
    overlapping = quotes.overlapping(start, end)
    if not overlapping:
        return INDIRECT, start, end
    if len(overlapping) == 1:
        q_start, q_end = overlapping[0]
        inner_start, inner_end = q_start + 1, q_end - 1 if q_end - q_start > 1 else q_end
        if cue_inside and inner_start <= start and end <= q_end and (start, min(end, inner_end)) != (inner_start, inner_end):
            return DIRECT, start, min(end, inner_end)  # a report inside a quotation ('"I think X," she said'): X alone
        covered = min(end, q_end) - max(start, q_start)
        if covered >= 0.8 * (end - start):
            return DIRECT, inner_start, max(inner_start, inner_end)
    return MIXED, start, end
