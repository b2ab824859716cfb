"""Validate the hand-labelled ground truth in this folder.

Run from anywhere:  python tests/data/labels/check_labels.py
Exits non-zero and lists every problem found.

Checks, for every <report>.csv:
  * header is exactly COLUMNS; rows sorted by start, spans do not overlap;
  * token == text[start:end] for the decoded report text;
  * class in {indicator, non_indicator}; metric / kind / qualifier in the allowed sets;
    indicators have indicator, metric, value (a float), unit, period, kind; non-indicators have a reason
    and no indicator fields;
  * indicator value matches the token (same absolute value; or the Chinese numeral's value);
  * metric/unit consistency: change_pp <-> 个百分点, ratio <-> :1, rank <-> 位;
  * for the full Wanzhou file: every maximal Arabic digit run in the text is covered by exactly one row,
    except the 1 of "2.3:1" (a digit run directly after ':' that follows a ratio row).
And sections.csv: columns, allowed roles/levels, title_prefix found in the report text.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

REPORTS = {
    "wanzhou-2024": (ROOT / "data/raw/wanzhou-2024.txt", "utf-8"),
    "hailaer-2019": (ROOT / "tests/data/reports/hailaer-2019.gb18030.txt", "gb18030"),
    "zhejiang-2026": (ROOT / "tests/data/reports/zhejiang-2026.txt", "utf-8"),
    "fujian-2026": (ROOT / "tests/data/reports/fujian-2026.txt", "utf-8"),
}
CORPUS = ROOT / "data/raw/corpus"
# Development labels of the corpus (see HEADLINES-SPEC.md): every corpus report with a token file is labelled in full.
for _path in sorted(CORPUS.glob("*.txt")):
    if not _path.name.endswith(".en.txt") and _path.stem not in REPORTS and (HERE / f"{_path.stem}.csv").exists():
        REPORTS[_path.stem] = (_path, "utf-8")
FULL = {"wanzhou-2024"} | {name for name, (path, _) in REPORTS.items() if path.parent == CORPUS}

COLUMNS = ["start", "end", "token", "class", "indicator", "metric", "value", "unit", "period", "kind",
           "qualifier", "reason", "note"]
OPTIONAL_COLUMNS = ["aspect", "scope"]  # newer files: aspect new|stock|per_capita|average|cumulative, scope of a rank/share
ASPECTS = {"", "new", "stock", "per_capita", "average", "cumulative"}
CLASSES = {"indicator", "non_indicator"}
METRICS = {"level", "growth", "share", "ratio", "change_pp", "rank"}
KINDS = {"actual", "target"}
QUALIFIERS = {"", "余", "以上", "左右", "近", "突破", "超", "约", "不低于", "以内", "前", "range"}
REASONS = {"date", "ordinal", "name_or_code", "grade_label", "event_name", "anniversary", "plan_name",
           "footnote", "threshold", "other"}
SECTION_COLUMNS = ["report", "level", "label", "title_prefix", "role", "period"]
ROLES = {"review", "plan", "self_building", "other"}
PERIOD_RE = re.compile(r"^(\d{4}|\d{4}-\d{4}|cumulative)$")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_value(s: str) -> float | None:
    """Value of a simple Chinese numeral (两万, 三千, 十五, 百分之五 -> 5)."""
    s = s.removeprefix("百分之")
    total, num = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            num = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit == 10000:
                total = (total + num) * unit
            else:
                total += (num or 1) * unit
            num = 0
        else:
            return None
    return float(total + num)


def token_value(tok: str) -> float | None:
    if NUMBER_RE.fullmatch(tok):
        return float(tok.replace(",", ""))
    return cn_value(tok)


def check_report(name: str, text: str, problems: list[str]) -> tuple[int, int, int]:
    path = HERE / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames not in (COLUMNS, COLUMNS + OPTIONAL_COLUMNS):
            problems.append(f"{path.name}: header {reader.fieldnames} != {COLUMNS} (+ {OPTIONAL_COLUMNS})")
            return 0, 0, 0
        rows = list(reader)
    p = lambda i, msg: problems.append(f"{path.name} row {i + 2}: {msg}")  # noqa: E731 (+2: header, 1-based)
    prev_end = -1
    n_ind = 0
    for i, r in enumerate(rows):
        try:
            s, e = int(r["start"]), int(r["end"])
        except ValueError:
            p(i, "start/end not integers")
            continue
        if s < prev_end:
            p(i, f"not sorted / overlaps previous row (start {s} < previous end {prev_end})")
        prev_end = e
        if text[s:e] != r["token"]:
            p(i, f"token {r['token']!r} != text[{s}:{e}] {text[s:e]!r}")
        if r.get("aspect", "") not in ASPECTS:
            p(i, f"aspect {r['aspect']!r}")
        if r["class"] not in CLASSES:
            p(i, f"class {r['class']!r}")
        if r["class"] == "indicator":
            n_ind += 1
            for c in ("indicator", "metric", "value", "unit", "period", "kind"):
                if not r[c]:
                    p(i, f"indicator row without {c}")
            if r["metric"] not in METRICS:
                p(i, f"metric {r['metric']!r}")
            if r["kind"] not in KINDS:
                p(i, f"kind {r['kind']!r}")
            if r["qualifier"] not in QUALIFIERS:
                p(i, f"qualifier {r['qualifier']!r}")
            if r["period"] and not PERIOD_RE.match(r["period"]):
                p(i, f"period {r['period']!r}")
            if r["reason"]:
                p(i, "indicator row with a reason")
            try:
                v = float(r["value"])
            except ValueError:
                p(i, f"value {r['value']!r} is not a number")
            else:
                tv = token_value(r["token"])
                if tv is not None and abs(abs(v) - tv) > 1e-9:
                    p(i, f"value {v} does not match token {r['token']!r}")
            metric, unit = r["metric"], r["unit"]
            if (metric == "change_pp") != (unit == "个百分点"):
                p(i, f"metric {metric} with unit {unit!r} (change_pp <-> 个百分点)")
            if (metric == "ratio") != (unit == ":1"):
                p(i, f"metric {metric} with unit {unit!r} (ratio <-> :1)")
            if (metric == "rank") != (unit == "位"):
                p(i, f"metric {metric} with unit {unit!r} (rank <-> 位)")
        elif r["class"] == "non_indicator":
            if r["reason"] not in REASONS:
                p(i, f"reason {r['reason']!r}")
            if r["reason"] == "other" and not r["note"]:
                p(i, "reason other needs a note")
            for c in ("indicator", "metric", "value", "unit", "period", "kind", "qualifier"):
                if r[c]:
                    p(i, f"non_indicator row with {c}={r[c]!r}")

    if name in FULL:
        covered = {(int(r["start"]), int(r["end"])) for r in rows}
        ratio_ends = {int(r["end"]) for r in rows if r["metric"] == "ratio"}
        for m in NUMBER_RE.finditer(text):
            span = (m.start(), m.end())
            if span in covered:
                continue
            if m.start() - 1 in ratio_ends and text[m.start() - 1] == ":" and m.group() == "1":
                continue
            problems.append(f"{path.name}: digit run {m.group()!r} at {span} has no row")
        digit_spans = {(m.start(), m.end()) for m in NUMBER_RE.finditer(text)}
        for r in rows:
            s, e = int(r["start"]), int(r["end"])
            if NUMBER_RE.fullmatch(r["token"]) and (s, e) not in digit_spans:
                problems.append(f"{path.name}: row {r['token']!r} at {s} is not a maximal digit run")
    return len(rows), n_ind, len(rows) - n_ind


def check_sections(texts: dict[str, str], problems: list[str], path: Path = HERE / "sections.csv") -> int:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != SECTION_COLUMNS:
            problems.append(f"sections.csv: header {reader.fieldnames} != {SECTION_COLUMNS}")
            return 0
        rows = list(reader)
    last_pos: dict[str, int] = {}
    for i, r in enumerate(rows):
        p = lambda msg: problems.append(f"sections.csv row {i + 2}: {msg}")  # noqa: E731
        if r["report"] not in texts:
            p(f"unknown report {r['report']!r}")
            continue
        if r["level"] not in {"1", "2"}:
            p(f"level {r['level']!r}")
        if r["role"] not in ROLES:
            p(f"role {r['role']!r}")
        if r["period"] and not PERIOD_RE.match(r["period"]):
            p(f"period {r['period']!r}")
        text = texts[r["report"]]
        heading = r["label"] + r["title_prefix"]
        pos = text.find(heading, last_pos.get(r["report"], 0))
        if pos < 0:
            p(f"heading {heading!r} not found in document order")
        else:
            last_pos[r["report"]] = pos + 1
    return len(rows)


HEADLINE_COLUMNS = ["report", "key", "kind", "period", "metric", "value", "value_high", "qualifier", "unit",
                    "start", "end", "status", "note"]
PAIR_COLUMNS = ["region", "key", "year", "metric", "target", "target_high", "target_qualifier", "target_report",
                "target_start", "target_end", "actual", "actual_report", "actual_start", "actual_end", "verdict", "note"]
HEADLINE_METRICS = {"level", "growth", "change_pp", "share", "ratio"}
VERDICTS = {"met", "not met", "no result", "not comparable"}


def _corpus_text(report: str) -> str | None:
    path = CORPUS / f"{report}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def _number_at(text: str, start: str, end: str, value: str, where: str, problems: list[str]) -> None:
    try:
        s, e = int(start), int(end)
    except ValueError:
        problems.append(f"{where}: start/end {start!r}/{end!r} not integers")
        return
    if value:
        tv = token_value(text[s:e])
        if tv is None or abs(abs(float(value)) - tv) > 1e-9:
            problems.append(f"{where}: value {value} but text[{s}:{e}] is {text[s:e]!r}")


def check_headlines(path: Path, problems: list[str]) -> int:
    """tests/data/labels/headlines/<report>.csv: one row a cell (HEADLINES-SPEC.md)."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != HEADLINE_COLUMNS:
            problems.append(f"headlines/{path.name}: header {reader.fieldnames} != {HEADLINE_COLUMNS}")
            return 0
        rows = list(reader)
    text = _corpus_text(path.stem)
    if text is None:
        problems.append(f"headlines/{path.name}: no corpus report {path.stem}.txt")
        return 0
    seen = set()
    for i, r in enumerate(rows):
        where = f"headlines/{path.name} row {i + 2}"
        cell = (r["key"], r["kind"], r["period"], r["metric"])
        if cell in seen:
            problems.append(f"{where}: cell {cell} labelled twice")
        seen.add(cell)
        if r["report"] != path.stem:
            problems.append(f"{where}: report {r['report']!r}")
        if r["kind"] not in KINDS or r["metric"] not in HEADLINE_METRICS or r["qualifier"] not in QUALIFIERS:
            problems.append(f"{where}: kind/metric/qualifier {r['kind']!r}/{r['metric']!r}/{r['qualifier']!r}")
        if not re.fullmatch(r"\d{4}", r["period"]):
            problems.append(f"{where}: period {r['period']!r}")
        if r["status"] not in {"stated", "no_target"} or (r["status"] == "stated") != bool(r["value"]):
            problems.append(f"{where}: status {r['status']!r} with value {r['value']!r}")
        _number_at(text, r["start"], r["end"], r["value"], where, problems)
    return len(rows)


def check_pairs(path: Path, problems: list[str]) -> int:
    """tests/data/labels/pairs/<series>.csv: a target of year N next to the result stated a year later."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != PAIR_COLUMNS:
            problems.append(f"pairs/{path.name}: header {reader.fieldnames} != {PAIR_COLUMNS}")
            return 0
        rows = list(reader)
    for i, r in enumerate(rows):
        where = f"pairs/{path.name} row {i + 2}"
        if r["verdict"] not in VERDICTS:
            problems.append(f"{where}: verdict {r['verdict']!r}")
        for side in ("target", "actual"):
            if not r[f"{side}_report"]:
                continue
            text = _corpus_text(r[f"{side}_report"])
            if text is None:
                problems.append(f"{where}: no corpus report {r[side + '_report']!r}")
                continue
            _number_at(text, r[f"{side}_start"], r[f"{side}_end"], r[side], where, problems)
    return len(rows)


def main() -> int:
    problems: list[str] = []
    texts = {}
    for name, (path, enc) in REPORTS.items():
        texts[name] = path.read_text(encoding=enc)
        if not (HERE / f"{name}.csv").exists():
            problems.append(f"{name}.csv missing")
            continue
        n, ni, nn = check_report(name, texts[name], problems)
        print(f"{name}: {n} rows, {ni} indicator, {nn} non_indicator")
    if (HERE / "sections.csv").exists():
        print(f"sections.csv: {check_sections(texts, problems)} rows")
    else:
        problems.append("sections.csv missing")
    for path in sorted((HERE / "sections").glob("*.csv")):
        if path.stem in REPORTS and path.stem not in texts:
            texts[path.stem] = REPORTS[path.stem][0].read_text(encoding="utf-8")
        print(f"sections/{path.name}: {check_sections(texts, problems, path)} rows")
    for path in sorted((HERE / "headlines").glob("*.csv")):
        print(f"headlines/{path.name}: {check_headlines(path, problems)} cells")
    for path in sorted((HERE / "pairs").glob("*.csv")):
        print(f"pairs/{path.name}: {check_pairs(path, problems)} pairs")
    for msg in problems:
        print("PROBLEM:", msg)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
