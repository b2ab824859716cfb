"""The panel book: tables and charts across years and regions, from the corpus tables (``govreport.corpus``).

* :func:`load` builds the corpus tables in this process (no Dask cluster inside a notebook), reusing the
  extraction cache that ``scripts/build_book.py --book panel`` fills before the notebooks run.
* :func:`series` gives, for the national reports, each year's target against the result stated a year later,
  with the verdict, both Chinese sentences and, where the corpus holds the official English translation
  (``national-YYYY.en.txt``, aligned line by line with the Chinese file), the English sentences.
* :func:`provinces` gives one year's provincial targets next to each province's result of the year before and the
  national target of that year when the corpus holds it; :func:`tile_map` draws them on a tile grid (no map data).
"""

from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from govreport.derivation import glossary
from govreport.publish import book, charts, prose, regions

#: The national series of the panel book: (glossary key, metric), in the order the chapter shows them.
NATIONAL_SERIES = (
    ("gdp", "growth"),
    ("cpi", "growth"),
    ("urban_new_jobs", "level"),
    ("registered_unemployment", "level"),
    ("surveyed_unemployment", "level"),
    ("deficit", "level"),
    ("deficit_ratio", "level"),
    ("m2", "growth"),
    ("energy_intensity", "growth"),
)

#: The provincial cells of one year's comparison: (key, metric), headline targets most provinces state.
PROVINCIAL_CELLS = (
    ("gdp", "growth"),
    ("retail", "growth"),
    ("fai", "growth"),
    ("budget_revenue", "growth"),
    ("industry_va_above_scale", "growth"),
    ("cpi", "growth"),
    ("surveyed_unemployment", "level"),
    ("urban_new_jobs", "level"),
)

VERDICT_WORDS = {"met": "met", "not met": "not met", "no result": "no result stated a year later",
                 "not comparable": "not comparable", "no rule": "no rule (the glossary gives no direction)"}

TABLES = {
    "reports": "one input report: path, region, level, year, title, status and counts",
    "headlines": "one report × headline indicator × result or target × period × metric: the statement standing for it",
    "targets_vs_results": "a target of year N next to the result for year N stated in the report of year N+1, with the verdict",
    "comparison": "a stated headline cell with the national value of the same cell and the rank among regions",
}


def default_cache() -> Path:
    return book.repo_root() / "build" / "cache" / "corpus"


def load(corpus_path: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None,
         out: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """The corpus tables, built in this process with the extraction cache (``build/cache/corpus``)."""
    from govreport.corpus.run import build_corpus

    result = build_corpus([book.resolve(corpus_path)], out=None if out is None else book.resolve(out), workers=0,
                          cache_dir=cache_dir or default_cache(), progress=False)
    return {name: display_paths(df) for name, df in result.tables.items()}


#: Columns of the corpus tables that hold the path of a report.
PATH_COLUMNS = ("report", "target_report", "actual_report", "national_report")


def display_paths(df: pd.DataFrame) -> pd.DataFrame:
    """The table with its report paths as readers see them: relative to the repository root
    (``data/raw/corpus/national-2015.txt``, not the machine's absolute path)."""
    df = df.copy()
    for column in PATH_COLUMNS:
        if column in df.columns:
            df[column] = df[column].map(lambda p: p if prose._missing(p) else book.display_path(p))
    return df


def _label(key: str) -> str:
    e = glossary.by_key().get(key)
    return f"{e.label_en} {e.name_zh}" if e else key


# ---------------------------------------------------------------------------------------------
# official English sentences of the national reports


@lru_cache(maxsize=64)
def _lines(path: str) -> tuple[str, ...] | None:
    p = Path(path)
    if not p.is_file():
        return None
    return tuple(p.read_text(encoding="utf-8").split("\n"))


def english_path(report: str | os.PathLike[str]) -> Path:
    """`…/national-2012.txt` -> `…/national-2012.en.txt`."""
    p = book.resolve(report)
    return p.with_name(p.name[: -len(p.suffix)] + ".en" + p.suffix) if p.suffix else p.with_name(p.name + ".en")


def english_sentence(report: object, start: object) -> str:
    """The official English of the line holding offset `start` of the Chinese report, or '' when the corpus holds
    no translation for it (the two files are aligned line by line)."""
    if prose._missing(report) or prose._missing(start):
        return ""
    zh = _lines(str(book.resolve(str(report))))
    en = _lines(str(english_path(str(report))))
    if zh is None or en is None:
        return ""
    text = "\n".join(zh)
    line = text.count("\n", 0, int(start))  # type: ignore[arg-type]
    return en[line].strip() if line < len(en) else ""


# ---------------------------------------------------------------------------------------------
# targets against results over the years


def series(tvr: pd.DataFrame, level: str = "national", cells=NATIONAL_SERIES) -> pd.DataFrame:
    """Target of year N against the result for year N, for the given cells of one level, with reader's words and
    the official English sentences where the corpus has them."""
    keep = pd.Series(False, index=tvr.index)
    for key, metric in cells:
        keep |= (tvr["key"] == key) & (tvr["metric"] == metric)
    t = tvr[keep & (tvr["level"] == level)].copy()
    order = {c: i for i, c in enumerate(cells)}
    t["order"] = [order[(k, m)] for k, m in zip(t["key"], t["metric"])]
    t = t.sort_values(["order", "region", "year"]).reset_index(drop=True)
    t["indicator"] = [_label(k) for k in t["key"]]
    t["target_shown"] = [prose.quantity(v, u, q, h) for v, u, q, h in
                         zip(t["target"], t["unit"], t["target_qualifier"], t["target_high"])]
    t["actual_shown"] = [prose.quantity(v, u, q) for v, u, q in zip(t["actual"], t["actual_unit"], t["actual_qualifier"])]
    t["verdict_shown"] = [VERDICT_WORDS.get(str(v), str(v)) for v in t["verdict"]]
    t["target_en"] = [english_sentence(r, s) for r, s in zip(t["target_report"], t["target_start"])]
    t["actual_en"] = [english_sentence(r, s) for r, s in zip(t["actual_report"], t["actual_start"])]
    t["region_en"] = [regions.english_name(r) or str(r) for r in t["region"]]
    return t


#: Units a chart converts to one (the deficit is written in 亿元 some years and in 万亿元 in others).
SAME_UNIT = {"万亿元": ("亿元", 1e4), "亿元": ("亿元", 1.0), "万人": ("万人", 1.0)}


def _common(value: object, unit: object) -> tuple[float | None, str]:
    if prose._missing(value):
        return None, "" if prose._missing(unit) else str(unit)
    u = "" if prose._missing(unit) else str(unit)
    to, factor = SAME_UNIT.get(u, (u, 1.0))
    return float(value) * factor, to  # type: ignore[arg-type]


def series_chart(s: pd.DataFrame, key: str, metric: str) -> alt.Chart | None:
    """One indicator's targets (line) and results (points) over the years, in one unit (亿元 and 万亿元 are
    converted to 亿元; a value in another unit is left off); None when it has no rows."""
    d = s[(s["key"] == key) & (s["metric"] == metric)]
    if d.empty:
        return None
    units = [_common(1, u)[1] for u in d["unit"].dropna()]
    unit = max(set(units), key=units.count) if units else ""
    rows = []
    for r in d.itertuples(index=False):
        tv, tu = _common(r.target, r.unit)
        if tv is not None and tu == unit:
            rows.append({"year": int(r.year), "what": "target 目标", "value": tv, "shown": r.target_shown,
                         "sentence": r.target_sentence, "english": r.target_en, "verdict": r.verdict_shown})
        av, au = _common(r.actual, r.actual_unit)
        if av is not None and au == unit:
            rows.append({"year": int(r.year), "what": "result 实绩", "value": av, "shown": r.actual_shown,
                         "sentence": r.actual_sentence, "english": r.actual_en, "verdict": r.verdict_shown})
    if not rows:
        return None
    data = pd.DataFrame(rows)
    data["sentence"] = data["sentence"].fillna("")
    data["run"] = [f"{w} {r}" for w, r in zip(data["what"], runs(data["year"], data["what"]))]
    title = f"{_label(key)} ({prose.word(metric)}, {unit})"
    color = alt.Color("what:N", title=None, sort=["target 目标", "result 实绩"])
    base = alt.Chart(data, title=title).encode(
        x=alt.X("year:O", title="year the target is for 目标年份"),
        y=alt.Y("value:Q", title=unit or "value", scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("what:N", title=" "), alt.Tooltip("shown:N", title="as written"),
                 alt.Tooltip("verdict:N"), alt.Tooltip("sentence:N", title="原文 source sentence"),
                 alt.Tooltip("english:N", title="official English")],
    )
    # one line per run of consecutive years: no line is drawn across a year without a target
    line = base.transform_filter("datum.what == 'target 目标'").mark_line(opacity=0.5).encode(
        color=color, detail="run:N")
    points = base.mark_point(size=80, filled=True).encode(color=color)
    return (line + points).properties(width=charts.WIDTH, height=180)


def runs(years, groups=None) -> list[int]:
    """For each year, the number of its run of consecutive years within its group (2008, 2010, 2011 -> 0, 1, 1):
    a chart draws one line per run, so a missing year breaks the line."""
    years = [int(y) for y in years]
    groups = list(groups) if groups is not None else [None] * len(years)
    out = [0] * len(years)
    for g in set(groups):
        idx = sorted((i for i in range(len(years)) if groups[i] == g), key=lambda i: years[i])
        run, prev = 0, None
        for i in idx:
            if prev is not None and years[i] != prev + 1:
                run += 1
            out[i], prev = run, years[i]
    return out


def gaps(s: pd.DataFrame, headlines: pd.DataFrame, key: str = "gdp", metric: str = "growth",
         level: str = "national") -> dict[str, list[int]]:
    """Years inside the series with no target for `key`: ``no_target`` where the report says it sets none (2020's
    没有提出全年经济增速具体目标), ``missing`` where the report of the corpus holds no such target at all (the 2009
    national report of the corpus lacks its targets passage)."""
    have = set(int(y) for y in s.loc[(s["key"] == key) & (s["metric"] == metric), "year"])
    h = headlines[headlines["level"] == level]
    report_years = sorted(int(y) for y in h["report_year"].dropna().unique())
    if not have or not report_years:
        return {"no_target": [], "missing": []}
    absent = set(int(y) for y in h.loc[(h["key"] == key) & (h["metric"] == metric) & (h["kind"] == "target")
                                      & (h["status"] == "no_target"), "report_year"])
    paired = [y for y in report_years if y + 1 in report_years and min(have) <= y <= max(have) and y not in have]
    return {"no_target": [y for y in paired if y in absent], "missing": [y for y in paired if y not in absent]}


def gaps_html(g: dict[str, list[int]]) -> str:
    """The gaps of :func:`gaps` in words (escaped HTML)."""
    text = []
    if g["missing"]:
        years = prose.join_words([str(y) for y in g["missing"]])
        text.append(f"The {years} national report in the corpus lacks its targets passage (GDP, prices, jobs, "
                    f"unemployment): it is missing in the source text, so these indicators have no {years} target "
                    f"here and no verdict.")
    if g["no_target"]:
        years = prose.join_words([str(y) for y in g["no_target"]])
        text.append(f"The {years} report set no GDP growth target (it says so), so there is no verdict for it.")
    if text:
        text.append("The charts draw no line across a missing year: the targets on either side are separate lines.")
    return prose.paragraphs_html(text)


def sentence_pairs_html(s: pd.DataFrame) -> str:
    """Each year's target and result as a card: verdict, the Chinese sentences and the official English beside them."""
    parts = []
    for r in s.itertuples(index=False):
        head = (f"<p><b>{prose.esc(r.year)}</b>: target {prose.esc(r.target_shown)}; result "
                f"{prose.esc(r.actual_shown or 'not stated')}; <b>{prose.esc(r.verdict_shown)}</b></p>")
        rows = [("target 目标", r.target_sentence, r.target_en)]
        if not prose._missing(r.actual_sentence):
            rows.append(("result 实绩", r.actual_sentence, r.actual_en))
        body = "".join(
            f'<tr><th>{prose.esc(what)}</th><td lang="zh">{prose.esc(zh)}</td>'
            f'<td lang="en">{prose.esc(en) if en else "<i>(no English in the corpus)</i>"}</td></tr>'
            for what, zh, en in rows)
        parts.append(f'<div class="gr-pair">{head}<div class="gr-scroll"><table class="gr-table gr-bilingual">'
                     f"<thead><tr><th></th><th>中文</th><th>official English</th></tr></thead><tbody>{body}</tbody>"
                     f"</table></div></div>")
    return "".join(parts)


def verdict_counts(s: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: how many targets have each verdict, one column for every verdict the table can hold (met,
    not met, no result, not comparable, no rule: zeros shown), and the total."""
    columns = list(VERDICT_WORDS)
    if s.empty:
        return pd.DataFrame(columns=["indicator", *columns, "targets"])
    c = s.groupby(["order", "indicator"])["verdict"].value_counts().unstack(fill_value=0)
    c = c.reindex(columns=columns, fill_value=0)
    c["targets"] = c.sum(axis=1)
    c = c.reset_index().sort_values("order").drop(columns="order").reset_index(drop=True)
    c.columns.name = None
    return c


def verdict_summary(s: pd.DataFrame) -> str:
    """The verdict table in one paragraph (escaped HTML), saying plainly that a missing result is not a met target."""
    n = len(s)
    if not n:
        return ""
    by = s["verdict"].astype(str).value_counts()
    met, missed, none = int(by.get("met", 0)), int(by.get("not met", 0)), int(by.get("no result", 0))
    other = n - met - missed - none
    def amount(k: int) -> str:
        return "none" if k == 0 else "one" if k == 1 else prose.number(k)

    text = (f"Of {prose.count(n, 'national target')} in the corpus, {amount(met)} {'was' if met == 1 else 'were'} met "
            f"and {amount(missed)} {'was' if missed in (0, 1) else 'were'} missed by the result the next report "
            f"states; for {amount(none)} the next report states no result at all.")
    if other:
        text += (f" {'One more' if other == 1 else prose.number(other) + ' more'} cannot be judged: the units differ "
                 f"(not comparable) or the glossary gives the indicator no direction (no rule).")
    text += (" A report seldom says that a target was missed: it leaves the figure out, so many misses go "
             "unstated and sit in the <i>no result</i> column, not among the targets met. The counts are therefore "
             "not a rate of success.")
    return f"<p>{text}</p>"


#: The columns of the regional verdict table, in English: narrow enough for the page's column.
REGIONAL_COLUMNS = ["region", "indicator", "year", "target", "result", "verdict"]


def regional(tvr: pd.DataFrame) -> pd.DataFrame:
    """Targets against results below the national level, one row each, with reader's words beside the keys."""
    sub = tvr[tvr["level"] != "national"].copy()
    if sub.empty:
        return sub.assign(**{c: pd.Series(dtype="object") for c in ("region_shown", "indicator", "target_shown",
                                                                      "actual_shown", "verdict_shown")})
    sub["region_shown"] = [f"{regions.english_name(r) or r} {regions.short_name(r)}".strip() for r in sub["region"]]
    sub["indicator"] = [_label(k) for k in sub["key"]]
    sub["target_shown"] = [prose.quantity(v, u, q, h) for v, u, q, h in
                           zip(sub["target"], sub["unit"], sub["target_qualifier"], sub["target_high"])]
    sub["actual_shown"] = [prose.quantity(v, u, q) for v, u, q in
                           zip(sub["actual"], sub["actual_unit"], sub["actual_qualifier"])]
    sub["verdict_shown"] = [VERDICT_WORDS.get(str(v), str(v)) for v in sub["verdict"]]
    return sub.reset_index(drop=True)


def regional_table(sub: pd.DataFrame) -> pd.DataFrame:
    """The narrow table of :func:`regional`: region, indicator, year, target, result, verdict (the sentences are in
    :func:`regional_sentences_html` and the CSV)."""
    out = pd.DataFrame({"region": sub["region_shown"], "indicator": sub["indicator"], "year": sub["year"],
                        "target": sub["target_shown"], "result": sub["actual_shown"], "verdict": sub["verdict_shown"]})
    return out[REGIONAL_COLUMNS].reset_index(drop=True)


def regional_sentences_html(sub: pd.DataFrame) -> str:
    """Each regional pair's two sentences, for an expandable detail under the table."""
    parts = []
    for r in sub.itertuples(index=False):
        parts.append(
            f"<p><b>{prose.esc(r.region_shown)}, {prose.esc(r.indicator)}, {prose.esc(r.year)}</b>: "
            f"{prose.esc(r.verdict_shown)}</p>"
            f'<blockquote class="gr-quote" lang="zh">目标 {prose.esc(book.quote(r.target_sentence))}</blockquote>'
            + (f'<blockquote class="gr-quote" lang="zh">实绩 {prose.esc(book.quote(r.actual_sentence))}</blockquote>'
               if not prose._missing(r.actual_sentence) else ""))
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# one year across provinces


def provinces(headlines: pd.DataFrame, year: int, cells=PROVINCIAL_CELLS) -> pd.DataFrame:
    """One row per province and cell: the province's target for `year`, its result for `year - 1` (stated in the
    same report), and the national target for `year` when the corpus holds the national report of that year."""
    h = headlines[headlines["report_year"] == year]
    rows = []
    national = h[h["level"] == "national"]
    for key, metric in cells:
        nat = national[(national["key"] == key) & (national["metric"] == metric) & (national["kind"] == "target")]
        nat_shown = prose.quantity(nat.iloc[0]["value"], nat.iloc[0]["unit"], nat.iloc[0]["qualifier"],
                                   nat.iloc[0]["value_high"]) if len(nat) else ""
        for region, g in h[(h["level"] == "province") & (h["key"] == key) & (h["metric"] == metric)].groupby("region"):
            period = g["period"].astype("string")
            tgt = g[(g["kind"] == "target") & (period == str(year))]
            res = g[(g["kind"] == "actual") & (period == str(year - 1))]
            t = tgt.iloc[0] if len(tgt) else None
            r = res.iloc[0] if len(res) else None
            if t is None and r is None:
                continue
            rows.append({
                "key": key, "metric": metric, "indicator": _label(key), "region": region,
                "region_en": regions.english_name(region) or str(region), "short": regions.short_name(region),
                "target": None if t is None else t["value"], "target_high": None if t is None else t["value_high"],
                "target_shown": "" if t is None or t["status"] == "no_target" else
                prose.quantity(t["value"], t["unit"], t["qualifier"], t["value_high"]),
                "no_target": bool(t is not None and t["status"] == "no_target"),
                "result": None if r is None else r["value"],
                "result_shown": "" if r is None else prose.quantity(r["value"], r["unit"], r["qualifier"], r["value_high"]),
                "unit": (t if t is not None else r)["unit"],
                "national_shown": nat_shown,
                "target_sentence": "" if t is None else str(t["sentence"]),
                "result_sentence": "" if r is None else str(r["sentence"]),
            })
    return pd.DataFrame(rows, columns=PROVINCE_COLUMNS)


PROVINCE_COLUMNS = ["key", "metric", "indicator", "region", "region_en", "short", "target", "target_high", "target_shown",
                    "no_target", "result", "result_shown", "unit", "national_shown", "target_sentence", "result_sentence"]


def provinces_wide(p: pd.DataFrame, cells=PROVINCIAL_CELLS) -> pd.DataFrame:
    """Provinces as rows, for each cell the target and the year-before result side by side."""
    out = None
    for key, metric in cells:
        d = p[(p["key"] == key) & (p["metric"] == metric)]
        if d.empty:
            continue
        e = glossary.by_key()[key]
        short = e.label_en.split(" (")[0]
        d = d.assign(target_shown=[("no target set" if nt else ts) for ts, nt in zip(d["target_shown"], d["no_target"])])
        d = d[["region_en", "region", "target_shown", "result_shown"]].rename(columns={
            "target_shown": f"{short}: target", "result_shown": f"{short}: result the year before"})
        out = d if out is None else out.merge(d, on=["region_en", "region"], how="outer")
    if out is None:
        return pd.DataFrame()
    out = out.sort_values("region_en").rename(columns={"region_en": "province", "region": "省份"})
    return out.fillna("").reset_index(drop=True)


#: Pixels the target and result marks of one row are set apart vertically (rows are 18 px).
TARGET_OFFSET = 4


def target_chart(p: pd.DataFrame, key: str, metric: str, title: str) -> alt.Chart | None:
    """Each province's target (a bar over a range, or a point) and its result of the year before."""
    d = p[(p["key"] == key) & (p["metric"] == metric) & p["target"].notna()].copy()
    if d.empty:
        return None
    d["high"] = d["target_high"].fillna(d["target"])
    d = d.sort_values(["target", "region_en"], ascending=[False, True])
    data = charts._plain(d, ["region_en", "region", "target", "high", "result", "target_shown", "result_shown",
                              "target_sentence", "result_sentence"])
    data["province"] = [f"{en} {zh}" for en, zh in zip(data["region_en"], data["region"])]
    order = data["province"].tolist()
    tips = [alt.Tooltip("province:N"), alt.Tooltip("target_shown:N", title="target 目标"),
            alt.Tooltip("result_shown:N", title="result the year before 上年实绩"),
            alt.Tooltip("target_sentence:N", title="目标原文"), alt.Tooltip("result_sentence:N", title="实绩原文")]
    base = alt.Chart(data, title=title).encode(y=alt.Y("province:N", sort=order, title=None), tooltip=tips)
    unit = str(d["unit"].iloc[0])
    rng = base.mark_rule(strokeWidth=6, opacity=0.45, color=charts.ACCENT).encode(
        x=alt.X("target:Q", title=unit, scale=alt.Scale(zero=False)), x2="high:Q")
    # the target a little above the row's line, the result (an open circle) a little below: a target equal to its
    # result shows both marks
    tgt = base.mark_point(filled=True, size=80, color=charts.ACCENT, shape="diamond", yOffset=-TARGET_OFFSET).encode(
        x="target:Q")
    res = base.transform_filter("isValid(datum.result)").mark_point(
        size=70, color=charts.SECOND, filled=False, strokeWidth=2, yOffset=TARGET_OFFSET).encode(x="result:Q")
    return (rng + tgt + res).properties(width=charts.WIDTH - 80, height=alt.Step(18))


NO_REPORT = "no report in the corpus"
NO_VALUE_GREY = "#d5dae0"


def tile_map(p: pd.DataFrame, key: str, metric: str, title: str, value: str = "target") -> alt.Chart:
    """A tile grid of the 31 provincial-level regions, coloured by `value` (the target's lower end by default);
    grey where the corpus holds no report or no such figure."""
    d = p[(p["key"] == key) & (p["metric"] == metric)].set_index("region")
    rows = []
    for t in regions.tiles().itertuples(index=False):
        r = d.loc[t.name_zh] if t.name_zh in d.index else None
        shown = "" if r is None else (r["target_shown"] if value == "target" else r["result_shown"])
        v = None if r is None or pd.isna(r[value]) else float(r[value])
        rows.append({"row": int(t.tile_row), "col": int(t.tile_col), "short": str(t.short_zh), "name_en": str(t.name_en),
                     "name_zh": str(t.name_zh), "value": v,
                     "shown": NO_REPORT if r is None else shown or "not stated",
                     "label": "no report" if r is None else shown or "–"})
    data = pd.DataFrame(rows)
    unit = str(d["unit"].iloc[0]) if len(d) else ""
    base = alt.Chart(data, title=title).encode(
        x=alt.X("col:O", axis=None), y=alt.Y("row:O", axis=None),
        tooltip=[alt.Tooltip("name_en:N", title="region"), alt.Tooltip("name_zh:N", title="地区"),
                 alt.Tooltip("shown:N", title="as written")])
    # every tile grey underneath (no report, or no such figure: as the text says), the valued ones coloured on top
    grey = base.mark_rect(stroke="white", strokeWidth=2, color=NO_VALUE_GREY)
    rect = base.transform_filter("isValid(datum.value)").mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("value:Q", title=f"{value} ({unit}); grey: no report or no figure", scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(orient="bottom", direction="horizontal", titleLimit=420)))
    name = base.mark_text(dy=-8, fontSize=12).encode(text="short:N", color=alt.condition(
        "datum.value > 5.2", alt.value("white"), alt.value("#1a1a1a")))
    val = base.mark_text(dy=9, fontSize=10).encode(text="label:N", color=alt.condition(
        "datum.value > 5.2", alt.value("white"), alt.value("#1a1a1a")))
    return (grey + rect + name + val).properties(width=7 * 62, height=8 * 50)


def corpus_summary_html(reports: pd.DataFrame) -> str:
    """What the corpus holds: reports per region and level, with the years."""
    ok = reports[reports["status"] == "ok"]
    rows = []
    for (level, region), g in ok.groupby(["level", "region"], sort=False):
        years = sorted(int(y) for y in g["year"].dropna())
        span = f"{years[0]}–{years[-1]}" if len(years) > 2 and years[-1] - years[0] + 1 == len(years) else ", ".join(map(str, years))
        rows.append((prose.esc(regions.display_name(region)), prose.esc(regions.level_name(region, level)),
                     prose.esc(span), len(years), level))
    rows.sort(key=lambda r: ({"national": 0, "province": 1}.get(r[4], 2), r[0]))
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d, _ in rows)
    return (f'<div class="gr-scroll"><table class="gr-table"><thead><tr><th>region 地区</th><th>level</th><th>years</th>'
            f"<th>reports</th></tr></thead><tbody>{body}</tbody></table></div>")
