"""Canonical indicators: one key per headline indicator, and the names reports give it.

The glossary is data (``govreport/data/glossary.csv``), one row per canonical indicator:

``key``            stable identifier used by measures and targets (``gdp``, ``income_rural``)
``name_zh``        the usual Chinese name
``aliases``        other names as reports write them, ``|``-separated
``label_en``       English label
``unit_family``    money, persons, percent, ratio, days, mass
``base_unit``      the base unit a level must have to be used in arithmetic (元, 人, %, 天, 吨); several,
                   ``|``-separated, when reports use more than one currency (``元|美元`` for trade): the
                   first is the one arithmetic uses, and a level keeps its currency (a value in 美元 is
                   never compared with one in 元).  Levels in a unit of :data:`UNIT_CONVERSIONS`
                   (斤, 公斤) are converted to the base unit (吨).
``metrics``        the metrics the key takes, the default (used by a bare key in a formula) first
``growth_basis``   real (constant prices: GDP, value added) or nominal; empty when not a money flow
``better``         higher or lower is better; band when the target is a ceiling to stay under (CPI);
                   target when the figure is steered to the target from either side (M2); empty if no
                   direction applies
``headline``       true for the indicators a reader looks for first (the book's headline table and
                   the hand-labelled headline cells, tests/data/labels/HEADLINES-SPEC.md)
``aspects``        the aspects a statement of the key may have (``|``-separated), besides none: new,
                   stock, per_capita, average, cumulative.  When the indicator table carries an
                   ``aspect`` column, a row of another aspect is a different quantity (新增经营主体
                   is not 经营主体总量) and never stands for the key.
``category``       output, industry, demand, fiscal, income, employment, ...

Linking rule (:func:`match`): an extracted indicator name links to a key when, after NFKC
normalisation (full-width to half-width) and removing white space, it equals the key's Chinese
name or one of its aliases, either as it is or after removing one leading place or scope word
(全市, 全区, 全国, 年末, 全社会, ...) or leading verb (实现, 完成, 拟安排, ...) -- up to three such
words -- and at most one trailing word that does not change what is measured (实际, 预期, 首次,
全年, ...).  Matching is exact, never by substring, so 数字经济核心产业增加值 does not link to
工业增加值, 制造业投资 and 工业投资 do not link to 固定资产投资.  A name that matches nothing is tried
once more with 新增 in front when the row's aspect is ``new`` (the ``aspect`` column, or, without
one, 新增 written just before the name in the sentence: 全年新增就业5611人 is 新增就业).  Unmatched
rows stay in the table with an empty key.  The cases are tests/data/glossary_cases.csv.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from govreport import lexicon, schema
from govreport.text.numerals import visible

#: leading words removed (one of each at most, scope first) before matching, and trailing words that do not
#: change what is measured (居民人均可支配收入实际增长 -> ...收入): lexicon ``glossary.*``
SCOPE_PREFIXES = tuple(lexicon.entry("glossary.scope_prefixes"))
VERB_PREFIXES = tuple(lexicon.entry("glossary.verb_prefixes"))
NOISE_SUFFIXES = tuple(lexicon.entry("glossary.noise_suffixes"))
MAX_STRIPS = 3
#: units a level may be converted from: unit -> (base unit, factor)
UNIT_CONVERSIONS = {"斤": ("吨", 0.0005), "公斤": ("吨", 0.001), "千克": ("吨", 0.001)}
ASPECTS = ("new", "stock", "per_capita", "average", "cumulative")


@dataclass(frozen=True)
class Entry:
    key: str
    name_zh: str
    aliases: tuple[str, ...]
    label_en: str
    unit_family: str
    base_unit: str
    metrics: tuple[str, ...]
    growth_basis: str
    better: str
    category: str
    note: str
    headline: bool = False
    aspects: tuple[str, ...] = ("stock",)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_zh, *self.aliases)

    @property
    def base_units(self) -> tuple[str, ...]:
        """Every base unit a level may have (元|美元 -> ("元", "美元")); the first is for arithmetic."""
        return tuple(u for u in self.base_unit.split("|") if u) if self.base_unit else ()

    @property
    def arithmetic_unit(self) -> str:
        return self.base_units[0] if self.base_units else ""

    def convert(self, base_value: float, base_unit: str) -> tuple[float, str] | None:
        """A level in one of the key's base units, converted where needed (亿斤 -> 吨); None if not."""
        if not self.base_units or base_unit in self.base_units:
            return base_value, base_unit
        conv = UNIT_CONVERSIONS.get(base_unit)
        if conv is not None and conv[0] in self.base_units:
            return base_value * conv[1], conv[0]
        return None

    def aspect_ok(self, aspect: str | None) -> bool:
        """Whether a statement of this aspect (None or empty: not said) stands for the key."""
        return not aspect or aspect in self.aspects

    @property
    def default_metric(self) -> str:
        return self.metrics[0] if self.metrics else "level"


def normalise(name: object) -> str:
    """NFKC, no white space or invisible characters, upper-case Latin letters (GDP, R&D)."""
    if name is None or name is pd.NA or (isinstance(name, float) and name != name):
        return ""
    text = visible(unicodedata.normalize("NFKC", str(name)))  # no zero-width characters (a CSV from elsewhere)
    return "".join(text.split()).upper()


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """The glossary as loaded from the package data file."""
    text = resources.files("govreport").joinpath("data/glossary.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        out.append(
            Entry(
                key=row["key"].strip(),
                name_zh=row["name_zh"].strip(),
                aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
                label_en=row["label_en"].strip(),
                unit_family=row["unit_family"].strip(),
                base_unit=row["base_unit"].strip(),
                metrics=tuple(m.strip() for m in row["metrics"].split("|") if m.strip()),
                growth_basis=row["growth_basis"].strip(),
                better=row["better"].strip(),
                category=row["category"].strip(),
                note=row["note"].strip(),
                headline=row.get("headline", "").strip().lower() == "true",
                aspects=tuple(a.strip() for a in (row.get("aspects") or "stock").split("|") if a.strip()),
            )
        )
    for e in out:
        if e.better not in ("", "higher", "lower", "band", "target"):
            raise ValueError(f"glossary.csv: {e.key}: better must be higher, lower, band, target or empty, "
                             f"not {e.better!r}")
        bad = [a for a in e.aspects if a not in ASPECTS]
        if bad:
            raise ValueError(f"glossary.csv: {e.key}: unknown aspects {bad}")
    keys = [e.key for e in out]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"glossary.csv: duplicate keys {sorted(dupes)}")
    return tuple(out)


@lru_cache(maxsize=1)
def by_key() -> dict[str, Entry]:
    return {e.key: e for e in entries()}


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for e in entries():
        for name in e.names:
            n = normalise(name)
            if n in index and index[n] != e.key:
                raise ValueError(f"glossary.csv: name {name!r} belongs to both {index[n]} and {e.key}")
            index[n] = e.key
    return index


_PREFIXES = tuple(sorted({normalise(p) for p in SCOPE_PREFIXES + VERB_PREFIXES}, key=len, reverse=True))
_SUFFIXES = tuple(sorted({normalise(p) for p in NOISE_SUFFIXES}, key=len, reverse=True))


def _candidates(name: str) -> list[str]:
    """The name, then the name without leading scope words or verbs and at most one trailing noise
    word (MAX_STRIPS removals in all), shortest removals first."""
    out = [name]
    frontier = [(name, False)]
    for _ in range(MAX_STRIPS):
        nxt = []
        for base, suffix_done in frontier:
            for p in _PREFIXES:
                if base.startswith(p) and len(base) > len(p):
                    nxt.append((base[len(p):], suffix_done))
            if base.startswith("全") and len(base) > 4 and not any(base.startswith(p) for p in _PREFIXES):
                nxt.append((base[2:], suffix_done))  # 全疆, 全川: the whole of a place named by its one-character short name
            if not suffix_done:
                for x in _SUFFIXES:
                    if base.endswith(x) and len(base) > len(x):
                        nxt.append((base[: -len(x)], True))
        for c, _done in nxt:
            if c not in out:
                out.append(c)
        frontier = nxt
    return out


@lru_cache(maxsize=1)
def level_aliases() -> dict[tuple[str, str], str]:
    """``data/glossary-levels.csv``: names that stand for a key at one level of government only
    ((national, 财政收入) -> budget_revenue: a district's 财政收入 may be its total fiscal revenue)."""
    text = resources.files("govreport").joinpath("data/glossary-levels.csv").read_text(encoding="utf-8")
    out = {}
    for row in csv.DictReader(text.splitlines()):
        if row["key"] not in by_key():
            raise ValueError(f"glossary-levels.csv: {row['key']!r} is not a glossary key")
        out[(row["level"], normalise(row["name"]))] = row["key"]
    return out


@lru_cache(maxsize=65536)
def _match_cached(name: object, aspect: str | None, level: str | None) -> str | None:
    """match() remembered: a corpus repeats its names (地区生产总值 in every report)."""
    return match(name, aspect, level)


def match(name: object, aspect: str | None = None, level: str | None = None) -> str | None:
    """The canonical key of an indicator name, or None.  See the module docstring for the rule.

    ``aspect`` ``new`` lets a name that matches nothing be read with 新增 in front (就业 -> 新增就业);
    ``level`` (national, province, ...) lets the names of ``data/glossary-levels.csv`` count at that level.
    """
    n = normalise(name)
    if not n:
        return None
    if level is not None:
        for candidate in _candidates(n):
            key = level_aliases().get((level, candidate))
            if key is not None:
                return key
    index = _alias_index()
    for candidate in _candidates(n):
        if candidate in index:
            return index[candidate]
    if aspect == "new" and not n.startswith("新增"):
        return match("新增" + n)
    return None


def _aspect_of(row: dict) -> str | None:
    """The row's aspect: its ``aspect`` column when the table has one, else ``new`` when 新增 is
    written just before the name in the sentence (全年新增就业5611人), else None."""
    a = row.get("aspect")
    if isinstance(a, str):
        return a or None
    if "aspect" in row:
        return None
    sentence, name = row.get("sentence"), row.get("indicator")
    if not isinstance(sentence, str) or not isinstance(name, str) or not name:
        return None
    try:
        offset = int(row.get("start")) - int(row.get("sentence_start"))
    except (TypeError, ValueError):
        offset = len(sentence)
    if offset < 0:
        offset = len(sentence)
    i = sentence.rfind(name, 0, offset)
    return "new" if i >= 2 and sentence[i - 2:i] == "新增" else None


def headline_keys() -> tuple[str, ...]:
    """The keys flagged as headline indicators, in glossary order."""
    return tuple(e.key for e in entries() if e.headline)


def table() -> pd.DataFrame:
    """The glossary as a DataFrame (schema.GLOSSARY), aliases joined with ``|``."""
    return schema.frame(
        schema.GLOSSARY,
        (
            {
                "key": e.key,
                "name_zh": e.name_zh,
                "aliases": "|".join(e.aliases),
                "label_en": e.label_en,
                "unit_family": e.unit_family,
                "base_unit": e.base_unit or None,
                "metrics": "|".join(e.metrics),
                "growth_basis": e.growth_basis or None,
                "better": e.better or None,
                "headline": e.headline,
                "aspects": "|".join(e.aspects),
                "category": e.category,
                "note": e.note or None,
            }
            for e in entries()
        ),
    )


#: columns an indicator table must have for linking and derivation; the others may be absent
REQUIRED_COLUMNS = ("indicator", "metric", "value", "kind")
OPTIONAL_DEFAULTS = {
    "unit": None, "base_value": float("nan"), "base_unit": None, "period": None, "qualifier": "",
    "section": None, "sentence": None, "start": -1, "end": -1, "token": None, "value_high": float("nan"),
    "section_role": None, "sentence_start": -1, "sentence_end": -1,
}


def link(indicators: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """The indicator rows with their canonical ``key`` (NA where none matches), schema.LINKED.

    ``level``: the report's level of government, for the names that mean a key at one level only.

    Every input row is kept, in the same order.  Columns outside schema.INDICATORS are dropped;
    missing columns other than indicator, metric, value and kind are filled with NA (offsets -1), so a
    hand-made table works too -- without tokens, a number's precision is read from its value.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in indicators.columns]
    if missing:
        raise ValueError(f"indicator table lacks the columns {', '.join(missing)}")
    df = indicators[[c for c in indicators.columns if c in schema.INDICATORS.dtypes]].copy()
    for column, default in OPTIONAL_DEFAULTS.items():
        if column not in df.columns:
            df[column] = default() if callable(default) else default
    df = schema.conform(schema.INDICATORS, df)
    # only the columns the aspect and the match read, as plain lists (to_dict("records") costs more than the match)
    fields = ["indicator", "sentence", "start", "sentence_start", "aspect"]
    columns = {c: df[c].tolist() for c in fields}
    records = [dict(zip(fields, values)) for values in zip(*(columns[c] for c in fields))]
    for rec in records:
        v = rec["aspect"]
        rec["aspect"] = "" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
    if "aspect" not in indicators.columns:  # a table written before the column: the aspect is read from the text
        for rec in records:
            del rec["aspect"]
    keys = [_match_cached(rec["indicator"], _aspect_of(rec), level) for rec in records]
    linked = df.copy()  # already of the schema's columns and dtypes: the two new columns need no cast
    linked["key"] = pd.array(keys, dtype=schema.STRING)
    linked["label_en"] = pd.array([by_key()[k].label_en if k else None for k in keys], dtype=schema.STRING)
    return linked
