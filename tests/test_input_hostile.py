"""Hostile input, second round (issue 11): nothing deleted, nothing silently wrong, messages that say what is wrong.

Each test here failed before the fix it holds.
"""

from __future__ import annotations

import time

import pytest

from govreport.text.reading import html_to_text

# --- HTML read in time linear in its size ---------------------------------------------------------------

_SHAPES = {
    "unclosed elements inside a skipped one": lambda n: "<html><body><div class='nav'>" + "<span>x" * n + "</i>" * n,
    "tags never closed by >": lambda n: "<html><body><p>报告</p>" + "<a x" * n,
    "comments never closed": lambda n: "<html><body><p>报告</p>" + "<!-- x >" * n,
    "marked sections never closed": lambda n: "<html><body><p>报告</p>" + "<![CDATA[ x ]>" * n,
    "unclosed elements": lambda n: "<html><body>" + "<div>x" * n + "</span>" * n,
}


def _seconds(page: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        html_to_text(page)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_html_is_read_in_linear_time(shape):
    """Four times the size takes about four times as long (sixteen when quadratic); no absolute timing."""
    make = _SHAPES[shape]
    small, large = _seconds(make(2_500)), _seconds(make(10_000))
    assert large < 8 * max(small, 1e-3), (shape, small, large)


def test_unknown_marked_section_is_not_a_crash():
    assert html_to_text("<html><body><![foo[ x ]]> 增长5%<p>完</p>") == "增长5%\n完\n"


# --- a command line that answers at once; one warning format --------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

_NO_TARGETS = "某市政府工作报告\n一、2023年工作回顾\n地区生产总值1179.4亿元，增长6.9%。\n"


def _modules_after(*code_lines: str) -> set[str]:
    code = "\n".join([*code_lines, "import sys; print(' '.join(sys.modules))"])
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return set(res.stdout.split())


def test_errors_module_and_package_do_not_pull_in_pandas():
    assert "pandas" not in _modules_after("import govreport.errors")
    assert "pandas" not in _modules_after("import govreport", "govreport.ReportError")
    assert "pandas" in _modules_after("import govreport", "govreport.extract")  # still there when used


@pytest.mark.parametrize("argv", [["--help"], ["extract", "--help"], ["derive", "--help"], ["extract", "MISSING"],
                                  ["extract", "PROSE"], ["derive", "PROSE"], ["extract", "EMPTY"]])
def test_help_errors_and_bad_input_answer_without_importing_the_tables(tmp_path, argv):
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好，我们去公园散步。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = {"MISSING": str(tmp_path / "missing.txt"), "PROSE": str(prose), "EMPTY": str(tmp_path / "empty.txt")}
    argv = [paths.get(a, a) for a in argv]
    code = ("import sys\nfrom govreport.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print('PANDAS' if 'pandas' in sys.modules else 'LIGHT', file=sys.stderr)" % argv)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.stderr.strip().splitlines()[-1] == "LIGHT", res.stderr


@pytest.mark.parametrize("command", ["extract", "derive"])
def test_one_warning_format_everywhere(tmp_path, command):
    path = tmp_path / "r.txt"
    path.write_text(_NO_TARGETS, encoding="utf-8")
    argv = [command, str(path)] + (["-o", str(tmp_path / "out")] if command == "derive" else [])
    res = subprocess.run([sys.executable, "-m", "govreport.cli", *argv], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    lines = res.stderr.strip().splitlines()
    assert lines and all(line.startswith(f"govreport {command}: warning: ") for line in lines), lines
    assert any("no targets" in line for line in lines)
    assert len(lines) == len(set(lines))


# --- the book: a report's name never decides what is removed ----------------------------------------------

import importlib.util  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _build_book_module():
    spec = importlib.util.spec_from_file_location("build_book_script", ROOT / "scripts" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["..txt", "...x.y", ".txt", "..", "a/..", "-rf .txt"])
def test_book_folder_is_a_safe_slug(name):
    from govreport.publish.book import report_slug

    slug = report_slug(name)
    assert slug not in ("", ".", "..") and "/" not in slug and not slug.startswith((".", "-"))


@pytest.mark.parametrize("name", ["..txt", "...x.y", "x/..txt"])
def test_a_report_named_dots_removes_nothing_outside_its_own_folder(tmp_path, name):
    build_book = _build_book_module()
    keep = tmp_path / "a" / "b"
    out = keep / "out"
    out.mkdir(parents=True)
    (keep / "sentinel.txt").write_text("keep me", encoding="utf-8")
    (out / "other-book").mkdir()
    (out / "other-book" / "index.html").write_text("keep me too", encoding="utf-8")
    src, _ = build_book.stage(name, out)
    assert src.parent.parent == out and src.parent.name == "report"
    assert (keep / "sentinel.txt").is_file() and (out / "other-book" / "index.html").is_file()
    src2, _ = build_book.stage(name, out)  # its own earlier build is replaced
    assert src2 == src and (out / "other-book" / "index.html").is_file()


def test_a_folder_the_build_did_not_make_is_never_removed(tmp_path):
    build_book = _build_book_module()
    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    (out / "report" / "thesis.tex").write_text("mine", encoding="utf-8")
    with pytest.raises(build_book.BuildError, match="not made by build_book"):
        build_book.stage("..txt", out)
    assert (out / "report" / "thesis.tex").read_text(encoding="utf-8") == "mine"


def test_book_out_that_cannot_be_created_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    res = subprocess.run([sys.executable, "scripts/build_book.py", "--report", "data/raw/wanzhou-2024.txt",
                          "--out", str(blocker / "book")], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("build_book: cannot create the book folder"), lines
