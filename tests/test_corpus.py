"""The corpus: many reports on Dask, the panel tables, the data package, bad input, the cache.

Runs on a handful of the committed corpus reports (copied into tmp folders), never on ../shared.
"""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import govreport

from govreport.corpus import build_corpus, inputs, panel
from govreport.corpus.run import TABLES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "raw" / "corpus"
#: two consecutive national years, the pandemic year without a GDP target, two Shanghai years, a province
FILES = ("national-2015.txt", "national-2016.txt", "national-2020.txt", "shanghai-2020.txt", "shanghai-2021.txt",
         "zhejiang-2026.txt")


def _manifest_rows() -> dict[str, dict[str, str]]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return {r["file"]: r for r in csv.DictReader(f)}


def make_corpus(folder: Path, files=FILES, extra_rows=()) -> Path:
    """Copies of the reports with a manifest (file, region, level, year) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = _manifest_rows()
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "region", "level", "year", "note"])
        for name in files:
            shutil.copyfile(CORPUS / name, folder / name)
            r = rows[name]
            w.writerow([name, r["region"], r["level"], r["year"], "ignored"])
        for row in extra_rows:
            w.writerow(row)
    return folder / "manifest.csv"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus") / "in").parent


@pytest.fixture(scope="module")
def run(corpus_dir, tmp_path_factory):
    """The corpus run in this process (workers=0), written to a folder."""
    out = tmp_path_factory.mktemp("out") / "corpus"
    return build_corpus([str(corpus_dir / "manifest.csv")], out, workers=0), out


def _cell(h: pd.DataFrame, report: str, key: str, kind: str, metric: str) -> pd.Series:
    m = h[h["report"].str.endswith(report) & (h["key"] == key) & (h["kind"] == kind) & (h["metric"] == metric)]
    assert len(m) == 1, (report, key, kind, metric, len(m))
    return m.iloc[0]


def test_reports_table_takes_region_level_and_year_from_the_manifest(run):
    result, _ = run
    r = result.tables["reports"]
    assert list(r["report"].map(lambda p: Path(p).name)) == list(FILES)  # manifest order
    assert set(r["status"]) == {"ok"} and result.failed == 0
    national = r[r["report"].str.endswith("national-2015.txt")].iloc[0]
    assert (national["region"], national["level"], national["year"]) == ("中华人民共和国", "national", 2015)
    assert national["region_source"] == "manifest"
    assert len(national["sha256"]) == 64 and national["indicators"] > 50 and national["headlines"] > 5


def test_headlines_pick_the_statement_the_derived_measures_pick(run):
    h = run[0].tables["headlines"]
    gdp = _cell(h, "national-2015.txt", "gdp", "target", "growth")
    assert (gdp["value"], gdp["qualifier"], gdp["unit"], gdp["period"]) == (7.0, "左右", "%", "2015")
    assert (gdp["start"], gdp["end"]) == (5673, 5674)  # the hand label's offsets
    assert "7%左右" in gdp["sentence"]
    level = _cell(h, "national-2015.txt", "gdp", "actual", "level")
    assert (level["value"], level["unit"], level["base_value"], level["period"]) == (63.6, "万亿元", 63.6e12, "2014")
    assert level["low"] == pytest.approx(63.55) and level["high"] == pytest.approx(63.65)  # rounding interval
    # the same choice as the single-report derivation (govreport.derive) makes
    import govreport

    d = govreport.derive(str(CORPUS / "national-2015.txt"), actual_year="2014", target_year="2015")
    t = d.targets[(d.targets["key"] == "gdp") & (d.targets["metric"] == "growth")].iloc[0]
    assert (t["target"], t["target_start"]) == (gdp["value"], gdp["start"])


def test_an_explicit_absence_of_a_target_is_a_headline_row_without_a_value(run):
    h = run[0].tables["headlines"]
    row = _cell(h, "national-2020.txt", "gdp", "target", "growth")
    assert row["status"] == "no_target" and pd.isna(row["value"])
    assert (row["start"], row["end"]) == (3642, 3656)  # the hand label's span: 没有提出全年经济增速具体目标
    assert "没有提出全年经济增速具体目标" in row["sentence"]


def test_targets_of_one_year_meet_the_results_stated_the_next_year(run):
    t = run[0].tables["targets_vs_results"]
    gdp = t[(t["region"] == "中华人民共和国") & (t["key"] == "gdp") & (t["year"] == 2015)].iloc[0]
    assert (gdp["target"], gdp["target_qualifier"], gdp["actual"]) == (7.0, "左右", 6.9)
    assert gdp["target_report"].endswith("national-2015.txt") and gdp["actual_report"].endswith("national-2016.txt")
    assert gdp["gap"] == pytest.approx(-0.1) and gdp["verdict"] == "met"  # 左右: within the 0.5-point band
    assert gdp["rule"] == "actual >= target - band"
    assert gdp["gap_low"] == pytest.approx(-0.15) and gdp["gap_high"] == pytest.approx(-0.05)
    jobs = t[(t["region"] == "中华人民共和国") & (t["key"] == "urban_new_jobs") & (t["year"] == 2015)].iloc[0]
    assert (jobs["target"], jobs["target_qualifier"], jobs["actual"], jobs["verdict"]) == (1000, "以上", 1312, "met")
    # national 2020 has no 2021 report here, Shanghai 2021 neither: only consecutive years pair
    assert set(t["year"]) == {2015, 2020}
    sh = t[(t["region"] == "上海市") & (t["key"] == "gdp")].iloc[0]
    assert (sh["target"], sh["actual"], sh["verdict"]) == (6.0, 1.7, "not met")


def test_comparison_puts_the_national_value_beside_each_region(run):
    c = run[0].tables["comparison"]
    row = c[c["report"].str.endswith("shanghai-2020.txt") & (c["key"] == "gdp") & (c["kind"] == "actual")
            & (c["metric"] == "growth")].iloc[0]
    assert row["year"] == 2019 and row["value"] == 6.0
    assert row["national_value"] == 6.1 and row["national_report"].endswith("national-2020.txt")
    assert row["difference"] == pytest.approx(-0.1)
    assert row["rank"] == 1 and row["regions"] == 1


@pytest.mark.parametrize("rule", [
    # (target, high, qualifier, unit, token, better, actual) -> verdict
    ((6.0, "以上", "%", "6", "higher", 5.9), "not met"),
    ((6.0, "以上", "%", "6", "higher", 6.0), "met"),
    ((4.5, "以内", "%", "4.5", "lower", 4.6), "not met"),
    ((-3.1, "以上", "%", "3.1", "lower", -3.5), "met"),  # 下降3.1%以上: a decline of at least 3.1%
    ((-3.1, "以上", "%", "3.1", "lower", -2.9), "not met"),
    ((7.0, "左右", "%", "7", "higher", 6.5), "met"),  # the band is 0.5 percentage points
    ((7.0, "左右", "%", "7", "higher", 6.4), "not met"),
    ((3.0, "左右", "%", "3", "band", 3.5), "met"),  # consumer prices: around 3% is a ceiling
    ((3.0, "左右", "%", "3", "band", 3.6), "not met"),
    ((5.5, "", "%", "5.5", "lower", 5.2), "met"),
    ((1100.0, "左右", "万人", "1100", "higher", 1099.0), "met"),  # band of one unit of the last digit
])
def test_verdict_rules_come_from_the_data_file(rule):
    (target, qualifier, unit, token, better, actual), expected = rule
    assert panel.verdict(target, float("nan"), qualifier, unit, token, better, actual)[0] == expected


def test_range_targets_and_keys_without_direction():
    assert panel.verdict(5.0, 5.5, "range", "%", "5", "higher", 5.2)[0] == "met"
    assert panel.verdict(5.0, 5.5, "range", "%", "5", "higher", 5.6)[0] == "not met"
    verdict, rule, reason = panel.verdict(5.0, float("nan"), "", "亿元", "5", None, 6.0)
    assert verdict == "no rule" and rule == "" and "direction" in reason


def test_absence_patterns_are_data_and_cover_every_glossary_key():
    text = "今年不再设定地区生产总值增长目标。我们没有提出全年经济增速具体目标，主要因为疫情。"

    class S:  # a sentence span
        def __init__(self, a, b):
            self.start, self.end = a, b

    found = panel.find_absences(text, [S(0, 17), S(17, len(text))])
    assert [(a["key"], a["metric"]) for a in found] == [("gdp", "growth"), ("gdp", "growth")]
    assert text[found[1]["start"]:found[1]["end"]] == "没有提出全年经济增速具体目标"
    assert found[0]["sentence"] == text[0:17]


def test_levels_are_inferred_from_region_names():
    assert [inputs.infer_level(r) for r in ("上海市", "浙江省", "广西壮族自治区", "呼伦贝尔市", "海拉尔区", "中华人民共和国", None)] == [
        "province", "province", "province", "prefecture", "district", "national", None]
    entry = inputs.Entry("x.txt")
    assert inputs.infer(entry, {"region": None, "year": 2015}, "在第十二届全国人民代表大会第三次会议上") == (
        "中华人民共和国", "national", 2015)


def test_without_a_manifest_region_level_and_year_come_from_the_text(tmp_path):
    shutil.copyfile(CORPUS / "zhejiang-2026.txt", tmp_path / "zj.txt")
    r = build_corpus([str(tmp_path / "zj.txt")], None, workers=0).tables["reports"].iloc[0]
    assert (r["region"], r["level"], r["year"], r["region_source"]) == ("浙江省", "province", 2026, "text")


def test_the_data_package_validates_with_frictionless(run):
    import frictionless

    _, out = run
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]
    import json

    d = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in d["resources"]] == list(TABLES)
    headlines = next(r for r in d["resources"] if r["name"] == "headlines")
    fields = {f["name"]: f for f in headlines["schema"]["fields"]}
    assert fields["start"]["unit"] == "characters" and fields["value"]["type"] == "number"
    assert headlines["schema"]["foreignKeys"][0]["reference"] == {"resource": "reports", "fields": ["report"]}


def test_parquet_is_partitioned_by_level_and_year_and_duckdb_reads_it(run):
    from govreport.corpus.query import query

    _, out = run
    assert (out / "parquet" / "headlines" / "level=national" / "report_year=2015" / "part-0.parquet").is_file()
    assert (out / "parquet" / "reports" / "level=province" / "year=2026" / "part-0.parquet").is_file()
    df = query(out, "select region, value, qualifier from headlines where key = 'gdp' and kind = 'target' "
                    "and metric = 'growth' and status = 'stated' order by report_year, region")
    assert list(df["value"]) == [7.0, 6.5, 6.0, 6.0, 5.0]  # national 2015 and 2016, Shanghai 2020 and 2021, Zhejiang 2026
    assert list(pd.read_parquet(out / "parquet" / "headlines").columns)[-2:] == ["level", "report_year"]


def test_cache_extracts_only_new_reports(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    first = build_corpus([str(corpus_dir / "manifest.csv")], None, workers=0, cache_dir=cache)
    assert (first.extracted, first.cached) == (len(FILES), 0)
    shutil.copyfile(CORPUS / "fujian-2026.txt", tmp_path / "fujian-2026.txt")
    second = build_corpus([str(corpus_dir / "manifest.csv"), str(tmp_path / "fujian-2026.txt")], None, workers=0,
                          cache_dir=cache)
    assert (second.extracted, second.cached) == (1, len(FILES))
    for name in ("reports", "headlines", "targets_vs_results"):
        pd.testing.assert_frame_equal(second.tables[name].iloc[:len(first.tables[name])].reset_index(drop=True)
                                      if name == "reports" else second.tables[name][
                                          ~second.tables[name].get("report", second.tables[name].get("target_report"))
                                          .str.endswith("fujian-2026.txt")].reset_index(drop=True),
                                      first.tables[name])


def _bytes_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_default_cluster_and_a_two_worker_cluster_write_the_same_bytes(corpus_dir, run, tmp_path):
    from distributed import LocalCluster

    manifest = str(corpus_dir / "manifest.csv")
    build_corpus([manifest], tmp_path / "default", progress=False)  # zero configuration: a local cluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        build_corpus([manifest], tmp_path / "two", scheduler=cluster.scheduler_address, progress=False)
    default, two, local = _bytes_of(tmp_path / "default"), _bytes_of(tmp_path / "two"), _bytes_of(run[1])
    assert len(default) == 5 + 1 + sum(1 for k in default if k.endswith(".parquet"))
    assert default == two == local


def test_bad_input_completes_and_lists_each_failure_on_one_line(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("national-2015.txt", "shanghai-2021.txt"):
        shutil.copyfile(CORPUS / name, folder / name)
    shutil.copyfile(CORPUS / "national-2015.txt", folder / "z-copy-of-national-2015.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "news.txt").write_text("本报讯 记者昨日从市统计局获悉，今年一季度全市经济运行平稳，消费市场持续回暖。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "govreport.cli", "corpus", str(folder), "-o", str(tmp_path / "out"),
                           "--workers", "0"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "3 of 6 reports failed" in proc.stderr
    reports = pd.read_csv(tmp_path / "out" / "csv" / "reports.csv", dtype=str, keep_default_na=False)
    status = dict(zip(reports["report"].map(lambda p: Path(p).name), reports["status"]))
    assert status == {"empty.txt": "failed", "image.bin": "failed", "national-2015.txt": "ok", "news.txt": "failed",
                      "shanghai-2021.txt": "ok", "z-copy-of-national-2015.txt": "duplicate"}
    failed = reports[reports["status"] == "failed"]
    assert all(e and "\n" not in e for e in failed["error"])
    assert failed["error"].str.contains("empty").any() and failed["error"].str.contains("not a government work report|numbers").any()
    dup = reports[reports["status"] == "duplicate"].iloc[0]
    assert dup["duplicate_of"].endswith("national-2015.txt") and proc.stderr.count("duplicate:") == 1
    headlines = pd.read_csv(tmp_path / "out" / "csv" / "headlines.csv", dtype=str, keep_default_na=False)
    assert set(headlines["report"].map(lambda p: Path(p).name)) == {"national-2015.txt", "shanghai-2021.txt"}


def test_a_manifest_row_naming_a_missing_file_fails_alone(tmp_path):
    manifest = make_corpus(tmp_path / "in", files=("national-2015.txt",),
                           extra_rows=[("gone.txt", "上海市", "province", "2021", ""),
                                       ("national-2015.txt", "中华人民共和国", "national", "2015", "")])
    result = build_corpus([str(manifest)], None, workers=0)
    r = result.tables["reports"]
    assert list(r["status"]) == ["ok", "failed"] and result.failed == 1  # the repeated path is kept once
    assert r.iloc[1]["error"].startswith(str(tmp_path / "in" / "gone.txt")) and "no such file" in r.iloc[1]["error"]
    assert (r.iloc[1]["region"], r.iloc[1]["year"]) == ("上海市", 2021)


def test_the_cli_keeps_heavy_imports_inside_the_subcommands():
    code = ("import sys, govreport.cli; govreport.cli.build_parser(); "
            "print(sorted(m for m in ('dask', 'distributed', 'duckdb', 'frictionless') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_a_rate_target_pairs_once_in_the_default_metric_of_its_key(tmp_path):
    """CPI 涨幅 is read as growth and as level: one row per region x key x year, in the glossary's default metric
    (growth for CPI), never both with their own verdicts."""
    folder = make_corpus(tmp_path / "in", files=("national-2012.txt", "national-2013.txt"))
    t = build_corpus([str(folder)], None, workers=0, cache_dir=tmp_path / "cache", progress=False).tables[
        "targets_vs_results"]
    assert not t.duplicated(["region", "key", "year", "metric"]).any()
    cpi = t[t["key"] == "cpi"]
    assert list(cpi["metric"]) == ["growth"]
    assert (cpi.iloc[0]["target"], cpi.iloc[0]["actual"], cpi.iloc[0]["verdict"]) == (4.0, 2.6, "met")
    for key, metric in (("registered_unemployment", "level"), ("m2", "growth")):
        assert set(t.loc[t["key"] == key, "metric"]) <= {metric}
    rates = t[t["key"].isin(["cpi", "m2", "registered_unemployment", "surveyed_unemployment", "deficit_ratio"])]
    assert not rates.duplicated(["region", "key", "year"]).any()


def test_an_outcome_stated_in_words_gives_the_verdict_when_no_number_is_stated(run):
    t = run[0].tables["targets_vs_results"]
    trade = t[(t["region"] == "中华人民共和国") & (t["key"] == "trade") & (t["year"] == 2015)
              & (t["metric"] == "growth")].iloc[0]
    # 2016 report: 去年我国进出口总额出现下降，预期增长目标未能实现 (no number for the result)
    assert math.isnan(trade["actual"]) and trade["verdict"] == "not met"
    assert trade["rule"] == "stated in words (not_met)" and "未能实现" in trade["actual_sentence"]


def test_stated_outcome_words_name_their_key_and_direction():
    from govreport.corpus import panel

    text = "2017年政府工作报告\n广义货币M2增长11.3%，低于13%左右的预期目标。\n城镇调查失业率明显低于年初预期目标。\n"
    ex = govreport.extract(text=text, require_numbers=False)
    said = [(o["key"], o["says"]) for o in panel.find_outcomes(ex.report.text, ex.report.sentences)]
    assert said == [("m2", "below"), ("surveyed_unemployment", "below")]
    assert panel._stated_verdict({"says": "below", "start": 0, "end": 2, "words": "低于", "sentence": "x"},
                                 "lower", 2021)["verdict"] == "met"
    assert panel._stated_verdict({"says": "below", "start": 0, "end": 2, "words": "低于", "sentence": "x"},
                                 "higher", 2021)["verdict"] == "not met"


def test_money_supply_is_judged_on_both_sides_and_consumer_prices_as_a_ceiling():
    from govreport.corpus import panel

    # M2 2016: 11.3% against 13%左右 (the 2017 report: 低于13%左右的预期目标) is a miss; CPI 0.9% against 3%左右 is met
    assert panel.verdict(13.0, math.nan, "左右", "%", "13", "target", 11.3)[0] == "not met"
    assert panel.verdict(13.0, math.nan, "左右", "%", "13", "target", 13.4)[0] == "met"
    assert panel.verdict(3.0, math.nan, "左右", "%", "3", "band", 0.9)[0] == "met"
    assert panel._stated_verdict({"says": "below", "start": 0, "end": 2, "words": "低于", "sentence": "x"},
                                 "target", 2016)["verdict"] == "not met"
