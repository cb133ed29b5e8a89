"""``kg serve`` under hostile requests: DNS rebinding, HTTP quirks, memory and size bombs, queries that
would crash the engine, and expensive queries that must not starve cheap ones."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from pathlib import Path

import pytest

SEED_GRAPH = Path(__file__).resolve().parents[2] / "output" / "graph.ttl"

ASK = "ASK { ?s ?p ?o }"
#: 824 bytes in the red-team report: a string doubled 25 times (537 MB, 7.2 GB in a worker).
def doubling(times: int) -> str:
    return (f"SELECT ?a{times} WHERE {{ BIND(\"0123456789abcdef\" AS ?a0) "
            + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times)) + " }")


DOUBLING = doubling(25)
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.parametrize("host, allowed", [
    ("127.0.0.1", True), ("localhost:8000", True), ("[::1]:8000", True), ("127.0.0.2", True),
    ("127.0.0.1.evil.com", False), ("127.evil.com", False), ("localhost.evil.com", False), ("evil.com", False),
    ("", False)])
def test_dns_rebinding_guard(server, host, allowed):
    status, _, _ = server.request("GET", "/", headers={"Host": host})
    assert (status == 200) == allowed, (host, status)


def test_http_quirks_get_a_prompt_answer(server):
    started = time.monotonic()
    assert server.raw(b"GET /\r\n\r\n").startswith(b"HTTP/1.1 400")  # HTTP/0.9
    assert time.monotonic() - started < 2
    duplicate = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                 b"Content-Length: 6\r\nContent-Length: 6\r\n\r\nASK{}x")
    assert server.raw(duplicate).startswith(b"HTTP/1.1 400")
    folded = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n b\r\n\r\n"
    assert server.raw(folded).startswith(b"HTTP/1.1 400")
    chunked = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
               b"Content-Type: application/sparql-query\r\n\r\n5\r\nASK{}\r\n0\r\n\r\n")
    assert server.raw(chunked).startswith(b"HTTP/1.1 411")
    assert server.raw(b"GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n").startswith(b"HTTP/1.1 505")
    assert server.query(ASK)[0] == 200


def test_memory_and_size_bombs_stop_their_worker_not_the_server(server):
    status, body = server.query(DOUBLING, timeout=30)
    assert status == 503 and (b"memory limit" in body or b"stopped after" in body), body
    assert server.query(ASK)[0] == 200
    status, body = server.query(doubling(20))  # 16 MiB
    assert status == 400 and b"larger than 8000000 bytes" in body, body
    assert server.query(ASK)[0] == 200


def test_queries_that_would_crash_the_engine_are_refused(server, tmp_path):
    union = "SELECT * WHERE {" + " UNION ".join("{ ?s ?p ?o }" for _ in range(10_000)) + "}"
    status, body = server.query(union)
    assert status == 400 and b"too complex" in body
    nested = "SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
    assert server.query(nested)[0] == 400
    (tmp_path / "union.rq").write_text(union, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(SEED_GRAPH), str(tmp_path / "union.rq")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr.startswith("kg: error: ") and "too complex" in result.stderr


def test_a_deeply_nested_query_within_the_limits_runs(server):
    nested = "SELECT * WHERE " + "{" * 300 + "?s ?p ?o" + "}" * 300 + " LIMIT 1"
    assert server.query(nested)[0] == 200


def test_expensive_queries_leave_room_for_cheap_ones(server):
    """Two queries that run to the time limit; a cheap one meanwhile, and after, within 2 s."""
    with ThreadPoolExecutor(2) as pool:
        slow = [pool.submit(server.query, EXPENSIVE) for _ in range(2)]
        time.sleep(1.0)
        for _ in range(3):
            started = time.monotonic()
            status, _ = server.query(ASK)
            assert status == 200 and time.monotonic() - started < 2.0
        assert [f.result()[0] for f in slow] == [503, 503]
    started = time.monotonic()
    assert server.query(ASK)[0] == 200 and time.monotonic() - started < 2.0
