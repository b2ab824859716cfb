"""Table schemas: the one place where column names, their order and dtypes are defined.

Every DataFrame the package returns is built with :func:`frame` from one of these
schemas, so a table always has the same columns in the same order with the same
dtypes, even when it is empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

STRING = "string"  # pandas nullable string dtype; missing text is pd.NA, never ""
FLOAT = "float64"
INT = "int64"
NULLABLE_INT = "Int64"  # an integer that may be missing (pd.NA), e.g. the year of a report that failed
BOOL = "bool"

METRICS = ("level", "growth", "share", "ratio", "change_pp", "rank")
KINDS = ("actual", "target")
QUALIFIERS = ("", "余", "以上", "左右", "近", "突破", "超", "约", "不低于", "以内", "前", "range")
SECTION_ROLES = ("review", "plan", "self_building", "other")


@dataclass(frozen=True)
class Schema:
    """An ordered set of columns with their dtypes and a one-line meaning each."""

    name: str
    columns: tuple[tuple[str, str, str], ...]  # (column, dtype, meaning)
    #: unit of a column where it has one fixed unit (the datapackage's field ``unit``), e.g. {"start": "characters"}
    units: Mapping[str, str] = field(default_factory=dict)
    #: what one row is, for the datapackage's resource description
    description: str = ""
    #: columns added later, with the value a row or a table written before them takes (older CSV files still load)
    defaults: tuple[tuple[str, object], ...] = ()

    @property
    def names(self) -> list[str]:
        return [c for c, _, _ in self.columns]

    @property
    def dtypes(self) -> dict[str, str]:
        return {c: d for c, d, _ in self.columns}

    def describe(self) -> pd.DataFrame:
        """The schema itself as a table (for documentation pages)."""
        return frame(
            DATA_DICTIONARY,
            ({"table": self.name, "column": c, "dtype": d, "meaning": m} for c, d, m in self.columns),
        )


def frame(schema: Schema, rows: Iterable[Mapping[str, object]] = ()) -> pd.DataFrame:
    """Build a DataFrame with exactly the schema's columns, order and dtypes.

    Rows must hold every column of the schema (and no other). Built column by column with
    the final dtype, so there is no cast pass afterwards.
    """
    rows = list(rows)
    for row in rows[:1]:
        extra = [c for c in row if c not in schema.dtypes]
        if extra:
            raise ValueError(f"{schema.name}: columns not in the schema: {extra}")
    defaults = dict(schema.defaults)
    columns = {}
    for column in schema.names:
        try:
            columns[column] = [row[column] if column not in defaults else row.get(column, defaults[column])
                               for row in rows]
        except KeyError:
            raise ValueError(f"{schema.name}: missing column: {column}") from None
    return frame_from_columns(schema, columns)


def frame_from_columns(schema: Schema, columns: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """The same DataFrame as :func:`frame`, from the values of each column (every column of the schema, all of
    the same length; a column with a default may be left out): no row dictionaries to build and take apart."""
    extra = [c for c in columns if c not in schema.dtypes]
    if extra:
        raise ValueError(f"{schema.name}: columns not in the schema: {extra}")
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"{schema.name}: columns of different lengths: {sorted(lengths)}")
    n = lengths.pop() if lengths else 0
    defaults = dict(schema.defaults)
    data = {}
    for column, dtype in schema.dtypes.items():
        if column in columns:
            values = columns[column]
        elif column in defaults:
            values = [defaults[column]] * n
        else:
            raise ValueError(f"{schema.name}: missing column: {column}")
        data[column] = array(dtype, values)
    return pd.DataFrame(data, copy=False)  # the schema's columns in order (no reindexing), arrays made here (no copy)


def array(dtype: str, values: Sequence[object]):
    """One column of a schema dtype from Python values, as :func:`frame` builds each column: text as str (None or
    NaN missing), numbers as given. Also for a column added to a table this package built, so that :func:`conform`
    finds it already of the schema's dtype and casts nothing."""
    if dtype == STRING:
        return _string_array([v if type(v) is str else None if v is None or (isinstance(v, float) and v != v)
                              else str(v) for v in values])
    if dtype in (FLOAT, INT, BOOL):
        return np.array(values, dtype=dtype)  # as pd.array(values, dtype=dtype), up to 20 times faster
    return pd.array(values, dtype=dtype)


def _string_array(values: list[str | None]):
    """pandas' string dtype from a list of str/None: straight through Arrow when pandas keeps strings in Arrow
    (three times faster than pd.array's element checks), else pd.array."""
    if _ARROW_STRINGS:
        import pyarrow as pa

        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
    return pd.array(values, dtype=STRING)


_ARROW_STRINGS = (isinstance(pd.array([], dtype=STRING), getattr(pd.arrays, "ArrowStringArray", ()))
                  and str(pd.array([], dtype=STRING)._pa_array.type) == "large_string")


def conform(schema: Schema, df: pd.DataFrame) -> pd.DataFrame:
    """Cast an existing DataFrame to the schema (columns outside the schema are an error)."""
    extra = [c for c in df.columns if c not in schema.dtypes]
    if extra:
        raise ValueError(f"{schema.name}: columns not in the schema: {extra}")
    defaults = dict(schema.defaults)
    missing = [c for c in schema.names if c not in df.columns and c not in defaults]
    if missing:
        raise ValueError(f"{schema.name}: missing columns: {missing}")
    df = df.assign(**{c: defaults[c] for c in defaults if c not in df.columns})
    out = df[schema.names].copy()
    for column, dtype in schema.dtypes.items():
        if out[column].dtype == _dtype(dtype):
            continue  # already of the schema's dtype (a table this package built): nothing to cast
        if dtype == STRING:
            out[column] = out[column].astype("object").where(out[column].notna(), None).astype(STRING)
        else:
            out[column] = out[column].astype(dtype)
    return out.reset_index(drop=True)


_DTYPES: dict[str, object] = {}


def _dtype(name: str):
    """The pandas dtype of a schema dtype name, made once."""
    if name not in _DTYPES:
        _DTYPES[name] = pd.api.types.pandas_dtype(name)
    return _DTYPES[name]


DATA_DICTIONARY = Schema(
    "data_dictionary",
    (
        ("table", STRING, "table the column belongs to"),
        ("column", STRING, "column name"),
        ("dtype", STRING, "pandas dtype"),
        ("meaning", STRING, "what the column holds"),
    ),
)

INDICATORS = Schema(
    "indicators",
    (
        ("indicator", STRING, "short Chinese name of what is measured, e.g. 地区生产总值"),
        ("metric", STRING, "level, growth, share, ratio, change_pp or rank"),
        ("value", FLOAT, "the number as written; negative for declines (下降25.1% is -25.1)"),
        ("unit", STRING, "unit as written, with magnitude words: 亿元, 万人次, %, 个百分点, :1, 倍"),
        ("base_value", FLOAT, "value with magnitude words applied: 1179.4亿元 is 117940000000"),
        ("base_unit", STRING, "unit without magnitude words: 元, 人次, %, 百分点, 倍, 位"),
        ("period", STRING, "period the value refers to: a year (2023), a span (2021-2025) or cumulative"),
        ("kind", STRING, "actual (a result) or target (a plan)"),
        ("qualifier", STRING, "余, 以上, 左右, 近, 突破, 超, 约, 不低于, 以内, 前, range; empty if none"),
        ("section", STRING, "title of the innermost section holding the sentence"),
        ("sentence", STRING, "the full sentence the number comes from, as in the text"),
        ("start", INT, "offset of the first character of the number in the decoded text"),
        ("end", INT, "offset one past the last character of the number"),
        ("token", STRING, "the number exactly as written in the text (text[start:end])"),
        ("value_high", FLOAT, "upper end when the claim is a range (5%—5.5%), else NaN"),
        ("section_role", STRING, "review, plan, self_building or other"),
        ("sentence_start", INT, "offset of the sentence in the decoded text"),
        ("sentence_end", INT, "offset one past the end of the sentence"),
        ("aspect", STRING, "what kind of quantity: new (新增, added in the period), stock (总量, a total standing), "
                           "per_capita (人均), average (年均), cumulative (累计 over a span); empty if none"),
        ("scope", STRING, "the whole a rank or share is relative to, as written (全市, 渝东北, 全国); empty otherwise"),
        ("estimated", BOOL, "true when the report gives the value as an estimate (预计, 初步统计)"),
        ("rule", STRING, "the named rules that decided the row (metric, name, period, kind), joined by ';'"),
    ),
    defaults=(("aspect", None), ("scope", None), ("estimated", False), ("rule", None)),
)

NON_INDICATORS = Schema(
    "non_indicators",
    (
        ("token", STRING, "the number exactly as written"),
        ("value", FLOAT, "its numeric value where it has one, else NaN"),
        ("reason", STRING, "why it is not an indicator: date, ordinal, name_or_code, grade_label, ..."),
        ("rule", STRING, "the named rule that decided the reason (date.year_followed, name_or_code.in_quotes, ...)"),
        ("context", STRING, "a few characters around the number"),
        ("section", STRING, "title of the innermost section holding the sentence"),
        ("sentence", STRING, "the full sentence the number comes from"),
        ("start", INT, "offset of the first character of the number in the decoded text"),
        ("end", INT, "offset one past the last character of the number"),
    ),
)

SECTIONS = Schema(
    "sections",
    (
        ("section_id", INT, "position of the section in document order, from 0"),
        ("level", INT, "1 for top-level (一、), 2 for second-level (（一）)"),
        ("label", STRING, "the numbering as written (一、, （一）) or empty for unnumbered headings"),
        ("title", STRING, "heading text without its numbering"),
        ("role", STRING, "review, plan, self_building or other"),
        ("period", STRING, "period the section covers (2023, 2021-2025) or empty"),
        ("parent_id", INT, "section_id of the enclosing top-level section, -1 for top level"),
        ("start", INT, "offset of the heading's first character"),
        ("end", INT, "offset one past the section's last character"),
    ),
)

SENTENCES = Schema(
    "sentences",
    (
        ("sentence_id", INT, "position of the sentence in document order, from 0"),
        ("section_id", INT, "innermost section holding it, -1 for the preamble"),
        ("start", INT, "offset of the sentence's first character"),
        ("end", INT, "offset one past its last character"),
        ("text", STRING, "the sentence as in the text"),
    ),
)

ALL_SCHEMAS = (INDICATORS, NON_INDICATORS, SECTIONS, SENTENCES)


# --- derived measures (glossary.py, measures.py, targets.py, audit.py) --------------------------

GLOSSARY = Schema(
    "glossary",
    (
        ("key", STRING, "canonical indicator key, e.g. gdp, income_rural"),
        ("name_zh", STRING, "usual Chinese name"),
        ("aliases", STRING, "other names as reports write them, |-separated"),
        ("label_en", STRING, "English label"),
        ("unit_family", STRING, "money, persons, percent, ratio, days or mass"),
        ("base_unit", STRING, "base unit(s) a level may have, |-separated, the first for arithmetic (元, 元|美元, 人, %, 吨)"),
        ("metrics", STRING, "metrics the indicator takes, |-separated, the default first"),
        ("growth_basis", STRING, "real (constant prices) or nominal growth; NA when not a money flow"),
        ("better", STRING, "higher or lower is better, or band (close to the target: CPI); NA if no direction"),
        ("headline", BOOL, "a headline indicator, the kind a reader looks for first"),
        ("aspects", STRING, "aspects a statement of the key may have (new, stock, per_capita, average, cumulative), |-separated"),
        ("category", STRING, "output, industry, demand, fiscal, income, employment, ..."),
        ("note", STRING, "caveat on the definition"),
    ),
)

LINKED = Schema(
    "linked_indicators",
    INDICATORS.columns
    + (
        ("key", STRING, "canonical indicator key from the glossary; NA when the name matches none"),
        ("label_en", STRING, "English label of the canonical indicator; NA when unlinked"),
    ),
)

MEASURES = Schema(
    "measures",
    (
        ("measure_id", INT, "row number, referred to by the provenance table"),
        ("measure", STRING, "measure key from measures.csv, e.g. tax_share_budget_revenue"),
        ("label_en", STRING, "English label"),
        ("label_zh", STRING, "Chinese label"),
        ("subject", STRING, "indicator the measure is about, for per-indicator measures (implied_total); else NA"),
        ("scope", STRING, "actual (results of the review year) or target (plan year)"),
        ("period", STRING, "year of the inputs"),
        ("status", STRING, "stated, computed, implied, approximation or not_available"),
        ("formula", STRING, "formula over canonical keys that produced the value"),
        ("value", FLOAT, "the measure (percent for shares, x for x:1 ratios, base units for levels)"),
        ("low", FLOAT, "lower end of the interval that follows from the rounding of the inputs"),
        ("high", FLOAT, "upper end of that interval"),
        ("unit", STRING, "unit of value, low and high: %, :1, 元, 美元, ..."),
        ("display", STRING, "value for people, in the magnitude the report uses (84.45亿元, 10.16%)"),
        ("interval", STRING, "the interval for people, same units as display"),
        ("inputs", STRING, "inputs as stated, key=token unit (period), ;-separated"),
        ("missing", STRING, "inputs the report does not state, when status is not_available"),
        ("assumption", STRING, "assumption behind an approximation"),
        ("explanation", STRING, "one-line explanation of the measure"),
        ("note", STRING, "other routes and their values, repeated statements of an input"),
        ("spans", STRING, "start-end offsets of the input numbers in the text, ;-separated"),
    ),
)

PROVENANCE = Schema(
    "provenance",
    (
        ("table", STRING, "measures, targets or audit"),
        ("row_id", INT, "measure_id, target_id or check_id of the row the input belongs to"),
        ("role", STRING, "what the input is in that row, e.g. gdp.level, target, result, base"),
        ("key", STRING, "canonical key of the input; NA when unlinked"),
        ("indicator", STRING, "indicator name as extracted"),
        ("metric", STRING, "level, growth, share, ratio, change_pp or rank"),
        ("value", FLOAT, "the number as written"),
        ("unit", STRING, "unit as written"),
        ("token", STRING, "the number exactly as written"),
        ("qualifier", STRING, "qualifier as extracted"),
        ("period", STRING, "period the number refers to"),
        ("kind", STRING, "actual or target"),
        ("start", INT, "offset of the number in the decoded text"),
        ("end", INT, "offset one past the number"),
        ("sentence", STRING, "the sentence the number comes from"),
        ("sentence_start", INT, "offset of the sentence"),
        ("sentence_end", INT, "offset one past the sentence"),
    ),
)

TARGETS = Schema(
    "targets",
    (
        ("target_id", INT, "row number, referred to by the provenance table"),
        ("key", STRING, "canonical key; NA when paired by indicator name only or unpaired"),
        ("indicator", STRING, "indicator name as the plan writes it"),
        ("label_en", STRING, "English label of the canonical indicator, NA when unlinked"),
        ("metric", STRING, "metric of the target: growth, level, share, ..."),
        ("unit", STRING, "unit of result, target and change (as the target is written: %, 亿元, 万人)"),
        ("result_period", STRING, "year of the result"),
        ("result", FLOAT, "last year's result in the same metric, in the target's unit; NaN if not stated"),
        ("result_low", FLOAT, "lower end of the result's rounding interval"),
        ("result_high", FLOAT, "upper end of the result's rounding interval"),
        ("target_period", STRING, "year of the target"),
        ("target", FLOAT, "this year's target as written"),
        ("target_low", FLOAT, "lower end of the target's interval (qualifier and rounding)"),
        ("target_high", FLOAT, "upper end of the target's interval"),
        ("qualifier", STRING, "qualifier of the target: 以上, 左右, range, ...; NA if none"),
        ("aspiration", BOOL, "the target is introduced by 力争 (strive for)"),
        ("change", FLOAT, "target minus result (percentage points for growth and shares)"),
        ("change_low", FLOAT, "lower end of the change's interval"),
        ("change_high", FLOAT, "upper end of the change's interval"),
        ("ambition", STRING, "raised, lowered, similar (intervals overlap), or NA when no result"),
        ("base_level", FLOAT, "last year's level, for growth targets, in base_level_unit"),
        ("base_level_unit", STRING, "unit of base_level and implied_level as the report writes it (亿元)"),
        ("implied_level", FLOAT, "base level × (1 + target growth): the level the target implies"),
        ("implied_level_low", FLOAT, "lower end of the implied level's interval"),
        ("implied_level_high", FLOAT, "upper end of the implied level's interval"),
        ("implied_growth", FLOAT, "for level targets: growth in % the target implies over last year's level"),
        ("implied_growth_low", FLOAT, "lower end of the implied growth's interval"),
        ("implied_growth_high", FLOAT, "upper end of the implied growth's interval"),
        ("growth_basis", STRING, "real or nominal growth, from the glossary"),
        ("caveat", STRING, "what to keep in mind when reading the row (real vs nominal growth, 力争)"),
        ("pairing", STRING, "key, indicator_name or unpaired: how the result was found"),
        ("target_sentence", STRING, "sentence stating the target"),
        ("target_start", INT, "offset of the target number"),
        ("result_sentence", STRING, "sentence stating the result; NA if none"),
        ("result_start", INT, "offset of the result number, -1 if none"),
    ),
)

AUDIT = Schema(
    "audit",
    (
        ("check_id", INT, "row number, referred to by the provenance table"),
        ("check", STRING, "target_level_growth, result_level_growth, stated_vs_computed or sum_of_parts"),
        ("key", STRING, "canonical key (or measure key for stated_vs_computed)"),
        ("indicator", STRING, "indicator name as written"),
        ("period", STRING, "year checked"),
        ("description", STRING, "what is checked, in words"),
        ("expected", FLOAT, "value that follows from the other stated numbers"),
        ("expected_low", FLOAT, "lower end of the expected value's interval"),
        ("expected_high", FLOAT, "upper end of the expected value's interval"),
        ("stated", FLOAT, "value the report states"),
        ("stated_low", FLOAT, "lower end of the stated value's interval"),
        ("stated_high", FLOAT, "upper end of the stated value's interval"),
        ("unit", STRING, "unit of expected and stated"),
        ("difference", FLOAT, "stated minus expected"),
        ("relative_difference", FLOAT, "difference / expected"),
        ("tolerance", STRING, "the intervals compared, in words"),
        ("verdict", STRING, "consistent, inconsistent or not_checkable"),
        ("reason", STRING, "why the verdict, or which input is missing"),
        ("inputs", STRING, "the stated numbers used, ;-separated"),
        ("sentences", STRING, "the sentences the numbers come from, ' | '-separated"),
        ("spans", STRING, "start-end offsets of the numbers, ;-separated"),
    ),
)

TARGET_SUMMARY = Schema(
    "target_summary",
    (
        ("indicator", STRING, "indicator as the plan writes it"),
        ("label_en", STRING, "English label of the canonical indicator, NA when unlinked"),
        ("metric", STRING, "growth, level, share, ..."),
        ("result", STRING, "last year's result as text (6.9%), NA when the review does not state it"),
        ("target", STRING, "this year's target as written, with its qualifier (18%以上, 3.5%左右)"),
        ("change", STRING, "target minus result (+0.1个百分点, -0.3万人)"),
        ("ambition", STRING, "raised, lowered or similar; NA without a result"),
        ("qualifier", STRING, "力争 and the number's qualifier (以上, 左右, ...), space-separated"),
        ("implied", STRING, "level a growth target implies, or growth a level target implies"),
        ("caveat", STRING, "what to keep in mind (real vs nominal growth, floors, 力争)"),
        ("target_id", INT, "row of the full targets table"),
    ),
)

DERIVED_SCHEMAS = (GLOSSARY, LINKED, MEASURES, PROVENANCE, TARGETS, TARGET_SUMMARY, AUDIT)


# --- the corpus (govreport.corpus): many reports, one panel --------------------------------------

#: levels of government a report can come from, from the top
LEVELS = ("national", "province", "prefecture", "county", "district")
_OFFSET_UNITS = {"start": "characters", "end": "characters", "target_start": "characters",
                 "target_end": "characters", "actual_start": "characters", "actual_end": "characters",
                 "sentence_start": "characters", "sentence_end": "characters"}

REPORTS = Schema(
    "reports",
    (
        ("report", STRING, "the report file, as given on the command line or joined to its manifest's folder"),
        ("sha256", STRING, "sha256 of the file's bytes (hex); NA when the file could not be read"),
        ("status", STRING, "ok, failed, or duplicate (same bytes as an earlier report, not extracted again)"),
        ("duplicate_of", STRING, "for a duplicate: the earlier report with the same sha256"),
        ("region", STRING, "region (Chinese name), from the manifest or else the report's opening lines"),
        ("level", STRING, "national, province, prefecture, county or district; from the manifest or inferred"),
        ("year", NULLABLE_INT, "report year (the year it is delivered in, its plan year)"),
        ("region_source", STRING, "manifest or text: where region, level and year come from"),
        ("title", STRING, "title as read from the opening lines"),
        ("date", STRING, "delivery date (ISO) as read from the opening lines"),
        ("speaker", STRING, "speaker's name as read from the opening lines"),
        ("encoding", STRING, "encoding the file was decoded with"),
        ("chars", NULLABLE_INT, "length of the decoded text"),
        ("indicators", NULLABLE_INT, "number of indicator rows"),
        ("linked", NULLABLE_INT, "indicator rows linked to a glossary key"),
        ("targets", NULLABLE_INT, "indicator rows that are targets"),
        ("headlines", NULLABLE_INT, "rows of the headlines table (cells stated or explicitly absent)"),
        ("warnings", STRING, "warnings of the extraction, ' | '-separated"),
        ("error", STRING, "one-line error when status is failed"),
    ),
    units={"chars": "characters", "year": "year"},
    description="one row per input report: where it comes from, what was read, and the error if it failed",
)

CORPUS_INDICATORS = Schema(
    "indicators",
    (
        ("report", STRING, "the report the row comes from (reports.report)"),
        ("region", STRING, "region of the report"),
        ("level", STRING, "level of government of the report"),
        ("report_year", NULLABLE_INT, "report year"),
        ("indicator_id", INT, "position of the row in the report's indicator table, from 0"),
    )
    + LINKED.columns,
    units={**_OFFSET_UNITS, "report_year": "year"},
    description="every indicator row of every report (the single-report indicator table), with its canonical key",
)

HEADLINES = Schema(
    "headlines",
    (
        ("report", STRING, "the report (reports.report)"),
        ("region", STRING, "region of the report"),
        ("level", STRING, "level of government of the report"),
        ("report_year", NULLABLE_INT, "report year"),
        ("key", STRING, "canonical key from the glossary"),
        ("label_en", STRING, "English label of the key"),
        ("kind", STRING, "actual (a result of the year before the report year) or target (for the report year)"),
        ("period", STRING, "year the cell refers to: report year - 1 for results, the report year for targets"),
        ("metric", STRING, "level (an amount or a rate), growth, change_pp, ..."),
        ("status", STRING, "stated, or no_target where the report says it sets no target for the key"),
        ("value", FLOAT, "the number as written, negative for declines; NaN when no_target"),
        ("value_high", FLOAT, "upper end of a range (5%-5.5%), else NaN"),
        ("qualifier", STRING, "余, 以上, 左右, 近, 突破, 超, 约, 不低于, 以内, 前, range; empty if none"),
        ("unit", STRING, "unit as written, with magnitude words (亿元, %, 万人)"),
        ("base_value", FLOAT, "value with magnitude words applied (1179.4亿元 is 117940000000)"),
        ("base_unit", STRING, "unit without magnitude words (元, %, 人)"),
        ("low", FLOAT, "lower end of the interval the number stands for (rounding and qualifier), unit as written"),
        ("high", FLOAT, "upper end of that interval"),
        ("indicator", STRING, "indicator name as extracted"),
        ("token", STRING, "the number exactly as written"),
        ("sentence", STRING, "the sentence stating the cell (or saying no target is set)"),
        ("start", INT, "offset of the number (or of the words saying no target is set) in the decoded text"),
        ("end", INT, "offset one past it"),
        ("others", STRING, "other statements of the same cell passed over by the selection rule"),
    ),
    units={"start": "characters", "end": "characters", "report_year": "year", "period": "year"},
    description="one row per report x canonical key x kind x period x metric: the statement that stands for the cell "
                "(the selection rule of govreport.derivation.statements), or an explicit absence of a target",
)

TARGETS_VS_RESULTS = Schema(
    "targets_vs_results",
    (
        ("region", STRING, "region of the series"),
        ("level", STRING, "level of government"),
        ("key", STRING, "canonical key"),
        ("label_en", STRING, "English label of the key"),
        ("year", INT, "year of the target and of the result"),
        ("metric", STRING, "metric of the target and the result"),
        ("unit", STRING, "unit of target, actual and gap (the target's unit as written)"),
        ("target", FLOAT, "the target for the year, as written in that year's report"),
        ("target_high", FLOAT, "upper end of a range target, else NaN"),
        ("target_qualifier", STRING, "qualifier of the target (以上, 左右, range, ...; empty if none)"),
        ("target_report", STRING, "report stating the target (year N)"),
        ("target_start", INT, "offset of the target number in that report"),
        ("target_end", INT, "offset one past it"),
        ("target_sentence", STRING, "sentence stating the target"),
        ("actual", FLOAT, "the result for the year stated in the next year's report, in the target's unit"),
        ("actual_qualifier", STRING, "qualifier of the result as written"),
        ("actual_unit", STRING, "unit of the result as written"),
        ("actual_report", STRING, "report stating the result (year N+1)"),
        ("actual_start", INT, "offset of the result number in that report, -1 if none"),
        ("actual_end", INT, "offset one past it, -1 if none"),
        ("actual_sentence", STRING, "sentence stating the result"),
        ("gap", FLOAT, "actual minus target, in the target's unit (percentage points for rates and growth)"),
        ("gap_low", FLOAT, "lower end of the gap allowed by the rounding of the result as written"),
        ("gap_high", FLOAT, "upper end of that interval"),
        ("better", STRING, "direction of the key from the glossary: higher, lower, band; NA if none"),
        ("rule", STRING, "the verdict rule applied (from data/verdicts.toml), e.g. actual >= target - band"),
        ("verdict", STRING, "met, not met, no result, not comparable or no rule"),
        ("reason", STRING, "why: the comparison made, or why the pair is not comparable"),
    ),
    units={"year": "year", "target_start": "characters", "target_end": "characters",
           "actual_start": "characters", "actual_end": "characters"},
    description="each target of year N (from report N) next to the result for year N stated in report N+1, for every "
                "region with reports of consecutive years",
)

COMPARISON = Schema(
    "comparison",
    (
        ("year", NULLABLE_INT, "year the cell refers to"),
        ("key", STRING, "canonical key"),
        ("label_en", STRING, "English label of the key"),
        ("kind", STRING, "actual or target"),
        ("metric", STRING, "level, growth, ..."),
        ("level", STRING, "level of government of the report"),
        ("region", STRING, "region of the report"),
        ("report", STRING, "the report (reports.report)"),
        ("value", FLOAT, "the number as written"),
        ("value_high", FLOAT, "upper end of a range, else NaN"),
        ("qualifier", STRING, "qualifier as written"),
        ("unit", STRING, "unit as written"),
        ("national_value", FLOAT, "the national report's value for the same cell, in this row's unit; NaN if none"),
        ("national_qualifier", STRING, "its qualifier"),
        ("national_report", STRING, "the national report stating it"),
        ("difference", FLOAT, "value minus national_value (percentage points for rates and growth)"),
        ("rank", NULLABLE_INT, "rank of the value among the regions of the same level (1 = highest), same unit only"),
        ("regions", INT, "number of regions of the same level stating the cell"),
    ),
    units={"year": "year"},
    description="for each year, each headline cell across regions and levels, with the national value beside it",
)

CORPUS_SCHEMAS = (REPORTS, CORPUS_INDICATORS, HEADLINES, TARGETS_VS_RESULTS, COMPARISON)

#: The book's vocabulary table (govreport.publish.vocabulary.term_frequencies).
VOCABULARY = Schema(
    "vocabulary",
    (
        ("section_id", INT, "section_id of the top-level section (-1 for the opening before the first heading)"),
        ("section", STRING, "title of the top-level section"),
        ("term", STRING, "a policy term as the jieba segmenter cuts it (two or more Chinese characters)"),
        ("count", INT, "how often the term occurs in the section"),
        ("rank", INT, "rank of the term within the section, from 1 (ties broken by the term)"),
        ("sentence", STRING, "the first sentence of the section using the term"),
    ),
    description="one row per section and frequent term",
)
