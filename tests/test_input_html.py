"""HTML input: a full page (navigation, scripts, styles, toolbar, related links) and a page with a table
of targets. The report's numbers are found, nothing from the page furniture leaks into the text."""

from __future__ import annotations

import html

import pytest

from _inputs import WANZHOU, assert_offsets_hold, claims, extract, tables_csv, write

PARAGRAPHS = WANZHOU.split()  # the Wanzhou copy separates paragraphs by a space
REPORT_TEXT = "\n".join(PARAGRAPHS) + "\n"

FURNITURE = [  # strings that are on the page but not in the report
    "var pageViews", "gtag", "font-family", "首页", "机构设置", "新闻中心", "您当前的位置", "浏览次数",
    "分享到", "网站地图", "相关报道", "版权所有", "渝ICP备", "联系我们", "上一篇", "下一篇", "打印本页", "统计代码",
    "98765", "12345678", "777.7", "888.8", "2025-01-01",
]

PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>2024年重庆市万州区政府工作报告_万州区人民政府</title>
<style>
body { font-family: "Microsoft YaHei"; } .nav li { width: 777.7px; }
</style>
<script type="text/javascript">
var pageViews = 98765; var gdp = "888.8亿元"; gtag('config', 'UA-12345678');
document.write("<div>增长99.9%</div>");
</script>
</head>
<body>
<!-- 统计代码 12345678 -->
<div class="header"><a href="/">首页</a> <span>2025-01-01 星期三</span></div>
<nav><ul><li><a href="/a">新闻中心</a></li><li><a href="/b">机构设置（4321个部门）</a></li></ul></nav>
<div class="breadcrumb">您当前的位置：首页 &gt; 新闻中心 &gt; 政府工作报告</div>
<div class="toolbar">【字号：大 中 小】 浏览次数：98765 打印本页</div>
<div class="article">
"""

PAGE_TAIL = """
</div>
<div class="share">分享到：网站地图</div>
<div class="pages"><aside>上一篇：2023年报告 下一篇：2025年报告</aside></div>
<div class="related">相关报道：<a href="/x">万州GDP增长777.7%</a></div>
<script>window.stats = {visits: 888.8};</script>
<footer>版权所有 &copy; 2024 万州区人民政府 渝ICP备12345678号 联系我们</footer>
</body>
</html>
"""


def _page(paragraphs, head=PAGE_HEAD, tail=PAGE_TAIL) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return head + body + tail


@pytest.fixture(scope="module")
def reference():
    return extract(text=REPORT_TEXT)


def test_full_page_gives_the_report_text_only(tmp_path, reference):
    ex = extract(write(tmp_path, "report.html", _page(PARAGRAPHS).encode("utf-8")))
    assert ex.report.input_format == "html"
    text = ex.report.text
    for junk in FURNITURE:
        assert junk not in WANZHOU, junk  # the check below would prove nothing
    for junk in FURNITURE:
        assert junk not in text, junk
    assert "<" not in text and "{" not in text
    assert text == REPORT_TEXT  # nothing lost, nothing injected


def test_full_page_tables_equal_plain_text_tables(tmp_path, reference):
    ex = extract(write(tmp_path, "report.html", _page(PARAGRAPHS).encode("utf-8")))
    assert tables_csv(ex) == tables_csv(reference)
    assert_offsets_hold(ex)
    assert len(ex.indicators) > 300
    gdp = ex.indicators[ex.indicators.token == "1179.4"]
    assert list(gdp.value) == [1179.4] and list(gdp.unit) == ["亿元"]
    tokens = set(ex.indicators.token) | set(ex.non_indicators.token)
    for junk in ("98765", "12345678", "777.7", "888.8", "99.9", "4321"):
        assert junk not in tokens, junk


def test_page_in_gbk_without_declared_charset(tmp_path, reference):
    page = _page(PARAGRAPHS).replace('<meta charset="utf-8">', "")
    ex = extract(write(tmp_path, "report.htm", page.encode("gbk")))
    assert ex.report.encoding == "gb18030"
    assert tables_csv(ex) == tables_csv(reference)


def test_page_with_uppercase_tags_and_unclosed_paragraphs(tmp_path, reference):
    page = _page(PARAGRAPHS).replace("<script", "<SCRIPT").replace("</script>", "</SCRIPT>")
    page = page.replace("</p>", "")  # HTML allows unclosed <p>
    ex = extract(write(tmp_path, "report.html", page.encode("utf-8")))
    assert tables_csv(ex) == tables_csv(reference)


def test_entities_stay_literal_text(tmp_path):
    page = ("<html><body><h1>2024年某区政府工作报告</h1><p>一、2023年工作回顾</p>"
            "<p>地区生产总值达到1179.4&nbsp;亿元，增长6.9&#37;。&lt;script&gt;alert(1)&lt;/script&gt;</p></body></html>")
    ex = extract(write(tmp_path, "e.html", page.encode("utf-8")))
    assert "<script>alert(1)</script>" in ex.report.text  # written as text on the page: kept as text
    gdp = ex.indicators[ex.indicators.token == "1179.4"].iloc[0]
    assert (gdp.unit, gdp.metric) == ("亿元", "level")
    growth = ex.indicators[ex.indicators.token == "6.9"].iloc[0]
    assert (growth.unit, growth.metric) == ("%", "growth")


TARGET_TABLE = """<!DOCTYPE html><html><head><title>2024年政府工作报告</title>
<script>var x = 123456;</script></head><body>
<div id="nav-menu"><a>首页</a><a>第2页</a></div>
<h1>2024年某区政府工作报告</h1>
<h2>一、2023年工作回顾</h2>
<p>过去一年，全区经济稳中有进。</p>
<h2>二、2024年工作安排</h2>
<p>今年经济社会发展的主要预期目标是：</p>
<table class="targets">
<thead><tr><th>指标</th><th>2024年目标</th></tr></thead>
<tbody>
<tr><td>地区生产总值增长</td><td>6%左右</td></tr>
<tr><td>一般公共预算收入增长</td><td>5%</td></tr>
<tr><td>城镇调查失业率</td><td>5.5%以内</td></tr>
<tr><td>城乡居民人均可支配收入增长</td><td>与经济增长同步</td></tr>
<tr><td>新增城镇就业</td><td>2.5万人以上</td></tr>
<tr><td>粮食产量</td><td>５１．２万吨</td></tr>
</tbody></table>
<footer>网站标识码5001010001</footer>
</body></html>
"""


def test_page_with_a_table_of_targets(tmp_path):
    ex = extract(write(tmp_path, "targets.html", TARGET_TABLE.encode("utf-8")))
    text = ex.report.text
    assert "123456" not in text and "首页" not in text and "5001010001" not in text
    assert "地区生产总值增长\t6%左右" in text  # cells of a row stay on one line, tab-separated
    assert_offsets_hold(ex)
    rows = {r.token: r for r in ex.indicators.itertuples()}
    assert set(rows) == {"6", "5", "5.5", "2.5", "５１．２"}
    assert (rows["6"].metric, rows["6"].unit, rows["6"].qualifier, rows["6"].kind) == ("growth", "%", "左右", "target")
    assert (rows["5"].metric, rows["5"].unit) == ("growth", "%")
    assert (rows["5.5"].metric, rows["5.5"].qualifier) == ("level", "以内")
    assert (rows["2.5"].unit, rows["2.5"].base_value, rows["2.5"].qualifier) == ("万人", 25000.0, "以上")
    assert (rows["５１．２"].value, rows["５１．２"].unit) == (51.2, "万吨")
    assert rows["6"].indicator == "地区生产总值"
    assert rows["2.5"].indicator == "新增城镇就业" or rows["2.5"].indicator == "城镇就业"
    assert rows["５１．２"].indicator == "粮食产量"
    assert set(ex.indicators.period) == {"2024"}


BODY = "<h1>2024年某区政府工作报告</h1><p>一、2023年工作回顾</p><p>地区生产总值增长6.9%。</p>"
HOSTILE = {
    "hidden by style": '<div style="display: none">隐藏 12345</div>',
    "hidden attribute": "<div hidden>隐藏 12345</div>",
    "invisible": '<span style="visibility:hidden">隐藏 12345</span>',
    "textarea": "<textarea>评论 12345</textarea>",
    "noscript": "<noscript>请启用脚本 12345</noscript>",
    "comment with markup": "<!-- <p>旧版 12345</p> -->",
    "cdata": "<![CDATA[ 12345 ]]>",
    "menu list": '<ul class="menu"><li>菜单 12345</li></ul>',
    "id topnav": '<div id="topnav">导航 12345</div>',
    "class mainNav": '<div class="mainNav">导航 12345</div>',
    "role navigation": '<div role="navigation">导航 12345</div>',
    "share buttons": '<div class="bdsharebuttonbox">分享 12345</div>',
    "style in body": "<style>.a { width: 12345px }</style>",
    "script writing markup": '<script>document.write("<p>增长12345%</p>"); if (a </b) {}</script>',
    "iframe": '<iframe src="x">12345</iframe>',
    "select": "<select><option>2019年 12345</option></select>",
    "svg": "<svg><text>12345</text></svg>",
    "nested footer": '<div class="footer"><div>版权 12345</div><div>备案</div></div>',
    "void tags in nav": "<nav><img src=x><br><a>菜单 12345</a></nav>",
    "unclosed li in nav": "<nav><ul><li>菜单 12345<li>菜单二</ul></nav>",
    "unclosed p in nav": "<nav><p>菜单 12345</nav>",
}


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("where", ["before", "after"])
def test_hidden_and_furniture_elements_do_not_leak(tmp_path, name, where):
    junk = HOSTILE[name]
    body = junk + BODY if where == "before" else BODY + junk
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    ex = extract(write(tmp_path, "p.html", page.encode("utf-8")))
    assert "12345" not in ex.report.text
    assert ex.report.text == "2024年某区政府工作报告\n一、2023年工作回顾\n地区生产总值增长6.9%。\n"
    (row,) = ex.indicators.itertuples()
    assert (row.indicator, row.metric, row.value) == ("地区生产总值", "growth", 6.9)


def test_unclosed_script_at_the_end_is_dropped(tmp_path):
    page = "<html><body>" + BODY + "<script>var a = 12345;"
    ex = extract(write(tmp_path, "p.html", page.encode("utf-8")))
    assert "12345" not in ex.report.text and "var" not in ex.report.text


def test_number_split_by_inline_tags_is_one_number(tmp_path):
    page = "<html><body>" + BODY + "<p>实现<b>地区生产总值</b><span>1179</span>.<em>4</em>亿元。</p></body></html>"
    ex = extract(write(tmp_path, "p.html", page.encode("utf-8")))
    row = ex.indicators[ex.indicators.token == "1179.4"].iloc[0]
    assert (row.indicator, row.base_value) == ("地区生产总值", 117_940_000_000.0)


def test_text_that_mentions_a_tag_is_not_html():
    text = "2024年某区政府工作报告\n一、2023年工作回顾\n推进<html>页面标准化，地区生产总值增长6.9%。\n"
    ex = extract(text=text)
    assert ex.report.input_format == "text" and ex.report.text == text


@pytest.mark.parametrize("start", ["<table>", "\ufeff<html>", "<?xml version='1.0' encoding='utf-8'?>\n<html>",
                                   "<section>", "<span>", "<font size=3>"])
def test_page_fragments_are_recognised(tmp_path, start):
    page = (start + "<h1>2024年某区政府工作报告</h1><p>一、2023年工作回顾</p>"
            "<table><tr><td>地区生产总值</td><td>1179.4亿元</td></tr></table><p>增长6.9%。</p>")
    ex = extract(write(tmp_path, "fragment.html", page.encode("utf-8")))
    assert ex.report.input_format == "html"
    assert "<" not in ex.report.text and "\ufeff" not in ex.report.text
    row = ex.indicators[ex.indicators.token == "1179.4"].iloc[0]
    assert (row.indicator, row.unit) == ("地区生产总值", "亿元")


def test_fragment_with_a_few_closing_tags_is_html():
    text = "2024年某区政府工作报告\n<b>一、2023年工作回顾</b>\n<p>地区生产总值增长6.9%。</p>\n<p>完成投资5亿元。</p>\n"
    ex = extract(text=text)
    assert ex.report.input_format == "html" and "<" not in ex.report.text
    assert set(ex.indicators.token) == {"6.9", "5"}


@pytest.mark.parametrize("name", ["hailaer", "zhejiang", "fujian"])
def test_every_report_as_a_page_gives_its_plain_text_tables(tmp_path, name):
    import re

    from _inputs import FUJIAN, HAILAER, ZHEJIANG

    report = {"hailaer": HAILAER, "zhejiang": ZHEJIANG, "fujian": FUJIAN}[name]
    # documented: white space inside a line collapses to one space, blank lines are dropped
    lines = [re.sub(r"[ \u00a0\u3000\t]+", " ", line).strip() for line in report.split("\n")]
    lines = [line for line in lines if line]
    ex = extract(write(tmp_path, f"{name}.html", _page(lines).encode("utf-8")))
    plain = extract(text="\n".join(lines) + "\n")
    assert ex.report.text == plain.report.text
    assert tables_csv(ex) == tables_csv(plain)
    assert len(ex.indicators) > 30
