"""Canonical indicators: one key per headline indicator, and the names reports give it.

The glossary is data (``govreport/data/glossary.csv``), one row per canonical indicator:

``key``            stable identifier used by measures and targets (``gdp``, ``income_rural``)
``name_zh``        the usual Chinese name
``aliases``        other names as reports write them, ``|``-separated
``label_en``       English label
``unit_family``    money, persons, percent, ratio, days, mass
``base_unit``      the base unit a level must have to be used in arithmetic (元, 美元, 人, %, 天, 吨)
``metrics``        the metrics the key takes, the default (used by a bare key in a formula) first
``growth_basis``   real (constant prices: GDP, value added) or nominal; empty when not a money flow
``better``         higher or lower is better (for the direction of ambition); empty if neither
``category``       output, industry, demand, fiscal, income, employment, ...

Linking rule (:func:`match`): an extracted indicator name links to a key when, after NFKC
normalisation (full-width to half-width) and removing white space, it equals the key's Chinese
name or one of its aliases, either as it is or after removing one leading place or scope word
(全市, 全区, 我市, 城区, 全社会, ...) or one leading verb (实现, 完成, ...).  Matching is exact,
never by substring, so 数字经济核心产业增加值 does not link to 工业增加值.  Unmatched rows stay in
the table with an empty key.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from govreport import schema
from govreport.text.numerals import visible

#: leading words removed (one of each at most, scope first) before matching
SCOPE_PREFIXES = (
    "全市", "全区", "全县", "全省", "全州", "全旗", "全盟", "全镇", "全乡", "全域",
    "我市", "我区", "我县", "我省", "本市", "本区", "全年", "城区", "中心城区", "主城区",
    "全社会", "全口径",
)
VERB_PREFIXES = ("实现", "完成", "达到", "争取", "累计")


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

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_zh, *self.aliases)

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
            )
        )
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


def _candidates(name: str) -> list[str]:
    """The name, then the name without one leading verb and/or one leading scope word."""
    out = [name]
    for v in VERB_PREFIXES:
        if name.startswith(v) and len(name) > len(v):
            out.append(name[len(v):])
    for base in list(out):
        for p in sorted(SCOPE_PREFIXES, key=len, reverse=True):
            if base.startswith(p) and len(base) > len(p):
                out.append(base[len(p):])
                break
    return out


def match(name: object) -> str | None:
    """The canonical key of an indicator name, or None.  See the module docstring for the rule."""
    n = normalise(name)
    if not n:
        return None
    index = _alias_index()
    for candidate in _candidates(n):
        if candidate in index:
            return index[candidate]
    return None


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


def link(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicator rows with their canonical ``key`` (NA where none matches), schema.LINKED.

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
    keys = [match(name) for name in df["indicator"]]
    out = df.copy()
    out["key"] = keys
    out["label_en"] = [by_key()[k].label_en if k else None for k in keys]
    return schema.conform(schema.LINKED, out)
