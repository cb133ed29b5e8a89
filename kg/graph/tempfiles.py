"""Temporary files and folders that name their owner, so that a later run can remove what a
killed run left behind (``.graph.ttl.1234.x8y.tmp``, ``kg-store-1234-…``) without touching the
files of a run that is still going."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

#: Temporary files of the old naming (no process id) are removed once this old (seconds).
_UNOWNED_AGE = 3600.0


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def owned_prefix(name: str) -> str:
    """The prefix of this process's temporary files for ``name``: ``.NAME.PID.``."""
    return f".{name}.{os.getpid()}."


def _matching(folder: Path, pattern: re.Pattern) -> list[tuple[os.DirEntry, re.Match]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [(entry, found) for entry in entries if (found := pattern.fullmatch(entry.name))]


def remove_abandoned_outputs(target: Path) -> None:
    """Remove the temporary files a killed run left beside ``target`` (never a live run's)."""
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(re.escape(f".{target.name}.") + r"(?:(\d+)\.)?[A-Za-z0-9_]{8}\.tmp")
    for entry, found in _matching(folder, pattern):
        try:
            if found.group(1) is not None:
                stale = not pid_alive(int(found.group(1)))
            else:
                stale = time.time() - entry.stat(follow_symlinks=False).st_mtime > _UNOWNED_AGE
            if stale and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:
            continue


def remove_abandoned_folders(parent: Path, prefix: str) -> None:
    """Remove folders ``PREFIX-PID-…`` under ``parent`` whose process is gone."""
    for entry, found in _matching(parent, re.compile(re.escape(prefix) + r"-(\d+)-\w+")):
        if entry.is_dir(follow_symlinks=False) and not pid_alive(int(found.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream to a temporary file beside ``path``, renamed onto ``path`` when the block
    ends without an error (and fsynced first); on any error the temporary file is removed. So a
    killed or failed write never leaves a half-written ``path``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(f"output folder '{folder}' does not exist")
    remove_abandoned_outputs(target)
    handle, temporary = tempfile.mkstemp(prefix=owned_prefix(target.name), suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        with open(temporary, "wb") as stream:  # named: helpers may put scratch files beside it
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` to ``path`` through :func:`atomic_output`."""
    with atomic_output(path) as stream:
        stream.write(content.encode("utf-8") if isinstance(content, str) else content)
