"""The second wall around SPARQL: run the engine where it has no network to reach.

:mod:`kg.graph.guard` refuses ``SERVICE`` by reading the query text; this module makes the
engine harmless should a query ever get past that reading. On Linux (x86-64 and arm64) a
seccomp filter is installed on the thread that runs the query (and, in ``kg serve``, on each
worker process): the ``socket`` system call (and io_uring, which can open sockets without it)
fails with EACCES, so Oxigraph's HTTP client cannot open a connection, not even to look up a
name. The filter is per thread and cannot be lifted, so the query runs on a thread of its own and
the rest of the process (a notebook, say) keeps its network. Elsewhere (macOS, Windows, other
CPUs, a kernel without seccomp) :func:`network_blocked` says so, and the text check stands alone.

The query thread also gets a large stack (virtual memory, used only as needed): Oxigraph parses
and plans queries recursively, and a deeply nested query must fail as an error, not a segfault.
"""

from __future__ import annotations

import ctypes
import platform
import struct
import sys
import threading
from typing import Callable, TypeVar

T = TypeVar("T")

#: Stack of a query thread; the main thread's 8 MiB overflowed on a 10,000-fold UNION.
QUERY_STACK = 256 * 1024 * 1024

_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_EACCES = 0x7FFF0000, 0x00050000 | 13
# (audit arch, syscalls to refuse: socket, socketpair, io_uring_setup, x32 syscalls allowed?)
_ARCHES = {
    "x86_64": (0xC000003E, (41, 53, 425), True),
    "amd64": (0xC000003E, (41, 53, 425), True),
    "aarch64": (0xC00000B7, (198, 199, 425), False),
    "arm64": (0xC00000B7, (198, 199, 425), False),
}
_lock = threading.Lock()


def _filter_program(arch: int, refused: tuple[int, ...], x32: bool) -> bytes:
    """A classic-BPF seccomp program: a foreign ABI or a refused syscall gets EACCES, all else runs."""
    ld_w_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    checks = ([(jge, 0x40000000)] if x32 else []) + [(jeq, number) for number in refused]
    deny = 4 + len(checks)  # index of the last instruction; jumps count from the next one
    program = [(ld_w_abs, 0, 0, 4),  # seccomp_data.arch
               (jeq, 0, deny - 2, arch),
               (ld_w_abs, 0, 0, 0)]  # seccomp_data.nr
    program += [(op, deny - (4 + i), 0, k) for i, (op, k) in enumerate(checks)]  # the x32 bit, then numbers
    program += [(ret, 0, 0, _RET_ALLOW), (ret, 0, 0, _RET_EACCES)]
    return b"".join(struct.pack("HBBI", *instruction) for instruction in program)


def block_network() -> bool:
    """Forbid this thread (and threads and processes it starts later) to open sockets.

    Irreversible. Returns whether the filter is in place (False where seccomp is unavailable).
    """
    if not sys.platform.startswith("linux"):
        return False
    arch = _ARCHES.get(platform.machine().lower())
    if arch is None:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    program = _filter_program(*arch)
    count = len(program) // 8
    buffer = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(count, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


def isolate_network() -> bool:
    """Move this process into a network namespace of its own (Linux): it can reach nothing.

    Tried before any thread starts (a new user namespace needs a single-threaded process).
    Returns whether it worked; unprivileged user namespaces are off on some systems and under
    Docker's default seccomp profile, where :func:`block_network` still holds.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    for flags in (clone_newnet, clone_newuser | clone_newnet):
        if libc.unshare(flags) == 0:
            return True
    return False


def network_blocked() -> bool:
    """Whether :func:`run_offline` can cut the engine off the network here (tried once, in a thread)."""
    return run_offline(lambda: _socket_refused())


def _socket_refused() -> bool:
    import socket

    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except PermissionError:
        return True
    return False


def run_offline(work: Callable[[], T]) -> T:
    """Run ``work`` on a thread with a large stack and, where the system allows, no network.

    Exceptions raised by ``work`` are raised here. The caller's thread keeps its network.
    """
    outcome: list = []

    def body() -> None:
        block_network()
        try:
            outcome.append((True, work()))
        except BaseException as error:  # noqa: BLE001 - handed back to the caller
            # Without its traceback: the frames hold pyoxigraph objects, which must be freed on
            # the thread that made them.
            outcome.append((False, error.with_traceback(None)))

    with _lock:  # stack_size is process-wide: set it only for this thread's creation
        previous = threading.stack_size()
        try:
            threading.stack_size(QUERY_STACK)
        except (ValueError, RuntimeError):
            pass
        try:
            thread = threading.Thread(target=body, name="kg-query", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    while thread.is_alive():
        thread.join(0.2)  # short waits, so Ctrl-C reaches the caller
    ok, value = outcome[0]
    if ok:
        return value
    raise value
