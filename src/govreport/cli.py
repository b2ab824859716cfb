"""Command line: ``govreport extract PATH``, ``govreport derive PATH`` and ``govreport corpus PATH... -o OUT``.

Imports stay light here: each subcommand imports its stage (pandas, Dask, DuckDB) when it runs.

Bad input gives one line on standard error and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from govreport.errors import ReportError, ReportWarning

TABLES = ("indicators", "non_indicators", "sections", "sentences")


def run_extract(args: argparse.Namespace) -> int:
    from govreport.extraction.pipeline import extract
    from govreport.tables import write_table

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReportWarning)
        ex = extract(args.path)
    df = getattr(ex, args.table)
    if args.text_out:
        Path(args.text_out).write_text(ex.report.text, encoding="utf-8")
    write_table(df, args.output, args.format)
    for w in caught:
        print(f"govreport extract: warning: {w.message}", file=sys.stderr)
    return 0


def run_corpus(args: argparse.Namespace) -> int:
    from govreport.corpus.run import build_corpus

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    result = build_corpus(args.paths, args.output, scheduler=args.scheduler, workers=args.workers,
                          cache=not args.no_cache, cache_dir=args.cache, formats=formats,
                          progress=False if args.no_progress else None)
    reports = result.tables["reports"]
    for row in reports[reports["status"] == "failed"].itertuples(index=False):
        print(f"govreport corpus: failed: {row.error}", file=sys.stderr)
    for row in reports[reports["status"] == "duplicate"].itertuples(index=False):
        print(f"govreport corpus: duplicate: {row.report} has the same bytes as {row.duplicate_of}; read once",
              file=sys.stderr)
    ok = len(reports) - result.failed - result.duplicates
    print(f"govreport corpus: {len(reports)} reports: {ok} read, {result.failed} failed, {result.duplicates} "
          f"duplicates ({result.extracted} extracted, {result.cached} from the cache); tables in {args.output}",
          file=sys.stderr)
    if result.failed:
        print(f"govreport corpus: {result.failed} of {len(reports)} reports failed", file=sys.stderr)
        return 1
    return 0


def run_query(args: argparse.Namespace) -> int:
    from govreport.corpus.query import query

    df = query(args.output, args.sql)
    from govreport.tables import write_table

    write_table(df, None if args.out is None else args.out, args.format)
    return 0


def add_corpus_commands(sub) -> None:
    p = sub.add_parser("corpus", help="many reports: the panel tables (headlines, targets against results, ...)",
                       description="Read report files, folders and manifest CSVs (columns file, region, level, year) "
                                   "on Dask and write the reports, indicators, headlines, targets_vs_results and "
                                   "comparison tables as Parquet and CSV with a datapackage.json.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report file, folder or manifest CSV")
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="address of a running Dask scheduler (default: env GOVREPORT_SCHEDULER, else a local cluster "
                        "with one worker per core)")
    p.add_argument("--workers", type=int, help="local worker processes (default: one per core; 0: no Dask, this process)")
    p.add_argument("--format", default="parquet,csv", help="parquet, csv or both (default parquet,csv)")
    p.add_argument("--cache", metavar="DIR", help="cache folder (default OUT/.cache)")
    p.add_argument("--no-cache", action="store_true", help="extract every report again")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (it shows only on a terminal anyway)")
    p.set_defaults(func=run_corpus)
    q = sub.add_parser("query", help="SQL (DuckDB) over the Parquet tables of a corpus folder",
                       description="Run one SQL query with DuckDB; the tables reports, indicators, headlines, "
                                   "targets_vs_results and comparison are views over OUT/parquet/.")
    q.add_argument("output", metavar="OUT", help="folder written by govreport corpus")
    q.add_argument("sql", help="the query, e.g. \"select * from headlines where key = 'gdp'\"")
    q.add_argument("-f", "--format", choices=("csv", "json"), default="csv", help="output format (default csv)")
    q.add_argument("-o", "--out", help="output file (default: standard output)")
    q.set_defaults(func=run_query)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Chinese government work reports (政府工作报告) as traceable data.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="every quantitative claim of a report as a table",
                       description="Extract every quantitative claim of a report (text or HTML; UTF-8, GB18030/GBK "
                                   "or UTF-16) into a table with its sentence and character offsets.")
    p.add_argument("path", help="report file")
    p.add_argument("--format", "-f", choices=("csv", "json", "parquet"), default="csv", help="output format (default csv)")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--table", "-t", choices=TABLES, default="indicators",
                   help="which table (default indicators; non_indicators lists every other number with its reason)")
    p.add_argument("--text-out", help="also write the decoded plain text (what the offsets index) to this file")
    p.set_defaults(func=run_extract)
    try:
        from govreport.derivation.pipeline import add_derive_command
    except ImportError:  # the derived-measures module is optional for extraction
        pass
    else:
        add_derive_command(sub)
    add_corpus_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ReportError as err:
        print(f"govreport {args.command}: error: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as err:
        print(f"govreport {args.command}: error: {' '.join(str(err).split()) or type(err).__name__}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
