"""The one Altair theme of the project and the chart builders used by the notebooks.

* Chinese labels render: the theme names CJK fonts first ("Noto Sans CJK SC", Debian package
  ``fonts-noto-cjk``), then common fallbacks.
* Every mark built from report numbers carries a tooltip with the source sentence.
* Charts display through the ``govreport`` renderer: a ``<div>`` with an id derived from the spec
  (no random ids, so notebook outputs are identical run after run) and a call to ``vegaEmbed``,
  which the book serves from its own files (see :func:`govreport.publish.book.write_vega_assets`); no CDN.
* The spec is embedded as JSON with ``<``, ``>``, ``&`` escaped, so report text such as
  ``</script>`` stays text.
"""

from __future__ import annotations

import hashlib
import itertools
import json

import altair as alt
import pandas as pd

THEME = "govreport"
RENDERER = "govreport"
FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
ACCENT = "#1f5a96"
SECOND = "#c8553d"
GOOD = "#2a7f62"
BAD = "#c8553d"
DIRECTIONS = ["good news", "bad news", "no direction"]
MUTED = "#9aa5b1"
WIDTH = 400

_counter = itertools.count(1)


def theme() -> dict:
    """The theme as a Vega-Lite config."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 320, "stroke": None},
            "title": {"font": FONT, "fontSize": 15, "anchor": "start", "color": "#1a1a1a"},
            "axis": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "labelLimit": 260,
                "gridColor": "#e6e9ed",
                "domainColor": "#9aa5b1",
            },
            "header": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 13, "labelAnchor": "start"},
            # legends below the plot, so a chart never grows past the text column
            "legend": {"labelFont": FONT, "titleFont": FONT, "labelLimit": 320, "orient": "bottom", "direction": "horizontal"},
            "text": {"font": FONT},
            "bar": {"color": ACCENT},
            "point": {"color": ACCENT, "filled": True, "size": 70},
            "rule": {"color": ACCENT},
            "range": {"category": [ACCENT, SECOND, "#6a994e", "#bc6c25", MUTED]},
        }
    }


def _escape_json(spec: dict) -> str:
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


def embed_html(spec: dict, element_id: str | None = None) -> str:
    """HTML that renders `spec` with the page's vegaEmbed, or says plainly why it cannot."""
    payload = _escape_json(spec)
    if element_id is None:
        digest = hashlib.sha1(payload.encode("utf-8")).hexdigest()[:10]
        element_id = f"gr-chart-{next(_counter)}-{digest}"
    return (
        f'<div class="gr-chart" id="{element_id}"></div>\n'
        '<script type="text/javascript">\n'
        "(function(){\n"
        f'var el=document.getElementById("{element_id}");\n'
        f"var spec={payload};\n"
        'if(typeof vegaEmbed==="undefined"){el.textContent="(chart: vega-embed is not loaded on this page; in JupyterLab use govreport.publish.charts.enable(\\"default\\"))";return;}\n'
        'vegaEmbed(el,spec,{"actions":false,"renderer":"svg"}).catch(function(err){el.textContent="chart error: "+err;console.error(err);});\n'
        "})();\n"
        "</script>"
    )


def _render(spec: dict, **metadata) -> dict:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return {"text/html": embed_html(spec), "text/plain": f"<chart: {title or 'untitled'}>"}


def enable(renderer: str = RENDERER) -> None:
    """Register and enable the project theme and renderer (idempotent).

    The ``govreport`` renderer expects the page to provide vegaEmbed, as the book does. In
    JupyterLab, call ``enable("default")`` to let Altair render with JupyterLab's own vega.
    """

    @alt.theme.register(THEME, enable=True)
    def _theme():
        return alt.theme.ThemeConfig(theme())  # type: ignore[arg-type]

    alt.renderers.register(RENDERER, _render)
    alt.renderers.enable(renderer)


# ---------------------------------------------------------------------------------------------
# data preparation


def _plain(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Columns as plain Python objects (None for missing), so the spec is simple JSON."""
    out = df[columns].copy()
    for c in columns:
        if pd.api.types.is_numeric_dtype(out[c]) and not pd.api.types.is_bool_dtype(out[c]):
            out[c] = out[c].astype("float64").replace([float("inf"), float("-inf")], float("nan"))
        else:
            out[c] = out[c].astype("object").where(out[c].notna(), None)
    return out.reset_index(drop=True)


def _tips(data: pd.DataFrame, tooltip: list) -> list[alt.Tooltip]:
    out = []
    for t in tooltip:
        col, title = (t, t) if isinstance(t, str) else t
        kind = "Q" if pd.api.types.is_numeric_dtype(data[col]) and not pd.api.types.is_bool_dtype(data[col]) else "N"
        out.append(alt.Tooltip(f"{col}:{kind}", title=title))
    return out


def _cols(tooltip: list) -> list[str]:
    return [t if isinstance(t, str) else t[0] for t in tooltip]


def _sentence_tooltip(extra: list[alt.Tooltip]) -> list[alt.Tooltip]:
    return extra + [alt.Tooltip("sentence:N", title="原文 source sentence")]


def _empty(title: str) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"note": ["(nothing to chart for this report)"]}), title=title)
        .mark_text(align="left", fontSize=13, color=MUTED)
        .encode(text="note:N")
        .properties(width=WIDTH, height=30)
    )


def numbers_per_section(counts: pd.DataFrame, title: str = "Numbers per section 各部分数字数量") -> alt.Chart:
    """Bars of how many indicator numbers each section holds.

    `counts` has columns section_id, section (title), role, n_indicators; bars keep document order.
    """
    if counts.empty:
        return _empty(title)
    data = _plain(counts, ["section_id", "section", "role", "n_indicators"])
    order = data.sort_values("section_id")["section"].tolist()
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("section:N", sort=order, title=None),
            x=alt.X("n_indicators:Q", title="indicator numbers 指标数字"),
            color=alt.Color("role:N", title="role"),
            tooltip=[
                alt.Tooltip("section:N", title="section 部分"),
                alt.Tooltip("role:N"),
                alt.Tooltip("n_indicators:Q", title="numbers"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(18))
    )


_SEP = "|#"  # joins a bar's name and its offset (two rows may share a name); the axis shows the name
_LABEL_EXPR = f"split(datum.label, '{_SEP}')[0]"


def _labels(data: pd.DataFrame, name: str) -> list[str]:
    """Unique y labels: the name plus the offset (hidden by the axis labelExpr)."""
    return [f"{i}{_SEP}{s}" for i, s in zip(data[name], data["start"].astype(int))]


def growth_bars(rows: pd.DataFrame, title: str = "Growth rates stated for the year 增长率", name: str = "indicator") -> alt.Chart:
    """Horizontal bars of growth rates (%), one per indicator row, tooltip with the sentence.

    `rows` are indicator rows (schema.INDICATORS columns) with metric == "growth"; `name` is the
    column labelling the bars (e.g. an English label with the Chinese name).
    """
    if "direction" in rows:
        color = alt.Color("direction:N", title="news by the glossary's direction", sort=DIRECTIONS,
                          scale=alt.Scale(domain=DIRECTIONS, range=[GOOD, BAD, MUTED]))
        extra = ["unit", "period", "direction"]
    else:  # no direction known: one colour, never red for a decline (a fall can be good news)
        color, extra = None, ["unit", "period"]
    tips = [alt.Tooltip("indicator:N", title="指标 indicator"), alt.Tooltip("value:Q", title="value (%)"),
            alt.Tooltip("period:N")]
    if "shown" in rows:
        extra.append("shown")
        tips[1] = alt.Tooltip("shown:N", title="as written")
    return _indicator_bars(rows, title, name, extra, "growth 增长 (%)", tips, color=color)


def level_points(rows: pd.DataFrame, title: str, x_title: str = "value", name: str = "indicator") -> alt.Chart:
    """Bars of levels in one unit (e.g. 亿元), one per indicator row, tooltip with the sentence."""
    extra = ["unit", "base_value", "period"] + (["shown"] if "shown" in rows else [])
    value_tip = alt.Tooltip("shown:N", title="as written") if "shown" in rows else alt.Tooltip("value:Q")
    return _indicator_bars(
        rows, title, name, extra, x_title,
        [alt.Tooltip("indicator:N", title="指标 indicator"), value_tip,
         alt.Tooltip("unit:N", title="unit 单位"), alt.Tooltip("period:N")],
    )


def _indicator_bars(rows: pd.DataFrame, title: str, name: str, extra: list[str], x_title: str, tooltip: list,
                    color=None) -> alt.Chart:
    """One horizontal bar per indicator row, largest first, labelled by `name`, tooltip with the sentence."""
    if rows.empty:
        return _empty(title)
    data = _plain(rows, list(dict.fromkeys(["indicator", name, "value", *extra, "sentence", "start"])))
    data["label"] = _labels(data, name)
    order = data.sort_values(["value", "start"], ascending=[False, True])["label"].tolist()
    encoding = {
        "y": alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelExpr=_LABEL_EXPR)),
        "x": alt.X("value:Q", title=x_title),
        "tooltip": _sentence_tooltip(tooltip),
    }
    if color is not None:
        encoding["color"] = color
    return alt.Chart(data, title=title).mark_bar().encode(**encoding).properties(width=WIDTH, height=alt.Step(18))


def interval_chart(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    low: str,
    high: str,
    title: str,
    x_title: str,
    tooltip: list,
) -> alt.Chart:
    """A point per row with a rule from `low` to `high` (e.g. a derived measure and its rounding interval).

    `tooltip` lists columns, or (column, title) pairs; include the source sentences.
    """
    if data.empty:
        return _empty(title)
    cols = list(dict.fromkeys([label, value, low, high, *_cols(tooltip)]))
    plain = _plain(data, cols)
    order = list(dict.fromkeys(plain[label].tolist()))
    base = alt.Chart(plain, title=title).encode(y=alt.Y(f"{label}:N", sort=order, title=None))
    tips = _tips(plain, tooltip)
    rule = base.mark_rule(strokeWidth=3, opacity=0.5).encode(
        x=alt.X(f"{low}:Q", title=x_title), x2=f"{high}:Q", tooltip=tips
    )
    point = base.mark_point().encode(x=f"{value}:Q", tooltip=tips)
    return (rule + point).properties(width=WIDTH, height=alt.Step(20))


def target_result_chart(
    data: pd.DataFrame,
    *,
    label: str,
    target: str,
    result: str,
    title: str,
    x_title: str,
    tooltip: list,
) -> alt.Chart:
    """For each indicator one mark at the target and one at last year's result.

    `tooltip` lists columns, or (column, title) pairs; include the target and result sentences.
    """
    if data.empty:
        return _empty(title)
    cols = list(dict.fromkeys([label, target, result, *_cols(tooltip)]))
    plain = _plain(data, cols)
    long = plain.melt(
        id_vars=[c for c in cols if c not in (target, result)], value_vars=[target, result], var_name="what", value_name="value"
    )
    long = long.dropna(subset=["value"])
    if long.empty:
        return _empty(title)
    long["what"] = long["what"].map({target: "target 目标", result: "result 实绩"})
    tips = [alt.Tooltip("what:N", title=" "), alt.Tooltip("value:Q")] + _tips(
        long, [t for t in tooltip if (t if isinstance(t, str) else t[0]) in long]
    )
    order = list(dict.fromkeys(plain[label].tolist()))
    return (
        alt.Chart(long, title=title)
        .mark_point(size=90)
        .encode(
            y=alt.Y(f"{label}:N", sort=order, title=None),
            x=alt.X("value:Q", title=x_title),
            color=alt.Color("what:N", title=None, sort=["target 目标", "result 实绩"]),
            shape=alt.Shape("what:N", title=None, sort=["target 目标", "result 实绩"]),
            tooltip=tips,
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )


def term_bars(terms: pd.DataFrame, title: str = "Most frequent policy terms per section 各部分高频政策词") -> alt.Chart:
    """Faceted bars of term counts per top-level section, with an example sentence as tooltip.

    `terms` has columns section_id, section, term, count, rank, sentence.
    """
    if terms.empty:
        return _empty(title)
    from govreport.publish.vocabulary import gloss

    data = _plain(terms, ["section_id", "section", "term", "count", "rank", "sentence"])
    data["english"] = [gloss(t) for t in data["term"]]
    sections = data.sort_values("section_id")["section"].drop_duplicates().tolist()
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("term:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
            x=alt.X("count:Q", title="occurrences 次数"),
            tooltip=[
                alt.Tooltip("term:N", title="词 term"),
                alt.Tooltip("english:N", title="English"),
                alt.Tooltip("count:Q"),
                alt.Tooltip("section:N", title="section 部分"),
                alt.Tooltip("sentence:N", title="例句 example sentence"),
            ],
        )
        .properties(width=WIDTH - 120, height=alt.Step(16))
        .facet(row=alt.Row("section:N", sort=sections, title=None, header=alt.Header(labelAngle=0, labelAlign="left")))
        .resolve_scale(y="independent")
        .properties(title=title)
    )


#: How a share in the structure bar is known, in its legend (a computed share is not "from the report").
STRUCTURE_STATUS = {"stated": "stated in the report", "computed": "computed from the report's numbers",
                    "approximation": "approximation", "implied": "implied by a stated ratio"}


def structure_bar(measures: pd.DataFrame, title: str = "The structure of the economy 三次产业结构") -> alt.Chart:
    """One stacked bar of the industries' shares of output (rows of the measures with `label`, `value`, `display`,
    `how`, `range`, `sentences`); an approximation is hatched lighter and says so in its label."""
    if measures.empty:
        return _empty(title)
    data = _plain(measures, ["label", "value", "display", "how", "range", "sentences", "status"])
    data["part"] = [f"{lab} ({STRUCTURE_STATUS.get(str(st), str(st))})" for lab, st in zip(data["label"], data["status"])]
    data["order"] = range(len(data))
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title="share of output (%)", stack="zero", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("part:N", title=None, sort=data["part"].tolist(),
                            legend=alt.Legend(orient="bottom", direction="vertical")),
            opacity=alt.condition("datum.status == 'approximation'", alt.value(0.55), alt.value(1.0)),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("label:N", title="measure"), alt.Tooltip("display:N", title="value"),
                     alt.Tooltip("range:N", title="range"), alt.Tooltip("how:N", title="how it is known"),
                     alt.Tooltip("sentences:N", title="原文 source sentences")],
        )
        .properties(width=WIDTH, height=40)
    )
