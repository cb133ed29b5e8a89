"""A flood of slow connections (loopback only, bounded) must not lock out a client that asks
promptly, neither during the flood nor after it, and must leave no connections behind."""

from __future__ import annotations

import resource
import socket
import time

import psutil

ASK = "ASK { ?s ?p ?o }"
FLOOD = 5_000


def _server_connections(server) -> int:
    return sum(1 for c in psutil.Process(server.process.pid).net_connections(kind="tcp")
               if c.status in (psutil.CONN_CLOSE_WAIT, psutil.CONN_ESTABLISHED))


def _settle(server, done, limit: float = 30.0) -> None:
    """Wait (at most ``limit`` s) until the server's open connections satisfy ``done``: it has taken
    in the flood, or let it go. On a busy machine that alone takes seconds of CPU."""
    deadline, last = time.monotonic() + limit, -1
    while time.monotonic() < deadline:
        count = _server_connections(server)
        if done(count, last):
            return
        last = count
        time.sleep(0.5)


def _answered_quickly(server) -> float:
    started = time.monotonic()
    status, _ = server.query(ASK, timeout=10)
    took = time.monotonic() - started
    assert status == 200
    return took


def test_slow_header_flood(server):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, FLOOD + 1024)), hard))
    slow: list[socket.socket] = []
    try:
        for _ in range(FLOOD):
            connection = socket.socket()
            connection.setblocking(False)
            connection.connect_ex(("127.0.0.1", server.port))
            slow.append(connection)
        time.sleep(0.3)
        for connection in slow:  # a request head that never ends
            try:
                connection.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            except OSError:
                pass
        _settle(server, lambda count, last: count >= 1000 and count == last)  # the flood is in
        during = [_answered_quickly(server) for _ in range(3)]
    finally:
        for connection in slow:
            connection.close()
    _settle(server, lambda count, last: count < 50, limit=10.0)  # it recovers by itself
    left = _server_connections(server)
    after = [_answered_quickly(server) for _ in range(3)]
    print(f"flood of {FLOOD}: ASK answered in {max(during):.2f} s at worst during, {max(after):.2f} s after")
    assert max(during) < 2.0 and max(after) < 2.0, (during, after)
    assert left < 50, f"{left} connections still open 10 s after the flood"
