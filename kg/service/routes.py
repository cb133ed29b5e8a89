"""What ``kg serve`` answers: pages, the SPARQL endpoint, and the refusals (read-only, Host guard).

``/`` the query page, ``/viz`` the actor graph, ``/sparql`` the SPARQL 1.1 Protocol (GET and
POST; form or ``application/sparql-query``). Updates get 403 however they are sent; PUT, DELETE
and PATCH 405. On a loopback address only requests addressed to it are answered: a ``Host`` that
is not ``localhost`` or a loopback IP literal (``127.0.0.1.evil.com`` is neither) gets 403, which
defeats DNS rebinding.
"""

from __future__ import annotations

import asyncio
import ipaddress
from urllib.parse import parse_qs, urlsplit

from .http import Front, Request
from .pages import CSP, VizPage
from .pool import WorkerPool
from .results import Reply
from .workers import Limits, QueryRequest

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
_UPDATE_PATHS = {"/update", "/sparql/update", "/data", "/sparql/data"}
READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an IP literal, IPv6 with or without brackets) is this machine only."""
    name = host.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name in a Host header, without its port (``[::1]:8000`` -> ``[::1]``)."""
    value = header.strip()
    if value.startswith("["):
        end = value.find("]")
        return value[: end + 1] if end > 0 else value
    name, _, port = value.partition(":")
    return name if port.isdigit() or not port else value


class App:
    """Routes and the state they share (the worker pool, the pages, the limits)."""

    def __init__(self, pool: WorkerPool, limits: Limits, front_page: str, viz: VizPage, host: str) -> None:
        self.pool, self.limits, self.front_page, self.viz = pool, limits, front_page, viz
        self.loopback = is_loopback(host)
        # One client (an address) runs at most all workers but one at a time; the rest of its
        # queries wait here, in the event loop, holding no thread.
        self.per_client = max(1, pool.most - 1)
        self.gates: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}

    def host_allowed(self, header: str | None) -> bool:
        """On a loopback address, only requests addressed to it (a guard against DNS rebinding)."""
        if not self.loopback:
            return True
        return bool(header) and is_loopback(host_name(header))

    async def __call__(self, request: Request, front: Front) -> Reply:
        if not self.host_allowed(request.headers.get("host")):
            return Reply.error(403, "unexpected Host header: this server answers only requests addressed to "
                                    "127.0.0.1 or localhost")
        method = request.method
        if method in {"GET", "HEAD"}:
            return await self._get(request, front)
        if method == "POST":
            return await self._post(request, front)
        if method == "OPTIONS":
            return Reply(204, "text/plain; charset=utf-8", b"", (("Allow", ALLOWED_METHODS),))
        if method in {"PUT", "DELETE", "PATCH"}:
            return Reply(405, "text/plain; charset=utf-8", f"{method} is not allowed: this endpoint is read-only\n"
                         .encode(), (("Allow", ALLOWED_METHODS),))
        return Reply(501, "text/plain; charset=utf-8", f"{method[:20]} is not supported\n".encode(),
                     (("Allow", ALLOWED_METHODS),))

    def _page(self, text: str) -> Reply:
        return Reply(200, "text/html; charset=utf-8", text.encode("utf-8"), (("Content-Security-Policy", CSP),))

    async def _get(self, request: Request, front: Front) -> Reply:
        path = urlsplit(request.target).path
        if path in {"/", "/index.html", "/query"}:
            return self._page(self.front_page)
        if path in {"/viz", "/viz/", "/viz.html"}:
            page = self.viz.get()
            if page is None:
                return Reply(503, "text/plain; charset=utf-8", b"the actor graph is still being drawn: reload in "
                                                               b"a moment\n", (("Retry-After", "2"),))
            return self._page(page)
        if path == "/favicon.ico":
            return Reply(204, "image/x-icon", b"")
        if path.rstrip("/") in _UPDATE_PATHS:
            return Reply.error(403, "this endpoint is read-only: updates are not allowed")
        if path != "/sparql":
            return Reply.error(404, f"no such page: {path[:100]} (try / or /sparql)")
        params = self._url_params(request)
        if isinstance(params, Reply):
            return params
        if "update" in params:
            return Reply.error(403, READ_ONLY)
        if "query" not in params:
            if "text/html" in (request.headers.get("accept") or ""):
                return self._page(self.front_page)
            return Reply.error(400, "missing 'query' parameter (e.g. /sparql?query=ASK%7B%7D)")
        return await self._query(params, request, front)

    async def _post(self, request: Request, front: Front) -> Reply:
        path = urlsplit(request.target).path
        if path.rstrip("/") in _UPDATE_PATHS:
            return Reply.error(403, "this endpoint is read-only: updates are not allowed")
        if path != "/sparql":
            return Reply.error(404, f"no such page: {path[:100]} (the endpoint is /sparql)")
        if "content-length" not in request.headers:
            return Reply.error(411, "a POST needs a Content-Length (chunked bodies are not accepted)")
        media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return Reply.error(403, READ_ONLY)
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError as error:
            return Reply.error(400, f"the request body is not UTF-8 (byte {error.start})")
        params = self._url_params(request)
        if isinstance(params, Reply):
            return params
        if media == "application/x-www-form-urlencoded":
            form = parse_params(text)
            if form is None:
                return Reply.error(400, "the form data is not valid")
            if "update" in form:
                return Reply.error(403, READ_ONLY)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                return Reply.error(400, "give the query in the body or in the URL, not both")
            params["query"] = [text]
        else:
            return Reply.error(415, f"unsupported Content-Type '{media[:60] or '(none)'}': send "
                                    "application/sparql-query or application/x-www-form-urlencoded")
        return await self._query(params, request, front)

    def _url_params(self, request: Request) -> dict[str, list[str]] | Reply:
        query_string = urlsplit(request.target).query
        if len(query_string.encode("utf-8", "surrogatepass")) > self.limits.max_request:
            return Reply.error(414, f"request too large: the URL holds more than {self.limits.max_request} bytes "
                                    "(POST the query instead)")
        params = parse_params(query_string)
        if params is None:
            return Reply.error(400, "the URL's query string is not valid UTF-8")
        return params

    async def _query(self, params: dict[str, list[str]], request: Request, front: Front) -> Reply:
        queries = params.get("query", [])
        if len(queries) != 1:
            return Reply.error(400, "give exactly one 'query' parameter")
        if not queries[0].strip():
            return Reply.error(400, "the query is empty")
        if len(queries[0].encode("utf-8", "surrogatepass")) > self.limits.max_request:
            return Reply.error(413, f"request too large: the query is longer than {self.limits.max_request} bytes")
        formats = params.get("format") or params.get("output") or []
        query = QueryRequest(queries[0], accept=request.headers.get("accept"), format=formats[0] if formats else None,
                             default_graphs=params.get("default-graph-uri", []),
                             named_graphs=params.get("named-graph-uri", []))
        return await self._run_fairly(query, request.client, front)

    async def _run_fairly(self, query: QueryRequest, client: str, front: Front) -> Reply:
        gate, users = self.gates.setdefault(client, (asyncio.Semaphore(self.per_client), [0]))
        users[0] += 1
        try:
            try:
                async with asyncio.timeout(self.limits.timeout):
                    await gate.acquire()
            except TimeoutError:
                return Reply(503, "text/plain; charset=utf-8", f"too many queries from {client} at once: "
                             "try again when some have finished\n".encode(), (("Retry-After", "2"),))
            try:
                return await front.run_blocking(self.pool.run, query)
            finally:
                gate.release()
        finally:
            users[0] -= 1
            if not users[0]:
                del self.gates[client]


def parse_params(text: str) -> dict[str, list[str]] | None:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
