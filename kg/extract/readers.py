"""Read input files and folders (text, Markdown, HTML, JSONL, WARC) into :class:`Document` records.

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
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .ingest import (HTML_SUFFIXES, JSONL_SUFFIXES, MAX_DOCUMENT_CHARS, MAX_FILE_BYTES, SUPPORTED_SUFFIXES,
                     WARC_SUFFIXES, UNWRITABLE, Document, Reporter, Skipped, too_long, analyse_structure,
                     page_document)


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


#: Where :meth:`str.splitlines` ends a line.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def lines(text: str) -> Iterator[str]:
    """``text.splitlines()``, one line at a time: a JSONL file of a year of news is not held twice
    (its text and the list of its lines) for the length of a build."""
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield text[start:found.start()]
        start = found.end()
    if start < len(text):
        yield text[start:]


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
        report(Skipped(str(path), too_long(text)))
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


def read_jsonl_file(path: Path, doc_id: str, report: Reporter) -> Iterator[Document]:
    """One document per JSON line; ``doc_id`` (the file's) is not used: each record names its own."""
    content = _read_text(path, report)
    if content is None:
        return
    if not content.strip():
        report(Skipped(str(path), "file is empty"))
        return
    for number, line in enumerate(lines(content), start=1):
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
            report(Skipped(str(path), too_long(text), line=number))
            continue
        text = _clean(text, str(path), number, report)
        meta = {key: record.get(key) for key in ("title", "url", "date", "source", "modified", "language")}
        meta = {key: UNWRITABLE.sub("\ufffd", str(value)) for key, value in meta.items()
                if isinstance(value, (str, int, float)) and str(value)}
        authors = record.get("authors", record.get("author"))
        authors = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
        authors = tuple(UNWRITABLE.sub("\ufffd", a) for a in authors if isinstance(a, str) and a.strip())
        raw_id = record.get("id")
        if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip():
            doc_id = UNWRITABLE.sub("\ufffd", str(raw_id))  # exactly as given: the IRI percent-encodes it
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
    found = UNWRITABLE.findall(text)
    if not found:
        return text
    kinds = " and ".join(k for k, hit in (("NUL characters", "\x00" in found),
                                           ("lone surrogate escapes", any(c != "\x00" for c in found))) if hit)
    report(Skipped(path, f"text holds {kinds}; replaced by U+FFFD", line=line, fatal=False))
    return UNWRITABLE.sub("\ufffd", text)


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
                report(Skipped(str(entry), f"unsupported file type '{entry.suffix or '(none)'}', skipped"))

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
    ids = {file: UNWRITABLE.sub("\ufffd", file_stem(file)) for file in files}
    for group in clashing.values():
        absolute = [os.path.abspath(f) for f in group]
        common = os.path.commonpath([os.path.dirname(a) for a in absolute])
        for file, path in zip(group, absolute):
            ids[file] = UNWRITABLE.sub("\ufffd", Path(os.path.relpath(path, common)).as_posix())
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
