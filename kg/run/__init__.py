"""Build orchestration (:mod:`.engine`) and its engines: this process, worker processes
(:mod:`.parallel`), a Dask cluster (:mod:`.distributed`); and building into a store in segments
(:mod:`.store_build`)."""
