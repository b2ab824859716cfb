"""Run a corpus: read every report once on a Dask cluster, build the panel tables, write them.

>>> from govreport.corpus import build_corpus
>>> result = build_corpus(["data/raw/corpus/"], "build/corpus")      # a local cluster sized to the machine
>>> result.tables["headlines"], result.failed

Execution (:func:`process_many`):

* no option: a ``distributed.LocalCluster`` with one single-threaded worker process per core (the work is
  pure Python, so processes, not threads); ``scheduler="tcp://host:8786"`` (or the environment variable
  ``GOVREPORT_SCHEDULER``) runs the same tasks on an existing cluster; ``workers=0`` runs them in this
  process without Dask.
* The client reads each file, hashes it (sha256) and sends the bytes, so workers need govreport installed
  (the same version) but no access to the files. Reports go in batches; a worker extracts and analyses each
  report of its batch and returns the batch as one :class:`Part` (one frame per table), so the client only
  joins the parts, in input order, and builds the tables that span reports.
* A report that fails (empty, binary, not a report, an exception anywhere) gives its one-line error; the rest
  of the batch completes.
* A cache keyed by the file's sha256 and the package version (plus a fingerprint of the package's code and
  data, so an edited checkout does not reuse stale results) keeps each extraction: adding one report to a
  corpus costs one extraction. Headlines are computed again from the cached rows (cheap).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import time
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from govreport import schema
from govreport.corpus import inputs, panel

SCHEDULER_ENV = "GOVREPORT_SCHEDULER"
TABLES = ("reports", "indicators", "headlines", "targets_vs_results", "comparison")
SCHEMAS = {"reports": schema.REPORTS, "indicators": schema.CORPUS_INDICATORS, "headlines": schema.HEADLINES,
           "targets_vs_results": schema.TARGETS_VS_RESULTS, "comparison": schema.COMPARISON}
#: Parquet partitions: level, then the table's year column
PARTITIONS = {"reports": ("level", "year"), "indicators": ("level", "report_year"),
              "headlines": ("level", "report_year"), "targets_vs_results": ("level", "year"),
              "comparison": ("level", "year")}
FORMATS = ("parquet", "csv")
HEAD_CHARS = 1500
#: the most reports in one task (see :func:`_batches`)
MAX_BATCH = 32


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# -- the work of one report (runs on a worker) ---------------------------------------------------------


def extract_one(name: str, data: bytes) -> dict:
    """Read one report's bytes: metadata, linked indicator rows, explicit absences; or the error, one line.

    Never raises: any exception becomes ``{"error": ...}``.
    """
    try:
        from govreport.derivation import glossary
        from govreport.errors import ReportError, ReportWarning
        from govreport.extraction.pipeline import extract
        from govreport.text import reading

        if len(data) > reading.MAX_INPUT_BYTES:
            return {"error": f"{name}: larger than the {reading.MAX_INPUT_BYTES // (1024 * 1024)} MiB limit for one report"}
        try:
            text, encoding = reading.decode(data, name=name)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ReportWarning)
                ex = extract(text=text)
        except ReportError as err:
            return {"error": _one_line(str(err).replace("<text>", name))}
        report = ex.report
        linked = glossary.link(ex.indicators, report.metadata.level)
        meta = report.metadata
        return {
            "error": None,
            "meta": {"title": meta.title, "region": meta.region, "year": meta.year, "date": meta.date,
                     "speaker": meta.speaker},
            "encoding": encoding,
            "chars": len(report.text),
            "head": report.text[:HEAD_CHARS],
            "warnings": [_one_line(w.replace("<text>: ", "").replace("<text>", name)) for w in ex.warnings],
            "absences": panel.find_absences(report.text, report.sentences),
            "outcomes": panel.find_outcomes(report.text, report.sentences),
            "linked": linked,
        }
    except Exception as err:  # a crash in one report must not stop the batch
        return {"error": _one_line(f"{name}: {type(err).__name__}: {err}")}


def analyse(entry: inputs.Entry, payload: dict) -> dict:
    """What one extracted report gives the panel: region, level and year (the manifest's, else inferred from the
    text) and its headline rows. Runs on the worker after :func:`extract_one`, or on the client for a cached
    extraction: the same function either way."""
    region, level, year = inputs.infer(entry, payload["meta"], payload["head"])
    heads = panel.headline_rows(payload["linked"], payload["absences"], entry.report, region, level, year)
    return {"region": region, "level": level, "year": year, "headlines": heads}


class Part(NamedTuple):
    """What a batch of reports gives the corpus tables, built where the batch ran: on a worker, or on the client for
    the reports found in the cache.

    One frame per table for the whole batch rather than one per report: with a frame per report, the worker's
    pickling and Dask's sizing of a thousand small frames, and the client's concatenation of them, cost about a
    third of the extraction itself. A NamedTuple, so Dask's ``sizeof`` sees the frames inside it.
    """

    #: per report of the batch, in batch order: ``{"error": str}``, or ``{"error": None, "row": ..., "payload": ...,
    #: "indicator_rows": (start, stop), "headline_rows": (start, stop)}`` -- the fields of its row of the reports
    #: table, the extraction's payload without its indicator rows (what the cache keeps), and where its rows are
    #: in the two frames
    reports: list[dict]
    indicators: pd.DataFrame  #: schema.CORPUS_INDICATORS: the rows of the batch's reports, in batch order
    headlines: pd.DataFrame  #: schema.HEADLINES: likewise


def build_part(entries: list[inputs.Entry], payloads: list[dict]) -> Part:
    """The :class:`Part` of extracted reports (payloads of :func:`extract_one`): each is analysed (:func:`analyse`)
    and its rows are added to the batch's frames. A report whose analysis crashes gets its one-line error; the rest
    of the batch completes."""
    reports, linked_frames, headline_rows = [], [], []
    prefix: dict[str, list] = {"report": [], "region": [], "level": [], "report_year": [], "indicator_id": []}
    for entry, payload in zip(entries, payloads):
        if payload.get("error") is None:
            try:
                analysis = analyse(entry, payload)
            except Exception as err:  # a crash in one report must not stop the batch
                payload = {"error": _one_line(f"{entry.report}: {type(err).__name__}: {err}")}
        if payload.get("error") is not None:
            reports.append({"error": payload["error"]})
            continue
        meta, linked, heads = payload["meta"], payload["linked"], analysis["headlines"]
        region, level, year = analysis["region"], analysis["level"], analysis["year"]
        n, first_indicator, first_headline = len(linked), len(prefix["report"]), len(headline_rows)
        row = {"region": region, "level": level, "year": year,
               "region_source": "manifest" if entry.from_manifest else "text",
               "title": meta["title"], "date": meta["date"], "speaker": meta["speaker"],
               "encoding": payload["encoding"], "chars": payload["chars"], "indicators": n,
               "linked": int(linked["key"].notna().sum()), "targets": int((linked["kind"] == "target").sum()),
               "headlines": len(heads), "warnings": " | ".join(payload["warnings"]) or None}
        linked_frames.append(linked)
        for col, value in (("report", entry.report), ("region", region), ("level", level), ("report_year", year)):
            prefix[col].extend([value] * n)
        prefix["indicator_id"].extend(range(n))
        headline_rows.extend(heads)
        reports.append({"error": None, "row": row, "payload": {k: v for k, v in payload.items() if k != "linked"},
                        "indicator_rows": (first_indicator, first_indicator + n),
                        "headline_rows": (first_headline, len(headline_rows))})
    if linked_frames:
        body = pd.concat(linked_frames, ignore_index=True)
        dtypes = schema.CORPUS_INDICATORS.dtypes
        for col, values in prefix.items():
            body[col] = schema.array(dtypes[col], values)
        indicators = schema.conform(schema.CORPUS_INDICATORS, body)
    else:
        indicators = schema.frame(schema.CORPUS_INDICATORS)
    return Part(reports, indicators, schema.frame(schema.HEADLINES, headline_rows))


def failed_part(entries: list[inputs.Entry], reason: str) -> Part:
    """The :class:`Part` of a batch that did not come back (its worker died): every report fails with the reason."""
    return Part([{"error": _one_line(f"{e.report}: {reason}")} for e in entries],
                schema.frame(schema.CORPUS_INDICATORS), schema.frame(schema.HEADLINES))


def process_batch(items: list[tuple[inputs.Entry, bytes]]) -> Part:
    """The task a worker runs: every (entry, bytes) extracted (:func:`extract_one`), then gathered into one
    :class:`Part`."""
    return build_part([entry for entry, _ in items], [extract_one(entry.report, data) for entry, data in items])


# -- cache --------------------------------------------------------------------------------------------


def package_version() -> str:
    try:
        return importlib_metadata.version("govreport")
    except importlib_metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def code_fingerprint() -> str:
    """sha256 (first 16 hex digits) of the package's source and data files: a checkout edited without a
    version bump does not reuse stale cache entries."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".csv", ".toml", ".txt") and "__pycache__" not in f.parts:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


class Cache:
    """Extraction results by sha256, in ``<dir>/<version>-<fingerprint>/``: per run one Parquet file with the
    new reports' indicator rows and one JSON file with the rest. Nothing is pickled."""

    def __init__(self, directory: Path):
        self.dir = Path(directory) / f"{package_version()}-{code_fingerprint()}"

    def load(self, shas: set[str]) -> dict[str, dict]:
        found: dict[str, dict] = {}
        if not self.dir.is_dir() or not shas:
            return found
        for meta_file in sorted(self.dir.glob("batch-*.json")):
            entries = json.loads(meta_file.read_text(encoding="utf-8"))
            wanted = {s: e for s, e in entries.items() if s in shas and s not in found}
            if not wanted:
                continue
            rows = pd.read_parquet(meta_file.with_suffix(".parquet"))
            rows = rows[rows["sha256"].isin(list(wanted))]
            groups = {s: g.drop(columns="sha256") for s, g in rows.groupby("sha256", sort=False)}
            for sha, entry in wanted.items():
                linked = groups.get(sha, rows.iloc[0:0].drop(columns="sha256"))
                found[sha] = {**entry, "error": None, "linked": schema.conform(schema.LINKED, linked)}
        return found

    def store(self, fresh: dict[str, tuple[Part, int]]) -> None:
        """Keep the reports extracted in this run: ``fresh`` maps a sha256 to the :class:`Part` holding the report
        and its position there. Failed reports are not kept (the next run tries them again)."""
        ok = {sha: part.reports[k] for sha, (part, k) in fresh.items() if part.reports[k]["error"] is None}
        if not ok:
            return
        from govreport.tables import write_table

        self.dir.mkdir(parents=True, exist_ok=True)
        name = "batch-" + hashlib.sha256("".join(sorted(ok)).encode()).hexdigest()[:16]
        blocks = [(fresh[sha][0].indicators, *r["indicator_rows"]) for sha, r in ok.items()]
        rows = gather(blocks, schema.CORPUS_INDICATORS)[schema.LINKED.names]
        rows["sha256"] = [sha for sha, r in ok.items() for _ in range(*r["indicator_rows"])]
        write_table(rows, self.dir / f"{name}.parquet", "parquet")
        entries = {sha: ok[sha]["payload"] for sha in sorted(ok)}
        (self.dir / f"{name}.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def gather(blocks: list[tuple[pd.DataFrame, int, int]], table: schema.Schema) -> pd.DataFrame:
    """The rows ``start:stop`` of each (frame, start, stop), in order, as one frame of the schema ``table`` (the
    frames are of it). Consecutive blocks of one frame are taken as one slice, so the concatenation joins one
    piece per batch, not one per report."""
    slices: list[list] = []
    for frame, start, stop in blocks:
        if slices and slices[-1][0] is frame and slices[-1][2] == start:
            slices[-1][2] = stop
        elif stop > start:
            slices.append([frame, start, stop])
    if not slices:
        return schema.frame(table)
    return pd.concat([frame.iloc[start:stop] for frame, start, stop in slices], ignore_index=True)


# -- execution ----------------------------------------------------------------------------------------


def _batches(items: list, workers: int) -> list[list]:
    """Consecutive batches in input order, largest first: each takes a quarter of a worker's share of the reports
    still left (at most MAX_BATCH). A task has a fixed cost (its result frames are sized, pickled and sent once:
    about 4 ms), so batches are large while much is left, and small at the end, so the workers finish together."""
    out, start = [], 0
    while start < len(items):
        size = max(1, min(MAX_BATCH, math.ceil((len(items) - start) / (4 * max(1, workers)))))
        out.append(items[start:start + size])
        start += size
    return out


class _Progress:
    """A one-line progress bar on standard error, only when it is a terminal."""

    def __init__(self, total: int, enabled: bool | None):
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.done = 0

    def advance(self, n: int) -> None:
        self.done += n
        if self.enabled and self.total:
            width = 30
            filled = int(width * self.done / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {self.done}/{self.total} reports")
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def process_many(items: list[tuple[inputs.Entry, bytes]], *, scheduler: str | None = None,
                 workers: int | None = None, progress: bool | None = None) -> list[Part]:
    """:func:`process_batch` for every (entry, bytes) on Dask (see the module docstring): the parts of consecutive
    batches, in input order."""
    if not items:
        return []
    bar = _Progress(len(items), progress)
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if workers == 0 and scheduler is None:
        parts = []
        for batch in _batches(items, 1):
            parts.append(process_batch(batch))
            bar.advance(len(batch))
        return parts
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
    else:
        client = Client(scheduler)
        n = max(1, len(client.scheduler_info().get("workers", {})))
    try:
        batches = _batches(items, n)
        futures = [client.submit(process_batch, batch, pure=False) for batch in batches]
        index = {f.key: i for i, f in enumerate(futures)}
        parts: list[Part | None] = [None] * len(batches)
        for future in as_completed(futures):
            i = index[future.key]
            try:
                parts[i] = future.result()
            except Exception as err:  # a worker died: every report of the batch fails with the reason
                parts[i] = failed_part([e for e, _ in batches[i]], f"worker failed: {type(err).__name__}: {err}")
            bar.advance(len(batches[i]))
            future.release()
        return parts
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the corpus -----------------------------------------------------------------------------------------


@dataclass
class CorpusResult:
    tables: dict[str, pd.DataFrame]
    failed: int
    duplicates: int
    extracted: int
    cached: int
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def failures(self) -> pd.DataFrame:
        r = self.tables["reports"]
        return r[r["status"] == "failed"][["report", "error"]].reset_index(drop=True)


def build_corpus(paths, out: str | os.PathLike[str] | None = None, *, scheduler: str | None = None,
                 workers: int | None = None, cache: bool = True, cache_dir: str | os.PathLike[str] | None = None,
                 formats: tuple[str, ...] = FORMATS, progress: bool | None = None) -> CorpusResult:
    """Read the reports named by ``paths`` (files, folders, manifest CSVs) and build the panel tables.

    Writes them to ``out`` (Parquet under ``out/parquet/``, CSV under ``out/csv/``, ``out/datapackage.json``)
    unless ``out`` is None. The cache lives in ``cache_dir`` (default ``out/.cache``; none without ``out``).
    """
    t0 = time.perf_counter()
    entries = inputs.collect(list(paths))
    # read and hash on the client; the first report with given bytes is extracted, later ones are duplicates
    datas: list[bytes | None] = []
    shas: list[str | None] = []
    errors: list[str | None] = []
    for e in entries:
        data = sha = err = None
        if e.error:
            err = e.error
        else:
            try:
                data = e.path.read_bytes()
                sha = hashlib.sha256(data).hexdigest()
            except OSError as exc:
                err = f"{e.report}: cannot read the file: {exc.strerror or type(exc).__name__}"
        datas.append(data)
        shas.append(sha)
        errors.append(err)
    first_of: dict[str, int] = {}
    for i, sha in enumerate(shas):
        if sha is not None and sha not in first_of:
            first_of[sha] = i
    unique = sorted(first_of.values())
    store = Cache(Path(cache_dir) if cache_dir else Path(out) / ".cache") if cache and (cache_dir or out) else None
    cached = store.load({shas[i] for i in unique}) if store else {}
    todo = [i for i in unique if shas[i] not in cached]
    t1 = time.perf_counter()
    parts = process_many([(entries[i], datas[i]) for i in todo], scheduler=scheduler, workers=workers,
                         progress=progress)
    t2 = time.perf_counter()
    del datas
    # where each report's rows are: the parts of the batches, in input order, then one part of the cached reports,
    # analysed here with this run's manifest values
    placed: dict[int, tuple[Part, int]] = {}
    positions = iter(todo)
    for part in parts:
        for k in range(len(part.reports)):
            placed[next(positions)] = (part, k)
    if store:
        store.store({shas[i]: placed[i] for i in todo})
    from_cache = [i for i in unique if i not in placed]
    if from_cache:
        part = build_part([entries[i] for i in from_cache], [cached[shas[i]] for i in from_cache])
        placed.update((i, (part, k)) for k, i in enumerate(from_cache))
    tables = assemble(entries, shas, errors, first_of, placed)
    t3 = time.perf_counter()
    written = write_corpus(tables, Path(out), formats) if out is not None else []
    t4 = time.perf_counter()
    status = tables["reports"]["status"]
    return CorpusResult(tables, int((status == "failed").sum()), int((status == "duplicate").sum()), len(todo),
                        len(unique) - len(todo), written,
                        {"read": t1 - t0, "extract": t2 - t1, "panel": t3 - t2, "write": t4 - t3})


def assemble(entries, shas, errors, first_of, placed: dict[int, tuple[Part, int]]) -> dict[str, pd.DataFrame]:
    """The five tables, in input order: a row of the reports table for every entry, the rows of the other tables
    from the :class:`Part` (and position in it) where each extracted report was ``placed``."""
    report_rows, indicator_blocks, headline_blocks = [], [], []
    outcomes: dict[str, list[dict]] = {}
    for i, e in enumerate(entries):
        sha = shas[i]
        row = {"report": e.report, "sha256": sha, "status": "ok", "duplicate_of": None, "region": e.region,
               "level": e.level, "year": e.year, "region_source": "manifest" if e.from_manifest else None,
               "title": None, "date": None, "speaker": None, "encoding": None, "chars": None, "indicators": None,
               "linked": None, "targets": None, "headlines": None, "warnings": None, "error": errors[i]}
        if errors[i] is not None:
            row["status"] = "failed"
        elif first_of[sha] != i:
            row.update(status="duplicate", duplicate_of=entries[first_of[sha]].report)
        else:
            part, k = placed[i]
            done = part.reports[k]
            if done["error"] is not None:
                row.update(status="failed", error=done["error"])
            else:
                row.update(done["row"])
                outcomes[e.report] = done["payload"].get("outcomes", [])
                indicator_blocks.append((part.indicators, *done["indicator_rows"]))
                headline_blocks.append((part.headlines, *done["headline_rows"]))
        report_rows.append(row)
    reports = schema.frame(schema.REPORTS, report_rows)
    indicators = gather(indicator_blocks, schema.CORPUS_INDICATORS)
    headlines = gather(headline_blocks, schema.HEADLINES)
    tvr = schema.frame(schema.TARGETS_VS_RESULTS, panel.targets_vs_results(headlines, reports, outcomes))
    comp = schema.frame(schema.COMPARISON, panel.comparison(headlines))
    return {"reports": reports, "indicators": indicators, "headlines": headlines, "targets_vs_results": tvr,
            "comparison": comp}


# -- writing ----------------------------------------------------------------------------------------------


#: the folder name of a missing partition value, read back as null by pyarrow, pandas and DuckDB
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def _partition_value(x) -> str:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return NULL_PARTITION
    return str(x)


def partitions(df: pd.DataFrame, level_col: str, year_col: str) -> list[tuple[tuple[str, str], np.ndarray]]:
    """The Parquet partitions of a table: (level folder value, year folder value) and the positions of its rows,
    in table order, for every partition, sorted by the folder values. An empty table has one partition, of null
    values and no rows, so its schema is still on disk."""
    groups: dict[tuple[str, str], list[np.ndarray]] = defaultdict(list)
    for (lv, yr), rows in df.groupby([level_col, year_col], dropna=False, sort=False).indices.items():
        groups[(_partition_value(lv), _partition_value(yr))].append(rows)
    if not groups:
        return [((NULL_PARTITION, NULL_PARTITION), np.array([], dtype=np.intp))]
    return [(key, np.sort(np.concatenate(rows))) for key, rows in sorted(groups.items())]


def write_corpus(tables: dict[str, pd.DataFrame], out: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Every table as CSV (``out/csv/<table>.csv``) and Parquet partitioned by level and year
    (Hive layout: ``out/parquet/<table>/level=<level>/<year column>=<year>/part-0.parquet``, the two partition
    columns in the folder names only, as pyarrow, pandas and DuckDB expect), 
    and ``out/datapackage.json``. Everything goes through :func:`govreport.tables.write_table`."""
    import shutil

    from govreport.corpus.package import write_datapackage
    from govreport.tables import write_table

    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown format {bad[0]!r} (parquet, csv)")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if "csv" in formats:
        (out / "csv").mkdir(exist_ok=True)
        for name in TABLES:
            written.append(write_table(tables[name], out / "csv" / f"{name}.csv", "csv"))
    if "parquet" in formats:
        for name in TABLES:
            root = out / "parquet" / name
            if root.exists():
                shutil.rmtree(root)  # no stale partitions from an earlier run
            level_col, year_col = PARTITIONS[name]
            folders = partitions(tables[name], level_col, year_col)
            # the rows in partition order with one take (a take per partition would join the table's Arrow
            # chunks again each time); each partition is then a slice of it
            body = tables[name].drop(columns=[level_col, year_col])
            body = body.iloc[np.concatenate([rows for _, rows in folders])]
            start = 0
            for (lv, yr), rows in folders:
                folder = root / f"{level_col}={lv}" / f"{year_col}={yr}"
                folder.mkdir(parents=True, exist_ok=True)
                part = body.iloc[start:start + len(rows)].reset_index(drop=True)
                written.append(write_table(part, folder / "part-0.parquet", "parquet"))
                start += len(rows)
    written.append(write_datapackage(out, formats))
    return written
