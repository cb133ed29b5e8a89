"""--jobs N: worker processes give exactly the output of one process."""

from __future__ import annotations

import pickle

from conftest import wikinews

IDS = ["GUM_news_worship", "GUM_news_stampede", "GUM_news_crane", "GUM_news_asylum", "GUM_news_flag"]


def test_pack_keeps_each_mention_rule_across_pickling(nlp):
    from kg.extract.ingest import analyse_structure
    from kg.extract.records import pack, unpack
    from kg.extract.pipeline import extract

    (text,) = wikinews(["GUM_news_asylum"]).values()
    (result,) = extract(nlp, [analyse_structure("asylum", text)])
    rules = [[local.reasons.get(id(m), "name") for m in local.mentions] for local in result.actors]
    assert any(rule != "name" for local in rules for rule in local)
    copy = unpack(pickle.loads(pickle.dumps(pack(result))))
    assert [[local.reasons.get(id(m), "name") for m in local.mentions] for local in copy.actors] == rules


def test_chunks_come_back_in_input_order():
    from kg.run.parallel import chunked

    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_jobs_2_output_is_byte_identical_to_jobs_1(tmp_path, monkeypatch):
    import kg.run.parallel
    from kg.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    for doc_id, text in wikinews(IDS).items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(kg.run.parallel, "CHUNK_DOCS", 2)  # several chunks per worker
    assert main(["build", str(folder), "-o", str(tmp_path / "one.ttl"), "-q"]) == 0
    assert main(["build", str(folder), "-o", str(tmp_path / "two.ttl"), "-q", "--jobs", "2"]) == 0
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes()
    assert main(["build", str(folder), "-o", str(tmp_path / "x.ttl"), "-q", "--jobs", "0"]) == 1
