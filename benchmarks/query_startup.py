"""Whole-process cost of ``kg query``: start-up on a store, and canned queries on a Turtle file.

    python benchmarks/query_startup.py                       # a store built from seeds/, 15 pairs
    python benchmarks/query_startup.py --store news.store --graph graph.ttl --runs 21

Each figure is a whole process, as a user runs it, timed from outside: wall seconds (a monotonic
clock around the child) and CPU seconds (the child's user + system time from the OS). Runs are
paired and alternate (A B A B ...) so that the machine's drift hits both alike, and the medians
are reported with the median of the per-pair ratios.

1. ``kg query --store DIR 'ASK {}'`` against the floor: a bare Python that imports pyoxigraph,
   opens the same store read-only and asks the same thing (issue 22's target: <= 0.3 s wall).
2. Each canned query on ``--graph`` (loaded into Oxigraph in memory, as ``kg query FILE`` does).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]
FLOOR = ("import sys, pyoxigraph; store = pyoxigraph.Store.read_only(sys.argv[1]); "
         "print(bool(store.query('ASK {}')))")


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``command``, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(a: list[str], b: list[str], runs: int) -> dict[str, float]:
    timed(a), timed(b)  # warm the file cache
    pairs = [(timed(a), timed(b)) for _ in range(runs)]
    return {"a_wall": statistics.median(p[0][0] for p in pairs), "a_cpu": statistics.median(p[0][1] for p in pairs),
            "b_wall": statistics.median(p[1][0] for p in pairs), "b_cpu": statistics.median(p[1][1] for p in pairs),
            "ratio": statistics.median(p[0][0] / p[1][0] for p in pairs),
            "a_wall_max": max(p[0][0] for p in pairs), "a_wall_min": min(p[0][0] for p in pairs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="A store folder (default: built from seeds/).")
    parser.add_argument("--graph", type=Path, default=ROOT / "output" / "graph.ttl")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    scratch = None
    store = args.store
    if store is None:
        scratch = tempfile.mkdtemp(prefix="kg-bench-")
        store = Path(scratch) / "seed.store"
        subprocess.run([*KG, "build", str(ROOT / "seeds"), "--store", str(store), "-q"], check=True)
    try:
        start = paired([*KG, "query", "--store", str(store), "ASK {}"], [sys.executable, "-c", FLOOR, str(store)],
                       args.runs)
        print(f"| measure ({args.runs} pairs, medians) | wall s | cpu s |\n|---|---:|---:|")
        print(f"| `kg query --store S 'ASK {{}}'` | {start['a_wall']:.3f} (range {start['a_wall_min']:.3f}-"
              f"{start['a_wall_max']:.3f}) | {start['a_cpu']:.3f} |")
        print(f"| bare Python + pyoxigraph, same ASK | {start['b_wall']:.3f} | {start['b_cpu']:.3f} |")
        print(f"| ratio (pairwise median) | {start['ratio']:.2f}x | |")
        print(f"\n| canned query on {args.graph.name} (whole process, median of {max(3, args.runs // 3)}) | wall s "
              "| cpu s |\n|---|---:|---:|")
        from kg.graph.query import canned_names

        for name in canned_names():
            runs = [timed([*KG, "query", str(args.graph), name, "-f", "csv"]) for _ in range(max(3, args.runs // 3))]
            print(f"| {name} | {statistics.median(r[0] for r in runs):.3f} | "
                  f"{statistics.median(r[1] for r in runs):.3f} |")
        print(f"\n({os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end)")
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
