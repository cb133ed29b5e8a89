"""``kg serve`` over real HTTP: the SPARQL protocol, read-only, no outbound requests, limits, pages.

One server (a subprocess running the real CLI) serves the seed graph plus actors with awkward
labels for most tests; a few tests start their own. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS

from kg.graph.vocab import SKG
from serving import Listener, Server

TEST = Namespace("https://example.org/test/")
#: Labels that break naive CSV, TSV, XML, JSON and Turtle writers.
AWKWARD = ['He said "no"', "comma, and; semicolon", "line\nbreak", "tab\there", "emoji 🗳️👍🏽",
           "عربي RTL", "e\u0301 combining", "<angle> & amp", "back\\slash", "'single'", "trailing space "]
TIMEOUT = 3
MAX_ROWS = 500
MAX_REQUEST = 20_000


# --------------------------------------------------------------------------- helpers


def _one_line(body: bytes) -> str:
    text = body.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1, text
    return text.strip()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def graph(seed_graph) -> Graph:
    """The seed graph plus actors whose labels are awkward for every result format."""
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    for index, label in enumerate(AWKWARD):
        actor = TEST[f"actor{index}"]
        graph.add((actor, RDF.type, SKG.Actor))
        graph.add((actor, RDFS.label, Literal(label)))
        graph.add((actor, TEST.rank, Literal(index)))
    graph.add((TEST.actor0, RDFS.label, Literal("étiquette", lang="fr")))
    return graph


@pytest.fixture(scope="module")
def graph_file(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    graph.serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def server(graph_file):
    server = Server([str(graph_file), "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                     "--max-request-bytes", str(MAX_REQUEST), "--workers", "2", "--quiet"], graph_file.parent)
    yield server
    assert server.stop() == 0
    assert server.lines[-1] == "kg: stopped", server.lines
    assert not any("Traceback" in line for line in server.lines)


# --------------------------------------------------------------------------- start


def test_binds_to_loopback_and_says_so(server):
    start = "\n".join(server.lines[:3])
    assert "at http://127.0.0.1:" in start and "/sparql" in start
    assert "listening on 127.0.0.1 only" in start
    assert "read-only" in start and "no SERVICE, LOAD or remote FROM" in start
    assert all(line.startswith("kg: ") for line in server.lines)


# --------------------------------------------------------------------------- the protocol


def test_select_answers_match_rdflib(server, graph):
    query = "SELECT ?a ?label WHERE { ?a a skg:Actor ; rdfs:label ?label } ORDER BY ?a ?label"
    expected = [(str(r.a), str(r.label)) for r in graph.query("PREFIX skg: <https://w3id.org/stancekg/ontology#> "
                                                              "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                                                              + query)]
    got = [(b["a"]["value"], b["label"]["value"]) for b in server.select(query)]
    assert got == expected and len(got) > len(AWKWARD)
    french = server.select("SELECT ?l WHERE { test:actor0 rdfs:label ?l FILTER(lang(?l) = 'fr') }"
                           .replace("test:actor0", f"<{TEST.actor0}>"))
    assert french == [{"l": {"type": "literal", "value": "étiquette", "xml:lang": "fr"}}]


def test_get_post_form_and_direct_post_agree(server):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answers = []
    for status, headers, body in [server.get(query), server.post(query),
                                  server.request("POST", "/sparql", query.encode("utf-8"),
                                                 {"Content-Type": "application/sparql-query"})]:
        assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
        answers.append(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert len(set(answers)) == 1


def _awkward_query() -> str:
    return f"SELECT ?label ?rank WHERE {{ ?a <{TEST.rank}> ?rank ; rdfs:label ?label FILTER(lang(?label) = '') }} ORDER BY ?rank"


def test_csv_tsv_xml_and_json_carry_awkward_labels(server):
    query = _awkward_query()
    status, headers, body = server.post(query, accept="text/csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0] == ["label", "rank"] and [r[0] for r in rows[1:]] == AWKWARD
    assert body.count(b"\r\n") >= len(AWKWARD) + 1

    status, headers, body = server.post(query, accept="text/tab-separated-values")
    assert status == 200 and headers["content-type"].startswith("text/tab-separated-values")
    lines = body.decode("utf-8").rstrip("\n").split("\n")
    assert lines[0] == "?label\t?rank" and len(lines) == len(AWKWARD) + 1
    assert all(line.count("\t") == 1 for line in lines)
    parsed = [json.loads(line.split("\t")[0]) for line in lines[1:]]  # Turtle short strings are JSON strings here
    assert parsed == AWKWARD

    status, headers, body = server.post(query, accept="application/sparql-results+xml")
    assert status == 200
    namespace = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    labels = [b.find("r:literal", namespace).text for b in root.iterfind(".//r:binding[@name='label']", namespace)]
    assert labels == AWKWARD

    status, _, body = server.post(query, format="json")
    assert [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]] == AWKWARD


def test_ask_and_graph_results_by_content_negotiation(server, graph):
    status, _, body = server.get("ASK { ?s a skg:Stance }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    construct = f"CONSTRUCT {{ ?a rdfs:label ?l }} WHERE {{ ?a <{TEST.rank}> ?r ; rdfs:label ?l }}"
    expected = {(TEST[f"actor{i}"], RDFS.label, Literal(label)) for i, label in enumerate(AWKWARD)}
    expected.add((TEST.actor0, RDFS.label, Literal("étiquette", lang="fr")))
    for accept, media, fmt in [(None, "text/turtle", "turtle"),
                               ("application/ld+json", "application/ld+json", "json-ld"),
                               ("application/n-triples", "application/n-triples", "nt"),
                               ("text/html,application/xhtml+xml,*/*;q=0.8", "text/turtle", "turtle")]:
        status, headers, body = server.post(construct, accept=accept)
        assert status == 200 and headers["content-type"].startswith(media), (accept, body[:200])
        assert set(Graph().parse(data=body.decode("utf-8"), format=fmt)) == expected, accept
    status, headers, body = server.post(f"DESCRIBE <{TEST.actor3}>", format="ttl")
    assert status == 200 and (TEST.actor3, TEST.rank, Literal(3)) in Graph().parse(data=body.decode(), format="turtle")
    status, _, body = server.post("SELECT * WHERE { ?s ?p ?o } LIMIT 1", accept="image/png")
    assert status == 406 and "choose" in _one_line(body)
    status, _, body = server.post("SELECT * WHERE { ?s ?p ?o } LIMIT 1", format="ttl")
    assert status == 400 and "does not fit a SELECT query" in _one_line(body)


# --------------------------------------------------------------------------- no outbound requests


def test_service_load_and_remote_from_never_reach_a_listener(server):
    listener = Listener()
    try:
        target = listener.url
        refused = [
            f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} LIMIT 1",
            f"ASK {{ FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
            f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",
            f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
            # An escaped quote: a string to rdflib (escapes first), not to Oxigraph (escapes in strings).
            f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <{target}> {{ }} BIND("\\u0022" AS ?y) }}',
            f"PREFIX r: <{target[:-6]}> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{target}> AS ?endpoint) SERVICE ?endpoint {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <{target}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"PREFIX r: <{target[:-6]}> SELECT * FROM r:sparql WHERE {{ ?s ?p ?o }}",
            f"CONSTRUCT {{ ?s ?p ?o }} FROM <{target}> WHERE {{ ?s ?p ?o }}",
        ]
        for query in refused:
            for send in (server.post, server.get):
                status, _, body = send(query)
                message = _one_line(body)
                assert status == 400, (query, message)
                assert "not allowed" in message and "remote" in message, message
        status, _, body = server.request("POST", "/sparql", refused[0].encode(), {"Content-Type": "application/sparql-query"})
        assert status == 400
        status, _, body = server.request("GET", "/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                                                                        "default-graph-uri": target}))
        assert status == 400 and "not in this store" in _one_line(body)
        for update in [f"LOAD <{target}>", f"LOAD SILENT <{target}> INTO GRAPH <urn:g>"]:
            status, _, body = server.post(update)
            assert status in (400, 403), _one_line(body)
        # Words that only look like the keywords are fine.
        status, _, body = server.post("SELECT ?service ?load WHERE { BIND('SERVICE <http://x/>' AS ?service) "
                                      "BIND(<http://example.org/SERVICE> AS ?load) } # SERVICE <http://x/>")
        assert status == 200, body
        time.sleep(0.5)
        assert listener.connections == []
        # The listener works: it would have seen a request.
        socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
        time.sleep(0.5)
        assert len(listener.connections) == 1
    finally:
        listener.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux-only")
def test_workers_are_cut_off_the_network():
    """The second wall: a worker process cannot connect anywhere, not even to 127.0.0.1."""
    listener = Listener()
    try:
        code = ("import socket, sys\n"
                "from kg.graph.sandbox import isolate_network\n"
                "if not isolate_network(): sys.exit(3)\n"
                f"try:\n    socket.create_connection(('127.0.0.1', {listener.port}), timeout=2)\n"
                "except OSError:\n    sys.exit(0)\n"
                "sys.exit(1)\n")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        if result.returncode == 3:
            pytest.skip("no network namespaces here (kg serve says so at start)")
        assert result.returncode == 0, result.stderr
        time.sleep(0.3)
        assert listener.connections == []
    finally:
        listener.close()


# --------------------------------------------------------------------------- read-only


def test_updates_are_refused_and_change_nothing(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = server.select(count)[0]["n"]["value"]
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    attempts = [
        server.request("POST", "/sparql", urlencode({"update": insert}), form),
        server.request("POST", "/sparql", insert.encode(), {"Content-Type": "application/sparql-update"}),
        server.request("POST", "/update", urlencode({"update": insert}), form),
        server.request("GET", "/sparql?" + urlencode({"update": insert})),
        server.post(insert),
        server.post("DELETE WHERE { ?s ?p ?o }"),
        server.post("CLEAR ALL"),
        server.request("POST", "/sparql", "DROP DEFAULT".encode(), {"Content-Type": "application/sparql-query"}),
    ]
    for status, _, body in attempts:
        assert status == 403, body
        assert "read-only" in _one_line(body)
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, body = server.request(method, "/sparql", b"<urn:a> <urn:b> <urn:c> .",
                                               {"Content-Type": "text/turtle"})
        assert status == 405 and "read-only" in _one_line(body) and "POST" in headers["allow"]
    assert server.select(count)[0]["n"]["value"] == before


# --------------------------------------------------------------------------- bad requests


def test_malformed_and_unknown_queries_get_one_line(server):
    cases = [("SELECT * WHERE { ?s ?p }", "malformed query"),
             ("SELECT ?x WHERE { ?x", "malformed query"),
             ("HELLO WORLD", "malformed query"),
             ("SELECT * WHERE { ?s ?p ?o } LIMIT -1", "malformed query"),
             ("   ", "empty")]
    for query, expected in cases:
        status, headers, body = server.post(query)
        assert status == 400 and headers["content-type"].startswith("text/plain")
        assert expected in _one_line(body), (query, body)
    status, _, body = server.request("GET", "/sparql")
    assert status == 400 and "missing 'query'" in _one_line(body)
    status, _, body = server.request("POST", "/sparql", b"query=x", {"Content-Type": "text/plain"})
    assert status == 415 and "Content-Type" in _one_line(body)
    status, _, body = server.request("POST", "/sparql", b"query=%ff%fe", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400
    status, _, body = server.request("POST", "/sparql", b"\xff\xfe", {"Content-Type": "application/sparql-query"})
    assert status == 400 and "not UTF-8" in _one_line(body)
    status, _, body = server.request("GET", "/nowhere")
    assert status == 404
    for raw_request in (b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /" + b"a" * 70_000 + b" HTTP/1.0\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
            raw.sendall(raw_request)
            head = raw.recv(4096).split(b"\r\n", 1)[0].strip()
        assert re.fullmatch(rb"HTTP/1\.1 (400|414|505) .*", head), head
    assert server.post("ASK {}")[0] == 200
    status, _, body = server.request("GET", "/", headers={"Host": "attacker.example"})
    assert status == 403 and "Host" in _one_line(body)


def test_too_large_requests_are_refused_before_they_are_read(server):
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * MAX_REQUEST
    status, _, body = server.post(query)
    assert status == 413 and "too large" in _one_line(body)
    status, _, body = server.request("GET", "/sparql?query=" + quote(query))
    assert status in (413, 414) and "too large" in _one_line(body)
    # A client that announces a huge body gets its answer without sending it.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                    b"Content-Length: 10000000000\r\n\r\nSELECT")
        answer = raw.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n\r\n")
        assert raw.recv(4096).startswith(b"HTTP/1.1 411")


def test_results_are_capped(server):
    status, _, body = server.post("SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and f"more than {MAX_ROWS} rows" in _one_line(body)
    status, _, body = server.post("CONSTRUCT WHERE { ?s ?p ?o }")
    assert status == 400 and f"more than {MAX_ROWS} triples" in _one_line(body)
    assert len(server.select(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")) == MAX_ROWS


def test_a_runaway_query_is_stopped_and_others_are_served_meanwhile(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    outcome = {}

    def run_slow() -> None:
        started = time.monotonic()
        outcome["reply"] = server.post(slow)
        outcome["seconds"] = time.monotonic() - started
    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.5)
    for _ in range(5):
        started = time.monotonic()
        status, _, body = server.post("ASK { ?s a skg:Actor }")
        assert status == 200 and json.loads(body)["boolean"] is True
        assert time.monotonic() - started < TIMEOUT / 2
    thread.join(TIMEOUT + 30)
    status, _, body = outcome["reply"]
    assert status == 503 and f"stopped after {TIMEOUT} s" in _one_line(body)
    assert TIMEOUT - 0.5 <= outcome["seconds"] < TIMEOUT + 10
    # The worker was replaced: two queries at once still run side by side.
    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(lambda _: server.post("ASK { ?s ?p ?o }"), range(4)))
    assert all(status == 200 for status, _, _ in replies)


def test_fifty_concurrent_queries_all_answered_correctly(server, graph):
    labels = sorted({(str(s), str(o)) for s, o in graph.subject_objects(RDFS.label)
                     if (s, RDF.type, SKG.Actor) in graph and not getattr(o, "language", None)})
    labels = [labels[i % len(labels)] for i in range(50)]
    formats = ["application/sparql-results+json", "text/csv", "text/tab-separated-values"]

    def ask(index: int) -> tuple[int, str | None, str]:
        iri, _ = labels[index]
        query = f"SELECT ?label WHERE {{ <{iri}> rdfs:label ?label FILTER(lang(?label) = '') }}"
        status, _, body = server.post(query, accept=formats[index % 3])
        text = body.decode("utf-8")
        if index % 3 == 0:
            bindings = json.loads(text)["results"]["bindings"]
            return status, bindings[0]["label"]["value"] if len(bindings) == 1 else None, text
        if index % 3 == 1:
            rows = list(csv.reader(io.StringIO(text, newline="")))
            return status, rows[1][0] if len(rows) == 2 else None, text
        lines = text.rstrip("\n").split("\n")
        return status, json.loads(lines[1]) if len(lines) == 2 else None, text

    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(ask, range(50)))
    for index, (status, label, text) in enumerate(answers):
        assert status == 200, text
        assert label == labels[index][1], (index, text)


# --------------------------------------------------------------------------- pages


def test_query_page_and_actor_graph_are_self_contained(server):
    for path in ("/", "/viz"):
        for _ in range(100):  # the actor graph is drawn in the background
            status, headers, body = server.request("GET", path)
            if status != 503:
                break
            time.sleep(0.2)
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in headers["content-security-policy"]
        page = body.decode("utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), path
        assert "@import" not in page
    status, _, body = server.request("GET", "/")
    page = body.decode("utf-8")
    assert 'action="/sparql"' in page and 'name="query"' in page and "stances" in page
    status, headers, body = server.request("HEAD", "/")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 1000
    # The form works without script: its POST answers in the chosen format.
    status, headers, body = server.request("POST", "/sparql", urlencode({"query": "ASK {}", "format": "csv"}),
                                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and body == b"_askResult\r\ntrue\r\n"


# --------------------------------------------------------------------------- a store, and start-up errors


def test_serves_a_store_read_only_without_its_registry(tmp_path):
    import pyoxigraph as ox

    from kg.graph.store import REGISTRY_GRAPH

    folder = tmp_path / "news.store"
    store = ox.Store(str(folder))
    store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode(str(RDFS.label)), ox.Literal("A")))
    store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("urn:secret"), ox.Literal("x"),
                      REGISTRY_GRAPH))
    store.flush()
    del store
    server = Server(["--store", str(folder), "--no-viz", "--quiet"], tmp_path)
    try:
        assert server.select("SELECT ?l WHERE { ?a rdfs:label ?l }") == [{"l": {"type": "literal", "value": "A"}}]
        assert server.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }") == []
        status, _, body = server.post(f"SELECT * FROM <{REGISTRY_GRAPH.value}> WHERE {{ ?s ?p ?o }}")
        assert status == 400
        # While it is served, a build cannot write the store.
        writer = subprocess.run([sys.executable, "-c", f"import pyoxigraph; pyoxigraph.Store({str(folder)!r})"],
                                capture_output=True, text=True, timeout=60)
        assert writer.returncode != 0 and "lock" in writer.stderr.lower()
    finally:
        assert server.stop() == 0


def _serve_error(args: list[str], cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "kg.cli", "serve", *args], cwd=cwd, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    return lines[0]


def test_start_up_errors_are_one_line(tmp_path, graph_file):
    assert "no such file" in _serve_error(["missing.ttl"], tmp_path)
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <http://x/> .\n:a :b :c .\n:a :b <x y> .\n", encoding="utf-8")
    message = _serve_error([str(bad)], tmp_path)
    assert "bad.ttl" in message and "line 3" in message
    assert "one of them" in _serve_error([], tmp_path)
    assert "--timeout" in _serve_error([str(graph_file), "--timeout", "0"], tmp_path)
    assert "no store here" in _serve_error(["--store", str(tmp_path)], tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        message = _serve_error([str(graph_file), "--port", port, "--no-viz"], tmp_path)
    assert f"cannot listen on 127.0.0.1:{port}" in message


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, stack = set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_server_leaves_no_workers_behind(graph_file, tmp_path):
    server = Server([str(graph_file), "--no-viz", "--quiet"], tmp_path)
    helpers = _descendants(server.process.pid)
    assert len(helpers) >= 3  # the fork server and two workers (and multiprocessing's tracker)
    server.process.kill()
    server.process.wait(10)
    deadline = time.monotonic() + 10
    alive = helpers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = {pid for pid in helpers if _running(pid)}
    assert not alive


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
