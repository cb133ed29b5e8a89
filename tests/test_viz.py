"""kg.analysis.viz: the self-contained HTML page, the static pictures and the timeline (without a browser)."""

from __future__ import annotations

import doctest
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.analysis import network, viz
from kg.cli import main
from kg.analysis.network import example_graph

ROOT = Path(__file__).resolve().parent.parent
GRAPH_TTL = ROOT / "output" / "graph.ttl"
EX = "https://example.org/"
NASTY = 'Mayor "Joe" </script><script>alert(1)</script><img src=x onerror=alert(2)> & Quimby 🚀 \u2028'


def nasty_graph() -> Graph:
    rdf = example_graph()
    mayor = URIRef(EX + "mayor")
    rdf.remove((mayor, RDFS.label, None))
    rdf.add((mayor, RDFS.label, Literal(NASTY)))
    return rdf


class Resources(HTMLParser):
    """Every tag, and every URL the page would load (src, href, url(...))."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "poster", "data") and value is not None:
                self.urls.append(value)


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_doctests():
    result = doctest.testmod(viz, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0


# --------------------------------------------------------------------------- HTML


def test_html_data_matches_the_graph():
    G = network.stance_graph(GRAPH_TTL)
    data = viz.html_data(GRAPH_TTL)
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == len(network.edge_groups(G))
    assert len(data["stances"]) == G.number_of_edges()
    assert sum(len(e["stances"]) for e in data["edges"]) == G.number_of_edges()
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert all(0 <= n["x"] <= data["width"] and 0 <= n["y"] <= data["height"] for n in data["nodes"])
    kenney = next(n for n in data["nodes"] if n["label"] == "Jim Kenney")
    assert kenney["claims"] and kenney["type"] == "Person" and kenney["mentions"] > 1
    philadelphia = next(n for n in data["nodes"] if n["label"] == "Philadelphia")
    assert philadelphia["r"] > kenney["r"]  # sized by mentions
    assert kenney["camp"] == philadelphia["camp"] is not None
    assert kenney["color"] == viz.camp_color(kenney["camp"])


def test_page_is_self_contained():
    page = viz.to_html(GRAPH_TTL)
    parser = Resources()
    parser.feed(page)
    assert all(url.startswith(("data:", "#")) for url in parser.urls), parser.urls
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert parser.tags.count("script") == 2 and "iframe" not in parser.tags
    outside_data = re.sub(r'<script type="application/json" id="graph-data">.*?</script>', "", page, flags=re.S)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", outside_data)
    assert "@import" not in page and not re.search(r"url\((?!#)", outside_data)  # only url(#marker)


def test_hostile_labels_are_escaped():
    page = viz.to_html(nasty_graph())
    # Two script elements only: the data cannot close its own.
    assert page.count("</script>") == 2 and page.count("<script") == 2
    assert "<img" not in page and "\u2028" not in page
    data = embedded_data(page)
    assert any(n["label"] == NASTY for n in data["nodes"])
    # The page puts data into the document only through textContent.
    script = viz._asset("actors.js")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


def test_title_is_escaped():
    page = viz.to_html(example_graph(), title="<b>Stances</b> & co")
    assert "<title>&lt;b&gt;Stances&lt;/b&gt; &amp; co</title>" in page


def test_html_is_deterministic(tmp_path):
    rdf = network.as_rdf(GRAPH_TTL)
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    viz.render(rdf, first)
    viz.render(network.as_rdf(GRAPH_TTL), second)
    assert first.read_bytes() == second.read_bytes()


def test_bends_separate_parallel_edges():
    groups = [{"source": "a", "target": "b", "polarity": "favor"}, {"source": "a", "target": "b", "polarity": "against"},
              {"source": "b", "target": "a", "polarity": "against"}, {"source": "c", "target": "d", "polarity": "favor"}]
    bends = viz._bends(groups)
    assert bends[3] == 0.0
    assert bends[0] > 0 and bends[1] > bends[0] and bends[2] > 0  # b->a bends to its own right: the other side


# --------------------------------------------------------------------------- pictures


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_pictures_are_deterministic(suffix, tmp_path):
    rdf = network.as_rdf(GRAPH_TTL)
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    viz.render(rdf, first)
    viz.render(rdf, second)
    assert first.read_bytes() == second.read_bytes()
    if suffix == ".png":
        header = first.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert width >= 1600 and height >= 1000
    else:
        text = first.read_text(encoding="utf-8")
        assert "<svg" in text and "<dc:date>" not in text


def test_network_figure_draws_edges_and_legend():
    figure = viz.network_figure(GRAPH_TTL)
    ax = figure.axes[0]
    G = network.stance_graph(GRAPH_TTL)
    assert len(ax.patches) == len(network.edge_groups(G))
    labels = {t.get_text().replace("\n", " ") for t in ax.texts}
    assert {"Philadelphia", "Jim Kenney", "judge"} <= labels
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "Philadelphia's side" in legend and any("against" in t for t in legend)


def test_pictures_of_graphs_without_stances(tmp_path):
    empty = Graph()
    for name in ("e.html", "e.png", "e.svg"):
        viz.render(empty, tmp_path / name)
        assert (tmp_path / name).stat().st_size > 500
    data = viz.html_data(empty)
    assert data["nodes"] == [] and data["edges"] == []


def test_render_rejects_other_suffixes(tmp_path):
    with pytest.raises(ValueError, match="choose an .html, .png or .svg"):
        viz.render(example_graph(), tmp_path / "x.pdf")


# --------------------------------------------------------------------------- timeline


def test_find_target():
    rdf = network.as_rdf(GRAPH_TTL)
    assert viz.find_target(rdf, "ICE")[1] == "U.S. Immigration and Customs Enforcement"
    assert viz.find_target(rdf, "philadelphia")[1] == "Philadelphia"
    iri, label = viz.find_target(rdf, "cooperation")
    assert label == "cooperation with immigration enforcement" and "/topic/" in iri
    assert viz.find_target(rdf, iri) == (iri, label)
    with pytest.raises(ValueError, match="no stance target matches 'Gotham'"):
        viz.find_target(rdf, "Gotham")
    with pytest.raises(ValueError, match="empty"):
        viz.find_target(rdf, "  ")


def test_ambiguous_target():
    rdf = example_graph()
    for name, label in (("t1", "water policy"), ("t2", "water prices")):
        topic, stance = URIRef(EX + name), URIRef(EX + name + "s")
        rdf.add((topic, RDFS.label, Literal(label)))
        rdf.add((stance, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), network.SKG.Stance))
        rdf.add((stance, network.SKG.holder, URIRef(EX + "city")))
        rdf.add((stance, network.SKG.polarity, Literal("favor")))
        rdf.add((stance, network.SKG.target, topic))
    with pytest.raises(ValueError, match="matches several stance targets: water policy, water prices"):
        viz.find_target(rdf, "water")


def test_timeline_follows_story_time():
    label, records = viz.timeline_records(GRAPH_TTL, "ICE")
    assert label == "U.S. Immigration and Customs Enforcement"
    assert records and all(r["polarity"] == "against" for r in records)
    times = [r["time"] for r in records]
    assert times == sorted(times)  # 12:44 before 2:25 before 3:15 p.m., whatever the order in the live blog
    assert records[0]["slot"] == "12:44 p.m."


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_timeline_outputs(suffix, tmp_path, capsys):
    target = tmp_path / f"timeline{suffix}"
    assert main(["viz", str(GRAPH_TTL), "-o", str(target), "--timeline", "Philadelphia"]) == 0
    assert target.stat().st_size > 1000
    if suffix == ".html":
        page = target.read_text(encoding="utf-8")
        assert "<svg" in page and "Stances toward Philadelphia over time" in page
        assert "judge" in page and "<script" not in page


def test_cli_viz_errors_are_one_line(tmp_path, capsys):
    assert main(["viz", str(GRAPH_TTL), "-o", str(tmp_path / "t.png"), "--timeline", "Gotham"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: no stance target matches 'Gotham'") and err.count("\n") == 1
    assert main(["viz", str(GRAPH_TTL), "-o", str(tmp_path / "t.gif")]) == 1


def test_committed_pictures_are_well_formed():
    """output/actors.html is a self-contained page and output/actors.png a large PNG.

    They are rebuilt by hand (kg viz output/graph.ttl -o output/actors.html, and -o .png) whenever
    output/graph.ttl changes; this checks their form, not that they are current.
    """
    html_path, png_path = ROOT / "output" / "actors.html", ROOT / "output" / "actors.png"
    if not html_path.exists() or not png_path.exists():
        pytest.skip("output/actors.html or output/actors.png not built")
    page = html_path.read_text(encoding="utf-8")
    parser = Resources()
    parser.feed(page)
    assert all(url.startswith(("data:", "#")) for url in parser.urls)
    data = embedded_data(page)
    assert data["nodes"] and data["edges"] and data["camps"]
    header = png_path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(header[16:20], "big") >= 1600
