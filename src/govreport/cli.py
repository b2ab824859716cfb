"""Command line: ``govreport extract PATH`` and ``govreport derive PATH``.

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
