"""No query makes kg reach out: SERVICE, LOAD and FROM, however written, from ``kg query`` (file and
store) and ``kg serve``. A loopback listener stands in for the victim and must record zero hits."""

from __future__ import annotations

import sys

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main


def _kg_query(graph, sparql: str, capsys) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["query", str(graph), sparql])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "internal error" not in captured.err, captured.err
    return status, captured.err


def known_attacks(url: str) -> list[str]:
    """Queries that reached out, or read the hidden registry, through earlier checks."""
    base = url[: -len("sparql")]
    return [
        # A carriage return ends a comment for Oxigraph, not for rdflib's parser.
        f"SELECT * WHERE {{ ?s ?p ?o #\rFILTER(1<2)SERVICE#>\r<{url}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o #\rSERVICE <{url}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ FILTER(1<2)SERVICE#>\n<{url}> {{ ?a ?b ?c }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <{url}> {{ }} BIND("\\u0022" AS ?y) }}',
        f"PREFIX r: <{base}> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE\t<{url}>{{?s ?p ?o}} }} }}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT * FROM <urn:x-stancekg:registry> WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o #\rFILTER(1<2)}FROM#>\r<urn:x-stancekg:registry> {}",
        f"LOAD <{url}>",
    ]


def test_known_attacks_are_refused_by_kg_query_on_a_file_and_a_store(listener, graph_file, tmp_path, capsys):
    store = tmp_path / "attack.store"
    data = ox.Store(str(store))
    data.bulk_load(path=str(graph_file), format=ox.RdfFormat.TURTLE)
    data.add(ox.Quad(ox.NamedNode("urn:secret"), ox.NamedNode("urn:p"), ox.Literal("registry secret"),
                     ox.NamedNode("urn:x-stancekg:registry")))
    del data
    for source in (graph_file, store):
        for attack in known_attacks(listener.url):
            status, err = _kg_query(source, attack, capsys)
            assert status == 1 and err.startswith("kg: error: ") and err.count("\n") == 1, (attack, err)
            assert "not allowed" in err or "malformed" in err, err
        # However the query names it, the registry is out of the engine's reach.
        capsys.readouterr()
        assert main(["query", str(source), "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", "-f", "csv"]) == 0
        assert "registry secret" not in capsys.readouterr().out
    assert listener.settle() == []


def test_known_attacks_are_refused_by_kg_serve(listener, server):
    for attack in known_attacks(listener.url):
        status, body = server.query(attack)
        assert status in (400, 403), (attack, body)
    status, body = server.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{"default-graph-uri": listener.url})
    assert status == 400
    assert listener.settle() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the seccomp wall is Linux-only")
def test_the_engine_itself_has_no_way_out(listener):
    """The second wall alone: SERVICE handed straight to Oxigraph, past every check, reaches nothing."""
    from kg.graph.sandbox import network_blocked, run_offline

    if not network_blocked():
        pytest.skip("seccomp is not available here (kg says so at start)")
    store = ox.Store()
    with pytest.raises(PermissionError):
        run_offline(lambda: list(store.query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")))
    assert run_offline(lambda: len(list(store.query(
        f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}")))) == 1
    assert listener.settle() == []


# --------------------------------------------------------------------------- the fuzz

_SPACE = st.sampled_from([" ", "\t", "\n", "\r", "\r\n", "  ", "\x0b", "\x0c", "\u00a0", "\u2028", ""])
_COMMENT = st.builds(lambda text, end: "#" + text + end,
                     st.text(alphabet=st.sampled_from(list("ab <>{}\"'#\\u0053(")), max_size=8),
                     st.sampled_from(["\n", "\r", "\r\n", "\u2028", "\x85", ""]))
_GAP = st.lists(st.one_of(_SPACE, _COMMENT), min_size=0, max_size=3).map("".join)
_KEYWORD = st.sampled_from(["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "\\u0073ervice", "SERV\\u0049CE",
                            "SERVICE SILENT", "FROM", "FROM NAMED", "from", "LOAD", "LOAD SILENT"])
_LEAD = st.sampled_from(["", "FILTER(1<2)", "?s ?p ?o .", "BIND(\"x\" AS ?x)", "OPTIONAL", "{", "}", "<a:b>",
                         "\"#\"", "'\\''", "\"\"\"", "?x<?y", "FILTER(?x<2)"])


def _target(url: str):
    base = url[: -len("sparql")]
    return st.sampled_from([f"<{url}>", f"<{base}sp\\u0061rql>", "r:sparql", "?endpoint", f"<{base}>", "<#>"])


def _query(url: str):
    return st.builds(
        lambda lead, g1, keyword, g2, target, g3, where_first:
            f"PREFIX r: <{url[:-len('sparql')]}>\n"
            + (f"SELECT * WHERE {{ {lead}{g1}{keyword}{g2}{target}{g3}{{ ?s ?p ?o }} }}" if where_first else
               f"SELECT *{g1}{keyword}{g2}{target}{g3}WHERE {{ {lead} ?s ?p ?o }}"),
        _LEAD, _GAP, _KEYWORD, _GAP, _target(url), _GAP, st.booleans())


def test_fuzzed_queries_never_reach_the_listener(session_listener, server, tmp_path, capsys):
    """Hypothesis writes SERVICE / FROM / LOAD with comments, escapes and odd white space around
    them; neither ``kg query`` nor ``kg serve`` may ever connect (whatever else they answer)."""
    url = session_listener.url
    graph_file = tmp_path / "small.ttl"  # kg query loads it for every example: keep it small
    graph_file.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> 'a' .\n",
                          encoding="utf-8")

    @settings(max_examples=120, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(_query(url))
    def through_both(sparql: str) -> None:
        status, err = _kg_query(graph_file, sparql, capsys)
        assert status in (0, 1) and err.count("\n") <= 1, err
        http_status, _ = server.query(sparql)
        assert http_status in (200, 400, 403), (sparql, http_status)

    through_both()
    assert session_listener.settle() == []
