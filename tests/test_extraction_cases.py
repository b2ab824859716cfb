"""The extraction case tables (tests/data/cases/extraction/*.csv): a text, a number in it, the fields it must get.

A reader extends a table without writing code; see the README beside the tables.
"""

from __future__ import annotations

import csv
import math
import warnings
from pathlib import Path

import pytest

import govreport

CASES = Path(__file__).resolve().parent / "data" / "cases" / "extraction"

# where a case's text stands: (text before it, report year)
CONTEXTS = {
    "review": ("2024年某区政府工作报告\n各位代表：\n一、2023年工作回顾\n", 2024),
    "plan": ("2024年某区政府工作报告\n各位代表：\n一、2023年工作回顾\n去年经济平稳。\n二、2024年工作安排\n", 2024),
    "five_year_review": ("2026年某省政府工作报告\n各位代表：\n一、“十四五”时期工作回顾\n", 2026),
    "five_year_then_year": ("2026年某省政府工作报告\n各位代表：\n一、“十四五”时期和2025年工作回顾\n"
                            "“十四五”时期是极不平凡的五年。\n刚刚过去的2025年，我们砥砺前行。\n", 2026),
    "targets": ("2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n去年经济平稳。\n"
                "二、“十五五”时期主要目标任务\n今年经济社会发展的主要预期目标是：", 2026),
}
FIELDS = ("indicator", "metric", "value", "value_high", "unit", "period", "kind", "qualifier", "aspect", "scope")


def _cases():
    for path in sorted(CASES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f), 2):
                yield pytest.param(row, id=f"{path.stem}:{i}:{row['text'][:16]}")


def _extract(context: str, text: str):
    head, _ = CONTEXTS[context]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return govreport.extract(text=head + text, require_numbers=False), len(head)


def _position(text: str, token: str, occurrence: str) -> int:
    pos = -1
    for _ in range(int(occurrence or 1)):
        pos = text.find(token, pos + 1)
        while pos > 0 and (text[pos - 1].isdigit() or text[pos + len(token):pos + len(token) + 1].isdigit()
                           or text[pos + len(token):pos + len(token) + 1] == "."):
            pos = text.find(token, pos + 1)  # the token as a whole number, not digits inside another
        assert pos >= 0, f"{token!r} not found in {text!r}"
    return pos


def _same(field: str, got, expected: str) -> bool:
    if field in ("value", "value_high"):
        return got is not None and not (isinstance(got, float) and math.isnan(got)) and math.isclose(float(got), float(expected))
    got = "" if got is None or (not isinstance(got, str) and got != got) else str(got)
    if field == "indicator":
        return got in expected.split("|")
    return got == expected


@pytest.mark.parametrize("case", list(_cases()))
def test_extraction_case(case):
    ex, shift = _extract(case["context"], case["text"])
    start = shift + _position(case["text"], case["token"], case["occurrence"])
    note = f"({case['note']})"
    if case["reason"]:
        rows = ex.non_indicators[ex.non_indicators["start"] == start]
        assert list(rows["reason"]) == [case["reason"]], note
        if case["rule"]:
            assert rows.iloc[0]["rule"] == case["rule"], note
        assert not (ex.indicators["start"] == start).any(), note
        return
    rows = ex.indicators[ex.indicators["start"] == start]
    assert len(rows) >= 1, f"no indicator row for {case['token']} {note}; non-indicators: " \
                           f"{ex.non_indicators[ex.non_indicators['start'] == start][['reason', 'rule']].to_dict('records')}"
    row = rows.iloc[0]
    wrong = {f: (row[f], case[f]) for f in FIELDS if case[f] and not _same(f, row[f], case[f])}
    assert not wrong, f"{wrong} {note}; rules {row['rule']}"
    if case["rule"]:
        assert case["rule"] in str(row["rule"]).split(";"), f"rules {row['rule']} {note}"


def test_every_case_table_has_the_documented_columns():
    header = ["context", "text", "token", "occurrence", *FIELDS[:1], "metric", "value", "value_high", "unit", "period",
              "kind", "qualifier", "aspect", "scope", "reason", "rule", "note"]
    for path in sorted(CASES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == header, path.name
            f.seek(0)
            assert all(r["context"] in CONTEXTS for r in csv.DictReader(f)), path.name
