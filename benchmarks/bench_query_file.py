"""Benchmark: every canned query on a large RDF file, each in a fresh ``kg`` process, paired.

    python benchmarks/bench_query_file.py big.ttl --mode loaded=.:- --mode cached=.:/tmp/cache
    python benchmarks/bench_query_file.py big.ttl --mode before=/tmp/main:- --mode after=.:- --rounds 3

A mode is ``NAME=CODE:CACHE``: ``CODE`` the source tree whose ``kg`` runs (put first on
PYTHONPATH; ``.`` for this one), ``CACHE`` the cache folder it uses (``KG_CACHE_DIR``), or ``-``
for ``--no-cache`` (the file loaded into memory, as on the first query of a file not in the
cache). For a cache to hold the file, make it first with ``kg build ... -o FILE`` or
``kg export STORE -o FILE`` under that ``KG_CACHE_DIR`` (or ``python -m kg.graph.cache FILE``).

Each round runs every query once in every mode, the modes one after another, so that the modes
meet the same load of a shared machine; wall and CPU seconds (user + system) and peak memory come
from the kernel (``os.wait4``). The table gives medians, the CPU ratio of the second mode to the
first taken round by round, and whether every mode wrote the same CSV, byte for byte.

Benchmarks are not tests: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["ASK {}", "actors", "attributions", "claims", "credits", "non_answers", "stance-summary", "stances",
           "topics"]


def run(code: str, cache: str, graph: Path, query: str, target: Path) -> tuple[float, float, float]:
    """One ``kg query`` process: (wall s, CPU s, peak MiB)."""
    env = {k: v for k, v in os.environ.items() if k not in {"KG_NO_CACHE", "PYTHONPATH"}}
    env["PYTHONPATH"] = str(ROOT if code == "." else Path(code).resolve())
    command = [sys.executable, "-m", "kg.cli", "query", str(graph), query, "-f", "csv", "-o", str(target)]
    if cache == "-":
        command.append("--no-cache")
    else:
        env["KG_CACHE_DIR"] = cache
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd="/")
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--mode", action="append", required=True, help="NAME=CODE:CACHE (see above), twice or more")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--queries", default=",".join(QUERIES), help="comma-separated")
    parser.add_argument("--out", type=Path, default=Path("/tmp/stancekg-bench-query"), help="where the CSVs go")
    options = parser.parse_args()
    modes = {name: spec.split(":", 1) for name, spec in (m.split("=", 1) for m in options.mode)}
    queries = options.queries.split(",")
    options.out.mkdir(parents=True, exist_ok=True)

    def target(mode: str, query: str) -> Path:
        return options.out / f"{mode}_{query.replace(' ', '').replace('{', '').replace('}', '')}.csv"

    times: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    print(f"load average {os.getloadavg()[0]:.1f} at start", file=sys.stderr)
    for _ in range(options.rounds):
        for query in queries:
            for mode, (code, cache) in modes.items():
                times.setdefault((query, mode), []).append(run(code, cache, options.graph, query, target(mode, query)))
    print(f"load average {os.getloadavg()[0]:.1f} at the end", file=sys.stderr)
    names = list(modes)
    print("| query | " + " | ".join(f"{n}: wall / CPU s / MiB" for n in names) + f" | CPU {names[1]} / {names[0]} | same CSV |")
    print("|---|" + "---:|" * (len(names) + 1) + "---|")
    for query in queries:
        cells = []
        for mode in names:
            runs = times[(query, mode)]
            cells.append(f"{statistics.median(r[0] for r in runs):.2f} / {statistics.median(r[1] for r in runs):.2f} / "
                         f"{max(r[2] for r in runs):.0f}")
        ratio = statistics.median(b[1] / a[1] for a, b in zip(times[(query, names[0])], times[(query, names[1])]))
        same = all(filecmp.cmp(target(names[0], query), target(n, query), shallow=False) for n in names[1:])
        print(f"| {query} | " + " | ".join(cells) + f" | {ratio:.2f}x | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
