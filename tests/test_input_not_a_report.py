"""Input that is not a report: empty, binary, too short, a news article, too large, missing. Each is
refused with one clear line (a ReportError subclass), never a traceback or an empty table passed off
as a result; a large multi-copy report still extracts within seconds. The CLI says the same on one
line of standard error."""

from __future__ import annotations

import gzip
import io
import random
import subprocess
import time
import zipfile

import pytest

import govreport
from govreport.text import reading
from govreport.errors import BinaryInputError, EmptyInputError, InputNotFoundError, InputTooLargeError, \
    NotAReportError, ReportError

from _inputs import GOVREPORT_BIN, WANZHOU, extract, one_line_error, write

NEWS = ("新华社北京1月17日电 记者从国家统计局获悉，2023年全国粮食总产量13908.2亿斤，比上年增加177.6亿斤，"
        "增长1.3%。国家统计局农村司司长表示，这一成绩来之不易。据介绍，全国粮食播种面积17.85亿亩，"
        "比上年增加954.6万亩。专家认为，今年粮食生产有望继续保持稳定。（完）\n责任编辑：王某\n")


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randrange(256) for _ in range(2000))


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document>" + WANZHOU[:2000] + "</w:document>")
    return buf.getvalue()


BINARY = {
    "pdf": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + WANZHOU[:500].encode(),
    "png": _png,
    "jpeg": lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4,
    "docx (zip)": _docx,
    "gzip": lambda: gzip.compress(WANZHOU.encode("utf-8")),
    "rtf": lambda: ("{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 SimSun;}}\\f0\\fs24 "
                    + WANZHOU[:3000].encode("unicode_escape").decode("ascii") + "}").encode("ascii"),
    "random bytes": lambda: random.Random(7).randbytes(50_000),
    "random bytes without NUL": lambda: random.Random(8).randbytes(50_000).replace(b"\x00", b"\x01"),
    "control characters": lambda: bytes(random.Random(9).randrange(1, 32) for _ in range(5000)),
    "utf-8 text with NUL bytes": lambda: WANZHOU[:3000].encode("utf-8").replace("。".encode(), b"\x00"),
}


@pytest.mark.parametrize("name", list(BINARY))
def test_binary_files_are_refused(tmp_path, name):
    path = write(tmp_path, "report.txt", BINARY[name]())
    with pytest.raises((BinaryInputError, govreport.errors.EncodingError)) as info:
        extract(path)
    msg = one_line_error(info.value)
    assert str(path) in msg


@pytest.mark.parametrize("name,what", [("pdf", "PDF"), ("png", "PNG"), ("docx (zip)", "ZIP"), ("gzip", "gzip"),
                                       ("rtf", "RTF")])
def test_known_binary_formats_are_named(tmp_path, name, what):
    with pytest.raises(BinaryInputError, match=what):
        extract(write(tmp_path, "x.bin", BINARY[name]()))


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\r\n\t \n", "\u3000\u3000\n".encode("utf-8"),
                                  b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf  \n"])
def test_empty_files_are_refused(tmp_path, data):
    with pytest.raises(EmptyInputError) as info:
        extract(write(tmp_path, "empty.txt", data))
    assert "empty" in one_line_error(info.value)


@pytest.mark.parametrize("text", ["", "   \n  ", "\u3000"])
def test_empty_text_is_refused(text):
    with pytest.raises(EmptyInputError):
        extract(text=text)


def test_empty_html_page_is_refused(tmp_path):
    page = b"<html><head><title>x</title><script>var a=1;</script></head><body><nav>home</nav></body></html>"
    with pytest.raises(EmptyInputError, match="no text"):
        extract(write(tmp_path, "empty.html", page))


@pytest.mark.parametrize("text", ["增长5%", "你好", "一、", "2024", "政府工作报告", "abc 123", "１２３"])
def test_very_short_text_is_refused_clearly(text):
    with pytest.raises(NotAReportError) as info:
        extract(text=text)
    one_line_error(info.value)


@pytest.mark.parametrize("text", ["增长5%", "你好", "一、", "2024", "政府工作报告", "abc 123", "１２３"])
def test_very_short_text_gives_tables_without_the_report_check(text):
    ex = extract(text=text, require_numbers=False)
    assert list(ex.indicators.columns) == govreport.schema.INDICATORS.names
    assert list(ex.non_indicators.columns) == govreport.schema.NON_INDICATORS.names


def test_news_article_is_not_a_report(tmp_path):
    with pytest.raises(NotAReportError, match="not a government work report") as info:
        extract(write(tmp_path, "news.txt", NEWS.encode("utf-8")))
    one_line_error(info.value)


def test_news_article_still_gives_its_numbers_when_asked():
    ex = extract(text=NEWS, require_numbers=False)
    assert 13908.2 in set(ex.indicators.value)


def test_text_without_numbers_is_refused():
    prose = "政府工作报告\n一、工作回顾\n我们坚持稳中求进，推动高质量发展。\n二、工作安排\n继续努力。\n"
    with pytest.raises(NotAReportError, match="no numbers"):
        extract(text=prose)
    ex = extract(text=prose, require_numbers=False)
    assert ex.indicators.empty and ex.non_indicators.empty
    assert len(ex.sections) == 2


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputNotFoundError, match="no such file"):
        extract(tmp_path / "missing.txt")
    with pytest.raises(InputNotFoundError, match="not a file"):
        extract(tmp_path)


def test_ten_megabytes_are_refused_quickly(tmp_path):
    copies = 10 * 1024 * 1024 // len(WANZHOU.encode("utf-8")) + 1
    path = write(tmp_path, "big.txt", (WANZHOU * copies).encode("utf-8"))
    assert path.stat().st_size > reading.MAX_INPUT_BYTES
    t0 = time.perf_counter()
    with pytest.raises(InputTooLargeError) as info:
        extract(path)
    assert time.perf_counter() - t0 < 1.0
    msg = one_line_error(info.value)
    assert "8 MiB" in msg and "limit" in msg
    with pytest.raises(InputTooLargeError):
        extract(text=WANZHOU * copies)


def test_two_megabyte_multi_copy_report_extracts_in_seconds(tmp_path):
    copies = 2 * 1024 * 1024 // len(WANZHOU.encode("utf-8"))
    path = write(tmp_path, "multi.txt", ("\n".join([WANZHOU] * copies)).encode("utf-8"))
    single = extract(text=WANZHOU)
    t0 = time.perf_counter()
    ex = extract(path)
    elapsed = time.perf_counter() - t0
    assert elapsed < 15, f"{elapsed:.1f} s for {path.stat().st_size / 1e6:.1f} MB"
    assert len(ex.indicators) >= copies * len(single.indicators) * 0.95
    assert ex.indicators.start.is_monotonic_increasing


def test_file_name_with_a_line_break_still_gives_one_line(tmp_path):
    for data, error in ((b"", EmptyInputError), (b"%PDF-1.4", BinaryInputError), (NEWS.encode(), NotAReportError)):
        path = write(tmp_path, "bad\nname.txt", data)
        with pytest.raises(error) as info:
            extract(path)
        assert "bad\\nname.txt" in one_line_error(info.value)


def test_unreadable_file_is_a_report_error(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", WANZHOU.encode())

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)
    with pytest.raises(ReportError, match="cannot read the file: Permission denied") as info:
        extract(path)
    one_line_error(info.value)


HEAD = "2024年某区政府工作报告\n一、2023年工作回顾\n"


@pytest.mark.parametrize("unit", ["增长5%", "1,2,", "［3］", "5%—", "一百二十个", "百分之五"])
def test_dense_numbers_without_a_full_stop_finish_in_seconds(unit):
    from govreport.text.structure import MAX_SENTENCE

    text = HEAD + unit * (reading.MAX_NUMBERS // 3 // max(1, unit.count(",")))
    t0 = time.perf_counter()
    ex = extract(text=text, require_numbers=False)
    assert time.perf_counter() - t0 < 20
    lengths = ex.sentences.end - ex.sentences.start
    assert lengths.max() <= MAX_SENTENCE  # long runs are cut, never inside a number
    starts = set(ex.indicators.start) | set(ex.non_indicators.start)
    assert len(starts) == len(govreport.text.numerals.tokens(ex.report.text))


def test_too_many_numbers_are_refused_quickly():
    t0 = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="numbers") as info:
        extract(text=HEAD + "增长5%" * (reading.MAX_NUMBERS + 10))
    assert time.perf_counter() - t0 < 5
    one_line_error(info.value)


@pytest.mark.parametrize("unit", ["x\n", "发展\n", "发 ", "\n\n好\n"])
def test_a_million_short_lines_are_refused_quickly(tmp_path, unit):
    path = write(tmp_path, "lines.txt", (HEAD + unit * 1_000_000).encode("utf-8"))
    t0 = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="paragraphs") as info:
        extract(path)
    assert time.perf_counter() - t0 < 5
    one_line_error(info.value)


def test_many_headings_are_linear(tmp_path):
    from govreport.formatting import format_chinese

    parts = [HEAD]
    for i in range(2, 12):
        parts.append(f"{format_chinese(i)}、标题\n")
        parts.extend(f"（{format_chinese(j)}）小标题\n增长5%。\n" for j in range(1, 1000))
    t0 = time.perf_counter()
    ex = extract(text="".join(parts))
    assert time.perf_counter() - t0 < 20
    assert len(ex.sections) > 8000


def test_html_with_too_many_tags_is_refused_quickly():
    page = "<html><body><p>" + "<span>发</span>" * (reading.MAX_HTML_TAGS // 2 + 10) + "</p></body></html>"
    t0 = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="HTML tags"):
        extract(text=page)
    assert time.perf_counter() - t0 < 5


def test_eight_megabytes_of_prose_finish_in_seconds():
    text = "某区政府工作报告\n一、工作回顾\n" + "我们坚持稳中求进，推动高质量发展。" * (7_900_000 // 51)
    assert len(text.encode("utf-8")) <= reading.MAX_INPUT_BYTES
    t0 = time.perf_counter()
    with pytest.raises(NotAReportError, match="no numbers"):
        extract(text=text)
    assert time.perf_counter() - t0 < 20


# --- the command line ---------------------------------------------------------------------------

cli = pytest.mark.skipif(not GOVREPORT_BIN.exists(), reason="the govreport command is not installed in .venv")


def _run(*args, timeout=60):
    return subprocess.run([str(GOVREPORT_BIN), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def _bad_inputs(tmp_path):
    copies = 10 * 1024 * 1024 // len(WANZHOU.encode("utf-8")) + 1
    return {
        "missing": tmp_path / "missing.txt",
        "directory": tmp_path,
        "empty": write(tmp_path, "empty.txt", b""),
        "pdf": write(tmp_path, "r.pdf", BINARY["pdf"]()),
        "png": write(tmp_path, "r.png", BINARY["png"]()),
        "random": write(tmp_path, "r.bin", BINARY["random bytes"]()),
        "mixed encoding": write(tmp_path, "mixed.txt", WANZHOU[:9000].encode() + WANZHOU[9000:].encode("gbk")),
        "shift-jis": write(tmp_path, "sjis.txt", WANZHOU.encode("shift_jis", "replace")),
        "news": write(tmp_path, "news.txt", NEWS.encode("utf-8")),
        "short": write(tmp_path, "short.txt", "增长5%".encode("utf-8")),
        "10 MB": write(tmp_path, "big.txt", (WANZHOU * copies).encode("utf-8")),
    }


@cli
def test_cli_bad_inputs_give_one_line_and_nonzero_exit(tmp_path):
    for name, path in _bad_inputs(tmp_path).items():
        proc = _run("extract", path)
        assert proc.returncode != 0, name
        assert proc.stdout == "", name
        lines = proc.stderr.splitlines()
        assert len(lines) == 1, (name, proc.stderr)
        assert "Traceback" not in proc.stderr, name
        assert "error" in lines[0], name


@cli
def test_cli_good_input(tmp_path):
    path = write(tmp_path, "wanzhou.gbk.txt", WANZHOU.encode("gbk"))
    proc = _run("extract", path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    header = proc.stdout.splitlines()[0]
    assert header.split(",") == govreport.schema.INDICATORS.names
    assert "1179.4" in proc.stdout


def test_errors_are_report_errors():
    for cls in (BinaryInputError, EmptyInputError, InputNotFoundError, InputTooLargeError, NotAReportError):
        assert issubclass(cls, ReportError)
