"""The pipeline: a report in, the indicator and non-indicator tables out."""

from __future__ import annotations

import bisect
import math
from decimal import Decimal
import os
import warnings
from dataclasses import dataclass, field, replace

import pandas as pd

from govreport import schema
from govreport.errors import ReportWarning
from govreport.extraction.indicators import Claim, build_claims
from govreport.text.numerals import mask_breaks, tokens, visible
from govreport.extraction.quantities import read
from govreport.text.reading import page_residue
from govreport.text.report import Report, read_report, require_report

_CONTEXT = 12


@dataclass(frozen=True)
class Extraction:
    report: Report
    indicators: pd.DataFrame
    non_indicators: pd.DataFrame
    warnings: tuple[str, ...] = field(default=())

    @property
    def sections(self) -> pd.DataFrame:
        return schema.frame(schema.SECTIONS, (
            {"section_id": s.section_id, "level": s.level, "label": s.label, "title": s.title, "role": s.role,
             "period": s.period, "parent_id": s.parent_id, "start": s.start, "end": s.end}
            for s in self.report.sections))

    @property
    def sentences(self) -> pd.DataFrame:
        text = self.report.text
        return schema.frame(schema.SENTENCES, (
            {"sentence_id": s.sentence_id, "section_id": s.section_id, "start": s.start, "end": s.end,
             "text": text[s.start:s.end]} for s in self.report.sentences))


def extract(path: str | os.PathLike[str] | None = None, *, text: str | None = None,
            require_numbers: bool = True) -> Extraction:
    """Extract every quantitative claim of a report given by path or as text.

    With ``require_numbers`` (the default) a text with no numbers, or with neither a
    政府工作报告 title nor section headings, is refused with ``NotAReportError``; without it
    any text gives tables (possibly empty).

    Raises a ``ReportError`` subclass (one-line message) for input that is not a report.
    Emits ``ReportWarning`` for things a reader should know (e.g. no targets found).
    """
    report = read_report(path, text=text)
    return extract_report(report, require_numbers=require_numbers)


def extract_report(report: Report, *, require_numbers: bool = True) -> Extraction:
    text = report.text
    if require_numbers:
        require_report(report)
    toks = tokens(text)
    masked = report.masked or mask_breaks(text, toks)  # no clause or sentence split inside 1179.\n4 or 1,179.4
    readings = [read(masked, toks, i) for i in range(len(toks))]
    residue = report.residue if report.masked else page_residue(text)  # toolbar before 各位代表, 相关报道 after the speech: never claims
    if residue:
        readings = [replace(r, reason="page_residue") if r.reason is None and any(a <= r.token.start < b for a, b in residue)
                    else r for r in readings]
    quantities = [r for r in readings if r.reason is None]
    claims = build_claims(masked, quantities, list(report.sentences), [(p.start, p.end) for p in report.paragraphs],
                          list(report.sections), report.metadata.year)
    range_ends = {c.reading.token.start: c.reading for c in claims if c.range_end}
    claims = [c for c in claims if not c.range_end]
    readings = [replace(r, reason="range_end", rule="range_end.upper_bound") if r.token.start in range_ends and r.reason is None
                else r for r in readings]
    indicators = schema.frame_from_columns(schema.INDICATORS, _indicator_columns(text, claims))
    sent_index = _SentenceIndex(report)
    others = [r for r in readings if r.reason is not None]
    starts = [r.token.start for r in others]
    non_indicators = schema.frame_from_columns(schema.NON_INDICATORS, {
        "token": [r.token.text for r in others],
        "value": [r.token.value for r in others],
        "reason": [r.reason for r in others],
        "rule": [r.rule or f"{r.reason}.residue" for r in others],
        "context": [text[max(0, r.token.start - _CONTEXT):r.token.end + _CONTEXT] for r in others],
        "section": [sent_index.section_title(s) for s in starts],
        "sentence": [sent_index.sentence_text(s) for s in starts],
        "start": starts,
        "end": [r.token.end for r in others],
    })
    notes = []
    if require_numbers and not report.sections:
        notes.append(f"{report.source}: no section headings (一、 / （一）) found; is this a government work report?")
    if require_numbers and claims and not any(c.kind == "target" for c in claims):  # the table's kind column
        notes.append(f"{report.source}: no targets found (no plan section, or it states no numbers)")
    for note in notes:
        warnings.warn(note, ReportWarning, stacklevel=2)
    return Extraction(report, indicators, non_indicators, tuple(notes))


def _indicator_columns(text: str, claims: list[Claim]) -> dict[str, list]:
    """The indicator table's columns, one list each (schema.INDICATORS)."""
    toks = [c.reading.token for c in claims]
    sections = [c.section for c in claims]
    return {
        "indicator": [visible(c.indicator) for c in claims],  # no U+200B left by a hard wrap inside a name
        "metric": [c.metric for c in claims],
        "value": [c.value for c in claims],
        "unit": [c.unit for c in claims],
        "base_value": [_scaled(c.value, c.reading.factor) for c in claims],
        "base_unit": [c.base_unit for c in claims],
        "period": [c.period for c in claims],
        "kind": [c.kind for c in claims],
        "qualifier": [c.qualifier for c in claims],
        "section": [s.title if s else "" for s in sections],
        "sentence": [text[c.sentence.start:c.sentence.end] for c in claims],
        "start": [t.start for t in toks],
        "end": [t.end for t in toks],
        "token": [t.text for t in toks],
        "value_high": [math.nan if c.value_high is None else c.value_high for c in claims],
        "section_role": [s.role if s else "other" for s in sections],
        "sentence_start": [c.sentence.start for c in claims],
        "sentence_end": [c.sentence.end for c in claims],
        "aspect": [c.aspect for c in claims],
        "scope": [c.scope for c in claims],
        "estimated": [c.estimated for c in claims],
        "rule": [";".join(c.rules) for c in claims],
    }


def _scaled(value: float, factor: float) -> float:
    """value × factor computed in decimal, so 1179.4亿 is exactly 117940000000 (no binary noise)."""
    if factor == 1:
        return value
    return float(Decimal(repr(value)) * Decimal(int(factor)))


class _SentenceIndex:
    def __init__(self, report: Report):
        self.report = report
        self.starts = [s.start for s in report.sentences]

    def _find(self, pos: int):
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.report.sentences[i].end:
            return self.report.sentences[i]
        return None

    def sentence_text(self, pos: int) -> str:
        s = self._find(pos)
        return self.report.text[s.start:s.end] if s else ""

    def section_title(self, pos: int) -> str:
        s = self._find(pos)
        return self.report.section_title(s.section_id) if s else ""
