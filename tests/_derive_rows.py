"""Hand-built indicator rows for the derived-measure tests (no extractor needed).

Each row is located in the real report text by a short context string, so offsets and sentences
are the real ones.
"""

from __future__ import annotations

from pathlib import Path

from govreport import schema

ROOT = Path(__file__).resolve().parents[1]
WANZHOU = ROOT / "data" / "raw" / "wanzhou-2024.txt"
HAILAER = ROOT / "tests" / "data" / "reports" / "hailaer-2019.gb18030.txt"

MAGNITUDE = {"亿元": (1e8, "元"), "万元": (1e4, "元"), "元": (1, "元"), "万人": (1e4, "人"), "%": (1, "%"),
             ":1": (1, ""), "万美元": (1e4, "美元"), "天": (1, "天"), "个百分点": (1, "百分点"), "万吨": (1e4, "吨")}


def read(path: Path) -> str:
    enc = "gb18030" if "gb18030" in path.name else "utf-8"
    return path.read_text(encoding=enc)


def row(text, indicator, metric, context, token, unit, period, kind, role, qualifier="", nth=0, value=None):
    at = -1
    for _ in range(nth + 1):
        at = text.index(context, at + 1)
    start = at + context.index(token)
    end = start + len(token)
    s0 = max(text.rfind(c, 0, start) for c in "。；\n") + 1
    e0 = min(i for i in (text.find(c, start) for c in "。\n") if i >= 0) + 1
    v = float(token.rstrip("%")) if value is None else value
    scale, base_unit = MAGNITUDE[unit]
    return {
        "indicator": indicator, "metric": metric, "value": v, "unit": unit, "base_value": v * scale,
        "base_unit": base_unit, "period": period, "kind": kind, "qualifier": qualifier, "section": "s",
        "sentence": text[s0:e0], "start": start, "end": end, "token": text[start:end],
        "value_high": float("nan"), "section_role": role, "sentence_start": s0, "sentence_end": e0,
    }


def wanzhou_rows():
    t = read(WANZHOU)
    A = dict(period="2023", kind="actual", role="review")
    T = dict(period="2024", kind="target", role="plan")
    return [
        row(t, "地区生产总值", "level", "实现地区生产总值1179.4亿元", "1179.4", "亿元", **A),
        row(t, "地区生产总值", "growth", "1179.4亿元、增长6.9%", "6.9", "%", **A),
        row(t, "第一产业增加值", "growth", "一二三产业增加值分别增长4.8%", "4.8", "%", **A),
        row(t, "第二产业增加值", "growth", "分别增长4.8%、13.1%", "13.1", "%", **A),
        row(t, "第三产业增加值", "growth", "13.1%、4%,完成", "4", "%", **A),
        row(t, "规上工业产值", "level", "完成规上工业产值632.4亿元", "632.4", "亿元", **A),
        row(t, "规上工业产值", "growth", "规上工业产值和增加值均增长23.6%", "23.6", "%", **A),
        row(t, "规上工业增加值", "growth", "规上工业产值和增加值均增长23.6%", "23.6", "%", **A),
        row(t, "固定资产投资", "level", "完成固定资产投资256.9亿元", "256.9", "亿元", **A),
        row(t, "固定资产投资", "growth", "256.9亿元、增长11.6%", "11.6", "%", **A),
        row(t, "社会消费品零售总额", "level", "社会消费品零售总额470.6亿元", "470.6", "亿元", **A),
        row(t, "社会消费品零售总额", "growth", "470.6亿元、增长7.4%", "7.4", "%", **A),
        row(t, "一般公共预算收入", "level", "一般公共预算收入78.3亿元", "78.3", "亿元", **A),
        row(t, "一般公共预算收入", "growth", "78.3亿元、增长9.5%", "9.5", "%", **A),
        row(t, "税收收入", "level", "完成税收收入44.6亿元", "44.6", "亿元", **A),
        row(t, "上级转移支付资金", "level", "争取上级转移支付资金94.5亿元", "94.5", "亿元", **A),
        row(t, "城镇新增就业", "level", "城镇新增就业2.8万人", "2.8", "万人", **A),
        row(t, "城镇调查失业率", "share", "城镇调查失业率5.4%", "5.4", "%", **A),
        row(t, "工业增加值占GDP比重", "share", "工业增加值占GDP比重提升至16.9%", "16.9", "%", **A),
        row(t, "民营经济全口径税收", "level", "民营经济实现全口径税收51.6亿元", "51.6", "亿元", **A),
        row(t, "民营经济全口径税收", "share", "占全区比重61.1%", "61.1", "%", **A),
        row(t, "第一产业增加值", "level", "完成第一产业增加值119.8亿元", "119.8", "亿元", **A),
        row(t, "农村居民人均可支配收入", "level", "农村居民人均可支配收入22364元", "22364", "元", **A),
        row(t, "农村居民人均可支配收入", "growth", "22364元、增长7.8%", "7.8", "%", **A),
        row(t, "城乡居民人均可支配收入比", "ratio", "收入比缩小至2.3:1", "2.3", ":1", **A),
        row(t, "城镇化率", "share", "城镇化率达到70.4%", "70.4", "%", **A),
        row(t, "进出口总额", "level", "实现进出口总额73.1亿元", "73.1", "亿元", **A),
        row(t, "实际使用外资", "level", "实际使用外资1124万美元", "1124", "万美元", **A),
        row(t, "森林覆盖率", "share", "森林覆盖率56.8%", "56.8", "%", **A),
        row(t, "城区空气质量优良天数", "level", "城区空气质量优良天数336天", "336", "天", **A),
        # plan
        row(t, "地区生产总值", "growth", "地区生产总值增长7%", "7", "%", **T),
        row(t, "固定资产投资", "growth", "固定资产投资增长7%", "7", "%", **T),
        row(t, "社会消费品零售总额", "growth", "社会消费品零售总额增长8%", "8", "%", **T),
        row(t, "一般公共预算收入", "growth", "一般公共预算收入增长8%", "8", "%", **T),
        row(t, "城镇新增就业", "level", "城镇新增就业2.5万人", "2.5", "万人", **T),
        row(t, "全体居民人均可支配收入", "growth", "人均可支配收入增长7%以上", "7", "%", qualifier="以上", **T),
        row(t, "规上工业增加值", "growth", "规上工业增加值增长16%", "16", "%", **T),
        row(t, "规上工业产值", "level", "规上工业产值达到750亿元", "750", "亿元", **T),
        row(t, "规上工业产值", "growth", "750亿元、增长18%以上", "18", "%", qualifier="以上", **T),
        row(t, "第一产业增加值", "growth", "第一产业增加值增长5.5%", "5.5", "%", **T),
        row(t, "工业投资", "level", "力争完成工业投资87亿元", "87", "亿元", **T),
        row(t, "城镇化率", "share", "城镇化率达到71%", "71", "%", **T),
        row(t, "进出口额", "level", "实现进出口额80亿元", "80", "亿元", **T),
        row(t, "城区空气优良天数", "level", "城区空气优良天数达到340天", "340", "天", **T),
    ]


def hailaer_rows():
    t = read(HAILAER)
    A = dict(period="2018", kind="actual", role="review")
    T = dict(period="2019", kind="target", role="plan")
    return [
        row(t, "地区生产总值", "level", "地区生产总值完成192.3亿元", "192.3", "亿元", **A),
        row(t, "地区生产总值", "growth", "同比增长6.0%", "6.0", "%", **A),
        row(t, "规模以上工业总产值", "level", "工业总产值完成90.1亿元", "90.1", "亿元", **A),
        row(t, "规模以上工业总产值", "growth", "90.1亿元，同比增长6.9%", "6.9", "%", **A),
        row(t, "规模以上工业增加值", "growth", "增加值增速达到11.1%", "11.1", "%", **A),
        row(t, "社会消费品零售总额", "level", "零售总额完成174.2亿元", "174.2", "亿元", **A),
        row(t, "社会消费品零售总额", "growth", "174.2亿元，同比增长6.2%", "6.2", "%", **A),
        row(t, "城镇常住居民人均可支配收入", "level", "分别完成37820元", "37820", "元", **A),
        row(t, "农村常住居民人均可支配收入", "level", "37820元、28104元", "28104", "元", **A),
        row(t, "城镇常住居民人均可支配收入", "growth", "同比分别增长6.5%", "6.5", "%", **A),
        row(t, "农村常住居民人均可支配收入", "growth", "6.5%、9.4%", "9.4", "%", **A),
        row(t, "地区生产总值", "growth", "地区生产总值增长3.5%左右", "3.5", "%", qualifier="左右", **T),
        row(t, "城镇常住居民人均可支配收入", "growth", "分别增长7%和8%左右", "7", "%", qualifier="左右", **T),
        row(t, "农村常住居民人均可支配收入", "growth", "7%和8%左右", "8", "%", qualifier="左右", **T),
        row(t, "社会消费品零售总额", "growth", "社会消费品零售总额增长6.5%左右", "6.5", "%", qualifier="左右", **T),
    ]


def frame(rows):
    return schema.frame(schema.INDICATORS, rows)
