"""The command line: tables out, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import WANZHOU


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "govreport.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


def test_extract_json_records_have_the_columns(tmp_path):
    out = tmp_path / "w.json"
    res = run("extract", WANZHOU, "--format", "json", "-o", out)
    assert res.returncode == 0, res.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    first = records[0]
    for col in ("indicator", "metric", "value", "unit", "base_value", "base_unit", "period", "kind", "qualifier",
                "section", "sentence", "start", "end"):
        assert col in first
    assert (first["indicator"], first["value"], first["base_value"]) == ("地区生产总值", 1179.4, 117940000000.0)


def test_extract_csv_to_stdout_and_parquet(tmp_path):
    res = run("extract", WANZHOU)
    assert res.returncode == 0
    assert res.stdout.splitlines()[0].startswith("indicator,metric,value,unit,base_value")
    pq = tmp_path / "w.parquet"
    assert run("extract", WANZHOU, "-f", "parquet", "-o", pq).returncode == 0
    assert pd.read_parquet(pq).loc[0, "token"] == "1179.4"


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.7\n...")
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好，我们去公园散步。\n", encoding="utf-8")
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("一、2023年工作回顾 增长6.9%".encode("utf-8") + "二、2024年工作安排 增长7%".encode("gbk"))
    return [tmp_path / "missing.txt", empty, binary, pdf, prose, mixed, tmp_path]


@pytest.mark.parametrize("index", range(7))
def test_bad_input_gives_one_line_and_nonzero_exit(tmp_path, index):
    path = _bad_inputs(tmp_path)[index]
    res = run("extract", path)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govreport extract: error:")
    assert res.stdout == ""


def test_every_csv_the_project_writes_neutralises_spreadsheet_formulas_and_float_noise(tmp_path):
    import pandas as pd

    from govreport.tables import csv_text, json_text, write_table

    df = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "@SUM(A1)", "+1", "-2", "万州"], "value": [6.8500000000000005, 1.0, float("inf"), None, 2.5]})
    text = csv_text(df)
    assert text.splitlines()[1:] == ["\"'=HYPERLINK(\"\"x\"\")\",6.85", "'@SUM(A1),1", "'+1,inf", "'-2,", "万州,2.5"]
    assert '"=HYPERLINK' in json_text(df) and json_text(df).count('"inf"') == 1  # JSON keeps the text as it is
    path = write_table(df, tmp_path / "t.csv", "csv", bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    write_table(df, tmp_path / "t.parquet", "parquet")
    assert pd.read_parquet(tmp_path / "t.parquet")["name"].tolist()[0] == "=HYPERLINK(\"x\")"


def test_csv_floats_are_plain_and_unbounded_ends_can_be_empty():
    import pandas as pd

    from govreport.tables import csv_text

    df = pd.DataFrame({"base": [2.466e13, 3e13, 6.8500000000000005, 1e-7, -0.5, None],
                       "high": [float("inf"), float("-inf"), 1.0, 2.5, 0.0, None]})
    assert csv_text(df).splitlines()[1:] == ["24660000000000,inf", "30000000000000,-inf", "6.85,1", "0.0000001,2.5",
                                             "-0.5,0", ","]
    assert csv_text(df, empty_infinities=True).splitlines()[1:3] == ["24660000000000,", "30000000000000,"]
