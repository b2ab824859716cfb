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
    """Write each table as UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese); an unbounded interval end
    (infinite) is an empty cell, large values are in plain notation (the Parquet tables keep infinities)."""
    out = output_folder(folder)
    written = []
    for name, df in sorted(tables.items()):
        written.append(write_table(df, out / f"{name}.csv", "csv", bom=True, empty_infinities=True))
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


def _classes(narrow: bool) -> list[str]:
    return ["gr-table", "gr-narrow"] if narrow else ["gr-table"]


def searchable_table(df: pd.DataFrame, name: str, *, caption: str = "", max_rows: int | None = None,
                     narrow: bool = False) -> HTMLBlock:
    """A table with a filter box (a few lines of the page's own JavaScript, no library), in a scroll container.

    Cell text is HTML-escaped by pandas; the id is derived from `name`, so output is deterministic. ``narrow``: the
    table takes the column's width and its cells wrap.
    """
    element = _element_id("gr-table", name)
    shown = df if max_rows is None else df.head(max_rows)
    table = _blank_missing(shown).to_html(index=False, escape=True, border=0, justify="left", classes=_classes(narrow),
                                          table_id=element)
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

    glue(key, HTMLBlock(_blank_missing(df).to_html(index=False, escape=True, border=0, justify="left", classes=["gr-table"]),
                        f"<table {key}: {len(df)} rows>"), display=False)


def _blank_missing(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values (NaN, None, pd.NA) as empty cells."""
    return df.astype(object).where(df.notna(), "")


def table(df: pd.DataFrame, name: str = "table", *, narrow: bool = False) -> HTMLBlock:
    """A DataFrame as a plain HTML table: no index, cells escaped, no random ids (unlike Styler); ``narrow``: the
    table takes the column's width and its cells wrap (class ``gr-narrow``)."""
    html_text = _blank_missing(df).to_html(index=False, escape=True, border=0, justify="left", classes=_classes(narrow))
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
    ``<measure>_status`` and ``<measure>_sentence``; NOT_STATED when the report does not allow one. Values as the
    measures page shows them (results year only, as written or rounded to what the interval supports)."""
    view = measures_reader(measures, provenance)
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
        glue_text(f"{key}_label", f"{r['label_en']} ({r['label_zh']})")  # label_zh: the indicator's own name
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


# ---------------------------------------------------------------------------------------------
# the reader's book: findings, views with reader's words, downloads, empty sections

from govreport.publish import prose  # noqa: E402
from govreport.publish import regions as _regions  # noqa: E402

#: Marker of a section with nothing to show: scripts/build_book.py drops the whole section
#: (its heading and cells up to the next heading of the same or a higher level) from the page.
EMPTY_SECTION = "gr-empty-section"

#: Where the book's CSV files are served, relative to a chapter page (the build copies them to extra/tables/; not a
#: folder named data: Sphinx skips extra files matching exclude_patterns, and data/ is one).
DATA_URL = "../tables/"


def nothing(message: str) -> HTMLBlock:
    """Output of a cell whose section has nothing to show; the build removes that section."""
    return HTMLBlock(f'<p class="{EMPTY_SECTION}">{html.escape(message)}</p>', f"{EMPTY_SECTION}: {message}")


def prose_block(html_text: str, plain: str = "") -> HTMLBlock:
    return HTMLBlock(f'<div class="gr-prose">{html_text}</div>', plain or "(text)")


def glue_html(key: str, html_text: str) -> None:
    """Glue a block of HTML (built and escaped here) for a ``{glue:}`` directive in the book's pages."""
    from myst_nb import glue

    glue(key, HTMLBlock(f'<div class="gr-prose">{html_text}</div>', f"<{key}>"), display=False)


#: What one row of each table of the single-report book is, and which schema documents it.
TABLES = {
    "indicators": "one row per quantity the report states",
    "non_indicators": "every other number in the text, with the reason it is not a quantity",
    "sections": "the report's sections",
    "sentences": "the report's sentences, with their offsets",
    "vocabulary": "the most frequent policy terms of each chapter of the report",
    "measures": "ratios and shares derived from the stated numbers, with their rounding intervals",
    "targets": "this year's targets next to last year's results",
    "audit": "checks of the report's own arithmetic",
    "provenance": "for every measure, target and check, the stated numbers it uses",
}


def _schema_of(name: str):
    from govreport import schema

    for s in (*schema.ALL_SCHEMAS, *schema.DERIVED_SCHEMAS, *getattr(schema, "CORPUS_SCHEMAS", ()), schema.VOCABULARY):
        if s.name == name:
            return s
    return None


def downloads(names: Iterable[str], prefix: str = DATA_URL, descriptions: dict[str, str] | None = None) -> HTMLBlock:
    """Links to the chapter's CSV files (UTF-8), each with what one row is."""
    descriptions = descriptions or TABLES
    items = "".join(
        f'<li><a href="{html.escape(prefix + n)}.csv" download>{html.escape(n)}.csv</a>: '
        f'{html.escape(descriptions.get(n, ""))}</li>'
        for n in names
    )
    return HTMLBlock(f'<div class="gr-downloads"><p>Download the tables of this chapter (CSV, UTF-8; the columns '
                     f'are described in the data dictionary):</p><ul>{items}</ul></div>',
                     "downloads: " + ", ".join(f"{n}.csv" for n in names))


def dictionary_html(names: Iterable[str], prefix: str = DATA_URL, descriptions: dict[str, str] | None = None) -> str:
    """For each table: a link to its CSV, what one row is, and every column with its type and meaning (from the
    schema in ``govreport.schema``)."""
    descriptions = descriptions or TABLES
    parts = []
    for n in names:
        s = _schema_of(n)
        head = (f'<h3 id="table-{html.escape(n)}"><a href="{html.escape(prefix + n)}.csv" download>{html.escape(n)}.csv</a></h3>'
                f'<p>One row: {html.escape(descriptions.get(n, s.description if s else ""))}.</p>')
        if s is None:
            parts.append(head)
            continue
        cols = pd.DataFrame([{"column": c, "type": _TYPE_WORDS.get(d, d), "meaning": m.replace("NaN", "empty")}
                             for c, d, m in s.columns])
        parts.append(head + table(cols).html)
    return "".join(parts)


_TYPE_WORDS = {"string": "text", "float64": "number", "int64": "integer", "Int64": "integer (may be empty)",
               "bool": "true/false"}


def report_facts(ex) -> str:
    """The report's identity as HTML: place (English and Chinese), year, title, delivery, speaker, size."""
    m = ex.report.metadata
    region = metadata_value(m, "region")
    rows = [
        ("Place 地区", _regions.display_name(region) if region else "not stated in the report"),
        ("Report year 年份", metadata_value(m, "year") or "not stated"),
        ("Title 标题", metadata_value(m, "title") or "not stated"),
        ("Delivered 日期", metadata_value(m, "date") or "not stated"),
        ("Speaker 报告人", (metadata_value(m, "speaker") + " (the head of government, who delivers the report)")
         if metadata_value(m, "speaker") else "not stated"),
        ("Size 篇幅", f"{prose.count(len(ex.sections), 'section')}, {prose.count(len(ex.sentences), 'sentence')}, "
                      f"{prose.count(len(ex.indicators), 'quantity', 'quantities')} and "
                      f"{prose.count(len(ex.non_indicators), 'other number')} (dates, ordinals, names)"),
    ]
    body = "".join(f"<tr><th>{prose.esc(k)}</th><td>{prose.esc(v)}</td></tr>" for k, v in rows)
    return f'<table class="gr-facts">{body}</table>'


def _label(key: str, row: pd.Series | None) -> str:
    entry = glossary.by_key().get(key)
    en = entry.label_en if entry else key
    zh = str(row["indicator"]) if row is not None else (entry.name_zh if entry else "")
    return f"{prose.esc(en)} ({prose.esc(zh)})" if zh else prose.esc(en)


def _growth_words(row: pd.Series) -> str:
    v = float(row["value"])
    amount = prose.quantity(abs(v), row["unit"], row.get("qualifier"), None if pd.isna(row.get("value_high")) else abs(float(row["value_high"])))
    return f"down {prose.esc(amount)}" if v < 0 else f"up {prose.esc(amount)}"


def key_findings(ex, derived, limit: int = 5) -> list[prose.Finding]:
    """Three to five findings in plain English, each resting on the sentence(s) it quotes: output and its growth,
    the growth target against last year's result, budget revenue, incomes (with the urban-rural ratio), checks of
    the report's arithmetic that fail; then other headline results while fewer than three were found."""
    picks = headline_rows(ex.indicators)
    out: list[prose.Finding] = []

    def result(key: str, noun: str | None = None) -> prose.Finding | None:
        level, growth = picks[key]["level"], picks[key]["growth"]
        if level is None and growth is None:
            return None
        ref = level if level is not None else growth
        period = str(ref["period"]) if not pd.isna(ref["period"]) else ""
        parts = []
        if level is not None:
            parts.append(f"was {prose.esc(prose.claim(level))}" + (f" in {prose.esc(period)}" if period else ""))
        if growth is not None:
            parts.append(_growth_words(growth) + (" on the year before" if level is not None else f" in {prose.esc(period)}"))
        sentences = tuple(dict.fromkeys(str(r["sentence"]) for r in (level, growth) if r is not None))
        return prose.Finding(f"<b>{_label(key, ref)}</b> {', '.join(parts)}.", sentences)

    gdp = result("gdp")
    if gdp:
        out.append(gdp)
    t = derived.targets
    g = t[(t["key"].astype("string") == "gdp") & (t["metric"] == "growth")]
    if len(g):
        r = g.iloc[0]
        target = prose.quantity(r["target"], r["unit"], r["qualifier"], r.get("target_high") if False else None)
        text = f"<b>The growth target</b> for {prose.esc(r['target_period'])} is {prose.esc(target)}"
        if not pd.isna(r["result"]):
            amb = {"raised": "a higher aim than", "lowered": "a lower aim than", "similar": "about the same as"}.get(
                str(r["ambition"]), "compared with")
            text += f", {amb} the {prose.esc(prose.quantity(r['result'], r['unit']))} achieved in {prose.esc(r['result_period'])}"
        out.append(prose.Finding(text + ".", tuple(dict.fromkeys(
            str(s) for s in (r["target_sentence"], r["result_sentence"]) if not pd.isna(s) and str(s)))))
    rev = result("budget_revenue")
    if rev:
        out.append(rev)
    urban, rural = picks["income_urban"]["level"], picks["income_rural"]["level"]
    if urban is not None and rural is not None:
        ratio = derived.measures[(derived.measures["measure"] == "urban_rural_income_ratio")
                                 & (derived.measures["status"] != "not_available")]
        text = (f"<b>Incomes:</b> per-capita disposable income was {prose.esc(prose.claim(urban))} for urban and "
                f"{prose.esc(prose.claim(rural))} for rural residents")
        if len(ratio):
            how = "as the report states" if ratio.iloc[0]["status"] == "stated" else "computed from the two"
            text += f", a ratio of {prose.esc(ratio.iloc[0]['display'])} ({how})"
        out.append(prose.Finding(text + ".", tuple(dict.fromkeys([str(urban["sentence"]), str(rural["sentence"])]))))
    audit = derived.audit
    bad = audit[audit["verdict"].astype("string") == "inconsistent"]
    if len(bad):
        first = bad.iloc[0]
        out.append(prose.Finding(
            f"<b>The report's arithmetic:</b> {prose.count(len(bad), 'figure')} of the report "
            f"{'does' if len(bad) == 1 else 'do'} not agree with the others beyond rounding, for instance "
            f"{prose.esc(first['indicator'])} (stated {prose.esc(prose.number(first['stated']))}, expected "
            f"{prose.esc(prose.number(first['expected']))}).",
            tuple(s for s in str(first.get("sentences", "") or "").split(" | ") if s)[:2]))
    for key in ("retail", "fai", "urban_new_jobs", "income_all", "industry_va_above_scale", "trade"):
        if len(out) >= 3:
            break
        f = result(key)
        if f:
            out.append(f)
    return out[:limit]


def indicators_view(linked: pd.DataFrame) -> pd.DataFrame:
    """Every quantity in reader's words: name (English where the glossary knows it), what is measured, the value as
    written (qualifier kept, a rank with its scope), period, result or target, aspect, section and sentence."""
    df = linked
    return pd.DataFrame({
        "indicator 指标": bilingual_names(df),
        "measured as": [prose.word(m) for m in df["metric"]],
        "value 数值": [prose.claim(r) for r in df.to_dict("records")],
        "period": df["period"].astype("string").fillna(""),
        "result or target": [prose.word(k) for k in df["kind"]],
        "kind of quantity": [prose.word(a) for a in df["aspect"]] if "aspect" in df else "",
        "estimate": ["estimate (预计)" if bool(e) else "" for e in df.get("estimated", [False] * len(df))],
        "section 部分": df["section"].astype("string").fillna(""),
        "sentence 原文": df["sentence"].astype("string").fillna(""),
    }).astype("string")


def results_year(linked: pd.DataFrame) -> str | None:
    """The year the review reports on (the most frequent period of results in review sections)."""
    r = linked[(linked["kind"] == "actual") & (linked["section_role"] == "review")]["period"].astype("string")
    r = r[r.str.fullmatch(r"\d{4}", na=False)]
    return None if r.empty else str(r.value_counts().sort_index(ascending=False).idxmax())


def annual_growth(linked: pd.DataFrame) -> pd.DataFrame:
    """Growth rates in % stated as results of the results year: no five-year (年均, 累计, 较“十三五”) figures, no spans,
    with a `direction` from the glossary (good news, bad news, no direction)."""
    year = results_year(linked)
    aspect = linked["aspect"].astype("string").fillna("") if "aspect" in linked else pd.Series("", index=linked.index)
    g = linked[(linked["metric"] == "growth") & (linked["unit"] == "%") & (linked["kind"] == "actual")
               & (linked["section_role"] == "review") & (linked["period"].astype("string") == (year or ""))
               & ~aspect.isin(["average", "cumulative"])].copy()
    g["direction"] = [{"good": "good news", "bad": "bad news"}.get(prose.direction(k, v), "no direction")
                      for k, v in zip(g["key"], g["value"])]
    g["name"] = bilingual_names(g)
    g["shown"] = [prose.claim(r) for r in g.to_dict("records")]
    return g


def headline_amounts(linked: pd.DataFrame) -> pd.DataFrame:
    """Levels in 亿元 of the glossary's headline money flows (output, revenue, investment, retail, trade) for the
    results year: comparable amounts only, one row per key (the statement the measures use)."""
    stmts = Statements(linked)
    rows = []
    for e in glossary.entries():
        if not e.headline or e.unit_family != "money" or e.key in ("deficit", "special_bonds") or "per_capita" in e.aspects:
            continue
        s = stmts.get(e.key, "level", "actual", unit="any")
        if s is None or str(s.row.get("unit")) != "亿元":
            continue
        row = dict(s.row)
        row["name"] = f"{e.label_en} {row['indicator']}"
        row["shown"] = prose.claim(row)
        rows.append(row)
    return pd.DataFrame(rows)


def measures_reader(measures: pd.DataFrame, provenance: pd.DataFrame, results_only: bool = True) -> pd.DataFrame:
    """The measures a report allows in reader's words, shares with intervals clipped to 0–100%, open ends as
    'at least'. ``results_only``: only the measures of the results year (scope ``actual``), never the plan's
    targets. A stated measure reads as the report writes it (2.3:1, 80%以上); a computed one is rounded to what its
    interval supports (a share known to 24–39% reads 31%, not 30.98%)."""
    v = measures_view(measures, provenance)
    if results_only:
        v = v[v["scope"].astype("string") == "actual"].reset_index(drop=True)
    share = v["measure"].astype("string").str.contains("share", na=False)
    v["how"] = [prose.word(s) for s in v["status"]]
    written = _written_inputs(provenance)
    subject = v["subject"].astype("string").fillna("")
    v["label_zh"] = [sub if sub else zh for sub, zh in zip(subject, v["label_zh"])]  # the indicator's own name
    shown, ranges = [], []
    for r, sh in zip(v.itertuples(index=False), share):
        if r.status == "stated" and int(r.measure_id) in written:
            token, unit, qualifier = written[int(r.measure_id)]
            shown.append(prose.quantity(token, unit, qualifier))  # as written: 2.3:1, 80%以上
            ranges.append(_range(r.low, r.high, r.unit, bool(sh)))
        else:
            scale, _ = _scale_of(r.value, r.unit)
            d = supported_decimals(r.low / scale, r.high / scale, _display_decimals(r.unit))
            shown.append(_rounded(r.value, r.unit, d))
            ranges.append(_range(r.low, r.high, r.unit, bool(sh), d))
    v["display"] = shown
    v["range"] = ranges
    v["low_shown"] = [max(lo, 0.0) if sh and u == "%" else lo for lo, u, sh in zip(v["low"], v["unit"], share)]
    v["high_shown"] = [min(hi, 100.0) if sh and u == "%" else hi for hi, u, sh in zip(v["high"], v["unit"], share)]
    return v


def _written(provenance: pd.DataFrame | None, table: str, role: str) -> dict[int, tuple[object, object]]:
    """row id -> (unit, qualifier) of the statement of `role` behind each row, as the report writes it."""
    if provenance is None or provenance.empty:
        return {}
    p = provenance[(provenance["table"] == table) & (provenance["role"] == role)]
    return {int(i): (u, q) for i, u, q in zip(p["row_id"], p["unit"], p["qualifier"])}


def targets_reader(targets: pd.DataFrame, provenance: pd.DataFrame | None = None) -> pd.DataFrame:
    """Targets in reader's words, leaving out durations (15分钟 of a service radius is not a target); with the
    provenance, each result keeps the qualifier the report writes (15%以上, 2,500余场)."""
    written = _written(provenance, "targets", "result")
    t = targets_view(targets)
    t = t[~t["unit"].astype("string").isin(["分钟", "小时", "秒"])].copy()
    # a range target (5%–5.5%) is the one case where the upper end of the interval is written in the report
    t["target_shown"] = [prose.quantity(a, u, q, h if not prose._missing(q) and str(q) == "range" else None)
                         for a, u, q, h in zip(t["target"], t["unit"], t["qualifier"], t["target_high"])]
    t["result_shown"] = [prose.quantity(a, u, written.get(int(i), (None, None))[1])
                         for a, u, i in zip(t["result"], t["unit"], t["target_id"])]
    t["change_shown"] = [
        "" if pd.isna(c) else (f"{'+' if c > 0 else ''}{prose.number(c)} {'percentage points' if u == '%' else prose.esc(u)}").strip()
        for c, u in zip(t["change"], t["unit"])
    ]
    t["ambition_shown"] = [prose.word(a) for a in t["ambition"]]
    t["measured as"] = [prose.word(m) for m in t["metric"]]
    t["direction"] = [{"good": "good news", "bad": "bad news"}.get(prose.direction(k, c), "no direction")
                      for k, c in zip(t["key"], t["change"])]
    return t.reset_index(drop=True)


def _range(low: float, high: float, unit: object, share: bool, decimals: int | None = None) -> str:
    """A measure's interval in the unit a reader expects: amounts in 元 of 100 million or more in 亿元; rounded to
    `decimals` of that unit when given."""
    scale, shown = _scale_of(high, unit)
    lo, hi = low / scale, high / scale
    if decimals is not None:
        lo, hi = (round(x, decimals) if math.isfinite(x) else x for x in (lo, hi))
    elif shown == "元":
        lo, hi = (round(x) if math.isfinite(x) else x for x in (lo, hi))
    return prose.interval(lo, hi, shown, share=share)


def _scale_of(x: float, unit: object) -> tuple[float, str]:
    if unit == "元" and not pd.isna(x) and math.isfinite(x) and abs(x) >= 1e8:
        return 1e8, "亿元"
    return 1.0, "" if prose._missing(unit) else str(unit)


def _display_decimals(unit: object) -> int:
    """The most decimals a measure is shown with: shares 2, ratios (x:1) 3, amounts 2 (亿元) or 1 (元)."""
    return {"%": 2, ":1": 3}.get(str(unit), 2 if unit == "元" else 1)


def supported_decimals(low: float, high: float, most: int) -> int:
    """The decimals an interval supports: the place of the first significant digit of its half-width (the
    second when that digit is 1), never more than `most`; negative rounds to tens, hundreds (±1,100 -> 100s)."""
    if any(pd.isna(x) or not math.isfinite(x) for x in (low, high)) or high <= low:
        return most
    half = (high - low) / 2
    place = math.floor(math.log10(half))
    if half / 10 ** place < 2:
        place -= 1
    return min(most, -place)


def _rounded(value: float, unit: object, decimals: int) -> str:
    scale, shown = _scale_of(value, unit)
    x = value / scale
    x = round(x, decimals) if decimals > 0 else round(x, decimals)
    text = prose.number(x if decimals > 0 else int(x))
    if decimals > 0 and "." in text:
        whole, frac = text.split(".")
        text = f"{whole}.{frac.ljust(decimals, '0')}" if shown == "%" else text
    return f"{text}:1" if shown == ":1" else f"{text}{shown}"


def _written_inputs(provenance: pd.DataFrame) -> dict[int, tuple[object, object, object]]:
    """measure id -> (token, unit, qualifier) of a measure with one input, as the report writes it."""
    if provenance is None or provenance.empty:
        return {}
    p = provenance[provenance["table"] == "measures"]
    one = p.groupby("row_id").filter(lambda g: len(g) == 1)
    return {int(i): (t, u, q) for i, t, u, q in zip(one["row_id"], one["token"], one["unit"], one["qualifier"])}


# ---------------------------------------------------------------------------------------------
# what built the book, and how to cite it


def build_version(root: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The package version and, where the source is a git checkout, the commit (with ``-modified`` when the
    working tree differs from it). Never a time stamp: the same source gives the same book."""
    import subprocess
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("govreport")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        v = "unknown"
    root = Path(root) if root else repo_root()
    commit = ""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
        if commit and dirty:
            commit += "-modified"
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    return {"version": v, "commit": commit or "not a git checkout"}


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$&:\"'^=@%")


def md_escape(text: object) -> str:
    """Text for a MyST page (a substitution): every ASCII punctuation character backslash-escaped, so report text
    can never become markup, a role or a link."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in ("" if text is None else str(text)))
