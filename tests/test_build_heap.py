"""The garbage collector's settings during a build (kg.run.heap): set for the build, restored after."""

import gc

import pytest

from kg.run.heap import BUILD_THRESHOLDS, fewer_collections, settle


def test_fewer_collections_sets_and_restores_thresholds():
    before = gc.get_threshold()
    assert before != BUILD_THRESHOLDS
    with fewer_collections():
        assert gc.get_threshold() == BUILD_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before


def test_settle_freezes_what_is_loaded():
    gc.unfreeze()
    loaded = [{"weights": i} for i in range(1000)]  # stands for a loaded model
    try:
        settle()
        assert gc.get_freeze_count() >= len(loaded)
    finally:
        gc.unfreeze()
