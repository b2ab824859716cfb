"""Helpers for the notebooks and the Jupyter Book: paths, glue, tables, offline chart assets.

Notebooks run in different working directories (papermill: the caller's; myst-nb and nbval: the
notebook's folder), so every path a notebook receives is resolved here against the repository root.
Nothing in this module writes timestamps or random ids: the same report gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from govreport import formatting
from govreport.derivation import glossary
from govreport.derivation.statements import Statements
from govreport.tables import write_table

PACKAGE_DIR = Path(__file__).resolve().parent

#: Where the offline chart libraries go, relative to the book's source folder. Not `_static/`:
#: Jupyter Book 1.x injects every script found there, in arbitrary order, which breaks vega.
ASSETS_DIR = "assets"
VEGA_BUNDLE = "vega/vega-bundle.js"

#: What the prose shows when a report does not state a value.
NOT_STATED = "not stated"


def repo_root() -> Path:
    """The repository root: $GOVREPORT_ROOT, else the folder above `src/` holding pyproject.toml."""
    env = os.environ.get("GOVREPORT_ROOT")
    if env:
        return Path(env).resolve()
    for parent in PACKAGE_DIR.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "govreport").is_dir():
            return parent
    return Path.cwd().resolve()


def resolve(path: str | os.PathLike[str]) -> Path:
    """An absolute path: relative paths are taken from the repository root, not the cwd."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (repo_root() / p)


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as shown to readers: relative to the repository root when inside it."""
    p = resolve(path).resolve()
    try:
        return p.relative_to(repo_root()).as_posix()
    except ValueError:
        return p.as_posix()


_SLUG_UNSAFE = re.compile(r"[^\w\-]+")  # \w: letters (Chinese too), digits, underscore


def report_slug(path: str | os.PathLike[str]) -> str:
    """A safe folder name for a report's book: `data/raw/wanzhou-2024.txt` -> `wanzhou-2024`;
    `hailaer-2019.gb18030.txt` -> `hailaer-2019`.

    Only letters, digits, ``_`` and ``-`` are kept (anything else becomes ``-``), so the name is never ``.``,
    ``..``, empty, hidden or a path; a name with nothing left is ``report``.
    """
    name = Path(path).name
    for _ in range(2):
        stem, dot, _suffix = name.rpartition(".")
        if dot and stem:
            name = stem
    name = _SLUG_UNSAFE.sub("-", name).strip("-_")
    return name[:80] or "report"


def output_folder(path: str | os.PathLike[str]) -> Path:
    """Resolve a notebook's output folder and create it."""
    folder = resolve(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------------------------------------
# numbers as the prose shows them


def format_number(value: object, digits: int | None = None) -> str:
    """A number for prose: thousands separators, trailing zeros dropped, NOT_STATED when missing."""
    if value is None or value is pd.NA:
        return NOT_STATED
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return NOT_STATED
    if digits is None:
        text = formatting.format_number(x, 2, separators=True).rstrip("0").rstrip(".")
    else:
        text = formatting.format_number(x, digits, separators=True)
    return "0" if text in ("-0", "") else text


def format_quantity(value: object, unit: object) -> str:
    """`1179.4`, `亿元` -> `1,179.4 亿元`; `%` sticks to the number."""
    number = format_number(value)
    if number == NOT_STATED:
        return NOT_STATED
    unit = "" if unit is None or unit is pd.NA else str(unit)
    if unit in ("%", ":1"):
        return f"{number}{unit}"
    return f"{number} {unit}".strip()


def format_claim(row: pd.Series | None) -> str:
    """An indicator row for prose: value and unit, a range as low–high, the qualifier in brackets."""
    if row is None:
        return NOT_STATED
    high = row.get("value_high")
    qualifier = row.get("qualifier")
    qualifier = "" if qualifier is None or qualifier is pd.NA else str(qualifier)
    if high is not None and high is not pd.NA and not pd.isna(high):
        unit = "" if row["unit"] is None or row["unit"] is pd.NA else str(row["unit"])
        return f"{format_number(row['value'])}–{format_quantity(high, unit)}"
    text = format_quantity(row["value"], row["unit"])
    return f"{text} ({qualifier})" if qualifier and qualifier != "range" else text


# ---------------------------------------------------------------------------------------------
# glue


def glue_text(key: str, value: object) -> None:
    """Glue a value as plain text (the prose pastes it with ``{glue:text}``), shown nowhere here."""
    from myst_nb import glue

    glue(key, "" if value is None or value is pd.NA else str(value), display=False)


# ---------------------------------------------------------------------------------------------
# tables


def write_tables(tables: dict[str, pd.DataFrame], folder: str | os.PathLike[str]) -> list[Path]:
    """Write each table as UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese)."""
    out = output_folder(folder)
    written = []
    for name, df in sorted(tables.items()):
        written.append(write_table(df, out / f"{name}.csv", "csv", bom=True))
    return written


def _element_id(prefix: str, name: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "x"
    return f"{prefix}-{safe}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


class HTMLBlock:
    """HTML shown by notebooks and the book; plain text for everything else."""

    def __init__(self, html_text: str, plain: str):
        self.html = html_text
        self.plain = plain

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.plain}

    def __repr__(self) -> str:
        return self.plain


def searchable_table(df: pd.DataFrame, name: str, *, caption: str = "", max_rows: int | None = None) -> HTMLBlock:
    """A table with a filter box (a few lines of the page's own JavaScript, no library).

    Cell text is HTML-escaped by pandas; the id is derived from `name`, so output is deterministic.
    """
    element = _element_id("gr-table", name)
    shown = df if max_rows is None else df.head(max_rows)
    table = _blank_missing(shown).to_html(index=False, escape=True, border=0, classes=["gr-table"], table_id=element)
    script = (
        "(function(){var box=document.getElementById(%s);var rows=document.querySelectorAll(%s);"
        "box.addEventListener('input',function(){var q=box.value.toLowerCase();"
        "rows.forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});})();"
    ) % (json.dumps(element + "-filter"), json.dumps("#" + element + " tbody tr"))
    cap = f"<p class=\"gr-caption\">{html.escape(caption)}</p>" if caption else ""
    block = (
        f'<div class="gr-searchable">{cap}'
        f'<input type="search" id="{element}-filter" placeholder="Filter rows / 筛选" aria-label="Filter rows">'
        f'<div class="gr-scroll">{table}</div><script>{script}</script></div>'
    )
    return HTMLBlock(block, f"<table {name}: {len(shown)} rows x {shown.shape[1]} columns>")


def quote(sentence: object) -> str:
    """A sentence of the report as a quotation for prose (plain text, never markup)."""
    if sentence is None or sentence is pd.NA:
        return ""
    return f"「{str(sentence).strip()}」"


# ---------------------------------------------------------------------------------------------
# offline chart libraries


def write_vega_assets(source_dir: str | os.PathLike[str]) -> list[str]:
    """Write vega, vega-lite and vega-embed (from the installed vl-convert-python) into the book.

    Returns the files to list in Sphinx's ``html_js_files`` (relative to the assets folder).
    The bundle is wrapped in a function scope: unwrapped, its top-level names clash with
    Sphinx's underscore.js. It assigns ``window.vegaEmbed``, ``window.vega``, ``window.vegaLite``.
    """
    import vl_convert

    target = Path(source_dir) / ASSETS_DIR / VEGA_BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    cache = repo_root() / "build" / "cache" / f"vega-bundle-vlc{_vlc_version()}.js"
    if cache.is_file():
        text = cache.read_text(encoding="utf-8")
    else:
        text = "(function(){\n" + vl_convert.javascript_bundle() + "\n})();\n"
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(text, encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    return [VEGA_BUNDLE]


def _vlc_version() -> str:
    from importlib.metadata import version

    return version("vl-convert-python")


def csv_links(names: Iterable[str]) -> list[str]:
    """File names of the downloadable tables, in a fixed order."""
    return [f"{n}.csv" for n in sorted(names)]


# ---------------------------------------------------------------------------------------------
# summaries the notebooks show

METADATA_FIELDS = (
    ("title", "title 标题"),
    ("region", "region 地区"),
    ("year", "year 年份"),
    ("date", "delivered 日期"),
    ("speaker", "speaker 报告人"),
)


def metadata_table(metadata: object) -> pd.DataFrame:
    """The report's metadata as a two-column table (field, value); missing fields show as empty."""
    rows = []
    for attr, label in METADATA_FIELDS:
        value = getattr(metadata, attr, None) if metadata is not None else None
        rows.append({"field": label, "value": "" if value is None or value is pd.NA else str(value)})
    return pd.DataFrame(rows, columns=["field", "value"]).astype("string")


def section_counts(sections: pd.DataFrame, sentences: pd.DataFrame, indicators: pd.DataFrame,
                   non_indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per section in document order with how many sentences and numbers it holds.

    Numbers are attributed to a section by offset (start within the section's span and not within
    a later sub-section), so the counts add up to the totals.
    """
    cols = ["section_id", "level", "label", "section", "role", "period", "n_sentences", "n_indicators", "n_non_indicators"]
    if sections.empty:
        return pd.DataFrame(columns=cols)
    secs = sections.sort_values("start").reset_index(drop=True)
    starts = secs["start"].tolist()
    ends = secs["end"].tolist()

    def innermost(offsets: pd.Series) -> pd.Series:
        import bisect

        ids = []
        for off in offsets.astype("int64").tolist():
            i = bisect.bisect_right(starts, off) - 1
            while i >= 0 and off >= ends[i]:  # past this section's end: look at enclosing ones
                i -= 1
            ids.append(int(secs.loc[i, "section_id"]) if i >= 0 else -1)
        return pd.Series(ids, dtype="int64")

    n_ind = innermost(indicators["start"]).value_counts() if len(indicators) else pd.Series(dtype="int64")
    n_non = innermost(non_indicators["start"]).value_counts() if len(non_indicators) else pd.Series(dtype="int64")
    n_sen = sentences["section_id"].value_counts() if len(sentences) else pd.Series(dtype="int64")
    out = pd.DataFrame(
        {
            "section_id": secs["section_id"].astype("int64"),
            "level": secs["level"].astype("int64"),
            "label": secs["label"].astype("string").fillna(""),
            "section": secs["title"].astype("string"),
            "role": secs["role"].astype("string"),
            "period": secs["period"].astype("string").fillna(""),
        }
    )
    for name, counts in (("n_sentences", n_sen), ("n_indicators", n_ind), ("n_non_indicators", n_non)):
        out[name] = [int(counts.get(i, 0)) for i in out["section_id"]]
    return out.sort_values("section_id").reset_index(drop=True)[cols]


#: Headline indicators: (glossary key, English label) of every key the glossary flags ``headline``
#: (``govreport/data/glossary.csv``), in glossary order.  The key is also the glue prefix.
HEADLINES = tuple((e.key, e.label_en) for e in glossary.entries() if e.headline)


def headline_rows(indicators: pd.DataFrame, level: str | None = None) -> dict[str, dict[str, pd.Series | None]]:
    """For each headline indicator the stated result: {'level': row|None, 'growth': row|None}.

    The statement is the one the derived measures use (:class:`govreport.derivation.statements.Statements`):
    results (``kind == "actual"``) of the results year, review sections first, a precise value before
    a rounded bound, never a start value of 从X提高到Y.  A level must be in one of the key's base
    units (its currency kept: trade in 美元 is shown in 美元), a rate in %, a growth in %.
    """
    stmts = Statements(glossary.link(indicators, level))
    out: dict[str, dict[str, pd.Series | None]] = {}
    for key, _label in HEADLINES:
        picks: dict[str, pd.Series | None] = {}
        for metric in ("level", "growth"):
            s = stmts.get(key, metric, "actual", unit="any")
            picks[metric] = None if s is None else pd.Series(s.row)
        out[key] = picks
    return out


def glue_headline(key: str, label: str, pick: dict[str, pd.Series | None]) -> None:
    """Glue one headline indicator and the sentence it rests on.

    Keys: ``<key>_level`` and ``<key>_growth`` (value with unit, or NOT_STATED), ``<key>_label``
    (English label with the Chinese name) and ``<key>_sentence`` (the report's sentence stating the
    level, else the growth, verbatim). Missing figures glue NOT_STATED, so the prose builds for any report.
    """
    level, growth = pick.get("level"), pick.get("growth")
    ref = level if level is not None else growth
    glue_text(f"{key}_level", format_claim(level))
    glue_text(f"{key}_growth", format_claim(growth))
    glue_text(f"{key}_label", label if ref is None else f"{label} ({ref['indicator']})")
    glue_text(f"{key}_sentence", "(the report states no such figure)" if ref is None else str(ref["sentence"]))


def headline_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """The headline results as a table: English label, Chinese name, level, growth, sentence."""
    rows = []
    picks = headline_rows(indicators)
    for key, label in HEADLINES:
        level, growth = picks[key]["level"], picks[key]["growth"]
        ref = level if level is not None else growth
        rows.append(
            {
                "indicator": label,
                "指标": "" if ref is None else str(ref["indicator"]),
                "level 总量": format_claim(level),
                "growth 增长": format_claim(growth),
                "period": "" if ref is None else str(ref["period"]),
                "source sentence 原文": "" if ref is None else str(ref["sentence"]),
            }
        )
    return pd.DataFrame(rows).astype("string")


def data_dictionary() -> pd.DataFrame:
    """Every column of the extraction tables with its dtype and meaning (from govreport.schema)."""
    from govreport import schema

    return pd.concat([s.describe() for s in schema.ALL_SCHEMAS], ignore_index=True)


def glue_table(key: str, df: pd.DataFrame) -> None:
    """Glue a table (HTML, escaped) for a ``{glue:}`` directive elsewhere in the book, shown nowhere here."""
    from myst_nb import glue

    glue(key, HTMLBlock(_blank_missing(df).to_html(index=False, escape=True, border=0, classes=["gr-table"]),
                        f"<table {key}: {len(df)} rows>"), display=False)


def _blank_missing(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values (NaN, None, pd.NA) as empty cells."""
    return df.astype(object).where(df.notna(), "")


def table(df: pd.DataFrame, name: str = "table") -> HTMLBlock:
    """A DataFrame as a plain HTML table: no index, cells escaped, no random ids (unlike Styler)."""
    html_text = _blank_missing(df).to_html(index=False, escape=True, border=0, classes=["gr-table"])
    return HTMLBlock(f'<div class="gr-scroll">{html_text}</div>', df.to_string(index=False))


def metadata_value(metadata: object, field: str) -> str:
    """One metadata field as text; empty when missing."""
    value = getattr(metadata, field, None) if metadata is not None else None
    return "" if value is None or value is pd.NA else str(value)


# ---------------------------------------------------------------------------------------------
# derived measures (govreport.derive)

MEASURE_HEADLINES = (
    ("tax_share_budget_revenue", "Tax share of general budget revenue"),
    ("primary_share_gdp", "Primary industry share of GDP"),
    ("urban_rural_income_ratio", "Urban-rural income ratio"),
)


def provenance_sentences(provenance: pd.DataFrame, table_name: str) -> dict[int, str]:
    """row_id -> the distinct sentences its inputs come from, in text order, joined by ' | '."""
    rows = provenance[provenance["table"] == table_name]
    out: dict[int, str] = {}
    for row_id, group in rows.sort_values(["row_id", "sentence_start"]).groupby("row_id", sort=True):
        sentences = [str(s) for s in group["sentence"].dropna().drop_duplicates()]
        out[int(row_id)] = " | ".join(sentences)
    return out


def measures_view(measures: pd.DataFrame, provenance: pd.DataFrame) -> pd.DataFrame:
    """The measures a report allows (status other than not_available), with their source sentences."""
    sentences = provenance_sentences(provenance, "measures")
    m = measures[measures["status"] != "not_available"].copy()
    m["sentences"] = [sentences.get(int(i), "") for i in m["measure_id"]]
    label = m["label_en"].astype("string").fillna("")
    subject = m["subject"].astype("string").fillna("")
    m["label"] = [f"{lab} ({s})" if s else lab for lab, s in zip(label, subject)]
    m["label_zh"] = m["label_zh"].astype("string").fillna("")
    return m.reset_index(drop=True)


def glue_measures(measures: pd.DataFrame, provenance: pd.DataFrame) -> None:
    """Glue the headline measures: ``<measure>``, ``<measure>_interval``, ``<measure>_label``,
    ``<measure>_status`` and ``<measure>_sentence``; NOT_STATED when the report does not allow one."""
    view = measures_view(measures, provenance)
    for key, label in MEASURE_HEADLINES:
        rows = view[view["measure"] == key]
        if rows.empty:
            glue_text(key, NOT_STATED)
            glue_text(f"{key}_interval", NOT_STATED)
            glue_text(f"{key}_label", label)
            glue_text(f"{key}_status", "not available")
            glue_text(f"{key}_sentence", "(the report states no input for it)")
            continue
        r = rows.iloc[0]
        glue_text(key, r["display"])
        glue_text(f"{key}_interval", r["interval"])
        glue_text(f"{key}_label", f"{r['label_en']} ({r['label_zh']})")
        glue_text(f"{key}_status", r["status"])
        glue_text(f"{key}_sentence", r["sentences"])


def targets_view(targets: pd.DataFrame) -> pd.DataFrame:
    """Targets with a readable label (English label with the Chinese name) for tables and charts."""
    t = targets.copy()
    label = t["label_en"].astype("string")
    t["label"] = [f"{lab} {ind}" if isinstance(lab, str) and lab else str(ind) for lab, ind in zip(label.tolist(), t["indicator"])]
    for col in ("result_sentence", "target_sentence", "ambition", "caveat"):
        t[col] = t[col].astype("string").fillna("")
    return t.reset_index(drop=True)


def glue_targets(targets: pd.DataFrame, audit: pd.DataFrame) -> None:
    """Glue counts of the ambition table and audit, and the GDP growth target with its sentence."""
    amb = targets["ambition"].astype("string")
    glue_text("n_target_rows", len(targets))
    glue_text("n_paired", int(targets["result"].notna().sum()))
    for a in ("raised", "lowered", "similar"):
        glue_text(f"n_{a}", int((amb == a).sum()))
    verdict = audit["verdict"].astype("string")
    glue_text("n_checks", len(audit))
    for v in ("consistent", "inconsistent", "not_checkable"):
        glue_text(f"n_{v}", int((verdict == v).sum()))
    gdp = targets[(targets["key"].astype("string") == "gdp") & (targets["metric"] == "growth")]
    if gdp.empty:
        for k in ("gdp_target", "gdp_target_result", "gdp_target_ambition"):
            glue_text(k, NOT_STATED)
        glue_text("gdp_target_sentence", "(the report states no GDP growth target)")
    else:
        r = gdp.iloc[0]
        glue_text("gdp_target", format_quantity(r["target"], r["unit"]))
        glue_text("gdp_target_result", format_quantity(r["result"], r["unit"]))
        glue_text("gdp_target_ambition", NOT_STATED if pd.isna(r["ambition"]) else str(r["ambition"]))
        glue_text("gdp_target_sentence", str(r["target_sentence"]))


def bilingual_names(linked: pd.DataFrame) -> pd.Series:
    """'English label 中文名' where the glossary knows the indicator, else the Chinese name alone.

    `linked` is ``govreport.derive(ex).linked`` (indicator rows with key and label_en).
    """
    names = []
    for en, zh in zip(linked["label_en"].tolist(), linked["indicator"].tolist()):
        en = "" if en is None or en is pd.NA or (isinstance(en, float) and math.isnan(en)) else str(en)
        names.append(f"{en} {zh}" if en else str(zh))
    return pd.Series(names, index=linked.index, dtype="string")
