"""Which stated number stands for a canonical indicator in a year: the selection rule.

Measures, targets and the audit all ask the same question -- "what does the report say the level
(or growth, share, ...) of ``key`` was in the review year / is to be in the plan year?" -- and get
the answer from :class:`Statements`, so the rule is written once:

1. Candidates are the linked indicator rows with that key and metric and the scope's kind
   (``actual`` for results, ``target`` for plans) whose period is the scope's year.  A row with no
   period counts when it sits in the scope's own kind of section (review for results, plan for
   targets).  Rows for other years, spans (2021-2025) and cumulative figures never count.
2. For a percentage or ratio indicator (unit family percent or ratio: urbanization rate, the
   urban-rural ratio) the metrics share, ratio and level are the same thing -- the rate's own value
   -- and are interchangeable.  Growth and change_pp never are.
   A rate (unemployment, urbanization, forest cover) must be in %.
3. Precision (:mod:`govreport.derivation.precision`): a number stands for the interval its last written digit
   and its qualifier allow -- except a whole count written in full in a counting unit (336天, 23家),
   which is exact.
4. A money level must be in the glossary's base unit for arithmetic (元; 美元 for utilised foreign
   capital); a level in another currency is left out and named in the note.  Who asks for
   ``unit="any"`` (the headline cells) takes a level in any of the key's base units, its currency
   kept; levels in 斤 or 公斤 are converted to 吨 either way.
5. Never a start value: the X of ``从X提高到Y`` / ``由X增加到Y`` is the level at the start of a span,
   whatever period the row carries, and is left out (named in the note).
6. Aspect and scope, when the table has those columns: a row whose ``aspect`` is not one the key
   allows (glossary ``aspects``: 新增 entities are not a stock) never stands for the key, and a
   caller pairing like with like (``like=`` a statement) gets only rows of the same aspect and scope.
7. Statements in the scope's own kind of section (review for results, plan for targets) come first,
   then everything else; for results, a precise value comes before a rounded bound (突破, 超, 近,
   约, 余, 以上, 左右) stated for the same key and year; within that, the first statement in text
   order wins.  The other statements are kept and listed in the note, so a reader sees when the
   report repeats or contradicts itself.

The scope's years come from the data (:func:`reference_years`): the results year is the most
frequent year among actuals in review sections; the plan year is the most frequent year among
targets in plan sections (or the results year + 1).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from govreport.derivation import glossary
from govreport.derivation.precision import Interval, interval_for

YEAR = re.compile(r"^\d{4}$")
RATE_FAMILIES = frozenset({"percent", "ratio"})
#: qualifiers written before the number (突破4100万吨), the others after it (18%以上)
PREFIX_QUALIFIERS = frozenset({"突破", "超", "近", "约", "不低于"})
#: units of things counted one by one: a whole number in these units, written without a magnitude
#: word (万, 亿) and without a qualifier, is exact
COUNT_UNITS = frozenset("个 家 项 座 所 条 宗 场 名 户 人 人次 次 天 件 批 套 辆 台 艘 架 处 位 只 头 棵 株 间 张 届 期 部 支 家次".split())
RATE_METRICS = ("share", "ratio", "level")
#: qualifiers that make a result a rounded bound rather than the value (突破15万户, 1300亿元以上)
BOUND_QUALIFIERS = frozenset({"突破", "超", "近", "约", "余", "以上", "左右", "不低于"})
#: 从X提高到Y / 由X增加到Y: X is a start value
_FROM_BEFORE = re.compile(r"(?:从|由)[^，。；;,:：\d]{0,12}$")
_TO_AFTER = re.compile(r"^[^，。；;,:：\d]{0,10}?(?:提高|增加|增长|上升|扩大|提升|降低|下降|减少|缩小|跃升|攀升|突破|达|发展|增至|降至|升至)*(?:到|至)")
SCOPE_KIND = {"actual": "actual", "target": "target"}
SCOPE_ROLE = {"actual": "review", "target": "plan"}


def alike(row: dict, like: "Statement | None") -> bool:
    """Whether ``row`` is the same kind of quantity as ``like`` (always, without ``like``).

    Aspects must be equal, except that no aspect and ``stock`` go together (达到 a total is the
    stock); new entities (新增) are never a stock.  Scopes must be equal when both are stated
    (全市第8 is not 渝东北第1).  Rows without aspect and scope columns are alike.
    """
    if like is None:
        return True
    a, b = _s(row.get("aspect")) or "", like.aspect
    if a != b and {a, b} != {"", "stock"}:
        return False
    sa, sb = _s(row.get("scope")) or "", like.scope
    return not (sa and sb and sa != sb)


def _s(x: object) -> str | None:
    if x is None or x is pd.NA:
        return None
    if isinstance(x, float) and math.isnan(x):
        return None
    return str(x)


def _f(x: object) -> float:
    if x is None or x is pd.NA:
        return math.nan
    return float(x)


@dataclass(frozen=True)
class Statement:
    """One stated number (an indicator row) with the interval it stands for."""

    row: dict

    @property
    def key(self) -> str | None:
        return _s(self.row.get("key"))

    @property
    def indicator(self) -> str:
        return _s(self.row.get("indicator")) or ""

    @property
    def metric(self) -> str:
        return _s(self.row.get("metric")) or ""

    @property
    def value(self) -> float:
        return _f(self.row.get("value"))

    @property
    def base_value(self) -> float:
        b = _f(self.row.get("base_value"))
        return self.value if math.isnan(b) else b

    @property
    def scale(self) -> float:
        """base_value / value: 1e8 for 亿元, 1 for % and 元."""
        v, b = self.value, self.base_value
        if v == 0 or math.isnan(v) or math.isnan(b):
            return 1.0
        return b / v

    @property
    def unit(self) -> str:
        return _s(self.row.get("unit")) or ""

    @property
    def base_unit(self) -> str:
        return _s(self.row.get("base_unit")) or ""

    @property
    def token(self) -> str:
        """The number as written; for a hand-made row without a token, the value's shortest repr."""
        t = _s(self.row.get("token"))
        if t:
            return t
        v = self.value
        return "" if math.isnan(v) else (str(int(v)) if float(v).is_integer() else repr(v))

    @property
    def qualifier(self) -> str:
        return _s(self.row.get("qualifier")) or ""

    @property
    def period(self) -> str | None:
        return _s(self.row.get("period"))

    @property
    def start(self) -> int:
        return int(self.row.get("start", -1))

    @property
    def end(self) -> int:
        return int(self.row.get("end", -1))

    @property
    def sentence(self) -> str:
        return _s(self.row.get("sentence")) or ""

    @property
    def sentence_start(self) -> int:
        s = self.row.get("sentence_start")
        return -1 if s is None or s is pd.NA else int(s)

    @property
    def aspect(self) -> str:
        return _s(self.row.get("aspect")) or ""

    @property
    def scope(self) -> str:
        """The ``scope`` column of the row (the area a rank or share is about), empty when absent."""
        return _s(self.row.get("scope")) or ""

    @property
    def offset_in_sentence(self) -> int:
        if self.sentence_start >= 0 and self.start >= self.sentence_start:
            return self.start - self.sentence_start
        return self.sentence.find(self.token)

    @property
    def start_value(self) -> bool:
        """The X of 从X提高到Y / 由X增加到Y: the level at the start of a span, not of its end."""
        sentence, i = self.sentence, self.offset_in_sentence
        if not sentence or i < 0:
            return False
        j = i + len(self.token)
        if self.unit and sentence[j:].startswith(self.unit):
            j += len(self.unit)
        return bool(_FROM_BEFORE.search(sentence[:i]) and _TO_AFTER.match(sentence[j:]))

    @property
    def exact(self) -> bool:
        """A count written in full (336天, 23家): a whole number in a counting unit with no magnitude
        word and no qualifier is exact, not rounded (unlike 2.8万人 or 750亿元)."""
        return (
            self.scale == 1.0
            and self.base_unit in COUNT_UNITS
            and self.qualifier == ""
            and float(self.value).is_integer()
            and "." not in self.token
        )

    @property
    def interval(self) -> Interval:
        """Interval in base units (亿元 converted to 元), from the precision as written and the qualifier."""
        if self.exact:
            return Interval.exact(self.base_value)
        return interval_for(self.value, self.token, self.qualifier, _f(self.row.get("value_high")), self.scale)

    @property
    def written_interval(self) -> Interval:
        """Interval in the units as written."""
        return interval_for(self.value, self.token, self.qualifier, _f(self.row.get("value_high")), 1.0)

    def describe(self) -> str:
        """``119.8亿元 (2023)`` -- the number as written with its qualifier and period."""
        q = self.qualifier if self.qualifier not in ("", "range") else ""
        period = f" ({self.period})" if self.period else ""
        if q in PREFIX_QUALIFIERS:
            return f"{q}{self.token}{self.unit_suffix()}{period}"
        return f"{self.token}{self.unit_suffix()}{q}{period}"

    def unit_suffix(self) -> str:
        # the token of a percentage may already hold the sign (5.5%)
        u = self.unit
        return "" if u and self.token.endswith(u) else u

    def span(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass
class Choice:
    """The statement chosen for (key, metric, scope) and the ones passed over."""

    chosen: Statement | None
    others: list[Statement] = field(default_factory=list)
    excluded: list[Statement] = field(default_factory=list)  # wrong unit
    starts: list[Statement] = field(default_factory=list)  # start values (从X提高到Y)

    def note(self, label: str) -> str | None:
        parts = []
        if self.others:
            parts.append(f"{label} also stated as " + ", ".join(f"{s.describe()} at {s.start}" for s in self.others))
        if self.excluded:
            parts.append(
                f"{label} left out (unit not {self.excluded[0].row.get('_expected_unit', 'the base unit')}): "
                + ", ".join(f"{s.describe()} at {s.start}" for s in self.excluded)
            )
        if self.starts:
            parts.append(f"{label} left out (start value of 从…到…): " + ", ".join(f"{s.describe()} at {s.start}" for s in self.starts))
        return "; ".join(parts) or None


def reference_years(linked) -> tuple[str | None, str | None]:
    """(results year, plan year) from the data (a linked table, or its rows as records); see the module docstring."""
    rows = linked if isinstance(linked, list) else records(linked)

    def most_common(kind: str, role: str | None) -> str | None:
        years = [p for r in rows if r.get("kind") == kind and (role is None or r.get("section_role") == role)
                 for p in (_s(r.get("period")),) if p is not None and YEAR.match(p)]
        if not years:
            return None
        counts = Counter(years)
        best = max(counts.values())
        return min(y for y, c in counts.items() if c == best)  # ties: the earlier year

    a = most_common("actual", "review") or most_common("actual", None)
    t = most_common("target", "plan") or most_common("target", None)
    if t is None and a is not None:
        t = str(int(a) + 1)
    if a is None and t is not None:
        a = str(int(t) - 1)
    return a, t


def records(df: pd.DataFrame) -> list[dict]:
    """The rows of a table as dicts, missing values None (column lists zipped: faster than to_dict on Arrow)."""
    columns = list(df.columns)
    lists = [[None if v is pd.NA else v for v in df[c].tolist()] for c in columns]
    return [dict(zip(columns, values)) for values in zip(*lists)]


class Statements:
    """Stated numbers of one report, looked up by canonical key, metric and scope."""

    def __init__(self, linked: pd.DataFrame, actual_year: str | None = None, target_year: str | None = None):
        self.rows = records(linked)
        ya, yt = reference_years(self.rows)
        self.years = {"actual": actual_year or ya, "target": target_year or yt}
        self.linked = linked
        self._cache: dict[tuple, Choice] = {}

    def in_scope(self, row: dict, scope: str, year: str | None = None) -> bool:
        if _s(row.get("kind")) != SCOPE_KIND[scope]:
            return False
        own = self.years[scope]
        year = year or own
        period = _s(row.get("period"))
        if period is None:
            return year == own and _s(row.get("section_role")) == SCOPE_ROLE[scope]
        return year is not None and period == year

    def _metric_ok(self, entry: glossary.Entry | None, wanted: str, have: str | None) -> bool:
        if have == wanted:
            return True
        if entry is not None and entry.metrics == ("growth",):
            # a key that is only ever a change (居民消费价格涨幅3%, 广义货币M2预期16%): a rate in % is its growth
            return wanted == "growth" and have in RATE_METRICS
        if entry is not None and entry.unit_family in RATE_FAMILIES:
            return wanted in RATE_METRICS and have in RATE_METRICS
        return False

    def choose(
        self,
        key: str,
        metric: str | None = None,
        scope: str = "actual",
        year: str | None = None,
        unit: str | None = None,
        like: Statement | None = None,
    ) -> Choice:
        """The statement for ``key`` and ``metric`` in ``scope`` (and ``year``, default the scope's).

        ``unit``: for a level, None asks for the glossary's arithmetic unit (元 for trade), ``"any"``
        for any of the key's base units (the currency kept), or one base unit (美元).  ``like``: only
        rows with the same aspect and scope columns as this statement (pairing like with like).
        """
        entry = glossary.by_key().get(key)
        metric = metric or (entry.default_metric if entry else "level")
        like_id = (like.aspect, like.scope) if like is not None else None
        cache_key = (key, metric, scope, year, unit, like_id)
        if cache_key in self._cache:
            return self._cache[cache_key]
        cands, excluded, starts = [], [], []
        for row in self.rows:
            if _s(row.get("key")) != key or not self.in_scope(row, scope, year):
                continue
            if math.isnan(_f(row.get("value"))):
                continue
            if not self._metric_ok(entry, metric, _s(row.get("metric"))):
                continue
            if entry is not None and not entry.aspect_ok(_s(row.get("aspect"))):
                continue
            if not alike(row, like):
                continue
            if (
                _s(row.get("metric")) == "level"
                and entry is not None
                and entry.base_units
                and entry.unit_family not in RATE_FAMILIES
            ):
                wanted = entry.base_units if unit == "any" else ((unit,) if unit else (entry.arithmetic_unit,))
                conv = entry.convert(_f(row.get("base_value")), _s(row.get("base_unit")) or "")
                if conv is None or conv[1] not in wanted:
                    excluded.append(Statement({**row, "_expected_unit": "|".join(wanted)}))
                    continue
                if conv[1] != _s(row.get("base_unit")):
                    row = {**row, "base_value": conv[0], "base_unit": conv[1]}
            if (
                entry is not None
                and entry.unit_family == "percent"
                and _s(row.get("metric")) in RATE_METRICS
                and _s(row.get("base_unit")) != "%"
            ):
                excluded.append(Statement({**row, "_expected_unit": "%"}))  # 连续5年 is not a rate
                continue
            if _s(row.get("metric")) in ("growth",) and (_s(row.get("base_unit")) or "%") != "%":
                excluded.append(Statement({**row, "_expected_unit": "%"}))  # 增长1.71倍 is not a rate in %
                continue
            if Statement(row).start_value:
                starts.append(Statement(row))
                continue
            cands.append(row)
        role = SCOPE_ROLE[scope]

        def order(r: dict) -> tuple:
            # results: a precise value before a rounded bound, whatever the section
            bound = scope == "actual" and (_s(r.get("qualifier")) or "") in BOUND_QUALIFIERS
            return (bound, _s(r.get("section_role")) != role, int(r.get("start", 0)))

        cands.sort(key=order)
        stmts = [Statement(r) for r in cands]
        choice = Choice(stmts[0] if stmts else None, stmts[1:], excluded, starts)
        self._cache[cache_key] = choice
        return choice

    def get(self, key: str, metric: str | None = None, scope: str = "actual", year: str | None = None,
            unit: str | None = None, like: Statement | None = None) -> Statement | None:
        return self.choose(key, metric, scope, year, unit, like).chosen

    def by_name(self, indicator: str, metric: str, scope: str = "actual", like: Statement | None = None) -> Statement | None:
        """For indicators with no canonical key: the first statement with that exact name and metric
        (scope's own kind of section first, then text order), never a start value (从X提高到Y); with
        ``like``, only rows of the same aspect and scope."""
        cands = [
            r
            for r in self.rows
            if _s(r.get("indicator")) == indicator and _s(r.get("metric")) == metric and self.in_scope(r, scope)
            and alike(r, like)
            and not Statement(r).start_value
        ]
        role = SCOPE_ROLE[scope]
        cands.sort(key=lambda r: (_s(r.get("section_role")) != role, int(r.get("start", 0))))
        return Statement(cands[0]) if cands else None

    def has_any(self, key: str, scope: str = "actual") -> bool:
        """Whether the report states the key in the scope, in any metric except growth and change_pp."""
        for row in self.rows:
            if _s(row.get("key")) == key and self.in_scope(row, scope) and _s(row.get("metric")) not in ("growth", "change_pp"):
                return True
        return False
