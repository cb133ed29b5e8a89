"""The HTML actor graph in a real browser: headless Chromium driven by Playwright.

Needs Debian's chromium (``apt-get install -y chromium``) and Playwright's Python package
(``pip install playwright``; its own browser download is not used). Skipped when either is missing.

Besides the seed, the page is tried on graphs of 1, 10 and 100 real articles (GUM Wikinews from
tests/data, then PolNeAR dev from ../shared/corpora, never copied here; the 100-article graph is
skipped when PolNeAR is absent). They are built once per session with the session's spaCy
pipeline and kept in a cache keyed by the input and the extraction code (``KG_TEST_CACHE``,
default ``~/.cache/stancekg-tests``), so only the first run after a change pays for parsing.
Screenshots go to the test's temporary folder, or to ``KG_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.analysis import page as page_module
from kg.analysis import viz
from kg.analysis.example import example_graph

ROOT = Path(__file__).resolve().parent.parent
GRAPH_TTL = ROOT / "output" / "graph.ttl"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NASTY = 'Mayor "Joe" </script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> & 🚀'

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpora  # noqa: E402  (benchmarks/corpora.py: the same corpus the benchmarks use)


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
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if url != self.url]

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def edge_point(self, edge_id: str) -> dict:
        """A point on the drawn curve (not its bounding box), in page pixels: the one nearest its
        middle where no other edge, node or label lies on top of it."""
        return self.page.evaluate("""(id) => {
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

    def node_point(self, node_id: str) -> dict:
        return self.page.evaluate("""(id) => {
            const r = document.querySelector(`[data-node-id="${CSS.escape(id)}"] .shape`).getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }""", node_id)

    def labels(self) -> list[dict]:
        """The boxes of the labels on screen, as the browser lays them out."""
        return self.page.evaluate("""() => [...document.querySelectorAll('.node text.label')]
            .filter(t => getComputedStyle(t).display !== 'none')
            .map(t => { const r = t.getBoundingClientRect();
                        return {id: t.parentNode.dataset.nodeId, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })""")

    def close(self) -> None:
        self.context.close()


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5 and a["y0"] < b["y1"] - 0.5 and b["y0"] < a["y1"] - 0.5]


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "actors.html"
    viz.render(GRAPH_TTL, path)
    return path, page_module.page_data(GRAPH_TTL)


@pytest.fixture
def page(browser, seed):
    loaded = Page(browser, seed[0])
    yield loaded
    loaded.close()


def test_loads_offline_without_errors(page):
    assert page.errors == []
    assert page.outside_requests() == []


def test_draws_the_actors_with_stances_between_actors(page, seed):
    data = seed[1]
    with_stances = [n for n in data["nodes"] if n["kind"] == "actor" and n["degree"] > 0]
    assert page.count("[data-node-id]") == len(with_stances) <= data["cap"]
    assert page.count(".node.topic") == 0  # topics are optional
    drawn = {(s["source"], s["target"], s["polarity"]) for s in data["stances"]
             if any(n["id"] == s["target"] for n in with_stances)}
    assert page.count("[data-edge-id]") == len(drawn)
    assert page.page.locator("#status").inner_text().startswith(f"{len(with_stances)} of {len(with_stances)} actors")


def test_hovering_and_clicking_an_edge_shows_its_evidence(page, seed):
    data = seed[1]
    title = data["documents"][0]["title"]
    for edge_id in page.page.eval_on_selector_all("[data-edge-id]", "els => els.map(e => e.dataset.edgeId)"):
        page.page.mouse.move(*page.edge_point(edge_id).values())
        panel = page.page.locator("#evidence")
        assert panel.get_attribute("data-showing") == f"edge:{edge_id}"
        text = panel.inner_text()
        assert title in text and "confidence" in text and "http" not in text and "rule" not in text
        assert panel.locator("blockquote mark").count() >= 1
    page.page.mouse.click(*page.edge_point("e0").values())
    assert page.count('[data-edge-id="e0"].selected') == 1
    page.page.mouse.move(5, 300)  # leaving the edge keeps a clicked edge's evidence
    assert page.page.locator("#evidence").get_attribute("data-showing") == "edge:e0"
    assert page.errors == []


def test_clicking_an_actor_focuses_on_it(page, seed):
    kenney = next(n for n in seed[1]["nodes"] if n["label"] == "Jim Kenney")
    page.page.mouse.click(*page.node_point(kenney["id"]).values())
    panel = page.page.locator("#evidence")
    assert panel.locator("h2").inner_text() == "Jim Kenney"
    assert panel.locator("li .claim-text").count() == len(kenney["claims"]) > 0
    assert "Stances it takes" in panel.inner_text()
    assert page.page.locator("#status").inner_text().startswith("Around Jim Kenney")
    assert page.count(".node.focus") == 1 and page.page.locator("#overview").is_visible()
    page.page.locator("#overview").click()
    assert page.count(".node.focus") == 0 and panel.get_attribute("data-showing") is None


def test_nodes_can_be_dragged(page, seed):
    node = next(n for n in seed[1]["nodes"] if n["label"] == "Philadelphia")
    start = page.node_point(node["id"])
    page.page.mouse.move(start["x"], start["y"])
    page.page.mouse.down()
    page.page.mouse.move(start["x"] + 60, start["y"] + 40, steps=5)
    page.page.mouse.up()
    moved = page.node_point(node["id"])
    assert abs(moved["x"] - start["x"] - 60) < 2 and abs(moved["y"] - start["y"] - 40) < 2
    assert page.count(".node.focus") == 0  # a drag is not a click


def test_filters_lay_the_picture_out_again(page, seed):
    before = page.count("[data-edge-id]")
    page.page.locator("#show-against").uncheck()
    assert 0 < page.count("[data-edge-id]") < before
    assert page.count(".edge.against") == 0
    page.page.locator("#show-against").check()
    page.page.locator("#show-topics").check()
    assert page.count(".node.topic") >= 2
    assert not overlapping(page.labels())
    page.page.locator("#show-topics").uncheck()
    page.page.locator("#cap").select_option("5")
    assert page.count("[data-node-id]") == 5
    page.page.locator("#min-confidence").fill("0.8")
    page.page.locator("#min-confidence").dispatch_event("change")
    assert page.page.locator("#min-confidence-value").inner_text() == "0.80"
    assert page.errors == []


def test_search_focuses_on_the_best_match(page, seed):
    page.page.locator("#search").fill("kenney")
    assert page.count(".node.match") == 1
    page.page.locator("#search").press("Enter")
    assert page.page.locator("#evidence h2").inner_text() == "Jim Kenney"


def test_legend_and_zoom_keep_labels_readable(page, seed):
    legend = page.page.locator("#legend").inner_text()
    assert "1. Philadelphia's side" in legend and "2. ICE's side" in legend
    assert "against" in legend and "for" in legend
    assert len([line for line in legend.splitlines() if line.strip()]) <= 10  # a legend of a few entries
    before = {b["id"]: b for b in page.labels()}
    page.page.mouse.move(500, 400)
    page.page.mouse.wheel(0, -600)
    page.page.wait_for_timeout(100)
    after = {b["id"]: b for b in page.labels()}
    common = set(before) & set(after)
    assert len(common) >= 2  # zooming in: some nodes leave the view, the rest keep their labels
    for node in common:  # labels keep their size on screen; the nodes move apart
        assert abs((after[node]["y1"] - after[node]["y0"]) - (before[node]["y1"] - before[node]["y0"])) < 1
    assert not overlapping(page.labels())
    page.page.locator("#reset-view").click()


def test_hostile_labels_stay_text(browser, tmp_path):
    rdf = example_graph()
    mayor = URIRef("https://example.org/mayor")
    rdf.remove((mayor, RDFS.label, None))
    rdf.add((mayor, RDFS.label, Literal(NASTY)))
    path = tmp_path / "nasty.html"
    viz.render(rdf, path)
    loaded = Page(browser, path)
    try:
        assert loaded.errors == [] and loaded.outside_requests() == []
        assert loaded.page.evaluate("window.pwned === undefined")
        loaded.page.mouse.click(*loaded.node_point("https://example.org/mayor").values())
        assert loaded.page.locator("#evidence h2").inner_text() == NASTY
        assert loaded.page.locator("img").count() == 0
    finally:
        loaded.close()


# --------------------------------------------------------------------------- 1, 10 and 100 articles


def _code_hash() -> str:
    digest = hashlib.sha256()
    for folder in ("extract", "graph"):
        for path in sorted((ROOT / "kg" / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".json", ".tsv", ".txt", ".rq", ".npz"}:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def built_graph(request, count: int) -> Path:
    """The graph of the first ``count`` articles of benchmarks/corpora.py, as N-Triples, cached
    (spaCy is loaded only when the cache has no graph for this input and code)."""
    from kg.extract.readers import read_documents
    from kg.extract.nlp import model_description
    from kg.graph.rdf import to_graph
    from kg.extract.pipeline import merge
    from kg.run.engine import DEFAULT_MODEL, extractor

    records = corpora.articles(count)
    if len(records) < count or (count > len(corpora.gum_articles()) and not corpora.polnear_articles("dev")):
        pytest.skip(f"{count} articles need PolNeAR in ../shared/corpora")
    cache = Path(os.environ.get("KG_TEST_CACHE", Path.home() / ".cache" / "stancekg-tests"))
    key = hashlib.sha256(repr([(r["id"], r["text"]) for r in records]).encode() + _code_hash().encode()).hexdigest()[:16]
    path = cache / f"articles-{count}-{key}.nt"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    nlp = request.getfixturevalue("nlp")
    source = cache / f"articles-{count}.jsonl"
    corpora.write_corpus(count, source)
    with extractor(DEFAULT_MODEL, nlp=nlp, jobs=2 if count > 20 else 1) as run:
        results = list(run(read_documents([source])))
    graph = to_graph(merge(results, model_description(nlp)))
    partial = path.with_suffix(".part")
    graph.serialize(partial, format="nt", encoding="utf-8")
    partial.rename(path)
    return path


@pytest.fixture(scope="session", params=[1, 10, 100], ids=lambda n: f"{n}-articles")
def corpus_page(request, tmp_path_factory):
    graph = built_graph(request, request.param)
    folder = Path(os.environ.get("KG_SCREENSHOTS", tmp_path_factory.mktemp(f"articles-{request.param}")))
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"actors-{request.param}.html"
    viz.render(graph, html_path)
    return request.param, html_path, page_module.page_data(graph)


def test_the_default_view_at_corpus_scale(browser, corpus_page):
    """At most the cap of nodes, no two visible labels overlapping, and hovering an arrow shows an
    article's title (not an id); a screenshot is kept."""
    count, html_path, data = corpus_page
    loaded = Page(browser, html_path)
    try:
        loaded.page.screenshot(path=str(html_path.with_suffix(".png")))
        assert loaded.errors == [] and loaded.outside_requests() == []
        nodes = loaded.count("[data-node-id]")
        between = {s["source"] for s in data["stances"]} | {s["target"] for s in data["stances"]}
        assert 0 < nodes <= data["cap"]
        if len([n for n in data["nodes"] if n["kind"] == "actor" and n["degree"] > 0]) >= data["cap"]:
            assert nodes == data["cap"]
        labels = loaded.labels()
        assert not overlapping(labels), overlapping(labels)
        assert len(labels) >= 0.6 * nodes  # most labels are shown, not hidden to avoid overlaps
        shown = loaded.page.eval_on_selector_all("[data-node-id]", "els => els.map(e => e.dataset.nodeId)")
        assert set(shown) <= between
        edge_ids = loaded.page.eval_on_selector_all("[data-edge-id]", "els => els.map(e => e.dataset.edgeId)")
        assert edge_ids
        loaded.page.mouse.move(*loaded.edge_point(edge_ids[0]).values())
        panel = loaded.page.locator("#evidence")
        assert panel.get_attribute("data-showing") == f"edge:{edge_ids[0]}"
        text = panel.inner_text()
        titles = [d["title"] for d in data["documents"]]
        assert any(title in text for title in titles)
        assert "http" not in text and not any(r["id"] in text for r in corpora.articles(count))
        tooltip = loaded.page.locator(f'[data-edge-id="{edge_ids[0]}"] title').text_content()
        assert "\u2192" in tooltip and "http" not in tooltip
    finally:
        loaded.close()
