"""English names of regions (``govreport/data/regions.csv``) and the tile grid of the provinces.

A region as reports write it is a chain of names, outermost first (重庆市万州区, 内蒙古自治区呼伦贝尔市海拉尔区);
its English name is the chain innermost first (Wanzhou District, Chongqing). A chain with a name the table does
not hold has no English name: :func:`english_name` returns None and the book says so, rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[1] / "data" / "regions.csv"


@dataclass(frozen=True)
class Region:
    name_zh: str
    short_zh: str
    name_en: str
    kind: str
    tile_row: int | None
    tile_col: int | None


@lru_cache(maxsize=1)
def table() -> pd.DataFrame:
    """The region table as written (one row per name)."""
    return pd.read_csv(DATA, dtype={"name_zh": "string", "short_zh": "string", "name_en": "string", "kind": "string",
                                    "tile_row": "Int64", "tile_col": "Int64"})


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Region]:
    out = {}
    for r in table().itertuples(index=False):
        out[str(r.name_zh)] = Region(str(r.name_zh), str(r.short_zh), str(r.name_en), str(r.kind),
                                     None if pd.isna(r.tile_row) else int(r.tile_row),
                                     None if pd.isna(r.tile_col) else int(r.tile_col))
    return out


def split(region: str) -> list[Region] | None:
    """The chain of known names that spells `region` exactly (outermost first), or None."""
    names = sorted(_by_name(), key=len, reverse=True)
    rest, chain = region.strip(), []
    while rest:
        for name in names:
            if rest.startswith(name):
                chain.append(_by_name()[name])
                rest = rest[len(name):]
                break
        else:
            return None
    return chain or None


def english_name(region: str | None) -> str | None:
    """`重庆市万州区` -> `Wanzhou District, Chongqing`; None when a part of the name is not in the table."""
    if not region:
        return None
    chain = split(str(region))
    if chain is None:
        return None
    return ", ".join(r.name_en for r in reversed(chain))


def short_name(region: str | None) -> str:
    """The name without its administrative suffix where the table has one (上海市 -> 上海)."""
    if not region:
        return ""
    chain = split(str(region))
    return chain[-1].short_zh if chain else str(region)


def display_name(region: str | None) -> str:
    """English and Chinese, e.g. `Wanzhou District, Chongqing (重庆市万州区)`; the Chinese alone, labelled,
    when the table has no English name for it."""
    if not region:
        return "(region not stated)"
    en = english_name(region)
    return f"{en} ({region})" if en else f"{region} (no English name in govreport's region table)"


#: How a level of government is shown for a provincial-level region of a given kind.
PROVINCIAL_KINDS = {"municipality": "provincial-level municipality",
                    "autonomous region": "autonomous region (provincial level)"}


def level_name(region: str | None, level: str | None) -> str:
    """The level as readers should see it: 北京市, 上海市, 天津市, 重庆市 at level ``province`` are
    ``provincial-level municipality``; an autonomous region says so; any other level as given."""
    if not level:
        return ""
    chain = split(str(region)) if region and level == "province" else None
    if chain and len(chain) == 1:
        return PROVINCIAL_KINDS.get(chain[0].kind, str(level))
    return str(level)


def tiles() -> pd.DataFrame:
    """The provincial-level regions with a tile position: name_zh, short_zh, name_en, tile_row, tile_col."""
    t = table()
    t = t[t["tile_row"].notna()]
    return t[["name_zh", "short_zh", "name_en", "tile_row", "tile_col"]].reset_index(drop=True)
