"""A cache of the stores ``kg query`` loads RDF files into, so that a large file loads once.

Loading a 1,000-article graph (1.5M triples) into Oxigraph takes about 5 s of one core however it
is done (see README, Performance); querying a store already on disk takes a fraction of that. So
``kg query FILE`` keeps, for a file of at least :data:`MIN_BYTES`, a store of it in a folder
named by the SHA-256 of the file's bytes (with the format and the Oxigraph version, and, when the
file has relative IRIs, the base IRI they resolve against), and later queries of the same bytes
open that store read-only: a copy of a file elsewhere (same bytes, absolute IRIs only, as kg
writes them) opens the entry of the original. Entries come from two places:

* ``kg build -o FILE`` puts the file it writes in the cache. A large build already has the graph
  in a store on disk (its ``--store``, or the temporary store of more than 200 articles) and
  exports the file from it: the entry is a checkpoint of that store (:func:`add_store`: hard
  links to its files, the actor registry's named graph dropped), made in about a second, so
  even the first ``kg query`` of a freshly built file opens a store. A graph built in memory (up
  to 200 articles) is cached by the background process below, started when the file is written;
* the first query of a file not in the cache loads it into memory and answers from there, as
  without the cache; it then starts a background process (``python -m kg.graph.cache FILE``, at
  a lower priority) that loads the file once more into a store on disk, which takes it about
  twice the CPU time of the load in memory. A query started before that process is done loads
  the file into memory itself.

Changed bytes are a new key; the old entry ages out.

* where: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/stancekg/stores``, else ``~/.cache/stancekg/stores``;
  created private (0700); a cache folder another user owns or others can write to is not used;
* atomic: an entry is built in a temporary folder beside it and renamed into place when complete,
  so a reader never opens half a store; of two processes building one entry, one rename wins;
* bounded: after each new entry, the least recently used entries go until the cache holds at most
  ``$KG_CACHE_MAX_MB`` MiB (default :data:`DEFAULT_MAX_MB`), the new entry always kept;
* off with ``kg query --no-cache`` or ``KG_NO_CACHE=1``: the file is loaded into memory each time
  (``kg build --no-cache`` or ``KG_NO_CACHE=1``: the file written is not put in the cache).

Every check of :mod:`kg.graph.load` runs before the cache is looked at, hit or miss.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from .load import LoadError, check_file, load_store

#: Files smaller than this load into memory faster than a store folder is made (~100k triples).
MIN_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_MB = 2048
#: Changes when the way an entry is made changes (old entries are then never opened again).
CACHE_FORMAT = "2"
#: Formats whose parser refuses a relative IRI when given no base IRI (a JSON-LD parser drops it
#: instead, and an N3 one is not checked): only a file of these is tried without one.
_STRICT_FORMATS = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS,
                   ox.RdfFormat.RDF_XML)
#: A build's lock or partial folder this old belongs to a build that died.
STALE_SECONDS = 3600


def cache_dir() -> Path:
    """Where the cache lives (see the module's documentation)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stancekg" / "stores"


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes (0.1 s for 89 MiB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def entry_keys(path: Path, fmt: ox.RdfFormat, digest: str) -> tuple[str, str]:
    """The two names an entry of these bytes may have: one for a file without relative IRIs, whose
    triples are the same wherever it is (any copy of the bytes opens it), and one for a file whose
    relative IRIs resolve against where it is (with that base IRI). Both also hold the format and
    Oxigraph's version, which decide the store's content too."""
    common = f"stancekg-store-cache {CACHE_FORMAT}\n{ox.__version__}\n{fmt}\n"
    anywhere = hashlib.sha256(f"{common}\n{digest}\n".encode("utf-8")).hexdigest()
    here = hashlib.sha256(f"{common}{path.resolve().as_uri()}\n{digest}\n".encode("utf-8")).hexdigest()
    return anywhere, here


def _private_folder(folder: Path) -> bool:
    """Create ``folder`` (0700) if absent; True when it is ours and no one else may write to it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # Windows: the folder is under the user's own profile
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def cached_store(path: str | os.PathLike[str]) -> ox.Store:
    """The file at ``path`` as an Oxigraph store: the cache's, read-only, when it holds the file;
    else loaded into memory, and for a large file a background build of its cache entry started
    (:func:`start_build`). :class:`kg.graph.load.LoadError` for a file kg will not or cannot read,
    as :func:`kg.graph.load.load_store` raises it."""
    path = Path(path)
    fmt = check_file(path)
    folder = cache_dir()
    if path.stat().st_size < MIN_BYTES or not _private_folder(folder):
        return load_store(path)
    for key in entry_keys(path, fmt, file_digest(path)):  # an entry of the same bytes anywhere, else of this file
        store = _open(folder / key)
        if store is not None:
            return store
    store = load_store(path)
    start_build(path)
    return store


def start_build(path: Path) -> None:
    """Make the cache entry of ``path`` in a detached process at a lower priority (:func:`build`)."""
    try:
        subprocess.Popen([sys.executable, "-m", "kg.graph.cache", str(path.resolve())], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:  # no process to spare: the next query loads the file again
        pass


def build(path: str | os.PathLike[str]) -> Path | None:
    """Put the store of the file at ``path`` in the cache (unless there or being made); the entry,
    or None when the file is small, unreadable or the cache unusable. A file of
    :data:`_STRICT_FORMATS` is loaded without a base IRI first: if that works, it has no relative
    IRI and the entry serves every copy of its bytes; if not (and for other formats), it is loaded
    against its location into an entry of its own."""
    path = Path(path)
    found = _entry_for(path)
    if found is None:
        return None
    folder, fmt, keys = found
    for key in keys:
        if (folder / key / "CURRENT").is_file():
            _touch(folder / key)
            return folder / key

    def filler(located: bool):
        def fill(target: Path) -> bool:
            store = ox.Store(str(target))
            try:
                load_store(path, store, anywhere=not located)
                store.flush()
            finally:
                del store
            # False when the file changed meanwhile: the entry would not hold the bytes its name says
            return entry_keys(path, fmt, file_digest(path))[located] == keys[located]
        return fill

    for located in (False, True) if fmt in _STRICT_FORMATS else (True,):
        try:
            return _make_entry(folder / keys[located], filler(located))
        except LoadError:  # a relative IRI (tried again against the file's place) or a broken file
            continue
    return None


def add_store(path: str | os.PathLike[str], source: ox.Store) -> Path | None:
    """Put a copy of the on-disk store ``source`` in the cache as the entry of the file at ``path``,
    just written from it (``kg build -o FILE``): ``source``'s default graph holds the file's
    triples as loading the file gives them; its named graphs (the actor registry) are left out
    of the copy. The copy is a RocksDB checkpoint (hard links to the store's immutable files when
    the cache is on the same file system), so nothing is parsed or loaded. It is the entry of the
    bytes wherever they are: a store holds absolute IRIs only and kg writes them so (no base
    IRI), so a copy of the file elsewhere loads to the same triples. The entry, or None when the
    file is small, the cache unusable or the disk refuses."""
    found = _entry_for(Path(path))
    if found is None:
        return None
    folder, _, (anywhere, _) = found

    def fill(target: Path) -> bool:
        source.backup(str(target))
        store = ox.Store(str(target))
        try:
            for graph in list(store.named_graphs()):
                store.remove_graph(graph)
            store.flush()
        finally:
            del store
        return True

    return _make_entry(folder / anywhere, fill)


def _entry_for(path: Path) -> tuple[Path, ox.RdfFormat, tuple[str, str]] | None:
    """The cache folder, the file's format and the two names its entry may have
    (:func:`entry_keys`); None when the file is small or unreadable, or the cache folder unusable."""
    try:
        fmt = check_file(path)
        if path.stat().st_size < MIN_BYTES:
            return None
    except (LoadError, OSError):
        return None
    folder = cache_dir()
    if not _private_folder(folder):
        return None
    return folder, fmt, entry_keys(path, fmt, file_digest(path))


def build_later(path: str | os.PathLike[str]) -> None:
    """:func:`start_build` for a file large enough to be cached (``kg build -o FILE`` of a graph
    built in memory); nothing for a smaller one."""
    try:
        if Path(path).stat().st_size < MIN_BYTES:
            return
    except OSError:
        return
    start_build(Path(path))


def _make_entry(entry: Path, fill) -> Path | None:
    """Make ``entry`` (unless there or being made by another process): ``fill(folder)`` writes a
    store into a new folder, renamed to ``entry`` when it returns True. The entry, or None."""
    if (entry / "CURRENT").is_file():
        _touch(entry)
        return entry
    lock = entry.parent / f".lock-{entry.name}"
    if not _take(lock):
        return None  # another process is making it
    try:
        if not _fill(entry, fill):
            return None
        prune(entry.parent, keep=entry)
        return entry
    finally:
        lock.unlink(missing_ok=True)


def _take(lock: Path) -> bool:
    """Create ``lock``; a lock left an hour ago by a build that died is taken over."""
    for _ in range(2):
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return True
        except FileExistsError:
            try:
                if lock.stat().st_mtime > time.time() - STALE_SECONDS:
                    return False
                lock.unlink()
            except OSError:
                return False
        except OSError:
            return False
    return False


def _open(entry: Path) -> ox.Store | None:
    if not (entry / "CURRENT").is_file():
        return None
    try:
        store = ox.Store.read_only(str(entry))
    except OSError:  # damaged: made again
        shutil.rmtree(entry, ignore_errors=True)
        return None
    _touch(entry)
    return store


def _touch(entry: Path) -> None:
    try:
        os.utime(entry)  # most recently used
    except OSError:
        pass


def _fill(entry: Path, fill) -> bool:
    """Let ``fill`` write a store into a temporary folder beside ``entry`` and rename the folder to
    ``entry``; False if ``fill`` says no or the disk refuses."""
    partial = Path(tempfile.mkdtemp(prefix=f".{entry.name[:16]}-", dir=entry.parent))
    store_folder = partial / "store"  # a folder fill may create (a RocksDB checkpoint must)
    try:
        if not fill(store_folder):
            return False
        try:
            os.chmod(store_folder, 0o700)
            os.rename(store_folder, entry)
        except OSError:  # another process put the entry there first (or the disk refused)
            return (entry / "CURRENT").is_file()
        return True
    except OSError:
        return False
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def prune(folder: Path, keep: Path | None = None) -> None:
    """Drop the least recently used entries until the cache holds at most ``$KG_CACHE_MAX_MB`` MiB
    (``keep`` always stays); what builds that died left is dropped after :data:`STALE_SECONDS`."""
    try:
        limit = float(os.environ.get("KG_CACHE_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024
    except ValueError:
        limit = DEFAULT_MAX_MB * 1024 * 1024
    entries = []
    for child in folder.iterdir():
        try:
            used = child.stat().st_mtime
        except OSError:
            continue
        if child.name.startswith("."):  # a build's partial folder or lock
            if used < time.time() - STALE_SECONDS:
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
            continue
        entries.append((used, child, _size(child)))
    total = sum(size for _, _, size in entries)
    for used, child, size in sorted(entries):
        if total <= limit:
            break
        if keep is not None and child == keep:
            continue
        shutil.rmtree(child, ignore_errors=True)
        total -= size


def _size(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


if __name__ == "__main__":  # the background build started by start_build
    try:
        os.nice(10)
    except OSError:
        pass
    build(sys.argv[1])
