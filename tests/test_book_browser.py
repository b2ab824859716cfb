"""Open every page of the built book in headless Chromium with networking disabled.

Asserts, for each page: no failed request, no request leaving the book's folder, no console error
or uncaught exception from the page's own scripts, every chart container rendered to an SVG or a
canvas, and no script injected from report text ran (no dialog).
Needs Debian's `chromium` (and `fonts-noto-cjk` for the Chinese glyphs): `make browser-deps`.
The book is built by `make book` (which `make test` runs first); if it is missing it is built here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "build" / "book" / "wanzhou-2024" / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def built_book() -> Path:
    if not (BOOK / "index.html").is_file():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py")], check=True, cwd=ROOT)
    return BOOK


def pages(html_root: Path) -> list[Path]:
    return sorted(
        p for p in html_root.rglob("*.html") if "_static" not in p.parts and p.name not in ("genindex.html", "search.html")
    ) + [html_root / "search.html"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (Debian packages chromium, fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def check_page(browser, page_path: Path, html_root: Path) -> dict:
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    failed, outside, errors, dialogs = [], [], [], []
    root_url = html_root.resolve().as_uri()

    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("request", lambda r: None if r.url.startswith((root_url, "data:", "blob:", "about:")) else outside.append(r.url))
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    n_charts = page.locator(".gr-chart").count()
    if n_charts:
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.gr-chart')).every(el => el.querySelector('svg, canvas'))",
            timeout=60000,
        )
    rendered = page.evaluate(
        "() => Array.from(document.querySelectorAll('.gr-chart')).map(el => !!el.querySelector('svg, canvas'))"
    )
    page.wait_for_timeout(100)
    context.close()
    return {
        "failed": failed,
        "outside": outside,
        "errors": errors,
        "dialogs": dialogs,
        "charts": n_charts,
        "rendered": rendered,
    }


def test_every_page_renders_offline(browser):
    html_root = built_book()
    results = {p.relative_to(html_root).as_posix(): check_page(browser, p, html_root) for p in pages(html_root)}
    assert results, "no pages"
    problems = {
        page: {k: v for k, v in r.items() if k in ("failed", "outside", "errors", "dialogs") and v}
        for page, r in results.items()
    }
    problems = {p: v for p, v in problems.items() if v}
    assert not problems, problems
    for page, r in results.items():
        assert all(r["rendered"]), f"{page}: charts not rendered: {r['rendered']}"
    total_charts = sum(r["charts"] for r in results.values())
    assert total_charts >= 3, results


def test_chinese_glyphs_have_a_font():
    """fonts-noto-cjk (or another CJK font) is installed, so Chinese does not render as boxes."""
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert out.strip(), "no CJK font: install Debian fonts-noto-cjk (make browser-deps)"
