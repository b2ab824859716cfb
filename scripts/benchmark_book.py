"""Time a full build of the book from a clean tree and one papermill re-run.

    .venv/bin/python scripts/benchmark_book.py      (or: make benchmark)

"Clean tree": the default book's build folder and the cached chart bundle are removed first, so the
build includes staging, writing the vega bundle, running every notebook and Jupyter Book.
The re-run executes one notebook with papermill for another report, as `papermill` on the command
line would (kernel start included). Aims on a 2-core machine: book < 60 s, re-run < 5 s.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REPORT = "data/raw/wanzhou-2024.txt"
OTHER = "tests/data/reports/fujian-2026.txt"
NOTEBOOK = "notebooks/02-summarize-economy.ipynb"


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> int:
    for path in (ROOT / "build" / "book" / "wanzhou-2024", ROOT / "build" / "cache"):
        shutil.rmtree(path, ignore_errors=True)
    full = timed([sys.executable, "scripts/build_book.py", "--report", REPORT])
    with tempfile.TemporaryDirectory() as tmp:
        rerun = timed(
            [str(BIN / "papermill"), NOTEBOOK, f"{tmp}/out.ipynb", "-p", "report_path", OTHER,
             "-p", "output_dir", f"{tmp}/tables", "--no-progress-bar", "--log-level", "WARNING"]
        )
    print(f"full book build from a clean tree ({REPORT}): {full:.1f} s (aim < 60 s)")
    print(f"one papermill re-run ({Path(NOTEBOOK).name}, report {OTHER}): {rerun:.1f} s (aim < 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
