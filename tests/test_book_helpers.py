"""Tests for govreport.publish.book (paths, formatting, summaries, tables, offline assets) and book_sphinx."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from govreport.publish import book, book_sphinx
from govreport import schema


def test_paths_resolve_from_the_repository_root(tmp_path, monkeypatch):
    root = book.repo_root()
    assert (root / "pyproject.toml").is_file()
    monkeypatch.chdir(tmp_path)  # papermill, myst-nb and nbval use different working directories
    assert book.resolve("data/raw/wanzhou-2024.txt") == root / "data/raw/wanzhou-2024.txt"
    assert book.resolve(tmp_path / "x.txt") == tmp_path / "x.txt"
    assert book.display_path(root / "data/raw/wanzhou-2024.txt") == "data/raw/wanzhou-2024.txt"


@pytest.mark.parametrize(
    ("path", "slug"),
    [("data/raw/wanzhou-2024.txt", "wanzhou-2024"), ("tests/data/reports/hailaer-2019.gb18030.txt", "hailaer-2019"),
     ("report", "report"), ("/x/y/fujian-2026.txt", "fujian-2026")],
)
def test_report_slug(path, slug):
    assert book.report_slug(path) == slug


def test_number_formatting():
    assert book.format_number(1179.4) == "1,179.4"
    assert book.format_number(6.90) == "6.9"
    assert book.format_number(-25.1) == "-25.1"
    assert book.format_number(float("nan")) == book.NOT_STATED
    assert book.format_number(None) == book.NOT_STATED
    assert book.format_number(pd.NA) == book.NOT_STATED
    assert book.format_quantity(6.9, "%") == "6.9%"
    assert book.format_quantity(1179.4, "亿元") == "1,179.4 亿元"


def row(**kw) -> dict:
    base = {"indicator": "地区生产总值", "metric": "level", "value": 1179.4, "unit": "亿元", "base_value": 1.1794e11,
            "base_unit": "元", "period": "2023", "kind": "actual", "qualifier": "", "section": "回顾", "sentence": "句。",
            "start": 0, "end": 6, "token": "1179.4", "value_high": math.nan, "section_role": "review",
            "sentence_start": 0, "sentence_end": 10}
    base.update(kw)
    return base


def test_format_claim_shows_ranges_and_qualifiers():
    df = schema.frame(schema.INDICATORS, [row(value=5, unit="%", qualifier="range", value_high=5.5),
                                          row(value=8, unit="万元", qualifier="超过")])
    assert book.format_claim(df.iloc[0]) == "5–5.5%"
    assert book.format_claim(df.iloc[1]) == "8 万元 (超过)"
    assert book.format_claim(None) == book.NOT_STATED


def test_headlines_pick_review_results_with_money_levels():
    df = schema.frame(
        schema.INDICATORS,
        [
            row(indicator="规上工业增加值", value=12, unit="个月", base_unit="月", start=5),  # not money: skipped
            row(indicator="规上工业增加值", metric="growth", value=23.6, unit="%", base_unit="%", start=9),
            row(indicator="地区生产总值", value=1250, kind="target", start=50, section_role="plan"),
            row(indicator="地区生产总值", start=20),
            row(indicator="地区生产总值", metric="growth", value=6.9, unit="%", base_unit="%", start=21),
        ],
    )
    picks = book.headline_rows(df)
    assert picks["gdp"]["level"]["value"] == 1179.4
    assert picks["gdp"]["growth"]["value"] == 6.9
    assert picks["industry_va_above_scale"]["level"] is None
    assert picks["industry_va_above_scale"]["growth"]["value"] == 23.6
    assert picks["retail"] == {"level": None, "growth": None}
    table = book.headline_table(df)
    assert table.iloc[0]["level 总量"] == "1,179.4 亿元"
    assert (table["指标"] == "").sum() == len(book.HEADLINES) - 2


def test_section_counts_add_up():
    sections = schema.frame(
        schema.SECTIONS,
        [
            {"section_id": 0, "level": 1, "label": "一、", "title": "回顾", "role": "review", "period": "2023", "parent_id": -1,
             "start": 10, "end": 100},
            {"section_id": 1, "level": 2, "label": "（一）", "title": "产业", "role": "review", "period": "2023",
             "parent_id": 0, "start": 40, "end": 70},
        ],
    )
    indicators = schema.frame(schema.INDICATORS, [row(start=s) for s in (5, 20, 45, 80)])
    non = schema.frame(schema.NON_INDICATORS)
    sentences = schema.frame(schema.SENTENCES, [{"sentence_id": 0, "section_id": 1, "start": 40, "end": 50, "text": "x"}])
    counts = book.section_counts(sections, sentences, indicators, non)
    assert counts["n_indicators"].tolist() == [2, 1]  # 20 and 80 in the chapter, 45 in the part, 5 before any section
    assert counts["n_sentences"].tolist() == [0, 1]


def test_tables_escape_report_markup():
    evil = "<script>alert(1)</script>{glue}`x`"
    df = pd.DataFrame({"sentence": [evil], "value": [pd.NA]}).astype({"value": "Float64"})
    for block in (book.table(df), book.searchable_table(df, "evil")):
        html = block._repr_mimebundle_()["text/html"]
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;NA&gt;" not in html
    a = book.searchable_table(df, "evil")._repr_mimebundle_()["text/html"]
    assert a == book.searchable_table(df, "evil")._repr_mimebundle_()["text/html"]  # no random ids


def test_metadata_table_and_value():
    class Meta:
        title, region, year, date, speaker = "2024年重庆市万州区政府工作报告", "重庆市万州区", 2024, None, pd.NA

    df = book.metadata_table(Meta())
    assert df["value"].tolist() == ["2024年重庆市万州区政府工作报告", "重庆市万州区", "2024", "", ""]
    assert book.metadata_value(Meta(), "speaker") == ""
    assert book.metadata_value(None, "title") == ""


def test_write_tables_is_utf8_csv(tmp_path):
    out = book.write_tables({"b": pd.DataFrame({"x": ["万州"]}), "a": pd.DataFrame({"y": [1]})}, tmp_path / "t")
    assert [p.name for p in out] == ["a.csv", "b.csv"]
    assert (tmp_path / "t" / "b.csv").read_text(encoding="utf-8-sig") == "x\n万州\n"


def test_vega_assets_are_written_wrapped(tmp_path):
    files = book.write_vega_assets(tmp_path)
    assert files == [book.VEGA_BUNDLE]
    text = (tmp_path / book.ASSETS_DIR / book.VEGA_BUNDLE).read_text(encoding="utf-8")
    assert text.startswith("(function(){") and text.rstrip().endswith("})();")
    assert "window.vegaEmbed" in text
    assert not (tmp_path / "_static").exists()


def test_provenance_sentences_are_distinct_and_ordered():
    prov = pd.DataFrame({"table": ["measures"] * 3 + ["targets"], "row_id": [0, 0, 0, 0],
                         "sentence": ["乙。", "甲。", "甲。", "丙。"], "sentence_start": [20, 5, 5, 1]})
    assert book.provenance_sentences(prov, "measures") == {0: "甲。 | 乙。"}


def test_sphinx_extension_drops_thebe_scripts():
    class Js:
        def __init__(self, filename, body=""):
            self.filename, self.attributes = filename, {"body": body} if body else {}

    ctx = {"script_files": [Js("sphinx-thebe.js"), Js(None, 'const THEBE_JS_URL = "x"'), Js("vega/vega-bundle.js")],
           "css_files": []}
    book_sphinx._drop_thebe(None, "p", "page.html", ctx, None)
    assert [s.filename for s in ctx["script_files"]] == ["vega/vega-bundle.js"]


def test_committed_notebooks_follow_the_conventions():
    import json
    import re

    root = book.repo_root()
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    assert len(notebooks) >= 5
    for path in notebooks:
        assert re.fullmatch(r"\d\d-[a-z]+-[a-z]+\.ipynb", path.name), path.name
        nb = json.loads(path.read_text(encoding="utf-8"))
        params = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(params) == 1, path.name
        src = "".join(params[0]["source"])
        assert 'report_path = "data/raw/wanzhou-2024.txt"' in src and "output_dir = " in src
        for line in src.splitlines():  # literals only
            code = line.split("#", 1)[0].strip()
            assert not code or re.fullmatch(r'[a-z_]+ = (".*"|\d+(\.\d+)?|True|False|None)', code), line
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


def test_toc_lists_every_notebook_and_chapter():
    import yaml

    root = book.repo_root()
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(toc)
    files = [c["file"] for part in data["parts"] for c in part["chapters"]]
    for f in files:
        assert (root / f).with_suffix(".md").is_file() or (root / f).with_suffix(".ipynb").is_file(), f
    assert "book/methods-and-data" in files and "book/rerunning" in files
    assert not (root / "_static").exists()  # see toolchain notes: breaks vega


def test_bilingual_names():
    linked = pd.DataFrame({"indicator": ["地区生产总值", "水果"], "label_en": ["Gross regional product (GDP)", pd.NA]})
    assert book.bilingual_names(linked).tolist() == ["Gross regional product (GDP) 地区生产总值", "水果"]


@pytest.fixture(scope="module")
def wanzhou_derived():
    import govreport

    return govreport.derive(str(book.repo_root() / "data/raw/wanzhou-2024.txt"))


def test_targets_page_keeps_the_results_qualifiers(wanzhou_derived):
    t = book.targets_reader(wanzhou_derived.targets, wanzhou_derived.provenance)
    row = t[t["indicator"] == "数字经济核心产业增加值"].iloc[0]
    assert (row["result_shown"], row["target_shown"]) == ("15%以上", "15%以上")
    assert t[t["indicator"] == "流动文化进基层等活动"].iloc[0]["result_shown"] == "2,500余场"
    rd = t[t["indicator"] == "全社会研发投入强度"].iloc[0]
    assert (rd["result_shown"], rd["target_shown"], rd["ambition_shown"]) == ("0.2个百分点", "0.3个百分点以上", "raised")


def test_measures_page_shows_results_only_as_written_or_rounded_to_their_interval(wanzhou_derived):
    v = book.measures_reader(wanzhou_derived.measures, wanzhou_derived.provenance)
    assert set(v["period"].astype(str)) == {"2023"} and set(v["scope"].astype(str)) == {"actual"}
    names = set(v["label_zh"])
    for plan in ("民营经济增加值", "城镇新建绿色建筑占比", "装配式建筑占比"):  # 2024 targets, not 2023 facts
        assert plan not in names
    row = v.set_index("measure")
    assert row.loc["urban_rural_income_ratio", "display"] == "2.3:1"
    assert row.loc["secondary_share_gdp", "display"] == "31%" and row.loc["secondary_share_gdp", "range"] == "24–39%"
    assert row.loc["tertiary_share_gdp", "display"] == "59%"
    assert row.loc["primary_share_gdp", "display"] == "10.16%"
    assert row.loc["income_urban_implied", "display"] == "51,400元"
    assert row.loc["income_urban_implied", "range"] == "50,300元–52,600元"
    shares = v[v["measure"] == "stated_share"]
    assert "民营经济经营主体占比" in set(shares["label_zh"])  # the indicator's name, not 报告所述比重
    assert book.supported_decimals(23.98, 38.87, 2) == 0 and book.supported_decimals(50318, 52557, 1) == -2


def test_structure_bar_says_how_each_share_is_known(wanzhou_derived):
    from govreport.publish import charts

    v = book.measures_reader(wanzhou_derived.measures, wanzhou_derived.provenance)
    s = v[v["measure"].isin(["primary_share_gdp", "secondary_share_gdp", "tertiary_share_gdp"])]
    spec = charts.structure_bar(s).to_dict()
    parts = {d["part"] for d in next(iter(spec["datasets"].values()))}
    assert "Primary industry share of GDP (computed from the report's numbers)" in parts
    assert not any("from the report)" in p for p in parts)
