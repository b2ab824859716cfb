"""The panel: headline cells per report, each year's targets against the next year's results, comparisons.

* :func:`headline_rows` -- one row per report x canonical key x kind x period x metric. The statement standing
  for a cell is chosen by :class:`govreport.derivation.statements.Statements`, the rule the single-report
  measures use (scope's own kind of section first, then text order), for every key of the glossary as loaded.
  A target the report explicitly does not set (没有提出…具体目标, 不再设定…目标; patterns in
  ``data/absences.csv``, found by :func:`find_absences`) is a row with status ``no_target`` and no value.
* :func:`targets_vs_results` -- for every region with reports of consecutive years, each target of year N
  (report N) next to the result for year N (report N+1), with a verdict from ``data/verdicts.toml``.
* :func:`comparison` -- each cell across regions and levels, with the national value beside it.
"""

from __future__ import annotations

import bisect
import csv
import math
import re
import tomllib
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import pandas as pd

from govreport import schema
from govreport.derivation import glossary
from govreport.derivation.precision import interval_for, unit_of_last_digit
from govreport.derivation.statements import (RATE_FAMILIES, RATE_METRICS, Statement, Statements, records,
                                              reference_years)

KINDS = ("actual", "target")
SCOPE = {"actual": "actual", "target": "target"}
NOT_HEADLINE_METRICS = frozenset({"rank"})


def _s(x) -> str | None:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    return str(x)


# -- explicit absences ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def absence_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(key, metric, compiled pattern) from ``data/absences.csv``; ``*`` rows apply to every glossary key."""
    text = resources.files("govreport").joinpath("data/absences.csv").read_text(encoding="utf-8")
    entries = glossary.by_key()
    out = []
    for row in csv.DictReader(text.splitlines()):
        keys = list(entries) if row["key"] == "*" else [row["key"]]
        extra = [n for n in row["names"].split("|") if n]
        for key in keys:
            if key not in entries:
                raise ValueError(f"absences.csv: {key!r} is not a glossary key")
            names = extra if extra else list(entries[key].names)
            alternation = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
            out.append((key, row["metric"], re.compile(row["pattern"].replace("{names}", alternation))))
    return tuple(out)


_ABSENCE_START = re.compile(r"(?:没有|未|不再|不)(?:提出|设定|设置|确定|规定|制定)")


def find_absences(text: str, sentences) -> list[dict]:
    """Explicit absences of a target in ``text``: key, metric, start, end and the sentence, in text order.

    ``sentences`` are the report's sentences (objects with ``start`` and ``end``). Rows for one key stand
    before the ``*`` rows in the file, so the more specific reading wins. The first pattern that
    matches at a place wins; one place gives one absence.
    """
    starts = [s.start for s in sentences]
    out = []
    for m in _ABSENCE_START.finditer(text):
        for key, metric, pattern in absence_patterns():
            hit = pattern.match(text, m.start())
            if hit:
                i = bisect.bisect_right(starts, hit.start()) - 1
                s = sentences[i] if i >= 0 and hit.start() < sentences[i].end else None
                out.append({"key": key, "metric": metric, "start": hit.start(), "end": hit.end(),
                            "sentence": text[s.start:s.end] if s else text[hit.start():hit.end()]})
                break
    return out


# -- outcomes stated in words ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def outcome_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``data/stated-outcomes.csv``: (pattern, what it says: not_met, below, above), tried in order."""
    text = resources.files("govreport").joinpath("data/stated-outcomes.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(text.splitlines()):
        if row["says"] not in ("not_met", "below", "above"):
            raise ValueError(f"stated-outcomes.csv: {row['says']!r} is not not_met, below or above")
        out.append((re.compile(row["pattern"]), row["says"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _key_names() -> re.Pattern[str]:
    """Every glossary name, longest first: which key a clause speaks of."""
    names = sorted(glossary._alias_index(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names if len(n) >= 2))


def find_outcomes(text: str, sentences) -> list[dict]:
    """Outcomes a report states in words for a key (进出口预期增长目标未能实现; 低于13%左右的预期目标): key, what
    it says (not_met, below, above), start, end and the sentence. The key is the glossary name nearest before
    the words in the same sentence."""
    starts = [s.start for s in sentences]
    out, seen = [], set()
    index = glossary._alias_index()
    for pattern, says in outcome_patterns():
        for m in pattern.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.start() >= sentences[i].end:
                continue
            s = sentences[i]
            lo = max(s.start, max(text.rfind(c, s.start, m.start()) for c in "，,") + 1)
            names = list(_key_names().finditer(glossary.normalise(text[lo:m.start()])))
            if not names:
                names = list(_key_names().finditer(glossary.normalise(text[s.start:m.start()])))
            if not names:
                continue
            key = index[names[-1].group(0)]
            if (key, s.start) in seen:
                continue
            seen.add((key, s.start))
            out.append({"key": key, "says": says, "start": m.start(), "end": m.end(), "words": m.group(0),
                        "sentence": text[s.start:s.end]})
    out.sort(key=lambda o: o["start"])
    return out


# -- headlines ------------------------------------------------------------------------------------------


def headline_metrics(entry: glossary.Entry, present: set[str]) -> list[str]:
    """The metrics of a key's cells: the glossary's, then any other stated for the key (never rank).

    For a rate (unit family percent or ratio) share, ratio and level are the rate's own value and give
    one cell, ``level``.
    """
    metrics = [*entry.metrics, *sorted(m for m in present if m not in entry.metrics)]
    out: list[str] = []
    for m in metrics:
        if m in NOT_HEADLINE_METRICS:
            continue
        if entry.unit_family in RATE_FAMILIES and m in RATE_METRICS:
            m = "level"
        if m not in out:
            out.append(m)
    return out


def headline_rows(linked: pd.DataFrame, absences: list[dict], report: str, region, level, year) -> list[dict]:
    """Rows of the headlines table for one report (schema.HEADLINES), in glossary, kind and metric order."""
    if year is not None:
        ya, yt = str(int(year) - 1), str(int(year))
    else:
        ya, yt = reference_years(linked)  # the years read from the data, as a single report's derivation does
    # only rows with a key can stand for a cell: the selection runs on them alone (the same choice, faster)
    stmts = Statements(linked[linked["key"].notna()], ya, yt)
    years = {"actual": ya, "target": yt}
    metrics_of: dict[str, set[str]] = defaultdict(set)
    for key, metric in zip(linked["key"], linked["metric"]):
        if _s(key) is not None and _s(metric) is not None:
            metrics_of[str(key)].add(str(metric))
    absent = defaultdict(list)
    for a in absences:
        absent[a["key"]].append(a)
    rows = []
    for entry in glossary.entries():
        stated = entry.key in metrics_of
        if not stated and entry.key not in absent:
            continue
        present = set(metrics_of.get(entry.key, ()))
        present |= {a["metric"] for a in absent.get(entry.key, [])}
        base = {"report": report, "region": region, "level": level, "report_year": year,
                "key": entry.key, "label_en": entry.label_en or None}
        for kind in KINDS:
            for metric in headline_metrics(entry, present):
                if stated and years[kind] is not None:
                    choice = stmts.choose(entry.key, metric, SCOPE[kind], unit="any")  # the unit as stated (万个 jobs, 亿美元 trade)
                else:
                    choice = None
                if choice is not None and choice.chosen is not None:
                    rows.append({**base, "kind": kind, "period": years[kind], "metric": metric,
                                 "status": "stated", **_statement_columns(choice.chosen),
                                 "others": "; ".join(f"{s.describe()} at {s.start}" for s in choice.others) or None})
                elif kind == "target":
                    hit = next((a for a in absent.get(entry.key, []) if a["metric"] == metric), None)
                    if hit is not None:
                        rows.append({**base, "kind": kind, "period": years[kind], "metric": metric,
                                     "status": "no_target", **_absence_columns(hit), "others": None})
    return rows


def _statement_columns(st: Statement) -> dict:
    iv = st.written_interval
    return {
        "value": st.value, "value_high": float(st.row.get("value_high", math.nan)), "qualifier": st.qualifier,
        "unit": st.unit or None, "base_value": st.base_value, "base_unit": st.base_unit or None,
        "low": iv.low, "high": iv.high, "indicator": st.indicator, "token": st.token, "sentence": st.sentence,
        "start": st.start, "end": st.end,
    }


def _absence_columns(a: dict) -> dict:
    nan = math.nan
    return {"value": nan, "value_high": nan, "qualifier": None, "unit": None, "base_value": nan, "base_unit": None,
            "low": nan, "high": nan, "indicator": None, "token": None, "sentence": a["sentence"],
            "start": a["start"], "end": a["end"]}


# -- verdict rules --------------------------------------------------------------------------------------

RULES = {
    "actual >= target": lambda a, t, th, b: a >= t,
    "actual <= target": lambda a, t, th, b: a <= t,
    "target <= actual <= target_high": lambda a, t, th, b: t <= a <= th,
    "actual >= target - band": lambda a, t, th, b: a >= t - b,
    "actual <= target + band": lambda a, t, th, b: a <= t + b,
    "target - band <= actual <= target + band": lambda a, t, th, b: t - b <= a <= t + b,
}
#: float noise tolerance for the comparisons (7.0 - 0.5 written as 6.5)
EPS = 1e-9


@lru_cache(maxsize=1)
def verdict_rules() -> dict:
    """``data/verdicts.toml``, checked: every rule is one of :data:`RULES`."""
    data = tomllib.loads(resources.files("govreport").joinpath("data/verdicts.toml").read_text(encoding="utf-8"))
    for r in data["rules"]:
        if r["rule"] not in RULES:
            raise ValueError(f"verdicts.toml: unknown rule {r['rule']!r}; rules are {', '.join(RULES)}")
    return data


def verdict(target: float, target_high: float, qualifier: str, unit: str, token: str | None, better: str | None,
            actual: float) -> tuple[str, str, str]:
    """(verdict, rule, reason) for a target and a result in the same unit; see ``data/verdicts.toml``."""
    data = verdict_rules()
    meaning = data["qualifiers"].get(qualifier or "", None)
    if meaning is None:
        return "no rule", "", f"qualifier {qualifier!r} has no meaning in verdicts.toml"
    if data["decline"]["swap_at_least_at_most"] and target < 0 and meaning in ("at_least", "at_most"):
        meaning = "at_most" if meaning == "at_least" else "at_least"
    better = better or ""
    rule = next((r["rule"] for r in data["rules"] if r["meaning"] == meaning and r["better"] in ("*", better)), None)
    if rule is None:
        return "no rule", "", f"no rule for a target {meaning.replace('_', ' ')} when the glossary gives direction {better or 'none'}"
    band_cfg = data["band"]
    band = band_cfg["percent_width"] if unit in band_cfg["percent_units"] else unit_of_last_digit(token)
    th = target_high if not math.isnan(target_high) else target
    ok = _holds(rule, actual, target, th, band)
    reason = f"{actual:g} vs target {target:g}{'-' + format(th, 'g') if meaning == 'range' else ''}{unit}"
    if "band" in rule:
        reason += f", band {band:g}"
    return ("met" if ok else "not met"), rule, reason


def _holds(rule: str, a: float, t: float, th: float, b: float) -> bool:
    # compare with a tolerance for binary noise: a result equal to the bound meets it
    return any(RULES[rule](a + d, t, th, b) for d in (0.0, EPS, -EPS))


# -- targets against results ----------------------------------------------------------------------------


def targets_vs_results(headlines: pd.DataFrame, reports: pd.DataFrame,
                       outcomes: dict[str, list[dict]] | None = None) -> list[dict]:
    """Rows of schema.TARGETS_VS_RESULTS: each target of year N against the result in report N+1.

    ``outcomes``: per report, the outcomes it states in words (:func:`find_outcomes`); a target whose next
    report gives no number but says in words that it was missed (or fell below or above it) gets that verdict."""
    outcomes = outcomes or {}
    ok = reports[(reports["status"] == "ok") & reports["region"].notna() & reports["year"].notna()]
    series: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for r in ok.itertuples(index=False):
        series[(r.region, r.level)].setdefault(int(r.year), r.report)  # first report of a year wins
    # only the cells of reports in a series are looked up (the first report of a region's year; later copies never)
    in_series = {report for years in series.values() for report in years.values()}
    stated = headlines[(headlines["status"] == "stated") & headlines["report"].isin(in_series)]
    stated_rows = records(stated)  # the values to_dict("records") gives (missing None), column by column: 5x faster
    cells = {(r["report"], r["kind"], r["key"], r["metric"]): r for r in stated_rows}
    by_report = defaultdict(list)
    for r in stated_rows:
        if r["kind"] == "target":
            by_report[r["report"]].append(r)
    entries = glossary.by_key()
    rows = []
    for (region, level), years in sorted(series.items(), key=lambda kv: (kv[0][0], _s(kv[0][1]) or "")):
        for year in sorted(years):
            if year + 1 not in years:
                continue
            t_report, a_report = years[year], years[year + 1]
            done: set[tuple[str, str]] = set()
            for t in by_report.get(t_report, []):
                if t["period"] != str(year):
                    continue
                entry = entries.get(t["key"])
                metrics = pair_metrics(entry, t["metric"])
                if (t["key"], metrics[0]) in done:
                    continue
                # a rate's target stands once, in the key's default metric (CPI 涨幅 3% is growth, never also level)
                t = next(c for c in (cells.get((t_report, "target", t["key"], m)) for m in metrics)
                         if c is not None and c["period"] == str(year) and _same_rate_unit(entry, c, metrics, t))
                done.add((t["key"], metrics[0]))
                better = entry.better if entry is not None and entry.better else None
                a = next((c for c in (cells.get((a_report, "actual", t["key"], m)) for m in metrics)
                          if c is not None and _same_rate_unit(entry, c, metrics, t)), None)
                row = _pair(region, level, year, {**t, "metric": metrics[0]}, a, t_report, a_report, better)
                if a is None:
                    said = next((o for o in outcomes.get(a_report, []) if o["key"] == t["key"]), None)
                    if said is not None:
                        row.update(_stated_verdict(said, better, year))
                rows.append(row)
    order = {k: i for i, k in enumerate(entries)}
    rows.sort(key=lambda r: (r["region"], _s(r["level"]) or "", r["year"], order.get(r["key"], 1 << 30), r["metric"]))
    return rows


def _stated_verdict(said: dict, better: str | None, year: int) -> dict:
    """The verdict an outcome stated in words gives (no number): missed, or below or above the target read with
    the key's direction (below a ceiling or a lower-is-better target is met)."""
    if said["says"] == "not_met":
        verdict_ = "not met"
    elif said["says"] == "below":
        verdict_ = "met" if better in ("lower", "band") else "not met" if better in ("higher", "target") else "no rule"
    else:
        verdict_ = "met" if better == "higher" else "not met" if better in ("lower", "band", "target") else "no rule"
    return {"verdict": verdict_, "rule": f"stated in words ({said['says']})", "actual_start": said["start"],
            "actual_end": said["end"], "actual_sentence": said["sentence"],
            "reason": f"no number for the year; the report of {year + 1} says so in words: {said['words']}"}


def pair_metrics(entry: glossary.Entry | None, metric: str) -> tuple[str, ...]:
    """The metrics a target and its result are looked up in, the row's metric first.

    For a rate (unit family percent or ratio) the level and growth cells are one quantity (居民消费价格涨幅3% is
    read as either): the pair is looked up in the key's default metric first (growth for CPI and M2, level for
    unemployment and the deficit ratio), then in the other, and the row carries the default. Other keys keep their
    metric (a GDP level target in 亿元 and a growth target in % are two targets).
    """
    if entry is None or entry.unit_family not in RATE_FAMILIES or metric not in (*RATE_METRICS, "growth"):
        return (metric,)
    default = entry.default_metric
    default = "level" if default in RATE_METRICS else default
    if default not in ("level", "growth"):
        return (metric,)
    return (default, "growth" if default == "level" else "level")


def _same_rate_unit(entry, cell: dict, metrics: tuple[str, ...], target: dict) -> bool:
    """A cell found under the other metric of a rate stands for it only in the key's own unit (% for CPI, not 亿元)."""
    if cell["metric"] in (metrics[0], target["metric"]):
        return True
    return entry is not None and (cell["base_unit"] or "") in entry.base_units


def _pair(region, level, year, t: dict, a: dict | None, t_report: str, a_report: str, better) -> dict:
    nan = math.nan
    th = t["value_high"] if not _isnan(t["value_high"]) else nan
    row = {
        "region": region, "level": level, "key": t["key"], "label_en": t["label_en"], "year": year,
        "metric": t["metric"], "unit": t["unit"], "target": t["value"], "target_high": th,
        "target_qualifier": t["qualifier"] or "", "target_report": t_report, "target_start": t["start"],
        "target_end": t["end"], "target_sentence": t["sentence"], "actual": nan, "actual_qualifier": None,
        "actual_unit": None, "actual_report": a_report, "actual_start": -1, "actual_end": -1, "actual_sentence": None,
        "gap": nan, "gap_low": nan, "gap_high": nan, "better": better, "rule": None, "verdict": "no result",
        "reason": f"the report of {year + 1} ({_file_name(a_report)}) states no result for the year",
    }
    if a is None:
        return row
    row.update({"actual_qualifier": a["qualifier"] or "", "actual_unit": a["unit"], "actual_start": a["start"],
                "actual_end": a["end"], "actual_sentence": a["sentence"]})
    if (t["base_unit"] or "") != (a["base_unit"] or ""):
        row.update({"verdict": "not comparable",
                    "reason": f"target in {t['unit'] or 'no unit'}, result in {a['unit'] or 'no unit'}: different units"})
        return row
    t_scale = _scale(t)
    a_scale = _scale(a)
    factor = a_scale / t_scale
    actual = _clean(a["value"] * factor)
    iv = interval_for(a["value"], a["token"], a["qualifier"], a["value_high"], factor)
    verdict_, rule, reason = verdict(t["value"], th, t["qualifier"] or "", t["unit"] or "", t["token"], better, actual)
    row.update({"actual": actual, "gap": _clean(actual - t["value"]), "gap_low": _clean(iv.low - t["value"]),
                "gap_high": _clean(iv.high - t["value"]), "rule": rule or None, "verdict": verdict_, "reason": reason})
    if a["qualifier"] and a["qualifier"] not in ("range",):
        row["reason"] += f"; the result is written with {a['qualifier']}"
    return row


def _file_name(path: str) -> str:
    """The file name of a report path (a reason never carries the machine's folders)."""
    return re.split(r"[\\/]", str(path))[-1]


def _isnan(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _scale(cell: dict) -> float:
    v, b = cell["value"], cell["base_value"]
    if _isnan(b) or v == 0 or _isnan(v):
        return 1.0
    return b / v


def _clean(x: float) -> float:
    """Round away binary noise (6.9 - 7 is -0.1, not -0.09999999999999964)."""
    return x if math.isinf(x) or math.isnan(x) else round(x, 10)


# -- comparison -----------------------------------------------------------------------------------------


def comparison(headlines: pd.DataFrame) -> list[dict]:
    """Rows of schema.COMPARISON: every stated cell with the national value beside it and its rank."""
    stated = headlines[(headlines["status"] == "stated") & headlines["period"].notna()]
    stated_rows = records(stated)  # the values to_dict("records") gives (missing None), column by column: 5x faster
    national = {}
    for r in stated_rows:
        if r["level"] == "national":
            national.setdefault((r["period"], r["key"], r["kind"], r["metric"]), r)
    peers = defaultdict(list)
    for r in stated_rows:
        peers[(r["period"], r["key"], r["kind"], r["metric"], r["level"], r["base_unit"])].append(r)
    # each group's values sorted once: a rank is then a binary search, not a pass over the group (a corpus with many
    # reports of one level and year has groups of hundreds)
    ranked = {k: sorted(g["base_value"] for g in group if not _isnan(g["base_value"])) for k, group in peers.items()}
    key_order = {k: i for i, k in enumerate(glossary.by_key())}
    level_order = {lv: i for i, lv in enumerate(schema.LEVELS)}
    rows = []
    for r in stated_rows:
        n = national.get((r["period"], r["key"], r["kind"], r["metric"]))
        nv = math.nan
        if n is not None and (n["base_unit"] or "") == (r["base_unit"] or ""):
            nv = _clean(n["value"] * _scale(n) / _scale(r))
        cell = (r["period"], r["key"], r["kind"], r["metric"], r["level"], r["base_unit"])
        values = ranked[cell]
        rank = None if _isnan(r["base_value"]) else 1 + len(values) - bisect.bisect_right(values, r["base_value"])
        rows.append({
            "year": int(r["period"]) if str(r["period"]).isdigit() else None, "key": r["key"],
            "label_en": r["label_en"], "kind": r["kind"], "metric": r["metric"], "level": r["level"],
            "region": r["region"], "report": r["report"], "value": r["value"], "value_high": r["value_high"],
            "qualifier": r["qualifier"], "unit": r["unit"], "national_value": nv,
            "national_qualifier": n["qualifier"] if n is not None else None,
            "national_report": n["report"] if n is not None else None,
            "difference": _clean(r["value"] - nv) if not math.isnan(nv) else math.nan,
            "rank": rank, "regions": len(peers[cell]),
        })
    rows.sort(key=lambda r: (r["year"] if r["year"] is not None else 0, key_order.get(r["key"], 1 << 30), r["kind"],
                             r["metric"], level_order.get(r["level"], 99), r["region"] or "", r["report"]))
    return rows
