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

#: Triples per upload request.
CHUNK_TRIPLES = 50_000
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PARSE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
                  ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
                  ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


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
        handlers: list = []
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, self.user, self.password or "")
            if self.auth in {"auto", "digest"}:
                handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
            if self.auth in {"auto", "basic"}:
                handlers.append(urllib.request.HTTPBasicAuthHandler(passwords))
        return urllib.request.build_opener(*handlers)

    def request(self, method: str, url: str, data: bytes | None, headers: dict[str, str]) -> tuple[int, bytes]:
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
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            detail = " ".join(body.split())[:200]
            if error.code in {401, 403}:
                raise EndpointError(f"{url}: {error.code} {error.reason}: check --user/--password or --token"
                                    + (f" ({detail})" if detail else "")) from None
            raise EndpointError(f"{url}: {error.code} {error.reason}" + (f" ({detail})" if detail else "")) from None
        except urllib.error.URLError as error:
            raise EndpointError(f"cannot reach {url} ({error.reason})") from None
        except (TimeoutError, OSError) as error:
            raise EndpointError(f"cannot reach {url} ({error})") from None


def graph_url(endpoint: Endpoint, graph: str | None) -> str:
    """The Graph Store URL of ``graph`` (``?graph=IRI``), or of the default graph (``?default``)."""
    separator = "&" if "?" in endpoint.url else "?"
    if graph is None:
        return f"{endpoint.url}{separator}default"
    return f"{endpoint.url}{separator}{urllib.parse.urlencode({'graph': graph})}"


def nt_chunks(source: str | os.PathLike[str], chunk: int = CHUNK_TRIPLES) -> Iterator[bytes]:
    """N-Triples of a store folder or an RDF file, ``chunk`` triples at a time (streamed)."""
    from kg.graph.store import GraphStore, is_store

    path = Path(source)
    if is_store(path):
        store = GraphStore(path, read_only=True)
        triples: Iterable = store.triples()
    else:
        try:
            rdf_format = _PARSE_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
            triples = (q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(path=str(path), format=rdf_format))
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
        raise EndpointError(f"{path}: not valid RDF ({' '.join(str(error).split())[:200]})") from None
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
    kind, value = binding.get("type"), binding.get("value")
    if kind in {"literal", "typed-literal"}:
        datatype = binding.get("datatype")
        literal = ox.Literal(value, language=binding["xml:lang"]) if binding.get("xml:lang") else \
            ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)
        from kg.graph.store import plain

        return plain(literal)
    return value


def query_endpoint(endpoint: Endpoint, spec: str, default_graph: str | None = None):
    """Run a canned query name, a ``.rq`` file or SPARQL on a SPARQL endpoint: a :class:`kg.graph.query.Table`."""
    from kg.graph.query import _LIST_COLUMNS, Table, check_safe, resolve_query

    sparql = resolve_query(spec)
    check_safe(sparql)
    form = {"query": sparql}
    if default_graph:
        form["default-graph-uri"] = default_graph
    _, body = endpoint.request("POST", endpoint.url, urllib.parse.urlencode(form).encode(), {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9"})
    text = body.decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            raise EndpointError(f"{endpoint.url}: the answer is neither SPARQL JSON results nor N-Triples") from None
        from kg.graph.store import plain

        rows = sorted([[plain(t.subject), plain(t.predicate), plain(t.object)] for t in triples])
        return Table(["subject", "predicate", "object"], rows)
    if "boolean" in data:
        return Table(["ask"], [[bool(data["boolean"])]])
    columns = list(data.get("head", {}).get("vars", []))
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        row = [_plain(binding.get(c)) for c in columns]
        for i, column in enumerate(columns):
            if column in _LIST_COLUMNS and isinstance(row[i], str) and row[i]:
                row[i] = "|".join(sorted(set(row[i].split("|"))))
        rows.append(row)
    return Table(columns, rows)
