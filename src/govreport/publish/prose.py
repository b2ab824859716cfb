"""Prose for the books, generated from the tables: numbers with their qualifiers, counts that read like a
person wrote them, key findings that each rest on a sentence of the report, and safe HTML for all of it.

Rules the readers asked for:

* a qualifier stays where the report writes it: 近2万户, 5%左右, 突破15万户, a range as 5%–5.5%;
* integers print as integers (23家, never 23.0), with thousands separators;
* a rank carries its scope (No. 8 in 全市), or says the report gives none;
* no sentence about zero things ("Of 0 checks ..."): a count of zero gives no sentence, or a plain "none";
* no internal names (``change_pp``, ``self_building``, ``kind == "actual"``): :data:`WORDS` translates them.

Everything returned as HTML is escaped here; report text never reaches a page as markup.
"""

from __future__ import annotations

import html
import re
import math
from dataclasses import dataclass

import pandas as pd

from govreport.derivation import glossary

#: Qualifiers written before the number (近2万) and after it (5%左右).
PREFIX_QUALIFIERS = ("近", "突破", "超", "约", "不低于", "前")
SUFFIX_QUALIFIERS = ("余", "以上", "左右", "以内")
#: qualifiers written inside the quantity, before the measure word (1.8万余个, 5,100余万元): see quantity()
INNER_QUALIFIERS = ("余", "多")

#: Internal values as the reader sees them.
WORDS = {
    "level": "level",
    "growth": "growth rate",
    "share": "share",
    "ratio": "ratio",
    "change_pp": "change in percentage points",
    "rank": "rank",
    "actual": "result",
    "target": "target",
    "review": "review of past work",
    "plan": "plans for the year",
    "self_building": "the government's own conduct",
    "other": "other",
    "date": "date",
    "ordinal": "ordinal (第N)",
    "name_or_code": "part of a name or code",
    "grade_label": "grade label (4A级)",
    "event_name": "name of an event",
    "anniversary": "anniversary",
    "threshold": "threshold defining a group",
    "footnote": "footnote mark",
    "ratio_base": "base of a ratio",
    "page_number": "page number",
    "page_residue": "web-page residue",
    "range_end": "upper end of a range (kept with its lower end)",
    "stated": "stated in the report",
    "computed": "computed from two stated numbers",
    "implied": "implied by a stated ratio",
    "approximation": "approximation (see its assumption)",
    "raised": "raised",
    "lowered": "lowered",
    "similar": "about the same",
    "consistent": "consistent",
    "inconsistent": "inconsistent",
    "not_checkable": "not checkable",
    "new": "new in the period",
    "stock": "total standing",
    "per_capita": "per person",
    "average": "annual average",
    "cumulative": "cumulative over a span",
}


def word(value: object) -> str:
    """An internal value as a reader's word (``change_pp`` -> change in percentage points); '' when missing."""
    if _missing(value):
        return ""
    text = str(value)
    return WORDS.get(text, text.replace("_", " "))


def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: object, digits: int | None = None) -> str:
    """`1179.4` -> `1,179.4`; `23.0` -> `23`; '' when missing or infinite."""
    if _missing(value):
        return ""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isinf(x) or math.isnan(x):
        return ""
    if digits is not None:
        text = f"{x:,.{digits}f}"
    elif x == round(x) and abs(x) < 1e15:
        text = f"{int(round(x)):,}"
    else:
        text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _glue_unit(num: str, unit: str) -> str:
    if not unit:
        return num
    if unit[0].isascii() and unit not in ("%", ":1"):
        return f"{num} {unit}"
    return f"{num}{unit}"


def quantity(value: object, unit: object = None, qualifier: object = None, value_high: object = None) -> str:
    """A number as the report writes it: 近2万户, 5%左右, 1,179.4亿元, 5%–5.5%; '' when there is no value."""
    num = number(value)
    if not num:
        return ""
    unit = "" if _missing(unit) else str(unit)
    q = "" if _missing(qualifier) else str(qualifier)
    high = number(value_high)
    if high:
        return f"{num}–{_glue_unit(high, unit)}" if unit in ("%", ":1") or not unit else f"{_glue_unit(num, unit)}–{_glue_unit(high, unit)}"
    text = _glue_unit(num, unit)
    if q in PREFIX_QUALIFIERS:
        return f"{q}{text}"
    if q in INNER_QUALIFIERS:
        return _with_inner(num, unit, q)
    if q in SUFFIX_QUALIFIERS:
        return f"{text}{q}"
    return text


#: Magnitude words a unit may open with (万元, 亿元, 万个), longest first.
MAGNITUDES = ("万亿", "千万", "百万", "十万", "亿", "万", "千", "百")


def _with_inner(num: str, unit: str, q: str) -> str:
    """余 (and 多) as Chinese writes it: before the measure word, after the magnitude of a number with a decimal
    part or a last non-zero digit (1.8万余个, 3.5万余户, 5万余名), right after a round number (5,100余万元, 30余个,
    2500余场次), and before a unit without a magnitude."""
    magnitude = next((m for m in MAGNITUDES if unit.startswith(m)), "")
    digits = num.replace(",", "")
    round_number = "." not in digits and digits.endswith("0")
    if not magnitude or round_number:
        return f"{num}{q}{unit}"
    return f"{num}{magnitude}{q}{unit[len(magnitude):]}"


def claim(row: pd.Series | dict | None) -> str:
    """An indicator row for prose: its value with unit and qualifier; a rank with its scope."""
    if row is None:
        return ""
    get = row.get
    if get("metric") == "rank":
        n = number(get("value"))
        if not n:
            return ""
        scope = get("scope")
        return f"No. {n} in {scope}" if not _missing(scope) and str(scope) else f"No. {n} (the report does not say of what)"
    return quantity(get("value"), get("unit"), get("qualifier"), get("value_high"))


#: words after which a noun phrase's head noun has ended ("check that cannot be decided": the head is "check")
_POSTMODIFIERS = frozenset({"that", "which", "who", "of", "with", "without", "in", "for", "from", "to", "on", "by",
                            "whose", "where", "at"})


def plural_of(phrase: str) -> str:
    """The plural of a noun phrase: its head noun takes the plural, not its last word
    (`check that cannot be decided` -> `checks that cannot be decided`, `city` -> `cities`, `box` -> `boxes`)."""
    words = phrase.split(" ")
    head = next((i - 1 for i, w in enumerate(words) if i > 0 and w in _POSTMODIFIERS), len(words) - 1)
    words[head] = _plural_word(words[head])
    return " ".join(words)


def _plural_word(w: str) -> str:
    if not w or not w[-1].isalpha() or not w.isascii():
        return w
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    return w + "s"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`count(1, "target")` -> `one target`; `count(3, "target")` -> `3 targets`; `count(0, ...)` -> `no targets`;
    `count(2, "check that cannot be decided")` -> `2 checks that cannot be decided` (see :func:`plural_of`; give the
    plural form where the rule cannot know it)."""
    plural = plural or plural_of(singular)
    if n == 0:
        return f"no {plural}"
    if n == 1:
        return f"one {singular}"
    return f"{number(n)} {plural}"


def join_words(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def interval(low: object, high: object, unit: object = "", *, share: bool = False) -> str:
    """An interval a reader can believe: a share is clipped to 0–100%, an open end reads as "at least" or
    "at most", an interval of one point reads as that point."""
    unit = "" if _missing(unit) else str(unit)
    lo = None if _missing(low) else float(low)  # type: ignore[arg-type]
    hi = None if _missing(high) else float(high)  # type: ignore[arg-type]
    if share and unit == "%":
        lo = None if lo is None else max(lo, 0.0)
        hi = None if hi is None else min(hi, 100.0)
    lo = None if lo is None or math.isinf(lo) else lo
    hi = None if hi is None or math.isinf(hi) else hi
    fmt = (lambda x: _glue_unit(number(round(x, 2)), unit))
    if lo is None and hi is None:
        return ""
    if hi is None:
        return f"at least {fmt(lo)}"
    if lo is None:
        return f"at most {fmt(hi)}"
    if round(lo, 2) == round(hi, 2):
        return fmt(lo)
    return f"{_glue_unit(number(round(lo, 2)), unit) if unit not in ('%', ':1') else number(round(lo, 2))}–{fmt(hi)}"


def better(key: object) -> str:
    """The glossary's direction for a key: higher, lower, band, or '' when unknown."""
    if _missing(key):
        return ""
    entry = glossary.by_key().get(str(key))
    return "" if entry is None or _missing(entry.better) else str(entry.better)


def direction(key: object, change: object) -> str:
    """Whether a change is good or bad news by the glossary's `better`: good, bad, or neutral (no direction
    known, a band such as CPI, or no change)."""
    b = better(key)
    if _missing(change) or b not in ("higher", "lower"):
        return "neutral"
    c = float(change)  # type: ignore[arg-type]
    if c == 0:
        return "neutral"
    return "good" if (c > 0) == (b == "higher") else "bad"


# ---------------------------------------------------------------------------------------------
# HTML


def esc(text: object) -> str:
    return "" if _missing(text) else html.escape(str(text), quote=True)


def quote_html(sentence: object) -> str:
    """A sentence of the report as a block quote (Chinese, escaped)."""
    if _missing(sentence) or not str(sentence).strip():
        return ""
    return f'<blockquote class="gr-quote" lang="zh">{esc(sentence)}</blockquote>'


@dataclass(frozen=True)
class Finding:
    """One key finding: a plain-English statement and the sentence(s) of the report it rests on."""

    text: str
    sentences: tuple[str, ...]


def findings_html(findings: list[Finding]) -> str:
    """A numbered list of findings, each followed by its sentences; a sentence already quoted is not repeated."""
    if not findings:
        return "<p>The report states none of the headline figures this book looks for.</p>"
    seen: set[str] = set()
    items = []
    for f in findings:
        quotes = []
        for s in f.sentences:
            if s and s not in seen:
                seen.add(s)
                quotes.append(quote_html(s))
        if not quotes and f.sentences:
            quotes.append('<p class="gr-note">(from the sentence quoted above)</p>')
        items.append(f"<li><p>{f.text}</p>{''.join(quotes)}</li>")
    return f'<ol class="gr-findings">{"".join(items)}</ol>'


def paragraphs_html(paragraphs: list[str]) -> str:
    """Paragraphs already escaped by the caller (only text built here, from numbers and escaped names)."""
    return "".join(f"<p>{p}</p>" for p in paragraphs if p)


_OPEN_HIGH = re.compile(r"\[\s*(-?[\d.,]+)\s*,\s*\+?inf\s*\]")
_OPEN_LOW = re.compile(r"\[\s*-inf\s*,\s*(-?[\d.,]+)\s*\]")


def open_intervals(text: object) -> str:
    """Explanations with their open intervals in words: `[8.15, +inf]` -> `at least 8.15`."""
    if _missing(text):
        return ""
    return _OPEN_LOW.sub(r"at most \1", _OPEN_HIGH.sub(r"at least \1", str(text)))


_NOT_STATED = re.compile(r"not stated: ([a-z0-9_.,\s]+)$")


def reason_words(text: object) -> str:
    """A derived table's reason with every glossary key in reader's words: `not stated: income_urban` ->
    `not stated: Urban per-capita disposable income (城镇居民人均可支配收入)`."""
    if _missing(text):
        return ""
    text = str(text)
    m = _NOT_STATED.search(text)
    if not m:
        return text
    names = [key_words(k.strip()) for k in m.group(1).split(",") if k.strip()]
    return text[: m.start(1)] + join_words(names)


def key_words(ref: str) -> str:
    """A glossary key (or key.metric) as `English label (中文名)`, with the metric in words; the reference itself
    never shows when the glossary knows it."""
    from govreport.derivation import glossary

    key, _, metric = ref.partition(".")
    e = glossary.by_key().get(key)
    if e is None:
        return ref
    text = f"{e.label_en} ({e.name_zh})" if e.label_en else e.name_zh
    return f"{text}, {word(metric)}" if metric else text
