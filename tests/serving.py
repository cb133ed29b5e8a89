"""Helpers for tests that run ``kg serve``: the server as a subprocess, and a loopback listener.

Every connection goes to 127.0.0.1. The listener records each connection made to it and answers
nothing (like a server that hangs): a test about outbound requests passes only if it heard nothing.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode


class Server:
    """A ``kg serve`` subprocess (the real CLI) on a free loopback port."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", *args, "--port", "0"],
                                        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def post(self, query: str, accept: str | None = None, timeout: float = 30, **params: str) -> tuple[int, dict, bytes]:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if accept:
            headers["Accept"] = accept
        return self.request("POST", "/sparql", urlencode({"query": query, **params}), headers, timeout)

    def get(self, query: str, accept: str | None = None) -> tuple[int, dict, bytes]:
        return self.request("GET", "/sparql?query=" + quote(query), headers={"Accept": accept} if accept else {})

    def query(self, sparql: str, timeout: float = 30, **params: str) -> tuple[int, bytes]:
        """(status, body) of a POSTed query."""
        status, _, body = self.post(sparql, timeout=timeout, **params)
        return status, body

    def select(self, query: str) -> list[dict]:
        status, _, body = self.post(query)
        assert status == 200, body
        return json.loads(body)["results"]["bindings"]

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

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection and never answers."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections: list[bytes] = []
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
                self.connections.append(connection.recv(4096))
            except OSError:
                self.connections.append(b"")
            self._open.append(connection)  # kept open, unanswered: a fetch would hang on it

    def settle(self) -> list[bytes]:
        """The connections so far, after giving a late one a moment to arrive."""
        time.sleep(0.3)
        return list(self.connections)

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        for connection in self._open:
            connection.close()
        self.socket.close()
