"""Corpus inputs: report files, folders and manifest CSVs -> an ordered list of report entries.

* A **file** is one report; region, level and year are read from its text (:func:`infer`).
* A **manifest** is a CSV file with the columns ``file, region, level, year`` (other columns are ignored);
  ``file`` is relative to the manifest's folder. A manifest states what the text may not (the region of
  a national report, the level of a city). A row naming a file that does not exist, or with a level or year
  that cannot be read, is an error for that row only.
* A **folder** holding a ``manifest.csv`` is read through it; any other folder gives every file in it and
  its sub-folders (sorted by path), except hidden files, ``.csv`` and ``.md`` files.

The order of the entries is the order of the arguments, then of the manifest rows or the sorted folder;
a path given twice is kept once (the first time).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from govreport.schema import LEVELS
from govreport.text.metadata import NATIONAL_MARKERS, NATIONAL_REGION, infer_level, level_rules  # noqa: F401

MANIFEST_COLUMNS = ("file", "region", "level", "year")
MANIFEST_NAME = "manifest.csv"
SKIPPED_SUFFIXES = (".csv", ".md")


@dataclass(frozen=True)
class Entry:
    """One report to process."""

    report: str  # the path as given (joined to the manifest's folder for manifest rows)
    region: str | None = None
    level: str | None = None
    year: int | None = None
    from_manifest: bool = False
    error: str | None = None  # a manifest row that cannot be used: the one-line reason

    @property
    def path(self) -> Path:
        return Path(self.report)


def collect(paths: list[str] | tuple[str, ...]) -> list[Entry]:
    """The report entries for files, folders and manifests, in order; see the module docstring.

    Raises ``ValueError`` for a path that does not exist or a manifest without the required columns
    (the whole command cannot go on), never for one bad manifest row.
    """
    out: list[Entry] = []
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            manifest = p / MANIFEST_NAME
            entries = read_manifest(manifest) if manifest.is_file() else [Entry(str(f)) for f in folder_files(p)]
        elif p.is_file() and p.suffix.lower() == ".csv":
            entries = read_manifest(p)
        elif p.exists():
            entries = [Entry(str(given))]
        else:
            raise ValueError(f"{given}: no such file or folder")
        for e in entries:
            if e.report not in seen:
                seen.add(e.report)
                out.append(e)
    return out


def folder_files(folder: Path) -> list[Path]:
    files = []
    for f in folder.rglob("*"):
        rel = f.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not f.is_file():
            continue
        if f.suffix.lower() in SKIPPED_SUFFIXES:
            continue
        files.append(f)
    return sorted(files, key=lambda f: f.as_posix())


def read_manifest(path: Path) -> list[Entry]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in MANIFEST_COLUMNS if c not in header]
        if missing:
            raise ValueError(f"{path}: a manifest needs the columns {', '.join(MANIFEST_COLUMNS)}; "
                             f"missing {', '.join(missing)}")
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    out = []
    for i, row in enumerate(rows, start=2):  # line 1 is the header
        name = row["file"]
        if not name:
            out.append(Entry(f"{path}:{i}", error=f"{path} line {i}: no file named"))
            continue
        report = str(path.parent / name) if not Path(name).is_absolute() else name
        region = row["region"] or None
        level = row["level"].lower() or None
        year = None
        error = None
        if row["year"]:
            try:
                year = int(row["year"])
            except ValueError:
                error = f"{path} line {i}: year {row['year']!r} is not a year"
        if level is not None and level not in LEVELS:
            error = f"{path} line {i}: level {level!r} is not one of {', '.join(LEVELS)}"
        if error is None and not Path(report).is_file():
            error = f"{report}: no such file (named in {path} line {i})"
        out.append(Entry(report, region, level, year, True, error))
    return out


def infer(entry: Entry, metadata: dict, head: str) -> tuple[str | None, str | None, int | None]:
    """(region, level, year) of a report: the manifest's values where it states them, else from the text.

    ``metadata`` holds the report's metadata (:meth:`govreport.text.metadata.Metadata.as_dict`); ``head`` its
    opening lines, where a national report says 全国人民代表大会 or 国务院总理.
    """
    region = entry.region or metadata.get("region")
    if region is None and any(marker in head for marker in NATIONAL_MARKERS):
        region = NATIONAL_REGION
    level = entry.level or infer_level(region)
    year = entry.year if entry.year is not None else metadata.get("year")
    return region, level, year
