"""Benchmark: kg stats, kg viz and the canned queries on 100 and 1,000 real articles, from a store and a file.

    python benchmarks/bench_analysis.py                      # 100 and 1,000 articles (builds once, ~30 min)
    python benchmarks/bench_analysis.py --sizes 100 --work /tmp/stancekg-bench --repeat 3

The articles are GUM Wikinews (tests/data) and PolNeAR dev and train (read from ../shared/corpora,
never copied into the repository; see benchmarks/corpora.py). Each size is built once with
``kg build --store DIR --jobs 2`` into ``--work`` and exported to Turtle with ``kg export``; both
are kept and reused by later runs (delete the folder to rebuild after extraction changes).

Every command runs in a fresh process, as a user runs it; the table gives its wall time, its CPU
time (user + system, which the load of a shared machine disturbs less) and its peak resident
memory, each the best of ``--repeat`` runs. A command still running after ``--timeout`` seconds is
stopped and reported as such. Goals (issues 18 and 22): stats and viz on 1,000 articles in at most
15 s and 600 MiB; every canned query on a 1,000-article graph in at most 3 s including loading.

The canned queries from the file run twice: with ``--no-cache`` (the file loaded into memory, as
on the first query of a file kg did not write) and from the store ``kg query`` keeps of a large
file in its cache (:mod:`kg.graph.cache`, in a cache folder under ``--work``: put there by the
``kg export`` that wrote the file, or, for a file exported by an earlier run, made with
``python -m kg.graph.cache FILE``). A file under 8 MiB (about 100 articles) is never cached: both
columns load it.

Benchmarks are not tests: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

CANNED = ["actors", "attributions", "claims", "stances", "non_answers", "credits", "topics", "stance-summary"]


@dataclass(frozen=True)
class Run:
    """One command's wall seconds, CPU seconds and peak RSS (MiB); ``stopped`` past the timeout."""

    wall: float
    cpu: float
    peak: float
    stopped: bool = False


def measure(command: list[str], timeout: float) -> Run:
    """Run ``command`` in a fresh process and read its own resource use from the kernel (wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            _, status, usage = os.wait4(process.pid, 0)
            return Run(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, True)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best(command: list[str], repeat: int, timeout: float) -> Run:
    runs = []
    for _ in range(repeat):
        runs.append(measure(command, timeout))
        if runs[-1].stopped:  # once past the timeout, once is enough
            return runs[-1]
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), min(r.peak for r in runs))


def prepare(size: int, work: Path) -> tuple[Path, Path, int]:
    """The store and the Turtle file of ``size`` articles, built once; and how many articles."""
    kg = [sys.executable, "-m", "kg.cli"]
    work.mkdir(parents=True, exist_ok=True)
    store, ttl, jsonl = work / f"articles-{size}.store", work / f"articles-{size}.ttl", work / f"articles-{size}.jsonl"
    count = corpora.write_corpus(size, jsonl)
    if not store.exists():
        print(f"building {count} articles into {store} (once) ...", file=sys.stderr, flush=True)
        subprocess.run(kg + ["build", str(jsonl), "--store", str(store), "--jobs", "2"], check=True)
    if not ttl.exists():
        subprocess.run(kg + ["export", str(store), "-o", str(ttl)], check=True)
    return store, ttl, count


def _cell(run: Run, timeout: float) -> str:
    if run.stopped:
        return f"> {timeout:.0f} s (stopped)"
    return f"{run.wall:.1f} s / {run.cpu:.1f} s / {run.peak:.0f} MiB"


def bench(size: int, work: Path, repeat: int, timeout: float, only: str = "") -> list[str]:
    kg = [sys.executable, "-m", "kg.cli"]
    os.environ["KG_CACHE_DIR"] = str(work / "cache")
    store, ttl, count = prepare(size, work)
    out = work / "out"
    out.mkdir(exist_ok=True)
    import pyoxigraph as ox

    solutions = ox.Store.read_only(str(store)).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    triples = int(next(iter(solutions))["n"].value)
    rows = [f"\n**{count:,} articles** ({triples:,} triples; {ttl.stat().st_size / 2**20:.0f} MiB of Turtle); "
            "wall / CPU / peak memory, best of " + str(repeat), "",
            "| command | from the store | from the .ttl file | from the .ttl file, cached |", "|---|---:|---:|---:|"]
    subprocess.run(kg[:1] + ["-m", "kg.graph.cache", str(ttl)], check=True)  # nothing when kg export made it
    commands = [("kg stats", ["stats"], "stats.json"), ("kg viz (HTML page)", ["viz"], "actors.html"),
                ("kg viz (PNG)", ["viz"], "actors.png"), ("kg export (GraphML)", ["export"], "actors.graphml")]
    commands += [(f"kg query {name}", ["query"], f"{name}.csv") for name in CANNED]
    for title, verb, target in commands:
        if only and only not in title:
            continue
        cells = []
        for source, cached in ((store, False), (ttl, False), (ttl, True)):
            if verb == ["query"]:
                args = kg + ["query", str(source), title.split()[-1], "-f", "csv", "-o", str(out / target)]
                args += [] if cached or source == store else ["--no-cache"]
            elif cached:
                cells.append("")
                continue
            else:
                args = kg + verb + [str(source), "-o", str(out / target)]
            cells.append(_cell(best(args, repeat, timeout), timeout))
        rows.append(f"| {title} | {cells[0]} | {cells[1]} | {cells[2]} |")
        print(rows[-1], file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="article counts, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/stancekg-bench"), help="where the built graphs are kept")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a command is stopped")
    parser.add_argument("--only", default="", help="only the commands whose name contains this (e.g. query)")
    options = parser.parse_args()
    if not corpora.polnear_articles("dev"):
        print("PolNeAR is not in ../shared/corpora: only GUM articles are used", file=sys.stderr)
    load = os.getloadavg()[0]
    print(f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, load average {load:.1f} at start")
    for size in (int(s) for s in options.sizes.split(",")):
        print("\n".join(bench(size, options.work, options.repeat, options.timeout, options.only)))


if __name__ == "__main__":
    main()
