"""Shared helpers for the book tests: open built pages in headless Chromium with networking off.

Needs Debian's `chromium` (`make browser-deps`); never a browser downloaded by a tool.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a small /dev/shm
]


def launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)


def pages(html_root: Path) -> list[Path]:
    """Every page of a built book (index, chapters, notebooks, search, genindex)."""
    return sorted(p for p in html_root.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def check_page(browser, page_path: Path, html_root: Path) -> dict:
    """Load one page offline; collect failed requests, requests leaving the book, console errors,
    uncaught exceptions, dialogs (a report's <script> that ran) and whether every chart rendered."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    failed, outside, errors, dialogs = [], [], [], []
    root_url = html_root.resolve().as_uri()

    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("request", lambda r: None if r.url.startswith((root_url, "data:", "blob:", "about:")) else outside.append(r.url))
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.resolve().as_uri(), wait_until="load", timeout=60000)
    if page_path.name == "index.html":  # Jupyter Book's index redirects to the root page
        page.wait_for_url(lambda url: not url.endswith("/index.html"), timeout=60000)
        page.wait_for_load_state("load")
    n_charts = page.locator(".gr-chart").count()
    if n_charts:
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.gr-chart')).every(el => el.querySelector('svg, canvas'))",
            timeout=60000,
        )
    rendered = page.evaluate(
        "() => Array.from(document.querySelectorAll('.gr-chart')).map(el => !!el.querySelector('svg, canvas'))"
    )
    text = page.evaluate("() => document.body.innerText")
    wide = page.evaluate(WIDE_TABLES)
    links = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[download], a.download, a[href$=\".csv\"]')).map(a => a.href)")
    page.wait_for_timeout(100)
    context.close()
    return {"failed": failed, "outside": outside, "errors": errors, "dialogs": dialogs, "charts": n_charts,
            "rendered": rendered, "text": text, "wide": wide, "downloads": links}


#: Tables wider than the article column that no scrolling box (overflow-x auto or scroll, itself inside the
#: column) holds: their right part would be cut off or push the page sideways.
WIDE_TABLES = """() => {
  const article = document.querySelector('.bd-article') || document.body;
  const limit = article.getBoundingClientRect().right + 1;
  const out = [];
  for (const t of article.querySelectorAll('table')) {
    if (t.getBoundingClientRect().right <= limit) continue;
    let el = t.parentElement, held = false;
    while (el && el !== article) {
      const ox = getComputedStyle(el).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && el.getBoundingClientRect().right <= limit) { held = true; break; }
      el = el.parentElement;
    }
    if (!held) out.push((t.className || 'table') + ' ' + Math.round(t.getBoundingClientRect().width) + 'px');
  }
  return out;
}"""

#: Page text a reader should never see: missing values, infinities, float noise, the parameters of a notebook.
NOISE = re.compile(r"(?<![\w.])(nan|NaN|inf|-inf|<NA>|None)(?![\w.])|\d\.\d*(0000000|9999999)\d")
#: A notebook's parameter cell shown on its page.
PARAMETERS = re.compile(r"\b(report_path|corpus_path|output_dir)\s*=")


def noise(text: str) -> list[str]:
    return sorted({m.group(0) for m in NOISE.finditer(text)})


def broken_downloads(links: list[str]) -> list[str]:
    """Download links whose file does not exist in the built book."""
    bad = []
    for href in links:
        url = urlparse(href)
        if url.scheme != "file" or not Path(unquote(url.path)).is_file():
            bad.append(href)
    return bad


def problems(results: dict[str, dict]) -> dict[str, dict]:
    """Pages with failed or outside requests, errors, dialogs or unrendered charts."""
    out = {}
    for page, r in results.items():
        bad = {k: r[k] for k in ("failed", "outside", "errors", "dialogs") if r[k]}
        if not all(r["rendered"]):
            bad["unrendered_charts"] = r["rendered"]
        if r.get("wide"):
            bad["tables_wider_than_the_column"] = r["wide"]
        if page.startswith("notebooks/") and PARAMETERS.search(r.get("text", "")):
            bad["parameter_cell_visible"] = PARAMETERS.findall(r["text"])
        if noise(r.get("text", "")):
            bad["noise_in_text"] = noise(r["text"])
        if broken_downloads(r.get("downloads", [])):
            bad["broken_downloads"] = broken_downloads(r["downloads"])
        if bad:
            out[page] = bad
    return out
