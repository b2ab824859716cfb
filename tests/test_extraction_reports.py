"""Extraction on the real reports: metadata, structure, headline rows, and quality against hand labels."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from govreport.extraction.evaluation import load_labels, score

from conftest import LABELS, OTHER_REPORTS, WANZHOU


def test_raw_report_is_byte_identical_to_its_recorded_source():
    assert hashlib.sha256(WANZHOU.read_bytes()).hexdigest() == (
        "cc181ada1e74daa7d1dafe8440cd00d3e9f3056385c29f67f1c6f60384e9bd98"
    )


def test_wanzhou_metadata(wanzhou):
    m = wanzhou.report.metadata
    assert (m.title, m.region, m.year, m.date, m.speaker, m.speaker_role) == (
        "2024年重庆市万州区政府工作报告", "重庆市万州区", 2024, "2024-02-02", "李庆", "区长")


def test_wanzhou_sections_match_the_labels(wanzhou):
    labels = load_labels(LABELS / "sections.csv")
    expected = labels[labels["report"] == "wanzhou-2024"]
    got = wanzhou.sections
    assert len(got) == len(expected) == 22
    for (_, e), (_, g) in zip(expected.iterrows(), got.iterrows()):
        assert int(e["level"]) == g["level"]
        assert g["title"].startswith(e["title_prefix"].strip())
        assert (g["role"], g["period"]) == (e["role"], e["period"])
    text = wanzhou.report.text
    for s in got.itertuples():
        assert text[s.start:s.end].startswith(s.label + s.title)


@pytest.mark.parametrize("name", list(OTHER_REPORTS))
def test_other_reports_top_level_sections_match_the_labels(other_extractions, name):
    labels = load_labels(LABELS / "sections.csv")
    expected = labels[(labels["report"] == name) & (labels["level"] == "1")]
    got = other_extractions[name].sections
    top = got[got["level"] == 1]
    assert [t[:4] for t in top["title"]] == [p[:4] for p in expected["title_prefix"]]
    assert list(top["role"]) == list(expected["role"])


def test_every_sentence_and_section_span_indexes_the_text(wanzhou):
    text = wanzhou.report.text
    for s in wanzhou.sentences.itertuples():
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
    starts = list(wanzhou.sentences["start"])
    assert starts == sorted(starts)


HEADLINES = [
    # token offset, indicator, metric, value, unit, base_value, period, kind, qualifier
    ("1179.4", "地区生产总值", "level", 1179.4, "亿元", 117_940_000_000.0, "2023", "actual", ""),
    ("6.9", "地区生产总值", "growth", 6.9, "%", 6.9, "2023", "actual", ""),
    ("632.4", "规上工业产值", "level", 632.4, "亿元", 63_240_000_000.0, "2023", "actual", ""),
    ("256.9", "固定资产投资", "level", 256.9, "亿元", 25_690_000_000.0, "2023", "actual", ""),
    ("470.6", "社会消费品零售总额", "level", 470.6, "亿元", 47_060_000_000.0, "2023", "actual", ""),
    ("78.3", "一般公共预算收入", "level", 78.3, "亿元", 7_830_000_000.0, "2023", "actual", ""),
    ("44.6", "税收收入", "level", 44.6, "亿元", 4_460_000_000.0, "2023", "actual", ""),
    ("119.8", "第一产业增加值", "level", 119.8, "亿元", 11_980_000_000.0, "2023", "actual", ""),
    ("2.3", None, "ratio", 2.3, ":1", 2.3, "2023", "actual", ""),
]


@pytest.mark.parametrize("row", HEADLINES, ids=[h[0] for h in HEADLINES])
def test_wanzhou_headline_rows(wanzhou, row):
    token, indicator, metric, value, unit, base_value, period, kind, qualifier = row
    df = wanzhou.indicators
    hits = df[(df["token"] == token) & (df["metric"] == metric)]
    assert len(hits) >= 1
    r = hits.iloc[0]
    if indicator:
        assert r["indicator"] == indicator
    assert (r["value"], r["unit"], r["base_value"], r["period"], r["kind"], r["qualifier"]) == (
        value, unit, base_value, period, kind, qualifier)
    assert wanzhou.report.text[r["start"]:r["end"]] == token


def test_wanzhou_plan_targets(wanzhou):
    df = wanzhou.indicators
    targets = df[df["kind"] == "target"]
    gdp = targets[(targets["indicator"] == "地区生产总值") & (targets["metric"] == "growth")]
    assert list(gdp["value"])[:1] == [7.0]
    assert set(targets["period"]) == {"2024"}
    assert set(df[df["kind"] == "actual"]["period"]) == {"2023", "cumulative"}
    assert (df[df["kind"] == "actual"]["section_role"] == "review").all()


def test_wanzhou_quality_meets_the_bar(wanzhou):
    s = score(wanzhou.indicators, wanzhou.non_indicators, load_labels(LABELS / "wanzhou-2024.csv"), "wanzhou-2024")
    assert s.claims > 370
    assert s.found >= 0.97, s.misses
    assert s.spurious <= 0.03, s.extra_rows
    assert s.period >= 0.95 and s.kind >= 0.95, s.wrong_period_kind
    assert s.names >= 0.9, s.wrong_names


@pytest.mark.parametrize("name, found, spurious, names, period", [
    ("hailaer-2019", 0.9, 0.1, 0.75, 0.95),
    ("zhejiang-2026", 0.97, 0.06, 0.9, 0.95),
    ("fujian-2026", 0.9, 0.15, 0.9, 0.85),
])
def test_other_reports_sample_quality(other_extractions, name, found, spurious, names, period):
    ex = other_extractions[name]
    s = score(ex.indicators, ex.non_indicators, load_labels(LABELS / f"{name}.csv"), name, complete=False)
    assert s.found >= found, s.misses
    assert s.spurious <= spurious, s.extra_rows
    assert s.names >= names, s.wrong_names
    assert s.period >= period, s.wrong_period_kind
    assert s.kind >= 0.95


def test_hailaer_gb18030_crlf_offsets_and_paired_incomes(other_extractions):
    ex = other_extractions["hailaer-2019"]
    assert ex.report.encoding == "gb18030"
    assert "\r" not in ex.report.text
    df = ex.indicators
    incomes = df[df["token"].isin(["37820", "28104"])]
    assert list(incomes["indicator"]) == ["城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"]
    assert list(incomes["base_unit"]) == ["元", "元"]
    for r in df.itertuples():
        assert ex.report.text[r.start:r.end] == r.token


def test_every_number_token_is_in_exactly_one_table(wanzhou, other_extractions):
    from govreport.text.numerals import tokens

    for ex in [wanzhou, *other_extractions.values()]:
        ind = set(ex.indicators["start"])
        non = set(ex.non_indicators["start"])
        assert not ind & non
        assert {t.start for t in tokens(ex.report.text)} == ind | non


def test_rows_are_in_text_order_and_runs_are_identical(wanzhou):
    import govreport

    df = wanzhou.indicators
    assert list(df["start"]) == sorted(df["start"])
    again = govreport.extract(WANZHOU)
    pd.testing.assert_frame_equal(df, again.indicators)
    assert df.to_csv() == again.indicators.to_csv()
