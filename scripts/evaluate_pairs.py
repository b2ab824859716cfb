"""Target-result pairs of the corpus series against the hand-labelled pairs (tests/data/labels/pairs/*.csv).

    .venv/bin/python scripts/evaluate_pairs.py            # per series: pairs labelled, right, wrong, missing
    .venv/bin/python scripts/evaluate_pairs.py --details  # every pair that is not right

A labelled pair is right when the corpus table has the pair (region, key, year, metric) with the same target value
and qualifier, the same result value (or none, where the label has none), and both numbers taken from the
labelled places (the target's and the result's start offsets). Pairs whose label has neither a target nor a
result (an explicit absence with no number) are right when the table has no target value either.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govreport.corpus.run import build_corpus  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels" / "pairs"
CORPUS = ROOT / "data" / "raw" / "corpus"
QUALIFIER_FORMS = {"": "", "以上": "以上", "不低于": "不低于", "左右": "左右", "以内": "以内", "range": "range"}


def _num(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _same(a, b) -> bool:
    a, b = _num(a), _num(b)
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9))


def _int(x) -> int | None:
    v = _num(x)
    return None if v is None or v < 0 else int(v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    labels = {p.stem: list(csv.DictReader(p.open(encoding="utf-8", newline=""))) for p in sorted(LABELS.glob("*.csv"))}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the manifest states each report's region, level and year
        result = build_corpus([str(CORPUS / "manifest.csv")], None, workers=0, cache=False, progress=False)
    t = result.tables["targets_vs_results"]
    got = {(r["region"], r["key"], int(r["year"]), r["metric"]): r for r in t.to_dict("records")}
    regions = sorted({r for r, *_ in got}, key=len)

    def full_region(short: str) -> str:  # the labels name a region shortly (海拉尔区 for 内蒙古自治区呼伦贝尔市海拉尔区)
        return next((r for r in regions if r.endswith(short)), short)
    total = defaultdict(lambda: [0, 0, 0, 0])  # labelled, right, wrong, missing
    for series, rows in labels.items():
        for lab in rows:
            key = (full_region(lab["region"]), lab["key"], int(lab["year"]), lab["metric"])
            tally = total[series]
            tally[0] += 1
            row = got.get(key)
            if row is None:
                if _num(lab["target"]) is None:
                    tally[1] += 1
                    continue
                tally[3] += 1
                if args.details:
                    print(f"  missing {series} {key}: target {lab['target']}{lab['target_qualifier']} at "
                          f"{lab['target_report']}:{lab['target_start']}, actual {lab['actual'] or '-'}")
                continue
            problems = []
            if not _same(row["target"], lab["target"]):
                problems.append(f"target {row['target']} (labelled {lab['target']})")
            if (row["target_qualifier"] if isinstance(row["target_qualifier"], str) else "") != lab["target_qualifier"]:
                problems.append(f"qualifier {row['target_qualifier']!r} (labelled {lab['target_qualifier']!r})")
            if _num(lab["target"]) is not None and _int(row["target_start"]) != _int(lab["target_start"]):
                problems.append(f"target at {row['target_start']} (labelled {lab['target_start']})")
            if not _same(row["actual"], lab["actual"]):
                problems.append(f"actual {row['actual']} (labelled {lab['actual'] or 'none'})")
            elif _num(lab["actual"]) is not None and _int(row["actual_start"]) != _int(lab["actual_start"]):
                problems.append(f"actual at {row['actual_start']} (labelled {lab['actual_start']})")
            if problems:
                tally[2] += 1
                if args.details:
                    print(f"  wrong {series} {key}: " + "; ".join(problems))
            else:
                tally[1] += 1
    print(f"{'series':12} {'labelled':>8} {'right':>6} {'wrong':>6} {'missing':>8} {'right%':>7}")
    grand = [0, 0, 0, 0]
    for series, (n, right, wrong, missing) in total.items():
        print(f"{series:12} {n:8d} {right:6d} {wrong:6d} {missing:8d} {right / n:7.1%}")
        grand = [a + b for a, b in zip(grand, (n, right, wrong, missing))]
    print(f"{'total':12} {grand[0]:8d} {grand[1]:6d} {grand[2]:6d} {grand[3]:8d} {grand[1] / grand[0]:7.1%}")


if __name__ == "__main__":
    main()
