"""Read articles (text, Markdown, HTML, JSONL, WARC, folders) into :class:`Document` records.

A document keeps its text exactly, so that every character offset in the graph indexes into it.
News structure is read off the text by rules: an AP-style dateline ("PHILADELPHIA (AP) -"), the
timestamped updates of a live blog ("3:15 p.m." lines separated by "___"), and trailing site
chrome ("Please read our comment policy ..."). Those parts are recorded as *non-content* spans:
the NLP stage blanks them out, so no actor or claim can come from them.

Web pages go through :mod:`kg.extract.html` (main text and metadata) and web archives through
:mod:`kg.extract.warc`; a page whose language is not English is skipped.

Document ids (:func:`file_ids`): a JSONL record's ``id`` exactly as given; a file's name without
its extension, or, when several inputs share that name, each one's path (with extension) below
their deepest common folder; a WARC record's target URI. The document IRI percent-encodes the id.

Bad input never raises past :func:`read_documents`: each problem becomes a :class:`Skipped`
record handed to the caller, who decides whether it is a warning (in a batch) or an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

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
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")

# "PHILADELPHIA (AP) -", "WASHINGTON, D.C. (Reuters) —", "LONDON —": upper-case place, optional
# agency in parentheses, then a dash. Only at the very start of the text.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,20}(?:\s[A-Z][A-Za-z.]{1,20})?)?)"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z &.]{0,30})\))?\s*[-–—]{1,2}\s*"
)
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
class Dateline:
    """The dateline of a wire story: where it was filed and by which agency."""

    place: str
    agency: str | None
    start: int
    end: int


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


def find_dateline(text: str) -> Dateline | None:
    """Return the dateline at the start of ``text`` ("PHILADELPHIA (AP) -"), if there is one."""
    match = _DATELINE.match(text)
    if not match:
        return None
    place = match.group("place").strip(" ,")
    # A dateline place is written in capitals; "The Latest -" is not one.
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None
    agency = match.group("agency")
    return Dateline(place=place.title(), agency=agency, start=0, end=match.end())


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
_INTERVIEW_HINT = re.compile(r"\binterview|\btells\s+[A-Z]|\btalks\s+to\b|\bspeaks\s+(?:to|with)\b|\bQ\s?&\s?A\b")


def find_turns(text: str, title: str | None = None) -> list[Turn]:
    """Question and answer turns of an interview, or nothing for an ordinary article.

    Labelled turns ("Q: ...", "Hill: ...") count when at least three paragraphs carry a label;
    otherwise an article whose title or opening says "interview" and that has at least two
    paragraphs ending in a question mark is read as alternating questions and answers.
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
    opening = (title or "") + " " + text[:300]
    questions = [p for p in paragraphs if text[p[0]:p[1]].rstrip().endswith("?")]
    if not _INTERVIEW_HINT.search(opening) or len(questions) < 2:
        return []
    turns, seen_question = [], False
    for start, end in paragraphs:
        is_question = text[start:end].rstrip().endswith("?")
        if is_question:
            seen_question = True
            turns.append(Turn(start, end, True))
        elif seen_question:
            turns.append(Turn(start, end, False))
    return turns


def analyse_structure(doc_id: str, text: str, **meta: object) -> Document:
    """Build a :class:`Document`, finding its dateline, updates and non-content spans."""
    dateline = find_dateline(text)
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


def _is_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.1


def decode_text(data: bytes, path: str, report: Reporter) -> str | None:
    """Decode bytes as UTF-8 (BOM removed); invalid bytes become U+FFFD with a warning."""
    if _is_binary(data):
        report(Skipped(path, "binary file, not text"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8-sig", errors="replace")
        report(Skipped(path, f"invalid UTF-8 at byte {error.start}; bad bytes replaced by U+FFFD",
                       fatal=False))
    return text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _id_from_url(url: str) -> str:
    path = re.sub(r"^[a-z]+://", "", url.strip()).rstrip("/")
    return path.rsplit("/", 1)[-1] or path


def _read_text(path: Path, report: Reporter) -> str | None:
    """The decoded content of a file, or None (reported) when it cannot be read as text."""
    data = _read_bytes(path, report)
    return None if data is None else decode_text(data, str(path), report)


def read_text_file(path: Path, doc_id: str, report: Reporter) -> Iterator[Document]:
    text = _read_text(path, report)
    if text is None:
        return
    if not text.strip():
        report(Skipped(str(path), "file is empty" if not text else "file holds only whitespace"))
        return
    if len(text) > MAX_DOCUMENT_CHARS:
        report(Skipped(str(path), _too_long(text)))
        return
    text = _clean(text, str(path), None, report)
    yield analyse_structure(doc_id, text, source_path=str(path))


def read_html_file(path: Path, doc_id: str, report: Reporter) -> Iterator[Document]:
    data = _read_bytes(path, report)
    if data is None:
        return
    if _is_binary(data):
        report(Skipped(str(path), "binary file, not text"))
        return
    result = page_document(data, doc_id, str(path))
    if isinstance(result, Skipped):
        report(result)
        return
    yield result


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
        return Skipped(where, _too_long(page.text))
    text = _UNWRITABLE.sub("\ufffd", page.text)
    fields = {"title": meta.title, "url": meta.url, "date": meta.published, "source": meta.site,
              "modified": meta.modified, "language": meta.language}
    fields = {key: _UNWRITABLE.sub("\ufffd", value) for key, value in fields.items() if value}
    authors = tuple(_UNWRITABLE.sub("\ufffd", name) for name in meta.authors)
    return analyse_structure(doc_id, text, source_path=where, authors=authors, **fields)


def read_jsonl_file(path: Path, doc_id: str, report: Reporter) -> Iterator[Document]:
    """One document per JSON line; ``doc_id`` (the file's) is not used: each record names its own."""
    content = _read_text(path, report)
    if content is None:
        return
    if not content.strip():
        report(Skipped(str(path), "file is empty"))
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        record = _json_record(line, str(path), number, report)
        if record is None:
            continue
        text = record.get("text")
        if not isinstance(text, str):
            reason = "no 'text' field" if text is None else f"'text' must be a string, not {type(text).__name__}"
            report(Skipped(str(path), reason, line=number))
            continue
        if not text.strip():
            report(Skipped(str(path), "'text' is empty", line=number))
            continue
        if len(text) > MAX_DOCUMENT_CHARS:
            report(Skipped(str(path), _too_long(text), line=number))
            continue
        text = _clean(text, str(path), number, report)
        meta = {key: record.get(key) for key in ("title", "url", "date", "source", "modified", "language")}
        meta = {key: _UNWRITABLE.sub("\ufffd", str(value)) for key, value in meta.items()
                if isinstance(value, (str, int, float)) and str(value)}
        authors = record.get("authors", record.get("author"))
        authors = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
        authors = tuple(_UNWRITABLE.sub("\ufffd", a) for a in authors if isinstance(a, str) and a.strip())
        raw_id = record.get("id")
        if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip():
            doc_id = _UNWRITABLE.sub("\ufffd", str(raw_id))  # exactly as given: the IRI percent-encodes it
        elif meta.get("url"):
            doc_id = _id_from_url(meta["url"])
        else:
            doc_id = content_hash(text)
        yield analyse_structure(doc_id, text, source_path=f"{path}:{number}", authors=authors, **meta)


def _json_record(line: str, path: str, number: int, report: Reporter) -> dict | None:
    """A JSONL line as a JSON object, or None (reported) when it is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        report(Skipped(path, f"not valid JSON ({error.msg})", line=number))
        return None
    except RecursionError:
        report(Skipped(path, "not valid JSON (nested too deeply)", line=number))
        return None
    if not isinstance(record, dict):
        report(Skipped(path, "a line must be a JSON object", line=number))
        return None
    return record


def _clean(text: str, path: str, line: int | None, report: Reporter) -> str:
    """``text`` with NUL characters and lone surrogates replaced by U+FFFD (with a warning)."""
    found = _UNWRITABLE.findall(text)
    if not found:
        return text
    kinds = " and ".join(k for k, hit in (("NUL characters", "\x00" in found),
                                           ("lone surrogate escapes", any(c != "\x00" for c in found))) if hit)
    report(Skipped(path, f"text holds {kinds}; replaced by U+FFFD", line=line, fatal=False))
    return _UNWRITABLE.sub("\ufffd", text)


def _too_long(text: str) -> str:
    return (f"too long for one article ({len(text)} characters, limit {MAX_DOCUMENT_CHARS}); "
            "split it into articles")


def _read_bytes(path: Path, report: Reporter) -> bytes | None:
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            # A pipe or a device (/dev/zero behind a symlink) would be read forever.
            report(Skipped(str(path), "not a regular file (a pipe, socket or device)"))
            return None
        size = status.st_size
        if size > MAX_FILE_BYTES:
            report(Skipped(str(path), f"file too large ({size} bytes, limit {MAX_FILE_BYTES})"))
            return None
        return path.read_bytes()
    except PermissionError:
        report(Skipped(str(path), "permission denied"))
    except IsADirectoryError:
        report(Skipped(str(path), "is a directory"))
    except OSError as error:
        report(Skipped(str(path), error.strerror or str(error)))
    return None


def file_suffix(path: Path) -> str:
    """The input kind's suffix: ``.warc.gz`` for a compressed WARC, else the last suffix (lower case)."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def file_stem(path: Path) -> str:
    suffix = file_suffix(path)
    return path.name[:-len(suffix)] if suffix and path.name.lower().endswith(suffix) else path.name


def iter_files(path: Path, report: Reporter) -> Iterator[Path]:
    """Files under ``path`` (itself if a file), recursively and sorted; loops are not followed."""
    if not path.is_dir():
        yield path
        return
    seen: set[str] = set()

    def walk(folder: Path) -> Iterator[Path]:
        try:
            real = os.path.realpath(folder)
        except OSError:
            return
        if real in seen:
            report(Skipped(str(folder), "symbolic link loop, not followed"))
            return
        seen.add(real)
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as error:
            report(Skipped(str(folder), error.strerror or str(error)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif file_suffix(entry) in SUPPORTED_SUFFIXES:
                yield entry
            elif entry.is_file() or entry.is_symlink():
                report(Skipped(str(entry), f"unsupported file type '{entry.suffix or '(none)'}', skipped",
                               fatal=False))

    yield from walk(path)


def file_ids(files: list[Path]) -> dict[Path, str]:
    """The document id of each input file: its name without extension, unless several inputs
    share that name; then each of those gets its path (with extension) below the deepest folder
    they have in common ("news/a/story.html", "news/b/story.html" -> "a/story.html", "b/story.html").
    Deterministic: it depends only on the set of files, not on the order they were given in."""
    stems = Counter(file_stem(f) for f in files)
    clashing: dict[str, list[Path]] = {}
    for file in files:
        if stems[file_stem(file)] > 1:
            clashing.setdefault(file_stem(file), []).append(file)
    ids = {file: _UNWRITABLE.sub("\ufffd", file_stem(file)) for file in files}
    for group in clashing.values():
        absolute = [os.path.abspath(f) for f in group]
        common = os.path.commonpath([os.path.dirname(a) for a in absolute])
        for file, path in zip(group, absolute):
            ids[file] = _UNWRITABLE.sub("\ufffd", Path(os.path.relpath(path, common)).as_posix())
    return ids


def _input_files(paths: Iterable[str | os.PathLike[str]], report: Reporter) -> list[Path]:
    """Every input file, in order; each file once (a file given twice is reported and read once)."""
    files: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            report(Skipped(str(path), "no such file or directory"))
            continue
        for file in iter_files(path, report):
            suffix = file_suffix(file)
            if suffix not in SUPPORTED_SUFFIXES:
                report(Skipped(str(file), f"unsupported file type '{suffix or '(none)'}', skipped"))
                continue
            key = os.path.abspath(file)
            if key in seen:
                report(Skipped(str(file), "given more than once, read once"))
                continue
            seen.add(key)
            files.append(file)
    return files


def _reader(suffix: str) -> Callable[[Path, str, Reporter], Iterator[Document]]:
    if suffix in JSONL_SUFFIXES:
        return read_jsonl_file
    if suffix in WARC_SUFFIXES:
        from .warc import read_warc_file

        return read_warc_file
    return read_html_file if suffix in HTML_SUFFIXES else read_text_file


def read_documents(paths: Iterable[str | os.PathLike[str]], report: Reporter | None = None) -> Iterator[Document]:
    """Yield a :class:`Document` for every article under ``paths``, in a stable order, lazily
    (a WARC's pages are read one at a time).

    Problems are handed to ``report`` (default: ignored) and the input is skipped. A document
    whose id was already used (two JSONL records with one id, a page fetched twice) is skipped
    with a warning, so ids stay unique.
    """
    report = report or (lambda skipped: None)
    files = _input_files(paths, report)
    ids = file_ids(files)
    seen_ids: set[str] = set()
    for file in files:
        for document in _reader(file_suffix(file))(file, ids[file], report):
            if document.id in seen_ids:
                report(Skipped(document.source_path or str(file),
                               f"duplicate document id '{document.id}', skipped"))
                continue
            seen_ids.add(document.id)
            yield document
