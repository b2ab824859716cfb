"""The Report: decoded text with its metadata and structure (sections, paragraphs, sentences)."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from govreport.text import numerals, reading, structure
from govreport.errors import InputTooLargeError, NotAReportError, UnsupportedTextError
from govreport.text.metadata import Metadata, read_metadata
from govreport.text.structure import Section, Sentence, Span


#: a number this large (a hundred digits, or an exponent to match) is no quantity: it is refused with one line,
#: never read as infinity or null (a float overflows at about 1e308)
MAX_VALUE_EXPONENT = 100
MAX_VALUE = 10.0 ** MAX_VALUE_EXPONENT


@dataclass(frozen=True)
class Report:
    text: str  # decoded text; every offset in the package indexes this string
    source: str
    encoding: str
    input_format: str  # "text" or "html"
    metadata: Metadata
    sections: tuple[Section, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    #: the text with the breaks and separators inside numbers masked (same length; what splitting ran on)
    masked: str = ""
    #: spans of web-page residue around the speech (toolbar, 相关报道): their numbers are never claims
    residue: tuple[tuple[int, int], ...] = ()

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def section_title(self, section_id: int) -> str:
        return self.sections[section_id].title if 0 <= section_id < len(self.sections) else ""


def read_report(path: str | os.PathLike[str] | None = None, *, text: str | None = None) -> Report:
    """Read and structure a report from a path or from text. Raises ReportError on bad input."""
    src = reading.load(path, text=text)
    if structure.more_paragraphs_than(src.text, reading.MAX_PARAGRAPHS):
        raise InputTooLargeError(f"{src.source}: more than {reading.MAX_PARAGRAPHS} paragraphs (lines), more than "
                                 "one report has; split the file")
    toks = numerals.tokens(src.text)
    if len(toks) > reading.MAX_NUMBERS:
        raise InputTooLargeError(f"{src.source}: {len(toks)} numbers, more than the {reading.MAX_NUMBERS} accepted in "
                                 "one report; split the file")
    reading.check_supported(src.text, src.source)
    for tok in toks:
        if not math.isfinite(tok.value) or abs(tok.value) >= MAX_VALUE:
            raise UnsupportedTextError(
                f"{src.source}: the number at offset {tok.start} ({len(tok.text)} characters) is too large to be a "
                f"quantity (at least 1e{MAX_VALUE_EXPONENT}); remove it or write it out with a unit")
    meta = read_metadata(src.text)
    # offsets index src.text; the masked copy (same length) keeps damaged numbers in one sentence
    masked = numerals.mask_breaks(src.text, toks)
    paras = structure.paragraphs(masked)
    residue = reading.page_residue(src.text)
    struct = structure.build(masked, meta.year, paras, residue)
    return Report(src.text, src.source, src.encoding, src.input_format, meta,
                  struct.sections, struct.paragraphs, struct.sentences, masked, tuple(residue))


def require_report(report: Report) -> None:
    """Refuse, with a one-line ``NotAReportError``, text that has no numbers or no report structure.

    Runs before any table is built (and, on the command line, before pandas is imported), so bad input is
    answered at once.
    """
    if not numerals.tokens(report.text):
        raise NotAReportError(f"{report.source}: no numbers in the text; nothing to extract")
    if not report.sections and not report.metadata.title:
        raise NotAReportError(
            f"{report.source}: no report structure (no 政府工作报告 title and no 一、/（一） section headings); "
            "not a government work report"
        )
