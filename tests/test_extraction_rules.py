"""The table's rules from the spec, each on a short text written for it."""

from __future__ import annotations

import math
import warnings

import pytest

import govreport
from govreport import schema


def rows(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ex = govreport.extract(text=text, require_numbers=False)
    return ex


def table(text: str) -> list[tuple]:
    df = rows(text).indicators
    return [(r.indicator, r.metric, r.value, r.unit) for r in df.itertuples()]


def test_ratio_is_one_row_and_the_one_is_not_lost():
    ex = rows("城乡居民收入比缩小至2.3:1。")
    assert [(r.metric, r.value, r.unit, r.base_unit) for r in ex.indicators.itertuples()] == [("ratio", 2.3, ":1", ":1")]
    assert list(ex.non_indicators["reason"]) == ["ratio_base"]


def test_percentage_points_are_change_pp_never_percent():
    assert table("全社会研发投入强度提高0.2个百分点。") == [("全社会研发投入强度", "change_pp", 0.2, "个百分点")]
    df = rows("全社会研发投入强度提高0.2个百分点。").indicators
    assert df.loc[0, "base_unit"] == "百分点"


def test_rank_and_growth_in_multiples():
    assert table("规上工业增速位列全市第8。")[0][1:] == ("rank", 8.0, "位")
    assert table("货运量增长5倍。") == [("货运量", "growth", 5.0, "倍")]


def test_decline_is_negative_growth():
    assert table("固定资产投资下降25.1%。") == [("固定资产投资", "growth", -25.1, "%")]


def test_fenbie_list_of_sectors_is_split_in_order():
    assert table("一二三产业增加值分别增长4.8%、13.1%、4%。") == [
        ("第一产业增加值", "growth", 4.8, "%"),
        ("第二产业增加值", "growth", 13.1, "%"),
        ("第三产业增加值", "growth", 4.0, "%"),
    ]


def test_fenbie_list_of_named_companies():
    assert table("九龙万博、国能万州、湘渝盐化纳税额分别达到5.1亿元、2.2亿元、1.9亿元。") == [
        ("九龙万博纳税额", "level", 5.1, "亿元"),
        ("国能万州纳税额", "level", 2.2, "亿元"),
        ("湘渝盐化纳税额", "level", 1.9, "亿元"),
    ]


def test_fenbie_carries_into_the_next_clause():
    got = table("城乡常住居民人均可支配收入分别完成37820元、28104元，同比分别增长6.5%、9.4%。")
    assert got == [
        ("城镇常住居民人均可支配收入", "level", 37820.0, "元"),
        ("农村常住居民人均可支配收入", "level", 28104.0, "元"),
        ("城镇常住居民人均可支配收入", "growth", 6.5, "%"),
        ("农村常住居民人均可支配收入", "growth", 9.4, "%"),
    ]


def test_jun_and_ge_give_one_row_per_name():
    assert table("规上工业产值和增加值均增长23.6%。") == [
        ("规上工业产值", "growth", 23.6, "%"),
        ("规上工业增加值", "growth", 23.6, "%"),
    ]
    assert table("建成市级企业技术中心、工业设计中心各1家。") == [
        ("市级企业技术中心", "level", 1.0, "家"),
        ("市级工业设计中心", "level", 1.0, "家"),  # the shared scope 市级 goes to both
    ]
    assert table("城乡养老保险、医疗保险参保率均稳定在95%以上。") == [
        ("城乡养老保险参保率", "level", 95.0, "%"),
        ("医疗保险参保率", "level", 95.0, "%"),
    ]


def test_lists_of_rates_and_group_shares():
    assert table("信访事项受理率、办结率100%。") == [
        ("信访事项受理率", "level", 100.0, "%"), ("信访事项办结率", "level", 100.0, "%")]
    assert table("有研发活动、研发机构的规上工业企业分别达到35%、50%。") == [
        ("有研发活动的规上工业企业占比", "share", 35.0, "%"), ("有研发机构的规上工业企业占比", "share", 50.0, "%")]
    assert table("签约焦电铬一体化、美国绿色包装材料等重点项目157个。") == [("签约重点项目", "level", 157.0, "个")]


def test_level_and_growth_in_one_clause_share_the_indicator():
    df = rows("实现地区生产总值1179.4亿元、增长6.9%。").indicators
    assert list(df["indicator"]) == ["地区生产总值", "地区生产总值"]
    assert list(df["metric"]) == ["level", "growth"]
    assert df.loc[0, "base_value"] == 117_940_000_000.0
    assert df.loc[0, "base_unit"] == "元"


@pytest.mark.parametrize(
    "text, token, reason",
    [
        ("2024年2月2日在万州区第六届人民代表大会第五次会议上。", "2024", "date"),
        ("抓实党建统领“885”机制。", "885", "name_or_code"),
        ("构建“5+10+X”现代化工业体系。", "5", "name_or_code"),
        ("加快T2航站楼建设。", "2", "name_or_code"),
        ("出台优化营商环境3.0版方案。", "3.0", "name_or_code"),
        ("新增4A级景区2个。", "4", "grade_label"),
        ("打造20亿级产业集群3个。", "20", "grade_label"),
        ("面对“7·4”强降雨。", "7", "event_name"),
        ("今年是新中国成立75周年。", "75", "anniversary"),
        ("年经营性收入10万元以上的村达到100%。", "10", "threshold"),
        ("第1批试点名单。", "1", "ordinal"),
        ("见注释［3］。", "3", "footnote"),
    ],
)
def test_numbers_that_are_not_quantities(text, token, reason):
    ex = rows(text)
    ni = ex.non_indicators
    assert reason in set(ni.loc[ni["token"] == token, "reason"]), ni
    assert token not in set(ex.indicators["token"])


def test_number_forms_full_width_separators_and_chinese_numerals():
    df = rows("城镇新增就业１２３人，居民人均可支配收入22,364元，新增就业两万人，企业三千多家。").indicators
    got = {r.token: (r.value, r.base_value, r.qualifier) for r in df.itertuples()}
    assert got["１２３"] == (123.0, 123.0, "")
    assert got["22,364"] == (22364.0, 22364.0, "")
    assert got["两"] == (2.0, 20000.0, "")
    assert got["三千"] == (3000.0, 3000.0, "余")


def test_percent_written_in_chinese():
    df = rows("利用率提高百分之五。").indicators
    assert list(zip(df["token"], df["value"], df["unit"])) == [("五", 5.0, "%")]


def test_chinese_words_with_numerals_are_not_numbers():
    ex = rows("三峡库区一二三产业协调发展，一年来成效明显，增长3%。")
    assert list(ex.indicators["token"]) == ["3"]
    assert ex.non_indicators.empty


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("粮食产量50万吨以上。", "以上"),
        ("城镇调查失业率5.5%左右。", "左右"),
        ("经营主体突破10万户。", "突破"),
        ("新增就业近3万人。", "近"),
        ("研发投入约20亿元。", "约"),
        ("企业超过5000家。", "超"),
        ("就业1.8万余人。", "余"),
        ("新增项目30多个。", "余"),
        ("粮食产量不少于50万吨。", "不低于"),
        ("赤字率控制在3%以内。", "以内"),
        ("经济总量进入全市前10。", "前"),
    ],
)
def test_qualifiers_are_normalised(text, qualifier):
    df = rows(text).indicators
    assert list(df["qualifier"]) == [qualifier]


def test_a_range_is_one_row_and_its_upper_end_a_non_indicator():
    ex = rows("地区生产总值增长5%—5.5%。")
    df = ex.indicators
    assert list(df["value"]) == [5.0]
    assert list(df["qualifier"]) == ["range"]
    assert list(df["metric"]) == ["growth"]
    assert list(df["value_high"]) == [5.5]
    upper = ex.non_indicators[ex.non_indicators["token"] == "5.5"]
    assert list(upper["reason"]) == ["range_end"]


def test_offsets_index_the_decoded_text_and_sentence_contains_the_number():
    text = "政府工作报告\n一、2023年工作回顾\n地区生产总值1179.4亿元，增长6.9%。\n二、2024年工作安排\n地区生产总值增长7%。\n"
    ex = rows(text)
    for r in ex.indicators.itertuples():
        assert text[r.start:r.end] == r.token
        assert r.token in r.sentence
        assert text[r.sentence_start:r.sentence_end] == r.sentence


def test_tables_have_the_schema_even_when_empty():
    ex = rows("没有数字的文字。")
    assert list(ex.indicators.columns) == schema.INDICATORS.names
    assert dict(ex.indicators.dtypes.astype(str)) == {
        c: ("string" if d == "string" else d) for c, d in schema.INDICATORS.dtypes.items()
    }
    assert list(ex.non_indicators.columns) == schema.NON_INDICATORS.names


def test_kind_and_period_follow_the_sections():
    text = "2024年某区政府工作报告\n各位代表：\n一、2023年工作回顾\n地区生产总值1179.4亿元。\n二、2024年工作安排\n地区生产总值增长7%左右。\n三、加强政府自身建设\n压减一般性支出5%。\n"
    df = rows(text).indicators
    assert list(zip(df["value"], df["kind"], df["period"], df["section_role"])) == [
        (1179.4, "actual", "2023", "review"),
        (7.0, "target", "2024", "plan"),
        (5.0, "target", "2024", "self_building"),
    ]
    assert not math.isnan(df["start"].iloc[0])


def test_list_without_fenbie_and_streaks():
    assert table("粮食播种面积和产量稳定在150万亩、50万吨左右。") == [
        ("粮食播种面积", "level", 150.0, "万亩"),
        ("粮食产量", "level", 50.0, "万吨"),
    ]
    assert table("规上工业增加值增速连续12个月位列全市第1。") == [
        ("规上工业增加值增速连续月数", "level", 12.0, "个月"),
        ("规上工业增加值增速", "rank", 1.0, "位"),
    ]


def test_from_to_pairs_in_a_five_year_review():
    text = ("2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n五年来，我们推动发展取得新成就。\n"
            "——发展质效不断提高。一般公共预算收入从7248亿元提高到8865亿元。\n二、2026年工作安排\n生产总值增长5%左右。\n")
    df = rows(text).indicators
    assert list(zip(df["indicator"], df["value"], df["period"])) == [
        ("一般公共预算收入", 7248.0, "2020"), ("一般公共预算收入", 8865.0, "2025"), ("生产总值", 5.0, "2026")]
