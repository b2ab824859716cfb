"""The panel book's tables and prose (govreport.publish.panel), on a few reports of the committed corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from govreport.publish import book, panel


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """The committed corpus as the panel book reads it (a path relative to the repository root)."""
    return panel.load("data/raw/corpus", cache_dir=tmp_path_factory.mktemp("cache"))


def test_report_paths_are_shown_relative_to_the_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_ROOT", str(book.repo_root()))
    df = pd.DataFrame({"report": [str(book.repo_root() / "data/raw/corpus/national-2015.txt")],
                       "target_report": ["data/raw/corpus/national-2014.txt"], "actual_report": [None]})
    out = panel.display_paths(df)
    assert out.iloc[0]["report"] == "data/raw/corpus/national-2015.txt"
    assert out.iloc[0]["target_report"] == "data/raw/corpus/national-2014.txt"
    assert pd.isna(out.iloc[0]["actual_report"])


def test_downloaded_csv_has_no_machine_paths_no_inf_and_no_exponent(tables, tmp_path):
    root = str(book.repo_root())
    for name in panel.TABLES:
        for column in panel.PATH_COLUMNS:
            if column in tables[name]:
                assert not tables[name][column].dropna().str.startswith("/").any(), (name, column)
    written = book.write_tables({name: tables[name] for name in panel.TABLES}, tmp_path)
    for path in written:
        text = path.read_text(encoding="utf-8-sig")
        assert root not in text and ",inf" not in text and ",-inf" not in text, path.name
        assert not any(c.isdigit() and "e+" in c for c in text.replace("\n", ",").split(",")), path.name
    tvr = pd.read_csv(tmp_path / "targets_vs_results.csv")
    assert tvr["target_report"].str.match(r"data/raw/corpus/[a-z]+-\d{4}\.txt$").all()
    assert "data/raw/corpus/national-2015.txt" in set(tvr["target_report"])


def test_the_verdict_table_has_a_column_for_every_verdict():
    s = pd.DataFrame({"order": [0, 0, 0, 1], "indicator": ["GDP", "GDP", "GDP", "CPI"],
                      "verdict": ["met", "not met", "no result", "no result"]})
    s["verdict_shown"] = [panel.VERDICT_WORDS[v] for v in s["verdict"]]
    c = panel.verdict_counts(s)
    assert list(c.columns) == ["indicator", "met", "not met", "no result", "not comparable", "no rule", "targets"]
    assert c.iloc[0].tolist() == ["GDP", 1, 1, 1, 0, 0, 3]
    assert c.iloc[1].tolist() == ["CPI", 0, 0, 1, 0, 0, 1]
    text = panel.verdict_summary(s)
    assert "2 the next report states no result" in text or "for 2 the next report states no result" in text
    assert "misses go unstated" in text


def test_the_regional_table_is_narrow_with_english_headers(tables):
    sub = panel.regional(tables["targets_vs_results"])
    t = panel.regional_table(sub)
    assert list(t.columns) == ["region", "indicator", "year", "target", "result", "verdict"]
    gdp = t[(t["region"] == "Shanghai 上海") & (t["year"] == 2020) & t["indicator"].str.contains("(GDP)", regex=False)]
    assert gdp[["target", "result", "verdict"]].values.tolist() == [["6%左右", "1.7%", "not met"]]
    html_text = book.searchable_table(t, "regional", narrow=True).html
    assert 'gr-table gr-narrow"' in html_text and "text-align: right" not in html_text and '<div class="gr-scroll">' in html_text
    assert "_" not in "".join(t.columns)
    details = panel.regional_sentences_html(sub)
    assert "全市生产总值增长6%左右" in details


def test_the_2009_gap_is_said_and_breaks_the_chart_lines(tables):
    s = panel.series(tables["targets_vs_results"])
    g = panel.gaps(s, tables["headlines"])
    assert g == {"no_target": [2020], "missing": [2009]}
    text = panel.gaps_html(g)
    assert "The 2009 national report in the corpus lacks its targets passage" in text and "missing in the source" in text
    assert panel.runs([2008, 2010, 2011, 2013]) == [0, 1, 1, 2]
    assert panel.runs([2008, 2009, 2008], ["a", "a", "b"]) == [0, 0, 0]
    spec = panel.series_chart(s, "gdp", "growth").to_dict()
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    assert line["encoding"]["detail"]["field"] == "run"
    data = next(iter(spec["datasets"].values()))
    runs = {d["year"]: d["run"] for d in data if d["what"] == "target 目标"}
    assert runs[2008] != runs[2010] and runs[2010] == runs[2011]


def test_provinces_page_shows_equal_marks_grey_tiles_and_municipalities(tables):
    p = panel.provinces(tables["headlines"], 2026)
    spec = panel.target_chart(p, "gdp", "growth", "t").to_dict()
    points = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    assert sorted(m["yOffset"] for m in points) == [-panel.TARGET_OFFSET, panel.TARGET_OFFSET]
    tibet = p[(p["region"] == "西藏自治区") & (p["key"] == "gdp")].iloc[0]
    assert tibet["target"] == tibet["result"] == 7.0  # the case that hid the target
    tiles = panel.tile_map(p, "gdp", "growth", "t").to_dict()
    data = next(iter(tiles["datasets"].values()))
    guangdong = next(d for d in data if d["name_zh"] == "广东省")
    assert guangdong["value"] is None and guangdong["shown"] == panel.NO_REPORT and guangdong["label"] == "no report"
    grey = tiles["layer"][0]
    assert grey["mark"]["type"] == "rect" and grey["mark"]["color"] == panel.NO_VALUE_GREY and "transform" not in grey
    summary = panel.corpus_summary_html(tables["reports"])
    assert "Beijing (北京市)</td><td>provincial-level municipality" in summary
    assert "Zhejiang (浙江省)</td><td>province<" in summary
