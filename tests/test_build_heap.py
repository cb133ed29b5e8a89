"""The garbage collector's settings during a build (kg.run.heap): set for the build, restored after."""

import gc

import pytest

from kg.run.heap import BUILD_THRESHOLDS, fewer_collections, no_collections, settle


def test_fewer_collections_sets_and_restores_thresholds():
    before = gc.get_threshold()
    assert before != BUILD_THRESHOLDS
    with fewer_collections():
        assert gc.get_threshold() == BUILD_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before


def test_no_collections_turns_the_collector_off_and_back_on():
    assert gc.isenabled()
    with no_collections():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), no_collections():
        raise RuntimeError("a failed write")
    assert gc.isenabled()
    gc.disable()
    try:
        with no_collections():
            pass
        assert not gc.isenabled()  # left off if it was off
    finally:
        gc.enable()


def test_settle_freezes_what_is_loaded():
    gc.unfreeze()
    loaded = [{"weights": i} for i in range(1000)]  # stands for a loaded model
    try:
        settle()
        assert gc.get_freeze_count() >= len(loaded)
    finally:
        gc.unfreeze()




def test_memory_is_tidied_during_extraction_without_changing_results(nlp, polarity, monkeypatch):
    from conftest import wikinews

    import kg.extract.pipeline as pipeline
    from kg.extract.ingest import analyse_structure
    from kg.extract.names import clean_name
    from kg.extract.polarity.features import char_ngrams
    from kg.graph.rdf import to_graph

    texts = wikinews(["GUM_news_afghan", "GUM_news_asylum", "GUM_interview_hill"])
    documents = [analyse_structure(i, t) for i, t in texts.items()]

    def triples() -> list[str]:
        graph = to_graph(pipeline.merge(list(pipeline.extract(nlp, documents, polarity)), "test-model"))
        return sorted(graph.serialize(format="nt").splitlines())

    monkeypatch.setattr(pipeline, "TIDY_DOCS", 1000)
    remembered = triples()
    assert clean_name.cache_info().currsize > 0 and char_ngrams.cache_info().currsize > 0
    emptied = []
    forget = pipeline.tidy_memory

    def forget_and_check():
        forget()
        emptied.append(clean_name.cache_info().currsize + char_ngrams.cache_info().currsize)

    monkeypatch.setattr(pipeline, "TIDY_DOCS", 1)
    monkeypatch.setattr(pipeline, "tidy_memory", forget_and_check)
    assert triples() == remembered and len(remembered) > 1000
    assert emptied == [0, 0, 0]
