"""Python's cyclic garbage collector during a build.

A build holds large, long-lived object graphs: the spaCy pipeline and the polarity model (loaded
once) and the results of every article until they are merged. With the interpreter's defaults
(a young-generation collection every 700 allocations, a full one whenever the long-lived objects
grew by a quarter) the collector scans these again and again: 1.3 s of CPU per 200 PolNeAR
articles, a sixth of all that kg does besides parsing. Nothing here changes what is built.

- :func:`settle` moves the loaded models out of the collector's sight (``gc.freeze``): they are
  never garbage, so there is no point in scanning them.
- :func:`fewer_collections` collects less often while a build runs; cycles (a parsed document
  and its per-document caches, see :func:`kg.extract.nlp.release_caches`) are still collected,
  just in larger batches.
- :func:`no_collections` turns the collector off for a block that makes no reference cycles:
  building a graph and writing it (tuples, terms, strings); it would otherwise scan the growing
  graph again and again (0.25-0.35 s of CPU for 200 PolNeAR articles) to find nothing.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

#: Collection thresholds during a build (the interpreter's defaults: 700, 10, 10).
BUILD_THRESHOLDS = (10_000, 50, 100)


def settle() -> None:
    """Collect what loading left behind, then exempt every object alive now from later
    collections (call it once the models are loaded)."""
    gc.collect()
    gc.freeze()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with :data:`BUILD_THRESHOLDS`, then restore the thresholds it found."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def no_collections() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off, then turn it back on if it was on.
    Memory is still freed as usual when the last reference goes; only cycles wait for the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
