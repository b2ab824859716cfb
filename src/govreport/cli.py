"""Command line: ``govreport extract PATH``, ``govreport derive PATH`` and ``govreport corpus PATH... -o OUT``.

Imports stay light here: each subcommand imports its stage (pandas, Dask, DuckDB) when it runs.

Bad input gives one line on standard error and exit status 2, never a traceback. Every warning is one line,
``govreport <command>: warning: ...``.

The command answers at once: this module imports only the standard library and ``govreport.errors`` at start;
the input is read and checked (``govreport.text``, no pandas) before the extraction and table modules are imported,
so ``--help``, errors and bad input cost about a bare Python start.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from govreport.errors import ReportError

TABLES = ("indicators", "non_indicators", "sections", "sentences")
DERIVED_TABLES = ("measures", "targets", "target_summary", "audit", "provenance", "linked")


def one_line(message: object) -> str:
    """A message on one line (white space, line breaks included, collapsed)."""
    return " ".join(str(message).split())


def print_warnings(command: str, messages) -> None:
    """Each warning once, on one line: ``govreport <command>: warning: ...``."""
    seen = set()
    for message in messages:
        text = one_line(message)
        if text and text not in seen:
            seen.add(text)
            print(f"govreport {command}: warning: {text}", file=sys.stderr)


def read_checked(path: str):
    """The report read, structured and checked (not a report: ``NotAReportError``), before pandas is imported."""
    from govreport.text.report import read_report, require_report

    report = read_report(path)
    require_report(report)
    return report


def run_extract(args: argparse.Namespace) -> int:
    report = read_checked(args.path)
    from govreport.extraction.pipeline import extract_report
    from govreport.tables import write_table

    ex = extract_report(report)
    df = getattr(ex, args.table)
    if args.text_out:
        Path(args.text_out).write_text(ex.report.text, encoding="utf-8")
    write_table(df, args.output, args.format)
    return 0


def run_derive(args: argparse.Namespace) -> int:
    source = args.path
    if not (Path(source).suffix.lower() == ".csv" and Path(source).is_file()):
        source = read_checked(source)  # a report: refused here when it is not one, before pandas
    from govreport.derivation.pipeline import run_derive as run

    return run(args, source)


def add_derive_command(subparsers) -> argparse.ArgumentParser:
    """Add ``derive`` to the ``govreport`` command's subparsers."""
    p = subparsers.add_parser(
        "derive",
        help="derived measures, targets against results and the audit of one report",
        description="Write measures, targets, audit, provenance and linked tables for one report.",
    )
    p.add_argument("path", help="report file (text or HTML), or an indicators CSV written by `govreport extract`")
    p.add_argument("-o", "--output", "--out", dest="out",
                   help="output directory (default: ./<report name>-derived); - prints one --table to standard output")
    p.add_argument("-f", "--format", choices=("csv", "json"), default="csv", help="file format (default csv)")
    p.add_argument(
        "-t", "--table", action="append", choices=DERIVED_TABLES,
        help="write only this table (repeatable; default: all)",
    )
    p.add_argument("--actual-year", help="results year (default: read from the data)")
    p.add_argument("--target-year", help="plan year (default: read from the data)")
    p.set_defaults(func=run_derive)
    return p


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
    add_derive_command(sub)
    add_corpus_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = args.func(args)
        except BrokenPipeError:  # the reader of standard output went away (| head): stop quietly
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141
        except ReportError as err:
            status = _error(args.command, str(err))
        except (OSError, ValueError, TypeError, KeyError) as err:
            status = _error(args.command, one_line(err) or type(err).__name__)
        except KeyboardInterrupt:
            return 130
    print_warnings(args.command, [w.message for w in caught])
    return status


def _error(command: str, message: str) -> int:
    print(f"govreport {command}: error: {one_line(message)}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
