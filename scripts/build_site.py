"""Put both books behind one landing page, as GitHub Pages publishes them.

    .venv/bin/python scripts/build_site.py --report-book build/book/wanzhou-2024 --panel-book build/book/panel \\
        --out build/site        (or: make site)

The site is static: index.html (the landing page), report/ (the single-report book) and panel/ (the panel book),
copied from each book's _build/html. Links are relative, so the site works under any path (a GitHub Pages project
site is served under /<repository>/) and from the file system.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govreport.publish import book  # noqa: E402

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govreport: government work reports in numbers</title>
<style>
body {{ font-family: system-ui, sans-serif, "Noto Sans CJK SC"; max-width: 44rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }}
a {{ color: #1f5a96; }}
li {{ margin-bottom: 0.8rem; }}
.meta {{ color: #5a6570; font-size: 0.9rem; }}
</style>
</head>
<body>
<h1>Government work reports in numbers</h1>
<p lang="zh">政府工作报告 · 数字与原文</p>
<p>Every number in a Chinese government work report (政府工作报告), traced to the sentence it comes from. Two books,
built by <code>govreport</code>:</p>
<ul>
<li><a href="report/index.html">{report_title}</a>: one report read closely: its headline results, ratios,
targets against last year's results, vocabulary and every number.</li>
<li><a href="panel/index.html">{panel_title}</a>: a corpus of reports across years and regions: national targets
against results 2008–2022 with the official English, and the provinces' targets side by side.</li>
</ul>
<p class="meta">Built with govreport {version}, commit {commit}.</p>
</body>
</html>
"""


def title_of(html_root: Path) -> str:
    """The book's title as its root page states it (the <title> of the page index.html redirects to)."""
    import re

    index = (html_root / "index.html").read_text(encoding="utf-8")
    target = re.search(r'url=([^"\\s]+)', index)
    page = html_root / target.group(1) if target else html_root / "index.html"
    m = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
    text = html.unescape(m.group(1)).strip() if m else "the book"
    return text.split(" — ")[0].split(" &#8212; ")[0].strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report-book", default="build/book/wanzhou-2024")
    ap.add_argument("--panel-book", default="build/book/panel")
    ap.add_argument("--out", default="build/site")
    args = ap.parse_args(argv)
    out = book.resolve(args.out)
    books = {"report": book.resolve(args.report_book) / "_build" / "html",
             "panel": book.resolve(args.panel_book) / "_build" / "html"}
    for name, root in books.items():
        if not (root / "index.html").is_file():
            print(f"build_site: {book.display_path(root)} has no index.html: build the book first", file=sys.stderr)
            return 2
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, root in books.items():
        shutil.copytree(root, out / name, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    v = book.build_version(ROOT)
    page = PAGE.format(report_title=html.escape(title_of(books["report"])), panel_title=html.escape(title_of(books["panel"])),
                       version=html.escape(v["version"]), commit=html.escape(v["commit"]))
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")  # serve folders starting with _ (_static)
    print(f"build_site: {book.display_path(out)}/index.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
