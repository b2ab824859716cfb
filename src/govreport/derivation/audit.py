"""An audit of the report's own arithmetic: do its numbers agree with each other, within rounding?

Checks (one row each in schema.AUDIT):

``target_level_growth``
    The plan states a level and a growth for the same indicator (规上工业产值达到750亿元、增长18%以上)
    and the review states last year's level (632.4亿元): the stated level should lie within
    ``last level × (1 + growth / 100)``.
``result_level_growth``
    Wherever the report states a level and a growth for the same key in one year N and the level of
    year N-1 (results of consecutive years, in a review or a five-year review): the level of N should
    lie within ``level(N-1) × (1 + growth(N) / 100)``.  The statements are chosen as everywhere else
    (:class:`~govreport.derivation.statements.Statements`: never a start value of 从X提高到Y, a
    precise value before a rounded bound), levels in the same currency.
``stated_vs_computed``
    A measure the report states (the urban-rural income ratio, the industrial share of GDP) against
    the same measure computed from the levels it states (:mod:`govreport.derivation.measures`).
``sum_of_parts``
    A total the report states against the sum of its stated parts (GDP and the three sectors;
    trade and exports plus imports).

Tolerance comes from rounding alone: each stated number stands for the interval its last written
digit and its qualifier allow (:mod:`govreport.derivation.precision`), the expected value's interval follows by
interval arithmetic, and the verdict is ``consistent`` when the expected and stated intervals
overlap, ``inconsistent`` when they do not.  ``not_checkable`` means a needed number is not stated
(``reason`` names it) or that the comparison is not valid: growth of GDP and value added is real
(constant prices) while levels are nominal, so a level/growth check on them is shown but not judged.
"""

from __future__ import annotations

import math

import pandas as pd

from govreport.derivation import glossary, measures as measures_mod
from govreport import schema
from govreport.derivation.measures import display, provenance_rows
from govreport.derivation.precision import Interval
from govreport.derivation.statements import YEAR, Statement, Statements, _s

#: totals and their parts (levels, same year)
SUMS = (
    ("gdp", ("primary_va", "secondary_va", "tertiary_va")),
    ("trade", ("exports", "imports")),
)


def _fmt(iv: Interval, digits: int = 2) -> str:
    def f(x: float) -> str:
        if math.isinf(x):
            return "+inf" if x > 0 else "-inf"
        return f"{x:.{digits}f}"

    return f"[{f(iv.low)}, {f(iv.high)}]"


def _verdict(expected: Interval, stated: Interval) -> str:
    return "consistent" if expected.overlaps(stated) else "inconsistent"


def _row(check, key, indicator, period, description, expected, stated, unit, inputs, verdict, reason, digits=2):
    e = expected or Interval(math.nan, math.nan, math.nan)
    s = stated or Interval(math.nan, math.nan, math.nan)
    diff = s.value - e.value
    rel = diff / e.value if e.value not in (0,) and not math.isnan(e.value) else math.nan
    tol = None
    if expected is not None and stated is not None:
        tol = f"expected {_fmt(e, digits)} {unit}, stated {_fmt(s, digits)} {unit}: intervals {'overlap' if e.overlaps(s) else 'do not overlap'}"
    sentences = list(dict.fromkeys(st.sentence for _, st in inputs if st.sentence))
    return {
        "check": check,
        "key": key,
        "indicator": indicator,
        "period": period,
        "description": description,
        "expected": e.value,
        "expected_low": e.low,
        "expected_high": e.high,
        "stated": s.value,
        "stated_low": s.low,
        "stated_high": s.high,
        "unit": unit,
        "difference": diff,
        "relative_difference": rel,
        "tolerance": tol,
        "verdict": verdict,
        "reason": reason,
        "inputs": "; ".join(f"{role}={st.describe()}" for role, st in inputs) or None,
        "sentences": " | ".join(sentences) or None,
        "spans": ";".join(st.span() for _, st in inputs) or None,
    }, inputs


def _written(iv: Interval, like: Statement) -> Interval:
    k = like.scale
    return Interval(iv.value / k, iv.low / k, iv.high / k)


def _check(check, key, level, growth, base, year, base_desc, out):
    """One level × growth check: ``base × (1 + growth / 100)`` against the stated ``level``."""
    entry = glossary.by_key().get(key) if key else None
    desc = f"{level.indicator} {level.describe()} against the level of {base_desc} × (1 + {growth.describe()})"
    inputs = [("level", level), ("growth", growth)]
    if base is None:
        out.append(
            _row(check, key, level.indicator, year, desc, None, _written(level.interval, level), level.unit,
                 inputs, "not_checkable", f"no level of {level.indicator} for {base_desc}")
        )
        return
    if base.base_unit != level.base_unit:
        inputs.append(("base", base))
        out.append(
            _row(check, key, level.indicator, year, desc, None, _written(level.interval, level), level.unit,
                 inputs, "not_checkable", f"base in {base.base_unit}, level in {level.base_unit}")
        )
        return
    inputs.insert(0, ("base", base))
    expected = _written(base.interval * (1 + growth.interval / 100), level)
    stated = _written(level.interval, level)
    verdict = _verdict(expected, stated)
    implied_g = (level.interval / base.interval - 1) * 100
    reason = f"the stated levels imply growth of {implied_g.value:.2f}% {_fmt(implied_g)}"
    if entry is not None and entry.growth_basis == "real":
        verdict = "not_checkable"
        reason = "growth is real (constant prices) and levels are nominal, so they need not agree; " + reason
    out.append(_row(check, key, level.indicator, year, desc, expected, stated, level.unit, inputs, verdict, reason))


def _target_level_growth(stmts: Statements) -> list[tuple[dict, list]]:
    """Level and growth stated together as targets, against last year's level in the review."""
    out: list[tuple[dict, list]] = []
    year = stmts.years["target"]
    if year is None:
        return out
    subjects: set[tuple] = set()
    for r in stmts.rows:
        if not stmts.in_scope(r, "target") or _s(r.get("metric")) not in ("level", "growth"):
            continue
        s = Statement(r)
        subjects.add(("key", s.key) if s.key else ("name", s.indicator))
    for kind, name in sorted(subjects, key=str):
        if kind == "key":
            level = stmts.get(name, "level", "target")
            growth = stmts.get(name, "growth", "target", like=level) if level is not None else None
            base = stmts.get(name, "level", "actual", unit=level.base_unit, like=level) if level is not None else None
        else:
            level = stmts.by_name(name, "level", "target")
            growth = stmts.by_name(name, "growth", "target", like=level) if level is not None else None
            base = stmts.by_name(name, "level", "actual", like=level) if level is not None else None
        if level is None or growth is None:
            continue
        _check("target_level_growth", name if kind == "key" else None, level, growth, base, year,
               f"{stmts.years['actual']} in the review", out)
    return out


def _years_stated(stmts: Statements, key: str, metric: str) -> set[str]:
    years = set()
    for r in stmts.rows:
        if _s(r.get("key")) != key or _s(r.get("kind")) != "actual" or _s(r.get("metric")) != metric:
            continue
        period = _s(r.get("period"))
        if period is not None and YEAR.match(period):
            years.add(period)
        elif period is None and _s(r.get("section_role")) == "review" and stmts.years["actual"]:
            years.add(stmts.years["actual"])
    return years


def _result_level_growth(stmts: Statements) -> list[tuple[dict, list]]:
    """Results of consecutive years: level(N-1) × (1 + growth(N)) against level(N), for every key and
    every year N where the three are stated."""
    out: list[tuple[dict, list]] = []
    keys = sorted({k for k in (_s(r.get("key")) for r in stmts.rows) if k})
    for key in keys:
        levels = _years_stated(stmts, key, "level")
        growths = _years_stated(stmts, key, "growth")
        for year in sorted(levels & growths):
            prev = str(int(year) - 1)
            if prev not in levels:
                continue
            for unit in _units(stmts, key):
                level = stmts.get(key, "level", "actual", year=year, unit=unit)
                if level is None:
                    continue
                growth = stmts.get(key, "growth", "actual", year=year, like=level)
                base = stmts.get(key, "level", "actual", year=prev, unit=level.base_unit, like=level)
                if growth is None or base is None:
                    continue
                _check("result_level_growth", key, level, growth, base, year, prev, out)
    return out


def _units(stmts: Statements, key: str) -> tuple[str | None, ...]:
    """The base units a key's levels are checked in: each currency on its own (元, 美元)."""
    entry = glossary.by_key().get(key)
    if entry is None or entry.unit_family in ("percent", "ratio") or len(entry.base_units) < 2:
        return (None,)
    return entry.base_units


def _stated_vs_computed(stmts: Statements, scope: str) -> list[tuple[dict, list]]:
    out = []
    for m in measures_mod.definitions():
        if m.applies_to != "report":
            continue
        stated_routes = [r for r in m.routes if r.status == "stated"]
        other_routes = [r for r in m.routes if r.status in ("computed",)]
        if not stated_routes or not other_routes:
            continue
        found, missing, _ = measures_mod._route_inputs(stmts, stated_routes[0], scope)
        if missing:
            continue
        stated_iv = stated_routes[0].formula.evaluate({r: s.interval for r, s in found.items()})
        stated_inputs = [("stated", found[r]) for r in stated_routes[0].formula.refs]
        unit = stated_routes[0].unit
        digits = 3 if unit == ":1" else 2
        for route in other_routes:
            f2, miss2, _ = measures_mod._route_inputs(stmts, route, scope)
            desc = f"{m.label_en}: stated against {route.formula.text}"
            if miss2:
                if len(miss2) == len(route.formula.refs) and scope == "target":
                    continue
                out.append(
                    _row("stated_vs_computed", m.key, stated_inputs[0][1].indicator, stmts.years[scope], desc, None,
                         stated_iv, unit, stated_inputs + [(r.label, f2[r]) for r in route.formula.refs if r in f2],
                         "not_checkable", f"not stated: {', '.join(miss2)}", digits)
                )
                continue
            expected = route.formula.evaluate({r: s.interval for r, s in f2.items()})
            inputs = stated_inputs + [(r.label, f2[r]) for r in route.formula.refs]
            shown, _ = display(expected, unit)
            out.append(
                _row("stated_vs_computed", m.key, stated_inputs[0][1].indicator, stmts.years[scope], desc, expected,
                     stated_iv, unit, inputs, _verdict(expected, stated_iv), f"computed {shown}", digits)
            )
    return out


def _sums(stmts: Statements, scope: str) -> list[tuple[dict, list]]:
    out = []
    for total_key, parts in SUMS:
        total = stmts.get(total_key, "level", scope)
        if total is None:
            continue
        found = {p: stmts.get(p, "level", scope) for p in parts}
        have = [p for p in parts if found[p] is not None]
        if len(have) < len(parts) - 1:
            continue
        desc = f"{total.indicator} against the sum of {', '.join(parts)}"
        inputs = [("total", total)] + [(p, found[p]) for p in have]
        stated = _written(total.interval, total)
        missing = [p for p in parts if found[p] is None]
        if missing:
            out.append(_row("sum_of_parts", total_key, total.indicator, stmts.years[scope], desc, None, stated,
                            total.unit, inputs, "not_checkable", f"not stated: {', '.join(missing)}"))
            continue
        s = Interval.exact(0.0)
        for p in parts:
            s = s + found[p].interval
        expected = _written(s, total)
        out.append(_row("sum_of_parts", total_key, total.indicator, stmts.years[scope], desc, expected, stated,
                        total.unit, inputs, _verdict(expected, stated), "sum of the stated parts"))
    return out


def compute(stmts: Statements) -> tuple[pd.DataFrame, list[dict]]:
    """The audit table (schema.AUDIT) and its provenance rows."""
    results = []
    results += _target_level_growth(stmts)
    results += _result_level_growth(stmts)
    for scope in ("actual", "target"):
        results += _stated_vs_computed(stmts, scope)
        results += _sums(stmts, scope)
    rows, prov = [], []
    for i, (row, inputs) in enumerate(results):
        rows.append({"check_id": i, **row})
        prov.extend(provenance_rows("audit", i, inputs))
    return schema.frame(schema.AUDIT, rows), prov


def audit(linked: pd.DataFrame, actual_year: str | None = None, target_year: str | None = None) -> pd.DataFrame:
    """The audit table for linked indicator rows (see :func:`govreport.derivation.glossary.link`)."""
    return compute(Statements(linked, actual_year, target_year))[0]
