"""Numpy's BLAS on one thread while kg computes: parsing and the polarity model.

The products kg asks of BLAS are small (the parser's and the polarity model's layers over one
batch or one sentence). A multi-threaded OpenBLAS hands each one to its threads and spins while
waiting for them, which on busy cores costs more than the product: a (100x190)@(190x128) product
took 0.46 ms of CPU (3.2 ms wall) on OpenBLAS's 2 threads and 0.07 ms on one; parsing 80 news
articles took 9% less CPU on one thread. The results are the same bits (OpenBLAS's threads split
rows and columns, not the sums); ``--jobs`` is kg's parallelism.
"""

from __future__ import annotations

import numpy  # noqa: F401 - loads the BLAS library before threadpoolctl looks for it


class OneBlasThread:
    """Inside ``with``, every BLAS library loaded in the process runs on one thread; the thread
    counts are restored afterwards. The libraries are looked up once (threadpoolctl); entering and
    leaving then cost microseconds, so the block may be as small as one call."""

    def __init__(self) -> None:
        from threadpoolctl import ThreadpoolController
        self.libraries = ThreadpoolController().select(user_api="blas").lib_controllers
        self.saved: list[list[int]] = []  # a stack: the block may be entered again inside itself

    def __enter__(self) -> "OneBlasThread":
        self.saved.append([library.get_num_threads() for library in self.libraries])
        for library in self.libraries:
            library.set_num_threads(1)
        return self

    def __exit__(self, *exc: object) -> None:
        for library, threads in zip(self.libraries, self.saved.pop()):
            library.set_num_threads(threads)
