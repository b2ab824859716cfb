"""Derived measures: ratios and shares computed from what a report states, defined as data.

Each measure is defined in ``govreport/data/measures.csv`` by one or more *routes*, tried in order:

``measure``      key of the measure (several rows = several routes)
``route``        order in which the routes are tried
``status``       what a value from this route is: stated, computed, implied or approximation
``formula``      arithmetic over canonical keys (see below)
``unit``         %, :1, 元, or ``@var`` for "the base unit of input var"
``label_en``, ``label_zh``, ``explanation``   on the first route of a measure
``unless``       keys that must *not* be stated for the route to apply (|-separated): the implied
                 urban income is only worth computing when the report does not state it
``assumption``   the assumption an approximation rests on, written out
``applies_to``   ``report`` (formula over canonical keys, one row per report and scope) or
                 ``indicator`` (formula over the metrics of one indicator stated in one sentence:
                 ``100 * level / share`` -- one row per such indicator; rates with their own
                 glossary entry, such as the unemployment or urbanization rate, are not shares
                 of a whole and are left out)

Formulas are parsed with :mod:`ast` and only numbers, ``+ - * /``, unary minus, parentheses and
names are accepted; a name is a canonical key (its default metric: the level of ``gdp``, the value
of ``urbanization_rate``) or ``key.metric`` (``gdp.growth``).  Nothing is ever ``eval``-ed.

The first route whose inputs are all stated gives the measure's value; the others that also work
are reported in the note (and compared by the audit).  When no route works the row says
``not_available`` and ``missing`` names the absent inputs -- never an exception, never a made-up
number.  Every value carries the interval that follows from the rounding of its inputs
(:mod:`govreport.derivation.precision`).

Rows for the results year (scope ``actual``) are always listed, one per measure; rows for the plan
year (scope ``target``) only where they can be computed.
"""

from __future__ import annotations

import ast
import csv
import io
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from govreport.derivation import glossary
from govreport import schema
from govreport.derivation.precision import Interval
from govreport.derivation.statements import Statement, Statements, _s

STATUSES = ("stated", "computed", "implied", "approximation", "not_available")
METRIC_NAMES = frozenset(schema.METRICS)


class FormulaError(ValueError):
    """A formula in measures.csv uses something other than numbers, + - * /, and names."""


@dataclass(frozen=True)
class Ref:
    """A name in a formula: a canonical key (or, per indicator, nothing) and a metric."""

    key: str | None
    metric: str | None

    @property
    def label(self) -> str:
        if self.key is None:
            return self.metric or ""
        return self.key if self.metric is None else f"{self.key}.{self.metric}"


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.Expression
    refs: tuple[Ref, ...]

    def evaluate(self, env: dict[Ref, Interval]) -> Interval:
        return _eval(self.tree.body, env)


def parse(text: str, per_indicator: bool = False) -> Formula:
    """Parse and check a formula; raise FormulaError for anything but arithmetic over names."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as err:
        raise FormulaError(f"not a formula: {text!r}") from err
    refs: list[Ref] = []

    def ref_of(node: ast.AST) -> Ref:
        if isinstance(node, ast.Name):
            name = node.id
            if per_indicator:
                if name not in METRIC_NAMES:
                    raise FormulaError(f"{text!r}: {name!r} is not a metric")
                return Ref(None, name)
            if name not in glossary.by_key():
                raise FormulaError(f"{text!r}: {name!r} is not a glossary key")
            return Ref(name, None)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and not per_indicator:
            if node.value.id not in glossary.by_key():
                raise FormulaError(f"{text!r}: {node.value.id!r} is not a glossary key")
            if node.attr not in METRIC_NAMES:
                raise FormulaError(f"{text!r}: {node.attr!r} is not a metric")
            return Ref(node.value.id, node.attr)
        raise FormulaError(f"{text!r}: {ast.dump(node)} is not allowed")

    def check(node: ast.AST) -> None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            check(node.left)
            check(node.right)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            check(node.operand)
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            pass
        elif isinstance(node, (ast.Name, ast.Attribute)):
            r = ref_of(node)
            if r not in refs:
                refs.append(r)
        else:
            raise FormulaError(f"{text!r}: {type(node).__name__} is not allowed")

    check(tree.body)
    return Formula(text.strip(), tree, tuple(refs))


def _ref_node(node: ast.AST) -> Ref:
    if isinstance(node, ast.Name):
        return Ref(node.id, None) if node.id in glossary.by_key() else Ref(None, node.id)
    assert isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
    return Ref(node.value.id, node.attr)


def _eval(node: ast.AST, env: dict[Ref, Interval]) -> Interval:
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env), _eval(node.right, env)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        return a / b
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.Constant):
        return Interval.exact(float(node.value))
    return env[_ref_node(node)]


@dataclass(frozen=True)
class Route:
    measure: str
    order: int
    status: str
    formula: Formula
    unit: str
    unless: tuple[str, ...]
    assumption: str
    applies_to: str


@dataclass(frozen=True)
class Measure:
    key: str
    label_en: str
    label_zh: str
    explanation: str
    applies_to: str
    routes: tuple[Route, ...]


@lru_cache(maxsize=1)
def definitions() -> tuple[Measure, ...]:
    """The measures as defined in the package data file (formulas parsed and checked)."""
    text = resources.files("govreport").joinpath("data/measures.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    order: list[str] = []
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        m = row["measure"].strip()
        if m not in grouped:
            order.append(m)
            grouped[m] = []
        grouped[m].append(row)
    out = []
    for m in order:
        rs = sorted(grouped[m], key=lambda r: int(r["route"]))
        first = rs[0]
        applies = first["applies_to"].strip() or "report"
        routes = []
        for r in rs:
            status = r["status"].strip()
            if status not in STATUSES[:-1]:
                raise ValueError(f"measures.csv: {m}: unknown status {status!r}")
            routes.append(
                Route(
                    measure=m,
                    order=int(r["route"]),
                    status=status,
                    formula=parse(r["formula"], per_indicator=applies == "indicator"),
                    unit=(r["unit"].strip() or first["unit"].strip()),
                    unless=tuple(k.strip() for k in r["unless"].split("|") if k.strip()),
                    assumption=r["assumption"].strip(),
                    applies_to=applies,
                )
            )
        out.append(Measure(m, first["label_en"].strip(), first["label_zh"].strip(), first["explanation"].strip(), applies, tuple(routes)))
    return tuple(out)


def definitions_table() -> pd.DataFrame:
    """The measures file as a plain DataFrame (for documentation pages)."""
    text = resources.files("govreport").joinpath("data/measures.csv").read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


# -- display ---------------------------------------------------------------------------------


def _num(x: float, digits: int) -> str:
    if math.isinf(x):
        return "+inf" if x > 0 else "-inf"
    if math.isnan(x):
        return "NaN"
    return f"{x:,.{digits}f}".replace(",", "")


def display(iv: Interval, unit: str, like: Statement | None = None) -> tuple[str, str]:
    """(value, interval) as text: shares with 2 decimals, ratios with 3, money in the input's magnitude."""
    if unit == "%":
        d = 2
        return f"{_num(iv.value, d)}%", f"[{_num(iv.low, d)}, {_num(iv.high, d)}]%"
    if unit == ":1":
        return f"{_num(iv.value, 3)}:1", f"[{_num(iv.low, 4)}, {_num(iv.high, 4)}]"
    scale, shown = 1.0, unit
    if like is not None and like.base_unit == unit and like.scale != 1.0:
        scale, shown = like.scale, like.unit
    d = 2 if scale != 1.0 else 1
    v = Interval(iv.value / scale, iv.low / scale, iv.high / scale)
    return f"{_num(v.value, d)}{shown}", f"[{_num(v.low, d)}, {_num(v.high, d)}]{shown}"


# -- computing -------------------------------------------------------------------------------


@dataclass
class Result:
    """One measure row before it becomes a DataFrame row, with its input statements."""

    row: dict
    inputs: list[tuple[str, Statement]]


def _statement_for(stmts: Statements, ref: Ref, scope: str):
    return stmts.choose(ref.key, ref.metric, scope)


def _route_inputs(stmts: Statements, route: Route, scope: str):
    found: dict[Ref, Statement] = {}
    missing: list[str] = []
    notes: list[str] = []
    for ref in route.formula.refs:
        choice = _statement_for(stmts, ref, scope)
        if choice.chosen is None:
            missing.append(ref.label)
        else:
            found[ref] = choice.chosen
        n = choice.note(ref.label)
        if n:
            notes.append(n)
    return found, missing, notes


def _fmt_inputs(inputs: list[tuple[str, Statement]]) -> str:
    return "; ".join(f"{label}={s.describe()}" for label, s in inputs)


def _result_row(measure: Measure, route: Route, scope: str, period, iv: Interval, inputs, notes, subject=None):
    unit = route.unit
    like = None
    if unit.startswith("@"):
        var = unit[1:]
        like = next((s for label, s in inputs if label == var), None)
        unit = like.base_unit if like is not None else ""
    else:
        like = next((s for _, s in inputs if s.base_unit == unit), None)
    shown, interval = display(iv, unit, like)
    return {
        "measure": measure.key,
        "label_en": measure.label_en,
        "label_zh": measure.label_zh,
        "subject": subject,
        "scope": scope,
        "period": period,
        "status": route.status,
        "formula": route.formula.text,
        "value": iv.value,
        "low": iv.low,
        "high": iv.high,
        "unit": unit,
        "display": shown,
        "interval": interval,
        "inputs": _fmt_inputs(inputs),
        "missing": None,
        "assumption": route.assumption or None,
        "explanation": measure.explanation,
        "note": "; ".join(notes) or None,
        "spans": ";".join(s.span() for _, s in inputs),
    }


def _report_measure(measure: Measure, stmts: Statements, scope: str) -> Result | None:
    period = stmts.years[scope]
    missing_by_route: list[list[str]] = []
    blocked: list[str] = []
    winner: Result | None = None
    alternatives: list[str] = []
    for route in measure.routes:
        stated_unless = [k for k in route.unless if stmts.get(k, None, scope) is not None]
        if stated_unless:
            blocked.append(f"not needed: the report states {', '.join(stated_unless)}")
            continue
        found, missing, notes = _route_inputs(stmts, route, scope)
        if missing:
            missing_by_route.append(missing)
            blocked.extend(n for n in notes if n not in blocked)
            continue
        iv = route.formula.evaluate({ref: st.interval for ref, st in found.items()})
        inputs = [(ref.label, found[ref]) for ref in route.formula.refs]
        if not math.isfinite(iv.value):  # a divisor stated as 0: no value, never a NaN that looks computed
            zero = [label for label, st in inputs if st.interval.value == 0]
            note = f"{route.formula.text} divides by {', '.join(zero) or 'a value'} stated as 0"
            missing_by_route.append([f"a non-zero {', '.join(zero) or 'divisor'}"])
            blocked.append(note)
            continue
        if winner is None:
            winner = Result(_result_row(measure, route, scope, period, iv, inputs, notes), inputs)
        else:
            shown, interval = display(iv, winner.row["unit"], None)
            alternatives.append(f"{route.status} by {route.formula.text}: {shown} {interval}")
    if winner is not None:
        if alternatives:
            winner.row["note"] = "; ".join(filter(None, [winner.row["note"], *("also " + a for a in alternatives)]))
        return winner
    if scope == "target":
        return None
    missing = " or ".join(dict.fromkeys(", ".join(m) for m in missing_by_route)) or None
    row = {
        "measure": measure.key,
        "label_en": measure.label_en,
        "label_zh": measure.label_zh,
        "subject": None,
        "scope": scope,
        "period": period,
        "status": "not_available",
        "formula": " | ".join(r.formula.text for r in measure.routes),
        "value": math.nan,
        "low": math.nan,
        "high": math.nan,
        "unit": measure.routes[0].unit if not measure.routes[0].unit.startswith("@") else None,
        "display": None,
        "interval": None,
        "inputs": None,
        "missing": missing,
        "assumption": None,
        "explanation": measure.explanation,
        "note": "; ".join(blocked) or None,
        "spans": None,
    }
    return Result(row, [])


def _part_before(stmts: Statements, share: Statement, scope: str) -> Statement | None:
    """The statement a 占…比重 share refers to, in the same sentence and before it.

    A share named ``X占Y比重`` belongs to the nearest earlier statement named X (its level if
    stated); a share named ``占Y比重`` to the nearest earlier level, else the nearest earlier
    statement of any metric.  None when there is no such statement.
    """
    before = [
        Statement(r)
        for r in stmts.rows
        if stmts.in_scope(r, scope)
        and Statement(r).sentence_start == share.sentence_start
        and int(r.get("start", 0)) < share.start
        and _s(r.get("metric")) != "share"
    ]
    prefix = share.indicator.split("占", 1)[0]
    if prefix:
        before = [b for b in before if b.indicator == prefix]
    if not before:
        return None
    levels = [b for b in before if b.metric == "level"]
    return max(levels or before, key=lambda b: b.start)


def _indicator_measure(measure: Measure, stmts: Statements, scope: str) -> list[Result]:
    """Per-indicator measures: the metrics of one indicator stated in one sentence."""
    period = stmts.years[scope]
    groups: dict[tuple, dict[str, Statement]] = {}
    for row in stmts.rows:
        if not stmts.in_scope(row, scope):
            continue
        s = Statement(row)
        entry = glossary.by_key().get(s.key) if s.key else None
        if entry is not None and entry.unit_family in ("percent", "ratio") and entry.category != "structure":
            continue  # a rate with its own glossary entry (unemployment, urbanization), not a share of a whole
        subject = s.indicator
        if s.metric == "share" and "占" in s.indicator:
            # 民营经济实现全口径税收51.6亿元、占全区比重61.1%: the share (named 占全区比重, or
            # 民营经济实现全口径税收占全区比重) belongs to the part stated just before it in the sentence
            part = _part_before(stmts, s, scope)
            if part is not None:
                subject = part.indicator
                g = groups.setdefault((subject, s.sentence_start), {})
                g.setdefault(part.metric, part)
        g = groups.setdefault((subject, s.sentence_start), {})
        g.setdefault(s.metric, s)  # first statement of each metric in the sentence
    out = []
    for (indicator, _), metrics in sorted(groups.items(), key=lambda kv: min(s.start for s in kv[1].values())):
        for route in measure.routes:
            if not all(ref.metric in metrics for ref in route.formula.refs):
                continue
            env = {ref: metrics[ref.metric].interval for ref in route.formula.refs}
            iv = route.formula.evaluate(env)
            if not math.isfinite(iv.value):
                continue  # a divisor stated as 0: no measure rather than a NaN one
            inputs = [(ref.label, metrics[ref.metric]) for ref in route.formula.refs]
            out.append(Result(_result_row(measure, route, scope, period, iv, inputs, [], subject=indicator), inputs))
            break
    return out


def compute(stmts: Statements) -> tuple[pd.DataFrame, list[dict]]:
    """The measures table (schema.MEASURES) and its provenance rows (schema.PROVENANCE)."""
    results: list[Result] = []
    for scope in ("actual", "target"):
        for measure in definitions():
            if measure.applies_to == "indicator":
                results.extend(_indicator_measure(measure, stmts, scope))
            else:
                r = _report_measure(measure, stmts, scope)
                if r is not None:
                    results.append(r)
    rows, prov = [], []
    for i, r in enumerate(results):
        rows.append({"measure_id": i, **r.row})
        prov.extend(provenance_rows("measures", i, r.inputs))
    return schema.frame(schema.MEASURES, rows), prov


def provenance_rows(table: str, row_id: int, inputs) -> list[dict]:
    out = []
    for role, s in inputs:
        r = s.row
        out.append(
            {
                "table": table,
                "row_id": row_id,
                "role": role,
                "key": r.get("key"),
                "indicator": r.get("indicator"),
                "metric": r.get("metric"),
                "value": r.get("value"),
                "unit": r.get("unit"),
                "token": r.get("token"),
                "qualifier": r.get("qualifier"),
                "period": r.get("period"),
                "kind": r.get("kind"),
                "start": r.get("start"),
                "end": r.get("end"),
                "sentence": r.get("sentence"),
                "sentence_start": r.get("sentence_start") if r.get("sentence_start") is not pd.NA else -1,
                "sentence_end": r.get("sentence_end") if r.get("sentence_end") is not pd.NA else -1,
            }
        )
    return out


def measures(linked: pd.DataFrame, actual_year: str | None = None, target_year: str | None = None) -> pd.DataFrame:
    """The measures table for linked indicator rows (see :func:`govreport.derivation.glossary.link`)."""
    return compute(Statements(linked, actual_year, target_year))[0]
