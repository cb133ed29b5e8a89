"""The security suite's fixtures: a loopback listener that must hear nothing, and one ``kg serve``.

Every connection goes to 127.0.0.1. The listener records each connection made to it (and answers
nothing, like a server that hangs): a test passes only if it recorded zero hits.
"""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_GRAPH = ROOT / "output" / "graph.ttl"
#: The shared server's limits: small enough that the bombs go off fast.
SERVER_ARGS = ["--timeout", "4", "--max-rows", "2000", "--max-memory", "512", "--max-response-bytes", "8000000",
               "--workers", "2", "--no-viz"]


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection and never answers."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.hits: list[bytes] = []
        self._open: list[socket.socket] = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            connection.settimeout(0.3)
            try:
                self.hits.append(connection.recv(4096))
            except OSError:
                self.hits.append(b"")
            self._open.append(connection)  # kept open, unanswered: a fetch would hang on it

    def settle(self) -> list[bytes]:
        """The hits so far, after giving a late connection a moment to arrive."""
        time.sleep(0.3)
        return list(self.hits)

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        for connection in self._open:
            connection.close()
        self.socket.close()


@pytest.fixture
def listener():
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="session")
def session_listener():
    found = Listener()
    yield found
    found.close()


class Server:
    """A ``kg serve`` subprocess (the real CLI) on a free loopback port."""

    def __init__(self, graph: Path, args: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", "0", *args],
                                        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.port: int | None = None
        ready = threading.Event()

        def read() -> None:
            for line in self.process.stderr:
                self.lines.append(line.rstrip("\n"))
                found = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
                if found and self.port is None:
                    self.port = int(found.group(1))
                if "limits:" in line or "error" in line:
                    ready.set()
            ready.set()
        threading.Thread(target=read, daemon=True).start()
        ready.wait(90)
        if self.port is None:
            self.stop()
            raise RuntimeError("kg serve did not start: " + " | ".join(self.lines))

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                timeout: float = 30) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def query(self, sparql: str, timeout: float = 30, **params: str) -> tuple[int, bytes]:
        return self.request("POST", "/sparql", urlencode({"query": sparql, **params}),
                            {"Content-Type": "application/x-www-form-urlencoded"}, timeout)

    def raw(self, data: bytes, timeout: float = 5) -> bytes:
        """Send raw bytes; the first line of the answer (empty if the server closed without one)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as connection:
            connection.sendall(data)
            received = b""
            while b"\r\n" not in received:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                received += chunk
        return received.split(b"\r\n", 1)[0]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def graph_file(tmp_path_factory) -> Path:
    """The seed graph plus a label that starts like a spreadsheet formula and holds an escape."""
    folder = tmp_path_factory.mktemp("security")
    path = folder / "graph.ttl"
    shutil.copy(SEED_GRAPH, path)
    with open(path, "a", encoding="utf-8") as stream:
        stream.write('\n<https://example.org/evil> <http://www.w3.org/2000/01/rdf-schema#label> '
                     '"=HYPERLINK(\\"http://evil.example/\\",\\"click\\")\\u001B[31m" .\n')
    return path


@pytest.fixture(scope="session")
def server(graph_file):
    running = Server(graph_file, SERVER_ARGS + ["--quiet"], graph_file.parent)
    yield running
    running.stop()
