"""Open every page of both books (the default report's and the panel book) in headless Chromium, offline.

Asserts, for each page: no failed request, no request leaving the book's folder, no console error or uncaught
exception, every chart container rendered to an SVG or a canvas, no table wider than the column outside a
scrolling box, no `nan`/`inf`/float noise or notebook parameters in the text, and every download link pointing
at a file of the book. Needs Debian's `chromium` and `fonts-noto-cjk` (`make browser-deps`). The books are built
by `make book` and `make panel-book` (which `make test` runs first); a missing one is built here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from book_browser import check_page, noise, pages, problems

ROOT = Path(__file__).resolve().parents[1]
BOOKS = {
    "report": (ROOT / "build" / "book" / "wanzhou-2024" / "_build" / "html", []),
    "panel": (ROOT / "build" / "book" / "panel" / "_build" / "html", ["--book", "panel"]),
}


def _built(name: str) -> Path:
    html, args = BOOKS[name]
    if not (html / "index.html").is_file():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py"), *args], check=True, cwd=ROOT)
    return html


@pytest.fixture(scope="module")
def html_root() -> Path:
    return _built("report")


@pytest.fixture(scope="module")
def panel_root() -> Path:
    return _built("panel")


def _check_all(browser, root: Path) -> dict[str, dict]:
    return {p.relative_to(root).as_posix(): check_page(browser, p, root) for p in pages(root)}


def test_every_page_renders_offline(browser, html_root):
    results = _check_all(browser, html_root)
    assert len(results) >= 10, sorted(results)
    assert not problems(results), problems(results)
    charts = {page: r["charts"] for page, r in results.items() if r["charts"]}
    assert sum(charts.values()) >= 6, charts
    for nb in ("01-inspect-report", "02-summarize-economy", "05-count-vocabulary"):
        assert charts.get(f"notebooks/{nb}.html", 0) >= 1, charts
    for nb in ("01-inspect-report", "02-summarize-economy", "03-compute-ratios", "04-compare-targets"):
        assert results[f"notebooks/{nb}.html"]["downloads"], f"{nb}: no CSV links"
    intro = results["book/intro.html"]["text"]
    assert "Wanzhou District, Chongqing" in intro and "重庆市万州区" in intro and "Key findings" in intro


def test_every_panel_page_renders_offline(browser, panel_root):
    results = _check_all(browser, panel_root)
    assert not problems(results), problems(results)
    charts = {page: r["charts"] for page, r in results.items() if r["charts"]}
    assert charts.get("notebooks/panel/01-track-national-targets.html", 0) >= 5, charts
    assert charts.get("notebooks/panel/02-compare-provinces.html", 0) >= 3, charts  # targets and two tile maps
    national = results["notebooks/panel/01-track-national-targets.html"]
    assert "official English" in national["text"] and national["downloads"]


def test_panel_quotes_the_official_english(panel_root):
    page = (panel_root / "notebooks" / "panel" / "01-track-national-targets.html").read_text(encoding="utf-8")
    assert "国内生产总值增长8%左右" in page  # the 2008 GDP target, in Chinese ...
    assert "GDP" in page and 'lang="en"' in page  # ... and beside it the English line


def test_pages_fit_a_phone(browser, html_root, panel_root):
    """At 390 px wide, no table sticks out of the column without its own scrolling box."""
    for root, page in ((html_root, "notebooks/04-compare-targets.html"), (panel_root, "notebooks/panel/02-compare-provinces.html")):
        context = browser.new_context(offline=True, viewport={"width": 390, "height": 800})
        tab = context.new_page()
        tab.goto((root / page).resolve().as_uri(), wait_until="load")
        from book_browser import WIDE_TABLES

        assert tab.evaluate(WIDE_TABLES) == [], page
        context.close()


def test_noise_detector():
    assert noise("value nan, 6.8500000000000005 and inf")
    assert noise("Financial 6.85%, 国内生产总值增长8%左右, infrastructure, nanotech") == []


def test_no_page_references_a_cdn(html_root, panel_root):
    for root in (html_root, panel_root):
        for page in pages(root):
            html = page.read_text(encoding="utf-8")
            for host in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com", "require.js"):
                assert host not in html, f"{page.name}: {host}"


def test_no_underscore_static_folder_at_the_source_root(html_root, panel_root):
    for root in (html_root, panel_root):
        assert not (root.parents[1] / "src" / "_static").exists()


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
    """The appendix's table of every number is searchable: typing 亿元 leaves only rows that mention it."""
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto((html_root / "notebooks" / "06-list-numbers.html").resolve().as_uri(), wait_until="load")
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


def test_key_tables_fit_the_column_at_1280(browser, html_root, panel_root):
    """Measures, headline targets, sections and the regional verdicts fit the article column on a laptop screen:
    no sideways scrolling for the tables a reader needs most (gr-narrow), and their headers sit left like cells."""
    pages = ((html_root, "notebooks/01-inspect-report.html"), (html_root, "notebooks/03-compute-ratios.html"),
             (html_root, "notebooks/04-compare-targets.html"),
             (panel_root, "notebooks/panel/01-track-national-targets.html"))
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    for root, page in pages:
        tab.goto((root / page).resolve().as_uri(), wait_until="load")
        found = tab.evaluate("""() => Array.from(document.querySelectorAll('table.gr-narrow')).map(t => [
            t.scrollWidth, t.parentElement.clientWidth, getComputedStyle(t.querySelector('th')).textAlign])""")
        assert found, page
        for width, column, align in found:
            assert width <= column + 1, (page, width, column)
            assert align in ("left", "start"), (page, align)
    context.close()
