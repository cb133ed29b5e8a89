"""Articles as :class:`Document` records: the text and the news structure read off it.

A document keeps its text exactly, so that every character offset in the graph indexes into it.
News structure is read off the text by rules: an AP-style dateline ("PHILADELPHIA (AP) -", read by
:mod:`kg.extract.layout` at the start of the body, after any headline and byline), the
timestamped updates of a live blog ("3:15 p.m." lines separated by "___"), and trailing site
chrome ("Please read our comment policy ..."). Those parts are recorded as *non-content* spans:
the NLP stage blanks them out, so no actor or claim can come from them.

A web page becomes a document through :mod:`kg.extract.html` (main text and metadata,
:func:`page_document`); a page whose language is not English is skipped. Reading files, folders,
JSONL corpora and web archives is :mod:`kg.extract.readers`' and :mod:`kg.extract.warc`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .layout import Dateline, find_dateline

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES

#: Files larger than this are refused (a news article is a few kilobytes).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: An article longer than this (in characters) is skipped: it is a dump, not an article, and
#: parsing it would take hours and gigabytes (spaCy's own default limit is the same).
MAX_DOCUMENT_CHARS = 1_000_000
#: Characters no article holds and no RDF file should: NUL, and the halves of a character that
#: JSON can escape ("\ud800") but UTF-8 cannot encode. Replaced one for one, so offsets hold.
UNWRITABLE = re.compile("[\x00\ud800-\udfff]")

# A live-blog timestamp alone on its line: "3:15 p.m.", "10 a.m.", "12:44 PM EDT".
_TIMESTAMP_LINE = re.compile(
    r"^[ \t]*(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?\s?m\.?(?:\s+[A-Z]{2,4})?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Separator lines between updates: "___", "---", "***".
_SEPARATOR_LINE = re.compile(r"^[ \t]*(?:_{3,}|-{3,}|\*{3,})[ \t]*$", re.MULTILINE)
# Site chrome that trails an article. Matched against whole trailing lines.
_CHROME_LINE = re.compile(
    r"^\s*(?:please read our comment policy|read our comment policy|comments?\b.{0,40}$|"
    r"follow (?:us|\w+) on\b|sign up for\b|subscribe\b|share this\b|click here\b|related:|"
    r"read more\b|copyright\b|©|all rights reserved|this material may not be published|"
    r"advertisement$|sponsored content|we want to hear from you|have a news tip)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Update:
    """One timestamped update of a live blog: its time as printed and as HH:MM, and its body."""

    index: int
    time_text: str
    time: str | None
    marker_start: int
    marker_end: int
    start: int
    end: int


@dataclass(frozen=True)
class Turn:
    """One turn of an interview: a question or an answer paragraph, with its printed label if any."""

    start: int
    end: int
    question: bool
    label: str | None = None  # "Hill" in "Hill: ...", "Q" in "Q: ..."
    label_start: int | None = None
    label_end: int | None = None


@dataclass(frozen=True)
class Document:
    """An article: its exact text, metadata, and which character spans are not content."""

    id: str
    text: str
    source_path: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    dateline: Dateline | None = None
    updates: tuple[Update, ...] = ()
    non_content: tuple[tuple[int, int], ...] = ()
    turns: tuple[Turn, ...] = ()
    modified: str | None = None  # when it was last updated (ISO 8601), from a page's metadata
    authors: tuple[str, ...] = ()  # its byline's names, from a page's metadata
    language: str | None = None  # BCP 47 tag, from a page's metadata or guessed from its text

    def update_at(self, offset: int) -> Update | None:
        """The live-blog update whose body contains ``offset``, if any."""
        for update in self.updates:
            if update.start <= offset < update.end:
                return update
        return None


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, or was read with a caveat (``fatal`` False)."""

    path: str
    reason: str
    line: int | None = None
    fatal: bool = True
    records: int = 0  # a note on a WARC file: how many of its records were skipped

    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


Reporter = Callable[[Skipped], None]


# --------------------------------------------------------------------------- structure


def _to_24h(hour: int, minute: int, ampm: str) -> str | None:
    if not (1 <= hour <= 12 and 0 <= minute < 60):
        return None
    if ampm.lower() == "p" and hour != 12:
        hour += 12
    if ampm.lower() == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def find_updates(text: str) -> list[Update]:
    """Split a live blog into its timestamped updates, in text order."""
    markers = list(_TIMESTAMP_LINE.finditer(text))
    if not markers:
        return []
    updates = []
    for index, marker in enumerate(markers):
        body_start = marker.end()
        body_end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        hour, minute = int(marker.group("h")), int(marker.group("m") or 0)
        updates.append(
            Update(
                index=index + 1,
                time_text=marker.group(0).strip(),
                time=_to_24h(hour, minute, marker.group("ampm")),
                marker_start=marker.start() + (len(marker.group(0)) - len(marker.group(0).lstrip())),
                marker_end=marker.start() + len(marker.group(0).rstrip()),
                start=body_start,
                end=body_end,
            )
        )
    return updates


def find_trailer(text: str) -> tuple[int, int] | None:
    """The span of trailing site-chrome lines, if the text ends with any."""
    end = len(text.rstrip())
    cut = end
    position = end
    while position > 0:
        line_start = text.rfind("\n", 0, position) + 1
        line = text[line_start:position]
        if line.strip() and not _CHROME_LINE.match(line):
            break
        cut = line_start if line.strip() else cut
        if line_start == 0:
            break
        position = line_start - 1
    return (cut, end) if cut < end else None


_TURN_LABEL = re.compile(r"^(?P<label>Q|A|[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}):[ \t]+(?=\S)")
_INTERVIEW_HINT = re.compile(r"\b(?i:interview)|\btells\s+[A-Z]|\btalks\s+to\b|\bspeaks\s+(?:to|with)\b|\bQ\s?&\s?A\b")
#: Where the hint is looked for: the first 300 characters, or the whole introduction before the
#: first question when it is longer, up to this many characters.
_INTRODUCTION_MAX = 1000


#: A paragraph longer than this that ends in a question mark is an answer ending in a question of
#: its own, not an interviewer's question (these are a sentence or two: at most 464 characters in
#: GUM's 19 interviews).
_QUESTION_MAX = 600


def _asks(text: str, start: int, end: int) -> bool:
    return end - start <= _QUESTION_MAX and text[start:end].rstrip().endswith("?")


def find_turns(text: str, title: str | None = None) -> list[Turn]:
    """Question and answer turns of an interview, or nothing for an ordinary article.

    Labelled turns ("Q: ...", "Hill: ...") count when at least three paragraphs carry a label;
    otherwise an article whose title or opening says "interview" ("Interview with ...", "Wikinews
    interviewed him": the first 300 characters, or the introduction before the first question up to
    1,000) and that has at least two paragraphs ending in a question mark is read as alternating
    questions and answers.
    """
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if text[m.start():m.end()].strip()]
    labelled = [(s, e, _TURN_LABEL.match(text[s:e])) for s, e in paragraphs]
    if sum(1 for *_, m in labelled if m) >= 3:
        turns = []
        for start, end, match in labelled:
            if match is None:
                continue
            label = match.group("label")
            question = label == "Q" or text[start:end].rstrip().endswith("?")
            turns.append(Turn(start + match.end(), end, question, label, start, start + len(label)))
        return turns
    questions = [p for p in paragraphs if _asks(text, *p)]
    if len(questions) < 2:
        return []
    opening = (title or "") + " " + text[:max(300, min(questions[0][0], _INTRODUCTION_MAX))]
    if not _INTERVIEW_HINT.search(opening):
        return []
    turns, seen_question = [], False
    for start, end in paragraphs:
        if _asks(text, start, end):
            seen_question = True
            turns.append(Turn(start, end, True))
        elif seen_question:
            turns.append(Turn(start, end, False))
    return turns


def analyse_structure(doc_id: str, text: str, **meta: object) -> Document:
    """Build a :class:`Document`, finding its dateline, updates and non-content spans."""
    dateline = find_dateline(text, meta.get("title"))  # type: ignore[arg-type]
    updates = find_updates(text)
    non_content: list[tuple[int, int]] = []
    if dateline:
        non_content.append((dateline.start, dateline.end))
    for update in updates:
        non_content.append((update.marker_start, update.marker_end))
    for match in _SEPARATOR_LINE.finditer(text):
        non_content.append((match.start(), match.end()))
    trailer = find_trailer(text)
    if trailer:
        non_content.append(trailer)
        updates = [
            Update(u.index, u.time_text, u.time, u.marker_start, u.marker_end, u.start, min(u.end, trailer[0]))
            for u in updates
        ]
    turns = find_turns(text, meta.get("title"))
    return Document(
        id=doc_id,
        text=text,
        dateline=dateline,
        updates=tuple(updates),
        non_content=tuple(sorted(set(non_content))),
        turns=tuple(turns),
        **meta,
    )


# --------------------------------------------------------------------------- formats


def too_long(text: str) -> str:
    return (f"too long for one article ({len(text)} characters, limit {MAX_DOCUMENT_CHARS}); "
            "split it into articles")


def page_document(data: bytes, doc_id: str, where: str, url: str | None = None,
                  charset: str | None = None) -> Document | Skipped:
    """The :class:`Document` of a web page (its main text and metadata), or why it was skipped:
    no readable text, not English, too long."""
    from .html import decode_html, is_english, parse_page

    page = parse_page(decode_html(data, charset), url)
    meta = page.meta
    if not page.text.strip():
        return Skipped(where, "HTML page has no readable text")
    if not is_english(meta.language):
        how = "declares" if meta.language_declared else "reads as"
        return Skipped(where, f"page {how} language '{meta.language}', not English; skipped")
    if len(page.text) > MAX_DOCUMENT_CHARS:
        return Skipped(where, too_long(page.text))
    text = UNWRITABLE.sub("\ufffd", page.text)
    fields = {"title": meta.title, "url": meta.url, "date": meta.published, "source": meta.site,
              "modified": meta.modified, "language": meta.language}
    fields = {key: UNWRITABLE.sub("\ufffd", value) for key, value in fields.items() if value}
    authors = tuple(UNWRITABLE.sub("\ufffd", name) for name in meta.authors)
    return analyse_structure(doc_id, text, source_path=where, authors=authors, **fields)
