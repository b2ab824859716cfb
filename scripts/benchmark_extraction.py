"""Extraction throughput on the Wanzhou report, next to a single regular-expression pass as the floor.

    .venv/bin/python scripts/benchmark_extraction.py [--repeat N] [PATH]

Prints characters per second for (a) one `re.finditer` pass for numbers over the same text,
(b) the full extraction from decoded text to both tables, (c) the same including reading the file,
and the ratio of (b) to (a). Best of N runs (default 20) after a warm-up.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import govreport  # noqa: E402
from govreport.text import numerals  # noqa: E402
from govreport.text.report import read_report  # noqa: E402

FLOOR = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def best_of(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT / "data" / "raw" / "wanzhou-2024.txt"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    report = read_report(args.path)
    text = report.text
    n = len(text)
    floor = best_of(lambda: sum(1 for _ in FLOOR.finditer(text)), args.repeat)
    def cold(fn):  # no help from the token memo of an earlier run on the same text
        def run():
            numerals._tokens.cache_clear()
            return fn()
        return run

    core = best_of(cold(lambda: govreport.extract_report(report)), args.repeat)
    full = best_of(cold(lambda: govreport.extract(args.path)), args.repeat)
    ex = govreport.extract(args.path)
    print(f"input: {args.path} ({n:,} characters, {len(ex.indicators)} indicator rows, "
          f"{len(ex.non_indicators)} non-indicator numbers)")
    print(f"regex floor (one finditer pass): {n / floor:>14,.0f} chars/s  ({floor * 1e3:.3f} ms)")
    print(f"extraction (text -> tables):     {n / core:>14,.0f} chars/s  ({core * 1e3:.3f} ms)")
    print(f"extraction incl. reading file:   {n / full:>14,.0f} chars/s  ({full * 1e3:.3f} ms)")
    print(f"extraction / floor: {core / floor:.1f}x slower")


if __name__ == "__main__":
    main()
