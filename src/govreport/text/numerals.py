"""Number tokens: every number written in the text, with its span and numeric value.

A token is one of
- Arabic digits, ASCII or full-width (``１２３``), with an optional decimal point
  (``.`` or ``．``), thousands separators (``22,364``, ``1 179.4``, ``２２，３６４``), and a line break
  right after a decimal point left by copying (``1179.\\n4``); invisible characters (zero-width
  space, soft hyphen) inside the number are part of the token and ignored in its value;
- a Chinese numeral that states a quantity: after ``百分之`` (百分之五), or one that uses a
  place value (两万, 三千多, 一百二十). Bare small numerals (三峡, 一二三产业, 一年来, 两个)
  are words, not tokens.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from dataclasses import dataclass

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

# invisible characters web copies leave inside numbers: zero-width space/joiners, word joiner,
# a stray byte-order mark, soft hyphen
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_Z = f"[{INVISIBLE}]*"
_INVISIBLE_RUN = re.compile(f"[{INVISIBLE}]+")


def visible(text: str | None) -> str | None:
    """``text`` without the invisible characters above (a hard wrap masked as U+200B, web-copy residue)."""
    if not text or text.isprintable():
        return text  # every invisible character is unprintable (a format character): none here
    return _INVISIBLE_RUN.sub("", text)
# spaces used between digit groups: space, no-break space, thin, narrow no-break, figure and ideographic space
THOUSANDS_SPACES = " \u00a0\u2009\u202f\u2007\u3000"
#: one of these between a number and its unit (``22364 元``, ``1180.0\u00a0亿元``) still joins them; the
#: quantity reader (extraction.quantities.read) skips one of them before looking for the unit
UNIT_GAP = " \u00a0\u2009\u202f\u2007" + INVISIBLE
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
# scientific notation: 1.1794e3, 1.2E+3, 6.324×10², 6.324×10^2 (a plain ×100 is a product, not an exponent)
_EXPONENT = (r"(?:[eE][+-]?[0-9]{1,3}(?![0-9A-Za-z])"
             r"|[ ]?[×xX*][ ]?10(?:(?:\^|\*\*)[+-]?[0-9]{1,3}(?![0-9])|[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))")
_EXPONENT_AT_END = re.compile(_EXPONENT + r"\Z")
_ARABIC = re.compile(
    # the first digit, then "not after a digit" (a leading character class lets the regex engine skip ahead fast)
    r"[0-9０-９](?<![0-9０-９][0-9０-９])"
    rf"(?:{_Z}[0-9０-９])*"
    rf"(?:(?:,|[{THOUSANDS_SPACES}](?=[0-9]{{3}}(?![0-9])))[0-9]{{3}}(?![0-9])"  # thousands separators
    r"|(?<=[０-９])，[０-９]{3}(?![0-9０-９]))*"  # full-width ones between full-width digits (２２，３６４)
    rf"(?:{_Z}[.．]{_Z}(?:[ \t]*\n[ \t]*)?[0-9０-９](?:{_Z}[0-9０-９])*)?"  # decimals; a line break after the point
    rf"{_EXPONENT}?"
)
_CN_NUM_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CN_PERCENT = re.compile(rf"百分之([{_CN_NUM_CHARS}点]+)")
# a run of numeral characters; it counts when it holds a digit word (written [x][x]* rather than [x]+: a pattern
# opening with one character class lets the engine skip ahead to the next candidate fast)
_CN_RUN = re.compile(rf"[{_CN_NUM_CHARS}][{_CN_NUM_CHARS}]*")
_CN_DIGIT_WORDS = frozenset("一二两三四五六七八九十")
# a rank written in Chinese numerals follows one of these (世界第三, 全国第一, 位列全国前三, 排名第八)
_RANK_BEFORE = re.compile(r"(?:世界|全球|全国|全省|全市|全区|中部|西部|东部|东北|位列|位居|排名|排|居|名列|保持|稳居|跃居|进入)$")
_BARE_HUNDREDS = frozenset({"百万", "千万", "百亿", "千亿"})
_BARE_BEFORE = re.compile(r"(?:突破|超过|超|达到|达|逾|近|跨越|迈上|稳定在|保持在)$")
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_PLACE_VALUE = re.compile("[百千]|[一二两三四五六七八九]十")
# first characters of measure words and units that follow a counted Chinese numeral
_MEASURE_CHARS = set("个家人名项条所座元吨亩户次倍天年岁台辆套件张间栋公平米千立斤株头只艘架场批笔")


# Made once per number: a plain dataclass (hashable by value, like a frozen one) because a frozen dataclass's
# constructor costs four times as much, setting each field through object.__setattr__. Nothing changes one.
@dataclass(unsafe_hash=True)
class NumberToken:
    start: int
    end: int
    text: str  # text[start:end], exactly as written
    value: float
    decimals: int  # digits after the decimal point as written (precision)
    script: str  # "arabic" or "chinese"
    percent_word: bool = False  # written as 百分之...


_NOT_DIGITS = re.compile(rf"[\s,{INVISIBLE}]")


def has_exponent(token: str) -> bool:
    """True for a token written in scientific notation (``1.1794e3``, ``6.324×10²``)."""
    return _EXPONENT_AT_END.search(token) is not None


def parse_arabic(token: str) -> tuple[float, int]:
    """Value and precision of an Arabic token as written (separators, full width, breaks, an exponent).

    The precision is the number of decimals of the value: the digits written after the point, less the
    exponent of a scientific notation (``1.1794e3`` -> 1179.4, 1; ``1.2e5`` -> 120000, -4).
    """
    if token.isascii() and token.replace(".", "", 1).isdigit():  # plain digits (most tokens): the value as written
        return float(token), len(token) - token.index(".") - 1 if "." in token else 0
    exponent = 0
    m = _EXPONENT_AT_END.search(token)
    if m:
        written = m.group(0)
        digits = re.search(r"[eE]([+-]?[0-9]+)|10(?:\^|\*\*)([+-]?[0-9]+)|10([⁺⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", written)
        exponent = int(next(g for g in digits.groups() if g).translate(_SUPERSCRIPT))
        token = token[:m.start()]
    clean = _NOT_DIGITS.sub("", token.translate(_FULLWIDTH))
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    if exponent:
        return float(Decimal(clean).scaleb(exponent)), decimals - exponent
    return float(clean), decimals


def chinese_to_int(s: str) -> int:
    """Value of a Chinese numeral such as 三千五百, 两万, 十二, 一百零五, 二〇二三 (digit by digit)."""
    if s and all(ch in _CN_DIGIT for ch in s) and len(s) > 1:
        return int("".join(str(_CN_DIGIT[ch]) for ch in s))  # 二〇二三 style
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total = (total + section) * _CN_BIG[ch] if ch == "亿" else total + section * _CN_BIG[ch]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + section + (digit or 0)


def chinese_to_float(s: str) -> tuple[float, int]:
    """Chinese numeral with an optional 点 (decimal point): 五点五 -> 5.5."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        digits = "".join(str(_CN_DIGIT[ch]) for ch in frac)
        return float(f"{chinese_to_int(whole) if whole else 0}.{digits}"), len(digits)
    return float(chinese_to_int(s)), 0


def _chinese_tokens(text: str):
    taken: list[tuple[int, int]] = []
    for m in _CN_PERCENT.finditer(text):
        try:
            value, decimals = chinese_to_float(m.group(1))
        except (ValueError, KeyError):
            continue
        taken.append((m.start(1), m.end(1)))
        yield NumberToken(m.start(1), m.end(1), m.group(1), value, decimals, "chinese", True)
    for m in _CN_RUN.finditer(text):
        s = m.group(0)
        if _CN_DIGIT_WORDS.isdisjoint(s):
            if (s in _BARE_HUNDREDS and text[m.end():m.end() + 1] in _MEASURE_CHARS
                    and _BARE_BEFORE.search(text, max(0, m.start() - 4), m.start())):
                # 突破百万吨, 超千亿元: a bare 百/千 before a magnitude and a unit is a round amount
                yield NumberToken(m.start(), m.start() + 1, s[0], float(_CN_UNIT[s[0]]), 0, "chinese")
            continue
        start = m.start()
        # the magnitude words 万/亿 at the end are units (两万 is 2 with unit 万), like after Arabic digits
        core = s.rstrip("万亿")
        if not core:
            continue
        end = start + len(core)
        ranked = start > 0 and text[start - 1] in "第前" and _RANK_BEFORE.search(text, max(0, start - 8), start - 1)
        if ranked and len(core) <= 2:
            try:
                value = float(chinese_to_int(core))
            except ValueError:
                continue
            yield NumberToken(start, end, core, value, 0, "chinese")  # 世界第三, 全国第一, 位列全国前三: a rank
            continue
        rest = text[end:end + 4].lstrip("万亿多余")
        if not rest or rest[0] not in _MEASURE_CHARS:
            continue  # 二十大, 十一条 in a name: a word, not a stated quantity
        has_big = len(core) != len(s)  # 两万, 三亿: the magnitude word makes it a quantity
        if not has_big and not _PLACE_VALUE.search(core):
            continue  # no place value: a word (三峡, 一二三产业, 十四五), not a count
        if core in ("十", "百", "千") or (start > 0 and text[start - 1] == "第"):
            continue  # 第一百 is an ordinal word
        if any(a <= start < b for a, b in taken):
            continue
        try:
            value = float(chinese_to_int(core))
        except ValueError:
            continue
        yield NumberToken(start, end, core, value, 0, "chinese")


def tokens(text: str) -> list[NumberToken]:
    """All number tokens in text order (a new list; the work is cached for the last few texts)."""
    return list(_tokens(text))


@lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[NumberToken, ...]:
    out = []
    for m in _ARABIC.finditer(text):
        value, decimals = parse_arabic(m.group(0))
        out.append(NumberToken(m.start(), m.end(), m.group(0), value, decimals, "arabic"))
    if "\n" in text:
        out = _join_across_breaks(text, out, soft_breaks(text))
    out.extend(_chinese_tokens(text))
    out.sort(key=lambda t: t.start)
    return tuple(out)


_INNER_BREAK = re.compile(r"[\s,，]")
_SENTENCE_END_CHARS = set("。！？!?：:；;”’」』")
_MIN_WRAP_WIDTH = 30  # display columns; a hard wrap narrower than this is not assumed
# a line that starts a heading or a list item follows a hard break, never a wrap
_ITEM_START = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,3}[.、．](?!\d)"
                         r"|[-•·●■◆▲★]|第[一二三四五六七八九十\d]+[章节部分条])")


def _display_width(line: str) -> int:
    """Columns a line takes: 2 for a Chinese character, 1 for ASCII (from the UTF-8 length, fast)."""
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2


@lru_cache(maxsize=4)
def soft_breaks(text: str) -> frozenset[int]:
    """Offsets of the line breaks a fixed-width wrap put inside paragraphs (text converted from a
    PDF or a terminal copy: every full line is about the same width and does not end a sentence).

    Empty unless the text looks hard-wrapped: at least 20 lines, and 40% of the non-blank lines
    between 80% of the most common width (at least 30 columns) and two columns more. Such a break is not a
    paragraph or sentence end (see :func:`mask_breaks`), and a number cut by it (``11\\n79.4``)
    is one token.
    """
    if text.count("\n") < 20:
        return frozenset()
    lines = text.split("\n")
    widths = [_display_width(line) for line in map(str.rstrip, lines)]
    counts: dict[int, int] = {}
    for w in widths:
        if w:
            counts[w] = counts.get(w, 0) + 1
    if not counts:
        return frozenset()
    width = max(counts, key=lambda w: (counts[w], w))
    low = width * 4 // 5  # digits and Latin letters are narrower, a wrap may break before punctuation
    full = sum(c for w, c in counts.items() if low <= w <= width + 2)
    if width < _MIN_WRAP_WIDTH or full < 20 or full < 0.4 * sum(counts.values()):
        return frozenset()
    out = []
    pos = 0
    for line, w, following in zip(lines[:-1], widths, lines[1:]):
        end = pos + len(line)
        if (low <= w <= width + 2 and line.rstrip()[-1:] not in _SENTENCE_END_CHARS and following.strip()
                and not _ITEM_START.match(following)):
            out.append(end)
        pos = end + 1
    return frozenset(out)


_YEAR_WORD = re.compile(r"(?:19|20)[0-9]{2}\s*年")


def _cut_in_prose(text: str, prev: NumberToken, tok: NumberToken) -> bool:
    """A line break inside a number in running text (``实现地区生产总值117`` + newline + ``9.4亿元``): the
    number follows a Chinese character, the next line goes on after it, and it is not a list item, a
    heading or a year. A line of a report never ends with the digits of a number in mid-sentence."""
    if prev.start == 0 or not "\u4e00" <= text[prev.start - 1] <= "\u9fff":
        return False
    line_start = text.rfind("\n", 0, tok.start) + 1
    if _ITEM_START.match(text, line_start) or _YEAR_WORD.match(text, tok.start):
        return False
    return tok.end < len(text) and text[tok.end] not in "\n\t "


def _join_across_breaks(text: str, toks: list[NumberToken], soft: frozenset[int]) -> list[NumberToken]:
    """Arabic tokens cut by a line break as one token: a soft break of a hard-wrapped text (``11`` + ``79.4``,
    ``1179`` + ``.4``), or a break in the middle of a sentence of ordinary text (:func:`_cut_in_prose`)."""
    out: list[NumberToken] = []
    for tok in toks:
        prev = out[-1] if out else None
        if (prev is not None and tok.start - prev.end <= 2 and text[prev.end:tok.start] in ("\n", "\n.", "\n．")
                and "." not in prev.text and "．" not in prev.text and not has_exponent(prev.text)
                and (prev.end in soft or _cut_in_prose(text, prev, tok))):
            joined = text[prev.start:tok.end]
            value, decimals = parse_arabic(joined)
            out[-1] = NumberToken(prev.start, tok.end, joined, value, decimals, "arabic")
            continue
        out.append(tok)
    return out


def mask_breaks(text: str, toks: list[NumberToken] | None = None) -> str:
    """``text`` with the white space and separators inside number tokens replaced by ``0``, and
    the soft line breaks of a hard-wrapped text (:func:`soft_breaks`) by a zero-width space.

    Same length, so every offset still holds. Sentence, clause and paragraph splitting run
    on the masked text, so that a damaged number such as ``1179.\\n4`` or ``1,179.4`` is
    never cut in two by a line break or a comma it contains.
    """
    if toks is None:
        toks = tokens(text)
    inner = [t for t in toks if _INNER_BREAK.search(t.text)]
    soft = soft_breaks(text)
    if not inner and not soft:
        return text
    chars = list(text)
    for pos in soft:
        chars[pos] = "\u200b"  # a wrap inside a paragraph: no break (invisible, like a zero-width space)
    for t in inner:
        for i, ch in enumerate(t.text):
            if _INNER_BREAK.match(ch):
                chars[t.start + i] = "0"
    return "".join(chars)
