"""An audit of the report's own arithmetic: do its numbers agree with each other, within rounding?

Checks (one row each in schema.AUDIT):

``target_level_growth``
    The plan states a level and a growth for the same indicator (规上工业产值达到750亿元、增长18%以上)
    and the review states last year's level (632.4亿元): the stated level should lie within
    ``last level × (1 + growth / 100)``.
``result_level_growth``
    The review states a level and a growth for the results year and the report also states the
    level of the year before.
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
from govreport.derivation.statements import Statement, Statements, _s

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


def _level_growth(stmts: Statements, scope: str) -> list[tuple[dict, list]]:
    """Level and growth stated together for the same indicator, against the previous level."""
    out = []
    year = stmts.years[scope]
    if year is None:
        return out
    prev_year = str(int(year) - 1)
    # indicators with a level and a growth in scope: by key, else by indicator name
    subjects: dict[tuple, dict[str, Statement]] = {}
    for r in stmts.rows:
        if not stmts.in_scope(r, scope) or _s(r.get("metric")) not in ("level", "growth"):
            continue
        s = Statement(r)
        ident = ("key", s.key) if s.key else ("name", s.indicator)
        subjects.setdefault(ident, {})
    for ident in sorted(subjects, key=str):
        kind, name = ident
        if kind == "key":
            level = stmts.get(name, "level", scope)
            growth = stmts.get(name, "growth", scope)
        else:
            level = stmts.by_name(name, "level", scope)
            growth = stmts.by_name(name, "growth", scope)
        if level is None or growth is None:
            continue
        if scope == "target":
            base = stmts.get(name, "level", "actual") if kind == "key" else stmts.by_name(name, "level", "actual")
            check = "target_level_growth"
            base_desc = f"the {stmts.years['actual']} level in the review"
        else:
            base = stmts.get(name, "level", "actual", year=prev_year) if kind == "key" else None
            check = "result_level_growth"
            base_desc = f"the {prev_year} level"
            if base is None:
                continue  # results rarely state the previous level; nothing to list
        key = name if kind == "key" else None
        entry = glossary.by_key().get(key) if key else None
        desc = f"{level.indicator} {level.describe()} against {base_desc} × (1 + {growth.describe()})"
        inputs = [("level", level), ("growth", growth)]
        if base is None:
            out.append(
                _row(check, key, level.indicator, year, desc, None, _written(level.interval, level), level.unit,
                     inputs, "not_checkable", f"no level of {level.indicator} for {stmts.years['actual']} in the review")
            )
            continue
        if base.base_unit != level.base_unit:
            inputs.append(("base", base))
            out.append(
                _row(check, key, level.indicator, year, desc, None, _written(level.interval, level), level.unit,
                     inputs, "not_checkable", f"base in {base.base_unit}, level in {level.base_unit}")
            )
            continue
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
    return out


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
    results += _level_growth(stmts, "target")
    results += _level_growth(stmts, "actual")
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
