"""Tests for govreport.publish.charts: the theme, the offline renderer and the chart builders."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from govreport.publish import charts
from govreport import schema


def indicator_rows(sentences: list[str] | None = None) -> pd.DataFrame:
    sentences = sentences or ["实现地区生产总值1179.4亿元、增长6.9%。", "固定资产投资下降25.1%。"]
    rows = [
        {"indicator": "地区生产总值", "metric": "growth", "value": 6.9, "unit": "%", "base_value": 6.9, "base_unit": "%",
         "period": "2023", "kind": "actual", "qualifier": "", "section": "回顾", "sentence": sentences[0],
         "start": 10, "end": 13, "token": "6.9", "value_high": float("nan"), "section_role": "review",
         "sentence_start": 0, "sentence_end": 20},
        {"indicator": "固定资产投资", "metric": "growth", "value": -25.1, "unit": "%", "base_value": -25.1, "base_unit": "%",
         "period": "2023", "kind": "actual", "qualifier": "", "section": "回顾", "sentence": sentences[-1],
         "start": 30, "end": 34, "token": "25.1", "value_high": float("nan"), "section_role": "review",
         "sentence_start": 21, "sentence_end": 40},
    ]
    return schema.frame(schema.INDICATORS, rows)


@pytest.fixture(autouse=True)
def enabled():
    charts.enable()
    yield


def test_theme_names_a_cjk_font():
    config = charts.theme()["config"]
    assert "Noto Sans CJK SC" in config["font"]
    assert "Noto Sans CJK SC" in config["axis"]["labelFont"]
    assert alt.theme.active == charts.THEME


def test_growth_chart_has_sentence_tooltip():
    spec = charts.growth_bars(indicator_rows()).to_dict()
    tooltips = spec["encoding"]["tooltip"]
    assert any(t["field"] == "sentence" for t in tooltips)
    data = next(iter(spec["datasets"].values()))
    assert {d["sentence"] for d in data} == {"实现地区生产总值1179.4亿元、增长6.9%。", "固定资产投资下降25.1%。"}


def test_renderer_output_is_deterministic_and_offline():
    chart = charts.growth_bars(indicator_rows())
    a = chart._repr_mimebundle_()
    b = chart._repr_mimebundle_()
    bundle_a = a[0] if isinstance(a, tuple) else a
    bundle_b = b[0] if isinstance(b, tuple) else b
    html_a, html_b = bundle_a["text/html"], bundle_b["text/html"]
    strip = lambda h: re.sub(r"gr-chart-\d+-", "gr-chart-N-", h)  # noqa: E731
    assert strip(html_a) == strip(html_b)
    assert "altair-viz" not in html_a
    assert "cdn.jsdelivr" not in html_a and "<script src" not in html_a
    assert "vegaEmbed(" in html_a


def test_report_markup_stays_text_in_chart_html():
    evil = "<script>alert(1)</script>{glue}`x` </script><b>"
    html = charts.embed_html(charts.growth_bars(indicator_rows([evil, evil])).to_dict(), element_id="gr-chart-x")
    body = html.split("var spec=", 1)[1]
    assert "<script>alert" not in body and "</script><b>" not in body
    assert body.count("</script>") == 1  # only the closing tag of our own script
    payload = body.split(";\nif(", 1)[0]
    spec = json.loads(payload)
    data = next(iter(spec["datasets"].values()))
    assert data[0]["sentence"] == evil


def test_empty_input_gives_a_note_not_an_error():
    empty = schema.frame(schema.INDICATORS)
    spec = charts.growth_bars(empty).to_dict()
    assert spec["mark"]["type"] == "text"


def test_interval_chart_drops_infinite_bounds():
    df = pd.DataFrame({"label": ["a"], "value": [1.0], "low": [0.5], "high": [float("inf")], "sentences": ["句子。"]})
    spec = charts.interval_chart(
        df, label="label", value="value", low="low", high="high", title="t", x_title="x", tooltip=[("sentences", "原文")]
    ).to_dict()
    text = json.dumps(spec, allow_nan=False, ensure_ascii=False)  # raises if inf or NaN leaked into the spec
    assert "原文" in text


def test_target_result_chart_shows_both_marks():
    df = pd.DataFrame({"label": ["GDP 地区生产总值"], "target": [7.0], "result": [6.9], "target_sentence": ["目标7%。"],
                       "result_sentence": ["增长6.9%。"]})
    spec = charts.target_result_chart(
        df, label="label", target="target", result="result", title="t", x_title="%",
        tooltip=[("target_sentence", "目标原文"), ("result_sentence", "实绩原文")],
    ).to_dict()
    data = next(iter(spec["datasets"].values()))
    assert sorted(d["what"] for d in data) == ["result 实绩", "target 目标"]
    assert all(d["target_sentence"] == "目标7%。" for d in data)


def test_term_bars_facets_by_section_in_document_order():
    terms = pd.DataFrame({"section_id": [8, 0], "section": ["2024年工作安排", "2023年工作回顾"], "term": ["改革", "企业"],
                          "count": [3, 5], "rank": [1, 1], "sentence": ["深化改革。", "服务企业。"]})
    spec = charts.term_bars(terms).to_dict()
    assert spec["facet"]["row"]["sort"] == ["2023年工作回顾", "2024年工作安排"]


def test_bar_labels_keep_brackets_in_names():
    rows = indicator_rows().assign(name=["Gross regional product (GDP) 地区生产总值", "固定资产投资"])
    spec = charts.growth_bars(rows, name="name").to_dict()
    data = next(iter(spec["datasets"].values()))
    labels = [d["label"] for d in data]
    assert labels[0].split(charts._SEP)[0] == "Gross regional product (GDP) 地区生产总值"
    assert len(set(labels)) == len(labels)
