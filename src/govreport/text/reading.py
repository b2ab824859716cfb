"""Bytes to text: input checks, encoding detection, HTML to plain text.

The text returned here is what every offset in the package indexes. For plain-text
files it equals what ``Path.read_text(encoding=...)`` returns (universal newlines:
``\\r\\n`` and ``\\r`` become ``\\n``); a UTF-8, UTF-16 or UTF-32 byte-order mark is not
part of the text. For HTML input it is the extracted plain text (see :func:`html_to_text`).

Encodings: UTF-8 (with or without BOM), GB18030/GBK/GB2312, UTF-16 and UTF-32 with a BOM,
UTF-16 without one when it reads as Chinese, and the multi-byte charset an HTML page declares.
Anything else (a mixture, Shift-JIS, Big5, Latin-1, a cut-off file) is refused with an ``EncodingError``
naming the problem, never decoded into mojibake.

Limits, each refused with a one-line ``InputTooLargeError`` so that any input finishes in
seconds: :data:`MAX_INPUT_BYTES` and :data:`MAX_HTML_TAGS` (checked here), :data:`MAX_NUMBERS`
and :data:`MAX_PARAGRAPHS` (checked in ``report.read_report``).
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from govreport.errors import (
    BinaryInputError,
    ReportError,
    EmptyInputError,
    EncodingError,
    InputNotFoundError,
    InputTooLargeError,
    ReportWarning,
    UnsupportedTextError,
)

#: Largest input accepted, in bytes. Real reports are 20-200 KB; this leaves a wide margin
#: and bounds memory and time (the extractor runs at more than 1 MB of text per second).
MAX_INPUT_BYTES = 8 * 1024 * 1024
#: Most number tokens accepted in one input. A report states 300-3000 numbers; the work per number is
#: bounded, so this bounds the time (a few seconds) and the size of the tables for hostile input
#: such as megabytes of numbers without a full stop.
MAX_NUMBERS = 30_000
#: Most paragraphs (lines, or runs separated by a space between Chinese characters) accepted; a
#: report has a few hundred. Bounds the time spent on structure for input such as a million short lines.
MAX_PARAGRAPHS = 50_000
#: Most HTML tags accepted in a page (a report's page has a few thousand); bounds the parsing time.
MAX_HTML_TAGS = 150_000

_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x7fELF": "a program (ELF binary)",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document (Word's rich text)",
    b"%!PS": "a PostScript document",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\xfd7zXZ": "an xz archive",
    b"BZh": "a bzip2 archive",
    b"MZ": "a Windows program",
    b"RIFF": "an audio/video/image container (RIFF)",
    b"SQLite format 3": "an SQLite database",
    b"\x00\x00\x01\x00": "an icon image",
}


@dataclass(frozen=True)
class SourceText:
    """Decoded text of one input, with how it was decoded."""

    text: str
    source: str  # the path as given, or "<text>"
    encoding: str  # utf-8, utf-8-sig, gb18030, utf-16, utf-16-le/-be (no BOM), utf-32, a declared HTML
    # charset, or "str" for text given directly
    input_format: str  # "text" or "html"


def load(path: str | os.PathLike[str] | None = None, *, text: str | None = None) -> SourceText:
    """Read a report from a path (bytes are decoded here) or take text directly."""
    if (path is None) == (text is None):
        raise TypeError("give either a path or text=, not both")
    if text is not None:
        # at most 4 bytes a character: only a text that long is encoded to be measured
        if len(text) * 4 > MAX_INPUT_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
            raise InputTooLargeError(f"text is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit")
        text = normalize_newlines(text)
        return _finish(text, "<text>", "str")
    p = Path(path)
    name = _one_line(str(p))  # the source as messages and Report.source show it
    if not p.exists():
        raise InputNotFoundError(f"{name}: no such file")
    if not p.is_file():
        raise InputNotFoundError(f"{name}: not a file")
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputTooLargeError(
                f"{name}: {size / 1024 / 1024:.1f} MiB is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB "
                "limit for one report"
            )
        with p.open("rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)  # a file that grew after stat() is still bounded
    except OSError as err:
        raise ReportError(f"{name}: cannot read the file: {err.strerror or type(err).__name__}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"{name}: larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit for one report")
    decoded, encoding = decode(data, name=name)
    return _finish(decoded, name, encoding)


def _one_line(name: str) -> str:
    """A path with line breaks or other control characters, made printable on one line."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


def _finish(text: str, source: str, encoding: str) -> SourceText:
    if not text.strip():
        raise EmptyInputError(f"{source}: the input is empty")
    if looks_like_html(text):
        if text.count("<") > MAX_HTML_TAGS:
            raise InputTooLargeError(f"{source}: more than {MAX_HTML_TAGS} HTML tags, more than a report's page has")
        text = html_to_text(text)
        if not text.strip():
            raise EmptyInputError(f"{source}: the HTML page has no text")
        return SourceText(text, source, encoding, "html")
    return SourceText(text, source, encoding, "text")


def normalize_newlines(text: str) -> str:
    """Universal newlines, as Python's text mode reads a file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes; return (text, encoding). Raise a ReportError subclass on failure."""
    if not data.strip():
        raise EmptyInputError(f"{name}: the file is empty")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise BinaryInputError(f"{name}: this is {what}, not a text file; convert it to text first")
    bom = _by_bom(data, name)
    if bom is not None:
        text, encoding = bom
        if not text.strip():
            raise EmptyInputError(f"{name}: the file is empty")
        if _control_share(text) > 0.01:
            raise BinaryInputError(f"{name}: the file contains control characters after its byte-order mark; "
                                   "it is binary, not text")
        return text, encoding
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return normalize_newlines(utf16[0]), utf16[1]
        if len(data) % 2 and _utf16_without_bom(data[:-1]) is not None:
            raise EncodingError(f"{name}: UTF-16 text with an odd number of bytes ({len(data)}): the file is cut "
                                "short or has a stray byte at its end; get a complete copy or save it as UTF-8")
        raise BinaryInputError(f"{name}: the file contains NUL bytes; it is binary, not text")
    declared = _declared_html_charset(data)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as utf8_error:
        text, encoding = _decode_not_utf8(data, name, utf8_error, declared)
    text = normalize_newlines(text)
    if _control_share(text) > 0.01:
        raise BinaryInputError(f"{name}: the file contains control characters; it is binary, not text")
    return text, encoding


def _decode_not_utf8(data: bytes, name: str, utf8_error: UnicodeDecodeError, declared: str | None) -> tuple[str, str]:
    """Bytes that are not UTF-8: GB18030/GBK (or the charset an HTML page declares), else a clear error."""
    candidates = ["gb18030"]
    if declared and declared not in ("utf-8", "utf8"):
        candidates.insert(0, declared)
    gb_error = None
    for candidate in candidates:
        try:
            codec = _codec_name(candidate)
            text = data.decode(codec)
        except LookupError:
            continue
        except UnicodeDecodeError as err:
            gb_error = gb_error or err
            if err.start >= len(data) - 3 and "incomplete" in err.reason and \
                    _plausible_chinese(data[:err.start].decode(codec, "replace")):
                raise EncodingError(f"{name}: the file ends in the middle of a {codec.upper()} character "
                                    f"(byte {err.start}); it is cut short, get a complete copy") from None
            continue
        if _plausible_chinese(text) or (candidate == declared and codec not in _SINGLE_BYTE):
            return text, codec  # a page's own multi-byte charset is trusted when its bytes obey it
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    at = utf8_error.start
    if at >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
        raise EncodingError(f"{name}: the file ends in the middle of a UTF-8 character (byte {at}); "
                            "it is cut short, get a complete copy")
    stray = _stray_bytes(data)
    if stray is not None:
        count, first = stray
        what = f"a stray byte 0x{data[first]:02X} at offset {first}" if count == 1 else \
            f"{count} stray bytes that are not UTF-8, the first (0x{data[first]:02X}) at offset {first}"
        raise EncodingError(f"{name}: {what}; the rest of the file is UTF-8: remove "
                            f"{'it' if count == 1 else 'them'} or save the file as UTF-8 again")
    if any(b >= 0x80 for b in data[:at]) and _looks_utf8(data[at:]) is False:
        raise EncodingError(
            f"{name}: mixed encodings: the first {at} bytes are UTF-8 but byte {at} onwards is not; "
            "save the whole file as UTF-8"
        )
    where = f"UTF-8 fails at byte {at}"
    where += f", GB18030 at byte {gb_error.start}" if gb_error is not None else ", GB18030 gives unlikely characters"
    raise EncodingError(
        f"{name}: unknown or mixed encoding ({where}); supported are UTF-8, GB18030/GBK and UTF-16; "
        "save the file as UTF-8"
    )


_SINGLE_BYTE = {"latin-1", "iso8859-1", "cp1252", "ascii", "iso8859-15", "cp1251", "koi8-r", "mac-roman"}


def _stray_bytes(data: bytes, most: int = 8) -> tuple[int, int] | None:
    """(count, first offset) when the bytes are UTF-8 with Chinese text except for a few stray bytes, else None."""
    text = data.decode("utf-8", "surrogateescape")
    bad = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    if not bad or len(bad) > most or sum(1 for ch in text if ord(ch) >= 0x80) < 10 * len(bad):
        return None
    first = len(text[:bad[0]].encode("utf-8", "surrogateescape"))
    return len(bad), first


def _looks_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark, accepted only when it reads as plausible Chinese text in one byte order
    and clearly better than in the other (a few bytes read as Chinese either way by chance: 80 D8 7C DC)."""
    if len(data) % 2 or len(data) < 2 * MIN_UTF16_CHARS:
        return None
    readings = {}
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            readings[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    for codec, text in readings.items():
        other = next((t for c, t in readings.items() if c != codec), "")
        if (_control_share(text) < 0.001 and _cjk_share(text) >= 0.2 and _plausible_chinese(text)
                and _cjk_share(text) > 2 * _cjk_share(other)):
            return text, codec
    return None


#: the fewest characters a text without a byte-order mark must have to be read as UTF-16 (fewer are ambiguous)
MIN_UTF16_CHARS = 16


def _cjk_share(text: str) -> float:
    sample = text[:200_000]
    return sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") / max(1, len(sample))


def _by_bom(data: bytes, name: str) -> tuple[str, str] | None:
    """Text of bytes that start with a byte-order mark (UTF-32 before UTF-16: FF FE 00 00 is both)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return _strict(data, "utf-32", name), "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", name), "utf-16"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return normalize_newlines(data.decode(encoding))
    except UnicodeDecodeError as err:
        if encoding == "utf-16" and len(data) % 2 and err.start >= len(data) - 2:
            raise EncodingError(f"{name}: UTF-16 text (byte-order mark) with an odd number of bytes ({len(data)}): the "
                                "file is cut short or has a stray byte at its end; get a complete copy") from None
        if encoding == "utf-32" and len(data) % 4 and err.start >= len(data) - 4:
            raise EncodingError(f"{name}: UTF-32 text (byte-order mark) whose length ({len(data)} bytes) is not a "
                                "multiple of 4: the file is cut short; get a complete copy") from None
        raise EncodingError(f"{name}: declared as {encoding} by its byte-order mark, but invalid at byte {err.start} "
                            f"({err.reason})") from None


def _codec_name(label: str) -> str:
    label = label.lower()
    if label in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936"):
        return "gb18030"  # a superset of the others
    return codecs.lookup(label).name


def _declared_html_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _plausible_chinese(text: str) -> bool:
    """True when the non-ASCII characters of a decoding are mostly common Chinese ones.

    Real GBK/GB18030 reports use almost only characters of the GB2312 set (Han characters,
    Chinese punctuation, full-width forms); bytes of another encoding misread as GB18030
    produce rare characters, symbols and private-use code points.
    """
    wide = [ch for ch in text[:200_000] if ord(ch) >= 0x80]
    if not wide:
        return True
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(wide) >= 0.9


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    return len(_CONTROL.findall(sample)) / len(sample)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


# --- HTML ------------------------------------------------------------------------------

_HTML_START = re.compile(
    r"\A[\s\ufeff]*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|div|p|table|tbody|tr|td|span|section|article|main|h[1-6]|ul|ol|"
    r"font|center|style|script|title|link|a|strong|b)\b", re.I | re.S)
# closing tags of a fragment copied from a page (a report in plain text never has several)
_CLOSING_TAGS = re.compile(r"</(?:p|div|td|tr|th|table|span|li|a|font|strong|b|h[1-6])\s*>", re.I)
_BLOCK_CLOSING = re.compile(r"</(?:p|div|td|tr|th|table|li|h[1-6])\s*>", re.I)


def looks_like_html(text: str) -> bool:
    """An HTML page, not a report that merely mentions a tag."""
    if _HTML_START.match(text[:2000]):
        return True
    head = text[:5000].lower()
    if "<html" in head and "</" in text:
        return True
    # a fragment copied from a page: several closing tags, of paragraphs and cells or on most lines; a few
    # </b> left in a plain-text report do not make it a page
    window = text[:20_000]
    closing = _CLOSING_TAGS.findall(window)
    if len(closing) < 3:
        return False
    blocks = sum(1 for tag in closing if _BLOCK_CLOSING.fullmatch(tag))
    lines = sum(1 for line in window.split("\n") if line.strip())
    return blocks >= 3 or (2 * len(closing) >= lines and 1000 * len(closing) >= len(window))


_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "button",
              "select", "svg", "template", "aside", "head", "object", "canvas", "textarea", "dialog", "map"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "blockquote", "pre", "dd", "dt", "dl", "title", "hr", "main"}
_CELL_TAGS = {"td", "th"}
_NAV_HINT = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|breadcrumb|sidebar|share|toolbar|"
                       r"related|comment|copyright|banner|ad|ads|advert)(?:$|[\s_-])"
                       # run together in one name: topnav, mainNav, bdsharebuttonbox, siteMenu, pageFooter
                       r"|nav|menu|breadcrumb|sidebar|toolbar|share|copyright|footer", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_stack: list[str] = []
        self.skip_open: dict[str, int] = {}  # tag -> how many times it is on skip_stack (a lookup in O(1))

    def _skip_push(self, tag: str) -> None:
        self.skip_stack.append(tag)
        self.skip_open[tag] = self.skip_open.get(tag, 0) + 1

    def handle_starttag(self, tag, attrs):
        if self.skip_stack:
            if tag not in _VOID_TAGS:
                self._skip_push(tag)
            return
        attr = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        hidden = any(k == "hidden" or k == "style" and v and _HIDDEN_STYLE.search(v) for k, v in attrs)
        if tag in _SKIP_TAGS or (tag not in _VOID_TAGS and (hidden or _NAV_HINT.search(attr))):
            if tag not in _VOID_TAGS:
                self._skip_push(tag)
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append("\t")

    def handle_startendtag(self, tag, attrs):
        if not self.skip_stack and tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skip_stack:
            # close up to the matching tag (tolerates unclosed children). Each tag is pushed and popped at
            # most once and the lookup is a count, so a page of many unclosed elements is read in linear time.
            if self.skip_open.get(tag):
                while self.skip_stack:
                    top = self.skip_stack.pop()
                    self.skip_open[top] -= 1
                    if top == tag:
                        break
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_stack:
            self.parts.append(data)


_COMMENT_CLOSE = re.compile(r"--\s*>")


def _terminated(page: str) -> str:
    """The page with every construct the standard parser cannot close made harmless, in linear time.

    ``html.parser`` rescans the rest of the page for each comment, tag or marked section that is never
    closed, so a page with many of them took time quadratic in its size (minutes for 0.6 MB). As a browser
    does: a marked section (``<![CDATA[``, ``<![if IE]>``) is a bogus comment up to the next ``>`` (this also
    avoids the parser's AssertionError on an unknown keyword), a comment never closed runs to the end of the
    page, and a ``<`` after the last ``>`` cannot start a tag, so it is text.
    """
    page = page.replace("<![", "<!-[")
    last_close = -1
    for last_close_match in _COMMENT_CLOSE.finditer(page):
        last_close = last_close_match.end()
    open_comment = page.find("<!--", max(last_close, 0))
    if open_comment != -1:
        page = page[:open_comment]
    last_gt = page.rfind(">")
    if page.find("<", last_gt + 1) != -1:
        page = page[:last_gt + 1] + page[last_gt + 1:].replace("<", "&lt;")
    return page


def html_to_text(page: str) -> str:
    """Plain text of an HTML page: markup, scripts, styles and navigation removed.

    Block elements become line breaks and table cells are separated by a tab; white space
    inside a line is collapsed, blank lines are dropped. Entities are decoded, so text such
    as ``&lt;script&gt;`` comes out as the literal characters ``<script>``.
    """
    parser = _TextExtractor()
    parser.feed(_terminated(page))
    parser.close()
    raw = "".join(parser.parts).replace("\ufeff", "")  # a byte-order mark inside a page is junk
    lines = []
    for line in raw.split("\n"):
        cells = [re.sub(r"[ \u00a0\u3000\t]+", " ", c).strip() for c in line.split("\t")]
        line = "\t".join(c for c in cells if c)
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


# --- web-page residue in plain text ------------------------------------------------------------

_SALUTATION = re.compile(r"(?:^|(?<=\s))(?:各位代表|同志们)", re.M)  # opening a line or a paragraph
_FIRST_SECTION = re.compile(r"(?:^|(?<=\s))一\s*[、．.]", re.M)
_RESIDUE_LINE = re.compile(
    r"^[ \t\u3000]*(?:相关报道|相关新闻|相关阅读|相关链接|相关文章|延伸阅读|推荐阅读|责任编辑|编辑[:：]|责编[:：]|"
    r"【打印】|【关闭】|【打印本页】|【关闭窗口】|打印本页|关闭窗口|扫一扫|分享到)", re.M)
_FRONT_LIMIT = 3000  # the salutation opens the speech within the first lines


def _last_salutation(text: str) -> int | None:
    """End of the last 各位代表 / 同志们 that opens a line or a paragraph (found from the end, without a scan)."""
    best = None
    for word in ("各位代表", "同志们"):
        i = text.rfind(word)
        while i != -1 and not (i == 0 or text[i - 1].isspace()):
            i = text.rfind(word, 0, i)
        if i != -1 and (best is None or i + len(word) > best):
            best = i + len(word)
    return best


def page_residue(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are web-page residue around the speech, not the report's content.

    - the front matter before the opening salutation (各位代表 / 同志们) when it comes within the
      first lines: title, date, speaker, and a page's toolbar (下载 打印 【字号】, 来源, 浏览次数);
    - from a residue line after the closing salutation (相关报道：, 责任编辑, 【打印】【关闭】) to
      the end: related headlines and page furniture left by copying.
    Numbers there stay in the non-indicator table (reason ``page_residue``); they are never claims.
    """
    spans = []
    first = _SALUTATION.search(text, 0, _FRONT_LIMIT)
    section = _FIRST_SECTION.search(text, 0, _FRONT_LIMIT)
    if first and not (section and section.start() < first.start()):
        spans.append((0, first.start()))
    last = _last_salutation(text)
    tail_from = last if last is not None and last > len(text) // 2 else len(text) * 9 // 10
    m = _RESIDUE_LINE.search(text, tail_from)
    if m:
        spans.append((m.start(), len(text)))
    return spans


# --- what the extractor cannot read ----------------------------------------------------------------------

# common characters of Traditional Chinese that Simplified Chinese never uses (none is in GB2312)
_TRADITIONAL = frozenset(
    "來個們傳價億優創劃動務勞勢區員問嚴國園團場學實寧對導層廠廣強從應據擴數時會東條業極構標橋機歲準滬濟為營現環產當療"
    "發礎稅積穩級組結統經綠網線縣總績織義聯職與萬藥蘇處覺計設試話說證護財貴費貿資質車輕輛輸辦農這進運過遼還邊鄉醫銀銷"
    "鎮鐵長門開間關陝隊際險電項領頭題飛體魯麼點黨")
_TRADITIONAL_CHAR = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
_HAN_CHAR = re.compile("[\u4e00-\u9fff]")
_TRADITIONAL_UNIT = re.compile(r"[0-9０-９][多余]?[萬億]|[萬億][元噸人]|增長|個百分點")
#: a text whose Chinese characters include at least this share of Traditional-only ones is refused
TRADITIONAL_SHARE = 0.02


def check_supported(text: str, source: str) -> None:
    """Refuse or warn about text the extractor would read wrongly without saying so.

    The units, verbs and names it knows are Simplified Chinese: a text in Traditional Chinese (億元, 增長) is
    refused with one line (``UnsupportedTextError``); a Simplified text with a few Traditional units after
    numbers is read, with a ``ReportWarning`` naming the first (those numbers lose their unit).
    """
    traditional = len(_TRADITIONAL_CHAR.findall(text))
    han = len(_HAN_CHAR.findall(text)) if traditional >= 2 else 0  # counted only when it can matter
    if traditional >= 2 and traditional >= TRADITIONAL_SHARE * han:
        sample = "".join(sorted({ch for ch in text if ch in _TRADITIONAL}, key=text.index)[:4])
        raise UnsupportedTextError(
            f"{source}: the text is in Traditional Chinese ({traditional} of {han} Chinese characters, e.g. {sample}); "
            "only Simplified Chinese is read: convert it to Simplified Chinese first")
    m = _TRADITIONAL_UNIT.search(text) if any(ch in text for ch in "萬億長個") else None  # a fast look first
    if m:
        warnings.warn(f"{source}: Traditional Chinese {m.group(0).lstrip('0123456789０１２３４５６７８９')!r} at offset "
                      f"{m.start()} is not read (the number before it has no unit or metric); only Simplified "
                      "Chinese is read", ReportWarning, stacklevel=3)
