"""Web archives in: every HTML page a crawl fetched becomes a document (warcio, streamed).

A WARC file (``.warc``, or ``.warc.gz`` compressed record by record, as Common Crawl and
Heritrix write them) holds requests, responses, metadata and revisits. Each ``response`` record
with HTTP status 200 and an HTML body (``text/html`` or ``application/xhtml+xml``, or a body
that starts like HTML when the type is missing) is read like a saved page
(:func:`kg.extract.ingest.page_document`), with the record's ``WARC-Target-URI`` as the document
id and as its URL when the page names no canonical one. The same payload fetched twice (by
``WARC-Payload-Digest``, else the SHA-1 of the body) is read once.

Records are read one at a time and each document is handed on before the next record is read,
so memory does not grow with the archive (only the digests seen so far are kept). What was
skipped is counted by reason and reported once per file, as a non-fatal :class:`Skipped` note
whose ``records`` field carries the count for the build's summary.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterator

from .ingest import Document, Reporter, Skipped, page_document

#: A page body larger than this is not an article (it is skipped and counted).
MAX_PAGE_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)

# Reasons a record is not read, as they appear in the note (in this order).
NOT_RESPONSE = "revisit records"
NOT_OK = "responses not status 200"
NOT_HTML = "responses not HTML"
DUPLICATE = "duplicate payloads"
TOO_LARGE = f"pages over {MAX_PAGE_BYTES // (1024 * 1024)} MB"


def read_warc_file(path: Path, doc_id: str, report: Reporter) -> Iterator[Document]:
    """The documents of the HTML pages in a WARC file, one at a time (``doc_id`` is unused:
    each page's id is its target URI)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    problem = _not_a_warc(path)
    if problem:
        report(Skipped(str(path), problem))
        return
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    pages = 0
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream, arc2warc=True)
            for record in records:
                result = _record_document(record, path, seen, skipped)
                if isinstance(result, Document):
                    pages += 1
                    yield result
                elif isinstance(result, Skipped):
                    skipped[_reason_key(result.reason)] += 1
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as error:
        report(Skipped(str(path), f"not a readable WARC file ({_short(error)})" if not pages
                       else f"WARC file ends in a broken record after {pages} pages ({_short(error)})",
                       fatal=not pages))
    if skipped:
        counts = ", ".join(_counted(reason, count) for reason, count in sorted(skipped.items(), key=_order))
        report(Skipped(str(path), f"{pages} page{'s' if pages != 1 else ''} read; skipped {counts}",
                       fatal=False, records=sum(skipped.values())))


def _not_a_warc(path: Path) -> str | None:
    """Why ``path`` is no WARC file (warcio reads any bytes as some record), or None."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096)
    except OSError as error:
        return error.strerror or str(error)
    if not head:
        return "file is empty"
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return "not a readable WARC file (broken gzip data)"
    return None if head.startswith(b"WARC/") else "not a WARC file (it does not start with a WARC/1.x record)"


def _record_document(record, path: Path, seen: set[str], skipped: Counter) -> Document | Skipped | None:
    """The document of one record; a :class:`Skipped` for a page that could not be used; None
    (counted in ``skipped``) for a record that is no page at all."""
    if record.rec_type == "revisit":
        skipped[NOT_RESPONSE] += 1
        return None
    if record.rec_type != "response" or record.http_headers is None:
        return None  # requests, metadata, warcinfo, DNS records: not pages, not counted
    if record.http_headers.get_statuscode() != "200":
        skipped[NOT_OK] += 1
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    stream = record.content_stream()
    body = stream.read(MAX_PAGE_BYTES + 1)
    if len(body) > MAX_PAGE_BYTES:
        skipped[TOO_LARGE] += 1
        return None
    if not (content_type.startswith(_HTML_TYPES) or (not content_type and _LOOKS_LIKE_HTML.match(body[:2048]))):
        skipped[NOT_HTML] += 1
        return None
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or "sha1:" + hashlib.sha1(body).hexdigest()
    if digest in seen:
        skipped[DUPLICATE] += 1
        return None
    seen.add(digest)
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    if not uri:
        return Skipped(str(path), "response record without a target URI")
    charset = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type)
    return page_document(body, uri, f"{path}: {uri}", url=uri, charset=charset.group(1) if charset else None)


def _reason_key(reason: str) -> str:
    """A page's skip reason without its particulars, for counting ("not English", ...)."""
    if "not English" in reason:
        return "pages not in English"
    if "no readable text" in reason:
        return "pages without readable text"
    if "too long" in reason:
        return "pages too long for one article"
    return "pages: " + reason


def _order(item: tuple[str, int]) -> tuple[int, str]:
    fixed = [NOT_OK, NOT_HTML, NOT_RESPONSE, DUPLICATE, TOO_LARGE]
    return (fixed.index(item[0]) if item[0] in fixed else len(fixed), item[0])


def _counted(reason: str, count: int) -> str:
    """ "3 duplicate payloads", "1 duplicate payload"."""
    if count == 1:
        for plural in ("responses", "pages", "payloads", "records"):
            reason = reason.replace(plural, plural[:-1], 1)
    return f"{count} {reason}"


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120]
