"""Prose, region names, the panel's English sentences and empty sections: the rules readers asked for."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from govreport.publish import panel, prose, regions

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("args, text", [
    ((2, "万户", "近"), "近2万户"),
    ((5, "%", "左右"), "5%左右"),
    ((15, "万户", "突破"), "突破15万户"),
    ((23.0, "家"), "23家"),
    ((1179.4, "亿元"), "1,179.4亿元"),
    ((5, "%", "range", 5.5), "5–5.5%"),
    ((float("nan"), "%"), ""),
])
def test_quantities_keep_their_qualifier_and_integers(args, text):
    assert prose.quantity(*args) == text


def test_ranks_carry_their_scope():
    assert prose.claim({"metric": "rank", "value": 8.0, "scope": "全市"}) == "No. 8 in 全市"
    assert "does not say" in prose.claim({"metric": "rank", "value": 1.0, "scope": None})


def test_intervals_are_possible():
    assert prose.interval(99.5, 100.5, "%", share=True) == "99.5–100%"
    assert prose.interval(79.5, float("inf"), "%") == "at least 79.5%"
    assert prose.open_intervals("growth of 8.18% [8.15, +inf]") == "growth of 8.18% at least 8.15"


def test_counts_never_say_zero_of():
    assert prose.count(0, "check") == "no checks"
    assert prose.count(1, "check") == "one check"
    assert prose.count(1200, "target") == "1,200 targets"


def test_direction_comes_from_the_glossary():
    assert prose.direction("gdp", 6.9) == "good"
    assert prose.direction("energy_intensity", -3.0) == "good"  # falling energy use is good news
    assert prose.direction("surveyed_unemployment", 0.2) == "bad"
    assert prose.direction("cpi", 1.0) == "neutral"  # a band
    assert prose.direction(None, -5) == "neutral"


def test_internal_names_become_words():
    assert prose.word("change_pp") == "change in percentage points"
    assert prose.word("self_building") == "the government's own conduct"
    assert prose.word("name_or_code") == "part of a name or code"


def test_findings_quote_a_sentence_once():
    html = prose.findings_html([prose.Finding("a", ("句<b>一",)), prose.Finding("b", ("句<b>一",))])
    assert html.count("句&lt;b&gt;一") == 1 and "<b>一" not in html


@pytest.mark.parametrize("zh, en", [
    ("重庆市万州区", "Wanzhou District, Chongqing"),
    ("内蒙古自治区呼伦贝尔市海拉尔区", "Hailar District, Hulunbuir, Inner Mongolia"),
    ("上海市", "Shanghai"),
    ("中华人民共和国", "China"),
    ("某某县", None),
])
def test_region_names(zh, en):
    assert regions.english_name(zh) == en


def test_tile_grid_has_every_province_once():
    t = regions.tiles()
    assert len(t) == 31 and not t.duplicated(["tile_row", "tile_col"]).any()
    corpus = pd.read_csv(ROOT / "data/raw/corpus/manifest.csv")
    for region in corpus["region"].unique():
        assert regions.english_name(region), region


def test_english_sentence_is_the_aligned_line():
    report = "data/raw/corpus/national-2012.txt"
    text = (ROOT / report).read_text(encoding="utf-8")
    start = text.index("国内生产总值增长7.5%")
    en = panel.english_sentence(report, start)
    assert "7.5" in en
    assert panel.english_sentence("data/raw/corpus/shanghai-2021.txt", 10) == ""  # no translation in the corpus


def _build_book_module():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "scripts" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_empty_sections_are_dropped():
    bb = _build_book_module()
    md = lambda s: {"cell_type": "markdown", "source": [s]}  # noqa: E731
    empty = {"cell_type": "code", "outputs": [{"data": {"text/html": [f'<p class="gr-empty-section">none</p>']}}]}
    full = {"cell_type": "code", "outputs": [{"data": {"text/html": ["<table></table>"]}}]}
    cells = [md("# Title"), full, md("## Empty"), md("text"), empty, md("## Kept"), full]
    kept = bb.drop_empty_sections(cells)
    assert [c["source"][0] for c in kept if c["cell_type"] == "markdown"] == ["# Title", "## Kept"]


def test_yu_stands_where_chinese_writes_it():
    from govreport.publish import prose

    assert prose.quantity(1.8, "万个", "余") == "1.8万余个"
    assert prose.quantity(3.5, "万户", "余") == "3.5万余户"
    assert prose.quantity(5100, "万元", "余") == "5,100余万元"
    assert prose.quantity(5, "万名", "余") == "5万余名"
    assert prose.quantity(2500, "场次", "余") == "2,500余场次"
    assert prose.quantity(30, "个", "余") == "30余个"
    assert prose.quantity(15, "%", "以上") == "15%以上"
    assert prose.quantity(4.8, "%", "左右") == "4.8%左右"


def test_counts_pluralise_the_head_noun_and_reasons_name_keys_in_words():
    from govreport.publish import prose

    assert prose.count(2, "check that cannot be decided") == "2 checks that cannot be decided"
    assert prose.count(1, "check that cannot be decided") == "one check that cannot be decided"
    assert prose.count(3, "consistent check") == "3 consistent checks"
    assert prose.count(2, "city") == "2 cities" and prose.count(2, "box") == "2 boxes"
    assert prose.count(2, "person", "people") == "2 people"
    text = prose.reason_words("not stated: income_urban")
    assert text == "not stated: Per-capita disposable income (urban residents) (城镇居民人均可支配收入)"
    assert "industry_va" not in prose.reason_words("not stated: industry_va")
    assert prose.reason_words("the stated levels imply growth of 8.18%") == "the stated levels imply growth of 8.18%"
