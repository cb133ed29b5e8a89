"""The security suite's fixtures: a loopback listener that must hear nothing (:mod:`serving`), and
one ``kg serve`` with small limits, shared by the suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serving import Listener, Server

ROOT = Path(__file__).resolve().parents[2]
SEED_GRAPH = ROOT / "output" / "graph.ttl"
#: The shared server's limits: small enough that the bombs go off fast.
SERVER_ARGS = ["--timeout", "4", "--max-rows", "2000", "--max-memory", "512", "--max-response-bytes", "8000000",
               "--workers", "2", "--no-viz"]


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
    running = Server([str(graph_file), *SERVER_ARGS, "--quiet"], graph_file.parent)
    yield running
    running.stop()
