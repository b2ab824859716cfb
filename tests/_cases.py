"""Case tables (tests/data/cases/*.csv): rows a reader can extend without writing code."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from govreport import schema
from govreport.formatting import parse_quantity

CASES = Path(__file__).resolve().parent / "data" / "cases"


def read(name: str) -> list[dict]:
    with (CASES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def grouped(name: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in read(name):
        out.setdefault(r["case"], []).append(r)
    return out


def indicator_frame(rows: list[dict]) -> pd.DataFrame:
    """Indicator rows from case rows (indicator, metric, value, token, unit, period, kind, qualifier,
    section_role, sentence, optional aspect and scope); offsets follow the row order."""
    out = []
    for i, r in enumerate(rows):
        sentence, token, unit = r["sentence"], r["token"], r["unit"]
        at = sentence.find(token)
        sentence_start = 1000 * i
        value = float(r["value"])
        if unit in ("%", "个百分点", ""):
            base_value, base_unit = value, {"个百分点": "百分点"}.get(unit, unit)
        else:
            base_value, base_unit = parse_quantity(f"{token}{unit}")
            base_value = base_value if value >= 0 else -base_value
        row = {
            "indicator": r["indicator"], "metric": r["metric"], "value": value, "unit": unit,
            "base_value": base_value, "base_unit": base_unit, "period": r["period"] or None, "kind": r["kind"],
            "qualifier": r["qualifier"], "section": "s", "sentence": sentence,
            "start": sentence_start + at, "end": sentence_start + at + len(token), "token": token,
            "value_high": float(r["value_high"]) if r.get("value_high") else float("nan"),
            "section_role": r["section_role"], "sentence_start": sentence_start,
            "sentence_end": sentence_start + len(sentence),
        }
        out.append(row)
    df = schema.frame(schema.INDICATORS, out)
    for extra in ("aspect", "scope"):
        if extra in rows[0]:
            df[extra] = [r[extra] for r in rows]
    return df
