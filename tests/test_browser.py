"""The HTML actor graph in a real browser: headless Chromium driven by Playwright.

Needs Debian's chromium (``apt-get install -y chromium``) and Playwright's Python package
(``pip install playwright``; its own browser download is not used). Skipped when either is missing.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.analysis import network, viz

ROOT = Path(__file__).resolve().parent.parent
GRAPH_TTL = ROOT / "output" / "graph.ttl"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NASTY = 'Mayor "Joe" </script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> & 🚀'

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield browser
        browser.close()


class Page:
    """A page of ours loaded from a file://, recording every request and console error."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1500, "height": 950})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=10_000)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if url != self.url]

    def visible(self, selector: str) -> int:
        return self.page.locator(f"{selector}:not(.hidden)").count()

    def click_edge(self, edge_id: str) -> None:
        """A real mouse click on the drawn curve (not its bounding box), at the point nearest its
        middle where no other edge or node lies on top of it."""
        point = self.page.evaluate("""(id) => {
            const group = document.querySelector(`[data-edge-id="${id}"]`);
            const line = group.querySelector("path.line");
            const m = line.getScreenCTM(), length = line.getTotalLength();
            let first = null;
            for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                const p = line.getPointAtLength(length * f);
                const q = {x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f};
                first = first || q;
                if (group.contains(document.elementFromPoint(q.x, q.y))) return q;
            }
            return first;
        }""", edge_id)
        self.page.mouse.click(point["x"], point["y"])

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    rdf = network.as_rdf(GRAPH_TTL)
    path = tmp_path_factory.mktemp("viz") / "actors.html"
    viz.render(rdf, path)
    return rdf, path, viz.html_data(rdf)


@pytest.fixture
def page(browser, seed):
    loaded = Page(browser, seed[1])
    yield loaded
    loaded.close()


def test_loads_offline_without_errors(page):
    assert page.errors == []
    assert page.outside_requests() == []


def test_draws_every_node_and_edge(page, seed):
    rdf = seed[0]
    G = network.stance_graph(rdf)
    assert page.page.locator("[data-node-id]").count() == G.number_of_nodes()
    assert page.page.locator("[data-edge-id]").count() == len(network.edge_groups(G))
    # The same numbers straight from the RDF: actors, and distinct holder -> target actor, polarity.
    query = """SELECT (COUNT(DISTINCT ?a) AS ?actors) WHERE { ?a a skg:Actor }"""
    actors = int(rdf.query("PREFIX skg: <https://w3id.org/stancekg/ontology#> " + query).bindings[0]["actors"])
    edges = rdf.query("""PREFIX skg: <https://w3id.org/stancekg/ontology#>
        SELECT DISTINCT ?h ?t ?p WHERE { ?s a skg:Stance ; skg:holder ?h ; skg:targetActor ?t ; skg:polarity ?p
        FILTER(?h != ?t && ?p IN ("favor", "against")) }""")
    assert page.visible("[data-node-id]") == actors
    assert page.visible("[data-edge-id]") == len(list(edges))
    shown = page.page.locator("#status").inner_text()
    assert shown == f"{actors} actors, {len(list(edges))} edges shown"


def test_clicking_an_edge_shows_its_evidence(page, seed):
    data = seed[2]
    for edge in data["edges"]:
        page.click_edge(edge["id"])
        panel = page.page.locator("#evidence")
        assert panel.get_attribute("data-showing") == f"edge:{edge['id']}"
        text = panel.inner_text()
        for index in edge["stances"]:
            stance = data["stances"][index]
            assert stance["evidence"] in text
            assert f"confidence {stance['confidence']:.2f}" in text
        assert page.page.locator(f'[data-edge-id="{edge["id"]}"].selected').count() == 1
    assert page.errors == []


def test_hovering_an_edge_shows_its_evidence(page, seed):
    edge = seed[2]["edges"][-1]
    point = page.page.evaluate("""(id) => {
        const line = document.querySelector(`[data-edge-id="${id}"] path.line`);
        const p = line.getPointAtLength(line.getTotalLength() / 2), m = line.getScreenCTM();
        return {x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f};
    }""", edge["id"])
    page.page.mouse.move(point["x"], point["y"])
    assert seed[2]["stances"][edge["stances"][0]]["evidence"] in page.page.locator("#evidence").inner_text()


def test_clicking_a_node_lists_its_claims(page, seed):
    kenney = next(n for n in seed[2]["nodes"] if n["label"] == "Jim Kenney")
    page.page.locator(f'[data-node-id="{kenney["id"]}"] .shape').click()
    panel = page.page.locator("#evidence")
    assert panel.locator("h2").inner_text() == "Jim Kenney"
    assert panel.locator("li .claim-text").count() == len(kenney["claims"]) > 0
    text = panel.inner_text()
    assert all(claim["text"] in text for claim in kenney["claims"])
    # Clicking the background clears the selection.
    page.page.mouse.click(30, 900)
    assert panel.get_attribute("data-showing") is None


def test_filters(page, seed):
    data = seed[2]
    by_polarity = Counter(e["polarity"] for e in data["edges"])
    page.page.locator("#show-against").uncheck()
    assert page.visible("[data-edge-id]") == by_polarity["favor"]
    page.page.locator("#show-against").check()
    page.page.locator("#show-favor").uncheck()
    assert page.visible("[data-edge-id]") == by_polarity["against"]
    page.page.locator("#show-favor").check()
    # a minimum between the weakest and the strongest edge, so that the filter has work to do
    best = sorted(max(data["stances"][i]["confidence"] for i in e["stances"]) for e in data["edges"])
    cut = round(round((best[0] + best[-1]) / 2 / 0.05) * 0.05, 2)  # the slider moves in steps of 0.05
    page.page.locator("#min-confidence").fill(str(cut))
    strong = sum(1 for e in data["edges"] if any(data["stances"][i]["confidence"] >= cut for i in e["stances"]))
    assert 0 < strong < len(data["edges"])
    assert page.visible("[data-edge-id]") == strong
    page.page.locator("#min-confidence").fill("0")
    document = data["documents"][0]["id"]
    page.page.locator("#doc-filter").select_option(document)
    assert page.visible("[data-edge-id]") == sum(1 for e in data["edges"] if any(
        data["stances"][i]["doc"] == document for i in e["stances"]))
    assert page.visible("[data-node-id]") == sum(1 for n in data["nodes"] if document in n["docs"])
    page.page.locator("#doc-filter").select_option("")
    assert page.visible("[data-edge-id]") == len(data["edges"])
    assert page.errors == []


def test_search_box(page, seed):
    page.page.locator("#search").fill("kenney")
    matches = page.page.locator(".node.match")
    assert matches.count() == 1
    kenney = next(n for n in seed[2]["nodes"] if n["label"] == "Jim Kenney")
    assert matches.first.get_attribute("data-node-id") == kenney["id"]
    page.page.locator("#search").press("Enter")
    assert page.page.locator("#evidence h2").inner_text() == "Jim Kenney"


def test_legend_and_zoom(page, seed):
    legend = page.page.locator("#legend").inner_text()
    for camp in seed[2]["camps"]:
        assert camp["name"] in legend
    assert "against" in legend and "in favor of" in legend
    before = page.page.locator("#graph").get_attribute("viewBox")
    page.page.mouse.move(500, 400)
    page.page.mouse.wheel(0, -300)
    assert page.page.locator("#graph").get_attribute("viewBox") != before
    page.page.locator("#reset-view").click()
    assert page.page.locator("#graph").get_attribute("viewBox") == before


def test_hostile_labels_stay_text(browser, tmp_path):
    rdf = network.example_graph()
    mayor = URIRef("https://example.org/mayor")
    rdf.remove((mayor, RDFS.label, None))
    rdf.add((mayor, RDFS.label, Literal(NASTY)))
    path = tmp_path / "nasty.html"
    viz.render(rdf, path)
    loaded = Page(browser, path)
    try:
        assert loaded.errors == [] and loaded.outside_requests() == []
        assert loaded.page.evaluate("window.pwned === undefined")
        loaded.page.locator('[data-node-id="https://example.org/mayor"] .shape').click()
        assert loaded.page.locator("#evidence h2").inner_text() == NASTY
        assert loaded.page.locator("img").count() == 0
    finally:
        loaded.close()
