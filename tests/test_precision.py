import math

import pytest

from govreport.derivation.precision import Interval, decimals, interval_for, unit_of_last_digit


@pytest.mark.parametrize(
    "token, expected",
    [("2.3", 1), ("1179.4", 1), ("22364", 0), ("２.３", 1), ("1,179.4", 1), ("0.25", 2), ("三", 0), ("5%—5.5%", 1), (None, 0)],
)
def test_decimals_as_written(token, expected):
    assert decimals(token) == expected


def test_unit_of_last_digit():
    assert unit_of_last_digit("2.3") == pytest.approx(0.1)
    assert unit_of_last_digit("750") == 1


def test_plain_number_is_half_a_unit_either_side():
    iv = interval_for(2.3, "2.3")
    assert (iv.value, iv.low, iv.high) == pytest.approx((2.3, 2.25, 2.35))


def test_scale_converts_to_base_units():
    iv = interval_for(78.3, "78.3", scale=1e8)  # 亿元
    assert (iv.low, iv.high) == pytest.approx((78.25e8, 78.35e8))


@pytest.mark.parametrize(
    "qualifier, low, high",
    [
        ("以上", 17.5, math.inf),
        ("不低于", 17.5, math.inf),
        ("以内", -math.inf, 18.5),
        ("左右", 17, 19),
        ("约", 17, 19),
        ("余", 18, 19),
        ("近", 17, 18.5),
        ("", 17.5, 18.5),
    ],
)
def test_qualifiers_widen_the_interval(qualifier, low, high):
    iv = interval_for(18, "18", qualifier)
    assert (iv.low, iv.high) == (pytest.approx(low), pytest.approx(high))


def test_range_uses_value_high():
    iv = interval_for(5, "5%—5.5%", "range", 5.5)
    assert (iv.low, iv.high) == pytest.approx((4.95, 5.55))


def test_division_hand_computed_tax_share():
    tax = interval_for(44.6, "44.6", scale=1e8)
    revenue = interval_for(78.3, "78.3", scale=1e8)
    share = tax / revenue * 100
    assert share.value == pytest.approx(100 * 44.6 / 78.3)
    assert share.low == pytest.approx(100 * 44.55 / 78.35)
    assert share.high == pytest.approx(100 * 44.65 / 78.25)


def test_subtraction_and_negative_multiplication():
    a, b = Interval(1, 0.5, 1.5), Interval(3, 2, 4)
    d = a - b
    assert (d.value, d.low, d.high) == (-2, -3.5, -0.5)
    p = Interval(-1, -2, 1) * Interval(3, 2, 4)
    assert (p.low, p.high) == (-8, 4)
    assert (3 - a).low == 1.5 and (3 - a).high == 2.5
    assert (-a).low == -1.5


def test_division_by_interval_containing_zero_is_unbounded():
    q = Interval(1, 1, 1) / Interval(0.1, -0.1, 0.3)
    assert q.low == -math.inf and q.high == math.inf


def test_unbounded_interval_times_positive():
    g = interval_for(18, "18", "以上")  # at least 17.5
    level = interval_for(632.4, "632.4") * (1 + g / 100)
    assert level.low == pytest.approx(632.35 * 1.175)
    assert level.high == math.inf


def test_overlap():
    assert Interval(1, 0, 2).overlaps(Interval(2, 2, 3))
    assert not Interval(1, 0, 1.9).overlaps(Interval(2, 2, 3))


from hypothesis import given, settings
from hypothesis import strategies as st

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
widths = st.floats(min_value=0, max_value=1e3, allow_nan=False, allow_infinity=False)
fractions = st.floats(min_value=0, max_value=1)


@settings(max_examples=200, deadline=None)
@given(finite, widths, fractions, finite, widths, fractions, st.sampled_from("+-*/"))
def test_interval_arithmetic_encloses_every_point_result(a, wa, ta, b, wb, tb, op):
    x = Interval(a, a - wa, a + wa)
    y = Interval(b, b - wb, b + wb)
    px, py = x.low + ta * (x.high - x.low), y.low + tb * (y.high - y.low)
    if op == "/" and py == 0:
        return
    f = {"+": lambda u, v: u + v, "-": lambda u, v: u - v, "*": lambda u, v: u * v, "/": lambda u, v: u / v}[op]
    r = f(x, y)
    p = f(px, py)
    if not math.isfinite(p):  # overflow of the point result itself (division by a subnormal)
        return
    tol = 1e-9 * max(1.0, abs(p))
    assert r.low - tol <= p <= r.high + tol
