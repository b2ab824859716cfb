"""Build the Jupyter Book for one report.

    .venv/bin/python scripts/build_book.py --report data/raw/wanzhou-2024.txt [--out build/book]

Steps (all output under <out>/<slug>/, a safe folder name from the report's file name, rebuilt from scratch
each time; a folder is removed only when this script made it):
  1. stage the book source: _config.yml, _toc.yml and book/ copied to <out>/<name>/src/;
  2. write the chart libraries (vega, vega-lite, vega-embed) from the installed vl-convert-python
     into src/assets/vega/ so pages need no network;
  3. run every notebook listed in _toc.yml with papermill (parameters: report_path, output_dir),
     in parallel, into src/notebooks/; tables are written as CSV to src/data/;
  4. jupyter-book build with execution off (the notebooks already ran), warnings as errors.
The book is then at <out>/<name>/_build/html/index.html.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govreport.publish import book  # noqa: E402


def toc_notebooks(toc_path: Path) -> list[str]:
    """Notebook paths (without suffix, relative to the root) listed in _toc.yml, in order."""
    import yaml

    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            f = node.get("file") or node.get("root")
            if isinstance(f, str) and f.startswith("notebooks/"):
                found.append(f)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(toc)
    return found


def strip_volatile(path: Path) -> None:
    """Remove papermill's timestamps and durations, and number the cell ids (papermill makes random
    ones), so an executed notebook is byte-identical run after run."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb.get("metadata", {}).pop("papermill", None)
    for i, cell in enumerate(nb.get("cells", [])):
        if "id" in cell:
            cell["id"] = f"cell-{i}"
        md = cell.get("metadata", {})
        md.pop("papermill", None)
        md.pop("execution", None)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def run_notebook(args: tuple[str, str, dict, str]) -> tuple[str, float]:
    src, dst, params, cwd = args
    import papermill

    t0 = time.perf_counter()
    papermill.execute_notebook(
        src, dst, parameters=params, kernel_name="python3", cwd=cwd, progress_bar=False, log_output=False
    )
    strip_volatile(Path(dst))
    return Path(src).name, time.perf_counter() - t0


MARKER = ".govreport-book"  # written into every folder this script creates; only such a folder is ever removed


class BuildError(Exception):
    """A one-line reason the book cannot be built (printed as ``build_book: ...``, exit status 2)."""


def _made_here(target: Path) -> bool:
    """True when `target` is a book folder this script created (its marker, or the layout of an older build)."""
    if (target / MARKER).is_file():
        return True
    try:
        entries = {p.name for p in target.iterdir()}
    except OSError:
        return False
    return bool(entries) and entries <= {"src", "_build"} and (target / "src" / "_toc.yml").is_file()


def stage(report: str, out: Path) -> tuple[Path, list[str]]:
    """Create <out>/<slug>/src with the book source. Removes an earlier build of the same report only when this
    script made it; never anything else (the slug is a safe name, never ``.``, ``..`` or a path)."""
    name = book.report_slug(report)
    target = out / name
    if target.parent != out or name in ("", ".", ".."):  # report_slug guarantees it; checked before any removal
        raise BuildError(f"unsafe book folder name {name!r} for {report}")
    try:
        out.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            raise BuildError(f"{book.display_path(target)} exists and is not a book folder; remove it or choose "
                             "another --out")
        if target.exists():
            if not _made_here(target):
                raise BuildError(f"{book.display_path(target)} exists and was not made by build_book; remove it "
                                 "or choose another --out")
            shutil.rmtree(target)
        target.mkdir()
        (target / MARKER).write_text("made by scripts/build_book.py; removed and rebuilt by it\n", encoding="utf-8")
        src = target / "src"
        src.mkdir()
        for f in ("_config.yml", "_toc.yml"):
            shutil.copy2(ROOT / f, src / f)
        shutil.copytree(ROOT / "book", src / "book")
        assets = src / book.ASSETS_DIR
        shutil.copytree(ROOT / "book" / "assets", assets)
        book.write_vega_assets(src)
        (src / "notebooks").mkdir()
        (src / "data").mkdir()
    except OSError as err:
        where = err.filename or out
        raise BuildError(f"cannot create the book folder {where}: {err.strerror or type(err).__name__}") from None
    return src, toc_notebooks(ROOT / "_toc.yml")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", default="data/raw/wanzhou-2024.txt", help="report file (relative to the repo root or absolute)")
    ap.add_argument("--out", default="build/book", help="output folder (default build/book)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="notebooks run in parallel")
    ap.add_argument("--print-slug", action="store_true", help="print the book folder name for --report and stop")
    args = ap.parse_args(argv)
    if args.print_slug:
        print(book.report_slug(args.report))
        return 0

    report_file = book.resolve(args.report)
    if not report_file.is_file():
        print(f"build_book: no such report: {args.report}", file=sys.stderr)
        return 2
    report = book.display_path(report_file)
    out = book.resolve(args.out)
    t0 = time.perf_counter()
    try:
        src, notebooks = stage(report, out)
    except BuildError as err:
        print(f"build_book: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    params = {"report_path": report, "output_dir": book.display_path(src / "data")}
    jobs = [
        (str(ROOT / f"{nb}.ipynb"), str(src / f"{nb}.ipynb"), params, str(src / "notebooks")) for nb in notebooks
    ]
    print(f"build_book: {report} -> {book.display_path(src.parent)} ({len(jobs)} notebooks)", flush=True)
    try:
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for name, seconds in pool.map(run_notebook, jobs):
                print(f"  papermill {name}: {seconds:.1f} s", flush=True)
    except Exception as exc:  # papermill's error carries the notebook's exception name and message
        detail = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}".splitlines()[0]
        print(f"build_book: a notebook failed for {report}: {detail}", file=sys.stderr)
        print(f"build_book: executed notebooks (with the traceback) are in {book.display_path(src / 'notebooks')}",
              file=sys.stderr)
        return 1
    t1 = time.perf_counter()
    cmd = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(src),
        "--path-output",
        str(src.parent),
        "--builder",
        "html",
        "--warningiserror",
        "--nitpick",
        "--keep-going",
        "--quiet",
    ]
    env = dict(os.environ, GOVREPORT_ROOT=str(ROOT))
    result = subprocess.run(cmd, env=env)
    t2 = time.perf_counter()
    if result.returncode != 0:
        print("build_book: jupyter-book build failed", file=sys.stderr)
        return result.returncode
    index = src.parent / "_build" / "html" / "index.html"
    print(f"build_book: notebooks {t1 - t0:.1f} s, jupyter-book {t2 - t1:.1f} s, total {t2 - t0:.1f} s")
    print(f"build_book: open {book.display_path(index)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
