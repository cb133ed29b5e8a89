"""kg.analysis page, figure, timeline and viz: the self-contained HTML page, the static pictures and the
timeline (without a browser; tests/test_browser.py drives the page in Chromium)."""

from __future__ import annotations

import doctest
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.analysis import figure, focus, page, records, style, targets, timeline, viz
from kg.analysis.graphs import edge_groups, stance_graph
from kg.analysis.example import example_graph
from kg.cli import main
from kg.graph import vocab
from kg.graph.rdf import load_graph

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


@pytest.mark.parametrize("module", [page, figure, focus, timeline, viz, style, targets])
def test_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 1 and result.failed == 0


# --------------------------------------------------------------------------- HTML


def test_page_data_matches_the_graph():
    G = stance_graph(GRAPH_TTL)
    data = page.page_data(GRAPH_TTL)
    actors = [n for n in data["nodes"] if n["kind"] == "actor"]
    with_stances = {n for n in G if G.degree(n) > 0}
    assert {n["id"] for n in actors if n["degree"] > 0} == with_stances
    ids = {n["id"] for n in data["nodes"]}
    assert all(s["source"] in ids and s["target"] in ids for s in data["stances"])
    between = [s for s in data["stances"] if s["target"] in with_stances]
    assert len(between) == G.number_of_edges()
    kenney = next(n for n in actors if n["label"] == "Jim Kenney")
    assert kenney["claims"] and kenney["type"] == "Person" and kenney["mentions"] > 1
    philadelphia = next(n for n in actors if n["label"] == "Philadelphia")
    assert kenney["camp"] == philadelphia["camp"] == 1
    assert [n["rank"] for n in actors] == sorted(n["rank"] for n in actors)
    topics = [n for n in data["nodes"] if n["kind"] == "topic"]
    assert {t["label"] for t in topics} >= {"cooperation with immigration enforcement"}
    assert data["topics"] is False and data["cap"] == page.DEFAULT_CAP and data["focus"] is None


def test_evidence_reads_like_a_newspaper():
    """Titles, not ids; no rule names; the holder and the target marked in the sentence."""
    data = page.page_data(GRAPH_TTL)
    (document,) = data["documents"]
    assert document["title"].startswith("PHILADELPHIA (AP) - The Latest on Philadelphia")
    text = json.dumps(data)
    assert "000_c64983bc89ce5fc9\"" not in text.replace("/doc/000_c64983bc89ce5fc9", "")
    assert '"rule"' not in text and "evaluation" not in text
    labels = {n["id"]: n for n in data["nodes"]}
    marked = 0
    for stance in data["stances"]:
        assert stance["doc"] == 0
        for start, end, kind in stance["marks"]:
            assert 0 <= start < end <= len(stance["evidence"]) and kind in ("holder", "target", "cue")
        holder = [stance["evidence"][a:b] for a, b, k in stance["marks"] if k == "holder"]
        names = [labels[stance["source"]]["label"]] + labels[stance["source"]]["aliases"]
        if holder:
            marked += 1
            words = set(" ".join(names).lower().split()) | {"he", "she", "it", "they", "we", "city"}
            assert any(set(h.lower().split()) & words for h in holder), (holder, names)
    assert marked >= len(data["stances"]) // 2


def test_example_marks_holder_target_and_cue():
    data = page.page_data(example_graph())
    stance = next(s for s in data["stances"] if s["source"] == EX + "mayor")
    assert stance["evidence"] == "The mayor said the department broke the rules."
    assert [(stance["evidence"][a:b], k) for a, b, k in stance["marks"]] == [("mayor", "holder"), ("said", "cue")]
    topic = next(s for s in data["stances"] if s["target"] == EX + "topic")  # no mention: found by its label
    assert [(topic["evidence"][a:b], k) for a, b, k in topic["marks"]] == [("Springfield", "holder"), ("data sharing", "target")]
    seed = page.page_data(GRAPH_TTL)["stances"]
    assert sum(1 for s in seed if any(k == "target" for _, _, k in s["marks"])) >= len(seed) // 2
    assert data["documents"] == [{"title": "Springfield ends data sharing", "outlet": "Springfield Gazette",
                                  "date": "2018-06-01", "url": ""}]


def test_the_page_carries_the_top_actors_and_any_focus(monkeypatch):
    everyone = page.page_data(GRAPH_TTL)  # carries all of the seed's actors
    monkeypatch.setattr(page, "MAX_ACTORS", 3)
    data = page.page_data(GRAPH_TTL)
    actors = [n for n in data["nodes"] if n["kind"] == "actor" and n["degree"] > 0]
    assert len(actors) == 3 and {n["label"] for n in actors} >= {"Philadelphia"}
    last = max((n for n in everyone["nodes"] if n["kind"] == "actor" and n["degree"] > 0), key=lambda n: n["rank"])
    assert last["id"] not in {n["id"] for n in actors}
    focused = page.page_data(GRAPH_TTL, focus=last["label"])
    ids = {n["id"] for n in focused["nodes"]}
    assert focused["focus"] == last["id"] and last["id"] in ids
    assert any(last["id"] in (s["source"], s["target"]) for s in focused["stances"])
    with pytest.raises(ValueError, match="no actor or topic is named 'Gotham'"):
        page.page_data(GRAPH_TTL, focus="Gotham")


def test_a_topic_only_graph_shows_topics_by_default():
    rdf = example_graph()
    for stance in ("s1", "s2", "s3", "s4"):
        rdf.remove((URIRef(EX + stance), None, None))
    data = page.page_data(rdf)
    assert data["topics"] is True and [n["label"] for n in data["nodes"] if n["kind"] == "topic"] == ["data sharing"]


def test_page_is_self_contained():
    html_page = viz.to_html(GRAPH_TTL)
    parser = Resources()
    parser.feed(html_page)
    assert all(url.startswith(("data:", "#")) for url in parser.urls), parser.urls
    assert "Content-Security-Policy" in html_page and "default-src 'none'" in html_page
    assert parser.tags.count("script") == 2 and "iframe" not in parser.tags
    outside_data = re.sub(r'<script type="application/json" id="graph-data">.*?</script>', "", html_page, flags=re.S)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", outside_data)
    assert "@import" not in html_page and not re.search(r"url\((?!#)", outside_data)  # only url(#marker)


def test_hostile_labels_are_escaped():
    html_page = viz.to_html(nasty_graph())
    # Two script elements only: the data cannot close its own.
    assert html_page.count("</script>") == 2 and html_page.count("<script") == 2
    assert "<img" not in html_page and "\u2028" not in html_page
    data = embedded_data(html_page)
    assert any(n["label"] == NASTY for n in data["nodes"])
    # The page puts data into the document only through textContent.
    for name in page._SCRIPTS:
        script = page.asset(name)
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


def test_title_is_escaped():
    html_page = viz.to_html(example_graph(), title="<b>Stances</b> & co")
    assert "<title>&lt;b&gt;Stances&lt;/b&gt; &amp; co</title>" in html_page


def test_html_is_deterministic(tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    viz.render(load_graph(GRAPH_TTL), first)
    viz.render(GRAPH_TTL, second)
    assert first.read_bytes() == second.read_bytes()


# --------------------------------------------------------------------------- pictures


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_pictures_are_deterministic(suffix, tmp_path):
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    viz.render(load_graph(GRAPH_TTL), first)
    viz.render(GRAPH_TTL, second)
    assert first.read_bytes() == second.read_bytes()
    if suffix == ".png":
        header = first.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert width >= 1600 and height >= 1000
    else:
        text = first.read_text(encoding="utf-8")
        assert "<svg" in text and "<dc:date>" not in text
        # Text stays text (searchable and editable), not glyph outlines.
        assert re.search(r"<text[^>]*>[^<]*Jim Kenney", text) and "Who is for or against whom</text>" in text


def test_network_figure_draws_the_top_actors_and_keeps_the_legend_outside():
    drawn = figure.network_figure(GRAPH_TTL)
    ax = drawn.axes[0]
    G = stance_graph(GRAPH_TTL)
    assert len(ax.patches) == len(edge_groups(G))
    labels = {t.get_text().replace("\n", " ") for t in ax.texts}
    assert {"Philadelphia", "Jim Kenney", "judge"} <= labels
    legend = drawn.legends[0]
    texts = [t.get_text() for t in legend.get_texts()]
    assert "1. Philadelphia's side" in texts and "2. ICE's side" in texts and any("against" in t for t in texts)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(drawn).get_renderer()
    assert legend.get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    few = figure.network_figure(GRAPH_TTL, top=3)
    assert len(few.axes[0].collections) == 3 and "The 3 actors with the most stances" in few.texts[1].get_text()


def test_pictures_of_graphs_without_stances(tmp_path):
    empty = Graph()
    for name in ("e.html", "e.png", "e.svg"):
        viz.render(empty, tmp_path / name)
        assert (tmp_path / name).stat().st_size > 500
    data = page.page_data(empty)
    assert data["nodes"] == [] and data["stances"] == []


def test_render_rejects_other_suffixes(tmp_path):
    with pytest.raises(ValueError, match="choose an .html, .png or .svg"):
        viz.render(example_graph(), tmp_path / "x.pdf")


# --------------------------------------------------------------------------- finding targets, timeline


def find(source, text):
    graph = records.open_graph(source)
    return targets.find_target(records.stance_records(graph), records.actor_records(graph), text)


def test_find_target():
    assert find(GRAPH_TTL, "ICE")[1] == "U.S. Immigration and Customs Enforcement"
    assert find(GRAPH_TTL, "philadelphia")[1] == "Philadelphia"
    iri, label = find(GRAPH_TTL, "cooperation")
    assert label == "cooperation with immigration enforcement" and "/topic/" in iri
    assert find(GRAPH_TTL, iri) == (iri, label)
    with pytest.raises(ValueError, match="no stance target matches 'Gotham'"):
        find(GRAPH_TTL, "Gotham")
    with pytest.raises(ValueError, match="empty"):
        find(GRAPH_TTL, "  ")


def test_ambiguous_target():
    rdf = example_graph()
    for name, label in (("t1", "water policy"), ("t2", "water prices")):
        topic, stance = URIRef(EX + name), URIRef(EX + name + "s")
        rdf.add((topic, RDFS.label, Literal(label)))
        rdf.add((stance, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), vocab.SKG.Stance))
        rdf.add((stance, vocab.SKG.holder, URIRef(EX + "city")))
        rdf.add((stance, vocab.SKG.polarity, Literal("favor")))
        rdf.add((stance, vocab.SKG.target, topic))
    with pytest.raises(ValueError, match="matches several stance targets: water policy, water prices"):
        find(rdf, "water")


def test_timeline_follows_story_time():
    label, slotted = timeline.timeline_records(GRAPH_TTL, "ICE")
    assert label == "U.S. Immigration and Customs Enforcement"
    assert slotted and all(r.polarity == "against" for r, _ in slotted)
    times = [r.time for r, _ in slotted]
    assert times == sorted(times)  # 12:44 before 2:25 before 3:15 p.m., whatever the order in the live blog
    assert slotted[0][1].label == "12:44 p.m."


def test_timeline_keeps_undated_articles_off_the_time_axis():
    rdf = example_graph()
    later = URIRef(EX + "doc2")
    rdf.add((later, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), vocab.SDO.NewsArticle))
    rdf.add((later, vocab.SDO.identifier, Literal("zz-undated")))
    rdf.add((later, vocab.SDO.headline, Literal("Quimby under fire")))
    stance = URIRef(EX + "s9")
    for p, o in ((URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), vocab.SKG.Stance),
                 (vocab.SKG.holder, URIRef(EX + "press")), (vocab.SKG.polarity, Literal("against")),
                 (vocab.SKG.target, URIRef(EX + "mayor")), (vocab.SKG.targetActor, URIRef(EX + "mayor")),
                 (vocab.SDO.appearance, later)):
        rdf.add((stance, p, o))
    _, slotted = timeline.timeline_records(rdf, "Quimby")
    slots = [slot for _, slot in slotted]
    assert [s.undated for s in slots] == [False, False, True]
    assert slots[-1].label == "Quimby under fire" and "zz-undated" not in slots[-1].label
    drawn = timeline.timeline_figure(rdf, "Quimby")
    assert any("undated articles" in t.get_text() for t in drawn.axes[0].texts)


VIEWS = {"timeline": (["--timeline", "Philadelphia"], "Stances toward Philadelphia over time"),
         "focus": (["--focus", "kenney"], "Around Jim Kenney")}


@pytest.mark.parametrize("view, suffix", [("timeline", ".png"), ("timeline", ".svg"), ("timeline", ".html"),
                                          ("focus", ".png"), ("focus", ".svg")])
def test_timeline_and_focus_outputs(view, suffix, tmp_path, capsys):
    args, heading = VIEWS[view]
    target = tmp_path / f"{view}{suffix}"
    assert main(["viz", str(GRAPH_TTL), "-o", str(target), *args]) == 0
    assert target.stat().st_size > 1000
    if suffix == ".png":
        return
    text = target.read_text(encoding="utf-8")
    assert "<svg" in text and heading in text
    if suffix == ".html":
        assert "judge" in text and "<script" not in text
    if view == "focus":
        assert "Customs Enforcement" in text and "Trump administration" not in text  # not tied to Kenney


def test_cli_viz_errors_are_one_line(tmp_path, capsys):
    for args, message in ((["--timeline", "Gotham"], "no stance target matches 'Gotham'"),
                          (["--focus", "Gotham"], "no actor or topic is named 'Gotham'"),
                          (["--focus", "Kenny"], "no actor or topic is named 'Kenny' (near: Jim Kenney)"),
                          (["--focus", "Kenney", "--timeline", "ICE"], "--focus and --timeline do not go together"),
                          (["--top", "0"], "--top must be at least 1")):
        suffix = ".html" if "--focus" in args and "--timeline" not in args else ".png"
        assert main(["viz", str(GRAPH_TTL), "-o", str(tmp_path / f"t{suffix}"), *args]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"kg: error: {message}") and err.count("\n") == 1, err
    assert main(["viz", str(GRAPH_TTL), "-o", str(tmp_path / "t.gif")]) == 1


def test_cli_focus_opens_the_page_on_an_actor(tmp_path, capsys):
    target = tmp_path / "kenney.html"
    assert main(["viz", str(GRAPH_TTL), "-o", str(target), "--focus", "Kenney"]) == 0
    assert embedded_data(target.read_text(encoding="utf-8"))["focus"].endswith("/actor/jim-kenney")


def test_focus_takes_any_actor_in_the_graph_and_any_topic():
    from kg.analysis.figure import network_figure

    reader = records.read(GRAPH_TTL)
    tied = {r.holder for r in reader.stances} | {r.target_actor for r in reader.stances}
    quiet = sorted(iri for iri in reader.actors if iri not in tied)
    assert quiet, "the seed has an actor without stances"
    label = reader.actors[quiet[0]].label
    texts = [t.get_text() for t in network_figure(reader, focus=label.upper()).texts]
    assert f"Around {label}" in texts and any(f"No stance ties {label}" in t for t in texts)
    assert page.page_data(GRAPH_TTL, focus=label)["focus"] == quiet[0]
    drawn = network_figure(reader, focus="cooperation with immigration enforcement")
    labels = [t.get_text() for t in drawn.axes[0].texts]
    assert "Philadelphia" in labels and any(t.startswith("cooperation with") for t in labels)


def test_committed_pictures_are_well_formed():
    """output/actors.html is a self-contained page and output/actors.png a large PNG.

    They are rebuilt with the README's Quickstart whenever output/graph.ttl changes; this checks
    their form, not that they are current.
    """
    html_path, png_path = ROOT / "output" / "actors.html", ROOT / "output" / "actors.png"
    if not html_path.exists() or not png_path.exists():
        pytest.skip("output/actors.html or output/actors.png not built")
    html_page = html_path.read_text(encoding="utf-8")
    parser = Resources()
    parser.feed(html_page)
    assert all(url.startswith(("data:", "#")) for url in parser.urls)
    data = embedded_data(html_page)
    assert data["nodes"] and data["stances"] and data["camps"]
    header = png_path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(header[16:20], "big") >= 1600
