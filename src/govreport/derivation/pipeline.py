"""Derived measures for one report: link to the glossary, compute measures, targets and the audit.

>>> import govreport
>>> d = govreport.derive("data/raw/wanzhou-2024.txt")      # a path, an Extraction or an indicators table
>>> d.measures, d.targets, d.audit, d.provenance, d.linked
>>> d.target_summary                 # the targets as text a reader can scan
>>> d.quotes("measures", 7)          # the sentences behind measure 7

Also the ``govreport derive PATH`` command (:func:`add_derive_command`).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from govreport import schema
from govreport.derivation import audit as audit_mod, glossary, measures as measures_mod, targets as targets_mod
from govreport.errors import ReportWarning
from govreport.tables import write_table
from govreport.derivation.statements import Statements

TABLES = ("measures", "targets", "target_summary", "audit", "provenance", "linked")


@dataclass
class Derived:
    """What follows from one report's indicator rows."""

    linked: pd.DataFrame  # schema.LINKED: the indicator rows with their canonical key
    measures: pd.DataFrame  # schema.MEASURES
    targets: pd.DataFrame  # schema.TARGETS
    audit: pd.DataFrame  # schema.AUDIT
    provenance: pd.DataFrame  # schema.PROVENANCE: the stated numbers behind every row above
    years: dict = field(default_factory=dict)  # {"actual": "2023", "target": "2024"}
    warnings: tuple[str, ...] = ()

    @property
    def target_summary(self) -> pd.DataFrame:
        """The targets as text a reader can scan (schema.TARGET_SUMMARY)."""
        return targets_mod.summary(self.targets)

    def quotes(self, table: str, row_id: int) -> pd.DataFrame:
        """The stated numbers behind one row of measures, targets or audit, with their sentences
        and offsets (rows of the provenance table)."""
        p = self.provenance
        return p[(p["table"] == table) & (p["row_id"] == row_id)].reset_index(drop=True)

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; tables are {', '.join(TABLES)}")
        return getattr(self, name)

    def write(self, directory: str | Path, fmt: str = "csv", tables: tuple[str, ...] = TABLES) -> list[Path]:
        """Write the tables as ``<name>.csv`` (UTF-8) or ``<name>.json`` (records) into directory."""
        if fmt not in ("csv", "json"):
            raise ValueError(f"unknown format {fmt!r} (csv or json)")
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        return [write_table(self.table(name), out / f"{name}.{fmt}", fmt) for name in tables]


def _indicators_of(source) -> tuple[pd.DataFrame, str | None]:
    """The indicator rows of ``source`` and the report's level of government where the source tells it."""
    if isinstance(source, pd.DataFrame):
        return source, None
    if hasattr(source, "indicators"):
        return source.indicators, source.report.metadata.level
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.suffix.lower() == ".csv" and path.is_file() and _is_indicators_csv(path):
            strings = {c: str for c, d in schema.INDICATORS.dtypes.items() if d == schema.STRING}
            df = pd.read_csv(path, dtype=strings, keep_default_na=False, na_values={c: [""] for c in schema.INDICATORS.names if c not in strings})
            for c in strings:
                if c != "qualifier":
                    df[c] = df[c].where(df[c] != "", None)
            return schema.conform(schema.INDICATORS, df), None
        import govreport

        ex = govreport.extract(path)
        return ex.indicators, ex.report.metadata.level
    raise TypeError(f"derive() takes a path, an Extraction or an indicators DataFrame, not {type(source).__name__}")


def _is_indicators_csv(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as fh:
        header = fh.readline().strip().lstrip("\ufeff").split(",")
    return header == schema.INDICATORS.names


def derive(source, *, actual_year: str | None = None, target_year: str | None = None,
           level: str | None = None) -> Derived:
    """Link, measure, pair targets and audit one report.

    ``source`` is a report path (extracted with :func:`govreport.extract`), an ``Extraction``,
    an indicators DataFrame (schema.INDICATORS) or a CSV file of one.  ``actual_year`` and
    ``target_year`` override the years read from the data (see :mod:`govreport.derivation.statements`);
    ``level`` the report's level of government (national, province, ...), read from the report when not given.
    """
    indicators, found_level = _indicators_of(source)
    linked = glossary.link(indicators, level or found_level)
    stmts = Statements(linked, actual_year, target_year)
    m, p1 = measures_mod.compute(stmts)
    t, p2 = targets_mod.compute(stmts)
    a, p3 = audit_mod.compute(stmts)
    provenance = schema.frame(schema.PROVENANCE, p1 + p2 + p3)
    notes = []
    if stmts.years["actual"] is None:
        notes.append("no results year found: no actuals with a year")
    if t.empty:
        notes.append("no targets for the plan year found")
    unlinked = int(linked["key"].isna().sum())
    if len(linked) and unlinked == len(linked):
        notes.append("no indicator matched the glossary")
    return Derived(linked, m, t, a, provenance, dict(stmts.years), tuple(notes))


# -- command line ----------------------------------------------------------------------------


def add_derive_command(subparsers) -> argparse.ArgumentParser:
    """Add ``derive`` to the ``govreport`` command's subparsers (defined in :mod:`govreport.cli`, which parses
    the command line without importing this module)."""
    from govreport.cli import add_derive_command as add

    return add(subparsers)


def run_derive(args: argparse.Namespace, source=None) -> int:
    """``govreport derive``: ``source`` is the report already read and checked by the command line (a ``Report``),
    or None to take ``args.path``. Errors propagate (the command line prints them on one line); warnings are
    ``ReportWarning``s, printed by the command line one line each."""
    if source is None:
        source = args.path
    if hasattr(source, "sentences") and not hasattr(source, "indicators"):  # a Report
        from govreport.extraction.pipeline import extract_report

        source = extract_report(source)
    d = derive(source, actual_year=args.actual_year, target_year=args.target_year)
    tables = tuple(args.table) if args.table else TABLES
    if args.out == "-":
        if len(tables) != 1:
            raise ValueError("--out - needs exactly one --table")
        write_table(d.table(tables[0]), sys.stdout, args.format)
    else:
        out = Path(args.out) if args.out else Path(f"{Path(args.path).name.split('.')[0]}-derived")
        for path in d.write(out, args.format, tables):
            print(path)
    for w in d.warnings:
        warnings.warn(w, ReportWarning, stacklevel=2)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m govreport.derivation.pipeline PATH``), same options as ``govreport derive``."""
    from govreport.cli import main as cli_main

    return cli_main(["derive", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
