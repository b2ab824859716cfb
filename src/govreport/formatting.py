"""Numbers back to text, the way reports write them: the inverse of ``numerals`` and ``quantities``.

    >>> format_quantity(117940000000, "元")
    '1179.4亿元'
    >>> format_number(22364, separators=True)
    '22,364'
    >>> format_chinese(3500)
    '三千五百'
    >>> parse_quantity("1179.4亿元")
    (117940000000.0, '元')

Every function here round-trips: parsing the text it writes (``numerals.parse_arabic``,
``numerals.chinese_to_int``, :func:`parse_quantity`) gives the value back exactly, for values
with at most 15 significant digits (what a float holds). Arithmetic on magnitudes is done in
decimal, so 1179.4亿 is 117940000000, not 117940000000.00002.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from govreport import lexicon
from govreport.text.numerals import chinese_to_int, parse_arabic, tokens

#: magnitude words a quantity may be written with, largest first, and their factors
MAGNITUDE_WORDS = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
#: units that never take a magnitude word (1.5万% is not how anyone writes)
_NO_MAGNITUDE = {"%", "‰", "百分点", "个百分点", ":1", "倍", "位"}
_WIDE = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
_CN_DIGITS = "零一二三四五六七八九"
# every magnitude word a report may write (千万, 百亿 ...), as exact integers, longest first
_ALL_MAGNITUDES = {word: int(factor) for word, factor in lexicon.table("magnitudes").items()}
_MAGNITUDE_RE = lexicon.alternation("magnitudes")
_UNIT_RE = lexicon.alternation("units.counted", "units.base")
_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]*[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")


def _decimal(value: float | int | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return Decimal(repr(float(value)))


def _plain(d: Decimal) -> str:
    """A decimal without exponent and without trailing zeros after the point."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_number(value: float | int | Decimal, decimals: int | None = None, *, separators: bool = False,
                  fullwidth: bool = False) -> str:
    """An Arabic number: shortest exact form, or exactly ``decimals`` digits after the point
    (rounded half up, as statistical reports round).

    ``separators`` groups thousands with commas (22,364); ``fullwidth`` writes full-width digits
    and punctuation (２２，３６４．５), as some converted documents do.
    """
    d = _decimal(value)
    if decimals is None:
        text = _plain(d)
    else:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        text = format(d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
        if text.startswith("-") and not text.strip("-0."):
            text = text[1:]  # no -0.0
    if separators:
        sign = "-" if text.startswith("-") else ""
        whole, _, frac = text.lstrip("-").partition(".")
        whole = f"{int(whole):,}"
        text = sign + whole + ("." + frac if frac else "")
    if fullwidth:
        text = text.translate(_WIDE)
    return text


def choose_magnitude(base_value: float | int | Decimal, base_unit: str = "") -> str:
    """The magnitude word a report would use: 万亿 from 10^12, 亿 from 10^8, 万 from 10^5; none
    below (37820元 stays 37820元), none for %, 百分点, 倍, ratios and ranks, and none when the
    scaled number would need more than four decimals (then the next smaller word is tried)."""
    if base_unit in _NO_MAGNITUDE:
        return ""
    d = abs(_decimal(base_value))
    for word, factor in MAGNITUDE_WORDS.items():
        threshold = factor if factor > 10**4 else 10**5
        if d >= threshold:
            scaled = (d / factor).normalize()
            if -scaled.as_tuple().exponent <= 4:
                return word
    return ""


def format_quantity(base_value: float | int | Decimal, base_unit: str = "", *, magnitude: str | None = None,
                    decimals: int | None = None, separators: bool = False, fullwidth: bool = False) -> str:
    """A quantity in base units written as a report would: 117940000000 元 -> ``1179.4亿元``.

    ``magnitude`` forces a magnitude word ("" for none); by default :func:`choose_magnitude` picks
    one. ``base_unit`` "百分点" is written 个百分点, ":1" as a ratio (2.5:1).
    """
    if magnitude is None:
        magnitude = choose_magnitude(base_value, base_unit)
    if magnitude and magnitude not in MAGNITUDE_WORDS:
        raise ValueError(f"unknown magnitude word {magnitude!r}; use one of {list(MAGNITUDE_WORDS)}")
    d = _decimal(base_value)
    if magnitude:
        d = d / MAGNITUDE_WORDS[magnitude]
    number = format_number(d, decimals, separators=separators, fullwidth=fullwidth)
    unit = "个百分点" if base_unit == "百分点" else base_unit
    return f"{number}{magnitude}{unit}"


def parse_quantity(text: str) -> tuple[float, str]:
    """``1179.4亿元`` -> (117940000000.0, "元"): a number, an optional magnitude word and a unit.

    The number may be Arabic (with separators, full-width) or a Chinese numeral; a leading minus
    sign is kept. Raises ValueError when ``text`` is not one quantity.
    """
    s = text.strip()
    sign = 1
    if s[:1] in ("-", "−", "－"):
        sign, s = -1, s[1:]
    cn = _CN_NUMERAL.match(s)
    toks = tokens(s)
    if toks and toks[0].start == 0 and toks[0].script == "arabic":
        value = _decimal(parse_arabic(toks[0].text)[0])
        rest = s[toks[0].end:]
    elif cn:
        value, rest = Decimal(chinese_to_int(cn.group(0))), s[cn.end():]  # 一万五千: 万 inside the numeral
    else:
        raise ValueError(f"not a quantity: {text!r}")
    mm = _MAGNITUDE_RE.match(rest)
    mu = _UNIT_RE.match(rest)
    if mm and not (mu and len(mu.group(0)) >= len(mm.group(0)) and mu.group(0).startswith(mm.group(0))):
        value *= _ALL_MAGNITUDES[mm.group(0)]  # 5千万元; but 5千米 is kilometres, 5百分点 points
        rest = rest[mm.end():]
    unit = {"个百分点": "百分点", "％": "%", "：1": ":1", "∶1": ":1"}.get(rest, rest)
    if unit != ":1" and re.search(r"[0-9０-９]", unit):
        raise ValueError(f"not one quantity: {text!r}")
    return float(sign * value), unit


def format_chinese(n: int) -> str:
    """A whole number as a Chinese numeral: 105 -> 一百零五, 12 -> 十二, 20500 -> 二万零五百
    (二 throughout, not 两), 0 -> 零. Below 10^16."""
    if n < 0:
        raise ValueError("negative numbers have no Chinese numeral here")
    if n >= 10**16:
        raise ValueError("too large for a Chinese numeral with 万亿")
    if n == 0:
        return "零"
    out = _groups(n)
    return out[1:] if out.startswith("一十") else out


def _groups(n: int) -> str:
    """Chinese numeral of 0 < n < 10^16, built from 亿 and 万 groups."""
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        return _groups(high) + "亿" + (_with_zero(low, 10**7) if low else "")
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        return _four(high) + "万" + (_with_zero(low, 10**3) if low else "")
    return _four(n)


def _with_zero(low: int, lead: int) -> str:
    """The lower part after 亿/万, with 零 when its leading place is empty (一万零五百, 一亿零三万)."""
    return ("零" if low < lead else "") + _groups(low)


def _four(n: int) -> str:
    """0 < n < 10^4: 三千零五, 一千零五十, 一百一十二."""
    out = []
    zero = False
    for place, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, place)
        if digit:
            if zero and out:
                out.append("零")
            out.append(_CN_DIGITS[digit] + word)
            zero = False
        else:
            zero = True
    return "".join(out)
