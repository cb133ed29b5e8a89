"""Extraction on a Dask LocalCluster (2 worker processes) gives the single-process output."""

from __future__ import annotations

import pytest

from conftest import wikinews

pytest.importorskip("distributed", reason="Dask is not installed (pip install 'dask[distributed]')")

IDS = ["GUM_news_worship", "GUM_news_stampede", "GUM_news_crane"]


def test_local_cluster_output_equals_single_process(tmp_path):
    from kg.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    for doc_id, text in wikinews(IDS).items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    from test_web_input import write_warc

    write_warc(folder / "crawl.warc.gz")  # a web archive's pages are created lazily by the reader, too
    assert main(["build", str(folder), "-o", str(tmp_path / "one.nt"), "-q", "--no-polarity-model"]) == 0
    assert main(["build", str(folder), "--store", str(tmp_path / "store"), "-o", str(tmp_path / "dask.nt"), "-q",
                 "--no-polarity-model", "--scheduler", "local:2"]) == 0
    from rdflib import Graph

    assert set(Graph().parse(tmp_path / "one.nt", format="nt")) == set(Graph().parse(tmp_path / "dask.nt", format="nt"))


def test_bad_scheduler_is_one_line_error(tmp_path, capsys):
    from kg.cli import main

    (tmp_path / "a.txt").write_text("The mayor said the plan was wrong.\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "g.ttl"), "-q", "--scheduler", "nowhere"]) == 1
    assert "give tcp://HOST:PORT or local:N" in capsys.readouterr().err
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "g.ttl"), "-q", "--scheduler", "local:2",
                 "--jobs", "2"]) == 1
