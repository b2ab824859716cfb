"""Shared fixtures: the committed reports and their extractions (computed once per session)."""

from __future__ import annotations

import os

import warnings
from pathlib import Path

import pytest

import govreport

ROOT = Path(__file__).resolve().parents[1]
WANZHOU = ROOT / "data" / "raw" / "wanzhou-2024.txt"
REPORTS = ROOT / "tests" / "data" / "reports"
LABELS = ROOT / "tests" / "data" / "labels"
OTHER_REPORTS = {
    "hailaer-2019": REPORTS / "hailaer-2019.gb18030.txt",
    "zhejiang-2026": REPORTS / "zhejiang-2026.txt",
    "fujian-2026": REPORTS / "fujian-2026.txt",
}


def _extract(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", govreport.ReportWarning)
        return govreport.extract(path)


@pytest.fixture(scope="session")
def wanzhou():
    return _extract(WANZHOU)


@pytest.fixture(scope="session")
def other_extractions():
    return {name: _extract(path) for name, path in OTHER_REPORTS.items()}


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright, offline (see tests/book_browser.py)."""
    from book_browser import CHROMIUM, launch

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (Debian packages chromium, fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


# Property tests explore new random examples on every local run; in CI (CI=true) they run a fixed, derandomized
# set, so a run on the submitted code is reproducible and a counterexample found locally is pinned as an @example.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    _hypothesis_settings.load_profile("ci")
