"""`govreport derive PATH`: files written, formats, and one-line errors."""

import json

import pandas as pd
import pytest

from govreport import schema
from govreport.cli import main

import _derive_rows as R


def test_writes_every_table_as_csv(tmp_path, capsys):
    out = tmp_path / "wz"
    assert main(["derive", str(R.WANZHOU), "-o", str(out)]) == 0
    for name, sch in [("measures", schema.MEASURES), ("targets", schema.TARGETS), ("audit", schema.AUDIT),
                      ("provenance", schema.PROVENANCE), ("linked", schema.LINKED)]:
        df = pd.read_csv(out / f"{name}.csv")
        assert list(df.columns) == sch.names
    m = pd.read_csv(out / "measures.csv").set_index("measure")
    assert m.loc["tax_share_budget_revenue", "value"] == pytest.approx(100 * 44.6 / 78.3)
    assert capsys.readouterr().err == ""


def test_json_with_unbounded_interval(tmp_path):
    assert main(["derive", str(R.WANZHOU), "-o", str(tmp_path), "-f", "json", "-t", "audit"]) == 0
    records = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    first = next(r for r in records if r["key"] == "industry_output_above_scale")
    assert first["expected_high"] == "inf"  # 18%以上 has no upper end
    assert first["verdict"] == "consistent"
    assert not (tmp_path / "measures.json").exists()


def test_one_table_to_stdout(capsys):
    assert main(["derive", str(R.HAILAER), "-t", "measures", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(",".join(schema.MEASURES.names))
    assert "income_urban / income_rural" in out


def test_indicators_csv_from_extract_gives_the_same_measures(tmp_path, capsys):
    ind = tmp_path / "ind.csv"
    assert main(["extract", str(R.WANZHOU), "-o", str(ind)]) == 0
    assert main(["derive", str(ind), "-o", str(tmp_path / "a"), "-t", "measures"]) == 0
    assert main(["derive", str(R.WANZHOU), "-o", str(tmp_path / "b"), "-t", "measures"]) == 0
    a = (tmp_path / "a" / "measures.csv").read_text(encoding="utf-8")
    assert a == (tmp_path / "b" / "measures.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("make", ["missing", "binary", "empty", "not_a_report"])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, make):
    path = tmp_path / "x.txt"
    if make == "binary":
        path.write_bytes(b"\x00\x01\x02abc" * 50)
    elif make == "empty":
        path.write_text("   \n", encoding="utf-8")
    elif make == "not_a_report":
        path.write_text("hello world, no report here\n", encoding="utf-8")
    assert main(["derive", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govreport derive: error: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_two_tables_to_stdout_is_an_error(capsys):
    assert main(["derive", str(R.HAILAER), "-t", "measures", "-t", "audit", "-o", "-"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
