"""One writer for every table the project writes: CSV, JSON or Parquet, to a file or a stream.

Every output of the command line, the derived tables, the book's downloads and the corpus goes through
`write_table`, so the same table is written the same way wherever it lands:

* CSV: UTF-8 (with a BOM when asked, so spreadsheet programs read the Chinese), ``\\n`` line ends, floats with
  at most 12 significant digits (no ``6.8500000000000005``), missing values empty, infinities ``inf``/``-inf``,
  and text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return) prefixed with ``'``.
* JSON: a list of records; missing values ``null``; infinities ``"inf"``/``"-inf"`` (JSON has none); floats
  written exactly.
* Parquet: the frame as it is (types kept, nothing neutralised); it needs a file.
"""

from __future__ import annotations

import json
import math
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


def csv_text(df) -> str:
    """The table as CSV text (no BOM)."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(_neutralised, na_action="ignore")
    return out.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def json_text(df) -> str:
    """The table as a JSON list of records."""
    records = df.astype(object).where(df.notna(), None).to_dict("records")
    for record in records:
        for key, value in record.items():
            if isinstance(value, float) and math.isinf(value):
                record[key] = "inf" if value > 0 else "-inf"
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def write_table(df, out: str | os.PathLike[str] | IO[str] | None, fmt: str = "csv", *, bom: bool = False):
    """Write `df` as `fmt` to a path, an open text stream, or standard output (None or "-").

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
    text = csv_text(df) if fmt == "csv" else json_text(df)
    if to_stream:
        stream = sys.stdout if out is None or out == "-" else out
        stream.write(text)
        return None
    path = Path(out)
    path.write_text(text, encoding="utf-8-sig" if bom and fmt == "csv" else "utf-8")
    return path
