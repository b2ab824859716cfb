"""Headings that used to disappear: a report starting at 二、, a heading followed by its text (or a footnote
marker) on the same line in a one-line report, a heading number skipped, an unnumbered top-level heading,
an annex after the closing. When headings disappear every period and kind after them is silently wrong."""

from __future__ import annotations

import warnings

import govreport

PLAN_TEXT = "今年主要预期目标是：地区生产总值增长6%左右，城镇新增就业1万人。"


def _extract(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return govreport.extract(text=text, require_numbers=False)


def _targets(ex) -> set[str]:
    df = ex.indicators
    return set(df[df["kind"] == "target"]["token"])


def test_a_report_starting_at_the_second_heading_keeps_its_sections():
    ex = _extract("2024年某区政府工作报告\n各位代表：\n二、2023年工作回顾\n地区生产总值增长5%。\n"
                  "三、2024年工作安排\n" + PLAN_TEXT + "\n")
    assert list(ex.sections["label"]) == ["二、", "三、"]
    assert list(ex.sections["role"]) == ["review", "plan"]
    assert _targets(ex) == {"6", "1"}
    actual = ex.indicators[ex.indicators["token"] == "5"].iloc[0]
    assert (actual["kind"], actual["period"]) == ("actual", "2023")


def test_one_line_report_with_text_after_a_heading_keeps_its_headings():
    text = ("2024年某区政府工作报告 各位代表： 一、2023年工作回顾[1] 过去一年，地区生产总值增长5%。 "
            "二、2024年工作安排 " + PLAN_TEXT)
    ex = _extract(text)
    assert [t[:4] for t in ex.sections["title"]] == ["2023", "2024"]
    assert _targets(ex) == {"6", "1"}


def test_a_long_heading_standing_alone_is_a_heading():
    text = ("2021年某市政府工作报告\n各位代表：\n一、2020年工作回顾\n地区生产总值增长5%。\n"
            "二、关于《某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》的说明\n"
            "“十四五”时期全市地区生产总值年均增长6%左右。\n三、2021年主要任务\n" + PLAN_TEXT + "\n")
    ex = _extract(text)
    assert list(ex.sections["label"]) == ["一、", "二、", "三、"]
    assert list(ex.sections["period"]) == ["2020", "2021-2025", "2021"]
    assert _targets(ex) >= {"6", "1"}


def test_an_unnumbered_top_heading_opens_a_section():
    ex = _extract("2026年某省政府工作报告\n各位代表：\n“十四五”时期工作回顾\n全省地区生产总值年均增长5.5%。\n"
                  "2026年重点工作\n" + PLAN_TEXT + "\n")
    top = ex.sections[ex.sections["level"] == 1]
    assert list(top["role"]) == ["review", "plan"]
    assert list(top["period"]) == ["2021-2025", "2026"]
    assert _targets(ex) == {"6", "1"}


def test_numbered_lists_after_the_closing_are_an_annex_not_sections():
    text = ("2024年某区政府工作报告\n各位代表：\n一、2023年工作回顾\n地区生产总值增长5%。\n二、2024年工作安排\n"
            + PLAN_TEXT + "\n" + "一二三四五六七八九十" * 40 + "\n"
            "各位代表！让我们团结奋斗，为全面建设社会主义现代化而努力奋斗！\n"
            "2024年区政府民生实事\n一、新建幼儿园5所。\n二、改造老旧小区10个。\n")
    ex = _extract(text)
    top = ex.sections[ex.sections["level"] == 1]
    assert list(top["label"]) == ["一、", "二、", "附"]
    assert top.iloc[2]["role"] == "plan"  # the year's 民生实事 are targets
    assert _targets(ex) >= {"6", "1", "5", "10"}


def test_a_self_building_section_titled_by_governance_is_not_a_plan():
    ex = _extract("2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n地区生产总值增长5%。\n二、2026年重点工作\n"
                  + PLAN_TEXT + "\n三、全面提升政府治理效能\n全年压减一般性支出5%以上。\n")
    assert list(ex.sections["role"]) == ["review", "plan", "self_building"]
