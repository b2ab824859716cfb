"""Headline cells: the value a report gives for each headline indicator, and a score against hand labels.

A *headline cell* is report × key × kind × period × metric (tests/data/labels/HEADLINES-SPEC.md): the
results of the year a report reviews (``actual``, report year − 1) and the targets of the report year
(``target``), for every key the glossary flags as ``headline``.  :func:`cells` picks the statement of
each cell exactly as the derived measures do (:class:`~govreport.derivation.statements.Statements`:
the period of the cell, review or plan section first, a precise value before a rounded bound, never a
start value of 从X提高到Y, never a span), with one difference: a level keeps its currency (trade in
美元 is a cell of its own value, not left out for not being in 元).

:func:`score` compares cells with labels: a labelled cell is ``right`` when the table gives a value
equal to the label's within 1e-9 (relative) after magnitude words and unit conversions (838.6亿斤 and
4193万吨 are compared in 吨) with the same qualifier (and upper end for a range), ``wrong`` when it gives
another value or qualifier, ``missing`` when it gives none; a label of status ``no_target`` (an explicit
absence) is ``right`` when the table gives no number and ``wrong`` when it does.  A cell the table
gives for a headline key in a labelled kind and period that the labels do not have is ``extra``.
"""

from __future__ import annotations

import math

import pandas as pd

from govreport.derivation import glossary
from govreport.derivation.statements import RATE_FAMILIES, Statements, _s
from govreport.formatting import parse_quantity

#: metrics a headline cell may have (HEADLINES-SPEC.md)
CELL_METRICS = ("level", "growth", "change_pp")
CELL_KEY = ["key", "kind", "period", "metric"]
CELL_COLUMNS = CELL_KEY + ["value", "value_high", "qualifier", "unit", "base_value", "base_unit",
                           "start", "end", "indicator", "sentence"]
OUTCOMES = ("right", "wrong", "missing", "extra")
TOLERANCE = 1e-9
#: labels write the qualifier 余 for 多 and so on; extraction does the same (quantities.py)
_QUALIFIER_SAME = {"多": "余", "超过": "超", "不少于": "不低于"}


def _f(x: object) -> float:
    """A number from a frame cell or a label file's text: NaN for empty, None or NA."""
    if x is None or x is pd.NA:
        return math.nan
    if isinstance(x, str):
        x = x.strip()
        if not x:
            return math.nan
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _metrics(entry: glossary.Entry) -> tuple[str, ...]:
    """The cell metrics of a key: a rate's value is its level; the others as the glossary lists them."""
    out = []
    metrics = entry.metrics
    if entry.unit_family in RATE_FAMILIES and "growth" not in metrics:
        metrics = (*metrics, "change_pp")  # 城镇化率提高0.9个百分点
    for m in metrics:
        if entry.unit_family in RATE_FAMILIES and m in ("share", "ratio"):
            m = "level"
        if m in CELL_METRICS and m not in out:
            out.append(m)
    return tuple(out)


def cells(stmts: Statements, keys: tuple[str, ...] | None = None, kinds: tuple[str, ...] = ("actual", "target")) -> pd.DataFrame:
    """One row per headline cell the report states (CELL_COLUMNS), for the Statements' years."""
    rows = []
    for key in keys or glossary.headline_keys():
        entry = glossary.by_key()[key]
        for kind in kinds:
            period = stmts.years[kind]
            if period is None:
                continue
            for metric in _metrics(entry):
                s = stmts.get(key, metric, kind, unit="any")
                if s is None:
                    continue
                rows.append({
                    "key": key, "kind": kind, "period": period, "metric": metric,
                    "value": s.value, "value_high": _f(s.row.get("value_high")), "qualifier": s.qualifier,
                    "unit": s.unit, "base_value": s.base_value, "base_unit": s.base_unit,
                    "start": s.start, "end": s.end, "indicator": s.indicator, "sentence": s.sentence,
                })
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def _in_base(value: float, unit: str, key: str) -> tuple[float, str]:
    """A labelled value in base units: 5.3万亿元 -> 5.3e12 元; 838.6亿斤 -> 4.193e7 吨 (glossary conversions)."""
    if math.isnan(value):
        return value, unit
    unit = unit or ""
    if unit in ("%", "个百分点", "百分点", ""):
        return value, {"个百分点": "百分点"}.get(unit, unit)
    try:
        # the value's sign and digits are kept exactly; only the magnitude word is applied
        base, base_unit = parse_quantity(f"{abs(value):.15g}{unit}")
        base = math.copysign(base, value)
    except ValueError:
        return value, unit
    entry = glossary.by_key().get(key)
    conv = entry.convert(base, base_unit) if entry is not None else None
    return conv if conv is not None else (base, base_unit)


def _close(a: float, b: float) -> bool:
    if math.isnan(a) and math.isnan(b):
        return True
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def _qualifier(q: object) -> str:
    q = _s(q) or ""
    return _QUALIFIER_SAME.get(q, q)


def same_value(label: dict, cell: dict) -> bool:
    """Whether a produced cell has the labelled value (after magnitude words), upper end and qualifier."""
    key = str(label["key"])
    lv, lu = _in_base(_f(label.get("value")), _s(label.get("unit")) or "", key)
    cv, cu = _f(cell.get("base_value")), _s(cell.get("base_unit")) or ""
    if math.isnan(cv):
        cv, cu = _in_base(_f(cell.get("value")), _s(cell.get("unit")) or "", key)
    unit_ok = lu == cu or lu in ("%", "") and cu in ("%", "")
    if not unit_ok or not _close(lv, cv):
        return False
    lh, ch = _f(label.get("value_high")), _f(cell.get("value_high"))
    if not math.isnan(lh) or not math.isnan(ch):
        scale = cv / _f(cell.get("value")) if _f(cell.get("value")) not in (0.0,) and not math.isnan(_f(cell.get("value"))) else 1.0
        lh_base, _ = _in_base(lh, _s(label.get("unit")) or "", key)
        if not _close(lh_base, ch * scale):
            return False
    return _qualifier(label.get("qualifier")) == _qualifier(cell.get("qualifier"))


def score(produced: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Labelled and produced cells side by side, one row per cell with its ``outcome``.

    ``produced``: CELL_COLUMNS (from :func:`cells`); ``labels``: the columns of a headline label file
    (key, kind, period, metric, value, value_high, qualifier, unit, start, end, status).  Extra cells
    are counted only for the kinds and periods the labels cover.
    """
    labels = labels.copy()
    for c in ("key", "kind", "period", "metric"):
        labels[c] = labels[c].astype(str)
    prod = {tuple(str(r[c]) for c in CELL_KEY): r for r in produced.to_dict("records")}
    out, seen = [], set()
    for lab in labels.to_dict("records"):
        ident = tuple(str(lab[c]) for c in CELL_KEY)
        if ident in seen:
            continue  # a cell labelled twice counts once
        seen.add(ident)
        cell = prod.get(ident)
        status = _s(lab.get("status")) or "stated"
        if status == "no_target":
            outcome = "right" if cell is None else "wrong"
        elif cell is None:
            outcome = "missing"
        else:
            outcome = "right" if same_value(lab, cell) else "wrong"
        out.append(_pair(ident, lab, cell, outcome))
    covered = {(str(k), str(p)) for k, p in zip(labels["kind"], labels["period"])}
    for ident, cell in prod.items():
        if ident in seen or (ident[1], ident[2]) not in covered:
            continue
        out.append(_pair(ident, None, cell, "extra"))
    cols = CELL_KEY + ["outcome", "label_value", "label_value_high", "label_qualifier", "label_unit", "label_start",
                       "value", "value_high", "qualifier", "unit", "start", "indicator", "sentence"]
    return pd.DataFrame(out, columns=cols)


def _pair(ident: tuple, lab: dict | None, cell: dict | None, outcome: str) -> dict:
    lab, cell = lab or {}, cell or {}
    start = _f(lab.get("start")) if lab else math.nan
    return {
        **dict(zip(CELL_KEY, ident)),
        "outcome": outcome,
        "label_value": _f(lab.get("value")),
        "label_value_high": _f(lab.get("value_high")),
        "label_qualifier": _s(lab.get("qualifier")) or "",
        "label_unit": _s(lab.get("unit")) or "",
        "label_start": -1 if math.isnan(start) else int(start),
        "value": _f(cell.get("value")),
        "value_high": _f(cell.get("value_high")),
        "qualifier": _s(cell.get("qualifier")) or "",
        "unit": _s(cell.get("unit")) or "",
        "start": int(cell["start"]) if cell.get("start") is not None else -1,
        "indicator": _s(cell.get("indicator")) or "",
        "sentence": _s(cell.get("sentence")) or "",
    }


def summary(scored: pd.DataFrame) -> dict[str, int]:
    """Counts: labelled, right, wrong, missing, extra."""
    counts = scored["outcome"].value_counts()
    out = {"labelled": int(scored["outcome"].isin(("right", "wrong", "missing")).sum())}
    out.update({o: int(counts.get(o, 0)) for o in OUTCOMES})
    return out


def label_years(labels: pd.DataFrame, report_year: int | None = None) -> tuple[str | None, str | None]:
    """(results year, plan year) of a label file: from the report year when known (year − 1, year),
    else from the labelled periods."""
    if report_year:
        return str(report_year - 1), str(report_year)
    years = {}
    for kind in ("actual", "target"):
        p = labels.loc[labels["kind"].astype(str) == kind, "period"].astype(str)
        years[kind] = p.mode().iloc[0] if len(p) else None
    a, t = years["actual"], years["target"]
    if a is None and t is not None:
        a = str(int(t) - 1)
    if t is None and a is not None:
        t = str(int(a) + 1)
    return a, t
