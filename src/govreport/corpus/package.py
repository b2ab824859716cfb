"""The Frictionless data package (``datapackage.json``) describing every corpus table and field.

Built from the schemas in :mod:`govreport.schema` (the one place columns are defined): a resource per table
(its CSV file), each field with its name, title, description, type and unit where it has one fixed unit;
primary keys, and foreign keys to ``reports``. Written with sorted keys and no timestamp, so the same tables
give the same file.
"""

from __future__ import annotations

import json
from pathlib import Path

from govreport import schema

TYPES = {schema.STRING: "string", schema.FLOAT: "number", schema.INT: "integer", schema.NULLABLE_INT: "integer",
         schema.BOOL: "boolean"}
TITLES = {"reports": "Reports", "indicators": "Indicators", "headlines": "Headline cells",
          "targets_vs_results": "Targets against results", "comparison": "Comparison across regions"}
PRIMARY_KEYS = {
    "reports": ["report"],
    "indicators": ["report", "indicator_id"],
    "headlines": ["report", "key", "kind", "period", "metric"],
    "targets_vs_results": ["region", "level", "key", "year", "metric"],
    "comparison": ["year", "key", "kind", "metric", "report"],
}
FOREIGN_KEYS = {
    "indicators": ["report"],
    "headlines": ["report"],
    "targets_vs_results": ["target_report", "actual_report"],
    "comparison": ["report"],
}


def _title(column: str) -> str:
    return column.replace("_", " ").capitalize()


def descriptor(formats: tuple[str, ...] = ("parquet", "csv")) -> dict:
    from govreport.corpus.run import PARTITIONS, SCHEMAS, TABLES

    resources = []
    for name in TABLES:
        s = SCHEMAS[name]
        fields = []
        for column, dtype, meaning in s.columns:
            f = {"name": column, "title": _title(column), "description": meaning, "type": TYPES[dtype]}
            if column in s.units:
                f["unit"] = s.units[column]
            fields.append(f)
        table_schema: dict = {"fields": fields, "missingValues": [""], "primaryKey": PRIMARY_KEYS[name]}
        if name in FOREIGN_KEYS:
            table_schema["foreignKeys"] = [
                {"fields": [col], "reference": {"resource": "reports", "fields": ["report"]}} for col in FOREIGN_KEYS[name]
            ]
        level_col, year_col = PARTITIONS[name]
        description = s.description
        if "parquet" in formats:
            description += f". Also as Parquet: parquet/{name}/{level_col}=<level>/{year_col}=<year>/part-0.parquet"
        resources.append({
            "name": name, "title": TITLES[name], "description": description, "path": f"csv/{name}.csv",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": table_schema,
        })
    return {
        "name": "govreport-corpus",
        "title": "Government work reports: a panel of headline indicators",
        "description": "Tables written by `govreport corpus`: the reports read, every indicator row, the headline "
                       "cell of each report and canonical key, each year's targets against the next year's results, "
                       "and a comparison across regions. Offsets index each report's decoded text.",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def write_datapackage(out: Path, formats: tuple[str, ...] = ("parquet", "csv")) -> Path:
    path = Path(out) / "datapackage.json"
    d = descriptor(formats)
    if "csv" not in formats:  # the package describes the CSV files; without them, say where the tables are
        for r in d["resources"]:
            r["description"] += " (CSV not written in this run)"
    path.write_text(json.dumps(d, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
