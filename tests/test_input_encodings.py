"""Encodings: the same report in every supported encoding gives identical tables (offsets included);
bytes in an unknown or mixed encoding are refused with a clear one-line error, never read as mojibake."""

from __future__ import annotations

import codecs
import random

import pytest

from govreport.errors import EncodingError, ReportError

from _inputs import FUJIAN, HAILAER, HAILAER_PATH, WANZHOU, WANZHOU_PATH, ZHEJIANG, assert_offsets_hold, extract, \
    one_line_error, tables_csv, write

ENCODINGS = {
    # name: (bytes of the report, encoding the reader reports)
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "utf-8-bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030"),
    "gbk": (lambda t: t.encode("gbk"), "gb18030"),
    "gb18030-crlf": (lambda t: t.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    "utf-16-le-bom": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16"),
    "utf-16-be-bom": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    "utf-16-crlf": (lambda t: t.replace("\n", "\r\n").encode("utf-16"), "utf-16"),
    "utf-16-le-no-bom": (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be-no-bom": (lambda t: t.encode("utf-16-be"), "utf-16-be"),
    "utf-8-cr": (lambda t: t.replace("\n", "\r").encode("utf-8"), "utf-8"),
    "utf-32-le-bom": (lambda t: t.encode("utf-32"), "utf-32"),  # FF FE 00 00 is not read as UTF-16
    "utf-32-be-bom": (lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), "utf-32"),
}


@pytest.fixture(scope="module")
def wanzhou_reference():
    return extract(WANZHOU_PATH)


@pytest.fixture(scope="module")
def hailaer_reference():
    return extract(text=HAILAER)


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_wanzhou_same_tables_in_every_encoding(tmp_path, wanzhou_reference, name):
    encode, encoding = ENCODINGS[name]
    ex = extract(write(tmp_path, f"wanzhou.{name}.txt", encode(WANZHOU)))
    assert ex.report.encoding == encoding
    assert ex.report.text == wanzhou_reference.report.text
    assert len(ex.indicators) > 300
    assert tables_csv(ex) == tables_csv(wanzhou_reference)


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_hailaer_same_tables_in_every_encoding(tmp_path, hailaer_reference, name):
    # Hailaer is multi-line, so line endings (CRLF, CR) matter here
    encode, encoding = ENCODINGS[name]
    ex = extract(write(tmp_path, f"hailaer.{name}.txt", encode(HAILAER)))
    assert ex.report.encoding == encoding
    assert ex.report.text == HAILAER
    assert "\r" not in ex.report.text
    assert tables_csv(ex) == tables_csv(hailaer_reference)


def test_committed_gb18030_crlf_file(hailaer_reference):
    ex = extract(HAILAER_PATH)
    assert ex.report.encoding == "gb18030"
    assert ex.report.text == HAILAER  # what Path.read_text(encoding="gb18030") gives
    assert tables_csv(ex) == tables_csv(hailaer_reference)
    assert len(ex.indicators) > 30
    assert_offsets_hold(ex)
    assert "呼伦贝尔" in ex.report.text or "海拉尔" in ex.report.text


def test_text_argument_equals_file(wanzhou_reference):
    assert tables_csv(extract(text=WANZHOU)) == tables_csv(wanzhou_reference)


def _mixed_utf8_then_gbk(t: str) -> bytes:
    half = len(t) // 2
    return t[:half].encode("utf-8") + t[half:].encode("gbk")


def _mixed_gbk_then_utf8(t: str) -> bytes:
    half = len(t) // 2
    return t[:half].encode("gbk") + t[half:].encode("utf-8")


def _latin1_garbage(_: str) -> bytes:
    rng = random.Random(5)
    return bytes(rng.randrange(0x20, 0x100) for _ in range(20_000)).replace(b"\x7f", b" ")


def _latin1_text(_: str) -> bytes:
    return ("Le budget de la région a augmenté de 5,5 % en 2023 : prévu, réalisé. " * 200).encode("latin-1")


def _shift_jis_japanese(_: str) -> bytes:
    return ("２０２３年度の東京都の予算は８兆円で、前年比５．５％増となりました。経済成長率は１．９％です。\n" * 100
            ).encode("shift_jis")


def _shift_jis_report(t: str) -> bytes:
    return t.encode("shift_jis", "replace")


def _big5_report(t: str) -> bytes:
    return t.encode("big5", "replace")


def _utf8_with_gbk_paragraph(t: str) -> bytes:
    # one paragraph pasted in GBK into a UTF-8 file
    third = len(t) // 3
    return t[:third].encode("utf-8") + t[third:third + 400].encode("gbk") + t[third + 400:].encode("utf-8")


def _cp1252_text(_: str) -> bytes:
    return ("Smart “quotes” – and dashes; 12 € … " * 300).encode("cp1252")


BAD_ENCODINGS = {
    "utf-8 then gbk": _mixed_utf8_then_gbk,
    "gbk then utf-8": _mixed_gbk_then_utf8,
    "gbk paragraph in utf-8": _utf8_with_gbk_paragraph,
    "latin-1 garbage": _latin1_garbage,
    "latin-1 text": _latin1_text,
    "cp1252 text": _cp1252_text,
    "shift-jis japanese": _shift_jis_japanese,
    "shift-jis report": _shift_jis_report,
    "big5 report": _big5_report,
}


@pytest.mark.parametrize("name", list(BAD_ENCODINGS))
def test_unknown_or_mixed_encoding_is_refused_clearly(tmp_path, name):
    path = write(tmp_path, "report.txt", BAD_ENCODINGS[name](WANZHOU))
    with pytest.raises(EncodingError) as info:
        extract(path)
    msg = one_line_error(info.value)
    assert str(path) in msg
    assert "encoding" in msg or "UTF-8" in msg
    assert "save" in msg  # says what to do


def test_mixed_encoding_message_names_the_mixture(tmp_path):
    path = write(tmp_path, "mixed.txt", _mixed_utf8_then_gbk(WANZHOU))
    with pytest.raises(EncodingError, match="mixed encodings"):
        extract(path)


def test_truncated_utf8_says_so(tmp_path):
    data = WANZHOU.rstrip().encode("utf-8")
    cut = data[:-1] if data[-1] >= 0x80 else (WANZHOU.rstrip() + "。").encode("utf-8")[:-1]
    with pytest.raises(EncodingError, match="cut short"):
        extract(write(tmp_path, "cut.txt", cut))


def test_declared_html_charset_is_used(tmp_path):
    page = ("<html><head><meta charset=\"gbk\"><title>报告</title></head><body><p>"
            + WANZHOU[:3000] + "</p></body></html>")
    ex = extract(write(tmp_path, "page.html", page.encode("gbk")))
    assert ex.report.encoding == "gb18030"
    assert ex.report.input_format == "html"
    assert "地区生产总值" in ex.report.text


def test_invalid_bytes_after_a_bom_are_refused(tmp_path):
    data = codecs.BOM_UTF8 + WANZHOU.encode("gbk")
    with pytest.raises(ReportError) as info:
        extract(write(tmp_path, "bom.txt", data))
    assert "byte-order mark" in one_line_error(info.value)


def test_truncated_gbk_says_so(tmp_path):
    data = (WANZHOU.rstrip() + "。").encode("gbk")[:-1]
    with pytest.raises(EncodingError, match="GB18030 character.*cut short") as info:
        extract(write(tmp_path, "cut.txt", data))
    one_line_error(info.value)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_a_byte_order_mark_before_binary_is_refused(tmp_path, bom):
    codec = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}[bom]
    data = bom + ("\x01\x02\x03\x04abc" * 500).encode(codec)
    with pytest.raises(ReportError) as info:
        extract(write(tmp_path, "bom.bin", data))
    assert "binary" in one_line_error(info.value)


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_a_byte_order_mark_alone_is_empty(tmp_path, bom, codec):
    from govreport.errors import EmptyInputError

    with pytest.raises(EmptyInputError):
        extract(write(tmp_path, "bom.txt", bom + " \n".encode(codec)))


@pytest.mark.parametrize("report", ["zhejiang", "fujian"])
@pytest.mark.parametrize("name", ["utf-8-bom", "gb18030-crlf", "utf-16-be-bom", "utf-16-le-no-bom", "utf-32-le-bom"])
def test_provincial_reports_same_tables_in_other_encodings(tmp_path, report, name):
    text = {"zhejiang": ZHEJIANG, "fujian": FUJIAN}[report]
    encode, encoding = ENCODINGS[name]
    ex = extract(write(tmp_path, f"{report}.txt", encode(text)))
    assert ex.report.encoding == encoding
    assert tables_csv(ex) == tables_csv(extract(text=text))
