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
