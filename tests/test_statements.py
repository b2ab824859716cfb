"""Which statement stands for a key in a year: the case table tests/data/cases/statements.csv.

Each case is a few indicator rows and one query (``key metric scope year [any]`` on the case's first
row); the row marked ``chosen`` = yes is the one the query must return (none when every row says no).
"""

import pytest

from govreport.derivation import glossary
from govreport.derivation.statements import Statements

import _cases

CASES = _cases.grouped("statements.csv")


@pytest.mark.parametrize("case", sorted(CASES))
def test_statement_case(case):
    rows = CASES[case]
    key, metric, scope, year, *rest = rows[0]["query"].split()
    unit = rest[0] if rest else None
    linked = glossary.link(_cases.indicator_frame(rows))
    assert linked["key"].notna().all(), f"{case}: a row links to no key"
    stmts = Statements(linked, actual_year=year if scope == "actual" else None, target_year=year if scope == "target" else None)
    got = stmts.get(key, metric, scope, year=year, unit=unit)
    expected = [i for i, r in enumerate(rows) if r["chosen"] == "yes"]
    if not expected:
        assert got is None, f"{case}: chose {got.describe() if got else None}; {rows[0]['note']}"
    else:
        assert got is not None, f"{case}: nothing chosen; {rows[expected[0]]['note']}"
        assert got.start == int(linked["start"].iloc[expected[0]]), f"{case}: chose {got.describe()}; {rows[expected[0]]['note']}"


def test_start_value_is_named_in_the_note():
    rows = CASES["start_value"]
    stmts = Statements(glossary.link(_cases.indicator_frame(rows)), "2025", "2026")
    note = stmts.choose("gdp", "level", "actual").note("gdp")
    assert "start value" in note and "4.1" in note


def test_grain_in_jin_is_converted_to_tonnes():
    stmts = Statements(glossary.link(_cases.indicator_frame(CASES["grain_jin"])), "2023", "2024")
    s = stmts.get("grain_output", "level", "actual")
    assert s.base_unit == "吨"
    assert s.base_value == pytest.approx(838.6e8 * 0.0005)
    assert s.unit == "亿斤"  # as written
