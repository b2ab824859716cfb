"""Open every page of the default book in headless Chromium with networking disabled.

Asserts, for each page: no failed request, no request leaving the book's folder, no console error
or uncaught exception from the page's own scripts, every chart container rendered to an SVG or a
canvas. Needs Debian's `chromium` and `fonts-noto-cjk` (`make browser-deps`). The book is built by
`make book` (which `make test` runs first); if it is missing it is built here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from book_browser import check_page, pages, problems

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "build" / "book" / "wanzhou-2024" / "_build" / "html"


@pytest.fixture(scope="module")
def html_root() -> Path:
    if not (BOOK / "index.html").is_file():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py")], check=True, cwd=ROOT)
    return BOOK


def test_every_page_renders_offline(browser, html_root):
    results = {p.relative_to(html_root).as_posix(): check_page(browser, p, html_root) for p in pages(html_root)}
    assert len(results) >= 8, sorted(results)
    assert not problems(results), problems(results)
    charts = {page: r["charts"] for page, r in results.items() if r["charts"]}
    assert sum(charts.values()) >= 6, charts
    for nb in ("01-inspect-report", "02-summarize-economy", "05-count-vocabulary"):
        assert charts.get(f"notebooks/{nb}.html", 0) >= 1, charts


def test_no_page_references_a_cdn(html_root):
    for page in pages(html_root):
        html = page.read_text(encoding="utf-8")
        for host in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com", "require.js"):
            assert host not in html, f"{page.name}: {host}"


def test_no_underscore_static_folder_at_the_source_root(html_root):
    src = html_root.parents[1] / "src"
    assert not (src / "_static").exists()


def test_chinese_glyphs_have_a_font():
    """fonts-noto-cjk (or another CJK font) is installed, so Chinese does not render as boxes."""
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert out.strip(), "no CJK font: install Debian fonts-noto-cjk (make browser-deps)"


def test_chart_tooltip_shows_the_source_sentence(browser, html_root):
    """Hovering over a bar of the growth chart shows the sentence the number comes from."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.goto((html_root / "notebooks" / "02-summarize-economy.html").resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.gr-chart svg').length >= 2", timeout=60000)
    mark = page.locator(".gr-chart").first.locator("path[role='graphics-symbol']").first
    mark.hover()
    tip = page.locator("#vg-tooltip-element")
    tip.wait_for(state="visible", timeout=10000)
    text = tip.inner_text()
    context.close()
    assert "source sentence" in text and "。" in text, text


def test_indicator_table_filter_box(browser, html_root):
    """The full indicator table is searchable: typing 亿元 leaves only rows that mention it."""
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto((html_root / "notebooks" / "01-inspect-report.html").resolve().as_uri(), wait_until="load")
    rows = page.locator(".gr-searchable table tbody tr")
    total = rows.count()
    page.locator(".gr-searchable input[type=search]").first.fill("亿元")
    visible = page.evaluate(
        "() => Array.from(document.querySelectorAll('.gr-searchable table tbody tr'))"
        ".filter(r => r.style.display !== 'none').map(r => r.textContent)"
    )
    context.close()
    assert total > 50 and 0 < len(visible) < total
    assert all("亿元" in t for t in visible)
