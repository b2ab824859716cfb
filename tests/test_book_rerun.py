"""The README's book command for another report, one notebook re-run with papermill, and report text
that looks like markup.

* `make book REPORT=tests/data/reports/zhejiang-2026.txt` re-runs every notebook with papermill for
  that report and builds its book; every page works offline in headless Chromium.
* A copy of the Wanzhou report with `<script>alert(1)</script>` and `{glue}` written into a sentence
  builds, and the markup shows as text: no dialog, no parse of the glue role.
* One notebook re-run with papermill and other parameters writes its tables for that report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from book_browser import check_page, pages, problems

ROOT = Path(__file__).resolve().parents[1]
OTHER = "tests/data/reports/zhejiang-2026.txt"
EVIL = "<script>alert(1)</script>{glue}`n_sections`"


@pytest.fixture(scope="module")
def other_book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("books")
    subprocess.run(["make", "--no-print-directory", "book", f"REPORT={OTHER}", f"BOOK_OUT={out}"], check=True, cwd=ROOT)
    return out / "zhejiang-2026"


@pytest.fixture(scope="module")
def evil_book(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("evil")
    text = (ROOT / "data/raw/wanzhou-2024.txt").read_text(encoding="utf-8")
    anchor = "顺利实现“两个不低于”总体目标"  # in the GDP sentence, after its numbers
    assert text.count(anchor) == 1
    report = folder / "evil-2024.txt"
    report.write_text(text.replace(anchor, f"{EVIL}{anchor}"), encoding="utf-8")
    out = folder / "out"
    subprocess.run([sys.executable, "scripts/build_book.py", "--report", str(report), "--out", str(out)], check=True, cwd=ROOT)
    return out / "evil-2024"


def test_make_book_builds_another_report(other_book, browser):
    html = other_book / "_build" / "html"
    intro = (html / "book" / "intro.html").read_text(encoding="utf-8")
    assert "2026年浙江省政府工作报告" in intro
    assert "万州" not in intro
    executed = json.loads((other_book / "src" / "notebooks" / "02-summarize-economy.ipynb").read_text(encoding="utf-8"))
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and OTHER in "".join(injected[0]["source"])
    assert (other_book / "src" / "data" / "indicators.csv").read_text(encoding="utf-8-sig").count("\n") > 100
    results = {p.relative_to(html).as_posix(): check_page(browser, p, html) for p in pages(html)}
    assert not problems(results), problems(results)


def test_report_markup_is_shown_as_text(evil_book, browser):
    html = evil_book / "_build" / "html"
    results = {p.relative_to(html).as_posix(): check_page(browser, p, html) for p in pages(html)}
    assert not problems(results), problems(results)  # includes: no dialog opened
    assert EVIL in results["book/intro.html"]["text"]  # the GDP sentence is quoted, markup and all
    assert EVIL in results["notebooks/06-list-numbers.html"]["text"]  # the appendix lists every number with its sentence
    for page in pages(html):
        assert "<script>alert(1)" not in page.read_text(encoding="utf-8"), page.name


def test_one_notebook_rerun_with_papermill(tmp_path):
    out_nb = tmp_path / "02.ipynb"
    data = tmp_path / "tables"
    subprocess.run(
        [str(Path(sys.executable).parent / "papermill"), "notebooks/05-count-vocabulary.ipynb", str(out_nb),
         "-p", "report_path", "tests/data/reports/fujian-2026.txt", "-p", "output_dir", str(data),
         "--no-progress-bar"],
        check=True, cwd=ROOT, capture_output=True,
    )
    assert (data / "vocabulary.csv").is_file()
    nb = json.loads(out_nb.read_text(encoding="utf-8"))
    assert any("fujian-2026" in "".join(c["source"]) for c in nb["cells"])


def test_a_file_that_is_not_a_report_fails_with_one_line(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello world\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "scripts/build_book.py", "--report", str(bad), "--out", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("build_book:")]
    assert lines and ("notebook failed" in lines[0] or "cannot be read" in lines[0]) and "Error" in lines[0], \
        result.stderr[-2000:]
    assert len(lines) == 1 and "Traceback" not in result.stderr


def test_a_missing_report_fails_before_any_work(tmp_path):
    result = subprocess.run(
        [sys.executable, "scripts/build_book.py", "--report", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 2 and "no such report" in result.stderr
    assert not (tmp_path / "out").exists()
