"""The GitHub Actions workflow that builds, tests and publishes both books passes actionlint, and runs what the
README runs (the tests through .ci/run, which is exactly `make test`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    exe = Path(sys.executable).parent / "actionlint"
    return str(exe) if exe.is_file() else (shutil.which("actionlint") or "actionlint")


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = subprocess.run([_actionlint(), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_tests_and_deploys_both_books():
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert ".ci/run" in text and "make site" in text
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == "make test"
