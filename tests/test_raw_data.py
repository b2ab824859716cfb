"""data/raw is immutable input: every file is the file its SOURCES and manifest describe, byte for byte."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
CORPUS = RAW / "corpus"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest() -> list[dict[str, str]]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_corpus_manifest_lists_49_reports_of_four_levels_of_series():
    rows = _manifest()
    assert len(rows) == 49
    assert {r["level"] for r in rows} == {"national", "province", "district"}
    assert sum(r["level"] == "national" for r in rows) == 15


@pytest.mark.parametrize("row", _manifest(), ids=lambda r: r["file"])
def test_every_corpus_report_is_byte_identical_to_its_manifest_checksum(row):
    path = CORPUS / row["file"]
    assert _sha256(path) == row["sha256"]
    assert len(path.read_bytes().decode("utf-8")) == int(row["chars"])  # chars counted before newline translation (CRLF kept)


def test_every_national_report_has_its_english_translation_aligned_line_by_line():
    for row in _manifest():
        if row["level"] != "national":
            continue
        zh = (CORPUS / row["file"]).read_text(encoding="utf-8").splitlines()
        en = (CORPUS / row["file"].replace(".txt", ".en.txt")).read_text(encoding="utf-8").splitlines()
        assert len(zh) == len(en), row["file"]
