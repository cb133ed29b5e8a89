"""``kg push`` and ``kg query --endpoint`` follow no redirect (a POST turned GET "succeeded" with
nothing stored, and the password went to the redirect's host) and accept only real SPARQL answers."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.cli import main


class _Fake(BaseHTTPRequestHandler):
    """Answers every request with the status, headers and body of its server's ``reply``."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization")))
        status, headers, body = self.server.reply
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    server.seen, server.reply = [], (200, {}, b"")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _one_error(args, capsys) -> str:
    capsys.readouterr()
    status = main([str(a) for a in args])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("kg: error: ") and err.count("\n") == 1, err
    return err


def test_redirects_are_not_followed_and_credentials_stay_home(fake, listener, capsys):
    graph = pytest.importorskip("pathlib").Path(__file__).resolve().parents[2] / "output" / "graph.ttl"
    url = f"http://127.0.0.1:{fake.server_port}"
    for status in (302, 307):
        fake.reply = (status, {"Location": listener.url}, b"")
        error = _one_error(["push", graph, "--endpoint", f"{url}/data", "--user", "u", "--password", "secret",
                            "--auth", "basic"], capsys)
        assert "redirects" in error and listener.url in error
        error = _one_error(["query", "--endpoint", f"{url}/sparql", "actors", "--token", "secret"], capsys)
        assert "redirects" in error
    assert listener.settle() == []
    assert all(method in {"PUT", "POST"} for method, _, _ in fake.seen)


def test_answers_that_are_not_sparql_results_are_errors(fake, capsys):
    url = f"http://127.0.0.1:{fake.server_port}/sparql"
    for reply in [(200, {"Content-Type": "text/html"}, b"<html><body>Login</body></html>"),
                  (200, {"Content-Type": "application/json"}, b'{"status": "ok"}'),
                  (200, {"Content-Type": "application/json"}, b'{"head": {"vars": ["a"]}}')]:
        fake.reply = reply
        error = _one_error(["query", "--endpoint", url, "actors"], capsys)
        assert "not SPARQL JSON results" in error, error
    fake.reply = (200, {"Content-Type": "application/sparql-results+json"},
                  b'{"head": {"vars": ["a"]}, "results": {"bindings": [{"a": {"type": "literal", "value": "x"}}]}}')
    capsys.readouterr()
    assert main(["query", "--endpoint", url, "SELECT ?a WHERE { ?s ?p ?a }", "-f", "csv"]) == 0
    assert capsys.readouterr().out == "a\nx\n"
