"""Corpus throughput: N distinct report files end to end to Parquet on Dask, next to a single-process loop.

    .venv/bin/python scripts/benchmark_corpus.py [--files 1000] [--repeat 3] [--workers N] [--csv]

Makes N distinct files by cycling the committed corpus (data/raw/corpus, manifest order) and appending
i spaces and a newline to copy i, so the cache never applies. Then, in the same run, ``--repeat`` times each:

* ``dask``: ``govreport.corpus.build_corpus`` with its default local cluster (one worker per core; the
  cluster start is included), no cache, Parquet only (``--csv`` adds the CSV files);
* ``loop``: the same call with ``workers=0`` (every report in this process, no Dask).

Prints the median wall time of each, reports per second, the stage times of the median run, and the peak
resident memory of this process and of the largest finished child process (the Dask workers: ``RUSAGE_CHILDREN``).
Each run also shows the CPU time of this process and of the worker processes, and the run starts with the load
average: on a machine shared with other work, wall times vary with it and CPU times much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govreport.corpus import build_corpus, inputs  # noqa: E402


def make_files(folder: Path, n: int) -> list[str]:
    sources = [e.path for e in inputs.read_manifest(ROOT / "data" / "raw" / "corpus" / "manifest.csv")]
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        dest = folder / f"{i:05d}-{src.name}"
        dest.write_bytes(src.read_bytes() + b" " * (i // len(sources)) + b"\n")
        out.append(str(dest))
    return out


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (a run's Dask workers, once its cluster is closed)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None, help="local workers for the Dask runs (default: one per core)")
    ap.add_argument("--csv", action="store_true", help="also write CSV and the data package")
    args = ap.parse_args(argv)
    formats = ("parquet", "csv") if args.csv else ("parquet",)
    tmp = Path(tempfile.mkdtemp(prefix="govreport-bench-"))
    try:
        (tmp / "in").mkdir()
        files = make_files(tmp / "in", args.files)
        print(f"{len(files)} distinct files from the {min(len(files), 49)} corpus reports; {os.cpu_count()} cores; "
              f"formats {', '.join(formats)}; load average {os.getloadavg()[0]:.2f}")
        times: dict[str, list[tuple[float, dict]]] = {"dask": [], "loop": []}
        for r in range(args.repeat):
            for mode in ("dask", "loop"):
                out = tmp / f"out-{mode}-{r}"
                cpu, children = time.process_time(), _children_cpu()
                t = time.perf_counter()
                res = build_corpus(files, out, workers=(0 if mode == "loop" else args.workers), cache=False,
                                   formats=formats, progress=False)
                elapsed = time.perf_counter() - t
                assert res.failed == 0, res.failures
                times[mode].append((elapsed, res.timings))
                print(f"  run {r + 1} {mode}: {elapsed:.2f} s (CPU: this process {time.process_time() - cpu:.1f} s, "
                      f"workers {_children_cpu() - children:.1f} s)", flush=True)
                shutil.rmtree(out)
        for mode, runs in times.items():
            walls = [w for w, _ in runs]
            med = statistics.median(walls)
            stages = sorted(runs, key=lambda x: x[0])[len(runs) // 2][1]
            print(f"{mode}: median {med:.2f} s ({len(files) / med:.0f} reports/s); stages of the median run: "
                  + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
        d, lp = statistics.median(w for w, _ in times["dask"]), statistics.median(w for w, _ in times["loop"])
        print(f"speed-up of Dask over the loop: {lp / d:.2f}x")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak resident memory: this process {peak:.0f} MiB; largest worker process {children:.0f} MiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
