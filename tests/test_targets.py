"""Targets against results, on the Wanzhou 2024 and Hailar 2019 reports through govreport.extract."""

import math

import pandas as pd
import pytest

import govreport
from govreport import schema
from govreport.derivation.pipeline import derive
from govreport.derivation.targets import TARGET_METRICS

import _derive_rows as R

pd_na = pd.NA


@pytest.fixture(scope="module")
def wanzhou():
    return derive(R.WANZHOU).targets


@pytest.fixture(scope="module")
def hailaer():
    return derive(R.HAILAER).targets


def one(df, indicator, metric):
    rows = df[(df["indicator"] == indicator) & (df["metric"] == metric)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_schema(wanzhou):
    assert list(wanzhou.columns) == schema.TARGETS.names


def test_wanzhou_gdp_growth_target_against_result(wanzhou):
    # 实现地区生产总值1179.4亿元、增长6.9% ; 今年…地区生产总值增长7%
    r = one(wanzhou, "地区生产总值", "growth")
    assert (r["result"], r["target"]) == (6.9, 7.0)
    assert r["change"] == pytest.approx(0.1)
    assert (r["change_low"], r["change_high"]) == pytest.approx((6.5 - 6.95, 7.5 - 6.85))
    assert r["ambition"] == "similar"
    assert r["base_level"] == 1179.4 and r["base_level_unit"] == "亿元"
    assert r["implied_level"] == pytest.approx(1179.4 * 1.07)  # 1261.96亿元
    assert (r["implied_level_low"], r["implied_level_high"]) == pytest.approx((1179.35 * 1.065, 1179.45 * 1.075))
    assert r["growth_basis"] == "real"
    assert "real" in r["caveat"]
    assert r["pairing"] == "key"
    assert r["result_period"] == "2023" and r["target_period"] == "2024"


def test_wanzhou_lowered_and_raised(wanzhou):
    assert one(wanzhou, "固定资产投资", "growth")["ambition"] == "lowered"  # 11.6 -> 7
    assert one(wanzhou, "一般公共预算收入", "growth")["change"] == pytest.approx(-1.5)  # 9.5 -> 8
    assert one(wanzhou, "社会消费品零售总额", "growth")["ambition"] == "raised"  # 7.4 -> 8
    jobs = one(wanzhou, "城镇新增就业", "level")  # 2.8万人 -> 2.5万人
    assert jobs["change"] == pytest.approx(-0.3) and jobs["unit"] == "万人"
    assert jobs["implied_growth"] == pytest.approx(100 * (2.5 / 2.8 - 1))


def test_wanzhou_floor_target(wanzhou):
    # 规上工业产值达到750亿元、增长18%以上 ; review: 规上工业产值…增长23.6%, 632.4亿元
    g = one(wanzhou, "规上工业产值", "growth")
    assert g["qualifier"] == "以上"
    assert g["target_low"] == pytest.approx(17.5) and g["target_high"] == math.inf
    assert g["ambition"] == "lowered"  # the floor 18 is below last year's 23.6
    assert g["implied_level"] == pytest.approx(632.4 * 1.18)  # 746.23亿元
    assert g["implied_level_high"] == math.inf
    assert "floor" in g["caveat"]
    lv = one(wanzhou, "规上工业产值", "level")
    assert lv["result"] == pytest.approx(632.4)
    assert lv["implied_growth"] == pytest.approx(100 * (750 / 632.4 - 1))  # 18.60 %


def test_wanzhou_aspiration_and_pairing_by_name(wanzhou):
    # review: 完成工业投资75亿元、增长15.6% ; plan: 力争完成工业投资87亿元、增长15%
    r = one(wanzhou, "工业投资", "level")
    assert r["aspiration"]
    assert "力争" in r["caveat"]
    assert r["key"] is pd_na  # 工业投资 is not a glossary indicator
    assert r["pairing"] == "indicator_name"
    assert (r["result"], r["target"], r["change"]) == (75, 87, 12)
    assert r["implied_growth"] == pytest.approx(16.0)  # 87 / 75 - 1
    g = one(wanzhou, "工业投资", "growth")
    assert g["implied_level"] == pytest.approx(75 * 1.15)  # 86.25亿元
    assert not one(wanzhou, "地区生产总值", "growth")["aspiration"]


def test_wanzhou_unpaired_target(wanzhou):
    inc = one(wanzhou, "全体居民人均可支配收入", "growth")  # 增长7%以上; the review has no all-residents income
    assert inc["pairing"] == "unpaired"
    assert math.isnan(inc["result"]) and inc["result_start"] == -1
    assert inc["ambition"] is pd_na


def test_exact_counts(wanzhou):
    # 城区空气质量优良天数336天 -> 城区空气优良天数达到340天: whole days are exact, so the change is exactly 4
    air = one(wanzhou, "城区空气优良天数", "level")
    assert (air["change"], air["change_low"], air["change_high"]) == (4, 4, 4)
    assert air["ambition"] == "raised"


def test_wanzhou_pairs_by_key_across_different_names(wanzhou):
    # plan writes 进出口额 and 城区空气优良天数, review 进出口总额 and 城区空气质量优良天数
    trade = one(wanzhou, "进出口额", "level")
    assert trade["key"] == "trade" and trade["result"] == pytest.approx(73.1)
    assert one(wanzhou, "城区空气优良天数", "level")["key"] == "good_air_days"


def test_every_target_listed(wanzhou):
    ind = govreport.extract(R.WANZHOU).indicators
    plan = ind[(ind["kind"] == "target") & (ind["period"] == "2024") & ind["metric"].isin(TARGET_METRICS)]
    assert list(wanzhou["target_start"]) == sorted(plan["start"])


def test_hailaer_about_target(hailaer):
    # 地区生产总值完成192.3亿元，按可比价计算，同比增长6.0% ; 地区生产总值增长3.5%左右
    gdp = one(hailaer, "地区生产总值", "growth")
    assert gdp["qualifier"] == "左右"
    assert (gdp["target_low"], gdp["target_high"]) == pytest.approx((3.4, 3.6))
    assert gdp["change"] == pytest.approx(-2.5) and gdp["ambition"] == "lowered"
    assert gdp["implied_level"] == pytest.approx(192.3 * 1.035)  # 199.03亿元
    # 社会消费品零售总额完成174.2亿元，同比增长6.2% ; 社会消费品零售总额增长6.5%左右
    retail = one(hailaer, "社会消费品零售总额", "growth")
    assert retail["change"] == pytest.approx(0.3)
    assert retail["implied_level"] == pytest.approx(174.2 * 1.065)


def _hailaer_income_targets(targets):
    # 城乡常住居民人均可支配收入分别完成37820元、28104元，同比分别增长6.5%、9.4%
    # 城乡常住居民人均可支配收入分别增长7%和8%左右
    urban = one(targets, "城镇常住居民人均可支配收入", "growth")
    assert urban["result"] == 6.5 and urban["change"] == pytest.approx(0.5)
    assert urban["implied_level"] == pytest.approx(37820 * 1.07)  # 40467.4元
    assert urban["base_level_unit"] == "元"
    rural = one(targets, "农村常住居民人均可支配收入", "growth")
    assert rural["result"] == 9.4 and rural["change"] == pytest.approx(-1.4)
    assert rural["implied_level"] == pytest.approx(28104 * 1.08)  # 30352.32元


def test_hailaer_income_targets_on_hand_built_rows():
    _hailaer_income_targets(derive(R.frame(R.hailaer_rows())).targets)


def test_hailaer_income_targets(hailaer):
    _hailaer_income_targets(hailaer)


def test_unlinked_target_pairs_by_indicator_name():
    rows = R.wanzhou_rows()
    t = R.read(R.WANZHOU)
    rows.append(R.row(t, "港口货物吞吐量", "level", "全区港口货物吞吐量3790万吨", "3790", "万吨", "2023", "actual", "review"))
    rows.append(R.row(t, "港口货物吞吐量", "level", "突破4100万吨", "4100", "万吨", "2024", "target", "plan"))
    targets = derive(R.frame(rows)).targets
    r = one(targets, "港口货物吞吐量", "level")
    assert r["pairing"] == "indicator_name" and r["result"] == 3790 and r["change"] == 310


def test_summary_reads_like_the_report():
    d = derive(R.WANZHOU)
    s = d.target_summary.set_index("target_id")
    gdp = s.loc[one(d.targets, "地区生产总值", "growth")["target_id"]]
    assert (gdp["result"], gdp["target"], gdp["change"], gdp["ambition"]) == ("6.9%", "7%", "+0.1个百分点", "similar")
    assert gdp["implied"] == "1261.96亿元"  # 1179.4 × 1.07
    out = s.loc[one(d.targets, "规上工业产值", "growth")["target_id"]]
    assert (out["target"], out["qualifier"], out["implied"]) == ("18%以上", "以上", "746.23亿元 or more")
    inv = s.loc[one(d.targets, "工业投资", "level")["target_id"]]
    assert (inv["result"], inv["target"], inv["change"], inv["qualifier"]) == ("75亿元", "87亿元", "+12亿元", "力争")
    assert list(d.target_summary.columns) == schema.TARGET_SUMMARY.names
    assert len(d.target_summary) == len(d.targets)


def test_quotes_give_the_sentences():
    d = derive(R.WANZHOU)
    tid = one(d.targets, "规上工业产值", "level")["target_id"]
    q = d.quotes("targets", tid)
    assert list(q["role"]) == ["target", "result"]
    assert list(q["token"]) == ["750", "632.4"]
    assert "规上工业产值达到750亿元" in q.loc[0, "sentence"]


def test_change_in_points_implies_a_level():
    # synthetic: the review states R&D intensity 2.1%; the plan 研发投入强度提高0.3个百分点以上
    t = R.read(R.WANZHOU)
    rows = R.wanzhou_rows()
    rows.append(R.row(t, "研发投入强度", "share", "城镇化率达到70.4%", "70.4", "%", "2023", "actual", "review", value=2.1))
    rows[-1]["token"] = "2.1"
    rows.append(R.row(t, "全社会研发投入强度", "change_pp", "提高0.3个百分点以上", "0.3", "个百分点", "2024", "target", "plan",
                      qualifier="以上"))
    r = one(derive(R.frame(rows)).targets, "全社会研发投入强度", "change_pp")
    assert r["implied_level"] == pytest.approx(2.4)
    assert r["implied_level_low"] == pytest.approx(2.05 + 0.25) and r["implied_level_high"] == math.inf
    assert r["base_level_unit"] == "%"


# -- like with like: aspect and scope columns, when extraction provides them --

import _cases  # noqa: E402
from govreport.derivation import glossary as glossary_mod, targets as targets_mod  # noqa: E402
from govreport.derivation.statements import Statements  # noqa: E402


def _rows(aspects=None, scopes=None):
    rows = [
        {"indicator": "经营主体", "metric": "level", "value": "15", "token": "15", "unit": "万户", "period": "2023",
         "kind": "actual", "qualifier": "突破", "section_role": "review", "sentence": "经营主体突破15万户。"},
        {"indicator": "经营主体", "metric": "level", "value": "2", "token": "2", "unit": "万户", "period": "2024",
         "kind": "target", "qualifier": "", "section_role": "plan", "sentence": "新增经营主体2万户。"},
        {"indicator": "数字经济占比", "metric": "share", "value": "8", "token": "8", "unit": "%", "period": "2023",
         "kind": "actual", "qualifier": "", "section_role": "review", "sentence": "数字经济占全市比重8%。"},
        {"indicator": "数字经济占比", "metric": "share", "value": "12", "token": "12", "unit": "%", "period": "2024",
         "kind": "target", "qualifier": "", "section_role": "plan", "sentence": "数字经济占渝东北比重12%。"},
    ]
    for r, a, s in zip(rows, aspects or [None] * 4, scopes or [None] * 4):
        if a is not None:
            r["aspect"] = a
        if s is not None:
            r["scope"] = s
    return rows


def _targets(rows):
    linked = glossary_mod.link(_cases.indicator_frame(rows))
    return targets_mod.compute(Statements(linked, "2023", "2024"))[0].set_index("indicator")


def test_without_aspect_columns_names_pair_as_before():
    t = _targets(_rows())
    assert t.loc["经营主体", "pairing"] == "indicator_name"


def test_new_entities_never_pair_with_a_stock():
    t = _targets(_rows(aspects=["stock", "new", "", ""], scopes=["", "", "全市", "渝东北"]))
    assert t.loc["经营主体", "pairing"] == "unpaired"
    assert t.loc["数字经济占比", "pairing"] == "unpaired"  # a share of 全市 is not a share of 渝东北


def test_same_aspect_and_scope_pair():
    t = _targets(_rows(aspects=["new", "new", "", ""], scopes=["", "", "全市", "全市"]))
    assert t.loc["经营主体", "pairing"] == "indicator_name"
    assert t.loc["数字经济占比", "pairing"] == "indicator_name"


def test_no_aspect_goes_with_stock():
    t = _targets(_rows(aspects=["stock", "", "", ""]))
    assert t.loc["经营主体", "pairing"] == "indicator_name"


def test_a_floor_whose_interval_only_touches_last_years_is_a_raised_aim(wanzhou):
    # 全社会研发投入强度提高0.2个百分点 (2023) ; 提高0.3个百分点以上 (2024): [0.15, 0.25] against [0.25, ...)
    r = one(wanzhou, "全社会研发投入强度", "change_pp")
    assert (r["result"], r["target"], r["qualifier"]) == (0.2, 0.3, "以上")
    assert r["change_low"] == pytest.approx(0.0, abs=1e-9)
    assert r["ambition"] == "raised"
    # 数字经济核心产业增加值增长15%以上 both years: the same floor, overlapping intervals, similar
    assert one(wanzhou, "数字经济核心产业增加值", "growth")["ambition"] == "similar"
