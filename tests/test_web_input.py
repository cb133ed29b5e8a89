"""Web pages and web archives end to end: through the real spaCy pipeline into the graph.

Nothing from a page's chrome (menus, "Most read" and related-link lists, comments, captions)
may become an actor, claim or stance; a page's dates reach stance-summary; a WARC of pages builds
the graph its pages build as files; document ids round-trip through their IRIs.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from rdflib import Literal, URIRef

from kg.cli import main
from kg.extract.ingest import Skipped
from kg.extract.readers import read_documents
from kg.graph.sparql import run_query

PAGES = Path(__file__).resolve().parent / "data" / "html"
SCHEMA = "https://schema.org/"
#: Lines the extractor keeps that the gold leaves out, as defensible content: a standfirst.
STANDFIRSTS = {"Business owners say the wall will cut them off from the water.",
               "The plan will fund 30 new diagnostic centres."}
#: Pages given a WARC record each below (they name their canonical URL, so files and WARC agree).
WARC_PAGES = {"div_soup_sidebar": "https://exampletimes.example/business/steel-tariffs-carmakers-prices-20250218.html",
              "live_blog": "https://theledger.example/politics/live/2024/mar/06/budget-day-live",
              "comments_page": "https://millbrookobserver.example/2022/06/14/county-scraps-library-closures/"}


@pytest.fixture(scope="module")
def page_build(nlp, polarity):
    from kg.extract.nlp import model_description
    from kg.extract.pipeline import extract, merge

    results = list(extract(nlp, read_documents(sorted(PAGES.glob("*.html"))), polarity))
    return results, merge(results, model_description(nlp))


def test_nothing_comes_from_a_pages_chrome(page_build):
    """Every mention, claim and stance lies on a line of the page's gold main text."""
    results, _ = page_build
    assert len(results) == 15
    checked = 0
    for result in results:
        document = result.document
        allowed = set((PAGES / f"{document.id}.txt").read_text(encoding="utf-8").splitlines()) | STANDFIRSTS

        def line_of(start: int, end: int) -> str:
            first = document.text.rfind("\n", 0, start) + 1
            last = document.text.find("\n", end)
            return document.text[first:last if last >= 0 else len(document.text)]

        spans = [(m.start, m.end) for actor in result.actors for m in actor.mentions]
        spans += [(c.start, c.end) for c in result.claims] + [(s.start, s.end) for s in result.stances]
        for start, end in spans:
            assert line_of(start, end) in allowed, (document.id, document.text[start:end])
            checked += 1
    assert checked > 100  # the pages do yield actors, claims and stances from their bodies
    _, build = page_build
    labels = " ".join(a.label for a in build.actors)
    for chrome in ("Israel", "Gaza", "Donnelly should", "Gary Hollis", "Linda Park", "Jess Wong", "Tom Reyes"):
        assert chrome not in labels, chrome


def test_page_metadata_reaches_the_graph_stance_summary_and_timeline(page_build):
    from kg.analysis.records import stance_records
    from kg.extract.pipeline import merge
    from kg.graph.rdf import to_graph

    results, _ = page_build  # two of the pages (stance-summary over rdflib is slow on all of them)
    graph = to_graph(merge([r for r in results if r.document.id in ("div_soup_sidebar", "live_blog")], "test-model"))
    doc = URIRef("https://w3id.org/stancekg/id/doc/div_soup_sidebar")
    assert graph.value(doc, URIRef(SCHEMA + "headline")) == Literal("Steel makers welcome new tariffs as carmakers warn of price rises")
    assert graph.value(doc, URIRef(SCHEMA + "datePublished")) == Literal("2025-02-18T07:05:00+00:00")
    assert graph.value(doc, URIRef(SCHEMA + "dateModified")) == Literal("2025-02-18T11:32:00+00:00")
    assert (graph.value(doc, URIRef(SCHEMA + "author")), graph.value(doc, URIRef(SCHEMA + "publisher"))) == (Literal("Owen Blake"),
                                                                               Literal("Example Times"))
    assert graph.value(doc, URIRef(SCHEMA + "inLanguage")) == Literal("en")
    live = URIRef("https://w3id.org/stancekg/id/doc/live_blog")
    assert sorted(graph.objects(live, URIRef(SCHEMA + "author"))) == [Literal("Grace Kim"), Literal("Tom Ellis")]
    rows = run_query(graph, "stance-summary").as_dicts()
    seen = {(row["first_seen"], row["last_seen"]) for row in rows if str(doc) in row["docs"].split("|")}
    assert seen == {("2025-02-18T07:05:00+00:00", "2025-02-18T07:05:00+00:00")}
    in_blog = [row for row in rows if row["docs"] == str(live)]
    assert in_blog and all(row["first_seen"].startswith("2024-03-06T") for row in in_blog)
    assert any(row["first_seen"] == "2024-03-06T13:40:00" for row in in_blog)  # at the 1:40 p.m. update
    dated = [r for r in stance_records(graph) if r.document == str(doc)]
    assert dated and all(r.date == "2025-02-18T07:05:00+00:00" for r in dated)


# --------------------------------------------------------------------------- WARC


def write_warc(path: Path) -> Path:
    """A small crawl: three pages (one fetched twice), a redirect, a 404, an image, a request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(writer, uri, body, status="200 OK", content_type="text/html; charset=utf-8"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for name, uri in WARC_PAGES.items():
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=request))
            response(writer, uri, (PAGES / f"{name}.html").read_bytes())
        response(writer, WARC_PAGES["live_blog"] + "?page=1", (PAGES / "live_blog.html").read_bytes())
        response(writer, "https://theledger.example/old", b"", status="301 Moved Permanently")
        response(writer, "https://theledger.example/gone", b"<html>Not found</html>", status="404 Not Found")
        response(writer, "https://theledger.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    return path


def test_a_warc_reads_like_its_pages_and_counts_what_it_skips(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz")
    problems: list[Skipped] = []
    from_warc = list(read_documents([warc], problems.append))
    from_files = list(read_documents([PAGES / f"{name}.html" for name in WARC_PAGES]))
    assert [d.id for d in from_warc] == list(WARC_PAGES.values())
    for page, file in zip(from_warc, from_files):
        assert dataclasses.replace(page, id=file.id, source_path=file.source_path) == file
    (note,) = problems
    assert not note.fatal and note.records == 4
    assert note.reason == ("3 pages read; skipped 2 responses not status 200, 1 response not HTML, "
                           "1 duplicate payload")
    plain = write_warc(tmp_path / "crawl.warc")
    assert [d.text for d in read_documents([plain])] == [d.text for d in from_warc]


def test_a_warc_builds_the_graph_of_its_pages_as_files(tmp_path, nlp, polarity):
    from kg.extract.pipeline import extract, merge
    from kg.graph.rdf import serialize, to_graph

    warc = write_warc(tmp_path / "crawl.warc.gz")
    renamed = [dataclasses.replace(d, id=uri) for d, uri in
               zip(read_documents([PAGES / f"{name}.html" for name in WARC_PAGES]), WARC_PAGES.values())]

    def graph_of(documents):
        return serialize(to_graph(merge(list(extract(nlp, documents, polarity)), "test-model")), "nt")

    from_warc = graph_of(read_documents([warc]))
    assert from_warc == graph_of(renamed)
    assert "Gaza" not in from_warc and "Donnelly should resign" not in from_warc


def test_warc_with_store_and_jobs_gives_the_single_process_graph(tmp_path, capsys):
    warc = write_warc(tmp_path / "crawl.warc.gz")
    assert main(["build", str(warc), "-o", str(tmp_path / "one.nt")]) in (0, None)
    err = capsys.readouterr().err
    assert "crawl.warc.gz: 3 pages read; skipped 2 responses not status 200" in err
    assert "kg: 3 documents, 4 skipped:" in err
    assert main(["build", str(warc), "--store", str(tmp_path / "store"), "--jobs", "2", "-o",
                 str(tmp_path / "two.nt"), "--quiet"]) in (0, None)
    one = set((tmp_path / "one.nt").read_text(encoding="utf-8").splitlines())
    two = set((tmp_path / "two.nt").read_text(encoding="utf-8").splitlines())
    assert one == two and any("schema.org/datePublished" in line for line in one)


def test_broken_or_empty_warc_is_one_clear_error(tmp_path, capsys):
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage that is not gzip")
    assert main(["build", str(tmp_path / "bad.warc.gz"), "-o", str(tmp_path / "g.ttl")]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line == f"kg: error: {tmp_path / 'bad.warc.gz'}: not a readable WARC file (broken gzip data)"
    assert not (tmp_path / "g.ttl").exists()


# --------------------------------------------------------------------------- ids and language


def test_jsonl_ids_round_trip_through_the_document_iri(tmp_path, capsys):
    ids = ["policy-", "a/b c#?&%20é", "  padded ", "42", "x.y", "Ünïcødé–dash"]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": f"Mayor Ann Lee said the plan {n} had failed."}) + "\n"
                            for n, i in enumerate(ids)), encoding="utf-8")
    assert [d.id for d in read_documents([path])] == ids
    output = tmp_path / "g.ttl"
    assert main(["build", str(path), "-o", str(output), "--quiet"]) in (0, None)
    from kg.graph.rdf import load_graph

    graph = load_graph(output)
    documents = {str(s): str(o) for s, o in graph.subject_objects(URIRef(SCHEMA + "identifier"))}
    assert sorted(documents.values()) == sorted(ids)
    assert all(unquote(iri.rsplit("/", 1)[1]) == identifier for iri, identifier in documents.items())
    claims = run_query(graph, "claims").as_dicts()
    assert sorted(unquote(row["doc"].rsplit("/", 1)[1]) for row in claims) == sorted(ids)


def test_same_file_name_in_two_folders_is_two_documents(tmp_path):
    for folder, text in (("a", "Mayor Ann Lee praised the plan."), ("b", "Mayor Ann Lee criticized the plan.")):
        (tmp_path / "news" / folder).mkdir(parents=True)
        (tmp_path / "news" / folder / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "news" / "a" / "story.md").write_text("Governor Bo Kim said no.", encoding="utf-8")
    (tmp_path / "news" / "alone.txt").write_text("Senator Al Roe said yes.", encoding="utf-8")
    problems: list[Skipped] = []
    documents = list(read_documents([tmp_path / "news"], problems.append))
    assert [d.id for d in documents] == ["a/story.md", "a/story.txt", "alone", "b/story.txt"]
    assert not problems
    # the same ids whatever the order or the way the inputs are named
    again = read_documents([tmp_path / "news" / "b", tmp_path / "news" / "alone.txt", tmp_path / "news" / "a"])
    assert sorted(d.id for d in again) == sorted(d.id for d in documents)


def test_non_english_pages_are_skipped_with_a_warning(tmp_path, capsys):
    german = ("<html lang='{lang}'><body><article><p>Der Bürgermeister hat am Dienstag den Haushalt der Stadt "
              "abgelehnt, weil er zu tief in die Schulen einschneide. Die Opposition kritisierte ihn scharf.</p>"
              "</article></body></html>")
    (tmp_path / "de.html").write_text(german.format(lang="de"), encoding="utf-8")
    (tmp_path / "guess.html").write_text(german.replace(" lang='{lang}'", ""), encoding="utf-8")
    (tmp_path / "en.html").write_bytes((PAGES / "amp_page.html").read_bytes())
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "g.ttl")]) in (0, None)
    err = capsys.readouterr().err
    assert f"kg: warning: {tmp_path / 'de.html'}: page declares language 'de', not English; skipped" in err
    assert f"kg: warning: {tmp_path / 'guess.html'}: page reads as language 'de', not English; skipped" in err
    assert "kg: 1 document, 2 skipped:" in err


def test_a_warcs_non_english_pages_are_counted_in_its_note(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    german = ("<html lang='de'><body><p>Der Bürgermeister hat am Dienstag den Haushalt der Stadt abgelehnt, weil er "
              "zu tief in die Schulen einschneide.</p></body></html>").encode("utf-8")
    path = tmp_path / "mixed.warc"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        for uri, body in (("https://a.example/de", german), ("https://a.example/en", (PAGES / "amp_page.html").read_bytes())):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    problems: list[Skipped] = []
    assert [d.id for d in read_documents([path], problems.append)] == ["https://a.example/en"]
    assert [(p.reason, p.records, p.fatal) for p in problems] == [("1 page read; skipped 1 page not in English", 1, False)]
