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
