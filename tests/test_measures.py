"""Derived measures on the Wanzhou 2024 and Hailar 2019 reports, through govreport.extract end to end.

Every expected value is computed by hand from the report text (quoted next to it).  The same
values are also checked on hand-built rows (tests/_derive_rows.py), so a failure tells whether the
extractor or the derivation changed.
"""

import math

import pytest

from govreport import schema
from govreport.derivation.pipeline import derive
from govreport.derivation.measures import FormulaError, definitions, parse

import _derive_rows as R


@pytest.fixture(scope="module")
def wanzhou():
    return derive(R.WANZHOU)


@pytest.fixture(scope="module")
def hailaer():
    return derive(R.HAILAER)


@pytest.fixture(scope="module")
def wanzhou_hand():
    return derive(R.frame(R.wanzhou_rows()))


@pytest.fixture(scope="module")
def hailaer_hand():
    return derive(R.frame(R.hailaer_rows()))


def one(df, measure, scope="actual", subject=None):
    rows = df[(df["measure"] == measure) & (df["scope"] == scope)]
    if subject is not None:
        rows = rows[rows["subject"] == subject]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# -- formulas -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["__import__('os').system('true')", "gdp ** 2", "gdp.__class__", "open", "gdp if gdp else 1", "max(gdp, 1)",
     "gdp.speed", "not_a_key / gdp", "'a'", "gdp[0]", "lambda: 1"],
)
def test_formula_rejects_anything_but_arithmetic_over_keys(text):
    with pytest.raises(FormulaError):
        parse(text)


def test_formula_refs():
    f = parse("100 * (gdp.growth - primary_va / gdp) / -tertiary_va.growth")
    assert [r.label for r in f.refs] == ["gdp.growth", "primary_va", "gdp", "tertiary_va.growth"]


def test_every_definition_parses_and_is_labelled():
    defs = definitions()
    keys = [m.key for m in defs]
    for needed in ["urban_rural_income_ratio", "income_urban_implied", "primary_share_gdp", "industry_share_gdp",
                   "secondary_share_gdp", "tax_share_budget_revenue", "transfers_to_budget_revenue", "retail_to_gdp",
                   "fai_to_gdp", "trade_to_gdp", "implied_total", "stated_share"]:
        assert needed in keys
    for m in defs:
        assert m.label_en and m.label_zh and m.explanation
        for r in m.routes:
            if r.status == "approximation":
                assert r.assumption


# -- Wanzhou ---------------------------------------------------------------------------------


def test_table_schema(wanzhou):
    assert list(wanzhou.measures.columns) == schema.MEASURES.names
    assert list(wanzhou.provenance.columns) == schema.PROVENANCE.names
    assert wanzhou.years == {"actual": "2023", "target": "2024"}


def test_wanzhou_primary_share_of_gdp(wanzhou):
    # 完成第一产业增加值119.8亿元 ; 实现地区生产总值1179.4亿元
    r = one(wanzhou.measures, "primary_share_gdp")
    assert r["status"] == "computed"
    assert r["value"] == pytest.approx(100 * 119.8 / 1179.4)  # 10.158 %
    assert r["low"] == pytest.approx(100 * 119.75 / 1179.45)
    assert r["high"] == pytest.approx(100 * 119.85 / 1179.35)
    assert r["unit"] == "%"
    assert r["display"] == "10.16%"


def test_wanzhou_tax_share_of_budget_revenue(wanzhou):
    # 完成一般公共预算收入78.3亿元 ; 完成税收收入44.6亿元
    r = one(wanzhou.measures, "tax_share_budget_revenue")
    assert r["status"] == "computed"
    assert r["value"] == pytest.approx(56.9604, abs=1e-4)
    assert (r["low"], r["high"]) == pytest.approx((100 * 44.55 / 78.35, 100 * 44.65 / 78.25))


def test_wanzhou_ratio_is_stated_and_implies_the_urban_income(wanzhou):
    # 农村居民人均可支配收入22364元 ; 城乡居民人均可支配收入比缩小至2.3:1
    ratio = one(wanzhou.measures, "urban_rural_income_ratio")
    assert ratio["status"] == "stated"
    assert (ratio["value"], ratio["low"], ratio["high"]) == pytest.approx((2.3, 2.25, 2.35))
    urban = one(wanzhou.measures, "income_urban_implied")
    assert urban["status"] == "implied"
    assert urban["value"] == pytest.approx(51437.2)
    assert urban["low"] == pytest.approx(2.25 * 22363.5)  # 50317.875
    assert urban["high"] == pytest.approx(2.35 * 22364.5)  # 52556.575
    assert urban["unit"] == "元"
    rural = one(wanzhou.measures, "income_rural_implied")
    assert rural["status"] == "not_available"
    assert "income_rural" in rural["note"]


def test_wanzhou_fiscal_and_demand_ratios(wanzhou):
    m = wanzhou.measures
    assert one(m, "transfers_to_budget_revenue")["value"] == pytest.approx(100 * 94.5 / 78.3)  # 120.69 %
    assert one(m, "retail_to_gdp")["value"] == pytest.approx(100 * 470.6 / 1179.4)  # 39.90 %
    assert one(m, "fai_to_gdp")["value"] == pytest.approx(100 * 256.9 / 1179.4)  # 21.78 %
    assert one(m, "trade_to_gdp")["value"] == pytest.approx(100 * 73.1 / 1179.4)  # 6.20 %


def test_wanzhou_industry_share_is_stated(wanzhou):
    # 工业增加值占GDP比重提升至16.9%
    r = one(wanzhou.measures, "industry_share_gdp")
    assert r["status"] == "stated"
    assert (r["value"], r["low"], r["high"]) == pytest.approx((16.9, 16.85, 16.95))


def test_wanzhou_implied_total_from_a_stated_share(wanzhou):
    # 民营经济实现全口径税收51.6亿元、占全区比重61.1%  -> total about 84.5亿元
    r = one(wanzhou.measures, "implied_total")
    assert r["subject"].endswith("全口径税收")
    assert r["status"] == "implied"
    assert r["value"] == pytest.approx(51.6e8 / 0.611)
    assert (r["low"], r["high"]) == pytest.approx((51.55e8 / 0.6115, 51.65e8 / 0.6105))
    assert r["unit"] == "元"
    assert r["display"] == "84.45亿元"
    assert r["inputs"] == "level=51.6亿元 (2023); share=61.1% (2023)"


def test_wanzhou_stated_shares_leave_out_rates(wanzhou):
    shares = wanzhou.measures[wanzhou.measures["measure"] == "stated_share"]
    subjects = set(shares["subject"])
    # 工业增加值占GDP比重提升至16.9% ; 规上工业产值占全区比重达到86.5%
    assert {"工业增加值占GDP比重", "规上工业产值占全区比重"} <= subjects
    assert not subjects & {"城镇化率", "森林覆盖率", "城镇调查失业率"}  # rates, not shares of a whole
    # plan: 民营经济增加值增长8%、占地区生产总值比重达到59%
    plan = shares[shares["scope"] == "target"].set_index("subject")
    assert plan.loc["民营经济增加值", "value"] == 59


def test_wanzhou_secondary_share_is_an_approximation_from_growth_rates(wanzhou):
    # 地区生产总值…增长6.9% ; 一二三产业增加值分别增长4.8%、13.1%、4%
    s1 = 119.8 / 1179.4
    s2 = (6.9 - s1 * 4.8 - (1 - s1) * 4) / (13.1 - 4)
    r = one(wanzhou.measures, "secondary_share_gdp")
    assert r["status"] == "approximation"
    assert r["value"] == pytest.approx(100 * s2)  # about 31 %
    assert r["low"] < r["value"] < r["high"]
    assert r["high"] - r["low"] > 10  # "4%" pins the tertiary growth only to [3.5, 4.5]
    assert "share-weighted average" in r["assumption"]
    t = one(wanzhou.measures, "tertiary_share_gdp")
    assert t["value"] == pytest.approx(100 * (1 - s1 - s2))


def test_wanzhou_provenance_quotes_the_inputs(wanzhou):
    r = one(wanzhou.measures, "tax_share_budget_revenue")
    prov = wanzhou.provenance[(wanzhou.provenance["table"] == "measures") & (wanzhou.provenance["row_id"] == r["measure_id"])]
    assert list(prov["role"]) == ["tax_revenue", "budget_revenue"]
    text = R.read(R.WANZHOU)
    for _, p in prov.iterrows():
        assert text[p["start"]:p["end"]] == p["token"]
        assert p["token"] in p["sentence"]
    assert r["spans"] == ";".join(f"{s}-{e}" for s, e in zip(prov["start"], prov["end"]))


def test_wanzhou_target_scope_rows_only_where_computed(wanzhou):
    t = wanzhou.measures[wanzhou.measures["scope"] == "target"]
    assert (t["status"] != "not_available").all()


def test_hand_built_rows_give_the_same_values(wanzhou, wanzhou_hand, hailaer, hailaer_hand):
    for full, hand in ((wanzhou, wanzhou_hand), (hailaer, hailaer_hand)):
        a = full.measures[full.measures["subject"].isna()].set_index(["measure", "scope"])
        b = hand.measures[hand.measures["subject"].isna()].set_index(["measure", "scope"])
        actual = [i for i in b.index if i[1] == "actual"]
        assert list(a.loc[actual, "status"]) == list(b.loc[actual, "status"])
        assert a.loc[actual, "value"].tolist() == pytest.approx(b.loc[actual, "value"].tolist(), nan_ok=True)


# -- Hailar: incomes stated separately --------------------------------------------------------


def test_hailaer_ratio_is_computed_from_both_incomes(hailaer):
    # 城乡常住居民人均可支配收入分别完成37820元、28104元
    r = one(hailaer.measures, "urban_rural_income_ratio")
    assert r["status"] == "computed"
    assert r["value"] == pytest.approx(37820 / 28104)  # 1.3457
    assert round(r["value"], 4) == 1.3457
    assert (r["low"], r["high"]) == pytest.approx((37819.5 / 28104.5, 37820.5 / 28103.5))
    assert r["formula"] == "income_urban / income_rural"
    assert one(hailaer.measures, "income_urban_implied")["status"] == "not_available"


def test_hailaer_missing_inputs_are_named_never_invented(hailaer):
    r = one(hailaer.measures, "primary_share_gdp")
    assert r["status"] == "not_available"
    assert r["missing"] == "primary_va"
    assert math.isnan(r["value"])
    tax = one(hailaer.measures, "tax_share_budget_revenue")
    assert tax["missing"] == "tax_share_budget_revenue or tax_revenue, budget_revenue"
    assert one(hailaer.measures, "retail_to_gdp")["value"] == pytest.approx(100 * 174.2 / 192.3)  # 90.59 %


def test_every_measure_listed_once_for_results(hailaer):
    actual = hailaer.measures[(hailaer.measures["scope"] == "actual") & hailaer.measures["subject"].isna()]
    report_measures = [m.key for m in definitions() if m.applies_to == "report"]
    assert sorted(actual["measure"]) == sorted(report_measures)


def test_empty_input_gives_not_available_rows_not_errors():
    d = derive(schema.frame(schema.INDICATORS))
    assert (d.measures["status"] == "not_available").all()
    assert d.targets.empty and d.audit.empty
    assert d.warnings


def test_a_minimal_hand_made_table():
    # only indicator, metric, value, kind (+ period): precision is read from the value as written
    import pandas as pd

    df = pd.DataFrame(
        {
            "indicator": ["城镇居民人均可支配收入", "农村居民人均可支配收入", "地区生产总值"],
            "metric": ["level", "level", "level"],
            "value": [37820.0, 28104.0, float("nan")],
            "base_value": [37820.0, 28104.0, float("nan")],
            "base_unit": ["元", "元", "元"],
            "kind": ["actual"] * 3,
            "period": ["2018"] * 3,
            "my_note": ["x", "y", "z"],
        }
    )
    d = derive(df)
    r = one(d.measures, "urban_rural_income_ratio")
    assert r["value"] == pytest.approx(37820 / 28104)
    assert (r["low"], r["high"]) == pytest.approx((37819.5 / 28104.5, 37820.5 / 28103.5))
    assert one(d.measures, "retail_to_gdp")["missing"] == "retail, gdp"  # a NaN value is not a statement
    with pytest.raises(ValueError, match="kind"):
        derive(df.drop(columns=["kind"]))


def test_selection_rule_first_in_review_wins_and_the_rest_is_noted():
    t = R.read(R.WANZHOU)
    rows = R.wanzhou_rows()
    # the same GDP restated later in the review with another value, and once in an "other" section earlier
    again = R.row(t, "地区生产总值", "level", "实现地区生产总值1179.4亿元", "1179.4", "亿元", "2023", "actual", "review", value=1180.0)
    again["token"], again["start"], again["end"] = "1180", 20000, 20004
    other = R.row(t, "地区生产总值", "level", "实现地区生产总值1179.4亿元", "1179.4", "亿元", "2023", "actual", "other", value=999.0)
    other["token"], other["start"], other["end"] = "999", 10, 13
    d = derive(R.frame(rows + [again, other]))
    r = one(d.measures, "primary_share_gdp")
    assert r["value"] == pytest.approx(100 * 119.8 / 1179.4)
    assert "gdp also stated as 1180亿元 (2023) at 20000, 999亿元 (2023) at 10" in r["note"]


def test_level_in_another_currency_is_left_out_and_said_so():
    t = R.read(R.WANZHOU)
    rows = [r for r in R.wanzhou_rows() if r["indicator"] != "进出口总额"]
    usd = R.row(t, "进出口总额", "level", "实现进出口总额73.1亿元", "73.1", "亿元", "2023", "actual", "review")
    usd["unit"], usd["base_unit"] = "亿美元", "美元"
    d = derive(R.frame(rows + [usd]))
    r = one(d.measures, "trade_to_gdp")
    assert r["status"] == "not_available"
    assert "trade left out (unit not 元)" in r["note"]
