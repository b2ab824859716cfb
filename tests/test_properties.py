"""Property-based invariants of the extractor (hypothesis):

- every number token of the text is accounted for exactly once, in the indicator table or in the
  non-indicator table (one token may carry several indicator rows, all with its start);
- every row's start/end slice of the decoded text is its token, and its sentence contains it;
- formatting a value and parsing it back gives the same value;
- arbitrary Unicode text gives tables or a documented ReportError, never another exception;
- two runs give byte-identical tables, rows ordered by position in the text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govreport.text import numerals, reading
from govreport import schema
from govreport.errors import ReportError, UnsupportedTextError
from govreport.formatting import MAGNITUDE_WORDS, choose_magnitude, format_chinese, format_number, \
    format_quantity, parse_quantity
from govreport.text.numerals import chinese_to_int, parse_arabic, tokens

from _inputs import FUJIAN, HAILAER, WANZHOU, ZHEJIANG, extract

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_invariants(ex) -> None:
    text = ex.report.text
    ind, non = ex.indicators, ex.non_indicators
    assert list(ind.columns) == schema.INDICATORS.names
    assert list(non.columns) == schema.NON_INDICATORS.names
    token_starts = {t.start: t for t in tokens(text)}
    ind_starts, non_starts = set(ind.start), list(non.start)
    assert len(non_starts) == len(set(non_starts)), "a token twice in the non-indicator table"
    assert not ind_starts & set(non_starts), "a token in both tables"
    assert ind_starts | set(non_starts) == set(token_starts), "a token lost or a number invented"
    assert ind.start.is_monotonic_increasing and non.start.is_monotonic_increasing
    for df in (ind, non):
        for r in df.itertuples():
            tok = token_starts[r.start]
            assert (r.end, r.token) == (tok.end, tok.text)
            assert text[r.start:r.end] == r.token
            assert r.token in r.sentence, (r.token, r.sentence)
    for r in ind.itertuples():
        assert text[r.sentence_start:r.sentence_end] == r.sentence
        assert r.sentence_start <= r.start < r.end <= r.sentence_end


def run_twice(**kwargs):
    """Extract twice; the tables must be byte-identical. Returns the extraction or the ReportError."""
    results = []
    for _ in range(2):
        numerals._tokens.cache_clear()  # the second run computes everything again
        try:
            results.append(extract(**kwargs))
        except ReportError as err:
            results.append(err)
    a, b = results
    if isinstance(a, ReportError):
        assert type(a) is type(b) and str(a) == str(b)
        msg = str(a)
        assert msg and "\n" not in msg
        return a
    assert a.indicators.to_csv() == b.indicators.to_csv()
    assert a.non_indicators.to_csv() == b.non_indicators.to_csv()
    assert a.report.text == b.report.text
    return a


# --- strategies ------------------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [s + "。" for s in re.split(r"。", text) if 4 <= len(s) <= 160]


_POOL = sorted(set(_sentences(WANZHOU)[:120] + _sentences(HAILAER)[:60] + _sentences(ZHEJIANG)[:60]
                   + _sentences(FUJIAN)[:60]))
_HEADINGS = ["一、2023年工作回顾", "二、2024年工作安排", "（一）", "（二）着力稳增长", "三、", "各位代表：",
             "2024年某区政府工作报告", "今年经济社会发展的主要预期目标是：", "相关报道：", "【字号：大 中 小】"]
_SEPARATORS = ["", "\n", " ", "\r\n", "\r", "，", "、", "。", "；", "：", "\t", "\u3000", "——", "\u200b", "\ufeff",
               "\u00ad", "-"]
_UNITS = ["", "亿元", "万元", "元", "%", "％", "个百分点", "万人", "人次", "家", "个", "吨", "万吨", "倍", ":1", "年", "月",
          "日", "亿", "万", "千米", "平方米", "位"]
_LEFT = ["", "增长", "下降", "达到", "占比", "全市第", "第", "约", "超", "近", "“", "［", "[", "(", "（", "百分之", "比上年",
         "分别为", "均", "No.", "G", "2023年"]
_RIGHT = ["", "以上", "左右", "余", "多", "”", "］", "]", ")", "）", "—", "-", "至", "、", "级", "版", "号"]


@st.composite
def damaged_numbers(draw) -> str:
    whole = draw(st.integers(0, 10**9))
    decimals = draw(st.integers(0, 3))
    frac = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    value = Decimal(whole) + (Decimal(frac).scaleb(-decimals) if decimals else 0)
    number = format_number(value, decimals, separators=draw(st.booleans()), fullwidth=draw(st.booleans()))
    damage = draw(st.sampled_from(["none", "break", "space", "cjk", "invisible"]))
    if damage == "break" and "." in number:
        number = number.replace(".", ".\n", 1)
    elif damage == "break" and "．" in number:
        number = number.replace("．", "．\n ", 1)
    elif damage == "space" and "," in number:
        number = number.replace(",", " ")
    elif damage == "invisible" and len(number) > 1:
        cut = draw(st.integers(1, len(number) - 1))
        number = number[:cut] + draw(st.sampled_from(["\u200b", "\u00ad", "\ufeff"])) + number[cut:]
    elif damage == "cjk":
        number = format_chinese(whole % 10**6)
    return draw(st.sampled_from(_LEFT)) + number + draw(st.sampled_from(_UNITS)) + draw(st.sampled_from(_RIGHT))


_piece = st.one_of(st.sampled_from(_POOL), st.sampled_from(_HEADINGS), st.sampled_from(_SEPARATORS),
                   damaged_numbers(), st.text(max_size=8))
report_like = st.lists(_piece, min_size=1, max_size=25).map("".join)


# --- the extractor on report-like and arbitrary text -------------------------------------------------

@SETTINGS
@given(report_like)
@example("1E100")  # a number too large to be a quantity: refused with its offset
@example("\r\n1E100")  # its offset in the text as read, where \r\n is one character (found by hypothesis)
def test_report_like_text_keeps_every_token(text):
    result = run_twice(text=text, require_numbers=False)
    if isinstance(result, UnsupportedTextError):
        # the other refusals, each said in one line: a number too large to be a quantity (1E100, with its offset),
        # or text in Traditional Chinese
        # offsets index the text as read: universal newlines (a \r\n counts once)
        too_large = [t for t in tokens(reading.normalize_newlines(text)) if not t.value < 1e100]
        traditional = sum(ch in reading._TRADITIONAL for ch in text)
        assert (too_large and f"offset {too_large[0].start}" in str(result)) or (
            traditional >= 2 and "Traditional Chinese" in str(result)), (text, str(result))
        return
    if isinstance(result, ReportError):
        assert not text.strip() or "<" in text  # only empty text (or an empty HTML page) is refused here
        return
    check_invariants(result)


@SETTINGS
@given(report_like)
def test_report_like_text_with_the_default_checks(text):
    result = run_twice(text=text)
    if not isinstance(result, ReportError):
        check_invariants(result)


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises_anything_else(text):
    for require in (False, True):
        result = run_twice(text=text, require_numbers=require)
        if not isinstance(result, ReportError):
            check_invariants(result)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Nd", "Po", "Ps", "Pe", "Pd", "Zs", "Cc", "Lo"]),
               max_size=300))
def test_digits_and_punctuation_soup(text):
    result = run_twice(text=text, require_numbers=False)
    if not isinstance(result, ReportError):
        check_invariants(result)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([WANZHOU, HAILAER, ZHEJIANG, FUJIAN]), st.integers(0, 10**6), st.integers(0, 10**6))
def test_any_slice_of_a_real_report(report, a, b):
    a, b = sorted((a % len(report), b % len(report)))
    result = run_twice(text=report[a:b + 200], require_numbers=False)
    if not isinstance(result, ReportError):
        check_invariants(result)


@pytest.mark.parametrize("name", ["wanzhou", "hailaer", "zhejiang", "fujian"])
def test_invariants_on_the_real_reports(name):
    text = {"wanzhou": WANZHOU, "hailaer": HAILAER, "zhejiang": ZHEJIANG, "fujian": FUJIAN}[name]
    check_invariants(run_twice(text=text))


# --- formatting round trips --------------------------------------------------------------------------

@st.composite
def decimals_and_values(draw):
    decimals = draw(st.integers(0, 4))
    units = draw(st.integers(0, 10**(15 - decimals) - 1))  # at most 15 significant digits
    sign = draw(st.sampled_from([1, -1]))
    return sign * Decimal(units).scaleb(-decimals), decimals


@SETTINGS
@given(decimals_and_values(), st.booleans(), st.booleans())
def test_format_number_round_trip(dv, separators, fullwidth):
    value, decimals = dv
    text = format_number(float(value), decimals, separators=separators, fullwidth=fullwidth)
    assert parse_arabic(text) == (float(value), decimals)
    if value >= 0:  # the tokenizer reads it back as one token (a minus sign is not part of a token)
        (tok,) = tokens(text)
        assert (tok.start, tok.end, tok.value, tok.decimals) == (0, len(text), float(value), decimals)


@SETTINGS
@given(st.floats(allow_nan=False, allow_infinity=False), st.booleans())
def test_shortest_form_round_trip(x, separators):
    assert parse_arabic(format_number(x, separators=separators))[0] == x


_BASE_UNITS = ["元", "人", "吨", "人次", "美元", "%", "百分点", "倍", "个", "千瓦时"]


@SETTINGS
@given(decimals_and_values(), st.sampled_from(list(MAGNITUDE_WORDS) + [""]), st.sampled_from(_BASE_UNITS),
       st.sampled_from([None, "forced"]), st.booleans())
def test_format_quantity_round_trip(dv, word, unit, mode, fullwidth):
    scaled, decimals = dv
    base = float(scaled * MAGNITUDE_WORDS.get(word, 1))
    if abs(Decimal(repr(base))).as_tuple().digits.__len__() > 15:
        return  # beyond what a float holds exactly
    magnitude = word if mode == "forced" else None
    text = format_quantity(base, unit, magnitude=magnitude, fullwidth=fullwidth)
    assert parse_quantity(text) == (base, unit), text
    if mode is None:
        assert text.startswith("-") == (base < 0)
        chosen = choose_magnitude(base, unit)
        assert chosen in text


@pytest.mark.parametrize("base,unit,text", [
    (117_940_000_000, "元", "1179.4亿元"), (37820, "元", "37820元"), (6.9, "%", "6.9%"),
    (-0.5, "百分点", "-0.5个百分点"), (2.5e12, "元", "2.5万亿元"), (250_000, "人", "25万人"), (2.3, ":1", "2.3:1"),
    (1_390_820_000_000.0, "斤", "13908.2亿斤"),
])
def test_format_quantity_examples(base, unit, text):
    assert format_quantity(base, unit) == text
    assert parse_quantity(text) == (base, unit)


@SETTINGS
@given(st.integers(0, 10**16 - 1))
def test_chinese_numeral_round_trip(n):
    assert chinese_to_int(format_chinese(n)) == n


@pytest.mark.parametrize("n,text", [(0, "零"), (12, "十二"), (105, "一百零五"), (1050, "一千零五十"), (3500, "三千五百"),
                                    (10012, "一万零一十二"), (100030000, "一亿零三万"), (1_500_000_000_000, "一万五千亿")])
def test_chinese_numeral_examples(n, text):
    assert format_chinese(n) == text
    assert chinese_to_int(text) == n


@settings(max_examples=100, deadline=None)
@given(decimals_and_values(), st.sampled_from(["亿", "万", ""]), st.booleans())
def test_a_formatted_quantity_is_extracted_with_its_value(dv, word, fullwidth):
    scaled, decimals = dv
    scaled = abs(scaled)
    base = float(scaled * MAGNITUDE_WORDS.get(word, 1))
    if len(Decimal(repr(base)).as_tuple().digits) > 15 or (not word and scaled == scaled.to_integral()
                                                          and 1900 <= scaled <= 2100):
        return  # beyond a float; or a bare whole number that reads as a year
    written = format_quantity(base, "元", magnitude=word, fullwidth=fullwidth)
    ex = extract(text=f"2024年某区政府工作报告\n一、2023年工作回顾\n全区一般公共预算收入{written}，增长6.9%。\n",
                 require_numbers=False)
    check_invariants(ex)
    row = ex.indicators[ex.indicators.unit.str.endswith("元")].iloc[0]
    assert (row.base_value, row.base_unit, row.metric) == (base, "元", "level"), written


_DUMP = """
import sys, warnings
warnings.simplefilter("ignore")
import govreport
ex = govreport.extract(sys.argv[1])
sys.stdout.write(ex.indicators.to_csv() + ex.non_indicators.to_csv() + ex.sections.to_csv())
"""


@pytest.mark.parametrize("path", ["data/raw/wanzhou-2024.txt", "tests/data/reports/zhejiang-2026.txt"])
def test_identical_tables_across_processes_and_hash_seeds(path):
    from _inputs import ROOT

    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", _DUMP, str(ROOT / path)], capture_output=True, text=True,
                              env=env, timeout=120, check=True)
        outputs.add(proc.stdout)
    assert len(outputs) == 1


# --- encodings: the same text in any supported encoding gives the same tables, or a clear error ----------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-32"]))
@example("\U0007007c", "utf-16-le")  # 80 D8 7C DC reads as 胙糜 in the other byte order: never that mojibake
def test_same_tables_in_every_encoding_or_a_clear_error(text, codec):
    import tempfile
    from pathlib import Path

    from hypothesis import assume

    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
        return
    assume(not text.startswith("\ufeff"))  # a leading BOM character is a byte-order mark in a file
    reference = run_twice(text=text, require_numbers=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_bytes(data)
        result = run_twice(path=path, require_numbers=False)
    if isinstance(result, ReportError):
        return  # refused with one line (binary-looking, unknown encoding): never mojibake
    assert not isinstance(reference, ReportError)
    assert result.report.text == reference.report.text, (codec, result.report.encoding)
    assert result.indicators.to_csv() == reference.indicators.to_csv()
    assert result.non_indicators.to_csv() == reference.non_indicators.to_csv()


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_tables_or_a_report_error(data):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.txt"
        path.write_bytes(data)
        result = run_twice(path=path, require_numbers=False)
    if not isinstance(result, ReportError):
        check_invariants(result)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_piece, min_size=20, max_size=60).map("".join), st.integers(15, 60))
def test_hard_wrapped_text_keeps_every_token(text, width):
    wrapped = "\n".join(text[i:i + width] for i in range(0, len(text), width))
    result = run_twice(text=wrapped, require_numbers=False)
    if not isinstance(result, ReportError):
        check_invariants(result)


@pytest.mark.parametrize("text,expected", [
    ("5千万元", (50_000_000.0, "元")), ("3百亿元", (30_000_000_000.0, "元")), ("5千米", (5.0, "千米")),
    ("12千瓦时", (12.0, "千瓦时")), ("0.5个百分点", (0.5, "百分点")), ("两万人", (20_000.0, "人")),
    ("一万五千元", (15_000.0, "元")), ("２２，３６４元", (22_364.0, "元")), ("-3.2%", (-3.2, "%")),
])
def test_parse_quantity_reads_every_magnitude_word(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "亿元", "abc", "5%6%"])
def test_parse_quantity_refuses_what_is_not_one_quantity(text):
    with pytest.raises(ValueError):
        parse_quantity(text)
