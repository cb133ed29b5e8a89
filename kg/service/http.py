"""The HTTP side of ``kg serve``: one asyncio loop reads requests, a few threads wait for workers.

Built to stay up under abuse (a slow-header flood of thousands of connections wedged the
``http.server`` front end it replaces):

* a request's line and headers must arrive within ``head_timeout`` seconds in all (not per
  byte), its body within ``body_timeout``; a client that dawdles is cut off;
* at most ``max_connections`` connections are open; when a new one comes in at the limit, the
  oldest connection that has not yet sent its request is dropped, so a flood of idle sockets
  can never lock out a client that asks promptly;
* reading costs no thread: only complete requests reach the threads that wait for a query
  worker (as many threads as workers, plus two);
* one request per connection (``Connection: close``), so nothing lingers half-closed;
* strict parsing: HTTP/1.0 and 1.1 only (an HTTP/0.9 request line gets its 400 at once), no
  obsolete line folding, no duplicate ``Content-Length``, no ``Transfer-Encoding``.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Awaitable, Callable

from .results import Reply

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_REQUEST_LINE = re.compile(r"([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP/(\d)\.(\d)")
#: A body up to this size is read and dropped when refused, so that the client sees the answer.
_DRAIN_LIMIT = 16 * 1024 * 1024
_HEADER_LINE = 16 * 1024
_MAX_HEADERS = 100


@dataclass(frozen=True)
class HttpLimits:
    """What one connection may cost."""

    max_connections: int = 2048
    head_timeout: float = 10.0
    body_timeout: float = 30.0
    write_timeout: float = 30.0


@dataclass
class Request:
    """A parsed HTTP request."""

    method: str
    target: str
    headers: dict[str, str]
    client: str
    body: bytes = b""
    received: float = field(default_factory=time.monotonic)


class BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Connection:
    """One open connection; ``waiting`` while its request has not fully arrived (evictable)."""

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        self.waiting = True


Handler = Callable[[Request, "Front"], Awaitable[Reply]]


class Front:
    """Accept connections, read requests under the limits, hand them to ``handle``, write replies."""

    def __init__(self, handle: Handler, limits: HttpLimits, threads: int, max_body: int,
                 log: Callable[[str], None] | None = None) -> None:
        self.handle, self.limits, self.log, self.max_body = handle, limits, log, max_body
        self.max_line = max_body + 8192  # a GET carries the query in its request line
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kg-serve-query")
        self.connections: dict[int, _Connection] = {}
        self._ids = itertools.count()
        self.max_connections = min(limits.max_connections, _raise_file_limit() - 64)

    async def run_blocking(self, function, *args):
        """Run ``function(*args)`` on one of the query threads."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    def _admit(self, writer: asyncio.StreamWriter) -> int | None:
        if len(self.connections) >= self.max_connections:
            oldest = next((key for key, c in self.connections.items() if c.waiting), None)
            if oldest is None:
                return None
            self.connections.pop(oldest).writer.transport.abort()
        key = next(self._ids)
        self.connections[key] = _Connection(writer)
        return key

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """The life of one connection: read one request, answer it, close."""
        key = self._admit(writer)
        if key is None:
            await self._write(writer, None, Reply.error(503, "the server is busy: too many connections"), "-", None)
            return
        peer = writer.get_extra_info("peername")
        client = peer[0] if isinstance(peer, tuple) else "-"
        request = None
        try:
            try:
                request = await self._read(reader, client)
            except BadRequest as bad:
                reply = Reply.error(bad.status, str(bad))
            except (asyncio.TimeoutError, TimeoutError):
                reply = Reply.error(408, "the request took too long to arrive")
            else:
                entry = self.connections.get(key)
                if entry is None:  # dropped for a newer connection just as its request arrived
                    return
                entry.waiting = False
                reply = await self.handle(request, self)
            await self._write(writer, reader, reply, client, request)
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            writer.transport.abort()
        finally:
            self.connections.pop(key, None)

    async def _read(self, reader: asyncio.StreamReader, client: str) -> Request:
        async with asyncio.timeout(self.limits.head_timeout):
            method, target, headers = await self._read_head(reader)
        request = Request(method, target, headers, client)
        if "transfer-encoding" in headers:
            raise BadRequest(411, "chunked bodies are not accepted: send a Content-Length")
        length = headers.get("content-length")
        if length is not None:
            size = _content_length(length)
            request.headers["content-length"] = str(size)
            if size > 0:
                request.body = await self._read_body(reader, size)
        return request

    async def _read_head(self, reader: asyncio.StreamReader) -> tuple[str, str, dict[str, str]]:
        line = await _line(reader, self.max_line)
        if not line.strip():
            line = await _line(reader, self.max_line)  # one stray empty line is allowed
        found = _REQUEST_LINE.fullmatch(line.rstrip("\r\n"))
        if found is None:
            parts = line.split()
            if len(parts) == 2:
                raise BadRequest(400, "HTTP/0.9 requests are not supported: send HTTP/1.1")
            raise BadRequest(400, "bad request line")
        if (found.group(3), found.group(4)) not in {("1", "0"), ("1", "1")}:
            raise BadRequest(505, f"HTTP/{found.group(3)}.{found.group(4)} is not supported: send HTTP/1.1")
        headers: dict[str, str] = {}
        while True:
            header = await _line(reader, _HEADER_LINE)
            if header in ("\r\n", "\n"):
                break
            _add_header(headers, header)
        return found.group(1), found.group(2), headers

    async def _read_body(self, reader: asyncio.StreamReader, size: int) -> bytes:
        """The body; one over ``max_body`` is refused (413), read and dropped first if modest, so
        that the client sees the answer rather than a reset connection."""
        too_large = BadRequest(413, f"request too large: {size} bytes (the limit is {self.max_body}; start kg "
                                    "serve with a higher --max-request-bytes)")
        if size > _DRAIN_LIMIT:
            raise too_large
        async with asyncio.timeout(self.limits.body_timeout):
            try:
                if size <= self.max_body:
                    return await reader.readexactly(size)
                while size > 0:
                    size -= len(await reader.readexactly(min(size, 65536)))
            except asyncio.IncompleteReadError:
                raise BadRequest(400, "the request body ended early") from None
        raise too_large

    async def _write(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader | None, reply: Reply,
                     client: str, request: Request | None) -> None:
        phrase = HTTPStatus(reply.status).phrase if reply.status in HTTPStatus._value2member_map_ else "Status"
        head = [f"HTTP/1.1 {reply.status} {phrase}", f"Content-Type: {reply.content_type}",
                f"Content-Length: {len(reply.body)}", "Connection: close", "Cache-Control: no-store",
                "X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "Server: kg-serve"]
        head += [f"{name}: {value}" for name, value in reply.headers]
        body = b"" if request is not None and request.method == "HEAD" else reply.body
        try:
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
            async with asyncio.timeout(self.limits.write_timeout):
                await writer.drain()
            if reply.status >= 400 and writer.can_write_eof():
                await _linger(writer, reader)
            writer.close()
        except (ConnectionError, OSError, asyncio.TimeoutError, TimeoutError):
            writer.transport.abort()
        if self.log is not None and request is not None:
            from kg.graph.query import printable

            elapsed = (time.monotonic() - request.received) * 1000
            self.log(f'{client} "{request.method} {printable(request.target[:80])}" {reply.status} {elapsed:.0f} ms')

    async def serve(self, host: str, port: int, started: Callable[[tuple], None], stop: asyncio.Event) -> None:
        """Listen on ``host:port`` and serve until ``stop`` is set."""
        server = await asyncio.start_server(self.connection, host, port, backlog=1024,
                                            limit=self.max_line + 1024)
        started(server.sockets[0].getsockname())
        async with server:
            await stop.wait()
        for connection in list(self.connections.values()):
            connection.writer.transport.abort()
        self.executor.shutdown(wait=False, cancel_futures=True)


async def _linger(writer: asyncio.StreamWriter, reader: asyncio.StreamReader | None) -> None:
    """Close our side, then read (and drop) what the client still sends for a moment: closing a
    socket with unread input resets it, and the client would lose the answer."""
    writer.write_eof()
    if reader is None:
        return
    try:
        async with asyncio.timeout(1.0):
            for _ in range(16):
                if not await reader.read(65536):
                    break
    except (asyncio.TimeoutError, TimeoutError, ConnectionError, OSError):
        pass


async def _line(reader: asyncio.StreamReader, limit: int) -> str:
    try:
        raw = await reader.readuntil(b"\n")
    except asyncio.LimitOverrunError:
        raise BadRequest(414, "request too large: the request line or a header is too long") from None
    except asyncio.IncompleteReadError as error:
        if not error.partial:
            raise ConnectionResetError("the client closed the connection") from None
        raise BadRequest(400, "the request ended early") from None
    if len(raw) > limit:
        raise BadRequest(414 if limit > _HEADER_LINE else 431, "request too large: the request line or a "
                                                               "header is too long")
    try:
        return raw.decode("latin-1")
    except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes every byte
        raise BadRequest(400, "bad request") from None


def _add_header(headers: dict[str, str], line: str) -> None:
    if line[:1] in (" ", "\t"):
        raise BadRequest(400, "obsolete line folding in the headers is not accepted")
    name, colon, value = line.partition(":")
    if not colon or not _TOKEN.fullmatch(name):
        raise BadRequest(400, "bad header line")
    name, value = name.lower(), value.strip()
    if len(headers) >= _MAX_HEADERS:
        raise BadRequest(431, "too many headers")
    if name in headers:
        if name in {"content-length", "host", "content-type", "transfer-encoding"}:
            raise BadRequest(400, f"duplicate {name} header")
        value = f"{headers[name]}, {value}"
    headers[name] = value


def _content_length(value: str) -> int:
    if not value.isdigit() or len(value) > 15:
        raise BadRequest(400, f"bad Content-Length: {value[:40]}")
    return int(value)


def _raise_file_limit() -> int:
    """Raise this process's open-file limit to its hard limit (for many connections); the new soft limit."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return 8192
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 65536
