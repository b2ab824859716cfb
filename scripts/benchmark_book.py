"""Time full builds of both books from a clean tree and one papermill re-run.

    .venv/bin/python scripts/benchmark_book.py      (or: make benchmark)

"Clean tree": the books' build folders, the cached chart bundle and the corpus extraction cache are removed
first, so each build includes staging, writing the vega bundle, (for the panel book) extracting the 49 reports of
the corpus, running every notebook and Jupyter Book. A second panel build shows the cost with a warm cache.
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
CORPUS = "data/raw/corpus"


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> int:
    for path in (ROOT / "build" / "book" / "wanzhou-2024", ROOT / "build" / "book" / "panel", ROOT / "build" / "cache"):
        shutil.rmtree(path, ignore_errors=True)
    full = timed([sys.executable, "scripts/build_book.py", "--report", REPORT])
    panel = timed([sys.executable, "scripts/build_book.py", "--book", "panel", "--corpus", CORPUS])
    panel_warm = timed([sys.executable, "scripts/build_book.py", "--book", "panel", "--corpus", CORPUS])
    with tempfile.TemporaryDirectory() as tmp:
        rerun = timed(
            [str(BIN / "papermill"), NOTEBOOK, f"{tmp}/out.ipynb", "-p", "report_path", OTHER,
             "-p", "output_dir", f"{tmp}/tables", "--no-progress-bar", "--log-level", "WARNING"]
        )
    print(f"single-report book from a clean tree ({REPORT}): {full:.1f} s (aim < 60 s)")
    print(f"panel book from a clean tree ({CORPUS}, extraction cache empty): {panel:.1f} s (aim < 60 s)")
    print(f"panel book again (extraction cache warm): {panel_warm:.1f} s")
    print(f"one papermill re-run ({Path(NOTEBOOK).name}, report {OTHER}): {rerun:.1f} s (aim < 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
