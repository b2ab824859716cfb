"""Targets against results: each target of the plan next to the same indicator's result last year.

One row per target statement of the plan year (schema.TARGETS).  Pairing rule:

* the result is the statement :class:`~govreport.derivation.statements.Statements` chooses for the target's
  canonical key and metric in the results year (review section first, then text order), like with
  like: of the same aspect and scope when the table has those columns (新增经营主体 is never paired
  with 经营主体突破15万户), and for a level in the target's currency (美元 with 美元);
* a target whose indicator links to no key is paired with a result of *the same indicator name*
  and metric (first in text order, review sections first);
* otherwise the row stays, with no result (``pairing`` = ``unpaired``).

For a growth target the table also gives last year's level and the level the target implies,
``level × (1 + growth / 100)``; for GDP and value added the growth is real (constant prices) while
the level is nominal, so the implied level is in last year's prices -- the ``caveat`` says so.  For a
level target it gives the growth the target implies over last year's level; for a change in
percentage points (研发投入强度提高0.3个百分点) the level it implies, last year's level plus the change.

``change`` is target minus result (percentage points for growth and shares).  ``ambition`` is
``raised`` or ``lowered`` when the rounding intervals of target and result do not overlap, else
``similar``; a qualifier such as 以上 is read as the floor the plan sets, so "增长18%以上" against a
result of 23.6% is ``lowered``.  When the two intervals only touch, a floor (以上) above last year's value is
``raised`` and a ceiling (以内) below it ``lowered``: "提高0.3个百分点以上" after a rise of 0.2 points asks for at
least as much as the most last year's 0.2 can have been, so it is no longer the same aim.  The
``target_low``/``target_high`` columns do carry the qualifier (以上 has no upper end).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from govreport.derivation import glossary
from govreport import schema
from govreport.derivation.measures import provenance_rows
from govreport.derivation.precision import AT_LEAST, AT_MOST, Interval, interval_for
from govreport.derivation.statements import Statement, Statements, _f, _s

TARGET_METRICS = ("growth", "level", "share", "ratio", "change_pp")
CLAUSE_BREAK = re.compile(r"[。；;，,：:]")


def aspiration(s: Statement) -> bool:
    """Whether the clause introducing the number contains 力争 (strive for)."""
    sentence = s.sentence
    offset = s.start - s.sentence_start if s.sentence_start >= 0 else sentence.find(s.token)
    if offset < 0:
        offset = len(sentence)
    before = sentence[:offset]
    parts = CLAUSE_BREAK.split(before)
    return "力争" in (parts[-1] if parts else "")


#: float noise tolerance when two intervals only touch (0.25 written as 0.3 - 0.05)
TOUCH = 1e-9


def _ambition(d: Interval, qualifier: object) -> str:
    """raised / lowered when target and result intervals do not overlap; when they only touch, a floor above the
    result is raised and a ceiling below it lowered; else similar."""
    if d.low > TOUCH:
        return "raised"
    if d.high < -TOUCH:
        return "lowered"
    q = _s(qualifier) or ""
    if q in AT_LEAST and d.low >= -TOUCH and d.value > 0:
        return "raised"
    if q in AT_MOST and d.high <= TOUCH and d.value < 0:
        return "lowered"
    return "similar"


def _rounding_interval(s: Statement) -> Interval:
    """The target as written, qualifier ignored except for ranges (the floor of 以上 and so on)."""
    if s.exact:
        return Interval.exact(s.value)
    q = "range" if s.qualifier == "range" else ""
    return interval_for(s.value, s.token, q, _f(s.row.get("value_high")), 1.0)


def _in_unit(result: Statement, target: Statement, entry: glossary.Entry | None = None) -> Interval | None:
    """The result's interval in the target's written unit, or None if the base units differ and
    the glossary converts neither into the other (亿斤 and 万吨 of grain do convert)."""
    iv = result.interval
    if result.base_unit != target.base_unit:
        conv = entry.convert(1.0, target.base_unit) if entry is not None else None
        if conv is None or conv[1] != result.base_unit or conv[0] == 0:
            return None
        iv = Interval(iv.value / conv[0], iv.low / conv[0], iv.high / conv[0])  # in the target's base unit
    k = target.scale
    return Interval(iv.value / k, iv.low / k, iv.high / k)


def _result_unit(entry: glossary.Entry | None, t: Statement) -> str | None:
    """The base unit a level result must have to be compared with level target ``t``."""
    if entry is None or t.metric != "level" or not entry.base_units:
        return None
    conv = entry.convert(t.base_value, t.base_unit)
    return conv[1] if conv is not None else None


def compute(stmts: Statements) -> tuple[pd.DataFrame, list[dict]]:
    """The targets table (schema.TARGETS) and its provenance rows."""
    rows, prov = [], []
    targets = [
        Statement(r)
        for r in stmts.rows
        if stmts.in_scope(r, "target") and _s(r.get("metric")) in TARGET_METRICS
    ]
    targets.sort(key=lambda s: s.start)
    for tid, t in enumerate(targets):
        key = t.key
        entry = glossary.by_key().get(key) if key else None
        metric = t.metric
        result, pairing = None, "unpaired"
        if key:
            result = stmts.get(key, metric, "actual", unit=_result_unit(entry, t), like=t)
            pairing = "key" if result is not None else "unpaired"
        if result is None:
            result = stmts.by_name(t.indicator, metric, "actual", like=t)
            if result is not None:
                pairing = "indicator_name"
        t_iv = t.written_interval
        t_round = _rounding_interval(t)
        res_iv = _in_unit(result, t, entry) if result is not None else None
        if result is not None and res_iv is None:
            pairing += f" (result in {result.base_unit}, target in {t.base_unit}: not compared)"
        change = change_lo = change_hi = math.nan
        ambition = None
        if res_iv is not None:
            d = t_round - res_iv
            change, change_lo, change_hi = d.value, d.low, d.high
            ambition = _ambition(d, t.qualifier)
        base = implied = implied_g = None
        base_unit = None
        inputs = [("target", t)]
        if result is not None:
            inputs.append(("result", result))
        if metric == "growth":
            base = stmts.get(key, "level", "actual", like=t) if key else stmts.by_name(t.indicator, "level", "actual", like=t)
            if base is not None:
                growth = t.interval  # % (scale 1), qualifier-aware
                implied = base.interval * (1 + growth / 100)
                base_unit = base.unit
                inputs.append(("base", base))
        elif metric == "change_pp":
            # 研发投入强度提高0.3个百分点: the level it implies is last year's level plus the change
            entry_ = glossary.by_key().get(key) if key else None
            base = None
            if entry_ is not None and entry_.unit_family == "percent":
                base = stmts.get(key, entry_.default_metric, "actual")
            if base is not None:
                implied = base.interval + t.interval
                base_unit = base.unit
                inputs.append(("base", base))
        elif metric == "level" and result is not None and res_iv is not None:
            implied_g = (t.interval / result.interval - 1) * 100
        caveats = []
        basis = entry.growth_basis if entry else None
        if metric == "growth" and basis == "real" and implied is not None:
            caveats.append(
                "growth is real (constant prices) while levels are nominal: the implied level is in last year's prices"
            )
        if t.qualifier in ("以上", "超", "突破", "不低于"):
            caveats.append(f"{t.qualifier}: the target is a floor")
        elif t.qualifier in ("左右", "约"):
            caveats.append(f"{t.qualifier}: the target is approximate")
        elif t.qualifier == "以内":
            caveats.append("以内: the target is a ceiling")
        asp = aspiration(t)
        if asp:
            caveats.append("力争: a stretch goal rather than a commitment")
        if entry is not None and entry.better == "lower":
            caveats.append("lower is better for this indicator")
        elif entry is not None and entry.better == "band":
            caveats.append("neither higher nor lower is better: the target is a ceiling to stay under")
        elif entry is not None and entry.better == "target":
            caveats.append("neither higher nor lower is better: the figure is steered to the target")
        scale_b = base.scale if base is not None else 1.0
        rows.append(
            {
                "target_id": tid,
                "key": key,
                "indicator": t.indicator,
                "label_en": entry.label_en if entry else None,
                "metric": metric,
                "unit": t.unit,
                "result_period": result.period if result is not None else None,
                "result": res_iv.value if res_iv is not None else math.nan,
                "result_low": res_iv.low if res_iv is not None else math.nan,
                "result_high": res_iv.high if res_iv is not None else math.nan,
                "target_period": t.period or stmts.years["target"],
                "target": t.value,
                "target_low": t_iv.low,
                "target_high": t_iv.high,
                "qualifier": t.qualifier or None,
                "aspiration": asp,
                "change": change,
                "change_low": change_lo,
                "change_high": change_hi,
                "ambition": ambition,
                "base_level": base.value if base is not None else math.nan,
                "base_level_unit": base_unit,
                "implied_level": implied.value / scale_b if implied is not None else math.nan,
                "implied_level_low": implied.low / scale_b if implied is not None else math.nan,
                "implied_level_high": implied.high / scale_b if implied is not None else math.nan,
                "implied_growth": implied_g.value if implied_g is not None else math.nan,
                "implied_growth_low": implied_g.low if implied_g is not None else math.nan,
                "implied_growth_high": implied_g.high if implied_g is not None else math.nan,
                "growth_basis": basis or None,
                "caveat": "; ".join(caveats) or None,
                "pairing": pairing,
                "target_sentence": t.sentence,
                "target_start": t.start,
                "result_sentence": result.sentence if result is not None else None,
                "result_start": result.start if result is not None else -1,
            }
        )
        prov.extend(provenance_rows("targets", tid, inputs))
    return schema.frame(schema.TARGETS, rows), prov


def targets(linked: pd.DataFrame, actual_year: str | None = None, target_year: str | None = None) -> pd.DataFrame:
    """The targets table for linked indicator rows (see :func:`govreport.derivation.glossary.link`)."""
    return compute(Statements(linked, actual_year, target_year))[0]


def _n(x: float) -> str:
    """A number without trailing zeros: 7.0 -> 7, 0.10000000000000009 -> 0.1."""
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def summary(targets_table: pd.DataFrame) -> pd.DataFrame:
    """The targets table as text a reader can scan (schema.TARGET_SUMMARY), one row per target.

    ``result`` and ``target`` carry their units, ``change`` is in percentage points for growth and
    shares, ``qualifier`` puts 力争 next to the number's own qualifier, ``implied`` gives the level a
    growth target implies (or the growth a level target implies).
    """
    rows = []
    for _, t in targets_table.iterrows():
        unit = t["unit"] if isinstance(t["unit"], str) else ""
        q = t["qualifier"] if isinstance(t["qualifier"], str) else ""
        target = f"{_n(t['target'])}{unit}"
        if q == "range" and math.isfinite(t["target_high"]):
            target = f"{_n(t['target'])}{unit}—{_n(t['target_high'])}{unit}"
        elif q in ("突破", "超", "近", "约", "不低于"):
            target = f"{q}{target}"
        elif q:
            target = f"{target}{q}"
        result = None if math.isnan(t["result"]) else f"{_n(t['result'])}{unit}"
        change = None
        if not math.isnan(t["change"]):
            change_unit = "个百分点" if unit == "%" else unit
            change = f"{'+' if t['change'] > 0 else ''}{_n(t['change'])}{change_unit}"
        implied = None
        if not math.isnan(t["implied_level"]):
            high = "" if math.isfinite(t["implied_level_high"]) else " or more"
            implied = f"{_n(round(t['implied_level'], 2))}{t['base_level_unit'] or ''}{high}"
        elif not math.isnan(t["implied_growth"]):
            implied = f"growth {_n(round(t['implied_growth'], 2))}%"
        quals = " ".join(x for x in (("力争" if t["aspiration"] else ""), q if q != "range" else "") if x)
        rows.append(
            {
                "indicator": t["indicator"],
                "label_en": t["label_en"],
                "metric": t["metric"],
                "result": result,
                "target": target,
                "change": change,
                "ambition": t["ambition"],
                "qualifier": quals or None,
                "implied": implied,
                "caveat": t["caveat"],
                "target_id": t["target_id"],
            }
        )
    return schema.frame(schema.TARGET_SUMMARY, rows)
