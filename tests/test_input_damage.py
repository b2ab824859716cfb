"""Text damage from copying and converting: breaks and spaces inside numbers, full-width digits and
punctuation, separators, both percent signs, em-dash ranges, footnote markers, web-page residue."""

from __future__ import annotations

import math

import pytest

from _inputs import WANZHOU, ZHEJIANG, ZHEJIANG_PATH, assert_offsets_hold, claims, extract, tables_csv, write

HEAD = "2024年某区政府工作报告\n一、2023年工作回顾\n"
PLAN = "2024年某区政府工作报告\n一、2023年工作回顾\n去年经济平稳。\n二、2024年工作安排\n"


def rows(text: str, head: str = HEAD):
    ex = extract(text=head + text, require_numbers=False)
    assert_offsets_hold(ex)
    return ex, [r for r in ex.indicators.itertuples()]


def row_of(ex, token):
    found = ex.indicators[ex.indicators.token == token]
    assert len(found) == 1, (token, ex.indicators[["token", "indicator"]].to_dict("records"))
    return found.iloc[0]


GDP_VARIANTS = {
    "plain": "1179.4",
    "line break after the point": "1179.\n4",
    "line break and spaces": "1179. \n 4",
    "space as thousands separator": "1 179.4",
    "comma as thousands separator": "1,179.4",
    "no-break space separator": "1\u00a0179.4",
    "full-width digits and point": "１１７９．４",
    "full-width digits with separator": "１，１７９．４",
}


@pytest.mark.parametrize("name", list(GDP_VARIANTS))
def test_damaged_number_keeps_value_metric_and_the_next_claim(name):
    token = GDP_VARIANTS[name]
    ex, _ = rows(f"实现地区生产总值{token}亿元、增长6.9%，总量和增速均位列全市第二。")
    gdp = row_of(ex, token)
    assert (gdp.indicator, gdp.metric, gdp.value, gdp.unit, gdp.base_value) == \
        ("地区生产总值", "level", 1179.4, "亿元", 117_940_000_000.0)
    growth = row_of(ex, "6.9")
    assert (growth.indicator, growth.metric, growth.value, growth.unit) == ("地区生产总值", "growth", 6.9, "%")
    assert token in gdp.sentence and "6.9" in gdp.sentence  # the sentence is not cut inside the number
    assert gdp.sentence == growth.sentence


@pytest.mark.parametrize("token,value", [("22,364", 22364.0), ("２２，３６４", 22364.0), ("22 364", 22364.0),
                                         ("1,234,567", 1234567.0), ("37820", 37820.0)])
def test_thousands_separators(token, value):
    ex, _ = rows(f"城镇居民人均可支配收入{token}元，增长5%。")
    r = row_of(ex, token)
    assert (r.value, r.unit, r.metric, r.indicator) == (value, "元", "level", "城镇居民人均可支配收入")


def test_a_comma_between_list_items_is_not_a_separator():
    ex, _ = rows("新建学校12，改造校舍345所。")
    assert {"12", "345"} <= set(ex.indicators.token) | set(ex.non_indicators.token)


@pytest.mark.parametrize("sign", ["%", "％"])
@pytest.mark.parametrize("digits", ["6.9", "６．９"])
def test_both_percent_signs(sign, digits):
    ex, _ = rows(f"地区生产总值增长{digits}{sign}，一般公共预算收入占比达到45{sign}。")
    g = row_of(ex, digits)
    assert (g.metric, g.value, g.unit, g.base_unit) == ("growth", 6.9, "%", "%")
    s = row_of(ex, "45")
    assert (s.metric, s.unit) == ("share", "%")


@pytest.mark.parametrize("written", ["5%—5.5%", "5%-5.5%", "5%～5.5%", "5%至5.5%", "5—5.5%", "５％—５．５％"])
def test_em_dash_ranges(written):
    ex, _ = rows(f"地区生产总值增长{written}。", head=PLAN)
    assert len(ex.indicators) == 1  # a range is one row
    r = ex.indicators.iloc[0]
    assert (r.metric, r.unit, r.qualifier, r.value, r.value_high, r.kind) == ("growth", "%", "range", 5.0, 5.5, "target")
    assert r.indicator == "地区生产总值"
    assert list(ex.non_indicators.reason)[-1:] == ["range_end"]


def test_percentage_point_range():
    ex, _ = rows("城镇调查失业率下降0.5—1个百分点。", head=PLAN)
    assert list(ex.indicators.metric) == ["change_pp"]
    assert list(ex.indicators.qualifier) == ["range"]
    assert list(ex.indicators.value_high) == [-1.0]


@pytest.mark.parametrize("marker", ["［3］", "[3]", "〔3〕", "【3】"])
@pytest.mark.parametrize("after", ["亿元", "%"])
def test_footnote_markers_are_not_claims(marker, after):
    unit_text = "1179.4亿元" if after == "亿元" else "增长6.9%"
    ex, _ = rows(f"地区生产总值{unit_text}{marker}，居全市第二。")
    assert "3" not in set(ex.indicators.token)
    note = ex.non_indicators[ex.non_indicators.token == "3"]
    assert list(note.reason) == ["footnote"]
    assert len(ex.indicators[ex.indicators.token.isin(["1179.4", "6.9"])]) == 1


def test_percent_written_in_words():
    ex, _ = rows("地区生产总值1179.4亿元，增长百分之六点九。")
    r = row_of(ex, "六点九")
    assert (r.value, r.unit, r.metric, r.indicator) == (6.9, "%", "growth", "地区生产总值")


def test_chinese_numerals_with_place_value():
    ex, _ = rows("新增就业两万人，引进项目一百二十个。")
    two = row_of(ex, "两")
    assert (two.value, two.unit, two.base_value) == (2.0, "万人", 20000.0)
    assert (row_of(ex, "一百二十").value, row_of(ex, "一百二十").unit) == (120.0, "个")


TOOLBAR = ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n来源：万州日报\n时间：2024-02-05 10:30\n"
           "浏览次数：1234次\n【摘要】全区地区生产总值增长6.9%\n")
RELATED = ("\n相关报道：\n2024年02月05日 万州区召开第六届人大第五次会议\n图解：万州地区生产总值突破1179.4亿元\n"
           "一图读懂：全年新增城镇就业2.5万人\n责任编辑：张三\n【打印】【关闭】\n")


def test_toolbar_and_related_residue_adds_no_claims(tmp_path):
    plain = extract(text=WANZHOU)
    damaged = extract(write(tmp_path, "wanzhou.txt", (TOOLBAR + WANZHOU + RELATED).encode("utf-8")))
    assert claims(damaged, shift=len(TOOLBAR)) == claims(plain)  # nothing injected, nothing lost
    assert_offsets_hold(damaged)
    non = damaged.non_indicators
    residue = non[(non.start < len(TOOLBAR)) | (non.start >= len(TOOLBAR) + len(WANZHOU))]
    assert set(residue.reason) == {"date", "page_residue"}
    assert set(residue[residue.reason == "page_residue"].token) == {"1234", "6.9", "1179.4", "2.5"}
    # the report's own front matter (title, date) stays as it was
    assert len(non) == len(plain.non_indicators) + len(residue)


def test_committed_report_with_web_residue(tmp_path):
    ex = extract(ZHEJIANG_PATH)
    assert ex.report.text.startswith("下载\n打印")
    assert ex.report.text.rstrip().endswith("相关报道：")
    first = ex.indicators.iloc[0]
    assert (first.indicator, first.metric, first.value) == ("生产总值", "growth", 5.5)
    assert ex.indicators.start.min() > ex.report.text.index("各位代表")
    assert_offsets_hold(ex)


def test_crlf_and_cr_line_endings_give_same_tables(tmp_path):
    lf = extract(text=ZHEJIANG)
    crlf = extract(write(tmp_path, "crlf.txt", ZHEJIANG.replace("\n", "\r\n").encode("utf-8")))
    cr = extract(write(tmp_path, "cr.txt", ZHEJIANG.replace("\n", "\r").encode("utf-8")))
    assert tables_csv(crlf) == tables_csv(lf) == tables_csv(cr)


def test_number_and_unit_separated_by_a_space():
    ex, _ = rows("地区生产总值达到1179.4 亿元，增长6.9 %。")
    gdp = row_of(ex, "1179.4")
    assert (gdp.unit, gdp.base_value) == ("亿元", 117_940_000_000.0)
    assert row_of(ex, "6.9").unit == "%"


def test_whole_report_with_full_width_digits():
    table = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
    wide = WANZHOU.translate(table)
    plain, full = extract(text=WANZHOU), extract(text=wide)
    assert_offsets_hold(full)
    cols = ["indicator", "metric", "value", "unit", "qualifier", "start", "end"]
    a = plain.indicators[cols]
    b = full.indicators[cols].copy()
    back = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
    b["indicator"] = b["indicator"].str.translate(back)  # a name such as 3A级物流企业 holds digits too
    assert a.to_csv() == b.to_csv()
    assert not math.isnan(full.indicators.value.sum())


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\ufeff", "\u2060"])
@pytest.mark.parametrize("where", ["in the digits", "before the point", "before the unit", "before the name"])
def test_invisible_characters_from_web_copies(invisible, where):
    token = {"in the digits": f"11{invisible}79.4", "before the point": f"1179{invisible}.4"}.get(where, "1179.4")
    unit = f"{invisible}亿元" if where == "before the unit" else "亿元"
    name = f"{invisible}地区生产总值" if where == "before the name" else "地区生产总值"
    ex, _ = rows(f"实现{name}{token}{unit}、增长6.9%。")
    gdp = row_of(ex, token)
    assert (gdp.indicator, gdp.value, gdp.unit, gdp.base_value) == ("地区生产总值", 1179.4, "亿元", 117_940_000_000.0)
    assert row_of(ex, "6.9").indicator == "地区生产总值"


@pytest.mark.parametrize("minus", ["-", "－", "−"])
def test_negative_growth_written_with_a_minus_sign(minus):
    ex, _ = rows(f"工业投资增长{minus}3.2%，地区生产总值增长6.9%。")
    r = row_of(ex, "3.2")
    assert (r.indicator, r.metric, r.value) == ("工业投资", "growth", -3.2)
    assert row_of(ex, "6.9").value == 6.9


def test_a_dash_range_is_not_a_minus_sign():
    ex, _ = rows("地区生产总值增长5%-6%。", head=PLAN)
    assert list(ex.indicators.value) == [5.0]
    assert list(ex.indicators.value_high) == [6.0]


QUALIFIED = [("约{}亿元", "约"), ("近{}亿元", "近"), ("超{}亿元", "超"), ("突破{}亿元", "突破"), ("{}亿元左右", "左右"),
             ("{}亿元以上", "以上"), ("{}亿多元", "余"), ("{}余亿元", "余"), ("不低于{}亿元", "不低于")]


@pytest.mark.parametrize("name", list(GDP_VARIANTS))
@pytest.mark.parametrize("pattern,qualifier", QUALIFIED)
def test_qualifiers_survive_damage(name, pattern, qualifier):
    token = GDP_VARIANTS[name]
    ex, _ = rows("实现地区生产总值" + pattern.format(token) + "，增长6.9%。")
    gdp = row_of(ex, token)
    assert (gdp.indicator, gdp.metric, gdp.qualifier, gdp.base_value) == \
        ("地区生产总值", "level", qualifier, 117_940_000_000.0)


@pytest.mark.parametrize("written", ["5%—5.5%", "5—5.5%", "５％—５．５％"])
def test_decline_ranges_are_negative_at_both_ends(written):
    ex, _ = rows(f"单位生产总值能耗下降{written}。", head=PLAN)
    assert list(ex.indicators.value) == [-5.0]
    assert list(ex.indicators.value_high) == [-5.5]
    assert set(ex.indicators.metric) == {"growth"} and set(ex.indicators.qualifier) == {"range"}


@pytest.mark.parametrize("footer", ["- 12 -", "—12—", "12", "第 12 页", "第12页 共40页", "12/40", "\f12", "－１２－"])
def test_page_numbers_left_by_a_pdf_conversion_are_not_claims(footer):
    ex, _ = rows(f"地区生产总值增长6.9%。\n{footer}\n\f规模以上工业增加值增长5%。")
    assert list(ex.indicators.token) == ["6.9", "5"]
    page = ex.non_indicators[ex.non_indicators.reason == "page_number"]
    assert len(page) >= 1 and set(page.token) <= {"12", "40", "１２"}


def test_a_number_alone_on_a_line_with_a_unit_is_still_a_claim():
    ex, _ = rows("地区生产总值\n1179.4亿元\n增长6.9%\n")
    assert set(ex.indicators.token) == {"1179.4", "6.9"}


def _hard_wrap(text: str, width: int) -> str:
    """Every line cut at ``width`` characters, as a PDF-to-text conversion or a terminal copy does."""
    return "\n".join("\n".join(line[i:i + width] for i in range(0, len(line), width)) if line else ""
                     for line in text.split("\n"))


def _value_rows(ex):
    from collections import Counter

    return Counter(zip(ex.indicators.metric, ex.indicators.value, ex.indicators.unit))


@pytest.mark.parametrize("width", [30, 45, 60])
def test_hard_wrapped_report_keeps_its_claims(width):
    from collections import Counter

    plain = extract(text=ZHEJIANG)
    wrapped = extract(text=_hard_wrap(ZHEJIANG, width))
    assert_offsets_hold(wrapped)
    a, b = _value_rows(plain), _value_rows(wrapped)
    assert sum((a & b).values()) >= 0.95 * len(plain.indicators)  # values, units, metrics
    named = Counter(zip(plain.indicators.indicator, plain.indicators.value))
    named_wrapped = Counter(zip(wrapped.indicators.indicator, wrapped.indicators.value))
    assert sum((named & named_wrapped).values()) >= 0.85 * len(plain.indicators)  # and names


@pytest.mark.parametrize("cut", [1, 2, 4, 5])  # 1|179.4, 11|79.4, 1179|.4, 1179.|4
def test_a_number_cut_by_a_wrap_is_one_token(cut):
    from govreport.text.numerals import soft_breaks

    filler = "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，推动高质量发展。"
    body = filler * 20 + "全区实现地区生产总值1179.4亿元，增长6.9%。" + filler * 20
    at = body.index("1179.4")
    body = "好" * ((33 - (at + cut) % 33) % 33) + body  # the wrap falls `cut` characters into the number
    wrapped = _hard_wrap("2024年某区政府工作报告\n一、2023年工作回顾\n" + body, 33)
    written = "1179.4"[:cut] + "\n" + "1179.4"[cut:]
    assert written in wrapped and soft_breaks(wrapped)
    ex = extract(text=wrapped)
    gdp = row_of(ex, written)
    assert (gdp.indicator, gdp.value, gdp.unit, gdp.metric) == ("地区生产总值", 1179.4, "亿元", "level")
    assert row_of(ex, "6.9").indicator == "地区生产总值"


@pytest.mark.parametrize("text", [WANZHOU, ZHEJIANG, "\n".join(["（一）着力扩大有效需求推动经济持续回升向好"] * 40),
                                  "\n".join(f"{i}. 新建学校{i}所，改造校舍{i * 3}所。" for i in range(1, 60))])
def test_ordinary_lines_are_not_taken_for_a_wrap(text):
    from govreport.text.numerals import soft_breaks

    assert not soft_breaks(text)


def test_a_salutation_after_the_first_section_does_not_hide_claims():
    text = ("2024年某区政府工作报告\n一、2023年工作回顾\n地区生产总值增长6.9%，完成投资100亿元。\n"
            "各位代表！成绩来之不易。\n二、2024年工作安排\n地区生产总值增长6%左右。\n")
    ex = extract(text=text)
    assert list(ex.indicators.token) == ["6.9", "100", "6"]
    assert "page_residue" not in set(ex.non_indicators.reason)
