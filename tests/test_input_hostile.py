"""Hostile input, second round (issue 11): nothing deleted, nothing silently wrong, messages that say what is wrong.

Each test here failed before the fix it holds.
"""

from __future__ import annotations

import time

import pytest

from govreport.text.reading import html_to_text

# --- HTML read in time linear in its size ---------------------------------------------------------------

_SHAPES = {
    "unclosed elements inside a skipped one": lambda n: "<html><body><div class='nav'>" + "<span>x" * n + "</i>" * n,
    "tags never closed by >": lambda n: "<html><body><p>报告</p>" + "<a x" * n,
    "comments never closed": lambda n: "<html><body><p>报告</p>" + "<!-- x >" * n,
    "marked sections never closed": lambda n: "<html><body><p>报告</p>" + "<![CDATA[ x ]>" * n,
    "unclosed elements": lambda n: "<html><body>" + "<div>x" * n + "</span>" * n,
}


def _seconds(page: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        html_to_text(page)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_html_is_read_in_linear_time(shape):
    """Four times the size takes about four times as long (sixteen when quadratic); no absolute timing."""
    make = _SHAPES[shape]
    small, large = _seconds(make(2_500)), _seconds(make(10_000))
    assert large < 8 * max(small, 1e-3), (shape, small, large)


def test_unknown_marked_section_is_not_a_crash():
    assert html_to_text("<html><body><![foo[ x ]]> 增长5%<p>完</p>") == "增长5%\n完\n"


# --- a command line that answers at once; one warning format --------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

_NO_TARGETS = "某市政府工作报告\n一、2023年工作回顾\n地区生产总值1179.4亿元，增长6.9%。\n"


def _modules_after(*code_lines: str) -> set[str]:
    code = "\n".join([*code_lines, "import sys; print(' '.join(sys.modules))"])
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return set(res.stdout.split())


def test_errors_module_and_package_do_not_pull_in_pandas():
    assert "pandas" not in _modules_after("import govreport.errors")
    assert "pandas" not in _modules_after("import govreport", "govreport.ReportError")
    assert "pandas" in _modules_after("import govreport", "govreport.extract")  # still there when used


@pytest.mark.parametrize("argv", [["--help"], ["extract", "--help"], ["derive", "--help"], ["extract", "MISSING"],
                                  ["extract", "PROSE"], ["derive", "PROSE"], ["extract", "EMPTY"]])
def test_help_errors_and_bad_input_answer_without_importing_the_tables(tmp_path, argv):
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好，我们去公园散步。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = {"MISSING": str(tmp_path / "missing.txt"), "PROSE": str(prose), "EMPTY": str(tmp_path / "empty.txt")}
    argv = [paths.get(a, a) for a in argv]
    code = ("import sys\nfrom govreport.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print('PANDAS' if 'pandas' in sys.modules else 'LIGHT', file=sys.stderr)" % argv)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.stderr.strip().splitlines()[-1] == "LIGHT", res.stderr


@pytest.mark.parametrize("command", ["extract", "derive"])
def test_one_warning_format_everywhere(tmp_path, command):
    path = tmp_path / "r.txt"
    path.write_text(_NO_TARGETS, encoding="utf-8")
    argv = [command, str(path)] + (["-o", str(tmp_path / "out")] if command == "derive" else [])
    res = subprocess.run([sys.executable, "-m", "govreport.cli", *argv], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    lines = res.stderr.strip().splitlines()
    assert lines and all(line.startswith(f"govreport {command}: warning: ") for line in lines), lines
    assert any("no targets" in line for line in lines)
    assert len(lines) == len(set(lines))


# --- the book: a report's name never decides what is removed ----------------------------------------------

import importlib.util  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _build_book_module():
    spec = importlib.util.spec_from_file_location("build_book_script", ROOT / "scripts" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["..txt", "...x.y", ".txt", "..", "a/..", "-rf .txt"])
def test_book_folder_is_a_safe_slug(name):
    from govreport.publish.book import report_slug

    slug = report_slug(name)
    assert slug not in ("", ".", "..") and "/" not in slug and not slug.startswith((".", "-"))


@pytest.mark.parametrize("name", ["..txt", "...x.y", "x/..txt"])
def test_a_report_named_dots_removes_nothing_outside_its_own_folder(tmp_path, name):
    build_book = _build_book_module()
    keep = tmp_path / "a" / "b"
    out = keep / "out"
    out.mkdir(parents=True)
    (keep / "sentinel.txt").write_text("keep me", encoding="utf-8")
    (out / "other-book").mkdir()
    (out / "other-book" / "index.html").write_text("keep me too", encoding="utf-8")
    slug = build_book.book.report_slug(name)  # main() names the folder this way
    src, _ = build_book.stage("report", slug, out)
    assert src.parent.parent == out and src.parent.name == "report"
    assert (keep / "sentinel.txt").is_file() and (out / "other-book" / "index.html").is_file()
    src2, _ = build_book.stage("report", slug, out)  # its own earlier build is replaced
    assert src2 == src and (out / "other-book" / "index.html").is_file()


def test_stage_refuses_a_folder_name_that_is_a_path(tmp_path):
    build_book = _build_book_module()
    for name in ("..", ".", "", "a/b"):
        with pytest.raises(build_book.BuildError, match="unsafe book folder name"):
            build_book.stage("report", name, tmp_path / "out")


def test_a_folder_the_build_did_not_make_is_never_removed(tmp_path):
    build_book = _build_book_module()
    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    (out / "report" / "thesis.tex").write_text("mine", encoding="utf-8")
    with pytest.raises(build_book.BuildError, match="not made by build_book"):
        build_book.stage("report", build_book.book.report_slug("..txt"), out)
    assert (out / "report" / "thesis.tex").read_text(encoding="utf-8") == "mine"


def test_book_out_that_cannot_be_created_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    res = subprocess.run([sys.executable, "scripts/build_book.py", "--report", "data/raw/wanzhou-2024.txt",
                          "--out", str(blocker / "book")], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("build_book: cannot create the book folder"), lines


# --- numbers: nothing silently wrong -------------------------------------------------------------------------

import math  # noqa: E402
import warnings  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import govreport  # noqa: E402
from govreport.errors import EncodingError, ReportWarning, UnsupportedTextError  # noqa: E402
from govreport.text.numerals import INVISIBLE, THOUSANDS_SPACES, UNIT_GAP  # noqa: E402

from _inputs import WANZHOU, extract  # noqa: E402

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEAD = "某区政府工作报告\n一、2023年工作回顾\n"


def _rows(body: str):
    return extract(text=HEAD + body, require_numbers=False).indicators


def _only(df, token_digits: str):
    keep = df[df.token.map(lambda t: "".join(ch for ch in t if ch.isdigit() or ch == ".")) == token_digits]
    assert len(keep) == 1, (token_digits, df[["indicator", "value", "unit", "token"]].values.tolist())
    return keep.iloc[0]


@pytest.mark.parametrize("gap", [" ", "\u00a0", "\u202f"])
@pytest.mark.parametrize(("number", "unit", "value", "name"), [
    ("22364", "元", 22364.0, "城镇常住居民人均可支配收入"), ("1180.0", "亿元", 1180.0, "地区生产总值"),
    ("10000", "人", 10000.0, "城镇新增就业")])
def test_a_space_between_number_and_unit(gap, number, unit, value, name):
    row = _only(_rows(f"{name}{number}{gap}{unit}，增长5%。"), number)
    assert (row.indicator, row.value, row.unit, row.metric) == (name, value, unit, "level")


@pytest.mark.parametrize("sep", ["\u202f", "\u2007", "\u3000", "\u2009"])
def test_thin_and_ideographic_spaces_as_thousands_separators(sep):
    df = _rows(f"农村常住居民人均可支配收入22{sep}364元，增长5%。城乡收入比为2.1。")
    row = _only(df, "22364")
    assert (row.value, row.unit) == (22364.0, "元")
    assert 364.0 not in set(df.value)


@PROPERTY
@given(st.integers(1_000, 99_999_999), st.sampled_from(sorted(THOUSANDS_SPACES + ",")),
       st.sampled_from(["", *sorted(UNIT_GAP)]), st.sampled_from(["元", "亿元", "人", "万吨"]))
def test_property_separators_and_unit_gaps(n, sep, gap, unit):
    digits = f"{n:,}".replace(",", sep)
    df = _rows(f"实现地区生产总值{digits}{gap}{unit}，增长5%。")
    row = _only(df, str(n))
    assert (row.value, row.unit) == (float(n), unit)


@PROPERTY
@given(st.integers(10, 999_999), st.integers(0, 9), st.data())
def test_property_a_line_break_inside_a_number_in_prose(whole, tenth, data):
    digits = str(whole)
    cut = data.draw(st.integers(1, len(digits) - 1))
    body = f"全区实现地区生产总值{digits[:cut]}\n{digits[cut:]}.{tenth}亿元，增长5%。\n"
    df = _rows(body)
    row = _only(df, f"{whole}.{tenth}")
    assert (row.indicator, row.value, row.unit) == ("地区生产总值", float(f"{whole}.{tenth}"), "亿元")
    assert (df.indicator != "").all()


def test_a_line_break_inside_a_number_keeps_the_unit():
    df = _rows("全区实现地区生产总值117\n9.4亿元，增长6.9%。\n")
    row = _only(df, "1179.4")
    assert (row.indicator, row.base_value) == ("地区生产总值", 117_940_000_000.0)
    assert len(df) == 2


def test_a_list_item_on_the_next_line_is_not_joined():
    df = _rows("目标为增长5\n2. 城镇新增就业1.2万人。\n")
    assert 52.0 not in set(df.value)


@PROPERTY
@given(st.sampled_from(sorted(INVISIBLE)), st.integers(1, 5))
def test_property_invisible_characters_never_stay_in_names(invisible, where):
    name = "地区生产总值"
    damaged = name[:where] + invisible + name[where:]
    df = _rows(f"实现{damaged}1179.4亿元，增长6.9%。")
    assert set(df.indicator) == {name}


def _hard_wrapped(text: str, width: int = 30) -> list[str]:
    import textwrap

    lines = []
    for para in text.replace("。", "。\n").split("\n"):
        lines += textwrap.wrap(para, width) or [""]
    return lines


def _keys(ex) -> set:
    return set(govreport.derive(ex).linked["key"].dropna())


def test_hard_wrapped_text_and_br_split_html_leave_no_invisible_characters_in_names():
    lines = _hard_wrapped(WANZHOU)
    plain = extract(text=WANZHOU)
    for ex in (extract(text="\n".join(lines)),
               extract(text="<html><body><p>" + "<br>\n".join(lines) + "</p></body></html>")):
        names = " ".join(ex.indicators.indicator.dropna())
        assert not any(ch in names for ch in INVISIBLE)
        assert _keys(ex) == _keys(plain)


@pytest.mark.parametrize(("written", "value"), [("1.1794e3", 1179.4), ("1.1794E+3", 1179.4), ("6.324×10²", 632.4),
                                                ("6.324×10^2", 632.4), ("11794e-1", 1179.4)])
def test_scientific_notation_is_read(written, value):
    row = _rows(f"实现地区生产总值{written}亿元，增长6.9%。").iloc[0]
    assert (row.indicator, row.value, row.unit, row.token) == ("地区生产总值", pytest.approx(value), "亿元", written)


def test_scientific_notation_keeps_its_precision():
    from govreport.derivation.precision import unit_of_last_digit

    assert unit_of_last_digit("1.1794e3") == pytest.approx(0.1)
    assert unit_of_last_digit("1.2e5") == pytest.approx(1e4)


def test_a_product_is_not_an_exponent():
    df = _rows("建成5×100米泳池1个。")
    assert 500.0 not in set(df.value) and 5e100 not in set(df.value)


def test_traditional_chinese_is_refused_in_one_line():
    with pytest.raises(UnsupportedTextError, match="Traditional Chinese") as err:
        govreport.extract(text="某區政府工作報告\n一、2023年工作回顧\n地區生產總值1179.4億元，增長6.9%。\n")
    assert "\n" not in str(err.value)


def test_a_traditional_unit_in_simplified_text_is_named_in_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        govreport.extract(text=WANZHOU.replace("1179.4亿元", "1179.4億元", 1))
    messages = [str(w.message) for w in caught if issubclass(w.category, ReportWarning)]
    assert any("Traditional Chinese '億'" in m and "\n" not in m for m in messages), messages


def test_a_number_too_large_is_refused_not_null():
    for written in ("9" * 400, "1e999", "1.5×10^200"):
        with pytest.raises(UnsupportedTextError, match="too large"):
            govreport.extract(text=f"{HEAD}实现地区生产总值{written}亿元，增长5%。")


def test_gdp_zero_gives_no_computed_nan():
    ex = extract(text=WANZHOU.replace("1179.4亿元", "0亿元", 1))
    m = govreport.derive(ex).measures
    shown = m[m.status != "not_available"]
    assert shown["value"].map(math.isfinite).all(), shown[["measure", "value", "status"]]
    gdp_based = m[m.measure == "retail_to_gdp"].iloc[0]
    assert gdp_based.status == "not_available" and "stated as 0" in gdp_based.note


def test_a_few_bold_end_tags_in_plain_text_are_not_html():
    i = WANZHOU.index("。", 2000)
    j = WANZHOU.index("。", 5000)
    k = WANZHOU.index("。", 9000)
    text = WANZHOU[:i] + "</b>" + WANZHOU[i:j] + "</b>" + WANZHOU[j:k] + "</b>" + WANZHOU[k:]
    ex = extract(text=text)
    assert ex.report.input_format == "text" and ex.report.text == text


# --- encoding messages that say what is wrong ----------------------------------------------------------------


def test_one_stray_byte_is_named_with_its_offset(tmp_path):
    data = WANZHOU.encode("utf-8")
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:1966] + b"\xff" + data[1966:])
    with pytest.raises(EncodingError, match=r"a stray byte 0xFF at offset 1966") as err:
        govreport.extract(path)
    assert "onwards" not in str(err.value)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16"])
def test_odd_length_utf16_is_named(tmp_path, codec):
    path = tmp_path / "odd.txt"
    path.write_bytes(WANZHOU.encode(codec) + b"\x0a")
    with pytest.raises(EncodingError, match="odd number of bytes") as err:
        govreport.extract(path)
    assert "binary" not in str(err.value)
