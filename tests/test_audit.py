"""The audit of the report's arithmetic: Wanzhou 2024 through govreport.extract end to end, and
hand-built rows for the cases a real report does not happen to contain (an inconsistency, sums)."""

import math

import pytest

from govreport import schema
from govreport.derivation.pipeline import derive

import _derive_rows as R


def checks(d, check, key=None):
    a = d.audit[d.audit["check"] == check]
    if key is not None:
        a = a[a["key"] == key]
    return a


@pytest.fixture(scope="module")
def wanzhou():
    return derive(R.WANZHOU)


def test_schema(wanzhou):
    assert list(wanzhou.audit.columns) == schema.AUDIT.names


def test_wanzhou_industrial_output_target_agrees_with_the_base_year(wanzhou):
    # review: 完成规上工业产值632.4亿元 ; plan: 规上工业产值达到750亿元、增长18%以上
    r = checks(wanzhou, "target_level_growth", "industry_output_above_scale").iloc[0]
    assert r["verdict"] == "consistent"
    assert r["expected"] == pytest.approx(632.4 * 1.18)  # 746.23
    assert r["expected_low"] == pytest.approx(632.35 * 1.175)  # 18%以上: at least 17.5 %
    assert r["expected_high"] == math.inf
    assert (r["stated"], r["stated_low"], r["stated_high"]) == pytest.approx((750, 749.5, 750.5))
    assert r["difference"] == pytest.approx(750 - 632.4 * 1.18)
    assert r["unit"] == "亿元"
    assert "18.60%" in r["reason"]  # 750 / 632.4 - 1
    assert "632.4亿元" in r["inputs"] and "750亿元" in r["inputs"]
    assert "规上工业产值达到750亿元、增长18%以上" in r["sentences"]
    assert "完成规上工业产值632.4亿元" in r["sentences"]
    prov = wanzhou.provenance[(wanzhou.provenance["table"] == "audit") & (wanzhou.provenance["row_id"] == r["check_id"])]
    assert list(prov["role"]) == ["base", "level", "growth"]


def test_wanzhou_other_target_levels(wanzhou):
    # review: 完成工业投资75亿元 ; plan: 力争完成工业投资87亿元、增长15%
    r = checks(wanzhou, "target_level_growth").set_index("indicator")
    inv = r.loc["工业投资"]
    assert inv["expected"] == pytest.approx(75 * 1.15)
    assert (inv["expected_low"], inv["expected_high"]) == pytest.approx((74.5 * 1.145, 75.5 * 1.155))
    assert inv["verdict"] == "consistent"
    # review: 全区港口货物吞吐量3790万吨 ; plan: 港口货物吞吐量增长8%左右、突破4100万吨
    port = r.loc["港口货物吞吐量"]
    assert port["expected"] == pytest.approx(3790 * 1.08)
    assert (port["expected_low"], port["expected_high"]) == pytest.approx((3789.5 * 1.07, 3790.5 * 1.09))
    assert port["stated_low"] == pytest.approx(4099.5) and port["stated_high"] == math.inf
    assert port["verdict"] == "consistent"
    assert port["unit"] == "万吨"
    assert "突破4100万吨" in port["inputs"]


def test_every_check_quotes_its_sentences(wanzhou):
    text = R.read(R.WANZHOU)
    for _, r in wanzhou.audit.iterrows():
        for span in r["spans"].split(";"):
            start, end = map(int, span.split("-"))
            assert text[start:end] in r["inputs"]
        assert r["verdict"] in ("consistent", "inconsistent", "not_checkable")


def test_without_the_floor_the_same_numbers_are_inconsistent():
    # 632.4 × 1.18 = 746.2, and [632.35 × 1.175, 632.45 × 1.185] = [743.0, 749.45] misses [749.5, 750.5]:
    # it is the 以上 that makes the report's numbers agree
    rows = R.wanzhou_rows()
    for r in rows:
        if r["indicator"] == "规上工业产值" and r["kind"] == "target" and r["metric"] == "growth":
            r["qualifier"] = ""
    d = derive(R.frame(rows))
    r = checks(d, "target_level_growth", "industry_output_above_scale").iloc[0]
    assert r["verdict"] == "inconsistent"
    assert r["expected_high"] == pytest.approx(632.45 * 1.185)
    assert "do not overlap" in r["tolerance"]


def test_wanzhou_stated_ratio_not_checkable_without_urban_income(wanzhou):
    r = checks(wanzhou, "stated_vs_computed", "urban_rural_income_ratio").iloc[0]
    assert r["verdict"] == "not_checkable"
    assert r["reason"] == "not stated: income_urban"
    assert r["stated"] == 2.3
    ind = checks(wanzhou, "stated_vs_computed", "industry_share_gdp").iloc[0]
    assert ind["verdict"] == "not_checkable" and "industry_va" in ind["reason"]


def test_stated_ratio_against_both_incomes():
    # Hailar states both incomes (37820元, 28104元 -> 1.3457); add a stated ratio to check against
    t = R.read(R.HAILAER)
    rows = R.hailaer_rows()
    ratio = R.row(t, "城乡居民人均可支配收入比", "ratio", "37820", "37820", ":1", "2018", "actual", "review", value=1.35)
    ratio["token"] = "1.35"
    rows.append(ratio)
    r = checks(derive(R.frame(rows)), "stated_vs_computed", "urban_rural_income_ratio").iloc[0]
    assert r["expected"] == pytest.approx(37820 / 28104)
    assert (r["stated_low"], r["stated_high"]) == pytest.approx((1.345, 1.355))
    assert r["verdict"] == "consistent"  # 1.34572 vs [1.345, 1.355)
    ratio["value"], ratio["base_value"], ratio["token"] = 1.3, 1.3, "1.3"
    r2 = checks(derive(R.frame(rows)), "stated_vs_computed", "urban_rural_income_ratio").iloc[0]
    assert r2["verdict"] == "consistent"  # written to one decimal, 1.3 covers [1.25, 1.35) and so 1.3457
    ratio["value"], ratio["base_value"], ratio["token"] = 1.4, 1.4, "1.4"
    r3 = checks(derive(R.frame(rows)), "stated_vs_computed", "urban_rural_income_ratio").iloc[0]
    assert r3["verdict"] == "inconsistent"  # 1.3457 is below [1.35, 1.45)
    assert r3["difference"] == pytest.approx(1.4 - 37820 / 28104)


def _gdp_rows(gdp_token, parts):
    """Synthetic rows (offsets into the Wanzhou text are placeholders) for the sum-of-parts check."""
    t = R.read(R.WANZHOU)
    rows = [R.row(t, "地区生产总值", "level", "实现地区生产总值1179.4亿元", "1179.4", "亿元", "2023", "actual", "review",
                  value=float(gdp_token))]
    rows[0]["token"] = gdp_token
    for name, token in parts:
        r = R.row(t, name, "level", "完成第一产业增加值119.8亿元", "119.8", "亿元", "2023", "actual", "review", value=float(token))
        r["token"] = token
        rows.append(r)
    return R.frame(rows)


def test_sum_of_parts():
    ok = derive(_gdp_rows("1179.4", [("第一产业增加值", "119.8"), ("第二产业增加值", "360.1"), ("第三产业增加值", "699.5")]))
    r = checks(ok, "sum_of_parts", "gdp").iloc[0]
    assert r["expected"] == pytest.approx(119.8 + 360.1 + 699.5)
    assert (r["expected_low"], r["expected_high"]) == pytest.approx((1179.25, 1179.55))
    assert r["verdict"] == "consistent"
    bad = derive(_gdp_rows("1179.4", [("第一产业增加值", "119.8"), ("第二产业增加值", "360.1"), ("第三产业增加值", "690.5")]))
    assert checks(bad, "sum_of_parts", "gdp").iloc[0]["verdict"] == "inconsistent"
    partial = derive(_gdp_rows("1179.4", [("第一产业增加值", "119.8"), ("第二产业增加值", "360.1")]))
    p = checks(partial, "sum_of_parts", "gdp").iloc[0]
    assert p["verdict"] == "not_checkable" and p["reason"] == "not stated: tertiary_va"
    assert math.isnan(p["expected"])


def test_real_growth_is_shown_but_not_judged():
    # a GDP target level with a real growth target: nominal level and real growth need not agree
    t = R.read(R.WANZHOU)
    rows = R.wanzhou_rows()
    lvl = R.row(t, "地区生产总值", "level", "地区生产总值增长7%", "7", "亿元", "2024", "target", "plan", value=1300.0)
    lvl["token"] = "1300"
    rows.append(lvl)
    r = checks(derive(R.frame(rows)), "target_level_growth", "gdp").iloc[0]
    assert r["verdict"] == "not_checkable"
    assert r["expected"] == pytest.approx(1179.4 * 1.07)
    assert r["reason"].startswith("growth is real")


def test_target_level_and_growth_without_base_is_not_checkable():
    t = R.read(R.WANZHOU)
    rows = [
        R.row(t, "规上工业产值", "level", "规上工业产值达到750亿元", "750", "亿元", "2024", "target", "plan"),
        R.row(t, "规上工业产值", "growth", "750亿元、增长18%以上", "18", "%", "2024", "target", "plan", qualifier="以上"),
    ]
    r = derive(R.frame(rows)).audit.iloc[0]
    assert r["verdict"] == "not_checkable"
    assert "no level" in r["reason"]


def test_result_level_growth_against_previous_year():
    # synthetic: a report that also states the previous year's level (2022: 1103.4亿元)
    t = R.read(R.WANZHOU)
    rows = R.wanzhou_rows()
    prev = R.row(t, "地区生产总值", "level", "实现地区生产总值1179.4亿元", "1179.4", "亿元", "2022", "actual", "review", value=1103.4)
    prev["token"] = "1103.4"
    rows.append(prev)
    r = checks(derive(R.frame(rows)), "result_level_growth", "gdp").iloc[0]
    assert r["expected"] == pytest.approx(1103.4 * 1.069)
    assert r["verdict"] == "not_checkable"  # GDP growth is real


def test_hailaer_has_nothing_to_audit():
    # Hailar states no target levels, no ratio and no sectors: no check can be made, and none is invented
    assert derive(R.HAILAER).audit.empty
    assert derive(R.frame(R.hailaer_rows())).audit.empty


# -- level × growth over consecutive years: the case table tests/data/cases/audit_consecutive.csv --

import _cases  # noqa: E402
from govreport.derivation import audit as audit_mod, glossary as glossary_mod  # noqa: E402
from govreport.derivation.statements import Statements  # noqa: E402

AUDIT_CASES = _cases.grouped("audit_consecutive.csv")


@pytest.mark.parametrize("case", sorted(AUDIT_CASES))
def test_consecutive_years_case(case):
    rows = AUDIT_CASES[case]
    linked = glossary_mod.link(_cases.indicator_frame(rows))
    years = sorted({r["period"] for r in rows})
    table, _ = audit_mod.compute(Statements(linked, actual_year=years[-1]))
    checks = table[table["check"] == "result_level_growth"]
    expect = rows[0]["expect"].split()
    if expect == ["none"]:
        assert checks.empty, rows[0]["note"]
        return
    verdict, year = expect
    assert len(checks) >= 1, rows[0]["note"]
    assert checks.iloc[0]["period"] == year
    assert checks.iloc[0]["verdict"] == verdict, f"{rows[0]['note']}: {checks.iloc[0]['reason']}"


def test_currency_kept_checks_the_dollar_level_against_the_dollar_base():
    rows = AUDIT_CASES["currency_kept"]
    linked = glossary_mod.link(_cases.indicator_frame(rows))
    table, _ = audit_mod.compute(Statements(linked, actual_year="2023"))
    checks = table[table["check"] == "result_level_growth"]
    assert len(checks) == 1  # only the dollar level of 2023 has a level of 2022 in its currency
    assert "亿美元" in checks.iloc[0]["inputs"] and "700" not in checks.iloc[0]["inputs"]
