"""Extraction quality on every labelled report: found, spurious, names, period, kind.

    .venv/bin/python scripts/evaluate_extraction.py            # summary per report
    .venv/bin/python scripts/evaluate_extraction.py --details  # with every miss and mismatch
    .venv/bin/python scripts/evaluate_extraction.py --heldout  # the held-out labels (first round)
    .venv/bin/python scripts/evaluate_extraction.py --heldout heldout2  # the second round
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import govreport  # noqa: E402
from govreport.extraction.evaluation import load_labels, score  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"
REPORTS = {
    "wanzhou-2024": (ROOT / "data" / "raw" / "wanzhou-2024.txt", True),
    "hailaer-2019": (ROOT / "tests" / "data" / "reports" / "hailaer-2019.gb18030.txt", False),
    "zhejiang-2026": (ROOT / "tests" / "data" / "reports" / "zhejiang-2026.txt", False),
    "fujian-2026": (ROOT / "tests" / "data" / "reports" / "fujian-2026.txt", False),
}
# the development corpus: every corpus report with a token label file is labelled in full
for _label in sorted(LABELS.glob("*.csv")):
    _report = ROOT / "data" / "raw" / "corpus" / f"{_label.stem}.txt"
    if _label.stem not in REPORTS and _report.exists():
        REPORTS[_label.stem] = (_report, True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and mismatch")
    parser.add_argument("--heldout", nargs="?", const="heldout", default=None, metavar="ROUND",
                        help="score a round of held-out labels (tests/data/labels/ROUND/, default heldout), "
                             "made after the rules were written")
    parser.add_argument("reports", nargs="*")
    args = parser.parse_args()
    labels = LABELS / args.heldout if args.heldout else LABELS
    reports = REPORTS if not args.heldout else {
        p.stem: (ROOT / "data" / "raw" / "corpus" / f"{p.stem}.txt", True) for p in sorted(labels.glob("*.csv"))}
    for name in args.reports or list(reports):
        path, complete = reports[name]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ex = govreport.extract(path)
        s = score(ex.indicators, ex.non_indicators, load_labels(labels / f"{name}.csv"), name, complete)
        print(s.summary() + f" | aspect {s.aspect:.1%} | scope {s.scope:.1%}" + ("" if complete else " (sample labels)"))
        if args.details:
            for title, items in (("missed", s.misses), ("wrong name", s.wrong_names),
                                 ("wrong period/kind", s.wrong_period_kind), ("spurious", s.extra_rows)):
                for item in items:
                    print(f"  {title}: {item}")


if __name__ == "__main__":
    main()
