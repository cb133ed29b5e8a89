"""Where an article's text is not its body: headline, subheads, byline and dateline.

Read off the layout of the plain text (one paragraph per line), not off the words: a headline is
the short first line set apart by a blank line that does not read as a sentence (no ". ! ?" at its
end, unless it is title-cased or is the document's own title from its metadata) — a first line
that is a sentence is body text; a subhead is a short title-cased line without final punctuation
between paragraphs; a byline is a line "By NAME"; a dateline opens the first body paragraph, after
any headline, byline and date line ("WICHITA, Kan. (AP) —", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —",
"AUSTIN, Texas --", "LONDON —"). This module is the one reader of datelines: ingest records the
place and agency from :func:`find_dateline` and blanks the dateline before parsing.

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
    r"(?P<where>(?P<place>[A-Z][A-Z.'’\- ]{1,40}?)"             # WICHITA, HEMPSTEAD, LOS ANGELES
    r"(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]{1,15})?)*)"  # , Kan.  , N.Y.  , Texas
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"                     # , Sept. 26
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z &.]{0,30})\))?"        # (AP)
    r"\s*(?:[-–—―]{1,2})\s*"                                    # — or --
)
# A title-cased dateline needs its agency and dash to be one: "Philadelphia (AFP) –", "Kabul, Afghanistan (Reuters) -".
_TITLE_DATELINE = re.compile(
    r"(?P<where>(?P<place>[A-Z][a-z]+(?:[ .\-][A-Z][a-z]+){0,3})(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]{1,15})?)?)"
    r"\s*\((?P<agency>[A-Z][A-Za-z&.]{1,12}(?: [A-Z][A-Za-z]{1,12})?)\)\s*[-–—―]{1,2}\s*")
# After a date line a title-cased place and its region before a dash is a dateline without an
# agency, as Wikinews writes them: "Monday, March 5, 2007" ⏎ "Taipei, Taiwan — The festival ...".
_DATED_DATELINE = re.compile(
    r"(?P<where>(?P<place>[A-Z][a-z]+(?:[ .\-][A-Z][a-z]+){0,3}),\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]{1,15})?)"
    r"(?P<agency>)\s+[–—―]\s+(?=[A-Z])")
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'’\-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’\-]*){0,8}\s*$")
# A line that ends a sentence: ". ! ?", then any closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")
_DATE_LINE = re.compile(r"^\W*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"january|february|march|april|may|june|july|august|september|october|"
                        r"november|december|abstract)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    """The dateline of a wire story: where it was filed ("Wichita, Kan.") and by which agency."""

    place: str
    agency: str | None
    start: int
    end: int

    @property
    def city(self) -> str:
        """The place without its state or country: "Wichita"."""
        return self.place.split(",")[0].strip()


@dataclass(frozen=True)
class Layout:
    """Character spans of an article that are not body text."""

    headings: tuple[tuple[int, int], ...] = ()  # headline and subheads
    hidden: tuple[tuple[int, int], ...] = ()  # datelines and bylines: nothing in them is an actor
    dateline: Dateline | None = None
    bylines: tuple[str, ...] = ()  # the names a byline gives ("By Jane Doe and John Roe": both)

    def in_heading(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.headings)

    def hidden_at(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.hidden)


def _title_cased(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _dateline_at(text: str, start: int, dated: bool = False) -> Dateline | None:
    match = _TITLE_DATELINE.match(text, start) or _DATELINE.match(text, start) \
        or (_DATED_DATELINE.match(text, start) if dated else None)
    if not match:
        return None
    if match.re is _DATELINE:  # a dateline place is written in capitals; "The Latest -" is not one
        letters = [c for c in match.group("place") if c.isalpha()]
        if len(letters) < 2 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            return None
    place = " ".join(match.group("where").split()).strip(" ,")
    return Dateline(place=place.title() if place.isupper() else _title_first(place), agency=match.group("agency") or None,
                    start=match.start(), end=match.end())


def _title_first(place: str) -> str:
    """ "WICHITA, Kan." -> "Wichita, Kan.": the capitals of the city title-cased, the rest as written."""
    city, comma, rest = place.partition(",")
    return (city.title() if city.isupper() else city) + comma + rest


def _folded(line: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", line.lower()).split())


def _is_headline(text: str, line: tuple[int, int, str], title: str | None) -> bool:
    """The first line is the headline when it is short, no byline or dateline, and either the
    document's title or set apart by a blank line without reading as a sentence."""
    start, end, words = line[0], line[1], line[2].strip()
    if len(words.split()) > HEADLINE_WORDS or _BYLINE.match(words) or _dateline_at(text, start) is not None:
        return False
    if title and _folded(words) == _folded(title):
        return True
    apart = text[end:end + 2] == "\n\n" or text[end:end + 3] == "\n\r\n"
    return apart and (not _SENTENCE_END.search(words) or _title_cased(words))


def find_dateline(text: str, title: str | None = None) -> Dateline | None:
    r"""The dateline at the start of the body of ``text`` (after any headline, byline, date line).

    >>> find_dateline("Harbor Sale Approved\n\nBy Jane Doe\n\nWICHITA, Kan. (AP) — The council voted.\n\nMore.")
    Dateline(place='Wichita, Kan.', agency='AP', start=35, end=56)
    """
    return find_layout(text, title).dateline


def find_layout(text: str, title: str | None = None) -> Layout:
    """The headings, dateline and byline of ``text`` (see the module docstring); ``title`` is the
    document's title from its metadata, if it has one."""
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    headings: list[tuple[int, int]] = []
    hidden: list[tuple[int, int]] = []
    bylines: list[str] = []
    dateline = None
    if len(lines) >= 3 and _is_headline(text, lines[0], title):
        headings.append(lines[0][:2])
    body_started = dated = False
    for number, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if (start, end) in headings:
            continue
        if _BYLINE.match(stripped):
            hidden.append((start, end))
            bylines.extend(byline_names(stripped))
            continue
        if _DATE_LINE.match(stripped) and len(stripped.split()) <= 6:
            dated = True
            continue
        if not body_started:
            body_started = True
            dateline = _dateline_at(text, start + len(line) - len(line.lstrip()), dated)
            if dateline:
                hidden.append((dateline.start, dateline.end))
            continue
        if (0 < number < len(lines) - 1 and len(stripped.split()) <= SUBHEAD_WORDS
                and stripped[-1:] not in ".!?:\"”’'" and _title_cased(stripped)):
            headings.append((start, end))
            continue
        run_in = _run_in_head(line)
        if run_in:
            offset = start + len(line) - len(line.lstrip())
            headings.append((offset, offset + run_in))
    return Layout(tuple(headings), tuple(hidden), dateline, tuple(dict.fromkeys(bylines)))


# A run-in head: a short title ending in a colon or a dash before the paragraph's first sentence
# ("Limited Tools to Fight Terrorism: The United Nations was ...", "CONGRESS HAS INVESTIGATED HIM — ...").
_RUN_IN = re.compile(r"(?P<head>[A-Z][^:—–.!?\"“”\n]{8,90}?)(?::\s|\s[—–]\s)(?=\S)")
_FUNCTION_WORDS = frozenset({"to", "by", "and", "with", "on", "at", "as", "is", "are", "vs"})  # not "of", "for": titles


def _run_in_head(line: str) -> int:
    """The length of a run-in head opening ``line`` (0 if none): three to twelve words, all in
    capitals, or title-cased with a small word in lower case (so that a speaker's label, "Sanders:",
    or a name before a colon is not one)."""
    match = _RUN_IN.match(line.lstrip())
    if match is None:
        return 0
    head = match.group("head").strip()
    words = head.split()
    if not 3 <= len(words) <= 12:
        return 0
    letters = [c for c in head if c.isalpha()]
    shouting = sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    titled = _title_cased(head) and any(w in _FUNCTION_WORDS for w in words)
    return match.end("head") if shouting or titled else 0


def byline_names(line: str) -> list[str]:
    """The names of a byline line: "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"]."""
    words = re.sub(r"^(?:By|BY)\s+", "", line.strip())
    return [" ".join(n.split()) for n in re.split(r",|\band\b", words) if n.strip()]
