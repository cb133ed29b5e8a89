"""The Dask worker plugin of :mod:`kg.run.distributed`, in a module of its own so that importing
:mod:`kg.run.distributed` (every ``kg build`` does, for its error type) does not import Dask
(0.14 s of start-up); this module is imported when a cluster is used."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from .parallel import load_worker_state


class LoadModel(WorkerPlugin):
    """Worker plugin: load the spaCy pipeline when a worker starts (and on workers that join later)."""

    name = "stancekg-model"

    def __init__(self, model: str, use_polarity: bool) -> None:
        self.model, self.use_polarity = model, use_polarity

    def setup(self, worker) -> None:
        load_worker_state(self.model, self.use_polarity)
