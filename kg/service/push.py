"""Put the graph on a SPARQL server, and query one: standard HTTP protocols, no server-specific code.

* :func:`push` uploads a store or an RDF file into a named graph with the SPARQL 1.1 Graph Store
  HTTP Protocol (``PUT``/``POST {endpoint}?graph=IRI``), in N-Triples chunks sent as ``text/turtle``
  (every Graph Store accepts Turtle, and N-Triples is Turtle), so memory stays flat however large
  the graph. The first chunk replaces the graph (``PUT``) unless ``append``; the rest are ``POST``.
* :func:`query_endpoint` runs a canned query or any SPARQL over the SPARQL 1.1 Protocol (form
  ``POST``, JSON results) and returns the same :class:`kg.graph.query.Table` as a local query.

Authentication: HTTP Basic or Digest with a user and password, or a bearer token. Tested against
Virtuoso (``/sparql-graph-crud-auth``, Digest); the README shows the URLs for Fuseki, GraphDB and
QLever.

Redirects are never followed: a redirected ``PUT``/``POST`` would arrive as a ``GET`` (and "succeed"
with nothing stored), and the credentials would go to whatever host the redirect names. An answer
that is not what the protocol promises (SPARQL results, N-Triples) is an error, never "0 rows".
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.graph.sparql import plain

#: Triples per upload request.
CHUNK_TRIPLES = 50_000
_XSD = "http://www.w3.org/2001/XMLSchema#"


class EndpointError(RuntimeError):
    """A server that cannot be reached or refuses a request."""


@dataclass
class Endpoint:
    """A server URL and how to authenticate to it."""

    url: str
    user: str | None = None
    password: str | None = None
    auth: str = "auto"  # auto (Basic or Digest, as the server asks), basic, digest
    token: str | None = None  # a bearer token instead of a user
    timeout: float = 300.0

    def __post_init__(self) -> None:
        parsed = urllib.parse.urlparse(self.url)
        if parsed.scheme not in {"http", "https"} or not parsed.netloc:
            raise EndpointError(f"'{self.url}' is not an http(s) URL")
        if self.auth not in {"auto", "basic", "digest"}:
            raise EndpointError(f"unknown --auth '{self.auth}' (choose auto, basic or digest)")
        if self.password is not None and self.user is None:
            raise EndpointError("a password needs a user (--user)")

    def _opener(self) -> urllib.request.OpenerDirector:
        handlers: list = [_NoRedirects()]
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, self.user, self.password or "")
            if self.auth in {"auto", "digest"}:
                handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
            if self.auth in {"auto", "basic"}:
                handlers.append(urllib.request.HTTPBasicAuthHandler(passwords))
        return urllib.request.build_opener(*handlers)

    def request(self, method: str, url: str, data: bytes | None, headers: dict[str, str]) -> tuple[int, bytes, str]:
        """Send one request; (status, body, media type) of a 2xx answer, else :class:`EndpointError`."""
        headers = dict(headers)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        elif self.user is not None and self.auth == "basic":
            import base64

            secret = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            headers["Authorization"] = f"Basic {secret}"  # pre-emptive: no extra round trip
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self._opener().open(request, timeout=self.timeout) as response:
                media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                return response.status, response.read(), media
        except urllib.error.HTTPError as error:
            raise _http_problem(url, error) from None
        except urllib.error.URLError as error:
            raise EndpointError(f"cannot reach {url} ({error.reason})") from None
        except (TimeoutError, OSError) as error:
            raise EndpointError(f"cannot reach {url} ({error})") from None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Turn every redirect into an error (see the module docstring)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ARG002 - urllib's signature
        return None


def _http_problem(url: str, error: urllib.error.HTTPError) -> EndpointError:
    body = error.read().decode("utf-8", "replace")
    detail = " ".join(body.split())[:200]
    if 300 <= error.code < 400:
        target = error.headers.get("Location") or "elsewhere"
        return EndpointError(f"{url}: the server redirects ({error.code}) to {target}; give that URL instead "
                             "(kg does not follow redirects: they turn an upload into a GET and would send "
                             "your credentials to another host)")
    if error.code in {401, 403}:
        return EndpointError(f"{url}: {error.code} {error.reason}: check --user/--password or --token"
                             + (f" ({detail})" if detail else ""))
    return EndpointError(f"{url}: {error.code} {error.reason}" + (f" ({detail})" if detail else ""))


def graph_url(endpoint: Endpoint, graph: str | None) -> str:
    """The Graph Store URL of ``graph`` (``?graph=IRI``), or of the default graph (``?default``)."""
    separator = "&" if "?" in endpoint.url else "?"
    if graph is None:
        return f"{endpoint.url}{separator}default"
    return f"{endpoint.url}{separator}{urllib.parse.urlencode({'graph': graph})}"


def nt_chunks(source: str | os.PathLike[str], chunk: int = CHUNK_TRIPLES) -> Iterator[bytes]:
    """N-Triples of a store folder or an RDF file, ``chunk`` triples at a time (streamed)."""
    from kg.graph.load import LoadError, check_file, parse_problem
    from kg.graph.store import GraphStore, is_store

    path = Path(source)
    if is_store(path):
        store = GraphStore(path, read_only=True)
        triples: Iterable = store.triples()
    else:
        try:
            rdf_format = check_file(path)
            triples = (q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(path=str(path), format=rdf_format))
        except LoadError as error:
            raise EndpointError(f"{path}: {error}") from None
        except (OSError, SyntaxError, ValueError) as error:
            raise EndpointError(f"{path}: cannot read ({error})") from None
    buffer = []
    try:
        for triple in triples:
            buffer.append(triple)
            if len(buffer) >= chunk:
                yield ox.serialize(buffer, format=ox.RdfFormat.N_TRIPLES)
                buffer = []
    except SyntaxError as error:
        raise EndpointError(f"{path}: {parse_problem(error)}") from None
    if buffer:
        yield ox.serialize(buffer, format=ox.RdfFormat.N_TRIPLES)


def push(chunks: Iterable[bytes], endpoint: Endpoint, graph: str | None, append: bool = False) -> int:
    """Upload N-Triples ``chunks`` to ``graph`` on a Graph Store; returns the number of triples sent.

    Without ``append`` the graph is replaced: the first request is a ``PUT`` (an empty input
    empties the graph), the others ``POST``.
    """
    url = graph_url(endpoint, graph)
    sent = 0
    first = True
    for data in chunks:
        method = "PUT" if first and not append else "POST"
        endpoint.request(method, url, data, {"Content-Type": "text/turtle; charset=utf-8"})
        sent += data.count(b"\n")
        first = False
    if first and not append:
        endpoint.request("PUT", url, b"", {"Content-Type": "text/turtle; charset=utf-8"})
    return sent


def _plain(binding: dict | None) -> object:
    if binding is None:
        return None
    if not isinstance(binding, dict):
        raise EndpointError("the answer is not SPARQL JSON results (a binding is not an object)")
    kind, value = binding.get("type"), binding.get("value")
    if kind in {"literal", "typed-literal"}:
        datatype = binding.get("datatype")
        literal = ox.Literal(value, language=binding["xml:lang"]) if binding.get("xml:lang") else \
            ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)
        return plain(literal)
    return value


def query_endpoint(endpoint: Endpoint, sparql: str, default_graph: str | None = None):
    """Run SPARQL text on a SPARQL endpoint: a :class:`kg.graph.query.Table` (SERVICE, LOAD and
    updates are refused here as they are locally; the standard prefixes are spelled out)."""
    from kg.graph.guard import QueryRefused, inspect
    from kg.graph.query import QueryError, prefix_block
    from kg.graph.sparql import default_prefixes

    try:
        plan = inspect(sparql, [default_graph] if default_graph else [], default_prefixes())
    except QueryRefused as refused:
        raise QueryError(str(refused)) from None
    form = {"query": prefix_block() + sparql}
    if default_graph:
        form["default-graph-uri"] = default_graph
    accept = ("application/n-triples, text/plain;q=0.5" if plan.form in {"CONSTRUCT", "DESCRIBE"}
              else "application/sparql-results+json")
    _, body, media = endpoint.request("POST", endpoint.url, urllib.parse.urlencode(form).encode(), {
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    if plan.form in {"CONSTRUCT", "DESCRIBE"}:
        return _triples_table(endpoint, body, media)
    return _solutions_table(endpoint, body, media)


def _triples_table(endpoint: Endpoint, body: bytes, media: str):
    from kg.graph.query import Table

    try:
        triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError:
        raise EndpointError(f"{endpoint.url}: the answer is not N-Triples (Content-Type {media or 'none'})") from None
    rows = sorted([[plain(t.subject), plain(t.predicate), plain(t.object)] for t in triples])
    return Table(["subject", "predicate", "object"], rows)


def _solutions_table(endpoint: Endpoint, body: bytes, media: str):
    from kg.graph.query import Table, sorted_lists

    not_results = EndpointError(f"{endpoint.url}: the answer is not SPARQL JSON results (Content-Type "
                                f"{media or 'none'}): is this the query endpoint's URL?")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise not_results from None
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        raise not_results
    if isinstance(data.get("boolean"), bool):
        return Table(["ask"], [[data["boolean"]]])
    columns = data["head"].get("vars")
    bindings = data.get("results", {}).get("bindings") if isinstance(data.get("results"), dict) else None
    if not isinstance(columns, list) or not isinstance(bindings, list):
        raise not_results
    rows = [sorted_lists(columns, [_plain(binding.get(c)) for c in columns]) for binding in bindings
            if isinstance(binding, dict)]
    return Table(columns, rows)
