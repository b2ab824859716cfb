"""Headline cells and their score against hand labels (govreport.derivation.headlines), on small frames."""

import pandas as pd
import pytest

from govreport.derivation import glossary, headlines
from govreport.derivation.statements import Statements

import _cases

LABEL_COLUMNS = ["report", "key", "kind", "period", "metric", "value", "value_high", "qualifier", "unit", "start", "end",
                 "status", "note"]


def label(key, kind, period, metric, value, unit, qualifier="", value_high="", status="stated"):
    return {"report": "r", "key": key, "kind": kind, "period": period, "metric": metric, "value": value,
            "value_high": value_high, "qualifier": qualifier, "unit": unit, "start": "0", "end": "1",
            "status": status, "note": ""}


def case_row(indicator, metric, value, unit, period, kind, sentence, qualifier="", role=None, token=None, value_high=""):
    return {"indicator": indicator, "metric": metric, "value": str(value), "token": token or str(value), "unit": unit,
            "period": period, "kind": kind, "qualifier": qualifier,
            "section_role": role or ("review" if kind == "actual" else "plan"), "sentence": sentence,
            "value_high": value_high}


ROWS = [
    case_row("地区生产总值", "level", 4.32, "万亿元", "2023", "actual", "地区生产总值4.32万亿元，增长8.1%。"),
    case_row("地区生产总值", "growth", 8.1, "%", "2023", "actual", "地区生产总值4.32万亿元，增长8.1%。"),
    case_row("粮食产量", "level", 838.6, "亿斤", "2023", "actual", "粮食产量838.6亿斤。"),
    case_row("进出口总额", "level", 2.17, "万亿美元", "2023", "actual", "进出口总额2.17万亿美元。"),
    case_row("地区生产总值", "growth", 5, "%", "2024", "target", "地区生产总值增长5%—5.5%。", qualifier="range", value_high="5.5"),
    case_row("城镇调查失业率", "level", 5.5, "%", "2024", "target", "城镇调查失业率5.5%左右。", qualifier="左右"),
    case_row("社会消费品零售总额", "growth", 6, "%", "2024", "target", "社会消费品零售总额增长6%。"),
]


@pytest.fixture(scope="module")
def produced():
    linked = glossary.link(_cases.indicator_frame(ROWS))
    return headlines.cells(Statements(linked, "2023", "2024"))


def test_cells_one_per_key_kind_period_metric(produced):
    assert not produced.duplicated(headlines.CELL_KEY).any()
    got = {tuple(r) for r in produced[headlines.CELL_KEY].itertuples(index=False)}
    assert ("gdp", "actual", "2023", "level") in got
    assert ("trade", "actual", "2023", "level") in got  # in dollars: kept, with its currency
    assert ("surveyed_unemployment", "target", "2024", "level") in got


def test_score_right_wrong_missing_extra(produced):
    labels = pd.DataFrame([
        label("gdp", "actual", "2023", "level", "43200", "亿元"),          # same value in other magnitude words: right
        label("gdp", "actual", "2023", "growth", "8.1", "%"),               # right
        label("grain_output", "actual", "2023", "level", "4193", "万吨"),   # 838.6亿斤 = 4193万吨: right
        label("trade", "actual", "2023", "level", "2.17", "万亿元"),        # yuan is not dollars: wrong
        label("gdp", "target", "2024", "growth", "5", "%", "range", "5.5"),  # right
        label("surveyed_unemployment", "target", "2024", "level", "5.5", "%"),  # qualifier differs: wrong
        label("cpi", "target", "2024", "growth", "3", "%", "左右"),         # not produced: missing
    ], columns=LABEL_COLUMNS)
    scored = headlines.score(produced, labels).set_index(["key", "kind", "metric"])
    assert scored.loc[("gdp", "actual", "level"), "outcome"] == "right"
    assert scored.loc[("gdp", "actual", "growth"), "outcome"] == "right"
    assert scored.loc[("grain_output", "actual", "level"), "outcome"] == "right"
    assert scored.loc[("trade", "actual", "level"), "outcome"] == "wrong"
    assert scored.loc[("gdp", "target", "growth"), "outcome"] == "right"
    assert scored.loc[("surveyed_unemployment", "target", "level"), "outcome"] == "wrong"
    assert scored.loc[("cpi", "target", "growth"), "outcome"] == "missing"
    assert scored.loc[("retail", "target", "growth"), "outcome"] == "extra"
    assert headlines.summary(scored.reset_index()) == {"labelled": 7, "right": 4, "wrong": 2, "missing": 1, "extra": 1}


def test_explicit_absence(produced):
    labels = pd.DataFrame([
        label("gdp", "target", "2024", "growth", "", "", status="no_target"),     # but a number is given: wrong
        label("m2", "target", "2024", "growth", "", "", status="no_target"),      # no number: right
    ], columns=LABEL_COLUMNS)
    scored = headlines.score(produced, labels).set_index("key")
    assert scored.loc["gdp", "outcome"] == "wrong"
    assert scored.loc["m2", "outcome"] == "right"


def test_extra_only_in_labelled_kinds_and_periods(produced):
    labels = pd.DataFrame([label("gdp", "actual", "2023", "level", "4.32", "万亿元")], columns=LABEL_COLUMNS)
    scored = headlines.score(produced, labels)
    assert set(scored.loc[scored["outcome"] == "extra", "kind"]) == {"actual"}


def test_decline_and_qualifier_spelling():
    linked = glossary.link(_cases.indicator_frame([
        case_row("单位地区生产总值能耗", "growth", -3.1, "%", "2024", "target", "单位地区生产总值能耗降低3.1%以上。", qualifier="以上", token="3.1"),
    ]))
    produced = headlines.cells(Statements(linked, "2023", "2024"))
    labels = pd.DataFrame([label("energy_intensity", "target", "2024", "growth", "-3.1", "%", "以上")], columns=LABEL_COLUMNS)
    assert headlines.score(produced, labels)["outcome"].tolist() == ["right"]


def test_label_years():
    labels = pd.DataFrame([label("gdp", "target", "2024", "growth", "5", "%")], columns=LABEL_COLUMNS)
    assert headlines.label_years(labels) == ("2023", "2024")
    assert headlines.label_years(labels, 2020) == ("2019", "2020")
