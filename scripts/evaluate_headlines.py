"""Headline cells against hand labels, per report: labelled, right, wrong, missing, extra; core measures.

    .venv/bin/python scripts/evaluate_headlines.py                     # tests/data/labels/headlines/*.csv
    .venv/bin/python scripts/evaluate_headlines.py --labels DIR        # another folder of label files
    .venv/bin/python scripts/evaluate_headlines.py --details out.csv   # every scored cell, for reading

For every label file ``<report>.csv`` (format: tests/data/labels/HEADLINES-SPEC.md) the report
``data/raw/corpus/<report>.txt`` is extracted and linked, the statement of each headline cell is chosen
as the derived measures choose it (govreport.derivation.headlines.cells), and the cells are scored
(govreport.derivation.headlines.score).  ``core`` is how many of the report-level measures of the
results year (measures.csv) govreport.derive gives a value for, with the years it reads from the data.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

import govreport  # noqa: E402
from govreport.derivation import glossary, headlines, measures as measures_mod  # noqa: E402
from govreport.derivation.statements import Statements  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels" / "headlines"
CORPUS = ROOT / "data" / "raw" / "corpus"


def core_measures(linked: pd.DataFrame) -> tuple[int, int, dict]:
    """(available, total) report-level measures for the results year, and the years used."""
    stmts = Statements(linked)
    table, _ = measures_mod.compute(stmts)
    report_level = {m.key for m in measures_mod.definitions() if m.applies_to == "report"}
    rows = table[(table["scope"] == "actual") & table["measure"].isin(report_level)]
    return int((rows["status"] != "not_available").sum()), len(report_level), dict(stmts.years)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS, help="folder of <report>.csv label files")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of <report>.txt reports")
    parser.add_argument("--details", type=Path, help="write every scored cell to this CSV")
    args = parser.parse_args()
    files = sorted(args.labels.glob("*.csv"))
    if not files:
        print(f"no label files in {args.labels}", file=sys.stderr)
        return 2
    header = f"{'report':<20}{'labelled':>9}{'right':>7}{'wrong':>7}{'missing':>8}{'extra':>7}{'right%':>8}  core  years (data)"
    print(header)
    print("-" * len(header))
    totals = dict.fromkeys(("labelled", "right", "wrong", "missing", "extra"), 0)
    core_total = core_n = 0
    details = []
    for f in files:
        report = f.stem
        text_path = args.corpus / f"{report}.txt"
        labels = pd.read_csv(f, dtype=str, keep_default_na=False)
        if not text_path.is_file():
            print(f"{report:<20} no report text at {text_path}")
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ex = govreport.extract(text_path)
        linked = glossary.link(ex.indicators, ex.report.metadata.level)
        actual_year, target_year = headlines.label_years(labels)
        stmts = Statements(linked, actual_year, target_year)
        scored = headlines.score(headlines.cells(stmts), labels)
        counts = headlines.summary(scored)
        for k in totals:
            totals[k] += counts[k]
        avail, n, years = core_measures(linked)
        core_total += avail
        core_n += n
        pct = 100 * counts["right"] / counts["labelled"] if counts["labelled"] else float("nan")
        print(f"{report:<20}{counts['labelled']:>9}{counts['right']:>7}{counts['wrong']:>7}{counts['missing']:>8}"
              f"{counts['extra']:>7}{pct:>7.1f}%  {avail:>2}/{n}  {years['actual']}/{years['target']}")
        details.append(scored.assign(report=report))
    pct = 100 * totals["right"] / totals["labelled"] if totals["labelled"] else float("nan")
    print("-" * len(header))
    print(f"{'total':<20}{totals['labelled']:>9}{totals['right']:>7}{totals['wrong']:>7}{totals['missing']:>8}"
          f"{totals['extra']:>7}{pct:>7.1f}%  {core_total}/{core_n}")
    if args.details and details:
        out = pd.concat(details, ignore_index=True)
        out = out[["report"] + [c for c in out.columns if c != "report"]]
        out.to_csv(args.details, index=False)
        print(f"details: {args.details}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
