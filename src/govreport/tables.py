"""One writer for every table the project writes: CSV, JSON or Parquet, to a file or a stream.

Every output of the command line, the derived tables, the book's downloads and the corpus goes through
`write_table`, so the same table is written the same way wherever it lands:

* CSV: UTF-8 (with a BOM when asked, so spreadsheet programs read the Chinese), ``\\n`` line ends, floats with
  at most 12 significant digits in plain notation (no ``6.8500000000000005``, no ``3e+13``: ``30000000000000``),
  missing values empty, infinities ``inf``/``-inf`` (or empty, ``empty_infinities=True``, as the book's downloads
  write an unbounded interval end),
  and text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return) prefixed with ``'``.
* JSON: a list of records; missing values ``null``; infinities ``"inf"``/``"-inf"`` (JSON has none); floats
  written exactly.
* Parquet: the frame as it is (types kept, nothing neutralised); it needs a file.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
import os
import sys
from pathlib import Path
from typing import IO

FORMATS = ("csv", "json", "parquet")
SUFFIX = {"csv": ".csv", "json": ".json", "parquet": ".parquet"}
FLOAT_FORMAT = "%.12g"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralised(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def plain_float(x: float, infinity: str | None = None) -> str | float:
    """A float as CSV text: 12 significant digits at most, in plain notation (``2.466e13`` -> ``24660000000000``,
    ``6.8500000000000005`` -> ``6.85``, ``1.0`` -> ``1``); NaN stays missing; infinities ``inf``/``-inf``, or
    ``infinity`` when given (``""``: empty)."""
    if math.isnan(x):
        return x
    if math.isinf(x):
        return ("inf" if x > 0 else "-inf") if infinity is None else infinity
    text = format(Decimal(FLOAT_FORMAT % x), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def csv_text(df, *, empty_infinities: bool = False) -> str:
    """The table as CSV text (no BOM); ``empty_infinities``: an infinite value (an unbounded interval end) is
    written as an empty cell."""
    out = df.copy()
    infinity = "" if empty_infinities else None
    for column in out.columns:
        values = out[column]
        dtype = str(values.dtype)
        if values.dtype == object:
            out[column] = values.map(_neutralised, na_action="ignore")
        elif dtype in ("string", "str"):
            # found for the whole column at once (a value at a time, this was half the time of a large table)
            formula = values.str.startswith(_FORMULA_START).fillna(False).astype(bool)
            if formula.any():
                out[column] = values.mask(formula, "'" + values)
        elif dtype.startswith("float") or dtype.startswith("Float"):
            # each distinct value formatted once: a column repeats its values (years, 0, the same target)
            text = {v: plain_float(float(v), infinity) for v in values.dropna().unique()}
            out[column] = values.map(text)
    return out.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def json_text(df) -> str:
    """The table as a JSON list of records."""
    records = df.astype(object).where(df.notna(), None).to_dict("records")
    for record in records:
        for key, value in record.items():
            if isinstance(value, float) and math.isinf(value):
                record[key] = "inf" if value > 0 else "-inf"
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def write_table(df, out: str | os.PathLike[str] | IO[str] | None, fmt: str = "csv", *, bom: bool = False,
                empty_infinities: bool = False):
    """Write `df` as `fmt` to a path, an open text stream, or standard output (None or "-"); ``empty_infinities``:
    infinite values as empty CSV cells (Parquet and JSON keep them).

    Returns the path written, or None for a stream.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    to_stream = out is None or out == "-" or hasattr(out, "write")
    if fmt == "parquet":
        if to_stream:
            raise ValueError("parquet is binary: give an output file with -o")
        df.to_parquet(Path(out), index=False)
        return Path(out)
    text = csv_text(df, empty_infinities=empty_infinities) if fmt == "csv" else json_text(df)
    if to_stream:
        stream = sys.stdout if out is None or out == "-" else out
        stream.write(text)
        return None
    path = Path(out)
    path.write_text(text, encoding="utf-8-sig" if bom and fmt == "csv" else "utf-8")
    return path
