"""Build a Jupyter Book: one report's book, or the panel book of a corpus.

    .venv/bin/python scripts/build_book.py --report data/raw/wanzhou-2024.txt [--out build/book]
    .venv/bin/python scripts/build_book.py --book panel --corpus data/raw/corpus [--out build/book]

Steps (all output under <out>/<slug>/ (a safe folder name from the report's file name) or <out>/panel/, rebuilt
from scratch each time; a folder is removed only when this script made it):
  1. stage the book source: _config.yml, _toc.yml and book/ (panel: panel/) copied to <out>/<name>/src/, the
     title (the place and year, in English and Chinese) and the substitutions of the pages (version, commit)
     written into the staged _config.yml; for the panel book, every report of the corpus extracted once into
     the cache (build/cache/corpus) that the notebooks then read;
  2. write the chart libraries (vega, vega-lite, vega-embed) from the installed vl-convert-python
     into src/assets/vega/ so pages need no network;
  3. run every notebook listed in _toc.yml with papermill (parameters: report_path or corpus_path, output_dir),
     in parallel, into src/notebooks/; tables are written as CSV to src/data/ and served as tables/NAME.csv;
     the parameter cells are removed from the pages and sections with nothing to show are dropped;
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


def _heading_level(cell: dict) -> int:
    """The level of a markdown cell's heading (1 for #, 2 for ##), 0 when it does not start with one."""
    if cell.get("cell_type") != "markdown":
        return 0
    src = "".join(cell.get("source", [])).lstrip()
    hashes = len(src) - len(src.lstrip("#"))
    return hashes if hashes and src[hashes:hashes + 1] == " " else 0


def _is_empty_marker(cell: dict) -> bool:
    for out in cell.get("outputs", []):
        for value in (out.get("data") or {}).values():
            if book.EMPTY_SECTION in ("".join(value) if isinstance(value, list) else str(value)):
                return True
    return False


def drop_empty_sections(cells: list[dict]) -> list[dict]:
    """Remove every section (a heading of level 2 or deeper and the cells up to the next heading of the same or a
    higher level) that holds a cell marked empty (`book.nothing`): a reader sees no heading over nothing."""
    drop: set[int] = set()
    for i, cell in enumerate(cells):
        if not _is_empty_marker(cell):
            continue
        start = next((j for j in range(i, -1, -1) if _heading_level(cells[j]) >= 2), None)
        if start is None:
            drop.add(i)
            continue
        level = _heading_level(cells[start])
        end = next((j for j in range(start + 1, len(cells)) if 0 < _heading_level(cells[j]) <= level), len(cells))
        drop.update(range(start, end))
    return [c for i, c in enumerate(cells) if i not in drop]


def strip_volatile(path: Path) -> None:
    """Remove papermill's timestamps and durations, and number the cell ids (papermill makes random
    ones), so an executed notebook is byte-identical run after run; hide papermill's injected
    parameters from the page (tag remove-cell) and drop sections with nothing to show."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb.get("metadata", {}).pop("papermill", None)
    nb["cells"] = drop_empty_sections(nb.get("cells", []))
    for i, cell in enumerate(nb.get("cells", [])):
        tags = cell.get("metadata", {}).get("tags", [])
        if ("injected-parameters" in tags or "parameters" in tags) and "remove-cell" not in tags:
            cell["metadata"]["tags"] = [*tags, "remove-cell"]
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


#: The two books: where their configuration, table of contents and pages are.
BOOKS = {
    "report": {"config": ROOT / "_config.yml", "toc": ROOT / "_toc.yml", "pages": "book"},
    "panel": {"config": ROOT / "panel" / "_config.yml", "toc": ROOT / "panel" / "_toc.yml", "pages": "panel"},
}


def write_config(src: Path, kind: str, substitutions: dict[str, str], title: str) -> None:
    """The staged _config.yml with the book's title and the substitutions its pages use (place, year, version)."""
    import yaml

    path = src / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["title"] = title
    config.setdefault("parse", {})["myst_substitutions"] = substitutions
    header = "".join(line + "\n" for line in BOOKS[kind]["config"].read_text(encoding="utf-8").splitlines()
                     if line.startswith("#"))
    path.write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def report_identity(report: str) -> tuple[str, dict[str, str]]:
    """Title and substitutions of the single-report book: the place in English and Chinese and the year."""
    import warnings

    import govreport
    from govreport.publish import regions

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta = govreport.extract(book.resolve(report)).report.metadata
    region = meta.region or ""
    year = str(meta.year or "")
    en = regions.english_name(region) if region else None
    place_en = en or (f"{region} (no English name in the package's region table)" if region else "A report")
    title = f"{place_en}, {year}: the government work report in numbers" if year else f"{place_en}: the government work report in numbers"
    title_zh = f"{region}{year}年政府工作报告" if region or year else str(meta.title or "政府工作报告")
    subs = {"book_title": book.md_escape(title), "book_title_zh": book.md_escape(title_zh),
            "place_en": book.md_escape(place_en), "place_zh": book.md_escape(region or "not stated"),
            "report_year": book.md_escape(year or "not stated"), "report_file": book.md_escape(report)}
    return f"{title} · {title_zh}", subs


def stage(kind: str, name: str, out: Path) -> tuple[Path, list[str]]:
    """Create <out>/<name>/src with the book source. Removes an earlier build of the same book only when this
    script made it; never anything else (the name is a safe slug, never ``.``, ``..`` or a path)."""
    spec = BOOKS[kind]
    target = out / name
    if target.parent != out or name in ("", ".", ".."):  # report_slug guarantees it; checked before any removal
        raise BuildError(f"unsafe book folder name {name!r}")
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
        shutil.copy2(spec["config"], src / "_config.yml")
        shutil.copy2(spec["toc"], src / "_toc.yml")
        shutil.copytree(ROOT / spec["pages"], src / spec["pages"],
                        ignore=shutil.ignore_patterns("_config.yml", "_toc.yml"))
        assets = src / book.ASSETS_DIR
        shutil.copytree(ROOT / "book" / "assets", assets, dirs_exist_ok=True)
        book.write_vega_assets(src)
        notebooks = toc_notebooks(spec["toc"])
        for nb in notebooks:
            (src / nb).parent.mkdir(parents=True, exist_ok=True)
        (src / "data").mkdir()
        (src / "extra" / "tables").mkdir(parents=True)
    except OSError as err:
        where = err.filename or out
        raise BuildError(f"cannot create the book folder {where}: {err.strerror or type(err).__name__}") from None
    return src, notebooks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--book", choices=sorted(BOOKS), default="report", help="which book (default: one report's book)")
    ap.add_argument("--report", default="data/raw/wanzhou-2024.txt", help="report file (relative to the repo root or absolute)")
    ap.add_argument("--corpus", default="data/raw/corpus", help="the panel book's corpus: folder, manifest or files")
    ap.add_argument("--out", default="build/book", help="output folder (default build/book)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="notebooks run in parallel")
    ap.add_argument("--print-slug", action="store_true", help="print the book folder name for --report and stop")
    args = ap.parse_args(argv)
    if args.print_slug:
        print(book.report_slug(args.report))
        return 0

    version = book.build_version(ROOT)
    t0 = time.perf_counter()
    if args.book == "report":
        report_file = book.resolve(args.report)
        if not report_file.is_file():
            print(f"build_book: no such report: {args.report}", file=sys.stderr)
            return 2
        what = book.display_path(report_file)
        name = book.report_slug(what)
        from govreport.errors import ReportError

        try:
            title, subs = report_identity(what)
        except ReportError as exc:  # one line, as the CLI gives it
            print(f"build_book: the report cannot be read: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        params_of = lambda src: {"report_path": what, "output_dir": book.display_path(src / "data")}  # noqa: E731
    else:
        corpus = book.resolve(args.corpus)
        if not corpus.exists():
            print(f"build_book: no such corpus: {args.corpus}", file=sys.stderr)
            return 2
        what = book.display_path(corpus)
        name = "panel"
        title = "Targets and results across years and regions · 政府工作报告目标与实绩"
        subs = {"corpus_path": book.md_escape(what)}
        params_of = lambda src: {"corpus_path": what, "output_dir": book.display_path(src / "data")}  # noqa: E731
    subs.update({"version": book.md_escape(version["version"]), "commit": book.md_escape(version["commit"])})
    out = book.resolve(args.out)
    try:
        src, notebooks = stage(args.book, name, out)
    except BuildError as err:
        print(f"build_book: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    write_config(src, args.book, subs, title)
    if args.book == "panel":  # extract every report once, before the notebooks read the cache in parallel
        from govreport.publish import panel

        t_corpus = time.perf_counter()
        panel.load(what, out=src / "corpus")
        print(f"  corpus {what}: {time.perf_counter() - t_corpus:.1f} s", flush=True)
    params = params_of(src)
    jobs = [
        (str(ROOT / f"{nb}.ipynb"), str(src / f"{nb}.ipynb"), params, str((src / nb).parent)) for nb in notebooks
    ]
    print(f"build_book: {what} -> {book.display_path(src.parent)} ({len(jobs)} notebooks)", flush=True)
    try:
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for nb_name, seconds in pool.map(run_notebook, jobs):
                print(f"  papermill {nb_name}: {seconds:.1f} s", flush=True)
    except Exception as exc:  # papermill's error carries the notebook's exception name and message
        detail = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}".splitlines()[0]
        print(f"build_book: a notebook failed for {what}: {detail}", file=sys.stderr)
        print(f"build_book: executed notebooks (with the traceback) are in {book.display_path(src / 'notebooks')}",
              file=sys.stderr)
        return 1
    # the tables as files next to the pages (Sphinx html_extra_path), so chapters link them as ../tables/NAME.csv
    for f in sorted((src / "data").glob("*.csv")):
        shutil.copy2(f, src / "extra" / "tables" / f.name)
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
