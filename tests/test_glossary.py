from importlib import resources

import pytest

from govreport.derivation import glossary
from govreport import schema

import _derive_rows as R

REQUIRED = [
    "gdp", "primary_va", "secondary_va", "tertiary_va", "industry_va", "industry_va_above_scale",
    "industry_output_above_scale", "fai", "retail", "budget_revenue", "tax_revenue", "transfers",
    "income_all", "income_urban", "income_rural", "urban_rural_income_ratio", "urban_new_jobs",
    "surveyed_unemployment", "urbanization_rate", "trade", "exports", "imports", "fdi", "rd_intensity",
    "good_air_days", "forest_cover", "grain_output",
]


def test_data_file_ships_in_the_package():
    text = resources.files("govreport").joinpath("data/glossary.csv").read_text(encoding="utf-8")
    assert text.startswith("key,name_zh,aliases,label_en")
    assert resources.files("govreport").joinpath("data/measures.csv").is_file()


def test_headline_indicators_are_covered():
    keys = set(glossary.by_key())
    assert not set(REQUIRED) - keys


def test_table_has_the_schema():
    t = glossary.table()
    assert list(t.columns) == schema.GLOSSARY.names
    assert t["key"].is_unique
    assert t.loc[t["key"] == "gdp", "growth_basis"].item() == "real"


@pytest.mark.parametrize(
    "name, key",
    [
        ("地区生产总值", "gdp"),
        ("全市生产总值", "gdp"),
        ("GDP", "gdp"),
        ("ＧＤＰ", "gdp"),
        ("规上工业增加值", "industry_va_above_scale"),
        ("规模以上工业增加值", "industry_va_above_scale"),
        ("规模以上工业总产值", "industry_output_above_scale"),
        ("社会消费品零售总额", "retail"),
        ("社零", "retail"),
        ("全区森林覆盖率", "forest_cover"),
        ("城区空气质量优良天数", "good_air_days"),
        ("全社会研发投入强度", "rd_intensity"),
        ("城镇常住居民人均可支配收入", "income_urban"),
        ("农村居民人均可支配收入", "income_rural"),
        ("全体居民人均可支配收入", "income_all"),
        ("城乡居民人均可支配收入比", "urban_rural_income_ratio"),
        ("实际使用外资", "fdi"),
        ("进出口总额", "trade"),
        ("第一产业增加值", "primary_va"),
        ("工业增加值", "industry_va"),
    ],
)
def test_match(name, key):
    assert glossary.match(name) == key


@pytest.mark.parametrize("name", ["数字经济核心产业增加值", "民营经济增加值", "工业投资", "", None, "增加值", "港口货物吞吐量"])
def test_no_substring_matches(name):
    assert glossary.match(name) is None


def test_link_keeps_every_row_in_order():
    df = R.frame(R.wanzhou_rows())
    linked = glossary.link(df)
    assert list(linked.columns) == schema.LINKED.names
    assert len(linked) == len(df)
    assert list(linked["start"]) == list(df["start"])
    unlinked = linked[linked["key"].isna()]["indicator"].unique().tolist()
    assert sorted(unlinked) == ["工业投资", "民营经济全口径税收"]
    assert linked.loc[linked["indicator"] == "税收收入", "key"].item() == "tax_revenue"
    assert linked.loc[linked["indicator"] == "税收收入", "label_en"].item() == "Tax revenue"
