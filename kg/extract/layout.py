"""Where an article's text is not its body: headline, subheads, byline and dateline.

Read off the layout of the plain text (one paragraph per line), not off the words: a headline is
the short first line set apart by a blank line; a subhead is a short title-cased line without
final punctuation between paragraphs; a byline is a line "By NAME"; a dateline opens the first
body paragraph ("WICHITA, Kan. (AP) —", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —", "AUSTIN, Texas --").

Names in a dateline or byline are never actors (the agency of a dateline is the article's
source, recorded by ingest). Names in a headline or subhead are actors only when the body names
them too (:mod:`kg.extract.resolve` drops actors mentioned in headings only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The longest line read as a headline or subhead, in words.
HEADLINE_WORDS = 30
SUBHEAD_WORDS = 10
_LINE = re.compile(r"[^\n]+")
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’\- ]{1,40}?)"                      # WICHITA, HEMPSTEAD, LOS ANGELES
    r"(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]{1,15})?)*"  # , Kan.  , N.Y.  , Texas
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"                     # , Sept. 26
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z &.]{0,30})\))?"        # (AP)
    r"\s*(?:[-–—―]{1,2})\s*"                                    # — or --
)
# A title-cased dateline needs its agency and dash to be one: "Philadelphia (AFP) –", "Kabul, Afghanistan (Reuters) -".
_TITLE_DATELINE = re.compile(
    r"(?P<place>[A-Z][a-z]+(?:[ .\-][A-Z][a-z]+){0,3})(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]{1,15})?)?"
    r"\s*\((?P<agency>[A-Z][A-Za-z&.]{1,12}(?: [A-Z][A-Za-z]{1,12})?)\)\s*[-–—―]{1,2}\s*")
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'’\-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’\-]*){0,8}\s*$")
_DATE_LINE = re.compile(r"^\W*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"january|february|march|april|may|june|july|august|september|october|"
                        r"november|december|abstract)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    """Character spans of an article that are not body text."""

    headings: tuple[tuple[int, int], ...] = ()  # headline and subheads
    hidden: tuple[tuple[int, int], ...] = ()  # datelines and bylines: nothing in them is an actor

    def in_heading(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.headings)

    def hidden_at(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.hidden)


def _title_cased(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _dateline_at(text: str, start: int) -> tuple[int, int] | None:
    titled = _TITLE_DATELINE.match(text, start)
    if titled:
        return titled.start(), titled.end()
    match = _DATELINE.match(text, start)
    if not match:
        return None
    letters = [c for c in match.group("place") if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None
    return match.start(), match.end()


def find_layout(text: str) -> Layout:
    """The headings, dateline and byline of ``text`` (see the module docstring)."""
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    headings: list[tuple[int, int]] = []
    hidden: list[tuple[int, int]] = []
    if len(lines) >= 3:
        start, end, line = lines[0]
        apart = text[end:end + 2] == "\n\n" or text[end:end + 3] == "\n\r\n"
        if apart and len(line.split()) <= HEADLINE_WORDS and _dateline_at(text, start) is None:
            headings.append((start, end))
    body_started = False
    for number, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if (start, end) in headings:
            continue
        if _BYLINE.match(stripped):
            hidden.append((start, end))
            continue
        if _DATE_LINE.match(stripped) and len(stripped.split()) <= 6:
            continue
        if not body_started:
            body_started = True
            dateline = _dateline_at(text, start + len(line) - len(line.lstrip()))
            if dateline:
                hidden.append(dateline)
            continue
        if (0 < number < len(lines) - 1 and len(stripped.split()) <= SUBHEAD_WORDS
                and stripped[-1:] not in ".!?:\"”’'" and _title_cased(stripped)):
            headings.append((start, end))
    return Layout(tuple(headings), tuple(hidden))
