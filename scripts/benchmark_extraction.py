"""Extraction throughput over every report in the repository, next to a one-pass regex floor; command-line start-up.

    .venv/bin/python scripts/benchmark_extraction.py [--repeat N] [--cli-repeat M] [PATH ...]

For each report (default: data/raw/*.txt, data/raw/corpus/*.txt without the English .en.txt, tests/data/reports/*)
it measures, in the same run and on the same decoded text:

* the floor: one ``re.finditer`` pass for numbers over the text;
* text to tables: ``read_report(text=...)`` (input checks, metadata, structure: paragraphs, sentences, sections)
  and ``extract_report`` (tokens, quantities, indicator and non-indicator tables);
* file to tables: ``govreport.extract(path)``, i.e. the same plus reading and decoding the file.

Every ``functools.lru_cache`` in the package is cleared before each run, so no run is helped by an earlier one on
the same text. Each report's time is the median of N runs (default 5); the lines printed are medians over the
reports (characters per second, and the ratio to the floor).

Then the command line: median wall time of M runs (default 9) of a bare ``python -c pass``, ``govreport --help``,
``govreport extract`` on a missing file and on a text that is not a report (help, errors and bad input must answer
in well under 0.2 s: nothing heavy is imported for them).
"""

from __future__ import annotations

import argparse
import functools
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govreport.extraction.pipeline import extract, extract_report  # noqa: E402
from govreport.text.reading import load  # noqa: E402
from govreport.text.report import read_report  # noqa: E402

FLOOR = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def default_reports() -> list[Path]:
    paths = sorted((ROOT / "data" / "raw").glob("*.txt"))
    paths += sorted(p for p in (ROOT / "data" / "raw" / "corpus").glob("*.txt") if not p.name.endswith(".en.txt"))
    paths += sorted(p for p in (ROOT / "tests" / "data" / "reports").iterdir() if p.is_file() and p.suffix != ".md")
    return paths


def clear_caches() -> int:
    """Clear every lru_cache of every loaded govreport module; returns how many were cleared."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not (name == "govreport" or name.startswith("govreport.")):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()
                cleared += 1
    return cleared


def median_time(fn, repeat: int, cold: bool = True) -> float:
    fn()  # warm-up: imports, regex compilation
    times = []
    for _ in range(repeat):
        if cold:
            clear_caches()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cli_times(repeat: int) -> list[tuple[str, float]]:
    exe = Path(sys.executable)
    govreport_bin = exe.parent / "govreport"
    cli = [str(govreport_bin)] if govreport_bin.exists() else [str(exe), "-m", "govreport.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        prose = Path(tmp) / "prose.txt"
        prose.write_text("今天天气很好，我们去公园散步。\n", encoding="utf-8")
        commands = [
            ("python -c pass (bare start)", [str(exe), "-c", "pass"]),
            ("govreport --help", [*cli, "--help"]),
            ("govreport extract <missing file>", [*cli, "extract", str(Path(tmp) / "missing.txt")]),
            ("govreport extract <not a report>", [*cli, "extract", str(prose)]),
        ]
        out = []
        for label, cmd in commands:
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                subprocess.run(cmd, capture_output=True)
                times.append(time.perf_counter() - t0)
            out.append((label, statistics.median(times)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="reports (default: every report in the repository)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per report (median)")
    parser.add_argument("--cli-repeat", type=int, default=9, help="runs per command-line case (median)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    paths = [Path(p) for p in args.paths] or default_reports()

    rows = []
    for path in paths:
        text = load(path).text
        n = len(text)
        floor = median_time(lambda: sum(1 for _ in FLOOR.finditer(text)), args.repeat, cold=False)
        core = median_time(lambda: extract_report(read_report(text=text)), args.repeat)
        full = median_time(lambda: extract(path), args.repeat)
        rows.append((path, n, floor, core, full))

    chars = sum(r[1] for r in rows)
    print(f"reports: {len(rows)} ({chars:,} characters; {args.repeat} runs each, median; every lru_cache cleared "
          f"before each run: {clear_caches()} caches)")
    med = statistics.median
    print(f"regex floor (one finditer pass):          {med(r[1] / r[2] for r in rows):>13,.0f} chars/s")
    print(f"text to tables (read, structure, extract): {med(r[1] / r[3] for r in rows):>13,.0f} chars/s  "
          f"({med(r[3] for r in rows) * 1e3:.0f} ms per report)")
    print(f"file to tables (extract(path)):           {med(r[1] / r[4] for r in rows):>13,.0f} chars/s  "
          f"({med(r[4] for r in rows) * 1e3:.0f} ms per report)")
    print(f"text to tables / floor: median {med(r[3] / r[2] for r in rows):.0f}x slower "
          f"(range {min(r[3] / r[2] for r in rows):.0f}-{max(r[3] / r[2] for r in rows):.0f}x)")
    print("command line (median of %d runs): " % args.cli_repeat
          + "; ".join(f"{label} {seconds:.2f} s" for label, seconds in cli_times(args.cli_repeat)))


if __name__ == "__main__":
    main()
