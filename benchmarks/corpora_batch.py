"""Build every shared corpus in one ``kg build`` batch and count what went wrong (issue 19).

    python benchmarks/corpora_batch.py                 # GUM + NewsMTSC + PolNeAR train, --jobs 2
    python benchmarks/corpora_batch.py --jobs 1 --keep out/

The corpora are read from ``../shared/corpora`` (skipped with a message when absent; PolNeAR's
texts never enter the repository). Each becomes a JSONL input with ids prefixed by its corpus:
GUM Wikinews articles, NewsMTSC sentences (train and both devtest files, one sentence an
article) and PolNeAR train articles. The batch runs as a user runs it, ``kg build ... --store``,
in its own process; the report gives the exit status, the summary line, the documents that
failed with an internal error (by id), other warnings by kind, and the wall time.

Done means: exit status 0 and zero internal errors.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ../shared/corpora beside the clone (or beside the folder of a git worktree).
SHARED = next((p / "shared" / "corpora" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "corpora").is_dir()), ROOT.parent / "shared" / "corpora")


def _inputs(shared: Path, folder: Path) -> list[Path]:
    """One kg JSONL file per corpus in ``folder``."""
    sources = {
        "gum": [shared / "gum_wikinews" / "articles.jsonl"],
        "newsmtsc": [shared / "newsmtsc" / name for name in ("train.jsonl", "devtest_mt.jsonl", "devtest_rw.jsonl")],
        "polnear": [shared / "polnear" / "train" / "articles.jsonl"],
    }
    written = []
    for corpus, files in sources.items():
        path = folder / f"{corpus}.jsonl"
        seen: set[str] = set()
        with open(path, "w", encoding="utf-8") as out:
            for source in files:
                with open(source, encoding="utf-8") as stream:
                    for line in stream:
                        record = json.loads(line)
                        doc_id = re.sub(r"[^\w.-]+", "_", f"{corpus}-{record['id']}")
                        if doc_id in seen:
                            continue
                        seen.add(doc_id)
                        article = {"id": doc_id, "text": record["text"]}
                        for key in ("title", "url"):
                            if record.get(key):
                                article[key] = record[key]
                        date = record.get("date_created") or record.get("publication_date")
                        if date:
                            article["date"] = date
                        out.write(json.dumps(article, ensure_ascii=False) + "\n")
        written.append(path)
        print(f"{corpus}: {len(seen)} documents", file=sys.stderr)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Keep the store and graph in this folder.")
    args = parser.parse_args()
    if not (args.shared / "polnear").is_dir():
        print(f"skipped: {args.shared} is absent", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="kg-batch-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        inputs = _inputs(args.shared, folder)
        command = [sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "--store", str(folder / "all.store"),
                   "-o", str(folder / "all.nt"), "--jobs", str(args.jobs)]
        started = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True)
        seconds = time.monotonic() - started
    lines = result.stderr.splitlines()
    failed = [line for line in lines if "internal error" in line]
    kinds = Counter(re.sub(r"^kg: warning: \S+: ", "", line)[:60] for line in lines
                    if line.startswith("kg: warning:") and "internal error" not in line)
    print(f"exit status {result.returncode} in {seconds:.0f} s")
    print("summary: " + next((line for line in reversed(lines) if line.startswith("kg: ") and "document" in line),
                             "(none)"))
    print(f"documents with an internal error: {len(failed)}")
    for line in failed:
        print("  " + line)
    for kind, count in kinds.most_common(10):
        print(f"other warnings: {count} x {kind}")
    if result.returncode not in (0, 1) or any(line.startswith("Traceback") for line in lines):
        print("\n".join(lines[-20:]))
    return 0 if result.returncode == 0 and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
