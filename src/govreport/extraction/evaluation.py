"""Extraction quality against hand-labelled ground truth (tests/data/labels/*.csv).

A labelled token carries one or more claims (``;`` in its indicator cell, ``|`` between
acceptable names). An extracted row matches a claim when it sits on the same token (same
start offset). Measures:

- ``found``: share of labelled claims with a row of the right value and metric;
- ``spurious``: share of emitted rows that match no labelled claim (on tokens labelled as
  non-indicators, or a second row on a token that carries one claim);
- ``names``, ``period``, ``kind``: share right among the claims found;
- ``non_indicators_kept``: share of labelled non-indicator tokens that went to the non-indicator table.
For sample labels (not every token labelled) rows on unlabelled tokens are not scored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

_PREFIXES = re.compile(r"^(全区|全市|全省|全县|全州|全旗|全盟|全国|全年|全社会)(?!性)(?=.{2,})")


@dataclass(frozen=True)
class Score:
    report: str
    claims: int
    rows: int
    found: float
    spurious: float
    names: float  # the normalised name is one of the labelled alternatives
    period: float
    kind: float
    non_indicators_kept: float
    misses: tuple[str, ...]
    wrong_names: tuple[str, ...]
    wrong_period_kind: tuple[str, ...]
    extra_rows: tuple[str, ...]
    names_close: float = 1.0  # ... or names the same thing in other words (see name_matches)
    aspect: float = 1.0  # aspect right, over the found claims whose label states one (newer label files)
    scope: float = 1.0  # scope right, over the found rank/share claims whose label states one

    def summary(self) -> str:
        return (f"{self.report}: {self.claims} labelled claims, {self.rows} rows scored | found {self.found:.1%} | "
                f"spurious {self.spurious:.1%} | names {self.names:.1%} (close {self.names_close:.1%}) | "
                f"period {self.period:.1%} | "
                f"kind {self.kind:.1%} | non-indicators kept {self.non_indicators_kept:.1%}")


def load_labels(path: str | Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


# Names are compared after removing, on both sides, quotes, a scope prefix (全区...) and the action
# verbs a clause opens with (新增国家高新技术企业 and 国家高新技术企业 name the same thing; hand labels
# keep the verb in some rows and drop it in others).
_ACTIONS = re.compile(r"^(?:新建和改扩建|新建及改造提升|新建改建|新建和改造|升级改造|新培育|新认定|新创建|新增|新建|引进|引育|"
                      r"实施|建成|创建|打造|获得|发放|开展|兑现|荣获|完成|实现|累计|培育|改造)(?=.{2,})")


_SCOPE_INSIDE = re.compile(r"(?<=占)(?:全区|全市|全省|全县)")  # 占全区规上工业产值比重 = 占规上工业产值比重


def _norm(name: str) -> str:
    name = re.sub(r"[“”\"\s]", "", name or "")
    name = _PREFIXES.sub("", _ACTIONS.sub("", _PREFIXES.sub("", name)))
    return _SCOPE_INSIDE.sub("", name)


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def name_matches(name: str, alternatives: list[str]) -> bool:
    """The name says what the label says, in other words: equal after normalising; or it holds a labelled
    name with at most four characters more, or is held in one and covers at least 60% of it; or the two
    share most of their character pairs (Dice >= 0.6: 高铁建成运营 ~ 建成运营高铁). A bare 总量, 经济 or 大冶 for
    市场经营主体总量, 经济增长 or 千亿县 does not match."""
    n = _norm(name)
    for alt in alternatives:
        if n == alt:
            return True
        if alt and alt in n and len(n) - len(alt) <= 4:
            return True
        if n and n in alt and len(n) >= 0.6 * len(alt):
            return True
        a, b = _bigrams(n), _bigrams(alt)
        if 2 * len(a & b) / (len(a) + len(b)) >= 0.6:
            return True
    return False


def _same_value(a: float, b: str) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    except ValueError:
        return False


def score(indicators: pd.DataFrame, non_indicators: pd.DataFrame, labels: pd.DataFrame, report: str = "",
          complete: bool = True) -> Score:
    labels = labels.assign(start=labels["start"].astype(int))
    rows_by_start: dict[int, list[pd.Series]] = {}
    for _, row in indicators.iterrows():
        rows_by_start.setdefault(int(row["start"]), []).append(row)
    labelled_starts = set(labels["start"])
    non_ind_starts = set(int(s) for s in non_indicators["start"])
    claims = found = names = close = period = kind = 0
    aspect_n = aspect_ok = scope_n = scope_ok = 0
    matched_rows = 0
    misses, wrong_names, wrong_pk, extra = [], [], [], []
    ni_total = ni_kept = 0
    for _, lab in labels.iterrows():
        start = lab["start"]
        if lab["class"] == "non_indicator":
            ni_total += 1
            if start in non_ind_starts and start not in rows_by_start:
                ni_kept += 1
            for row in rows_by_start.get(start, []):
                extra.append(f"{start} {lab['token']}: labelled {lab['reason']}, emitted {row['indicator']} {row['metric']}")
            continue
        candidates = list(rows_by_start.get(start, []))
        if not candidates and lab["qualifier"] == "range":
            # the upper end of a range is no row of its own: the range row carries it as value_high
            lower = [r for s, rows in rows_by_start.items() if start - 12 <= s < start for r in rows
                     if r["qualifier"] == "range" and _same_value(r["value_high"], lab["value"])]
            if lower:
                claims += 1
                found += 1
                r = lower[-1]
                names += _norm(r["indicator"]) in [_norm(a) for a in lab["indicator"].split(";")[0].split("|")]
                close += name_matches(r["indicator"], [_norm(a) for a in lab["indicator"].split(";")[0].split("|")])
                period += r["period"] == lab["period"]
                kind += r["kind"] == lab["kind"]
                continue
        for claim in lab["indicator"].split(";"):
            claims += 1
            alternatives = [_norm(a) for a in claim.split("|")]
            ok = [r for r in candidates if _same_value(r["value"], lab["value"]) and r["metric"] == lab["metric"]]
            if not ok:
                misses.append(f"{start} {lab['token']} {claim} {lab['metric']} {lab['value']}: "
                              + ("; ".join(f"{r['indicator']} {r['metric']} {r['value']}" for r in candidates) or "no row"))
                continue
            best = next((r for r in ok if _norm(r["indicator"]) in alternatives), ok[0])
            candidates.remove(best)
            found += 1
            matched_rows += 1
            if _norm(best["indicator"]) in alternatives:
                names += 1
                close += 1
            else:
                close += name_matches(best["indicator"], alternatives)
                wrong_names.append(f"{start} {lab['token']}: {best['indicator']} (labelled {claim})"
                                   + ("" if not name_matches(best["indicator"], alternatives) else " [close]"))
            if lab.get("aspect", ""):
                aspect_n += 1
                aspect_ok += (best.get("aspect") if isinstance(best.get("aspect"), str) else "") == lab["aspect"]
            if lab.get("scope", "") and lab["metric"] in ("rank", "share"):
                scope_n += 1
                scope_ok += (best.get("scope") if isinstance(best.get("scope"), str) else "") == lab["scope"]
            p_ok = best["period"] == lab["period"]
            k_ok = best["kind"] == lab["kind"]
            period += p_ok
            kind += k_ok
            if not (p_ok and k_ok):
                wrong_pk.append(f"{start} {lab['token']} {best['indicator']}: {best['period']}/{best['kind']} "
                                f"(labelled {lab['period']}/{lab['kind']})")
        for row in candidates:
            extra.append(f"{start} {lab['token']}: extra row {row['indicator']} {row['metric']} {row['value']}")
    scored_rows = sum(len(v) for s, v in rows_by_start.items() if complete or s in labelled_starts)
    if complete:
        for s, rows in rows_by_start.items():
            if s not in labelled_starts:
                extra.extend(f"{s} {r['token']}: unlabelled token, row {r['indicator']}" for r in rows)
    spurious_rows = max(scored_rows - matched_rows, 0)
    return Score(report, claims, scored_rows, found / claims if claims else 1.0,
                 spurious_rows / scored_rows if scored_rows else 0.0,
                 names / found if found else 1.0, period / found if found else 1.0, kind / found if found else 1.0,
                 ni_kept / ni_total if ni_total else 1.0,
                 tuple(misses), tuple(wrong_names), tuple(wrong_pk), tuple(extra),
                 close / found if found else 1.0, aspect_ok / aspect_n if aspect_n else 1.0,
                 scope_ok / scope_n if scope_n else 1.0)
