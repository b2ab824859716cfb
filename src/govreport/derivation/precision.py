"""Rounding intervals: what a number as written can stand for, and arithmetic on such intervals.

A report that writes ``2.3`` means a value somewhere in ``[2.25, 2.35)``: the precision is the last
written digit and the interval is half a unit of that digit either side.  Qualifiers widen the interval:

=============================  ============================================  ==============================
qualifier                      meaning                                       interval for ``x`` (unit ``u``)
=============================  ============================================  ==============================
(none)                         rounded to the last written digit             ``[x - u/2, x + u/2)``
以上, 超, 突破, 不低于           at least                                      ``[x - u/2, +inf)``
以内                            at most                                       ``(-inf, x + u/2)``
余                              a little more than                            ``[x, x + u)``
近                              a little less than                            ``[x - u, x + u/2)``
左右, 约                        about                                         ``[x - u, x + u]``
range (5%—5.5%)                 between                                       ``[x - u/2, high + u_high/2)``
=============================  ============================================  ==============================

Intervals are treated as closed for arithmetic (the half-open upper end does not change any
verdict at the precision reports write).  Arithmetic follows the usual interval rules; a division
by an interval that contains zero gives ``(-inf, +inf)``.  When a variable appears more than once in a
formula the result is wider than necessary (the dependency problem of interval arithmetic), never
narrower: the interval is always a safe bound.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from govreport.text.numerals import has_exponent, parse_arabic

INF = math.inf

AT_LEAST = frozenset({"以上", "超", "突破", "不低于"})
AT_MOST = frozenset({"以内"})
ABOUT = frozenset({"左右", "约"})


@dataclass(frozen=True)
class Interval:
    """A value with the closed interval ``[low, high]`` it may stand for."""

    value: float
    low: float
    high: float

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(float(value), float(value), float(value))

    # -- arithmetic -----------------------------------------------------------------------
    def __add__(self, other: object) -> Interval:
        o = _coerce(other)
        return Interval(self.value + o.value, self.low + o.low, self.high + o.high)

    __radd__ = __add__

    def __sub__(self, other: object) -> Interval:
        o = _coerce(other)
        return Interval(self.value - o.value, _sub(self.low, o.high), _sub(self.high, o.low))

    def __rsub__(self, other: object) -> Interval:
        return _coerce(other) - self

    def __mul__(self, other: object) -> Interval:
        o = _coerce(other)
        products = [_mul(a, b) for a in (self.low, self.high) for b in (o.low, o.high)]
        return Interval(self.value * o.value, min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Interval:
        o = _coerce(other)
        if o.low <= 0 <= o.high:
            value = self.value / o.value if o.value != 0 else math.nan
            return Interval(value, -INF, INF)
        return self * Interval(1 / o.value, 1 / o.high, 1 / o.low)

    def __rtruediv__(self, other: object) -> Interval:
        return _coerce(other) / self

    def __neg__(self) -> Interval:
        return Interval(-self.value, -self.high, -self.low)

    def __pos__(self) -> Interval:
        return self

    # -- comparison -----------------------------------------------------------------------
    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def contains(self, x: float) -> bool:
        return self.low <= x <= self.high

    @property
    def width(self) -> float:
        return self.high - self.low

    def scaled(self, factor: float) -> Interval:
        return self * factor

    def __str__(self) -> str:
        return f"{self.value:g} in [{self.low:g}, {self.high:g}]"


def _coerce(x: object) -> Interval:
    if isinstance(x, Interval):
        return x
    if isinstance(x, (int, float)):
        return Interval.exact(float(x))
    raise TypeError(f"not a number: {x!r}")


def _sub(a: float, b: float) -> float:
    # inf - inf cannot occur with well-formed intervals, but keep the bound safe if it does
    r = a - b
    return r if not math.isnan(r) else (-INF if a < 0 or b > 0 else INF)


def _mul(a: float, b: float) -> float:
    # 0 × inf is 0 for interval bounds (the bound comes from a finite product)
    if a == 0 or b == 0:
        return 0.0
    return a * b


def decimals(token: str | None) -> int:
    """Number of digits written after the decimal point (0 for integers and Chinese numerals).

    >>> decimals("1179.4"), decimals("２.３"), decimals("1,200"), decimals("三"), decimals("5%—5.5%")
    (1, 1, 0, 0, 1)
    """
    if token is None or (isinstance(token, float) and math.isnan(token)):
        return 0
    if has_exponent(str(token)):  # 1.1794e3 is 1179.4: one decimal; 1.2e5 is written to the ten thousand
        return parse_arabic(str(token))[1]
    text = unicodedata.normalize("NFKC", str(token)).replace("。", ".").replace("．", ".")
    best = 0
    # for a range token take the finest precision written
    current = None
    for ch in text:
        if ch == ".":
            current = 0
        elif ch.isdigit() and ch.isascii():
            if current is not None:
                current += 1
                best = max(best, current)
        else:
            current = None
    return best


def unit_of_last_digit(token: str | None) -> float:
    """Size of one unit of the last written digit: ``"2.3"`` -> 0.1, ``"750"`` -> 1."""
    return 10.0 ** (-decimals(token))


def interval_for(
    value: float,
    token: str | None = None,
    qualifier: str | None = None,
    value_high: float | None = None,
    scale: float = 1.0,
) -> Interval:
    """The interval a stated number stands for, in the units of ``value × scale``.

    ``scale`` converts the written number to base units (``base_value / value``; 1e8 for 亿元).
    """
    u = unit_of_last_digit(token)
    h = u / 2
    q = "" if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)) else str(qualifier)
    v = float(value)
    if q == "range" and value_high is not None and not math.isnan(value_high):
        lo, hi = v - h, float(value_high) + h
    elif q in AT_LEAST:
        lo, hi = v - h, INF
    elif q in AT_MOST:
        lo, hi = -INF, v + h
    elif q == "余":
        lo, hi = v, v + u
    elif q == "近":
        lo, hi = v - u, v + h
    elif q in ABOUT:
        lo, hi = v - u, v + u
    else:
        lo, hi = v - h, v + h
    return Interval(v * scale, _scale(lo, scale), _scale(hi, scale)) if scale >= 0 else Interval(
        v * scale, _scale(hi, scale), _scale(lo, scale)
    )


def _scale(x: float, s: float) -> float:
    if math.isinf(x):
        return x if s > 0 else -x
    return x * s
