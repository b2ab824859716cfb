"""Helpers for the messy-input tests: the committed reports as text, extraction without warnings.

Fixtures are built from these texts in ``tmp_path`` (re-encoded, wrapped in HTML, damaged);
no binary fixture is committed.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import govreport

ROOT = Path(__file__).resolve().parents[1]
WANZHOU_PATH = ROOT / "data" / "raw" / "wanzhou-2024.txt"
REPORTS = ROOT / "tests" / "data" / "reports"
HAILAER_PATH = REPORTS / "hailaer-2019.gb18030.txt"
ZHEJIANG_PATH = REPORTS / "zhejiang-2026.txt"
FUJIAN_PATH = REPORTS / "fujian-2026.txt"

WANZHOU = WANZHOU_PATH.read_text(encoding="utf-8")
HAILAER = HAILAER_PATH.read_text(encoding="gb18030")  # universal newlines: CRLF -> LF
ZHEJIANG = ZHEJIANG_PATH.read_text(encoding="utf-8")
FUJIAN = FUJIAN_PATH.read_text(encoding="utf-8")

GOVREPORT_BIN = ROOT / ".venv" / "bin" / "govreport"


def extract(path=None, **kwargs) -> govreport.Extraction:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", govreport.ReportWarning)
        return govreport.extract(path, **kwargs)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def tables_csv(ex: govreport.Extraction) -> tuple[str, str]:
    return ex.indicators.to_csv(), ex.non_indicators.to_csv()


def claims(ex: govreport.Extraction, shift: int = 0) -> list[tuple]:
    """The indicator rows without section text, offsets shifted (for text embedded in a page)."""
    df = ex.indicators
    return [(r.indicator, r.metric, r.value, r.unit, r.qualifier, r.period, r.kind, r.token, r.start - shift)
            for r in df.itertuples()]


def assert_offsets_hold(ex: govreport.Extraction) -> None:
    text = ex.report.text
    for df in (ex.indicators, ex.non_indicators):
        for r in df.itertuples():
            assert text[r.start:r.end] == r.token, (r.start, r.token)
            assert r.token in r.sentence, (r.token, r.sentence)


def one_line_error(err: BaseException) -> str:
    msg = str(err)
    assert msg and "\n" not in msg and "Traceback" not in msg
    return msg
