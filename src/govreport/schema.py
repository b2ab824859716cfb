"""Table schemas: the one place where column names, their order and dtypes are defined.

Every DataFrame the package returns is built with :func:`frame` from one of these
schemas, so a table always has the same columns in the same order with the same
dtypes, even when it is empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

STRING = "string"  # pandas nullable string dtype; missing text is pd.NA, never ""
FLOAT = "float64"
INT = "int64"
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
    """Build a DataFrame with exactly the schema's columns, order and dtypes."""
    rows = list(rows)
    df = pd.DataFrame.from_records(rows, columns=schema.names) if rows else pd.DataFrame(columns=schema.names)
    return conform(schema, df)


def conform(schema: Schema, df: pd.DataFrame) -> pd.DataFrame:
    """Cast an existing DataFrame to the schema (columns outside the schema are an error)."""
    extra = [c for c in df.columns if c not in schema.dtypes]
    if extra:
        raise ValueError(f"{schema.name}: columns not in the schema: {extra}")
    missing = [c for c in schema.names if c not in df.columns]
    if missing:
        raise ValueError(f"{schema.name}: missing columns: {missing}")
    out = df[schema.names].copy()
    for column, dtype in schema.dtypes.items():
        if dtype == STRING:
            out[column] = out[column].astype("object").where(out[column].notna(), None).astype(STRING)
        else:
            out[column] = out[column].astype(dtype)
    return out.reset_index(drop=True)


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
    ),
)

NON_INDICATORS = Schema(
    "non_indicators",
    (
        ("token", STRING, "the number exactly as written"),
        ("value", FLOAT, "its numeric value where it has one, else NaN"),
        ("reason", STRING, "why it is not an indicator: date, ordinal, name_or_code, grade_label, ..."),
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
